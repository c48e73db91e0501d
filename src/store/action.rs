//! Every write action, once: its name (the `Dabir-Action` trailer), the data it acts on,
//! and the commit message it makes (subject, body, trailers; `docs/architecture.md`,
//! "The write path").
//!
//! A write command builds an [`Action`] from what it did and returns it to the
//! transaction ([`super::txn::run`]), which commits with [`Action::message`]; `dabir init`
//! and the audit's checkpoints use the same message. Readers of the trailer (the audit,
//! `log`, `sync`, the site) read its name with [`ActionName::parse`] and the trailer keys
//! from the constants here.

use std::fmt;

use serde::Serialize;

use crate::model::committee::{EndReason, Role};
use crate::model::dispute::Outcome;
use crate::model::programme::Season;
use crate::model::{Attachment, Evidence, JDate, Kind, Lang, Letter, Stage, Text};
use crate::tr;

/// The trailer naming the action ([`ActionName`]).
pub const TRAILER_ACTION: &str = "Dabir-Action";
/// The trailer naming each record the commit changed.
pub const TRAILER_RECORD: &str = "Dabir-Record";
/// The trailer naming the decision that authorises the action.
pub const TRAILER_DECISION: &str = "Dabir-Decision";
/// The trailer dating the act (Solar Hijri).
pub const TRAILER_DATE: &str = "Dabir-Date";

macro_rules! action_names {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// The name of a write action: the value of its `Dabir-Action` trailer.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum ActionName {
            $($(#[$doc])* $variant,)*
        }

        impl ActionName {
            /// Every action, each once.
            pub const ALL: &[ActionName] = &[$(ActionName::$variant,)*];

            /// The trailer's value (`decision.dispatch`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ActionName::$variant => $name,)*
                }
            }
        }
    };
}

action_names! {
    /// `dabir init`: the repository's first commit.
    Init = "init",
    /// `dabir edit`: a record replaced whole.
    Edit = "edit",
    /// `dabir attach`.
    Attach = "attach",
    /// `dabir audit checkpoint` (on the checkpoint log's own ref).
    Checkpoint = "checkpoint",
    BodyAdd = "body.add",
    BodyRename = "body.rename",
    PersonAdd = "person.add",
    PersonRename = "person.rename",
    CommitteeAdd = "committee.add",
    MemberAppoint = "member.appoint",
    MemberEnd = "member.end",
    MemberSubstitute = "member.substitute",
    MeetingSchedule = "meeting.schedule",
    MeetingProposeAgenda = "meeting.propose-agenda",
    MeetingApproveAgenda = "meeting.approve-agenda",
    MeetingInvite = "meeting.invite",
    MeetingMinutes = "meeting.minutes",
    MeetingApproveMinutes = "meeting.approve-minutes",
    DecisionDispatch = "decision.dispatch",
    DecisionProgress = "decision.progress",
    DecisionDone = "decision.done",
    DecisionCarryOver = "decision.carry-over",
    DisputeRaise = "dispute.raise",
    DisputeProvincialOutcome = "dispute.provincial-outcome",
    DisputeEscalate = "dispute.escalate",
    DisputeResolve = "dispute.resolve",
    ClusterRegister = "cluster.register",
    ClusterAssess = "cluster.assess",
    ClusterAdvance = "cluster.advance",
    ClusterAppoint = "cluster.appoint",
    SupervisorAppoint = "supervisor.appoint",
    PlanRegister = "plan.register",
    PlanRevise = "plan.revise",
    PlanMoney = "plan.money",
    ReportReceive = "report.receive",
    ReviewRecord = "review.record",
    ProgrammeAdopt = "programme.adopt",
    ProgrammeProgress = "programme.progress",
    /// `dabir national vendor`: the province's copy of the national registry.
    NationalVendor = "national.vendor",
}

impl ActionName {
    /// The action a trailer's value names; `None` for a value no dabir write leaves.
    pub fn parse(s: &str) -> Option<ActionName> {
        ActionName::ALL.iter().copied().find(|a| a.as_str() == s)
    }

    /// An approval (of an agenda or of minutes): what the signing policy gives the
    /// secretary and the chair, not the clerk (R-AUD-4).
    pub fn is_approval(self) -> bool {
        matches!(
            self,
            ActionName::MeetingApproveAgenda | ActionName::MeetingApproveMinutes
        )
    }

