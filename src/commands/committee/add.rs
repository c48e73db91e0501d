//! `dabir committee add`: add a committee; members are appointed with `dabir member appoint`.
//! A steering council names its cluster and starts with the cluster's current CDA as its
//! secretary and its TA in the TA seat (R-SC-1), from their appointments
//! (`dabir cluster appoint`).

use crate::commands::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, enum_arg, write};
use crate::model::committee::{Committee, CommitteeKind, Membership, QuorumRule, Role};
use crate::model::{JDate, Kind, Record};
use crate::store::action::Seat;
use crate::store::{Action, refuse};
use crate::tr;

/// Add a committee; members are appointed with `dabir member appoint`. A steering
/// council (`--kind steering --cluster CLUSTER`) starts with the cluster's current CDA as
/// secretary and its TA (appointed with `dabir cluster appoint`).
#[derive(Debug, clap::Args)]
pub struct CommitteeAddArgs {
    /// The new committee's id (ESF-PC, ESF-EC, ESF-SC-GOLAB).
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
    /// The body holding its secretariat; for a working group, TPO's makes it the national
    /// working group (R-DIS-1).
    #[arg(long, value_name = "BODY")]
    pub secretariat: Option<String>,
    /// majority or two-thirds.
    #[arg(long, value_parser = enum_arg::<QuorumRule>, default_value = "majority")]
    pub quorum: QuorumRule,
    /// The day it was formed: a steering council's first seats start then (default:
    /// today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, a: CommitteeAddArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.id.clone(), |tx| {
        let (id, name) = (a.id.clone(), a.name.clone());
        let start = a.date.unwrap_or(tx.today);
        let mut memberships = Vec::new();
        let mut seats = Vec::new();
        if a.kind == CommitteeKind::Steering {
            let Some(cluster) = &a.cluster else {
                return Err(refuse(
                    "R-SC-1",
                    Kind::Committee.path_of(&id).unwrap_or_default(),
                    tr!(
                        "a steering council steers one cluster: name it with --cluster",
                        "شورای راهبری برای یک خوشه است: آن را با ‎--cluster‎ نام ببرید"
                    ),
                ));
            };
            let cl = tx.cluster(cluster)?;
            for (list, role) in [(&cl.cda, Role::Secretary), (&cl.ta, Role::Ta)] {
                let Some(ap) = list.iter().rev().find(|x| x.current_on(start)) else {
                    continue;
                };
                let Some(seat) = ap.body.clone() else {
                    continue;
                };
                let p = ap.person.clone();
                memberships.push(Membership {
                    person: p.clone(),
                    body: seat,
                    role,
                    decree: None,
                    start,
                    end: None,
                    end_reason: None,
                    substitute: None,
                });
                seats.push(Seat {
                    role,
                    person: p,
                    start,
                });
            }
        }
        tx.create(Record::Committee(Committee {
            attachments: Vec::new(),
            id: a.id,
            kind: a.kind,
            name: a.name,
            parent: a.parent,
            cluster: a.cluster,
            secretariat: a.secretariat,
            quorum: a.quorum,
            memberships,
        }))?;
        Ok(Action::CommitteeAdd { id, name, seats })
    })
}
