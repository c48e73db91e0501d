//! `dabir report receive` and `dabir review record`: the quarterly reports of the CDA
//! and executors (R-REP-1) and the supervisor's reviews (R-REP-2).

use crate::cli::{CliError, Globals, Status, parse_date};
use crate::model::report::{Progress, Report, Review};
use crate::model::{JDate, Record};
use crate::store::{Change, StoreError};
use crate::tr;

use super::{WriteOpts, ids, write};

#[derive(Debug, clap::Subcommand)]
pub enum ReportCmd {
    Receive(ReceiveArgs),
}

#[derive(Debug, clap::Subcommand)]
pub enum ReviewCmd {
    Record(RecordArgs),
}

/// Record a quarterly report received (R-REP-1).
#[derive(Debug, clap::Args)]
pub struct ReceiveArgs {
    /// The new report's id (ESF-RP-FARSH-1403-2).
    pub id: String,
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

/// Record a supervisor's review of performance and economic return (R-REP-2).
#[derive(Debug, clap::Args)]
pub struct RecordArgs {
    /// The new review's id (ESF-RV-FARSH-1403-1).
    pub id: String,
    #[arg(long, value_name = "CLUSTER")]
    pub cluster: String,
    #[arg(long, value_name = "PERSON")]
    pub supervisor: String,
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    /// Performance found, in Persian.
    #[arg(long)]
    pub performance: String,
    #[arg(long)]
    pub economic_return: Option<String>,
    #[arg(long = "proposal", value_name = "TEXT")]
    pub proposals: Vec<String>,
    /// The committees (secretariats) it was sent to, comma-separated.
    #[arg(long, value_name = "COMMITTEES", default_value = "")]
    pub sent_to: String,
    #[command(flatten)]
    pub write: WriteOpts,
}

fn progress(s: &str) -> Result<Progress, StoreError> {
    let bad = || StoreError::Usage(format!("--progress {s:?} is not ACTIVITY=PERCENT[:NOTE]"));
    let (activity, rest) = s.split_once('=').ok_or_else(bad)?;
    let (pct, note) = match rest.split_once(':') {
        Some((p, n)) => (p, Some(n.trim().to_string())),
        None => (rest, None),
    };
    let percent: u8 = crate::model::text::ascii_digits(pct.trim().trim_end_matches(['%', '٪']))
        .parse()
        .map_err(|_| bad())?;
    Ok(Progress {
        activity: activity.trim().to_string(),
        percent,
        note,
    })
}

pub fn run(g: &Globals, cmd: ReportCmd) -> Result<Status, CliError> {
    match cmd {
        ReportCmd::Receive(a) => write(g, &a.write, &a.id.clone(), |tx| {
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
            Ok(Change {
                action: "report.receive",
                subject: tr!(
                    "Quarterly report {id} of cluster {c} ({y} Q{q})",
                    "دریافت گزارش سه‌ماهه {id} خوشه {c} (فصل {q} سال {y})"
                ),
                body: vec![],
                decision: None,
                date: Some(received),
            })
        }),
    }
}

pub fn run_review(g: &Globals, cmd: ReviewCmd) -> Result<Status, CliError> {
    match cmd {
        ReviewCmd::Record(a) => write(g, &a.write, &a.id.clone(), |tx| {
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
            Ok(Change {
                action: "review.record",
                subject: tr!(
                    "Supervisor review {id} of cluster {c}",
                    "ثبت گزارش ناظر {id} برای خوشه {c}"
                ),
                body: vec![tr!("by {s} on {date}", "به قلم {s} در {date}")],
                decision: None,
                date: Some(date),
            })
        }),
    }
}
