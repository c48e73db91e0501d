//! `dabir decision carry-over`: carry a decision over to a later meeting, which takes it up again.

use crate::commands::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, write};
use crate::model::decision::{Followup, FollowupKind};
use crate::model::{JDate, Kind};
use crate::store::Action;

/// Carry a decision over to a later meeting, which takes it up again.
#[derive(Debug, clap::Args)]
pub struct CarryOverArgs {
    /// The record's id (`dabir list` finds one from a name).
    pub id: String,
    /// The meeting it goes to.
    #[arg(long, value_name = "MEETING")]
    pub to: String,
    /// A note, in Persian.
    #[arg(long, default_value = "")]
    pub note: String,
    /// The day it happened, Solar Hijri (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, a: CarryOverArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.id.clone(), |tx| {
        let date = a.date.unwrap_or(tx.today);
        tx.require(Kind::Meeting, &a.to)?;
        let id = a.id.clone();
        let d = tx.decision_mut(&a.id)?;
        d.follow_up(Followup {
            date,
            kind: FollowupKind::CarriedOver,
            note: if a.note.is_empty() {
                format!("به جلسه {}", a.to)
            } else {
                a.note.clone()
            },
            evidence: None,
            meeting: Some(a.to.clone()),
        })?;
        Ok(Action::DecisionCarryOver {
            id,
            to: a.to.clone(),
            date,
        })
    })
}
