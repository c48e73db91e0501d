//! `dabir meeting approve-agenda`: record the deputy for planning's approval of the agenda (R-MTG-2).

use crate::commands::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, write};
use crate::model::JDate;
use crate::store::Change;
use crate::tr;

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
        m.approve_agenda(a.by.clone(), date)?;
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
