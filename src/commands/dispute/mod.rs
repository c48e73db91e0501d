//! `dabir dispute raise|provincial-outcome|escalate|resolve`: a dispute goes first to the
//! provincial working group, and to the national one only on no agreement there (R-DIS-1).

pub mod escalate;
pub mod provincial_outcome;
pub mod raise;
pub mod resolve;

use crate::commands::{CliError, Globals, Status};

#[derive(Debug, clap::Subcommand)]
pub enum DisputeCmd {
    Raise(raise::RaiseArgs),
    ProvincialOutcome(provincial_outcome::OutcomeArgs),
    Escalate(escalate::EscalateArgs),
    Resolve(resolve::ResolveArgs),
}

pub fn run(g: &Globals, cmd: DisputeCmd) -> Result<Status, CliError> {
    match cmd {
        DisputeCmd::Raise(a) => raise::run(g, a),
        DisputeCmd::ProvincialOutcome(a) => provincial_outcome::run(g, a),
        DisputeCmd::Escalate(a) => escalate::run(g, a),
        DisputeCmd::Resolve(a) => resolve::run(g, a),
    }
}
