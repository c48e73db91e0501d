//! The pre-meeting brief as data: what the secretary needs before a committee meeting.
//!
//! It is built from one run of the whole check pipeline ([`crate::check::run_keeping`]):
//! the records it loaded and the findings it produced. Where a rule family already
//! computes a view (the seasons of R-REP-1, the budget position of R-BUD-1/2, the
//! supervisor on a date of R-SUP-1), the brief calls the same function rather than
//! recomputing it. Rendering lives in [`crate::render::brief`]; `--format json` is this
//! struct serialized.
//!
//! What blocks the meeting ([`Blocker`], exit code 1): no agenda approved by the deputy
//! for planning on or before the meeting date (R-MTG-2); an open decision overdue on the
//! meeting date that the agenda leaves out (R-MTG-6); fewer members expected than the
//! committee's quorum needs, counting vacant required seats as seats (R-COM-2).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::diag::{Finding, Severity, Text};
use crate::model::committee::QuorumRule;
use crate::model::decision::DecisionStatus;
use crate::model::dispute::DisputeStatus;
use crate::model::meeting::MeetingState;
use crate::model::{
    BodyCategory, Cluster, Committee, CommitteeKind, Decision, JDate, Meeting, Role, Stage,
};
use crate::rules::{self, Context};
use crate::tr;

/// Which meeting to brief for.
#[derive(Clone, Debug, Default)]
pub struct Request {
    /// The committee (default: the provincial committee).
    pub committee: Option<String>,
    /// The meeting (default: the committee's next meeting on or after the as-of date).
    pub meeting: Option<String>,
}

/// Why a brief cannot be made (a usage error).
#[derive(Debug, thiserror::Error)]
pub enum BriefError {
    #[error("no committee `{0}` in the repository")]
    NoCommittee(String),
    #[error("no meeting `{0}` in the repository")]
    NoMeeting(String),
    #[error("the meeting `{meeting}` belongs to `{actual}`, not `{asked}`")]
    WrongCommittee {
        meeting: String,
        actual: String,
        asked: String,
    },
    #[error(
        "the repository has no provincial committee: add it with `dabir committee add <PROVINCE>-PC --kind provincial --name NAME`, or name another committee with --committee"
    )]
    NoProvincialCommittee,
}

