//! `dabir programme`: the national annual programme in a province (`docs/domain.md`,
//! "The annual programme"): its copy adopted from the national repository, and the
//! province's quarterly progress on its axes (R-PRG-1..3).

pub mod adopt;
pub mod progress;

use crate::commands::{CliError, Globals, Status};
use crate::model::programme::Season;

/// The annual programme: adopt the national copy, record quarterly progress.
#[derive(Debug, clap::Subcommand)]
pub enum ProgrammeCmd {
    Adopt(adopt::AdoptArgs),
    Progress(progress::ProgressArgs),
}

pub fn run(g: &Globals, cmd: ProgrammeCmd) -> Result<Status, CliError> {
    match cmd {
        ProgrammeCmd::Adopt(a) => adopt::run(g, a),
        ProgrammeCmd::Progress(a) => progress::run(g, a),
    }
}

/// A season on the command line: `1404-Q2` (Persian digits too).
pub fn parse_season(s: &str) -> Result<Season, String> {
    s.parse()
}
