//! `dabir print invitation <MEETING>`: the letter inviting the members to a meeting.

use crate::commands::{CliError, Globals, Status};
use crate::print::{Doc, data};

use super::OutArgs;

/// Print the invitation to a meeting (R-MTG-3): its letter number and date when
/// recorded, the date and place, the agenda, the members in office on the meeting date,
/// and the signer.
#[derive(Debug, clap::Args)]
pub struct InvitationArgs {
    /// The meeting's id.
    pub meeting: String,
    #[command(flatten)]
    pub out: OutArgs,
}

pub fn run(g: &Globals, args: InvitationArgs) -> Result<Status, CliError> {
    super::record_document(
        g,
        Doc::Invitation,
        &args.meeting,
        &args.out,
        |l, c, lang, logo| {
            let d = data::invitation(l, c, lang, logo, &args.meeting)?;
            let m = l.meeting(&args.meeting)?;
            let date = m.invitation.map(|i| i.letter.date).unwrap_or(m.date);
            Ok((d, date))
        },
    )
}
