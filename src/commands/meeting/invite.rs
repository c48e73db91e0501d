//! `dabir meeting invite`: record the official invitation letter (R-MTG-3).

use crate::commands::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, write};
use crate::model::meeting::Invitation;
use crate::model::{JDate, Letter};
use crate::store::Action;

/// Record the official invitation letter (R-MTG-3).
#[derive(Debug, clap::Args)]
pub struct InviteArgs {
    /// The record's id (`dabir list` finds one from a name).
    pub id: String,
    /// The letter's number as printed (Persian digits welcome).
    #[arg(long, value_name = "NUMBER")]
    pub letter: String,
    /// The letter's date (default: today).
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
        Ok(Action::MeetingInvite {
            id: a.id.clone(),
            letter: a.letter.clone(),
            signed_by: a.signed_by.clone(),
            date,
        })
    })
}
