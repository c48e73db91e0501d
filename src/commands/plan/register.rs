//! `dabir plan register`: register an approved action plan with its activities and budget lines.

use crate::commands::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, enum_arg, ids, write};
use crate::model::plan::{Activity, BudgetLine, CostKind, Plan};
use crate::model::{JDate, Record};
use crate::store::{Action, StoreError};

use super::{amount, date, usage};

/// Register an approved action plan with its activities and budget lines.
#[derive(Debug, clap::Args)]
pub struct RegisterArgs {
    /// The new plan's id (ESF-PL-GOLAB-1403).
    pub id: String,
    /// The cluster (ESF-CL-GOLAB).
    #[arg(long, value_name = "CLUSTER")]
    pub cluster: String,
    /// Its title, in Persian.
    #[arg(long)]
    pub title: String,
    /// The decision approving the plan.
    #[arg(long, value_name = "DECISION")]
    pub decision: Option<String>,
    /// The first day, Solar Hijri.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub start: JDate,
    /// The last day, Solar Hijri.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub end: JDate,
    /// An activity: `A1|TITLE|BODY[,BODY]|START|END`.
    #[arg(
        long = "activity",
        value_name = "ID|TITLE|BODIES|START|END",
        required = true
    )]
    pub activities: Vec<String>,
    /// A budget line: `L1|ACTIVITY|FUNDER|agency or execution|AMOUNT` (rials).
    #[arg(long = "line", value_name = "ID|ACTIVITY|FUNDER|COST|AMOUNT")]
    pub lines: Vec<String>,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, a: RegisterArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.id.clone(), |tx| {
        let mut activities = Vec::new();
        for s in &a.activities {
            let p: Vec<&str> = s.split('|').collect();
            let [id, title, bodies, start, end] = p[..] else {
                return Err(usage("activity", s, "ID|TITLE|BODIES|START|END"));
            };
            activities.push(Activity {
                id: id.trim().into(),
                title: title.trim().into(),
                responsible: ids(bodies),
                start: date(start)?,
                end: date(end)?,
            });
        }
        let mut lines = Vec::new();
        for s in &a.lines {
            let p: Vec<&str> = s.split('|').collect();
            let [id, activity, funder, cost, amt] = p[..] else {
                return Err(usage("line", s, "ID|ACTIVITY|FUNDER|COST|AMOUNT"));
            };
            let cost: CostKind = enum_arg(cost).map_err(|e| {
                StoreError::Usage(crate::tr!(
                    "--line {s:?}: {e}",
                    "‎--line‎ «{s}» پذیرفته نیست: {e}"
                ))
            })?;
            lines.push(BudgetLine {
                id: id.trim().into(),
                activity: activity.trim().into(),
                funder: funder.trim().into(),
                cost,
                approved: amount(amt)?,
                trail: vec![],
            });
        }
        let total: u64 = lines.iter().map(|l| l.approved).sum();
        let (id, title, n, m) = (a.id.clone(), a.title.clone(), activities.len(), lines.len());
        tx.create(Record::Plan(Plan {
            id: a.id.clone(),
            cluster: a.cluster.clone(),
            title: a.title.clone(),
            approved_by: a.decision.clone(),
            start: a.start,
            end: a.end,
            activities,
            lines,
            revisions: vec![],
        }))?;
        Ok(Action::PlanRegister {
            id,
            title,
            activities: n,
            lines: m,
            total,
            decision: a.decision.clone(),
        })
    })
}