    /// An action that copies national records (`NAT-` ids) into a province: the
    /// registry (`national vendor`) and the annual programme (`programme adopt`). No
    /// other write in a province creates or changes one (R-ID-4), and the audit does not
    /// count them as another province's (R-AUD-5).
    pub fn copies_national(self) -> bool {
        matches!(
            self,
            ActionName::NationalVendor | ActionName::ProgrammeAdopt
        )
    }
}

impl fmt::Display for ActionName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A checkpoint the audit records: its number, the province, the branch, the commit and
/// its first-parent height.
#[derive(Clone, Debug)]
pub struct Point {
    pub n: u64,
    pub province: String,
    pub branch: String,
    pub commit: String,
    pub height: u64,
}

/// A seat a new steering council gets from the cluster's current appointments.
#[derive(Clone, Debug)]
pub struct Seat {
    /// [`Role::Secretary`] (the CDA) or [`Role::Ta`].
    pub role: Role,
    pub person: String,
    pub start: JDate,
}

/// What a write did, with the data its commit message names.
#[derive(Clone, Debug)]
pub enum Action {
    Init {
        province: String,
        name: String,
    },
    Edit {
        kind: Kind,
        id: String,
        fields: Vec<String>,
    },
    /// `attachment`: as the record now lists it (its `added` dates the act).
    Attach {
        id: String,
        attachment: Attachment,
    },
    Checkpoint {
        first: u64,
        points: Vec<Point>,
        date: JDate,
    },
    BodyAdd {
        id: String,
        name: String,
    },
    BodyRename {
        id: String,
        old: String,
        new: String,
    },
    PersonAdd {
        id: String,
        name: String,
    },
    PersonRename {
        id: String,
        old: String,
        new: String,
    },
    CommitteeAdd {
        id: String,
        name: String,
        seats: Vec<Seat>,
    },
    MemberAppoint {
        person: String,
        committee: String,
        role: Role,
        body: String,
        start: JDate,
        decree: Option<Letter>,
    },
    MemberEnd {
        person: String,
        committee: String,
        end: JDate,
        reason: EndReason,
    },
    MemberSubstitute {
        person: String,
        substitute: String,
        committee: String,
    },
    /// The trailer dates the day of scheduling, not the meeting's date (in the subject).
    MeetingSchedule {
        id: String,
        committee: String,
        date: JDate,
    },
    /// `items`: each item's order and title.
    MeetingProposeAgenda {
        id: String,
        by: String,
        date: JDate,
        items: Vec<(u32, String)>,
    },
    MeetingApproveAgenda {
        id: String,
        by: String,
        date: JDate,
    },
    MeetingInvite {
        id: String,
        letter: String,
        signed_by: String,
        date: JDate,
    },
    /// `decisions`: each decision's id and text.
    MeetingMinutes {
        id: String,
        date: JDate,
        present: usize,
        absent: usize,
        decisions: Vec<(String, String)>,
    },
    MeetingApproveMinutes {
        id: String,
        date: JDate,
    },
    /// `to`: the recipients, joined for reading.
    DecisionDispatch {
        id: String,
        letter: String,
        date: JDate,
        to: String,
    },
    DecisionProgress {
        id: String,
        date: JDate,
        note: String,
    },
    DecisionDone {
        id: String,
        date: JDate,
        note: String,
        evidence: String,
    },
    DecisionCarryOver {
        id: String,
        to: String,
        date: JDate,
    },
    DisputeRaise {
        id: String,
        committee: String,
        subject: String,
        date: JDate,
    },
    DisputeProvincialOutcome {
        id: String,
        outcome: Outcome,
        decision: Option<String>,
        date: JDate,
    },
    DisputeEscalate {
        id: String,
        committee: String,
        date: JDate,
    },
    DisputeResolve {
        id: String,
        resolution: String,
        decision: Option<String>,
        date: JDate,
    },
    ClusterRegister {
        id: String,
        name: String,
        decision: Option<String>,
        date: JDate,
    },
    /// `met`: how many of the nine criteria are met.
    ClusterAssess {
        id: String,
        met: usize,
        by: String,
        date: JDate,
    },
    ClusterAdvance {
        id: String,
        to: Stage,
        evidence: Evidence,
        date: JDate,
    },
    /// `seat`: [`Role::Secretary`] for the CDA, [`Role::Ta`] for the TA; `councils`: the
    /// steering councils whose seat follows.
    ClusterAppoint {
        person: String,
        cluster: String,
        seat: Role,
        start: JDate,
        councils: Vec<String>,
    },
    SupervisorAppoint {
        person: String,
        cluster: String,
        start: JDate,
        end: JDate,
    },
    /// The trailer dates the day of registering, not the plan's first day.
    PlanRegister {
        id: String,
        title: String,
        activities: usize,
        lines: usize,
        total: u64,
        decision: Option<String>,
    },
    PlanRevise {
        id: String,
        line: String,
        current: u64,
        new: u64,
        original: u64,
        review: String,
        decision: String,
        date: JDate,
    },
    /// `step`: the step's name (`allocated`).
    PlanMoney {
        id: String,
        line: String,
        step: &'static str,
        amount: u64,
        date: JDate,
    },
    ReportReceive {
        id: String,
        cluster: String,
        year: u16,
        quarter: u8,
        received: JDate,
    },
    ReviewRecord {
        id: String,
        cluster: String,
        supervisor: String,
        date: JDate,
    },
    ProgrammeAdopt {
        programme: String,
        axes: usize,
    },
    /// `from`: where the registry was read (a directory, or `REMOTE (commit)`);
    /// `records`: how many records the copy changed.
    NationalVendor {
        from: String,
        records: usize,
    },
    ProgrammeProgress {
        province: String,
        axis: u16,
        programme: String,
        season: Season,
        value: u64,
        unit: String,
        target: Option<u64>,
        date: JDate,
    },
}

