//! `dabir plan register|revise|money`: action plans (R-PLAN-1), budget revisions within
//! ±10% of the originally approved amount, cumulatively (R-BUD-1), and the money trail
//! estimate -> approved -> allocated -> paid (R-BUD-2).

pub mod money;
pub mod register;
pub mod revise;

use crate::commands::{CliError, Globals, Status};
use crate::model::plan::MoneyStepKind;
use crate::model::{JDate, Kind};
use crate::store::StoreError;

#[derive(Debug, clap::Subcommand)]
pub enum PlanCmd {
    Register(register::RegisterArgs),
    Revise(revise::ReviseArgs),
    Money(money::MoneyArgs),
}

fn path(id: &str) -> String {
    Kind::Plan.path_of(id).unwrap_or_else(|_| id.to_string())
}

fn usage(what: &str, spec: &str, form: &str) -> StoreError {
    StoreError::Usage(format!("--{what} {spec:?} is not {form}"))
}

fn date(s: &str) -> Result<JDate, StoreError> {
    JDate::parse(s).map_err(|e| StoreError::Usage(e.to_string()))
}

fn amount(s: &str) -> Result<u64, StoreError> {
    crate::model::text::ascii_digits(s.trim())
        .replace([',', '٬', '_'], "")
        .parse()
        .map_err(|_| StoreError::Usage(format!("{s:?} is not an amount in rials")))
}

fn step_name(s: MoneyStepKind) -> &'static str {
    match s {
        MoneyStepKind::Estimate => "estimate",
        MoneyStepKind::Approved => "approved",
        MoneyStepKind::Allocated => "allocated",
        MoneyStepKind::Paid => "paid",
    }
}

pub fn run(g: &Globals, cmd: PlanCmd) -> Result<Status, CliError> {
    match cmd {
        PlanCmd::Register(a) => register::run(g, a),
        PlanCmd::Revise(a) => revise::run(g, a),
        PlanCmd::Money(a) => money::run(g, a),
    }
}
