//! Meetings of any committee: the agenda and its approval (R-MTG-2), the invitation
//! (R-MTG-3), and the minutes with attendance and decisions (R-MTG-4). Approved minutes
//! are locked: follow-up of their decisions lives in the decision records.

use serde::{Deserialize, Serialize};

use super::common::{Letter, Refs};
use super::date::JDate;
use super::id::Kind;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MeetingState {
    Scheduled,
    Held,
    Cancelled,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    /// Position on the agenda, from 1.
    pub order: u32,
    /// Persian title of the item.
    pub title: String,
    /// A decision this item follows up (overdue decisions belong here, R-MTG-6).
    #[serde(default)]
    pub decision: Option<String>,
    /// An expert-committee proposal tabled for approval (R-COM-4).
    #[serde(default)]
    pub proposal: Option<String>,
    /// The cluster the item concerns.
    #[serde(default)]
    pub cluster: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agenda {
    /// The body that proposed it (the industrial-estates company, R-MTG-2).
    pub proposed_by: String,
    pub proposed_on: JDate,
    /// The person who approved it (the deputy for planning, R-MTG-2).
    #[serde(default)]
    pub approved_by: Option<String>,
    #[serde(default)]
    pub approved_on: Option<JDate>,
    pub items: Vec<AgendaItem>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Invitation {
    pub letter: Letter,
    /// Who signed it (the deputy for planning, R-MTG-3).
    pub signed_by: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attendee {
    pub person: String,
    /// The member this person sat for, when a substitute.
    #[serde(default)]
    pub on_behalf_of: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Minutes {
    /// Who recorded them (the secretary, R-MTG-4).
    pub recorded_by: String,
    pub attendees: Vec<Attendee>,
    #[serde(default)]
    pub absentees: Vec<String>,
    /// The items discussed, in Persian.
    pub summary: String,
    /// The decisions taken (مصوبات), by id.
    #[serde(default)]
    pub decisions: Vec<String>,
    /// When the minutes were approved and so locked.
    #[serde(default)]
    pub approved_on: Option<JDate>,
    /// The letter sending a copy of the minutes to ISIPO (R-MTG-5).
    #[serde(default)]
    pub isipo_copy: Option<Letter>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    pub id: String,
    pub committee: String,
    pub date: JDate,
    pub state: MeetingState,
    /// Where it is held, in Persian.
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub agenda: Option<Agenda>,
    #[serde(default)]
    pub invitation: Option<Invitation>,
    #[serde(default)]
    pub minutes: Option<Minutes>,
}

impl Meeting {
    /// Whether the agenda was approved on or before the meeting date.
    pub fn agenda_approved_in_time(&self) -> bool {
        self.agenda
            .as_ref()
            .and_then(|a| a.approved_on)
            .is_some_and(|d| d <= self.date)
    }

    /// Whether the minutes are approved, and so locked.
    pub fn minutes_locked(&self) -> bool {
        self.minutes
            .as_ref()
            .is_some_and(|m| m.approved_on.is_some())
    }

    /// Whether approved minutes still lack their copy to ISIPO once `dispatch_days` have
    /// passed since the meeting (R-MTG-5; the rule applies to the provincial committee).
    pub fn isipo_copy_late(&self, dispatch_days: u32, as_of: JDate) -> bool {
        let due = self.date.add_days(i64::from(dispatch_days));
        self.minutes
            .as_ref()
            .is_some_and(|m| m.approved_on.is_some() && m.isipo_copy.is_none())
            && due < as_of
    }

    pub fn refs<'a>(&'a self, r: &mut Refs<'a>) {
        r.add("/committee", Kind::Committee, &self.committee);
        if let Some(a) = &self.agenda {
            r.add("/agenda/proposed_by", Kind::Body, &a.proposed_by);
            r.opt("/agenda/approved_by", Kind::Person, &a.approved_by);
            for (i, item) in a.items.iter().enumerate() {
                r.opt(
                    format!("/agenda/items/{i}/decision"),
                    Kind::Decision,
                    &item.decision,
                );
                r.opt(
                    format!("/agenda/items/{i}/proposal"),
                    Kind::Decision,
                    &item.proposal,
                );
                r.opt(
                    format!("/agenda/items/{i}/cluster"),
                    Kind::Cluster,
                    &item.cluster,
                );
            }
        }
        if let Some(inv) = &self.invitation {
            r.add("/invitation/signed_by", Kind::Person, &inv.signed_by);
        }
        if let Some(m) = &self.minutes {
            r.add("/minutes/recorded_by", Kind::Person, &m.recorded_by);
            for (i, a) in m.attendees.iter().enumerate() {
                r.add(
                    format!("/minutes/attendees/{i}/person"),
                    Kind::Person,
                    &a.person,
                );
                r.opt(
                    format!("/minutes/attendees/{i}/on_behalf_of"),
                    Kind::Person,
                    &a.on_behalf_of,
                );
            }
            r.all("/minutes/absentees", Kind::Person, &m.absentees);
            r.all("/minutes/decisions", Kind::Decision, &m.decisions);
        }
    }
}
