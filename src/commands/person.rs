//! `dabir person add|rename`: members, substitutes, clerks, agents, supervisors.

use crate::cli::{CliError, Globals, Status};
use crate::model::{Person, Record};
use crate::store::Change;
use crate::tr;

use super::{WriteOpts, write};

#[derive(Debug, clap::Subcommand)]
pub enum PersonCmd {
    Add(PersonAddArgs),
    Rename(PersonRenameArgs),
}

/// Add a person.
#[derive(Debug, clap::Args)]
pub struct PersonAddArgs {
    /// The new person's id (ESF-P-012).
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

/// Correct a person's name (the id stays).
#[derive(Debug, clap::Args)]
pub struct PersonRenameArgs {
    pub id: String,
    #[arg(long)]
    pub name: String,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, cmd: PersonCmd) -> Result<Status, CliError> {
    match cmd {
        PersonCmd::Add(a) => write(g, &a.write, &a.id.clone(), |tx| {
            let (id, name) = (a.id.clone(), a.name.clone());
            tx.create(Record::Person(Person {
                id: a.id,
                name: a.name,
                body: a.body,
                position: a.position,
            }))?;
            Ok(Change {
                action: "person.add",
                subject: tr!("Add person {id}: {name}", "افزودن شخص {id}: {name}"),
                body: vec![],
                decision: None,
                date: None,
            })
        }),
        PersonCmd::Rename(a) => write(g, &a.write, &a.id.clone(), |tx| {
            let p = tx.person_mut(&a.id)?;
            let (id, old, new) = (
                a.id.clone(),
                std::mem::replace(&mut p.name, a.name.clone()),
                a.name.clone(),
            );
            Ok(Change {
                action: "person.rename",
                subject: tr!("Rename person {id}", "تغییر نام شخص {id}"),
                body: vec![tr!("{old} -> {new}", "{old} ← {new}")],
                decision: None,
                date: None,
            })
        }),
    }
}
