//! `dabir dispute raise`: raise a dispute between cluster actors at the provincial working group.

use crate::commands::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, ids, write};
use crate::model::dispute::{Dispute, DisputeStatus, DisputeStep};
use crate::model::{JDate, Record};
use crate::store::Action;

/// Raise a dispute between cluster actors at the provincial working group.
#[derive(Debug, clap::Args)]
pub struct RaiseArgs {
    /// The new dispute's id (ESF-DS-1404-01).
    pub id: String,
    /// The bodies in dispute, comma-separated.
    #[arg(long, value_name = "BODIES")]
    pub parties: String,
    /// What it is about, in Persian.
    #[arg(long)]
    pub subject: String,
    /// The cluster (ESF-CL-GOLAB).
    #[arg(long, value_name = "CLUSTER")]
    pub cluster: Option<String>,
    /// The provincial working group it is referred to.
    #[arg(long, value_name = "COMMITTEE")]
    pub committee: String,
    /// The day it happened, Solar Hijri (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, a: RaiseArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.id.clone(), |tx| {
        let date = a.date.unwrap_or(tx.today);
        let (id, c) = (a.id.clone(), a.committee.clone());
        tx.create(Record::Dispute(Dispute {
            id: a.id.clone(),
            cluster: a.cluster.clone(),
            parties: ids(&a.parties),
            subject: a.subject.clone(),
            raised_on: date,
            status: DisputeStatus::Open,
            provincial: Some(DisputeStep {
                committee: a.committee.clone(),
                referred_on: date,
                outcome: None,
                decided_on: None,
                decision: None,
            }),
            national: None,
            resolution: None,
        }))?;
        Ok(Action::DisputeRaise {
            id,
            committee: c,
            subject: a.subject.clone(),
            date,
        })
    })
}
