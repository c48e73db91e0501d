//! Pieces shared by several record kinds: letters, decrees, documents, evidence, and the
//! reference list every record exposes for integrity checks.

use serde::{Deserialize, Serialize};

use super::date::JDate;
use super::id::Kind;

/// An amount of money in rials (some sources say toman = 10 rials; records hold rials).
pub type Rial = u64;

/// An official letter or decree: its number as printed (often Persian digits and `/`)
/// and its date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Letter {
    pub number: String,
    pub date: JDate,
}

/// A document that moved something: a decision of a committee, or a letter or report of
/// a named body (R-CLU-2, R-CLU-3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// The decision that moved it, when a committee decided.
    #[serde(default)]
    pub decision: Option<String>,
    /// Otherwise the body that issued the document.
    #[serde(default)]
    pub issuer: Option<String>,
    /// The document's letter number and date.
    #[serde(default)]
    pub letter: Option<Letter>,
    /// What the document is, in Persian.
    #[serde(default)]
    pub title: Option<String>,
}

/// A reference from one record to another, found at a JSON pointer inside the record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ref<'a> {
    pub pointer: String,
    pub kind: Kind,
    pub id: &'a str,
}

/// Collects a record's references with their JSON pointers.
#[derive(Default)]
pub struct Refs<'a> {
    pub list: Vec<Ref<'a>>,
}

impl<'a> Refs<'a> {
    pub fn add(&mut self, pointer: impl Into<String>, kind: Kind, id: &'a str) {
        self.list.push(Ref {
            pointer: pointer.into(),
            kind,
            id,
        });
    }
    pub fn opt(&mut self, pointer: impl Into<String>, kind: Kind, id: &'a Option<String>) {
        if let Some(id) = id {
            self.add(pointer, kind, id);
        }
    }
    pub fn all(&mut self, pointer: &str, kind: Kind, ids: &'a [String]) {
        for (i, id) in ids.iter().enumerate() {
            self.add(format!("{pointer}/{i}"), kind, id);
        }
    }
    pub fn evidence(&mut self, pointer: &str, e: &'a Evidence) {
        self.opt(format!("{pointer}/decision"), Kind::Decision, &e.decision);
        self.opt(format!("{pointer}/issuer"), Kind::Body, &e.issuer);
    }
}
