//! `dabir dispute resolve`: close a dispute with its resolution.

use crate::commands::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, write};
use crate::model::JDate;
use crate::store::Change;
use crate::tr;

/// Close a dispute with its resolution.
#[derive(Debug, clap::Args)]
pub struct ResolveArgs {
    pub id: String,
    /// How it was resolved, in Persian.
    #[arg(long)]
    pub resolution: String,
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    /// The decision recording it.
    #[arg(long, value_name = "DECISION")]
    pub decision: Option<String>,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, a: ResolveArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.id.clone(), |tx| {
        let date = a.date.unwrap_or(tx.today);
        let id = a.id.clone();
        let d = tx.dispute_mut(&a.id)?;
        d.resolve(a.resolution.clone(), date, a.decision.clone())?;
        let r = &a.resolution;
        Ok(Change {
            action: "dispute.resolve",
            subject: tr!("Dispute {id} resolved", "حل اختلاف {id}"),
            body: vec![tr!("{r}", "{r}")],
            decision: a.decision.clone(),
            date: Some(date),
        })
    })
}
