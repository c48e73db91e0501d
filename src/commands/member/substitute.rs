//! `dabir member substitute`: register the alternate who sits for a member.

use crate::commands::{CliError, Globals, Status};
use crate::commands::{WriteOpts, write};
use crate::model::Kind;
use crate::store::Action;

use super::current;

/// Register the alternate who sits for a member.
#[derive(Debug, clap::Args)]
pub struct SubstituteArgs {
    /// The committee (ESF-PC).
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
        Ok(Action::MemberSubstitute {
            person: a.person.clone(),
            substitute: a.substitute.clone(),
            committee: a.committee.clone(),
        })
    })
}
