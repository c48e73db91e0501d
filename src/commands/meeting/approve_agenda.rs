//! `dabir meeting approve-agenda`: record the deputy for planning's approval of the agenda (R-MTG-2).

use crate::commands::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, write};
use crate::model::JDate;
use crate::store::Action;

/// Record the deputy for planning's approval of the agenda (R-MTG-2).
#[derive(Debug, clap::Args)]
pub struct ApproveAgendaArgs {
    /// The record's id (`dabir list` finds one from a name).
    pub id: String,
    /// The approving person (the deputy for planning).
    #[arg(long, value_name = "PERSON")]
    pub by: String,
    /// The day it happened, Solar Hijri (default: today).
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
        Ok(Action::MeetingApproveAgenda {
            id,
            by: a.by.clone(),
            date,
        })
    })
}
