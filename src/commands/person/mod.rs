//! `dabir person add|rename`: members, substitutes, clerks, agents, supervisors.

pub mod add;
pub mod rename;

use crate::commands::{CliError, Globals, Status};

#[derive(Debug, clap::Subcommand)]
pub enum PersonCmd {
    Add(add::PersonAddArgs),
    Rename(rename::PersonRenameArgs),
}

pub fn run(g: &Globals, cmd: PersonCmd) -> Result<Status, CliError> {
    match cmd {
        PersonCmd::Add(a) => add::run(g, a),
        PersonCmd::Rename(a) => rename::run(g, a),
    }
}
