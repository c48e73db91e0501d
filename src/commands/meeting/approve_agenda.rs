//! `dabir meeting approve-agenda`: record the deputy for planning's approval of the agenda (R-MTG-2).

use crate::cli::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, write};
use crate::model::JDate;
use crate::store::{Change, refuse};
use crate::tr;

use super::path;

/// Record the deputy for planning's approval of the agenda (R-MTG-2).
#[derive(Debug, clap::Args)]
pub struct ApproveAgendaArgs {
    pub id: String,
    /// The approving person (the deputy for planning).
    #[arg(long, value_name = "PERSON")]
    pub by: String,
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, a: ApproveAgendaArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.id.clone(), |tx| {
        let date = a.date.unwrap_or(tx.today);
        let id = a.id.clone();
        let m = tx.meeting_mut(&a.id)?;
        let Some(agenda) = m.agenda.as_mut() else {
            return Err(refuse(
                "R-MTG-2",
                path(&id),
                tr!(
                    "{id} has no proposed agenda to approve; run `dabir meeting propose-agenda` first",
                    "برای {id} دستور جلسه‌ای پیشنهاد نشده است"
                ),
            ));
        };
        if let Some(d) = agenda.approved_on {
            return Err(refuse(
                "R-MTG-2",
                path(&id),
                tr!(
                    "the agenda of {id} was already approved on {d}",
                    "دستور جلسه {id} در {d} تصویب شده است"
                ),
            ));
        }
        agenda.approved_by = Some(a.by.clone());
        agenda.approved_on = Some(date);
        let by = &a.by;
        Ok(Change {
            action: "meeting.approve-agenda",
            subject: tr!(
                "Agenda of {id} approved by {by}",
                "تصویب دستور جلسه {id} به دست {by}"
            ),
            body: vec![],
            decision: None,
            date: Some(date),
        })
    })
}
