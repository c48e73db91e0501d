//! People: members, their substitutes, clerks, agents, advisors and supervisors.

use serde::{Deserialize, Serialize};

use super::common::Refs;
use super::id::Kind;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: String,
    /// Full name in Persian.
    pub name: String,
    /// The body the person works for, if any.
    #[serde(default)]
    pub body: Option<String>,
    /// The person's post, in Persian (معاون برنامه‌ریزی استاندار, مدیرعامل, ...).
    #[serde(default)]
    pub position: Option<String>,
}

impl Person {
    pub fn refs<'a>(&'a self, r: &mut Refs<'a>) {
        r.opt("/body", Kind::Body, &self.body);
    }
}
