//! Action plans, budget revisions and the money trail: R-PLAN-1..2, R-BUD-1..2 (seeds 000, 002, 004).

use super::{Context, RuleDoc};
use crate::diag::Finding;

pub static RULES: &[RuleDoc] = &[];

pub fn run(_ctx: &Context<'_>, _out: &mut Vec<Finding>) {}
