//! One module per command: an `XxxArgs` struct (its doc comment is the `--help` text) and
//! a `run` function that translates between the terminal and the domain.

pub mod brief;
pub mod check;
pub mod explain;
pub mod rules;

use crate::cli::{CliError, Globals};
use crate::rules::history::History;

/// The git history the history rules read (R-MTG-9), from `rev` or `HEAD`; `None` outside
/// git.
pub(crate) fn history(g: &Globals, rev: Option<&str>) -> Result<Option<History>, CliError> {
    let root = crate::repo::discover(&g.dir).unwrap_or_else(|_| g.dir.clone());
    History::open(&root, rev).map_err(|e| CliError::CouldNotRun(format!("git: {e}")))
}
