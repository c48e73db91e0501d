//! `dabir committee add`: add a committee; members are appointed with `dabir member appoint`.

use crate::commands::{CliError, Globals, Status};
use crate::commands::{WriteOpts, enum_arg, write};
use crate::model::Record;
use crate::model::committee::{Committee, CommitteeKind, QuorumRule};
use crate::store::Change;
use crate::tr;

/// Add a committee; members are appointed with `dabir member appoint`.
#[derive(Debug, clap::Args)]
pub struct CommitteeAddArgs {
    /// The new committee's id (ESF-PC, ESF-EC, ESF-SC-FARSH).
    pub id: String,
    /// provincial, expert, steering, national or working-group.
    #[arg(long, value_parser = enum_arg::<CommitteeKind>)]
    pub kind: CommitteeKind,
    /// Its Persian name.
    #[arg(long)]
    pub name: String,
    /// The committee it reports to.
    #[arg(long, value_name = "COMMITTEE")]
    pub parent: Option<String>,
    /// The cluster a steering council steers.
    #[arg(long, value_name = "CLUSTER")]
    pub cluster: Option<String>,
    /// majority or two-thirds.
    #[arg(long, value_parser = enum_arg::<QuorumRule>, default_value = "majority")]
    pub quorum: QuorumRule,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, a: CommitteeAddArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.id.clone(), |tx| {
        let (id, name) = (a.id.clone(), a.name.clone());
        tx.create(Record::Committee(Committee {
            id: a.id,
            kind: a.kind,
            name: a.name,
            parent: a.parent,
            cluster: a.cluster,
            quorum: a.quorum,
            memberships: vec![],
        }))?;
        Ok(Change {
            action: "committee.add",
            subject: tr!("Add committee {id}: {name}", "افزودن کمیته {id}: {name}"),
            body: vec![],
            decision: None,
            date: None,
        })
    })
}
