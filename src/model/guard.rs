//! The domain's state transitions and what refuses them, as methods on the records.
//!
//! A command applies a transition through one of these methods; `dabir edit` replays, for
//! each transition the edited record makes, the same method on the old record
//! ([`Record::transition`]), so an edit is refused with the same rule id as the command
//! that would refuse it. What a state must satisfy whatever produced it (members, dates,
//! budgets) is the rules engine's (`rules::run` before and after every write); what
//! approval locks is [`super::lock`]'s. The rules are listed in `docs/domain.md`.

use super::Record;
use super::common::Letter;
use super::date::JDate;
use super::decision::{Decision, DecisionStatus, Dispatch, Followup, FollowupKind};
use super::dispute::{Dispute, DisputeStatus, DisputeStep, Outcome};
use super::id::Kind;
use super::meeting::{Agenda, Meeting, MeetingState, Minutes};
use super::message::Text;
use crate::tr;

/// Why the model refuses a transition: the rule that forbids it, the record's file, and
/// the reason in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub rule: &'static str,
    pub file: String,
    pub message: Text,
}

impl Refusal {
    fn new(rule: &'static str, kind: Kind, id: &str, message: Text) -> Refusal {
        Refusal {
            rule,
            file: kind.path_of(id).unwrap_or_else(|_| id.to_string()),
            message,
        }
    }
}

/// A kebab-case enum value as the records spell it (`no-agreement`).
fn spelled<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

impl Meeting {
    fn refusal(&self, rule: &'static str, message: Text) -> Refusal {
        Refusal::new(rule, Kind::Meeting, &self.id, message)
    }

    /// Record the proposed agenda (R-MTG-2); an approved agenda cannot be replaced.
    pub fn propose_agenda(&mut self, agenda: Agenda) -> Result<(), Refusal> {
        if self
            .agenda
            .as_ref()
            .is_some_and(|x| x.approved_on.is_some())
        {
            let id = &self.id;
            return Err(self.refusal(
                "R-MTG-2",
                tr!(
                    "the agenda of {id} is already approved; a new proposal needs a new meeting",
                    "دستور جلسه {id} پیش‌تر تصویب شده است"
                ),
            ));
        }
        self.agenda = Some(agenda);
        Ok(())
    }

    /// Approve the proposed agenda (R-MTG-2), once.
    pub fn approve_agenda(&mut self, by: String, on: JDate) -> Result<(), Refusal> {
        let id = self.id.clone();
        let Some(agenda) = self.agenda.as_ref() else {
            return Err(self.refusal(
                "R-MTG-2",
                tr!(
                    "{id} has no proposed agenda to approve; run `dabir meeting propose-agenda` first",
                    "برای {id} دستور جلسه‌ای پیشنهاد نشده است"
                ),
            ));
        };
        if let Some(d) = agenda.approved_on {
            return Err(self.refusal(
                "R-MTG-2",
                tr!(
                    "the agenda of {id} was already approved on {d}",
                    "دستور جلسه {id} در {d} تصویب شده است"
                ),
            ));
        }
        if let Some(a) = self.agenda.as_mut() {
            a.approved_by = Some(by);
            a.approved_on = Some(on);
        }
        Ok(())
    }

    /// Record the minutes, which marks the meeting held (R-MTG-4); approved minutes are
    /// locked (R-MTG-9).
    pub fn record_minutes(&mut self, minutes: Minutes) -> Result<(), Refusal> {
        if self.minutes_locked() {
            let id = &self.id;
            return Err(self.refusal(
                "R-MTG-9",
                tr!(
                    "the minutes of {id} are approved and locked; record follow-up on its decisions",
                    "صورتجلسه {id} تأیید و قفل شده است؛ پیگیری را در مصوبه‌ها ثبت کنید"
                ),
            ));
        }
        self.state = MeetingState::Held;
        self.minutes = Some(minutes);
        Ok(())
    }

    /// Approve the minutes of a meeting held, on or after its date (R-MTG-4), once: it
    /// locks them (R-MTG-9). `isipo` is the letter sending a copy to ISIPO (R-MTG-5).
    pub fn approve_minutes(&mut self, on: JDate, isipo: Option<Letter>) -> Result<(), Refusal> {
        let (id, held) = (self.id.clone(), self.date);
        let Some(minutes) = self.minutes.as_ref() else {
            return Err(self.refusal(
                "R-MTG-4",
                tr!(
                    "{id} has no minutes to approve; run `dabir meeting minutes` first",
                    "برای {id} صورتجلسه‌ای ثبت نشده است"
                ),
            ));
        };
        if let Some(d) = minutes.approved_on {
            return Err(self.refusal(
                "R-MTG-9",
                tr!(
                    "the minutes of {id} were already approved on {d}; approved minutes are locked",
                    "صورتجلسه {id} در {d} تأیید شده و قفل است"
                ),
            ));
        }
        if self.state != MeetingState::Held || on < held {
            return Err(self.refusal(
                "R-MTG-4",
                tr!(
                    "{id} is not a meeting held by {on} (it is dated {held}); only the minutes of a meeting held can be approved",
                    "جلسه {id} تا {on} برگزار نشده است (تاریخ آن {held} است)؛ تنها صورتجلسه جلسه برگزارشده تأیید می‌شود"
                ),
            ));
        }
        if let Some(m) = self.minutes.as_mut() {
            m.approved_on = Some(on);
            m.isipo_copy = isipo;
        }
        Ok(())
    }

