//! `dabir cluster register`: register a cluster on the initial list (F3), citing the decision or document.

use crate::commands::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, write};
use crate::model::cluster::StageStep;
use crate::model::{Cluster, JDate, Record, Stage};
use crate::store::Action;

use super::{EvidenceArgs, no_evidence};

/// Register a cluster on the initial list (F3), citing the decision or document.
#[derive(Debug, clap::Args)]
pub struct RegisterArgs {
    /// The new cluster's id (ESF-CL-GOLAB).
    pub id: String,
    /// Persian name.
    #[arg(long)]
    pub name: String,
    /// The product, in Persian.
    #[arg(long)]
    pub product: String,
    /// The county (شهرستان) it is concentrated in.
    #[arg(long)]
    pub county: String,
    /// The number of firms.
    #[arg(long)]
    pub firms: Option<u32>,
    /// The date it entered the initial list (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    #[command(flatten)]
    pub evidence: EvidenceArgs,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, a: RegisterArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.id.clone(), |tx| {
        let date = a.date.unwrap_or(tx.today);
        let id = a.id.clone();
        let evidence = a
            .evidence
            .evidence(date)
            .ok_or_else(|| no_evidence(&id, Stage::F3))?;
        let name = a.name.clone();
        tx.create(Record::Cluster(Cluster {
            id: a.id.clone(),
            name: a.name.clone(),
            product: a.product.clone(),
            county: a.county.clone(),
            firms: a.firms,
            assessment: None,
            stages: vec![StageStep {
                stage: Stage::F3,
                date,
                evidence,
            }],
            cda: vec![],
            ta: vec![],
            supervisors: vec![],
        }))?;
        Ok(Action::ClusterRegister {
            id,
            name,
            decision: a.evidence.decision.clone(),
            date,
        })
    })
}
