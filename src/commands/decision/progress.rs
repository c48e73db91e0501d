//! `dabir decision progress`: record progress reported on a decision.

use crate::commands::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, letter, write};
use crate::model::JDate;
use crate::model::decision::{Followup, FollowupKind};
use crate::store::Action;

/// Record progress reported on a decision.
#[derive(Debug, clap::Args)]
pub struct ProgressArgs {
    /// The record's id (`dabir list` finds one from a name).
    pub id: String,
    /// What was reported, in Persian.
    #[arg(long)]
    pub note: String,
    /// The day it happened, Solar Hijri (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    /// The letter or document that evidences it.
    #[arg(long, value_name = "NUMBER")]
    pub evidence: Option<String>,
    /// The date of the evidence letter (default: --date).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub evidence_date: Option<JDate>,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, a: ProgressArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.id.clone(), |tx| {
        let date = a.date.unwrap_or(tx.today);
        let evidence = letter(&a.evidence, a.evidence_date, date);
        let id = a.id.clone();
        let d = tx.decision_mut(&a.id)?;
        d.follow_up(Followup {
            date,
            kind: FollowupKind::Progress,
            note: a.note.clone(),
            evidence,
            meeting: None,
        })?;
        Ok(Action::DecisionProgress {
            id,
            date,
            note: a.note.clone(),
        })
    })
}