/// An action's commit message before it is written out.
struct Parts {
    name: ActionName,
    subject: Text,
    /// Lines of the body: what changed.
    body: Vec<Text>,
    /// The decision that authorises the action, if any.
    decision: Option<String>,
    /// The date of the event (default: today).
    date: Option<JDate>,
}

impl Parts {
    fn new(name: ActionName, subject: Text) -> Parts {
        Parts {
            name,
            subject,
            body: Vec::new(),
            decision: None,
            date: None,
        }
    }

    fn body(mut self, body: Vec<Text>) -> Parts {
        self.body = body;
        self
    }

    fn line(mut self, line: Text) -> Parts {
        self.body.push(line);
        self
    }

    fn decision(mut self, decision: Option<&String>) -> Parts {
        self.decision = decision.cloned();
        self
    }

    fn on(mut self, date: JDate) -> Parts {
        self.date = Some(date);
        self
    }
}

/// A model enum's kebab-case name (`left-post`).
fn kebab(v: impl Serialize) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

impl Action {
    /// The action's name: its `Dabir-Action` trailer.
    pub fn name(&self) -> ActionName {
        self.parts().name
    }

    /// The commit message: subject, body, then the trailers. `records` are the ids the
    /// commit changed, in the order the action touched them; `today` dates an action
    /// that names no date of its own.
    pub fn message(&self, records: &[String], lang: Lang, today: JDate) -> String {
        let parts = self.parts();
        // Subject and body are for people (numbers as their reader expects them); the
        // trailers are for scripts and stay ASCII.
        let human = |t: &Text| crate::model::text::human_numbers(t.get(lang), lang);
        let mut m = String::new();
        m.push_str(human(&parts.subject).trim());
        m.push_str("\n\n");
        for line in &parts.body {
            m.push_str(human(line).trim_end());
            m.push('\n');
        }
        if !parts.body.is_empty() {
            m.push('\n');
        }
        m.push_str(&format!("{TRAILER_ACTION}: {}\n", parts.name));
        for id in records {
            m.push_str(&format!("{TRAILER_RECORD}: {id}\n"));
        }
        if let Some(d) = &parts.decision {
            m.push_str(&format!("{TRAILER_DECISION}: {d}\n"));
        }
        m.push_str(&format!(
            "{TRAILER_DATE}: {}\n",
            parts.date.unwrap_or(today)
        ));
        m
    }

