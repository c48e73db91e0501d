//! Committees of every kind in `docs/domain.md` and their memberships (R-COM-1..4, R-SC-1).
//!
//! A membership is never deleted: ending it records an end date and reason, and a new
//! membership replaces it, so the history of every seat stays in the record (R-COM-3).

use serde::{Deserialize, Serialize};

use super::common::{Letter, Refs};
use super::date::JDate;
use super::id::Kind;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CommitteeKind {
    /// کمیته استانی توسعه خوشه‌های کسب‌وکار (P-CL02).
    Provincial,
    /// کمیته کارشناسی, under the provincial committee.
    Expert,
    /// شورای راهبری توسعه خوشه, one per cluster project (P-CL03).
    Steering,
    /// شورای ملی سیاستگذاری توسعه خوشه.
    National,
    /// کارگروه توسعه خوشه‌های صادرات‌گرا (provincial or national).
    WorkingGroup,
}

/// The seat a member holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Chair,
    Secretary,
    Member,
    /// One of the three cluster actors on a steering council (R-SC-1).
    ClusterActor,
    /// The technical advisor-supervisor (مشاور-ناظر فنی).
    Ta,
    /// The cluster development agent (عامل توسعه خوشه).
    Cda,
    /// A representative of a support institution.
    SupportRep,
    /// An expert or representative on the expert committee (R-COM-4).
    Expert,
}

/// How many members make a quorum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuorumRule {
    /// More than half of the current members.
    Majority,
    /// At least two thirds of the current members.
    TwoThirds,
}

impl QuorumRule {
    /// The number of members present needed when `members` hold seats.
    pub fn needed(self, members: usize) -> usize {
        match self {
            QuorumRule::Majority => members / 2 + 1,
            QuorumRule::TwoThirds => (2 * members).div_ceil(3),
        }
    }
}

/// Why a membership ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EndReason {
    /// The person left the post that gave the seat.
    LeftPost,
    Replaced,
    Resigned,
    TermEnded,
    Deceased,
    Other,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Membership {
    pub person: String,
    /// The body whose seat this is.
    pub body: String,
    pub role: Role,
    /// The appointment decree (حکم) of the deputy for planning (R-COM-3).
    #[serde(default)]
    pub decree: Option<Letter>,
    pub start: JDate,
    #[serde(default)]
    pub end: Option<JDate>,
    #[serde(default)]
    pub end_reason: Option<EndReason>,
    /// The alternate registered to sit on the member's behalf.
    #[serde(default)]
    pub substitute: Option<String>,
}

impl Membership {
    /// Whether the membership is in force on `date`.
    pub fn current_on(&self, date: JDate) -> bool {
        self.start <= date && self.end.is_none_or(|end| date < end)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Committee {
    pub id: String,
    pub kind: CommitteeKind,
    /// Persian name.
    pub name: String,
    /// The committee this one reports to (the expert committee's provincial committee).
    #[serde(default)]
    pub parent: Option<String>,
    /// The cluster a steering council steers.
    #[serde(default)]
    pub cluster: Option<String>,
    pub quorum: QuorumRule,
    #[serde(default)]
    pub memberships: Vec<Membership>,
}

impl Committee {
    /// The memberships in force on `date`.
    pub fn members_on(&self, date: JDate) -> impl Iterator<Item = &Membership> {
        self.memberships.iter().filter(move |m| m.current_on(date))
    }

    pub fn refs<'a>(&'a self, r: &mut Refs<'a>) {
        r.opt("/parent", Kind::Committee, &self.parent);
        r.opt("/cluster", Kind::Cluster, &self.cluster);
        for (i, m) in self.memberships.iter().enumerate() {
            r.add(format!("/memberships/{i}/person"), Kind::Person, &m.person);
            r.add(format!("/memberships/{i}/body"), Kind::Body, &m.body);
            r.opt(
                format!("/memberships/{i}/substitute"),
                Kind::Person,
                &m.substitute,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quorum() {
        assert_eq!(QuorumRule::Majority.needed(11), 6);
        assert_eq!(QuorumRule::Majority.needed(10), 6);
        assert_eq!(QuorumRule::TwoThirds.needed(9), 6);
        assert_eq!(QuorumRule::TwoThirds.needed(10), 7);
    }
}
