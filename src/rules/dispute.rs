//! Disputes between cluster actors: R-DIS-1 (seed 002).

use super::{Context, RuleDoc};
use crate::diag::Finding;

pub static RULES: &[RuleDoc] = &[];

pub fn run(_ctx: &Context<'_>, _out: &mut Vec<Finding>) {}
