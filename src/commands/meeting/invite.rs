//! `dabir meeting invite`: record the official invitation letter (R-MTG-3).

use crate::commands::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, write};
use crate::model::meeting::Invitation;
use crate::model::{JDate, Letter};
use crate::store::Change;
use crate::tr;

/// Record the official invitation letter (R-MTG-3).
#[derive(Debug, clap::Args)]
pub struct InviteArgs {
    pub id: String,
    #[arg(long, value_name = "NUMBER")]
    pub letter: String,
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub letter_date: Option<JDate>,
    /// Who signed it (the deputy for planning).
    #[arg(long, value_name = "PERSON")]
    pub signed_by: String,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, a: InviteArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.id.clone(), |tx| {
        let date = a.letter_date.unwrap_or(tx.today);
        let m = tx.meeting_mut(&a.id)?;
        m.invitation = Some(Invitation {
            letter: Letter {
                number: a.letter.clone(),
                date,
            },
            signed_by: a.signed_by.clone(),
        });
        let (id, n, s) = (&a.id, &a.letter, &a.signed_by);
        Ok(Change {
            action: "meeting.invite",
            subject: tr!(
                "Invitation to {id}: letter {n}",
                "دعوت‌نامه جلسه {id}: نامه {n}"
            ),
            body: vec![tr!("signed by {s} on {date}", "به امضای {s} در {date}")],
            decision: None,
            date: Some(date),
        })
    })
}
