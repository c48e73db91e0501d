//! `dabir cluster advance`: advance the cluster one lifecycle stage, citing the decision or document (R-CLU-2).

use crate::commands::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, write};
use crate::model::cluster::StageStep;
use crate::model::{JDate, Stage};
use crate::store::{Action, StoreError, refuse};
use crate::tr;

use super::{EvidenceArgs, no_evidence, path};

/// Advance the cluster one lifecycle stage, citing the decision or document (R-CLU-2).
#[derive(Debug, clap::Args)]
pub struct AdvanceArgs {
    /// The record's id (`dabir list` finds one from a name).
    pub id: String,
    /// The stage reached: F3-1, F3-3, F3-4, F6, F7, F8, F9, F9-1, F9-2, F9-3, F10 ... F15.
    #[arg(long, value_name = "STAGE")]
    pub to: String,
    /// The day it happened, Solar Hijri (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    #[command(flatten)]
    pub evidence: EvidenceArgs,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, a: AdvanceArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.id.clone(), |tx| {
        let date = a.date.unwrap_or(tx.today);
        let id = a.id.clone();
        let to = Stage::from_code(&a.to).ok_or_else(|| {
            let to = &a.to;
            StoreError::Invalid(crate::tr!(
                "--to {to:?} is not a stage (F3 ... F15)",
                "--to «{to}» مرحله‌ای نیست (F3 تا F15)"
            ))
        })?;
        let evidence = a
            .evidence
            .evidence(date)
            .ok_or_else(|| no_evidence(&id, to))?;
        let cl = tx.cluster_mut(&a.id)?;
        let from = cl.stage();
        let allowed: &[Stage] = match from {
            Some(s) => s.successors(),
            None => &[Stage::F3],
        };
        if !allowed.contains(&to) {
            let now = from.map_or("-".to_string(), |s| s.code().to_string());
            let next: Vec<&str> = allowed.iter().map(|s| s.code()).collect();
            let next = next.join(" / ");
            return Err(refuse(
                "R-CLU-2",
                path(&id),
                tr!(
                    "{id} is at {now}; it may move only to {next}, not {to}: a cluster cannot skip a stage",
                    "{id} در مرحله {now} است و تنها به {next} می‌رود، نه {to}: خوشه مرحله‌ای را جا نمی‌اندازد"
                ),
            ));
        }
        cl.stages.push(StageStep {
            stage: to,
            date,
            evidence: evidence.clone(),
        });
        Ok(Action::ClusterAdvance {
            id,
            to,
            evidence,
            date,
        })
    })
}
