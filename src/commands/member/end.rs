//! `dabir member end`: end a membership, with its reason; the seat's history stays.

use crate::commands::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, enum_arg, write};
use crate::model::JDate;
use crate::model::committee::EndReason;
use crate::store::Action;

use super::current;

/// End a membership, with its reason; the seat's history stays.
#[derive(Debug, clap::Args)]
pub struct EndArgs {
    /// The committee (ESF-PC).
    pub committee: String,
    /// The person (a person id, ESF-P-001).
    #[arg(long, value_name = "PERSON")]
    pub person: String,
    /// The membership's end date (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub end: Option<JDate>,
    /// left-post, replaced, resigned, term-ended, deceased, other.
    #[arg(long, value_parser = enum_arg::<EndReason>)]
    pub reason: EndReason,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, a: EndArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.committee.clone(), |tx| {
        let end = a.end.unwrap_or(tx.today);
        let c = tx.committee_mut(&a.committee)?;
        let m = current(&mut c.memberships, &a.person, &a.committee)?;
        m.end = Some(end);
        m.end_reason = Some(a.reason);
        Ok(Action::MemberEnd {
            person: a.person.clone(),
            committee: a.committee.clone(),
            end,
            reason: a.reason,
        })
    })
}
