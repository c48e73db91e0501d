//! `dabir plan register|revise|money`: action plans (R-PLAN-1), budget revisions within
//! ±10% of the originally approved amount, cumulatively (R-BUD-1), and the money trail
//! estimate -> approved -> allocated -> paid (R-BUD-2).

use crate::cli::{CliError, Globals, Status, parse_date};
use crate::model::plan::{
    Activity, BudgetLine, CostKind, MoneyStep, MoneyStepKind, Plan, Revision,
};
use crate::model::{JDate, Kind, Record};
use crate::store::{Change, StoreError, refuse};
use crate::tr;

use super::{WriteOpts, enum_arg, ids, letter, write};

#[derive(Debug, clap::Subcommand)]
pub enum PlanCmd {
    Register(RegisterArgs),
    Revise(ReviseArgs),
    Money(MoneyArgs),
}

/// Register an approved action plan with its activities and budget lines.
#[derive(Debug, clap::Args)]
pub struct RegisterArgs {
    /// The new plan's id (ESF-PL-FARSH-1403).
    pub id: String,
    #[arg(long, value_name = "CLUSTER")]
    pub cluster: String,
    #[arg(long)]
    pub title: String,
    /// The decision approving the plan.
    #[arg(long, value_name = "DECISION")]
    pub decision: Option<String>,
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub start: JDate,
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

/// Revise a budget line's approved amount, citing the supervisor's review and the
/// decision; refused beyond ±10% of the originally approved amount (R-BUD-1).
#[derive(Debug, clap::Args)]
pub struct ReviseArgs {
    pub id: String,
    /// The budget line (L1).
    #[arg(long)]
    pub line: String,
    /// The line's approved amount after the revision, in rials.
    #[arg(long)]
    pub amount: u64,
    /// The supervisor's review that grounds it.
    #[arg(long, value_name = "REVIEW")]
    pub review: String,
    /// The decision that made it.
    #[arg(long, value_name = "DECISION")]
    pub decision: String,
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    #[arg(long)]
    pub reason: Option<String>,
    #[command(flatten)]
    pub write: WriteOpts,
}

/// Record a step of a budget line's money trail: estimate, approved, allocated, paid.
#[derive(Debug, clap::Args)]
pub struct MoneyArgs {
    pub id: String,
    #[arg(long)]
    pub line: String,
    /// estimate, approved, allocated or paid.
    #[arg(long, value_parser = enum_arg::<MoneyStepKind>)]
    pub step: MoneyStepKind,
    /// Rials.
    #[arg(long)]
    pub amount: u64,
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    /// The letter, decision or payment order behind it.
    #[arg(long, value_name = "NUMBER")]
    pub letter: Option<String>,
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub letter_date: Option<JDate>,
    #[command(flatten)]
    pub write: WriteOpts,
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
        PlanCmd::Register(a) => write(g, &a.write, &a.id.clone(), |tx| {
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
                let cost: CostKind =
                    enum_arg(cost).map_err(|e| StoreError::Usage(format!("--line {s:?}: {e}")))?;
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
            Ok(Change {
                action: "plan.register",
                subject: tr!(
                    "Register action plan {id}: {title}",
                    "ثبت برنامه عمل {id}: {title}"
                ),
                body: vec![tr!(
                    "{n} activities, {m} budget lines, {total} rials",
                    "{n} فعالیت، {m} ردیف بودجه، {total} ریال"
                )],
                decision: a.decision.clone(),
                date: Some(a.start),
            })
        }),
        PlanCmd::Revise(a) => write(g, &a.write, &a.id.clone(), |tx| {
            let date = a.date.unwrap_or(tx.today);
            tx.require(Kind::Review, &a.review)?;
            tx.require(Kind::Decision, &a.decision)?;
            let id = a.id.clone();
            let p = tx.plan_mut(&a.id)?;
            let Some(line) = p.lines.iter().find(|l| l.id == a.line) else {
                let l = &a.line;
                return Err(refuse(
                    "R-REF-1",
                    path(&id),
                    tr!("{id} has no budget line {l}", "{id} ردیف بودجه {l} ندارد"),
                ));
            };
            let (original, current) = (line.approved, p.current_amount(line));
            let (lo, hi) = (original - original / 10, original + original / 10);
            let new = a.amount;
            if new < lo || new > hi {
                let l = &a.line;
                return Err(refuse(
                    "R-BUD-1",
                    path(&id),
                    tr!(
                        "{new} rials for line {l} is beyond ±10% of its originally approved {original} rials (allowed {lo}..{hi}), counting every revision",
                        "{new} ریال برای ردیف {l} بیرون از ±۱۰٪ مبلغ مصوب اولیه {original} ریال است (مجاز: {lo} تا {hi})، با همه بازنگری‌ها"
                    ),
                ));
            }
            p.revisions.push(Revision {
                date,
                line: a.line.clone(),
                amount: new,
                review: a.review.clone(),
                decision: a.decision.clone(),
                reason: a.reason.clone(),
            });
            let (l, r) = (&a.line, &a.review);
            Ok(Change {
                action: "plan.revise",
                subject: tr!(
                    "Revise line {l} of plan {id}",
                    "بازنگری ردیف {l} برنامه {id}"
                ),
                body: vec![tr!(
                    "{current} -> {new} rials (original {original}); review {r}",
                    "{current} ← {new} ریال (مصوب اولیه {original})؛ گزارش ناظر {r}"
                )],
                decision: Some(a.decision.clone()),
                date: Some(date),
            })
        }),
        PlanCmd::Money(a) => write(g, &a.write, &a.id.clone(), |tx| {
            let date = a.date.unwrap_or(tx.today);
            let id = a.id.clone();
            let p = tx.plan_mut(&a.id)?;
            let l = a.line.clone();
            let Some(line) = p.lines.iter_mut().find(|x| x.id == a.line) else {
                return Err(refuse(
                    "R-REF-1",
                    path(&id),
                    tr!("{id} has no budget line {l}", "{id} ردیف بودجه {l} ندارد"),
                ));
            };
            let last = line.trail.iter().map(|s| s.step).max();
            let step = a.step;
            let ok = match last {
                None => step == MoneyStepKind::Estimate,
                Some(prev) => step >= prev && (step as u8) <= prev as u8 + 1,
            };
            if !ok {
                let (s, prev) = (step_name(step), last.map_or("-", step_name));
                return Err(refuse(
                    "R-BUD-2",
                    path(&id),
                    tr!(
                        "line {l} of {id} is at `{prev}`; money moves estimate -> approved -> allocated -> paid, so `{s}` cannot come next",
                        "ردیف {l} برنامه {id} در گام «{prev}» است؛ پول از برآورد به تصویب، تخصیص و پرداخت می‌رود و «{s}» گام بعدی نیست"
                    ),
                ));
            }
            if let Some(prev) = line.trail.last().map(|s| s.date).filter(|d| *d > date) {
                return Err(refuse(
                    "R-BUD-2",
                    path(&id),
                    tr!(
                        "the last step of line {l} is dated {prev}; a step on {date} would go back in time",
                        "گام پیشین ردیف {l} در {prev} است و گام {date} به عقب برمی‌گردد"
                    ),
                ));
            }
            line.trail.push(MoneyStep {
                step,
                amount: a.amount,
                date,
                letter: letter(&a.letter, a.letter_date, date),
            });
            let (s, n) = (step_name(step), a.amount);
            Ok(Change {
                action: "plan.money",
                subject: tr!(
                    "Money trail of plan {id} line {l}: {s} {n} rials",
                    "مسیر پول برنامه {id} ردیف {l}: {s} {n} ریال"
                ),
                body: vec![],
                decision: None,
                date: Some(date),
            })
        }),
    }
}
