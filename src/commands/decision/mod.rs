//! `dabir decision dispatch|progress|done|carry-over`: a decision's follow-up, recorded
//! in the decision's own record so approved minutes are never touched (R-MTG-5, R-MTG-6).

pub mod carry_over;
pub mod dispatch;
pub mod done;
pub mod progress;

use crate::cli::{CliError, Globals, Status};
use crate::model::Kind;
use crate::model::decision::DecisionStatus;
use crate::store::refuse;
use crate::tr;

#[derive(Debug, clap::Subcommand)]
pub enum DecisionCmd {
    Dispatch(dispatch::DispatchArgs),
    Progress(progress::ProgressArgs),
    Done(done::DoneArgs),
    CarryOver(carry_over::CarryOverArgs),
}

fn path(id: &str) -> String {
    Kind::Decision
        .path_of(id)
        .unwrap_or_else(|_| id.to_string())
}

fn open_only(id: &str, status: DecisionStatus) -> Result<(), crate::store::StoreError> {
    if status == DecisionStatus::Open {
        return Ok(());
    }
    let s = serde_json::to_value(status)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    Err(refuse(
        "R-MTG-6",
        path(id),
        tr!("{id} is {s}, not open", "وضعیت {id} «{s}» است، نه باز"),
    ))
}

pub fn run(g: &Globals, cmd: DecisionCmd) -> Result<Status, CliError> {
    match cmd {
        DecisionCmd::Dispatch(a) => dispatch::run(g, a),
        DecisionCmd::Progress(a) => progress::run(g, a),
        DecisionCmd::Done(a) => done::run(g, a),
        DecisionCmd::CarryOver(a) => carry_over::run(g, a),
    }
}
