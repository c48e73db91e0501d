//! `dabir decision done`: close a decision as done, with its evidence.

use crate::commands::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, write};
use crate::model::decision::{Followup, FollowupKind};
use crate::model::{JDate, Letter};
use crate::store::Action;

/// Close a decision as done, with its evidence.
#[derive(Debug, clap::Args)]
pub struct DoneArgs {
    /// The record's id (`dabir list` finds one from a name).
    pub id: String,
    /// A note, in Persian.
    #[arg(long)]
    pub note: String,
    /// The day it happened, Solar Hijri (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    /// The letter or document that shows it done.
    #[arg(long, value_name = "NUMBER")]
    pub evidence: String,
    /// The date of the evidence letter (default: --date).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub evidence_date: Option<JDate>,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, a: DoneArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.id.clone(), |tx| {
        let date = a.date.unwrap_or(tx.today);
        let evidence = Letter {
            number: a.evidence.clone(),
            date: a.evidence_date.unwrap_or(date),
        };
        let id = a.id.clone();
        let d = tx.decision_mut(&a.id)?;
        d.follow_up(Followup {
            date,
            kind: FollowupKind::Done,
            note: a.note.clone(),
            evidence: Some(evidence),
            meeting: None,
        })?;
        Ok(Action::DecisionDone {
            id,
            date,
            note: a.note.clone(),
            evidence: a.evidence.clone(),
        })
    })
}
