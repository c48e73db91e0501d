//! `dabir member substitute`: register the alternate who sits for a member.

use crate::commands::{CliError, Globals, Status};
use crate::commands::{WriteOpts, write};
use crate::model::Kind;
use crate::store::Change;
use crate::tr;

use super::current;

/// Register the alternate who sits for a member.
#[derive(Debug, clap::Args)]
pub struct SubstituteArgs {
    pub committee: String,
    /// The member.
    #[arg(long, value_name = "PERSON")]
    pub person: String,
    /// The alternate.
    #[arg(long, value_name = "PERSON")]
    pub substitute: String,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, a: SubstituteArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.committee.clone(), |tx| {
        tx.require(Kind::Person, &a.substitute)?;
        let c = tx.committee_mut(&a.committee)?;
        let m = current(&mut c.memberships, &a.person, &a.committee)?;
        m.substitute = Some(a.substitute.clone());
        let (p, s, cid) = (&a.person, &a.substitute, &a.committee);
        Ok(Change {
            action: "member.substitute",
            subject: tr!(
                "Register {s} as substitute for {p} on {cid}",
                "ثبت {s} به جانشینی {p} در {cid}"
            ),
            body: vec![],
            decision: None,
            date: None,
        })
    })
}
