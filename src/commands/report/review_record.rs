//! `dabir review record`: record a supervisor's review of performance and economic return (R-REP-2).

use crate::commands::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, ids, write};
use crate::model::report::Review;
use crate::model::{JDate, Record};
use crate::store::Change;
use crate::tr;

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
    })
}
