//! Identity: names of people and bodies that collide after Persian normalisation (R-NAME-1).

use super::{Context, RuleDoc};
use crate::diag::Finding;

pub static RULES: &[RuleDoc] = &[];

pub fn run(_ctx: &Context<'_>, _out: &mut Vec<Finding>) {}
