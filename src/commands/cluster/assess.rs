//! `dabir cluster assess`: record the nine-criteria assessment (R-CLU-1).

use crate::commands::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, write};
use crate::model::JDate;
use crate::model::cluster::{Assessment, Criteria, Criterion};
use crate::store::{Action, StoreError};

/// Record the nine-criteria assessment (R-CLU-1).
#[derive(Debug, clap::Args)]
pub struct AssessArgs {
    /// The record's id (`dabir list` finds one from a name).
    pub id: String,
    /// The assessing body (the provincial trade organisation).
    #[arg(long, value_name = "BODY")]
    pub by: String,
    /// The day it happened, Solar Hijri (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    /// The criteria met, comma-separated: concentration, related_products, legal_entity,
    /// export_share, capacity, value_added, advantage, networks, social_capital.
    #[arg(long, value_name = "CRITERIA", default_value = "")]
    pub met: String,
    /// A note on a criterion: `capacity=...`.
    #[arg(long = "note", value_name = "CRITERION=TEXT")]
    pub notes: Vec<String>,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, a: AssessArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.id.clone(), |tx| {
        let date = a.date.unwrap_or(tx.today);
        let id = a.id.clone();
        let met: Vec<String> = crate::commands::ids(&a.met)
            .into_iter()
            .map(|s| s.to_lowercase())
            .collect();
        let note_of = |k: &str| {
            a.notes.iter().find_map(|n| {
                n.split_once('=')
                    .filter(|(c, _)| c.trim() == k)
                    .map(|(_, t)| t.trim().to_string())
            })
        };
        let c = |k: &str| Criterion {
            met: met.iter().any(|m| m == k),
            note: note_of(k),
        };
        let criteria = Criteria {
            concentration: c("concentration"),
            related_products: c("related_products"),
            legal_entity: c("legal_entity"),
            export_share: c("export_share"),
            capacity: c("capacity"),
            value_added: c("value_added"),
            advantage: c("advantage"),
            networks: c("networks"),
            social_capital: c("social_capital"),
        };
        let known: Vec<&str> = criteria.all().iter().map(|(k, _)| *k).collect();
        if let Some(bad) = met.iter().find(|m| !known.contains(&m.as_str())) {
            let (list, list_fa) = (known.join(", "), known.join("، "));
            return Err(StoreError::Invalid(crate::tr!(
                "--met: `{bad}` is not one of {list}",
                "--met: «{bad}» یکی از این‌ها نیست: {list_fa}"
            )));
        }
        let n = criteria.all().iter().filter(|(_, c)| c.met).count();
        let cl = tx.cluster_mut(&a.id)?;
        cl.assessment = Some(Assessment {
            date,
            by: a.by.clone(),
            criteria,
        });
        Ok(Action::ClusterAssess {
            id,
            met: n,
            by: a.by.clone(),
            date,
        })
    })
}
