//! `dabir plan money`: record a step of a budget line's money trail: estimate, approved, allocated, paid.

use crate::commands::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, enum_arg, letter, write};
use crate::model::JDate;
use crate::model::plan::{MoneyStep, MoneyStepKind};
use crate::store::{Action, refuse};
use crate::tr;

use super::{path, step_name};

/// Record a step of a budget line's money trail: estimate, approved, allocated, paid.
#[derive(Debug, clap::Args)]
pub struct MoneyArgs {
    /// The record's id (`dabir list` finds one from a name).
    pub id: String,
    /// The budget line (L1).
    #[arg(long)]
    pub line: String,
    /// estimate, approved, allocated or paid.
    #[arg(long, value_parser = enum_arg::<MoneyStepKind>)]
    pub step: MoneyStepKind,
    /// Rials.
    #[arg(long)]
    pub amount: u64,
    /// The day it happened, Solar Hijri (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    /// The letter, decision or payment order behind it.
    #[arg(long, value_name = "NUMBER")]
    pub letter: Option<String>,
    /// The letter's date (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub letter_date: Option<JDate>,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, a: MoneyArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.id.clone(), |tx| {
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
        Ok(Action::PlanMoney {
            id,
            line: l,
            step: step_name(step),
            amount: a.amount,
            date,
        })
    })
}
