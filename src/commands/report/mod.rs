//! `dabir report receive` and `dabir review record`: the quarterly reports of the CDA
//! and executors (R-REP-1) and the supervisor's reviews (R-REP-2).

pub mod receive;
pub mod review_record;

use crate::commands::{CliError, Globals, Status};
use crate::model::report::Progress;
use crate::store::StoreError;

#[derive(Debug, clap::Subcommand)]
pub enum ReportCmd {
    Receive(receive::ReceiveArgs),
}

#[derive(Debug, clap::Subcommand)]
pub enum ReviewCmd {
    Record(review_record::RecordArgs),
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
        ReportCmd::Receive(a) => receive::run(g, a),
    }
}

pub fn run_review(g: &Globals, cmd: ReviewCmd) -> Result<Status, CliError> {
    match cmd {
        ReviewCmd::Record(a) => review_record::run(g, a),
    }
}
