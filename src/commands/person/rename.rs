//! `dabir person rename`: correct a person's name (the id stays).

use crate::commands::{CliError, Globals, Status};
use crate::commands::{WriteOpts, write};
use crate::store::Action;

/// Correct a person's name (the id stays).
#[derive(Debug, clap::Args)]
pub struct PersonRenameArgs {
    /// The record's id (`dabir list` finds one from a name).
    pub id: String,
    /// The new name, in Persian.
    #[arg(long)]
    pub name: String,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, a: PersonRenameArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.id.clone(), |tx| {
        let p = tx.person_mut(&a.id)?;
        let (id, old, new) = (
            a.id.clone(),
            std::mem::replace(&mut p.name, a.name.clone()),
            a.name.clone(),
        );
        Ok(Action::PersonRename { id, old, new })
    })
}
