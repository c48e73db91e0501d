//! `dabir print letter <DECISION>`: the letter dispatching a decision (R-MTG-5).

use crate::commands::{CliError, Globals, Status};
use crate::print::{Doc, data};

use super::OutArgs;

/// Print the letter sending a decision to its responsible bodies (R-MTG-5): number,
/// date, attachments line, recipients, the decision's text and deadline, the signature
/// of the deputy for planning, and copies (رونوشت) to ISIPO and the secretariat.
#[derive(Debug, clap::Args)]
pub struct LetterArgs {
    /// The decision's id.
    pub decision: String,
    #[command(flatten)]
    pub out: OutArgs,
}

pub fn run(g: &Globals, args: LetterArgs) -> Result<Status, CliError> {
    super::record_document(
        g,
        Doc::Letter,
        &args.decision,
        &args.out,
        |l, c, lang, logo| {
            let d = data::letter(l, c, lang, logo, &args.decision)?;
            let dec = l.decision(&args.decision)?;
            let date = match dec.dispatch {
                Some(x) => x.letter.date,
                None => l.meeting(&dec.meeting)?.date,
            };
            Ok((d, date))
        },
    )
}
