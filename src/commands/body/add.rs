//! `dabir body add`: add an organisation (a member body, support institution, firm ...).

use crate::commands::{CliError, Globals, Status};
use crate::commands::{WriteOpts, enum_arg, write};
use crate::model::Record;
use crate::model::body::{Body, BodyCategory};
use crate::store::Action;

/// Add an organisation (a member body, support institution, firm ...).
#[derive(Debug, clap::Args)]
pub struct BodyAddArgs {
    /// The new body's id (ESF-B-SMT).
    pub id: String,
    /// Its Persian name.
    #[arg(long)]
    pub name: String,
    /// What it is: governorate, industrial-estates, industry-mine-trade,
    /// cooperatives-labour, economy-finance, agriculture-jihad, heritage-tourism, chamber,
    /// bank-industry-mine, bank, guild-assembly, isipo, tpo, support-institution, cda, ta,
    /// cluster-firm or other.
    #[arg(long, value_parser = enum_arg::<BodyCategory>)]
    pub category: BodyCategory,
    /// The body it belongs to.
    #[arg(long, value_name = "BODY")]
    pub parent: Option<String>,
    /// A note, in Persian.
    #[arg(long)]
    pub note: Option<String>,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, a: BodyAddArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.id.clone(), |tx| {
        let (id, name) = (a.id.clone(), a.name.clone());
        tx.create(Record::Body(Body {
            id: a.id,
            name: a.name,
            category: a.category,
            parent: a.parent,
            note: a.note,
        }))?;
        Ok(Action::BodyAdd { id, name })
    })
}
