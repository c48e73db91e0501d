//! `dabir dispute escalate`: escalate to the national (TPO) working group; only after a provincial no-agreement

use crate::commands::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, write};
use crate::model::JDate;
use crate::model::dispute::DisputeStep;
use crate::store::Action;

/// Escalate to the national (TPO) working group; only after a provincial no-agreement
/// (R-DIS-1).
#[derive(Debug, clap::Args)]
pub struct EscalateArgs {
    /// The record's id (`dabir list` finds one from a name).
    pub id: String,
    /// The national working group.
    #[arg(long, value_name = "COMMITTEE")]
    pub committee: String,
    /// The day it happened, Solar Hijri (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, a: EscalateArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.id.clone(), |tx| {
        let date = a.date.unwrap_or(tx.today);
        let id = a.id.clone();
        let d = tx.dispute_mut(&a.id)?;
        d.escalate(DisputeStep {
            committee: a.committee.clone(),
            referred_on: date,
            outcome: None,
            decided_on: None,
            decision: None,
        })?;
        Ok(Action::DisputeEscalate {
            id,
            committee: a.committee.clone(),
            date,
        })
    })
}
