//! Quarterly reports and supervisor reviews: R-REP-1..2 (seed 002).

use super::{Context, RuleDoc};
use crate::diag::Finding;

pub static RULES: &[RuleDoc] = &[];

pub fn run(_ctx: &Context<'_>, _out: &mut Vec<Finding>) {}
