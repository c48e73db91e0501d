//! `dabir body add|rename`: organisations (member bodies, support institutions, the
//! broker organisation, CDA and TA firms).

pub mod add;
pub mod rename;

use crate::commands::{CliError, Globals, Status};

#[derive(Debug, clap::Subcommand)]
pub enum BodyCmd {
    Add(add::BodyAddArgs),
    Rename(rename::BodyRenameArgs),
}

pub fn run(g: &Globals, cmd: BodyCmd) -> Result<Status, CliError> {
    match cmd {
        BodyCmd::Add(a) => add::run(g, a),
        BodyCmd::Rename(a) => rename::run(g, a),
    }
}
