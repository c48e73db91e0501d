//! Clusters, their lifecycle and supervisors: R-CLU-1..3 and R-SUP-1 (seeds 002, 003).

use super::{Context, RuleDoc};
use crate::diag::Finding;

pub static RULES: &[RuleDoc] = &[];

pub fn run(_ctx: &Context<'_>, _out: &mut Vec<Finding>) {}