    /// The transitions `new` makes from `self`, each through its guard.
    fn transition(&self, new: &Meeting) -> Result<(), Refusal> {
        // What approval locks is refused first, as `check` reports it (R-MTG-9).
        if let Some(pointer) = super::lock::meeting_change(self, new) {
            let file = Kind::Meeting
                .path_of(&self.id)
                .unwrap_or_else(|_| self.id.clone());
            return Err(super::lock::refusal(self, file, &pointer));
        }
        let unapproved = |a: &Agenda| Agenda {
            approved_by: None,
            approved_on: None,
            ..a.clone()
        };
        let (old_agenda, new_agenda) = (self.agenda.as_ref(), new.agenda.as_ref());
        if old_agenda.map(unapproved) != new_agenda.map(unapproved) {
            if let Some(a) = new_agenda {
                self.clone().propose_agenda(unapproved(a))?;
            } else if let Some(a) = old_agenda.filter(|a| a.approved_on.is_some()) {
                // Withdrawing an approved agenda is replacing it.
                self.clone().propose_agenda(unapproved(a))?;
            }
        }
        let approval = |a: Option<&Agenda>| a.map(|a| (a.approved_by.clone(), a.approved_on));
        if approval(old_agenda) != approval(new_agenda) {
            if let Some((Some(by), Some(on))) = approval(new_agenda) {
                let mut m = self.clone();
                m.agenda = new_agenda.map(unapproved);
                if old_agenda.is_some_and(|a| a.approved_on.is_some()) {
                    m.agenda = old_agenda.cloned();
                }
                m.approve_agenda(by, on)?;
            }
        }
        let content = |m: Option<&Minutes>| {
            m.map(|m| Minutes {
                approved_on: None,
                isipo_copy: None,
                ..m.clone()
            })
        };
        let (old_min, new_min) = (self.minutes.as_ref(), new.minutes.as_ref());
        if content(old_min) != content(new_min) {
            if let Some(m) = content(new_min) {
                self.clone().record_minutes(m)?;
            }
        }
        let approved = |m: Option<&Minutes>| m.and_then(|m| m.approved_on);
        if approved(old_min) != approved(new_min) {
            if let Some(on) = approved(new_min) {
                let mut m = new.clone();
                if approved(old_min).is_some() {
                    m = self.clone();
                } else if let Some(x) = m.minutes.as_mut() {
                    x.approved_on = None;
                }
                m.approve_minutes(on, new_min.and_then(|x| x.isipo_copy.clone()))?;
            }
        }
        Ok(())
    }
}

impl Decision {
    fn refusal(&self, rule: &'static str, message: Text) -> Refusal {
        Refusal::new(rule, Kind::Decision, &self.id, message)
    }

    /// Record the dispatch letter (R-MTG-5), once.
    pub fn dispatch(&mut self, dispatch: Dispatch) -> Result<(), Refusal> {
        if let Some(old) = &self.dispatch {
            let (id, n) = (&self.id, &old.letter.number);
            return Err(self.refusal(
                "R-MTG-5",
                tr!(
                    "{id} was already dispatched by letter {n}",
                    "{id} پیش‌تر با نامه {n} ابلاغ شده است"
                ),
            ));
        }
        self.dispatch = Some(dispatch);
        Ok(())
    }

    /// Record a follow-up of an open decision (R-MTG-6); `done`, `carried-over` and
    /// `cancelled` close it.
    pub fn follow_up(&mut self, f: Followup) -> Result<(), Refusal> {
        self.open()?;
        self.status = match f.kind {
            FollowupKind::Progress => DecisionStatus::Open,
            FollowupKind::Done => DecisionStatus::Done,
            FollowupKind::CarriedOver => DecisionStatus::CarriedOver,
            FollowupKind::Cancelled => DecisionStatus::Cancelled,
        };
        self.followups.push(f);
        Ok(())
    }

    /// Only an open decision takes follow-up or changes status (R-MTG-6).
    fn open(&self) -> Result<(), Refusal> {
        if self.status == DecisionStatus::Open {
            return Ok(());
        }
        let (id, s) = (&self.id, spelled(self.status));
        Err(self.refusal(
            "R-MTG-6",
            tr!("{id} is {s}, not open", "وضعیت {id} «{s}» است، نه باز"),
        ))
    }

