//! `dabir print minutes <MEETING>`: the minutes (صورتجلسه) of a meeting.

use crate::commands::{CliError, Globals, Status};
use crate::print::{Doc, data};

use super::OutArgs;

/// Print the minutes of a meeting: letterhead, number and date, attendees and absentees
/// (and who sat on whose behalf), the agenda, the summary, each decision with its
/// responsible bodies and deadline, and the chair's and secretary's signature block.
#[derive(Debug, clap::Args)]
pub struct MinutesArgs {
    /// The meeting's id.
    pub meeting: String,
    #[command(flatten)]
    pub out: OutArgs,
}

pub fn run(g: &Globals, args: MinutesArgs) -> Result<Status, CliError> {
    super::record_document(
        g,
        Doc::Minutes,
        &args.meeting,
        &args.out,
        |l, c, lang, logo| {
            let d = data::minutes(l, c, lang, logo, &args.meeting)?;
            let date = l.meeting(&args.meeting)?.date;
            Ok((d, date))
        },
    )
}
