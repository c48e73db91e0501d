//! `dabir body rename`: rename an organisation (its id stays).

use crate::commands::{CliError, Globals, Status};
use crate::commands::{WriteOpts, write};
use crate::store::Action;

/// Rename an organisation (its id stays).
#[derive(Debug, clap::Args)]
pub struct BodyRenameArgs {
    /// The record's id (`dabir list` finds one from a name).
    pub id: String,
    /// The new Persian name.
    #[arg(long)]
    pub name: String,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, a: BodyRenameArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.id.clone(), |tx| {
        let b = tx.body_mut(&a.id)?;
        let (id, old, new) = (
            a.id.clone(),
            std::mem::replace(&mut b.name, a.name.clone()),
            a.name.clone(),
        );
        Ok(Action::BodyRename { id, old, new })
    })
}