#[derive(Clone, Debug, Serialize)]
pub struct Brief {
    /// The date the check ran at.
    pub as_of: JDate,
    pub province: String,
    pub committee: CommitteeInfo,
    pub meeting: Option<MeetingInfo>,
    /// The date members and deadlines are judged at: the meeting's, else the as-of date.
    pub on: JDate,
    pub agenda: Option<AgendaInfo>,
    pub members: Vec<Member>,
    pub seat_gaps: Vec<SeatGap>,
    pub quorum: Quorum,
    pub decisions: Vec<OpenDecision>,
    pub undispatched: Vec<Undispatched>,
    pub reports: Reports,
    pub supervisors: Vec<SupervisorAlert>,
    pub budgets: Vec<rules::money::Headroom>,
    /// Clusters at one stage (before implementation) longer than `stall_days`.
    pub stalled: Vec<Stalled>,
    pub disputes: Vec<OpenDispute>,
    pub check: CheckSummary,
    /// What blocks the meeting; empty when it can go ahead.
    pub blockers: Vec<Blocker>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CommitteeInfo {
    pub id: String,
    pub kind: CommitteeKind,
    pub name: String,
    pub quorum: QuorumRule,
}

#[derive(Clone, Debug, Serialize)]
pub struct MeetingInfo {
    pub id: String,
    pub date: JDate,
    pub state: MeetingState,
    pub place: Option<String>,
    /// Days from the as-of date to the meeting (negative: already past).
    pub days_until: i64,
    pub invitation: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AgendaState {
    /// Proposed, not approved.
    Proposed,
    /// Approved on or before the meeting date.
    Approved,
}

#[derive(Clone, Debug, Serialize)]
pub struct AgendaInfo {
    pub state: AgendaState,
    pub proposed_by: String,
    pub proposed_on: JDate,
    pub approved_by: Option<String>,
    pub approved_on: Option<JDate>,
    pub items: Vec<AgendaItemInfo>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AgendaItemInfo {
    pub order: u32,
    pub decision: Option<String>,
    pub proposal: Option<String>,
    pub cluster: Option<String>,
    pub title: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Member {
    pub person: String,
    pub name: String,
    pub body: String,
    pub category: Option<BodyCategory>,
    pub role: Role,
    pub since: JDate,
    /// The appointment decree's number, if recorded.
    pub decree: Option<String>,
    pub substitute: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SeatGap {
    /// `chair`, `secretary`, or the body category of a required seat.
    pub seat: String,
    /// A body of that category in the repository, if any.
    pub body: Option<String>,
    /// When the last member in that seat left, if one ever sat.
    pub vacant_since: Option<JDate>,
    pub label: Text,
}

#[derive(Clone, Debug, Serialize)]
pub struct Quorum {
    pub rule: QuorumRule,
    /// Members in office plus vacant required seats.
    pub seats: usize,
    pub needed: usize,
    /// Members in office on the meeting date.
    pub expected: usize,
    pub possible: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct OpenDecision {
    pub id: String,
    pub meeting: String,
    pub meeting_date: JDate,
    pub responsible: Vec<String>,
    pub deadline: Option<JDate>,
    pub status: DecisionStatus,
    /// Days past the deadline on the meeting date, when overdue.
    pub days_overdue: Option<i64>,
    pub on_agenda: bool,
    pub dispatched: bool,
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Undispatched {
    pub id: String,
    pub meeting: String,
    pub meeting_date: JDate,
    /// The date the dispatch letter was due (meeting date + dispatch days).
    pub due: JDate,
    /// Days past `due` on the as-of date (negative: still time).
    pub days_late: i64,
    pub responsible: Vec<String>,
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ClusterReports {
    pub cluster: String,
    pub name: String,
    pub since: JDate,
    pub on_time: usize,
    pub late: usize,
    pub missing: usize,
    pub pending: usize,
    /// On time over settled seasons, 0-1.
    pub rate: Option<f64>,
    pub missing_seasons: Vec<String>,
    pub late_seasons: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Reports {
    pub clusters: Vec<ClusterReports>,
    /// The province's on-time rate, over every cluster's settled seasons.
    pub province_rate: Option<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SupervisorState {
    Missing,
    Expiring,
}

#[derive(Clone, Debug, Serialize)]
pub struct SupervisorAlert {
    pub cluster: String,
    pub name: String,
    pub stage: Stage,
    pub state: SupervisorState,
    /// The current (expiring) or last supervisor.
    pub person: Option<String>,
    pub until: Option<JDate>,
    /// Days from the as-of date to `until` (negative: ended).
    pub days_left: Option<i64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Stalled {
    pub cluster: String,
    pub name: String,
    pub stage: Stage,
    pub since: JDate,
    pub days: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DisputeLevel {
    /// Raised, not yet referred.
    Raised,
    Provincial,
    National,
}

#[derive(Clone, Debug, Serialize)]
pub struct OpenDispute {
    pub id: String,
    pub cluster: Option<String>,
    pub parties: Vec<String>,
    pub level: DisputeLevel,
    pub since: JDate,
    pub days: i64,
    pub subject: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct CheckSummary {
    pub errors: usize,
    pub warnings: usize,
    pub waived: usize,
    /// Findings (errors and warnings) per rule.
    pub by_rule: BTreeMap<String, usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockerKind {
    NoAgenda,
    AgendaNotApproved,
    OverdueNotOnAgenda,
    QuorumImpossible,
}

#[derive(Clone, Debug, Serialize)]
pub struct Blocker {
    pub kind: BlockerKind,
    /// The record concerned (the meeting, or the decision left out).
    pub record: String,
    pub message: Text,
}

/// The label of a required seat.
fn seat_label(c: BodyCategory) -> Text {
    let en = match c {
        BodyCategory::Governorate => "governorate (deputy for planning)",
        BodyCategory::IndustrialEstates => "industrial-estates company",
        BodyCategory::IndustryMineTrade => "Industry, Mine and Trade",
        BodyCategory::CooperativesLabour => "Cooperatives, Labour and Social Welfare",
        BodyCategory::EconomyFinance => "Economic Affairs and Finance",
        BodyCategory::AgricultureJihad => "Agriculture Jihad",
        BodyCategory::HeritageTourism => "Cultural Heritage and Tourism",
        BodyCategory::Chamber => "Chamber of Commerce, Industries and Mines",
        BodyCategory::BankIndustryMine => "Bank of Industry and Mine",
        BodyCategory::GuildAssembly => "guild assemblies",
        _ => "other",
    };
    Text::new(en, c.name_fa())
}

fn category_code(c: BodyCategory) -> String {
    serde_json::to_value(c)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Build the brief from a check's records and findings.
pub fn build(ctx: &Context<'_>, findings: &[Finding], req: &Request) -> Result<Brief, BriefError> {
    let as_of = ctx.as_of;
    let (committee, meeting) = committee_and_meeting(ctx, req)?;
    let on = meeting.map_or(as_of, |m| m.date);
    let mut blockers = Vec::new();

    let agenda = meeting.and_then(|m| agenda_info(m, as_of));
    if let Some(m) = meeting {
        agenda_blockers(m, agenda.as_ref(), &mut blockers);
    }
    let members = members_on(ctx, committee, on);
    let (seat_gaps, vacant_required) = seat_gaps(ctx, committee, &members, on);
    let quorum = quorum(committee, &members, vacant_required);
    if let Some(m) = meeting
        && !quorum.possible
    {
        blockers.push(quorum_blocker(m, &quorum, on));
    }
    let (decisions, undispatched) = decisions(ctx, committee, meeting, on, &mut blockers);
    let (supervisors, stalled) = supervisors_and_stalled(ctx);
    let budgets = ctx
        .plans()
        .map(|(_, p)| rules::money::headroom(p, as_of))
        .collect();

    Ok(Brief {
        as_of,
        province: ctx.config.province.clone(),
        committee: CommitteeInfo {
            id: committee.id.clone(),
            kind: committee.kind,
            name: committee.name.clone(),
            quorum: committee.quorum,
        },
        meeting: meeting.map(|m| meeting_info(m, as_of)),
        on,
        agenda,
        members,
        seat_gaps,
        quorum,
        decisions,
        undispatched,
        reports: reports(ctx),
        supervisors,
        budgets,
        stalled,
        disputes: open_disputes(ctx),
        check: check_summary(findings),
        blockers,
    })
}

/// The committee and meeting the request names, or the defaults: the provincial
/// committee, and its next meeting on or after the as-of date that is not cancelled.
fn committee_and_meeting<'a>(
    ctx: &Context<'a>,
    req: &Request,
) -> Result<(&'a Committee, Option<&'a Meeting>), BriefError> {
    let asked_meeting = match &req.meeting {
        Some(id) => Some(
            ctx.meeting(id)
                .ok_or_else(|| BriefError::NoMeeting(id.clone()))?
                .1,
        ),
        None => None,
    };
    let committee = match (&req.committee, asked_meeting) {
        (Some(c), Some(m)) if *c != m.committee => {
            return Err(BriefError::WrongCommittee {
                meeting: m.id.clone(),
                actual: m.committee.clone(),
                asked: c.clone(),
            });
        }
        (Some(c), _) => {
            ctx.committee(c)
                .ok_or_else(|| BriefError::NoCommittee(c.clone()))?
                .1
        }
        (None, Some(m)) => {
            ctx.committee(&m.committee)
                .ok_or_else(|| BriefError::NoCommittee(m.committee.clone()))?
                .1
        }
        (None, None) => {
            let mut provincial: Vec<_> = ctx
                .committees()
                .filter(|(_, c)| c.kind == CommitteeKind::Provincial)
                .collect();
            provincial.sort_by(|a, b| a.1.id.cmp(&b.1.id));
            provincial
                .first()
                .ok_or(BriefError::NoProvincialCommittee)?
                .1
        }
    };
    let meeting = asked_meeting.or_else(|| {
        ctx.meetings_of(&committee.id)
            .iter()
            .map(|(_, m)| *m)
            .find(|m| m.date >= ctx.as_of && m.state != MeetingState::Cancelled)
    });
    Ok((committee, meeting))
}

fn meeting_info(m: &Meeting, as_of: JDate) -> MeetingInfo {
    MeetingInfo {
        id: m.id.clone(),
        date: m.date,
        state: m.state,
        place: m.place.clone(),
        days_until: as_of.days_until(m.date),
        invitation: m.invitation.as_ref().map(|i| i.letter.number.clone()),
    }
}

/// The meeting's agenda, approved only if approved on or before the meeting and the
/// as-of date.
fn agenda_info(m: &Meeting, as_of: JDate) -> Option<AgendaInfo> {
    let a = m.agenda.as_ref()?;
    Some(AgendaInfo {
        state: if a.approved_by.is_some()
            && a.approved_on.is_some_and(|d| d <= m.date && d <= as_of)
        {
            AgendaState::Approved
        } else {
            AgendaState::Proposed
        },
        proposed_by: a.proposed_by.clone(),
        proposed_on: a.proposed_on,
        approved_by: a.approved_by.clone(),
        approved_on: a.approved_on,
        items: a
            .items
            .iter()
            .map(|i| AgendaItemInfo {
                order: i.order,
                decision: i.decision.clone(),
                proposal: i.proposal.clone(),
                cluster: i.cluster.clone(),
                title: i.title.clone(),
            })
            .collect(),
    })
}

/// A meeting without an agenda, or with one not approved, is blocked (R-MTG-2).
fn agenda_blockers(m: &Meeting, agenda: Option<&AgendaInfo>, blockers: &mut Vec<Blocker>) {
    let id = &m.id;
    match agenda {
        None => blockers.push(Blocker {
            kind: BlockerKind::NoAgenda,
            record: m.id.clone(),
            message: tr!(
                "the meeting {id} has no agenda",
                "جلسه {id} دستور جلسه ندارد"
            ),
        }),
        Some(a) if a.state != AgendaState::Approved => blockers.push(Blocker {
            kind: BlockerKind::AgendaNotApproved,
            record: m.id.clone(),
            message: tr!(
                "the agenda of {id} is not approved by the deputy for planning (R-MTG-2)",
                "دستور جلسه {id} به تأیید معاون برنامه‌ریزی نرسیده است (R-MTG-2)"
            ),
        }),
        _ => {}
    }
}

/// The members in office on the date: chair, then secretary, then the rest by body.
fn members_on(ctx: &Context<'_>, committee: &Committee, on: JDate) -> Vec<Member> {
    let mut members: Vec<Member> = committee
        .members_on(on)
        .map(|m| Member {
            person: m.person.clone(),
            name: ctx
                .person(&m.person)
                .map(|(_, p)| p.name.clone())
                .unwrap_or_default(),
            body: m.body.clone(),
            category: ctx.body(&m.body).map(|(_, b)| b.category),
            role: m.role,
            since: m.start,
            decree: m.decree.as_ref().map(|d| d.number.clone()),
            substitute: m.substitute.clone(),
        })
        .collect();
    let role_rank = |r: Role| match r {
        Role::Chair => 0,
        Role::Secretary => 1,
        _ => 2,
    };
    members.sort_by(|a, b| {
        (role_rank(a.role), &a.body, &a.person).cmp(&(role_rank(b.role), &b.body, &b.person))
    });
    members
}

/// The seats nobody holds on the date (chair, secretary, and for the provincial
/// committee the required bodies), and how many of the required bodies are vacant.
fn seat_gaps(
    ctx: &Context<'_>,
    committee: &Committee,
    members: &[Member],
    on: JDate,
) -> (Vec<SeatGap>, usize) {
    let mut seat_gaps = Vec::new();
    let roles: &[(Role, &str, &str, &str)] = match committee.kind {
        CommitteeKind::Expert | CommitteeKind::WorkingGroup => {
            &[(Role::Secretary, "secretary", "secretary", "دبیر")]
        }
        _ => &[
            (Role::Chair, "chair", "chair", "رئیس"),
            (Role::Secretary, "secretary", "secretary", "دبیر"),
        ],
    };
    for (role, seat, en, fa) in roles {
        if !members.iter().any(|m| m.role == *role) {
            let last = committee
                .memberships
                .iter()
                .filter(|m| m.role == *role)
                .filter_map(|m| m.end)
                .filter(|e| *e <= on)
                .max();
            seat_gaps.push(SeatGap {
                seat: seat.to_string(),
                body: None,
                vacant_since: last,
                label: Text::new(*en, *fa),
            });
        }
    }
    let mut vacant_required = 0;
    if committee.kind == CommitteeKind::Provincial {
        for cat in BodyCategory::REQUIRED_PROVINCIAL {
            if members.iter().any(|m| m.category == Some(cat)) {
                continue;
            }
            vacant_required += 1;
            let last = committee
                .memberships
                .iter()
                .filter(|m| ctx.body(&m.body).is_some_and(|(_, b)| b.category == cat))
                .filter_map(|m| m.end)
                .filter(|e| *e <= on)
                .max();
            let body = ctx
                .bodies()
                .find(|(_, b)| b.category == cat)
                .map(|(_, b)| b.id.clone());
            seat_gaps.push(SeatGap {
                seat: category_code(cat),
                body,
                vacant_since: last,
                label: seat_label(cat),
            });
        }
    }
    (seat_gaps, vacant_required)
}

/// The quorum, counting vacant required seats as seats (R-COM-2).
fn quorum(committee: &Committee, members: &[Member], vacant_required: usize) -> Quorum {
    let seats = members.len() + vacant_required;
    let needed = committee.quorum.needed(seats);
    Quorum {
        rule: committee.quorum,
        seats,
        needed,
        expected: members.len(),
        possible: members.len() >= needed,
    }
}

fn quorum_blocker(m: &Meeting, quorum: &Quorum, on: JDate) -> Blocker {
    let (e, n, s) = (quorum.expected, quorum.needed, quorum.seats);
    Blocker {
        kind: BlockerKind::QuorumImpossible,
        record: m.id.clone(),
        message: tr!(
            "only {e} members hold office on {on}, but the quorum of {s} seats needs {n}",
            "در {on} تنها {e} عضو در سمت هستند، ولی حد نصاب {s} کرسی {n} عضو است"
        ),
    }
}

/// The decisions of this committee's earlier meetings: the open ones (and those carried
/// over to this meeting), most overdue first, blocking the meeting when overdue and
/// left off its agenda (R-MTG-6); and those never dispatched, latest first.
fn decisions(
    ctx: &Context<'_>,
    committee: &Committee,
    meeting: Option<&Meeting>,
    on: JDate,
    blockers: &mut Vec<Blocker>,
) -> (Vec<OpenDecision>, Vec<Undispatched>) {
    let mut decisions = Vec::new();
    let mut undispatched = Vec::new();
    for (_, d) in ctx.decisions() {
        let Some((_, m)) = ctx.meeting(&d.meeting) else {
            continue;
        };
        if m.committee != committee.id || m.date >= on || meeting.is_some_and(|x| x.id == m.id) {
            continue;
        }
        if let Some(item) = open_decision(d, m, meeting, on) {
            if let Some(mt) = meeting
                && let Some(b) = overdue_blocker(&item, mt)
            {
                blockers.push(b);
            }
            decisions.push(item);
        }
        // Expert-committee results are proposals, never dispatched (R-COM-4).
        if d.dispatch.is_none()
            && d.status != DecisionStatus::Cancelled
            && m.state == MeetingState::Held
            && committee.kind != CommitteeKind::Expert
        {
            let due = m.date.add_days(i64::from(ctx.config.dispatch_days));
            undispatched.push(Undispatched {
                id: d.id.clone(),
                meeting: m.id.clone(),
                meeting_date: m.date,
                due,
                days_late: due.days_until(ctx.as_of),
                responsible: d.responsible.clone(),
                text: d.text.clone(),
            });
        }
    }
    decisions.sort_by(|a, b| {
        (b.days_overdue.is_some(), b.days_overdue, a.deadline, &a.id).cmp(&(
            a.days_overdue.is_some(),
            a.days_overdue,
            b.deadline,
            &b.id,
        ))
    });
    undispatched.sort_by(|a, b| (b.days_late, &a.id).cmp(&(a.days_late, &b.id)));
    (decisions, undispatched)
}

/// The decision as the brief lists it, if it is open or carried over to this very
/// meeting.
fn open_decision(
    d: &Decision,
    m: &Meeting,
    meeting: Option<&Meeting>,
    on: JDate,
) -> Option<OpenDecision> {
    let carried_here = d.status == DecisionStatus::CarriedOver
        && meeting.is_some_and(|x| {
            d.followups
                .iter()
                .any(|f| f.meeting.as_deref() == Some(x.id.as_str()))
        });
    if d.status != DecisionStatus::Open && !carried_here {
        return None;
    }
    let overdue = d.overdue_on(on);
    let on_agenda = meeting.and_then(|m| m.agenda.as_ref()).is_some_and(|a| {
        a.items
            .iter()
            .any(|i| i.decision.as_deref() == Some(d.id.as_str()))
    });
    Some(OpenDecision {
        id: d.id.clone(),
        meeting: m.id.clone(),
        meeting_date: m.date,
        responsible: d.responsible.clone(),
        deadline: d.deadline,
        status: d.status,
        days_overdue: d.deadline.filter(|_| overdue).map(|dl| dl.days_until(on)),
        on_agenda,
        dispatched: d.dispatch.is_some(),
        text: d.text.clone(),
    })
}

/// An overdue decision missing from the meeting's agenda blocks it (R-MTG-6).
fn overdue_blocker(item: &OpenDecision, meeting: &Meeting) -> Option<Blocker> {
    if item.days_overdue.is_none() || item.on_agenda {
        return None;
    }
    let (did, mid) = (&item.id, &meeting.id);
    let days = item.days_overdue.unwrap_or_default();
    Some(Blocker {
        kind: BlockerKind::OverdueNotOnAgenda,
        record: item.id.clone(),
        message: tr!(
            "the decision {did} is {days} days overdue and missing from the agenda of {mid} (R-MTG-6)",
            "مصوبه {did} {days} روز از مهلتش گذشته و در دستور جلسه {mid} نیامده است (R-MTG-6)"
        ),
    })
}

/// Reports, from R-REP-1's seasons.
fn reports(ctx: &Context<'_>) -> Reports {
    let seasons = rules::report::seasons(ctx);
    Reports {
        province_rate: rules::report::on_time_rate(&seasons),
        clusters: seasons
            .iter()
            .map(|cs| {
                use rules::report::SeasonState as S;
                let pick = |f: fn(&S) -> bool| {
                    cs.seasons
                        .iter()
                        .filter(|s| f(&s.state))
                        .map(|s| s.label())
                        .collect::<Vec<_>>()
                };
                ClusterReports {
                    cluster: cs.cluster.clone(),
                    name: ctx
                        .cluster(&cs.cluster)
                        .map(|(_, c)| c.name.clone())
                        .unwrap_or_default(),
                    since: cs.since,
                    on_time: cs.count(|s| matches!(s, S::OnTime { .. })),
                    late: cs.count(|s| matches!(s, S::Late { .. })),
                    missing: cs.count(|s| matches!(s, S::Missing { .. })),
                    pending: cs.count(|s| matches!(s, S::Pending)),
                    rate: cs.on_time_rate(),
                    missing_seasons: pick(|s| matches!(s, S::Missing { .. })),
                    late_seasons: pick(|s| matches!(s, S::Late { .. })),
                }
            })
            .collect(),
    }
}

/// Supervisors missing or expiring, as R-SUP-1 sees them; and the clusters stalled in
/// a stage, longest first.
fn supervisors_and_stalled(ctx: &Context<'_>) -> (Vec<SupervisorAlert>, Vec<Stalled>) {
    let as_of = ctx.as_of;
    let mut supervisors = Vec::new();
    let mut stalled = Vec::new();
    for (_, c) in ctx.clusters() {
        let last = c.stages.iter().rfind(|s| s.date <= as_of);
        // A cluster in implementation shows its progress in quarterly reports, not stages.
        if let Some(l) = last.filter(|l| !l.stage.in_implementation()) {
            let days = l.date.days_until(as_of);
            if days > i64::from(ctx.config.stall_days) {
                stalled.push(Stalled {
                    cluster: c.id.clone(),
                    name: c.name.clone(),
                    stage: l.stage,
                    since: l.date,
                    days,
                });
            }
        }
        if rules::cluster::implementation_step(c, as_of).is_none() {
            continue;
        }
        let stage = last.map_or(Stage::F13, |l| l.stage);
        supervisors.extend(supervisor_alert(ctx, c, stage));
    }
    stalled.sort_by(|a, b| (b.days, &a.cluster).cmp(&(a.days, &b.cluster)));
    (supervisors, stalled)
}

/// A cluster in implementation with no supervisor, or with one whose term ends soon and
/// has no successor.
fn supervisor_alert(ctx: &Context<'_>, c: &Cluster, stage: Stage) -> Option<SupervisorAlert> {
    let as_of = ctx.as_of;
    match rules::cluster::supervisor_on(c, as_of) {
        None => {
            let prev = c
                .supervisors
                .iter()
                .filter(|a| a.start <= as_of)
                .max_by_key(|a| a.start);
            Some(SupervisorAlert {
                cluster: c.id.clone(),
                name: c.name.clone(),
                stage,
                state: SupervisorState::Missing,
                person: prev.map(|a| a.person.clone()),
                until: prev.and_then(|a| a.end),
                days_left: prev.and_then(|a| a.end).map(|e| as_of.days_until(e)),
            })
        }
        Some((_, a)) => {
            let end = a.end?;
            let days = as_of.days_until(end);
            let successor = c.supervisors.iter().any(|b| b.start > end);
            (days <= i64::from(ctx.config.supervisor_expiry_days) && !successor).then(|| {
                SupervisorAlert {
                    cluster: c.id.clone(),
                    name: c.name.clone(),
                    stage,
                    state: SupervisorState::Expiring,
                    person: Some(a.person.clone()),
                    until: Some(end),
                    days_left: Some(days),
                }
            })
        }
    }
}

/// The open disputes, longest at their level first.
fn open_disputes(ctx: &Context<'_>) -> Vec<OpenDispute> {
    let mut disputes: Vec<OpenDispute> = ctx
        .disputes()
        .filter(|(_, d)| d.status == DisputeStatus::Open)
        .map(|(_, d)| {
            let (level, since) = match (&d.national, &d.provincial) {
                (Some(n), _) => (DisputeLevel::National, n.referred_on),
                (None, Some(p)) => (DisputeLevel::Provincial, p.referred_on),
                (None, None) => (DisputeLevel::Raised, d.raised_on),
            };
            OpenDispute {
                id: d.id.clone(),
                cluster: d.cluster.clone(),
                parties: d.parties.clone(),
                level,
                since,
                days: since.days_until(ctx.as_of),
                subject: d.subject.clone(),
            }
        })
        .collect();
    disputes.sort_by(|a, b| (b.days, &a.id).cmp(&(a.days, &b.id)));
    disputes
}

/// The check's findings counted by severity and, unless waived, by rule.
fn check_summary(findings: &[Finding]) -> CheckSummary {
    let mut by_rule = BTreeMap::new();
    for f in findings.iter().filter(|f| f.severity != Severity::Waived) {
        *by_rule.entry(f.rule.to_string()).or_insert(0) += 1;
    }
    let count = |s| findings.iter().filter(|f| f.severity == s).count();
    CheckSummary {
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        waived: count(Severity::Waived),
        by_rule,
    }
}

/// Whether anything blocks the meeting (exit code 1).
pub fn blocked(b: &Brief) -> bool {
    !b.blockers.is_empty()
}
