//! `dabir report receive`: record a quarterly report received (R-REP-1).

use crate::commands::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, write};
use crate::model::report::Report;
use crate::model::{JDate, Record};
use crate::store::Action;

use super::progress;

/// Record a quarterly report received (R-REP-1).
#[derive(Debug, clap::Args)]
pub struct ReceiveArgs {
    /// The new report's id (ESF-CL-GOLAB-1404-Q1).
    pub id: String,
    /// The cluster (ESF-CL-GOLAB).
    #[arg(long, value_name = "CLUSTER")]
    pub cluster: String,
    /// The plan reported on.
    #[arg(long, value_name = "PLAN")]
    pub plan: Option<String>,
    /// The Solar Hijri year.
    #[arg(long)]
    pub year: u16,
    /// The season, 1-4.
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=4))]
    pub quarter: u8,
    /// Who sent it (the CDA or an executor).
    #[arg(long, value_name = "PERSON")]
    pub reporter: String,
    /// Default: today.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub received: Option<JDate>,
    /// Progress of an activity: `A1=60` or `A1=60:note`.
    #[arg(long = "progress", value_name = "ACTIVITY=PERCENT[:NOTE]")]
    pub progress: Vec<String>,
    /// A reason or bottleneck where progress lags.
    #[arg(long = "bottleneck", value_name = "TEXT")]
    pub bottlenecks: Vec<String>,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, a: ReceiveArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.id.clone(), |tx| {
        let received = a.received.unwrap_or(tx.today);
        let progress = a
            .progress
            .iter()
            .map(|s| progress(s))
            .collect::<Result<Vec<_>, _>>()?;
        let (id, c, y, q) = (a.id.clone(), a.cluster.clone(), a.year, a.quarter);
        tx.create(Record::Report(Report {
            id: a.id.clone(),
            cluster: a.cluster.clone(),
            plan: a.plan.clone(),
            year: a.year,
            quarter: a.quarter,
            reporter: a.reporter.clone(),
            received_on: received,
            progress,
            bottlenecks: a.bottlenecks.clone(),
        }))?;
        Ok(Action::ReportReceive {
            id,
            cluster: c,
            year: y,
            quarter: q,
            received,
        })
    })
}
