//! `dabir member end`: end a membership, with its reason; the seat's history stays.

use crate::commands::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, enum_arg, write};
use crate::model::JDate;
use crate::model::committee::EndReason;
use crate::store::Change;
use crate::tr;

use super::current;

/// End a membership, with its reason; the seat's history stays.
#[derive(Debug, clap::Args)]
pub struct EndArgs {
    pub committee: String,
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
        let (p, cid) = (&a.person, &a.committee);
        let reason = serde_json::to_value(a.reason)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        Ok(Change {
            action: "member.end",
            subject: tr!(
                "End the membership of {p} on {cid}",
                "پایان عضویت {p} در {cid}"
            ),
            body: vec![tr!(
                "on {end}, reason: {reason}",
                "در {end}، به سبب: {reason}"
            )],
            decision: None,
            date: Some(end),
        })
    })
}