    fn transition(&self, new: &Decision) -> Result<(), Refusal> {
        if self.dispatch.is_some() && new.dispatch != self.dispatch {
            if let Some(d) = new.dispatch.clone() {
                self.clone().dispatch(d)?;
            }
        }
        let grew = new.followups.len() > self.followups.len();
        if new.status != self.status || grew {
            self.open()?;
        }
        Ok(())
    }
}

impl Dispute {
    fn refusal(&self, message: Text) -> Refusal {
        Refusal::new("R-DIS-1", Kind::Dispute, &self.id, message)
    }

    /// Record the provincial working group's outcome (R-DIS-1), once.
    pub fn provincial_outcome(
        &mut self,
        outcome: Outcome,
        on: JDate,
        decision: Option<String>,
    ) -> Result<(), Refusal> {
        let id = self.id.clone();
        let Some(step) = self.provincial.as_ref() else {
            return Err(self.refusal(tr!(
                "{id} was never raised at the province",
                "{id} در استان طرح نشده است"
            )));
        };
        if let Some(prev) = step.outcome {
            let p = spelled(prev);
            return Err(self.refusal(tr!(
                "the provincial outcome of {id} is already recorded: {p}",
                "نتیجه استانی {id} پیش‌تر ثبت شده است: {p}"
            )));
        }
        if let Some(step) = self.provincial.as_mut() {
            step.outcome = Some(outcome);
            step.decided_on = Some(on);
            step.decision = decision;
        }
        Ok(())
    }

    /// Refer the dispute to the national working group, only after no agreement at the
    /// province (R-DIS-1), once.
    pub fn escalate(&mut self, step: DisputeStep) -> Result<(), Refusal> {
        let id = &self.id;
        if self.provincial.as_ref().and_then(|s| s.outcome) != Some(Outcome::NoAgreement) {
            return Err(self.refusal(tr!(
                "{id} has no provincial no-agreement on record; a dispute goes to the national working group only after the provincial one found no agreement",
                "برای {id} عدم توافق در کارگروه استانی ثبت نشده است؛ اختلاف تنها پس از عدم توافق استانی به کارگروه ملی می‌رود"
            )));
        }
        if self.national.is_some() {
            return Err(self.refusal(tr!(
                "{id} is already at the national working group",
                "{id} پیش‌تر به کارگروه ملی رفته است"
            )));
        }
        self.national = Some(step);
        Ok(())
    }

    /// Resolve the dispute (R-DIS-1), once; the step it was settled at records the
    /// agreement.
    pub fn resolve(
        &mut self,
        resolution: String,
        on: JDate,
        decision: Option<String>,
    ) -> Result<(), Refusal> {
        if self.status == DisputeStatus::Resolved {
            let id = &self.id;
            return Err(self.refusal(tr!("{id} is already resolved", "{id} پیش‌تر حل شده است")));
        }
        self.status = DisputeStatus::Resolved;
        self.resolution = Some(resolution);
        let step = if self.national.is_some() {
            self.national.as_mut()
        } else {
            self.provincial.as_mut()
        };
        if let Some(s) = step.filter(|s| s.outcome.is_none()) {
            s.outcome = Some(Outcome::Agreement);
            s.decided_on = Some(on);
            s.decision = decision;
        }
        Ok(())
    }

    fn transition(&self, new: &Dispute) -> Result<(), Refusal> {
        let outcome = |d: &Dispute| d.provincial.as_ref().and_then(|s| s.outcome);
        if outcome(self).is_some() && outcome(new) != outcome(self) {
            if let Some(o) = outcome(new) {
                self.clone().provincial_outcome(o, self.raised_on, None)?;
            }
        }
        if new.national != self.national {
            if let Some(step) = new.national.clone() {
                let mut d = if self.national.is_some() {
                    self.clone()
                } else {
                    new.clone()
                };
                if self.national.is_none() {
                    d.national = None;
                }
                d.escalate(step)?;
            }
        }
        if self.status == DisputeStatus::Resolved
            && (new.status != self.status || new.resolution != self.resolution)
        {
            self.clone().resolve(
                new.resolution.clone().unwrap_or_default(),
                self.raised_on,
                None,
            )?;
        }
        Ok(())
    }
}

impl Record {
    /// Whether replacing `self` by `new` (as `dabir edit` does) makes only transitions
    /// the commands allow: each one goes through the guard the command uses, and is
    /// refused with the same rule id.
    pub fn transition(&self, new: &Record) -> Result<(), Refusal> {
        match (self, new) {
            (Record::Meeting(a), Record::Meeting(b)) => a.transition(b),
            (Record::Decision(a), Record::Decision(b)) => a.transition(b),
            (Record::Dispute(a), Record::Dispute(b)) => a.transition(b),
            _ => Ok(()),
        }
    }
}
