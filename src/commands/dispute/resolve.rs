//! `dabir dispute resolve`: close a dispute with its resolution.

use crate::cli::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, write};
use crate::model::JDate;
use crate::model::dispute::{DisputeStatus, Outcome};
use crate::store::{Change, refuse};
use crate::tr;

use super::path;

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
        if d.status == DisputeStatus::Resolved {
            return Err(refuse(
                "R-DIS-1",
                path(&id),
                tr!("{id} is already resolved", "{id} پیش‌تر حل شده است"),
            ));
        }
        d.status = DisputeStatus::Resolved;
        d.resolution = Some(a.resolution.clone());
        // The step it was settled at records the agreement.
        let step = if d.national.is_some() {
            d.national.as_mut()
        } else {
            d.provincial.as_mut()
        };
        if let Some(s) = step.filter(|s| s.outcome.is_none()) {
            s.outcome = Some(Outcome::Agreement);
            s.decided_on = Some(date);
            s.decision = a.decision.clone();
        }
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
