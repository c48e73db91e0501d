//! `dabir meeting approve-minutes`: approve the minutes, which locks them (R-MTG-9).

use crate::commands::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, write};
use crate::model::{JDate, Letter};
use crate::store::Action;

/// Approve the minutes, which locks them (R-MTG-9).
#[derive(Debug, clap::Args)]
pub struct ApproveMinutesArgs {
    /// The record's id (`dabir list` finds one from a name).
    pub id: String,
    /// The day it happened, Solar Hijri (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    /// The letter sending a copy of the minutes to ISIPO (R-MTG-5).
    #[arg(long, value_name = "NUMBER")]
    pub isipo_letter: Option<String>,
    /// The date of the letter sending the minutes to ISIPO (default: --date).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub isipo_letter_date: Option<JDate>,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, a: ApproveMinutesArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.id.clone(), |tx| {
        let date = a.date.unwrap_or(tx.today);
        let id = a.id.clone();
        let isipo = a.isipo_letter.clone().map(|number| Letter {
            number,
            date: a.isipo_letter_date.unwrap_or(date),
        });
        let m = tx.meeting_mut(&a.id)?;
        m.approve_minutes(date, isipo)?;
        Ok(Action::MeetingApproveMinutes { id, date })
    })
}
