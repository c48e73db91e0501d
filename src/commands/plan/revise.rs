//! `dabir plan revise`: revise a budget line's approved amount, citing the supervisor's review and the
//! decision; the new amount is given outright (`--amount`) or relative to the line's
//! current amount as the transaction reads it under the tool lock (`--by +RIALS`), so two
//! relative revisions started together cannot both land past R-BUD-1's ±10%.

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
    #[arg(long, required_unless_present = "by", conflicts_with = "by")]
    pub amount: Option<u64>,
    /// Change the line's current amount by this many rials (`+216000000`, `-5,000,000`),
    /// read when the write holds the lock: two revisions by `+6%` started together land
    /// one after the other, and the second is judged on top of the first.
    #[arg(long, value_name = "±RIALS", allow_hyphen_values = true)]
    pub by: Option<String>,
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
        let new = match (a.amount, &a.by) {
            (Some(n), _) => n,
            (None, Some(by)) => relative(current, by)?,
            (None, None) => unreachable!("clap requires --amount or --by"),
        };
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

/// `current` changed by `by` (`+N`, `-N` or `N` rials; digits Persian or Latin, grouped
/// by `,` `٬` or `_`), refused when it is not an amount or leaves the range of amounts.
fn relative(current: u64, by: &str) -> Result<u64, crate::store::StoreError> {
    let t = by.trim();
    let (neg, digits) = match t.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let delta = super::amount(digits)?;
    let new = if neg {
        current.checked_sub(delta)
    } else {
        current.checked_add(delta)
    };
    new.ok_or_else(|| {
        let c = crate::rules::money::grouped(current);
        crate::store::StoreError::Invalid(tr!(
            "--by {by} takes the line's {c} rials out of the range of amounts",
            "--by {by} مبلغ {c} ریال ردیف را از بازه مبلغ‌ها بیرون می‌برد"
        ))
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_relative_amount_is_signed_and_bounded() {
        assert_eq!(super::relative(100, "+20").unwrap(), 120);
        assert_eq!(super::relative(100, "-20").unwrap(), 80);
        assert_eq!(super::relative(100, "۲۰").unwrap(), 120);
        assert_eq!(super::relative(1_000, "-1,000").unwrap(), 0);
        assert!(super::relative(100, "-101").is_err());
        assert!(super::relative(u64::MAX, "+1").is_err());
        assert!(super::relative(100, "+x").is_err());
        assert!(super::relative(100, "+-5").is_err());
    }
}
