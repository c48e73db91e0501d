//! Meetings, agendas, minutes and decisions: R-MTG-1..9 (seed 000).

use super::{Context, RuleDoc};
use crate::diag::Finding;

pub static RULES: &[RuleDoc] = &[];

pub fn run(_ctx: &Context<'_>, _out: &mut Vec<Finding>) {}
