//! Disputes between cluster actors: first the provincial working group, and only on no
//! agreement there the national (TPO) one (R-DIS-1).

use serde::{Deserialize, Serialize};

use super::common::Refs;
use super::date::JDate;
use super::id::Kind;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Agreement,
    NoAgreement,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DisputeStatus {
    Open,
    Resolved,
}

/// One step of a dispute: the working group it went to and what came of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisputeStep {
    pub committee: String,
    pub referred_on: JDate,
    #[serde(default)]
    pub outcome: Option<Outcome>,
    #[serde(default)]
    pub decided_on: Option<JDate>,
    /// The decision recording the outcome.
    #[serde(default)]
    pub decision: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dispute {
    pub id: String,
    #[serde(default)]
    pub cluster: Option<String>,
    /// The bodies in dispute.
    pub parties: Vec<String>,
    /// What it is about, in Persian.
    pub subject: String,
    pub raised_on: JDate,
    pub status: DisputeStatus,
    #[serde(default)]
    pub provincial: Option<DisputeStep>,
    #[serde(default)]
    pub national: Option<DisputeStep>,
    #[serde(default)]
    pub resolution: Option<String>,
}

impl Dispute {
    pub fn refs<'a>(&'a self, r: &mut Refs<'a>) {
        r.opt("/cluster", Kind::Cluster, &self.cluster);
        r.all("/parties", Kind::Body, &self.parties);
        for (field, step) in [
            ("provincial", &self.provincial),
            ("national", &self.national),
        ] {
            if let Some(s) = step {
                r.add(format!("/{field}/committee"), Kind::Committee, &s.committee);
                r.opt(format!("/{field}/decision"), Kind::Decision, &s.decision);
            }
        }
    }
}
