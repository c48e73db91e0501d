//! `dabir person add`: add a person.

use crate::commands::{CliError, Globals, Status};
use crate::commands::{WriteOpts, write};
use crate::model::{Person, Record};
use crate::store::Action;

/// Add a person.
#[derive(Debug, clap::Args)]
pub struct PersonAddArgs {
    /// The new person's id (ESF-P-001).
    pub id: String,
    /// Full name in Persian.
    #[arg(long)]
    pub name: String,
    /// The body the person works for.
    #[arg(long, value_name = "BODY")]
    pub body: Option<String>,
    /// The person's post, in Persian.
    #[arg(long)]
    pub position: Option<String>,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, a: PersonAddArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.id.clone(), |tx| {
        let (id, name) = (a.id.clone(), a.name.clone());
        tx.create(Record::Person(Person {
            id: a.id,
            name: a.name,
            body: a.body,
            position: a.position,
        }))?;
        Ok(Action::PersonAdd { id, name })
    })
}