    fn parts(&self) -> Parts {
        match self {
            Action::Init { .. }
            | Action::Edit { .. }
            | Action::Attach { .. }
            | Action::Checkpoint { .. }
            | Action::NationalVendor { .. } => self.repository_parts(),
            Action::BodyAdd { .. }
            | Action::BodyRename { .. }
            | Action::PersonAdd { .. }
            | Action::PersonRename { .. }
            | Action::CommitteeAdd { .. }
            | Action::MemberAppoint { .. }
            | Action::MemberEnd { .. }
            | Action::MemberSubstitute { .. } => self.people_parts(),
            Action::MeetingSchedule { .. }
            | Action::MeetingProposeAgenda { .. }
            | Action::MeetingApproveAgenda { .. }
            | Action::MeetingInvite { .. }
            | Action::MeetingMinutes { .. }
            | Action::MeetingApproveMinutes { .. } => self.meeting_parts(),
            Action::DecisionDispatch { .. }
            | Action::DecisionProgress { .. }
            | Action::DecisionDone { .. }
            | Action::DecisionCarryOver { .. }
            | Action::DisputeRaise { .. }
            | Action::DisputeProvincialOutcome { .. }
            | Action::DisputeEscalate { .. }
            | Action::DisputeResolve { .. } => self.decision_parts(),
            Action::ClusterRegister { .. }
            | Action::ClusterAssess { .. }
            | Action::ClusterAdvance { .. }
            | Action::ClusterAppoint { .. }
            | Action::SupervisorAppoint { .. } => self.cluster_parts(),
            Action::PlanRegister { .. }
            | Action::PlanRevise { .. }
            | Action::PlanMoney { .. }
            | Action::ReportReceive { .. }
            | Action::ReviewRecord { .. }
            | Action::ProgrammeAdopt { .. }
            | Action::ProgrammeProgress { .. } => self.plan_parts(),
        }
    }

