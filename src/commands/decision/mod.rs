//! `dabir decision dispatch|progress|done|carry-over`: a decision's follow-up, recorded
//! in the decision's own record so approved minutes are never touched (R-MTG-5, R-MTG-6).

pub mod carry_over;
pub mod dispatch;
pub mod done;
pub mod progress;

use crate::commands::{CliError, Globals, Status};

#[derive(Debug, clap::Subcommand)]
pub enum DecisionCmd {
    Dispatch(dispatch::DispatchArgs),
    Progress(progress::ProgressArgs),
    Done(done::DoneArgs),
    CarryOver(carry_over::CarryOverArgs),
}

pub fn run(g: &Globals, cmd: DecisionCmd) -> Result<Status, CliError> {
    match cmd {
        DecisionCmd::Dispatch(a) => dispatch::run(g, a),
        DecisionCmd::Progress(a) => progress::run(g, a),
        DecisionCmd::Done(a) => done::run(g, a),
        DecisionCmd::CarryOver(a) => carry_over::run(g, a),
    }
}
