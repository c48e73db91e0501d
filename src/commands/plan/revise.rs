//! `dabir plan revise`: revise a budget line's approved amount, citing the supervisor's review and the

use crate::commands::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, write};
use crate::model::plan::Revision;
use crate::model::{JDate, Kind};
use crate::store::{Action, refuse};
use crate::tr;

use super::path;

/// Revise a budget line's approved amount, citing the supervisor's review and the
/// decision; refused beyond ±10% of the originally approved amount (R-BUD-1).
#[derive(Debug, clap::Args)]
pub struct ReviseArgs {
    /// The record's id (`dabir list` finds one from a name).
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
    /// The day it happened, Solar Hijri (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    /// Why, in Persian.
    #[arg(long)]
    pub reason: Option<String>,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, a: ReviseArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.id.clone(), |tx| {
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
        let g = crate::rules::money::grouped;
        if new < lo || new > hi {
            let l = &a.line;
            let (new, original, lo, hi) = (g(new), g(original), g(lo), g(hi));
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
        Ok(Action::PlanRevise {
            id,
            line: a.line.clone(),
            current,
            new,
            original,
            review: a.review.clone(),
            decision: a.decision.clone(),
            date,
        })
    })
}
