//! `dabir body add|rename`: organisations (member bodies, support institutions, the
//! broker organisation, CDA and TA firms).

use crate::cli::{CliError, Globals, Status};
use crate::model::Record;
use crate::model::body::{Body, BodyCategory};
use crate::store::Change;
use crate::tr;

use super::{WriteOpts, enum_arg, write};

#[derive(Debug, clap::Subcommand)]
pub enum BodyCmd {
    Add(BodyAddArgs),
    Rename(BodyRenameArgs),
}

/// Add an organisation (a member body, support institution, firm ...).
#[derive(Debug, clap::Args)]
pub struct BodyAddArgs {
    /// The new body's id (ESF-B-SMT).
    pub id: String,
    /// Its Persian name.
    #[arg(long)]
    pub name: String,
    /// What it is: governorate, industrial-estates, industry-mine-trade, chamber, bank,
    /// support-institution, cda, ta, cluster-firm, tpo, isipo, other, ...
    #[arg(long, value_parser = enum_arg::<BodyCategory>)]
    pub category: BodyCategory,
    /// The body it belongs to.
    #[arg(long, value_name = "BODY")]
    pub parent: Option<String>,
    #[arg(long)]
    pub note: Option<String>,
    #[command(flatten)]
    pub write: WriteOpts,
}

/// Rename an organisation (its id stays).
#[derive(Debug, clap::Args)]
pub struct BodyRenameArgs {
    pub id: String,
    /// The new Persian name.
    #[arg(long)]
    pub name: String,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, cmd: BodyCmd) -> Result<Status, CliError> {
    match cmd {
        BodyCmd::Add(a) => write(g, &a.write, &a.id.clone(), |tx| {
            let (id, name) = (a.id.clone(), a.name.clone());
            tx.create(Record::Body(Body {
                id: a.id,
                name: a.name,
                category: a.category,
                parent: a.parent,
                note: a.note,
            }))?;
            Ok(Change {
                action: "body.add",
                subject: tr!("Add body {id}: {name}", "افزودن نهاد {id}: {name}"),
                body: vec![],
                decision: None,
                date: None,
            })
        }),
        BodyCmd::Rename(a) => write(g, &a.write, &a.id.clone(), |tx| {
            let b = tx.body_mut(&a.id)?;
            let (id, old, new) = (
                a.id.clone(),
                std::mem::replace(&mut b.name, a.name.clone()),
                a.name.clone(),
            );
            Ok(Change {
                action: "body.rename",
                subject: tr!("Rename body {id}", "تغییر نام نهاد {id}"),
                body: vec![tr!("{old} -> {new}", "{old} ← {new}")],
                decision: None,
                date: None,
            })
        }),
    }
}
