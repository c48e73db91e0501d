//! Decisions (مصوبات) and their follow-up (R-MTG-5, R-MTG-6).
//!
//! The text, responsible bodies and deadline are fixed when the minutes are approved;
//! the dispatch letter and the follow-up history are added later without touching the
//! minutes.

use serde::{Deserialize, Serialize};

use super::common::{Letter, Refs};
use super::date::JDate;
use super::id::Kind;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DecisionStatus {
    Open,
    Done,
    /// Carried over to a later meeting, which takes it up again.
    CarriedOver,
    Cancelled,
}

impl DecisionStatus {
    /// Its name for people: (English, Persian).
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            DecisionStatus::Open => ("open", "باز"),
            DecisionStatus::Done => ("done", "انجام‌شده"),
            DecisionStatus::CarriedOver => ("carried over", "منتقل‌شده"),
            DecisionStatus::Cancelled => ("cancelled", "لغوشده"),
        }
    }
    pub fn name(self, lang: super::Lang) -> &'static str {
        super::pick(self.names(), lang)
    }
}

/// What a decision is about, where a rule needs to know (R-MTG-7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Topic {
    /// The annual priorities of cluster development (R-MTG-7).
    AnnualPriorities,
    /// The forecast of the year's financial resources (R-MTG-7).
    ResourceForecast,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FollowupKind {
    Progress,
    Done,
    CarriedOver,
    Cancelled,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dispatch {
    /// The deputy for planning's letter sending the decision for execution.
    pub letter: Letter,
    pub recipients: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Followup {
    pub date: JDate,
    pub kind: FollowupKind,
    /// What was reported, in Persian.
    pub note: String,
    /// The letter or document that evidences it.
    #[serde(default)]
    pub evidence: Option<Letter>,
    /// The meeting it is carried over to.
    #[serde(default)]
    pub meeting: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub id: String,
    /// The meeting whose minutes hold it.
    pub meeting: String,
    /// The decision's text, in Persian.
    pub text: String,
    /// The member bodies responsible for executing it (R-MTG-5).
    pub responsible: Vec<String>,
    #[serde(default)]
    pub deadline: Option<JDate>,
    /// An expert-committee proposal this decision adopts (R-COM-4).
    #[serde(default)]
    pub adopts: Option<String>,
    pub status: DecisionStatus,
    /// What the decision is about, where a rule needs to know (R-MTG-7).
    #[serde(default)]
    pub topics: Vec<Topic>,
    #[serde(default)]
    pub dispatch: Option<Dispatch>,
    #[serde(default)]
    pub followups: Vec<Followup>,
    /// Attached files: signed scans, letters, decrees (R-ATT-1..3).
    #[serde(default)]
    pub attachments: Vec<super::Attachment>,
}

impl Decision {
    /// Whether the decision is open and past its deadline on `today` (R-MTG-6).
    pub fn overdue_on(&self, today: JDate) -> bool {
        self.status == DecisionStatus::Open && self.deadline.is_some_and(|d| d < today)
    }

    pub fn refs<'a>(&'a self, r: &mut Refs<'a>) {
        r.add("/meeting", Kind::Meeting, &self.meeting);
        r.all("/responsible", Kind::Body, &self.responsible);
        r.opt("/adopts", Kind::Decision, &self.adopts);
        if let Some(d) = &self.dispatch {
            r.all("/dispatch/recipients", Kind::Body, &d.recipients);
        }
        for (i, f) in self.followups.iter().enumerate() {
            r.opt(format!("/followups/{i}/meeting"), Kind::Meeting, &f.meeting);
        }
    }
}
