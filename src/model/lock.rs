//! What approving a meeting's minutes locks (R-MTG-9), defined once for every reader.
//!
//! Approved minutes are the committee's record of what it decided: the meeting's facts
//! (committee, date, state, place, agenda, invitation) and its minutes (who recorded them,
//! attendance, summary, decisions, approval date) are locked, all but the copy sent to
//! ISIPO, which comes later (R-MTG-5). A decision of such a meeting has its meeting, text,
//! responsible bodies and deadline locked; its dispatch, status and follow-up go on.
//!
//! [`Meeting::locked`] and [`Decision::locked`] are the locked views; the R-MTG-9 rule
//! (which reads git history) and every write (`store::txn`, `edit` included) compare
//! through [`meeting_change`] and [`decision_change`], so they cannot disagree. The views
//! destructure their records exhaustively: a new field does not compile until someone
//! decides whether approval locks it (see `docs/domain.md`, R-MTG-9).

use serde::Serialize;

use super::date::JDate;
use super::decision::Decision;
use super::guard::Refusal;
use super::meeting::{Agenda, Attendee, Invitation, Meeting, MeetingState, Minutes};
use crate::tr;

/// The part of a meeting its approved minutes lock: everything but `minutes.isipo_copy`.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct LockedMeeting<'a> {
    pub id: &'a str,
    pub committee: &'a str,
    pub date: JDate,
    pub state: MeetingState,
    pub place: &'a Option<String>,
    pub agenda: &'a Option<Agenda>,
    pub invitation: &'a Option<Invitation>,
    pub minutes: Option<LockedMinutes<'a>>,
}

/// The locked part of the minutes.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct LockedMinutes<'a> {
    pub recorded_by: &'a str,
    pub attendees: &'a [Attendee],
    pub absentees: &'a [String],
    pub summary: &'a str,
    pub decisions: &'a [String],
    pub approved_on: Option<JDate>,
}

/// The part of a decision its meeting's approved minutes lock.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct LockedDecision<'a> {
    pub meeting: &'a str,
    pub text: &'a str,
    pub responsible: &'a [String],
    pub deadline: Option<JDate>,
}

impl Meeting {
    /// The part of this meeting approval locks.
    pub fn locked(&self) -> LockedMeeting<'_> {
        let Meeting {
            id,
            committee,
            date,
            state,
            place,
            agenda,
            invitation,
            minutes,
        } = self;
        LockedMeeting {
            id,
            committee,
            date: *date,
            state: *state,
            place,
            agenda,
            invitation,
            minutes: minutes.as_ref().map(Minutes::locked),
        }
    }
}

impl Minutes {
    /// The part of the minutes approval locks: all but the later copy to ISIPO.
    pub fn locked(&self) -> LockedMinutes<'_> {
        let Minutes {
            recorded_by,
            attendees,
            absentees,
            summary,
            decisions,
            approved_on,
            isipo_copy: _later,
        } = self;
        LockedMinutes {
            recorded_by,
            attendees,
            absentees,
            summary,
            decisions,
            approved_on: *approved_on,
        }
    }
}

impl Decision {
    /// The part of this decision its meeting's approval locks.
    pub fn locked(&self) -> LockedDecision<'_> {
        let Decision {
            id: _,
            meeting,
            text,
            responsible,
            deadline,
            adopts: _,
            status: _,
            topics: _,
            dispatch: _,
            followups: _,
        } = self;
        LockedDecision {
            meeting,
            text,
            responsible,
            deadline: *deadline,
        }
    }
}

/// The JSON pointer of the first locked value of a meeting that `new` changes from
/// `old`, when `old`'s minutes are approved; `None` when the change is allowed.
pub fn meeting_change(old: &Meeting, new: &Meeting) -> Option<String> {
    if !old.minutes_locked() || old.locked() == new.locked() {
        return None;
    }
    Some(first_change(&old.locked(), &new.locked()))
}

/// The JSON pointer of the first locked value of a decision that `new` changes from
/// `old`, when `meeting` (the meeting of `old`) has approved minutes; `None` when allowed.
pub fn decision_change(meeting: &Meeting, old: &Decision, new: &Decision) -> Option<String> {
    if !meeting.minutes_locked() || old.locked() == new.locked() {
        return None;
    }
    Some(first_change(&old.locked(), &new.locked()))
}

/// The refusal (R-MTG-9) of a write to `file` that changes `pointer`, a value locked by
/// the approval of `meeting`'s minutes.
pub fn refusal(meeting: &Meeting, file: String, pointer: &str) -> Refusal {
    let date = meeting
        .minutes
        .as_ref()
        .and_then(|x| x.approved_on)
        .map(|d| d.to_string())
        .unwrap_or_default();
    let id = &meeting.id;
    Refusal {
        rule: "R-MTG-9",
        file,
        message: tr!(
            "the minutes of {id} were approved on {date} and are locked (`{pointer}` may not change); record follow-up on its decisions instead",
            "صورتجلسه {id} در {date} تأیید و قفل شده است (مقدار «{pointer}» تغییرپذیر نیست)؛ پیگیری را در مصوبه‌های آن ثبت کنید"
        ),
    }
}

/// Where two unequal views first differ (`/id` if serialization cannot tell).
fn first_change<T: Serialize>(old: &T, new: &T) -> String {
    let (a, b) = (serde_json::to_value(new), serde_json::to_value(old));
    match (a, b) {
        (Ok(a), Ok(b)) => crate::pointer::first_difference(&a, &b, "")
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| "/id".into()),
        _ => "/id".into(),
    }
}
