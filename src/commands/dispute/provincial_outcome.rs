//! `dabir dispute provincial-outcome`: record what the provincial working group reached: agreement or no-agreement.

use crate::commands::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, enum_arg, write};
use crate::model::JDate;
use crate::model::dispute::Outcome;
use crate::store::Action;

/// Record what the provincial working group reached: agreement or no-agreement.
#[derive(Debug, clap::Args)]
pub struct OutcomeArgs {
    /// The record's id (`dabir list` finds one from a name).
    pub id: String,
    /// agreement or no-agreement.
    #[arg(long, value_parser = enum_arg::<Outcome>)]
    pub outcome: Outcome,
    /// The day it happened, Solar Hijri (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    /// The decision recording it.
    #[arg(long, value_name = "DECISION")]
    pub decision: Option<String>,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, a: OutcomeArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.id.clone(), |tx| {
        let date = a.date.unwrap_or(tx.today);
        let id = a.id.clone();
        let d = tx.dispute_mut(&a.id)?;
        d.provincial_outcome(a.outcome, date, a.decision.clone())?;
        Ok(Action::DisputeProvincialOutcome {
            id,
            outcome: a.outcome,
            decision: a.decision.clone(),
            date,
        })
    })
}