    /// `init`, `edit`, `attach` and the audit's checkpoints.
    fn repository_parts(&self) -> Parts {
        use ActionName as N;
        match self {
            Action::Init { province: p, name } => Parts::new(
                N::Init,
                tr!(
                    "Start the records repository of {name} ({p})",
                    "راه‌اندازی مخزن سوابق استان {name} ({p})"
                ),
            ),
            Action::NationalVendor { from, records: n } => Parts::new(
                N::NationalVendor,
                tr!(
                    "Copy the national registry from {from} ({n} records)",
                    "رونوشت ثبت ملی از {from} ({n} سابقه)"
                ),
            )
            .line(tr!(
                "National bodies and committees, a read-only copy the province's records name by national id.",
                "نهادها و کمیته‌های ملی: رونوشتی فقط‌خواندنی که سوابق استان با شناسه ملی به آن ارجاع می‌دهند."
            )),
            Action::Edit { kind, id, fields } => {
                let (k, kfa, fields) = (kind.name(), kind.name_fa(), fields.join(", "));
                Parts::new(N::Edit, tr!("Edit {k} {id}", "ویرایش {kfa} {id}"))
                    .line(tr!("changed: {fields}", "تغییر: {fields}"))
            }
            Action::Attach { id, attachment } => {
                let (w, w_fa) = (attachment.kind.name(), attachment.kind.name_fa());
                let (path, sha256, size) = (&attachment.file, &attachment.sha256, attachment.size);
                Parts::new(
                    N::Attach,
                    tr!("Attach the {w} of {id}", "پیوست {w_fa} به {id}"),
                )
                .body(vec![
                    tr!("file: {path}", "پرونده: {path}"),
                    tr!("sha256: {sha256}", "چکیده SHA-256: {sha256}"),
                    tr!("size: {size} bytes", "اندازه: {size} بایت"),
                ])
                .on(attachment.added)
            }
            Action::Checkpoint {
                first,
                points,
                date,
            } => {
                let subject = match points.as_slice() {
                    [cp] => format!(
                        "checkpoint {}: {} {} {} height {}",
                        cp.n,
                        cp.province,
                        cp.branch,
                        &cp.commit[..10],
                        cp.height
                    ),
                    many => format!(
                        "checkpoints {}-{}: {}",
                        first,
                        first + many.len() as u64 - 1,
                        many.iter()
                            .map(|cp| format!("{} {}", cp.province, &cp.commit[..10]))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                Parts::new(N::Checkpoint, Text::new(subject.clone(), subject)).on(*date)
            }
            _ => unreachable!("parts sends only these here"),
        }
    }

    /// Bodies, people, committees and their members.
    fn people_parts(&self) -> Parts {
        use ActionName as N;
        match self {
            Action::BodyAdd { id, name } => Parts::new(
                N::BodyAdd,
                tr!("Add body {id}: {name}", "افزودن نهاد {id}: {name}"),
            ),
            Action::BodyRename { id, old, new } => Parts::new(
                N::BodyRename,
                tr!("Rename body {id}", "تغییر نام نهاد {id}"),
            )
            .line(tr!("{old} -> {new}", "{old} ← {new}")),
            Action::PersonAdd { id, name } => Parts::new(
                N::PersonAdd,
                tr!("Add person {id}: {name}", "افزودن شخص {id}: {name}"),
            ),
            Action::PersonRename { id, old, new } => Parts::new(
                N::PersonRename,
                tr!("Rename person {id}", "تغییر نام شخص {id}"),
            )
            .line(tr!("{old} -> {new}", "{old} ← {new}")),
            Action::CommitteeAdd { id, name, seats } => {
                let body = seats.iter().map(
                    |Seat {
                         role,
                         person: p,
                         start,
                     }| {
                        let (en, fa) = match role {
                            Role::Secretary => ("secretary (the CDA)", "دبیر (عامل توسعه)"),
                            _ => ("TA", "مشاور-ناظر فنی"),
                        };
                        tr!("{en}: {p}, from {start}", "{fa}: {p}، از {start}")
                    },
                );
                Parts::new(
                    N::CommitteeAdd,
                    tr!("Add committee {id}: {name}", "افزودن کمیته {id}: {name}"),
                )
                .body(body.collect())
            }
            Action::MemberAppoint {
                person: p,
                committee: cid,
                role,
                body: b,
                start,
                decree,
            } => {
                let role = kebab(role);
                let d = decree
                    .as_ref()
                    .map(|l| format!("{} ({})", l.number, l.date))
                    .unwrap_or_else(|| "-".into());
                Parts::new(
                    N::MemberAppoint,
                    tr!(
                        "Appoint {p} to {cid} as {role}",
                        "انتصاب {p} به عضویت {cid} ({role})"
                    ),
                )
                .line(tr!(
                    "seat of {b} from {start}; decree {d}",
                    "کرسی {b} از {start}؛ حکم {d}"
                ))
                .on(*start)
            }
            Action::MemberEnd {
                person: p,
                committee: cid,
                end,
                reason,
            } => {
                let reason = kebab(reason);
                Parts::new(
                    N::MemberEnd,
                    tr!(
                        "End the membership of {p} on {cid}",
                        "پایان عضویت {p} در {cid}"
                    ),
                )
                .line(tr!(
                    "on {end}, reason: {reason}",
                    "در {end}، به سبب: {reason}"
                ))
                .on(*end)
            }
            Action::MemberSubstitute {
                person: p,
                substitute: s,
                committee: cid,
            } => Parts::new(
                N::MemberSubstitute,
                tr!(
                    "Register {s} as substitute for {p} on {cid}",
                    "ثبت {s} به جانشینی {p} در {cid}"
                ),
            ),
            _ => unreachable!("parts sends only these here"),
        }
    }

    /// A meeting, from its scheduling to its approved minutes.
    fn meeting_parts(&self) -> Parts {
        use ActionName as N;
        match self {
            Action::MeetingSchedule {
                id,
                committee: c,
                date: d,
            } => Parts::new(
                N::MeetingSchedule,
                tr!(
                    "Schedule meeting {id} of {c} on {d}",
                    "تعیین جلسه {id} کمیته {c} در {d}"
                ),
            ),
            Action::MeetingProposeAgenda {
                id,
                by,
                date,
                items,
            } => {
                let lines = items.iter().map(|(o, t)| tr!("{o}. {t}", "{o}. {t}"));
                Parts::new(
                    N::MeetingProposeAgenda,
                    tr!(
                        "Agenda of {id} proposed by {by}",
                        "پیشنهاد دستور جلسه {id} از سوی {by}"
                    ),
                )
                .body(lines.collect())
                .on(*date)
            }
            Action::MeetingApproveAgenda { id, by, date } => Parts::new(
                N::MeetingApproveAgenda,
                tr!(
                    "Agenda of {id} approved by {by}",
                    "تصویب دستور جلسه {id} به دست {by}"
                ),
            )
            .on(*date),
            Action::MeetingInvite {
                id,
                letter: n,
                signed_by: s,
                date,
            } => Parts::new(
                N::MeetingInvite,
                tr!(
                    "Invitation to {id}: letter {n}",
                    "دعوت‌نامه جلسه {id}: نامه {n}"
                ),
            )
            .line(tr!("signed by {s} on {date}", "به امضای {s} در {date}"))
            .on(*date),
            Action::MeetingMinutes {
                id,
                date,
                present,
                absent,
                decisions,
            } => {
                let mut body = vec![tr!(
                    "{present} present, {absent} absent",
                    "{present} حاضر، {absent} غایب"
                )];
                for (did, t) in decisions {
                    body.push(tr!("{did}: {t}", "{did}: {t}"));
                }
                Parts::new(
                    N::MeetingMinutes,
                    tr!("Minutes of meeting {id}", "ثبت صورتجلسه {id}"),
                )
                .body(body)
                .on(*date)
            }
            Action::MeetingApproveMinutes { id, date } => Parts::new(
                N::MeetingApproveMinutes,
                tr!(
                    "Minutes of {id} approved and locked",
                    "تأیید و قفل صورتجلسه {id}"
                ),
            )
            .on(*date),
            _ => unreachable!("parts sends only these here"),
        }
    }

    /// Decisions and their follow-up, and disputes.
    fn decision_parts(&self) -> Parts {
        use ActionName as N;
        match self {
            Action::DecisionDispatch {
                id,
                letter: n,
                date,
                to,
            } => Parts::new(
                N::DecisionDispatch,
                tr!(
                    "Dispatch letter of decision {id}",
                    "ثبت نامه ابلاغ مصوبه {id}"
                ),
            )
            .line(tr!(
                "letter {n} of {date} to {to}",
                "نامه {n} مورخ {date} به {to}"
            ))
            .decision(Some(id))
            .on(*date),
            Action::DecisionProgress { id, date, note } => Parts::new(
                N::DecisionProgress,
                tr!("Progress on decision {id}", "پیشرفت مصوبه {id}"),
            )
            .line(tr!("{date}: {note}", "{date}: {note}"))
            .decision(Some(id))
            .on(*date),
            Action::DecisionDone {
                id,
                date,
                note,
                evidence: n,
            } => Parts::new(
                N::DecisionDone,
                tr!("Decision {id} done", "انجام مصوبه {id}"),
            )
            .line(tr!(
                "{date}: {note} (evidence: letter {n})",
                "{date}: {note} (مستند: نامه {n})"
            ))
            .decision(Some(id))
            .on(*date),
            Action::DecisionCarryOver { id, to, date } => Parts::new(
                N::DecisionCarryOver,
                tr!(
                    "Decision {id} carried over to {to}",
                    "انتقال مصوبه {id} به جلسه {to}"
                ),
            )
            .decision(Some(id))
            .on(*date),
            _ => self.dispute_parts(),
        }
    }

    /// A dispute, from raising to resolution.
    fn dispute_parts(&self) -> Parts {
        use ActionName as N;
        match self {
            Action::DisputeRaise {
                id,
                committee: c,
                subject: s,
                date,
            } => Parts::new(
                N::DisputeRaise,
                tr!("Dispute {id} raised at {c}", "طرح اختلاف {id} در {c}"),
            )
            .line(tr!("{s}", "{s}"))
            .on(*date),
            Action::DisputeProvincialOutcome {
                id,
                outcome,
                decision,
                date,
            } => {
                let (en, fa) = match outcome {
                    Outcome::Agreement => ("agreement", "توافق"),
                    Outcome::NoAgreement => ("no agreement", "عدم توافق"),
                };
                Parts::new(
                    N::DisputeProvincialOutcome,
                    tr!(
                        "Dispute {id}: {en} at the province",
                        "اختلاف {id}: {fa} در استان"
                    ),
                )
                .decision(decision.as_ref())
                .on(*date)
            }
            Action::DisputeEscalate {
                id,
                committee: c,
                date,
            } => Parts::new(
                N::DisputeEscalate,
                tr!("Dispute {id} escalated to {c}", "ارجاع اختلاف {id} به {c}"),
            )
            .on(*date),
            Action::DisputeResolve {
                id,
                resolution: r,
                decision,
                date,
            } => Parts::new(
                N::DisputeResolve,
                tr!("Dispute {id} resolved", "حل اختلاف {id}"),
            )
            .line(tr!("{r}", "{r}"))
            .decision(decision.as_ref())
            .on(*date),
            _ => unreachable!("parts sends only these here"),
        }
    }

    /// A cluster: its registration, assessment, stages and appointments.
    fn cluster_parts(&self) -> Parts {
        use ActionName as N;
        match self {
            Action::ClusterRegister {
                id,
                name,
                decision,
                date,
            } => Parts::new(
                N::ClusterRegister,
                tr!("Register cluster {id}: {name}", "ثبت خوشه {id}: {name}"),
            )
            .line(tr!(
                "on the initial list (F3) from {date}",
                "در فهرست اولیه (F3) از {date}"
            ))
            .decision(decision.as_ref())
            .on(*date),
            Action::ClusterAssess {
                id,
                met: n,
                by,
                date,
            } => Parts::new(
                N::ClusterAssess,
                tr!(
                    "Assessment of cluster {id}: {n} of 9 criteria met",
                    "ارزیابی خوشه {id}: {n} معیار از ۹"
                ),
            )
            .line(tr!("by {by} on {date}", "به دست {by} در {date}"))
            .on(*date),
            Action::ClusterAdvance {
                id,
                to,
                evidence,
                date,
            } => {
                let (name_en, name_fa) = (to.name_en(), to.name_fa());
                let cite = evidence
                    .decision
                    .clone()
                    .or_else(|| {
                        evidence.letter.as_ref().map(|l| {
                            format!(
                                "{} {}",
                                evidence.issuer.clone().unwrap_or_default(),
                                l.number
                            )
                        })
                    })
                    .unwrap_or_default();
                Parts::new(
                    N::ClusterAdvance,
                    tr!(
                        "Cluster {id} to {to} ({name_en})",
                        "ورود خوشه {id} به مرحله {to} ({name_fa})"
                    ),
                )
                .line(tr!("on {date}, by {cite}", "در {date}، به استناد {cite}"))
                .decision(evidence.decision.as_ref())
                .on(*date)
            }
            _ => self.appointment_parts(),
        }
    }

    /// A cluster's CDA, TA or supervisor appointed.
    fn appointment_parts(&self) -> Parts {
        use ActionName as N;
        match self {
            Action::ClusterAppoint {
                person: p,
                cluster: cid,
                seat,
                start,
                councils,
            } => {
                let (what_en, what_fa, seat_en, seat_fa) = match seat {
                    Role::Secretary => {
                        ("development agent (CDA)", "عامل توسعه", "secretary", "دبیر")
                    }
                    _ => (
                        "technical advisor-supervisor (TA)",
                        "مشاور-ناظر فنی",
                        "TA",
                        "مشاور-ناظر فنی",
                    ),
                };
                let mut body = vec![tr!("from {start}", "از {start}")];
                for council in councils {
                    body.push(tr!(
                        "{seat_en} of the steering council {council} from {start}",
                        "{seat_fa} شورای راهبری {council} از {start}"
                    ));
                }
                Parts::new(
                    N::ClusterAppoint,
                    tr!(
                        "Appoint {p} as {what_en} of cluster {cid}",
                        "انتصاب {p} به عنوان {what_fa} خوشه {cid}"
                    ),
                )
                .body(body)
            }
            Action::SupervisorAppoint {
                person: p,
                cluster: c,
                start,
                end,
            } => Parts::new(
                N::SupervisorAppoint,
                tr!(
                    "Appoint {p} as supervisor of cluster {c}",
                    "انتصاب {p} به نظارت خوشه {c}"
                ),
            )
            .line(tr!("from {start} to {end}", "از {start} تا {end}"))
            .on(*start),
            _ => unreachable!("parts sends only these here"),
        }
    }

    /// Action plans and their money, reports and reviews.
    fn plan_parts(&self) -> Parts {
        use ActionName as N;
        let g = crate::rules::money::grouped;
        match self {
            Action::PlanRegister {
                id,
                title,
                activities: n,
                lines: m,
                total,
                decision,
            } => {
                let total = g(*total);
                Parts::new(
                    N::PlanRegister,
                    tr!(
                        "Register action plan {id}: {title}",
                        "ثبت برنامه عمل {id}: {title}"
                    ),
                )
                .line(tr!(
                    "{n} activities, {m} budget lines, {total} rials",
                    "{n} فعالیت، {m} ردیف بودجه، {total} ریال"
                ))
                .decision(decision.as_ref())
            }
            Action::PlanRevise {
                id,
                line: l,
                current,
                new,
                original,
                review: r,
                decision,
                date,
            } => {
                let (current, new, original) = (g(*current), g(*new), g(*original));
                Parts::new(
                    N::PlanRevise,
                    tr!(
                        "Revise line {l} of plan {id}",
                        "بازنگری ردیف {l} برنامه {id}"
                    ),
                )
                .line(tr!(
                    "{current} -> {new} rials (original {original}); review {r}",
                    "{current} ← {new} ریال (مصوب اولیه {original})؛ گزارش ناظر {r}"
                ))
                .decision(Some(decision))
                .on(*date)
            }
            Action::PlanMoney {
                id,
                line: l,
                step: s,
                amount,
                date,
            } => {
                let n = g(*amount);
                Parts::new(
                    N::PlanMoney,
                    tr!(
                        "Money trail of plan {id} line {l}: {s} {n} rials",
                        "مسیر پول برنامه {id} ردیف {l}: {s} {n} ریال"
                    ),
                )
                .on(*date)
            }
            _ => self.report_parts(),
        }
    }

    /// Quarterly reports, supervisor reviews and the annual programme.
    fn report_parts(&self) -> Parts {
        use ActionName as N;
        match self {
            Action::ReportReceive {
                id,
                cluster: c,
                year: y,
                quarter: q,
                received,
            } => Parts::new(
                N::ReportReceive,
                tr!(
                    "Quarterly report {id} of cluster {c} ({y} Q{q})",
                    "دریافت گزارش سه‌ماهه {id} خوشه {c} (فصل {q} سال {y})"
                ),
            )
            .on(*received),
            Action::ReviewRecord {
                id,
                cluster: c,
                supervisor: s,
                date,
            } => Parts::new(
                N::ReviewRecord,
                tr!(
                    "Supervisor review {id} of cluster {c}",
                    "ثبت گزارش ناظر {id} برای خوشه {c}"
                ),
            )
            .line(tr!("by {s} on {date}", "به قلم {s} در {date}"))
            .on(*date),
            Action::ProgrammeAdopt {
                programme: pid,
                axes: n,
            } => Parts::new(
                N::ProgrammeAdopt,
                tr!(
                    "Adopt the annual programme {pid} ({n} axes)",
                    "پذیرش برنامه سالانه {pid} ({n} محور)"
                ),
            ),
            Action::ProgrammeProgress {
                province,
                axis: n,
                programme: pid,
                season: s,
                value: v,
                unit,
                target,
                date,
            } => {
                let target = target.map_or("-".to_string(), |t| t.to_string());
                Parts::new(
                    N::ProgrammeProgress,
                    tr!(
                        "Progress of {province} on axis {n} of {pid} ({s}): {v} {unit}",
                        "پیشرفت استان {province} در محور {n} برنامه {pid} (فصل {s}): {v} {unit}"
                    ),
                )
                .line(tr!(
                    "cumulative to the end of {s}; the year's target is {target} {unit}",
                    "تجمعی تا پایان فصل {s}؛ هدف سال {target} {unit} است"
                ))
                .on(*date)
            }
            _ => unreachable!("parts sends only these here"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_parses_back_and_is_listed_once() {
        for (i, a) in ActionName::ALL.iter().enumerate() {
            assert_eq!(ActionName::parse(a.as_str()), Some(*a));
            assert!(!ActionName::ALL[..i].contains(a), "{a} twice");
        }
        assert_eq!(ActionName::parse("hand"), None);
        let approvals: Vec<_> = ActionName::ALL
            .iter()
            .filter(|a| a.is_approval())
            .map(|a| a.as_str())
            .collect();
        assert_eq!(
            approvals,
            ["meeting.approve-agenda", "meeting.approve-minutes"]
        );
    }

    #[test]
    fn message_has_subject_body_and_trailers() {
        let date = JDate::new(1403, 9, 16).unwrap();
        let a = Action::DecisionProgress {
            id: "ESF-PC-1403-02-D3".into(),
            date,
            note: "done 5".into(),
        };
        assert_eq!(a.name(), ActionName::DecisionProgress);
        assert_eq!(
            a.message(&["ESF-PC-1403-02-D3".into()], Lang::En, date),
            "Progress on decision ESF-PC-1403-02-D3\n\n1403-09-16: done 5\n\nDabir-Action: decision.progress\nDabir-Record: ESF-PC-1403-02-D3\nDabir-Decision: ESF-PC-1403-02-D3\nDabir-Date: 1403-09-16\n"
        );
    }
}
