//! `dabir dispute resolve`: close a dispute with its resolution.

use crate::commands::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, write};
use crate::model::JDate;
use crate::store::Action;

/// Close a dispute with its resolution.
#[derive(Debug, clap::Args)]
pub struct ResolveArgs {
    /// The record's id (`dabir list` finds one from a name).
    pub id: String,
    /// How it was resolved, in Persian.
    #[arg(long)]
    pub resolution: String,
    /// The day it happened, Solar Hijri (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    /// The decision recording it.
    #[arg(long, value_name = "DECISION")]
    pub decision: Option<String>,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, a: ResolveArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.id.clone(), |tx| {
        let date = a.date.unwrap_or(tx.today);
        let id = a.id.clone();
        let d = tx.dispute_mut(&a.id)?;
        d.resolve(a.resolution.clone(), date, a.decision.clone())?;
        Ok(Action::DisputeResolve {
            id,
            resolution: a.resolution.clone(),
            decision: a.decision.clone(),
            date,
        })
    })
}
