//! `dabir review record`: record a supervisor's review of performance and economic return (R-REP-2).

use crate::commands::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, ids, write};
use crate::model::report::Review;
use crate::model::{JDate, Record};
use crate::store::Action;

/// Record a supervisor's review of performance and economic return (R-REP-2).
#[derive(Debug, clap::Args)]
pub struct RecordArgs {
    /// The new review's id (ESF-CL-GOLAB-1404-R1).
    pub id: String,
    /// The cluster (ESF-CL-GOLAB).
    #[arg(long, value_name = "CLUSTER")]
    pub cluster: String,
    /// The supervisor (a person id).
    #[arg(long, value_name = "PERSON")]
    pub supervisor: String,
    /// The day it happened, Solar Hijri (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    /// Performance found, in Persian.
    #[arg(long)]
    pub performance: String,
    /// The economic return observed, in Persian.
    #[arg(long)]
    pub economic_return: Option<String>,
    /// An improvement proposal, in Persian (repeat for each).
    #[arg(long = "proposal", value_name = "TEXT")]
    pub proposals: Vec<String>,
    /// The committees (secretariats) it was sent to, comma-separated.
    #[arg(long, value_name = "COMMITTEES", default_value = "")]
    pub sent_to: String,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, a: RecordArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.id.clone(), |tx| {
        let date = a.date.unwrap_or(tx.today);
        let (id, c, s) = (a.id.clone(), a.cluster.clone(), a.supervisor.clone());
        tx.create(Record::Review(Review {
            id: a.id.clone(),
            cluster: a.cluster.clone(),
            supervisor: a.supervisor.clone(),
            date,
            performance: a.performance.clone(),
            economic_return: a.economic_return.clone(),
            proposals: a.proposals.clone(),
            sent_to: ids(&a.sent_to),
        }))?;
        Ok(Action::ReviewRecord {
            id,
            cluster: c,
            supervisor: s,
            date,
        })
    })
}
