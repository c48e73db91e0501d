//! `dabir committee add`: a committee of any kind (provincial, expert, steering council,
//! working group, national).

pub mod add;

use crate::commands::{CliError, Globals, Status};

#[derive(Debug, clap::Subcommand)]
pub enum CommitteeCmd {
    Add(add::CommitteeAddArgs),
}

pub fn run(g: &Globals, cmd: CommitteeCmd) -> Result<Status, CliError> {
    match cmd {
        CommitteeCmd::Add(a) => add::run(g, a),
    }
}
