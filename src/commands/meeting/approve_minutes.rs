//! `dabir meeting approve-minutes`: approve the minutes, which locks them (R-MTG-9).

use crate::cli::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, write};
use crate::model::{JDate, Letter};
use crate::store::{Change, refuse};
use crate::tr;

use super::path;

/// Approve the minutes, which locks them (R-MTG-9).
#[derive(Debug, clap::Args)]
pub struct ApproveMinutesArgs {
    pub id: String,
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    /// The letter sending a copy of the minutes to ISIPO (R-MTG-5).
    #[arg(long, value_name = "NUMBER")]
    pub isipo_letter: Option<String>,
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
        let Some(minutes) = m.minutes.as_mut() else {
            return Err(refuse(
                "R-MTG-4",
                path(&id),
                tr!(
                    "{id} has no minutes to approve; run `dabir meeting minutes` first",
                    "برای {id} صورتجلسه‌ای ثبت نشده است"
                ),
            ));
        };
        if let Some(d) = minutes.approved_on {
            return Err(refuse(
                "R-MTG-9",
                path(&id),
                tr!(
                    "the minutes of {id} were already approved on {d}; approved minutes are locked",
                    "صورتجلسه {id} در {d} تأیید شده و قفل است"
                ),
            ));
        }
        minutes.approved_on = Some(date);
        minutes.isipo_copy = isipo;
        Ok(Change {
            action: "meeting.approve-minutes",
            subject: tr!(
                "Minutes of {id} approved and locked",
                "تأیید و قفل صورتجلسه {id}"
            ),
            body: vec![],
            decision: None,
            date: Some(date),
        })
    })
}
