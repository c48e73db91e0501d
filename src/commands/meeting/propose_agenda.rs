//! `dabir meeting propose-agenda`: record the agenda proposed by the industrial-estates company (R-MTG-2).

use crate::commands::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, write};
use crate::model::JDate;
use crate::model::meeting::{Agenda, AgendaItem};
use crate::store::Action;

use super::item;

/// Record the agenda proposed by the industrial-estates company (R-MTG-2).
#[derive(Debug, clap::Args)]
pub struct ProposeArgs {
    /// The record's id (`dabir list` finds one from a name).
    pub id: String,
    /// The proposing body (the industrial-estates company).
    #[arg(long, value_name = "BODY")]
    pub by: String,
    /// Default: today.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    /// An item, in order; `DECISION-ID: title` follows up a decision (R-MTG-6).
    #[arg(long = "item", value_name = "TITLE", required = true)]
    pub items: Vec<String>,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, a: ProposeArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.id.clone(), |tx| {
        let date = a.date.unwrap_or(tx.today);
        let m = tx.meeting_mut(&a.id)?;
        let items: Vec<AgendaItem> = a
            .items
            .iter()
            .enumerate()
            .map(|(i, t)| item(i as u32 + 1, t))
            .collect();
        let listed = items.iter().map(|i| (i.order, i.title.clone())).collect();
        m.propose_agenda(Agenda {
            proposed_by: a.by.clone(),
            proposed_on: date,
            approved_by: None,
            approved_on: None,
            items,
        })?;
        Ok(Action::MeetingProposeAgenda {
            id: a.id.clone(),
            by: a.by.clone(),
            date,
            items: listed,
        })
    })
}
