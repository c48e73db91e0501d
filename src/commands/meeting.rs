//! `dabir meeting schedule|propose-agenda|approve-agenda|invite|minutes|approve-minutes`:
//! a meeting from its date to its locked minutes (R-MTG-2..5, R-MTG-9).
//!
//! Whether the attendees are members, whether the agenda was approved before the
//! meeting and so on are the rules engine's to judge (`rules::run` before and after
//! every write); what cannot happen at all (approving minutes twice, rewriting approved
//! minutes) is refused here.

use crate::cli::{CliError, Globals, Status, parse_date};
use crate::model::decision::{Decision, DecisionStatus};
use crate::model::meeting::{
    Agenda, AgendaItem, Attendee, Invitation, Meeting, MeetingState, Minutes,
};
use crate::model::{JDate, Kind, Letter, Record};
use crate::store::{Change, StoreError, refuse};
use crate::tr;

use super::{WriteOpts, ids, write};

#[derive(Debug, clap::Subcommand)]
pub enum MeetingCmd {
    Schedule(ScheduleArgs),
    ProposeAgenda(ProposeArgs),
    ApproveAgenda(ApproveAgendaArgs),
    Invite(InviteArgs),
    Minutes(MinutesArgs),
    ApproveMinutes(ApproveMinutesArgs),
}

/// Schedule a meeting of a committee.
#[derive(Debug, clap::Args)]
pub struct ScheduleArgs {
    /// The new meeting's id: committee, year, number (ESF-PC-1403-02).
    pub id: String,
    #[arg(long, value_name = "COMMITTEE")]
    pub committee: String,
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: JDate,
    /// Where, in Persian.
    #[arg(long)]
    pub place: Option<String>,
    #[command(flatten)]
    pub write: WriteOpts,
}

/// Record the agenda proposed by the industrial-estates company (R-MTG-2).
#[derive(Debug, clap::Args)]
pub struct ProposeArgs {
    pub id: String,
    /// The proposing body (the industrial-estates company).
    #[arg(long, value_name = "BODY")]
    pub by: String,
    /// Default: today.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    /// An item, in order; `DECISION-ID: title` follows up a decision (R-MTG-6).
    #[arg(long = "item", value_name = "TITLE", required = true)]
    pub items: Vec<String>,
    #[command(flatten)]
    pub write: WriteOpts,
}

/// Record the deputy for planning's approval of the agenda (R-MTG-2).
#[derive(Debug, clap::Args)]
pub struct ApproveAgendaArgs {
    pub id: String,
    /// The approving person (the deputy for planning).
    #[arg(long, value_name = "PERSON")]
    pub by: String,
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    #[command(flatten)]
    pub write: WriteOpts,
}

/// Record the official invitation letter (R-MTG-3).
#[derive(Debug, clap::Args)]
pub struct InviteArgs {
    pub id: String,
    #[arg(long, value_name = "NUMBER")]
    pub letter: String,
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub letter_date: Option<JDate>,
    /// Who signed it (the deputy for planning).
    #[arg(long, value_name = "PERSON")]
    pub signed_by: String,
    #[command(flatten)]
    pub write: WriteOpts,
}

/// Record the minutes: attendees, absentees, substitutes, summary and the decisions
/// taken (R-MTG-4). Each `--decision` becomes a decision record `<MEETING>-D<n>`.
#[derive(Debug, clap::Args)]
pub struct MinutesArgs {
    pub id: String,
    /// Who recorded them (the secretary).
    #[arg(long, value_name = "PERSON")]
    pub recorded_by: String,
    /// A person present; `PERSON:MEMBER` when sitting on a member's behalf.
    #[arg(long = "attendee", value_name = "PERSON", required = true)]
    pub attendees: Vec<String>,
    #[arg(long = "absentee", value_name = "PERSON")]
    pub absentees: Vec<String>,
    /// The items discussed, in Persian.
    #[arg(long)]
    pub summary: String,
    /// A decision: `BODY[,BODY...]|DEADLINE|TEXT`, the deadline may be empty; a fourth
    /// part lists its topics (annual-priorities, resource-forecast; R-MTG-7).
    #[arg(long = "decision", value_name = "BODIES|DEADLINE|TEXT[|TOPICS]")]
    pub decisions: Vec<String>,
    #[command(flatten)]
    pub write: WriteOpts,
}

/// Approve the minutes, which locks them (R-MTG-9).
#[derive(Debug, clap::Args)]
pub struct ApproveMinutesArgs {
    pub id: String,
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    /// The letter sending a copy of the minutes to ISIPO (R-MTG-5).
    #[arg(long, value_name = "NUMBER")]
    pub isipo_letter: Option<String>,
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub isipo_letter_date: Option<JDate>,
    #[command(flatten)]
    pub write: WriteOpts,
}

fn path(id: &str) -> String {
    Kind::Meeting.path_of(id).unwrap_or_else(|_| id.to_string())
}

fn item(order: u32, text: &str) -> AgendaItem {
    let (decision, title) = match text.split_once(':') {
        Some((d, t)) if crate::model::id::validate_id(d.trim()).is_ok() => {
            (Some(d.trim().to_string()), t.trim().to_string())
        }
        _ => (None, text.trim().to_string()),
    };
    AgendaItem {
        order,
        title,
        decision,
        proposal: None,
        cluster: None,
    }
}

fn parse_decision(meeting: &str, n: usize, spec: &str) -> Result<Decision, StoreError> {
    let bad = || {
        refuse(
            "R-MTG-5",
            path(meeting),
            tr!(
                "--decision {spec:?} is not BODIES|DEADLINE|TEXT",
                "‎--decision‎ «{spec}» به شکل نهادها|مهلت|متن نیست"
            ),
        )
    };
    let mut parts = spec.splitn(4, '|');
    let (Some(bodies), Some(deadline), Some(text)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(bad());
    };
    let topics = match parts.next() {
        None => vec![],
        Some(t) => ids(t)
            .iter()
            .map(|x| super::enum_arg(&x.to_lowercase()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(StoreError::Usage)?,
    };
    let deadline = match deadline.trim() {
        "" => None,
        d => Some(JDate::parse(d).map_err(|e| StoreError::Usage(e.to_string()))?),
    };
    if text.trim().is_empty() {
        return Err(bad());
    }
    Ok(Decision {
        attachments: Vec::new(),
        id: format!("{meeting}-D{n}"),
        meeting: meeting.to_string(),
        text: text.trim().to_string(),
        responsible: ids(bodies),
        deadline,
        adopts: None,
        status: DecisionStatus::Open,
        topics,
        dispatch: None,
        followups: vec![],
    })
}

pub fn run(g: &Globals, cmd: MeetingCmd) -> Result<Status, CliError> {
    match cmd {
        MeetingCmd::Schedule(a) => write(g, &a.write, &a.id.clone(), |tx| {
            let (id, c, d) = (a.id.clone(), a.committee.clone(), a.date);
            tx.require(Kind::Committee, &c)?;
            tx.create(Record::Meeting(Meeting {
                attachments: Vec::new(),
                id: a.id,
                committee: a.committee,
                date: a.date,
                state: MeetingState::Scheduled,
                place: a.place,
                agenda: None,
                invitation: None,
                minutes: None,
            }))?;
            Ok(Change {
                action: "meeting.schedule",
                subject: tr!(
                    "Schedule meeting {id} of {c} on {d}",
                    "تعیین جلسه {id} کمیته {c} در {d}"
                ),
                body: vec![],
                decision: None,
                date: Some(d),
            })
        }),
        MeetingCmd::ProposeAgenda(a) => write(g, &a.write, &a.id.clone(), |tx| {
            let date = a.date.unwrap_or(tx.today);
            let m = tx.meeting_mut(&a.id)?;
            if m.agenda.as_ref().is_some_and(|x| x.approved_on.is_some()) {
                let id = &a.id;
                return Err(refuse(
                    "R-MTG-2",
                    path(id),
                    tr!(
                        "the agenda of {id} is already approved; a new proposal needs a new meeting",
                        "دستور جلسه {id} پیش‌تر تصویب شده است"
                    ),
                ));
            }
            let items: Vec<AgendaItem> = a
                .items
                .iter()
                .enumerate()
                .map(|(i, t)| item(i as u32 + 1, t))
                .collect();
            let lines = items.iter().map(|i| {
                let (o, t) = (i.order, &i.title);
                tr!("{o}. {t}", "{o}. {t}")
            });
            let body = lines.collect();
            m.agenda = Some(Agenda {
                proposed_by: a.by.clone(),
                proposed_on: date,
                approved_by: None,
                approved_on: None,
                items,
            });
            let (id, by) = (&a.id, &a.by);
            Ok(Change {
                action: "meeting.propose-agenda",
                subject: tr!(
                    "Agenda of {id} proposed by {by}",
                    "پیشنهاد دستور جلسه {id} از سوی {by}"
                ),
                body,
                decision: None,
                date: Some(date),
            })
        }),
        MeetingCmd::ApproveAgenda(a) => write(g, &a.write, &a.id.clone(), |tx| {
            let date = a.date.unwrap_or(tx.today);
            let id = a.id.clone();
            let m = tx.meeting_mut(&a.id)?;
            let Some(agenda) = m.agenda.as_mut() else {
                return Err(refuse(
                    "R-MTG-2",
                    path(&id),
                    tr!(
                        "{id} has no proposed agenda to approve; run `dabir meeting propose-agenda` first",
                        "برای {id} دستور جلسه‌ای پیشنهاد نشده است"
                    ),
                ));
            };
            if let Some(d) = agenda.approved_on {
                return Err(refuse(
                    "R-MTG-2",
                    path(&id),
                    tr!(
                        "the agenda of {id} was already approved on {d}",
                        "دستور جلسه {id} در {d} تصویب شده است"
                    ),
                ));
            }
            agenda.approved_by = Some(a.by.clone());
            agenda.approved_on = Some(date);
            let by = &a.by;
            Ok(Change {
                action: "meeting.approve-agenda",
                subject: tr!(
                    "Agenda of {id} approved by {by}",
                    "تصویب دستور جلسه {id} به دست {by}"
                ),
                body: vec![],
                decision: None,
                date: Some(date),
            })
        }),
        MeetingCmd::Invite(a) => write(g, &a.write, &a.id.clone(), |tx| {
            let date = a.letter_date.unwrap_or(tx.today);
            let m = tx.meeting_mut(&a.id)?;
            m.invitation = Some(Invitation {
                letter: Letter {
                    number: a.letter.clone(),
                    date,
                },
                signed_by: a.signed_by.clone(),
            });
            let (id, n, s) = (&a.id, &a.letter, &a.signed_by);
            Ok(Change {
                action: "meeting.invite",
                subject: tr!(
                    "Invitation to {id}: letter {n}",
                    "دعوت‌نامه جلسه {id}: نامه {n}"
                ),
                body: vec![tr!("signed by {s} on {date}", "به امضای {s} در {date}")],
                decision: None,
                date: Some(date),
            })
        }),
        MeetingCmd::Minutes(a) => write(g, &a.write, &a.id.clone(), |tx| {
            let id = a.id.clone();
            let decisions: Vec<Decision> = a
                .decisions
                .iter()
                .enumerate()
                .map(|(i, s)| parse_decision(&id, i + 1, s))
                .collect::<Result<_, _>>()?;
            let attendees = a
                .attendees
                .iter()
                .map(|s| match s.split_once(':') {
                    Some((p, m)) => Attendee {
                        person: p.trim().into(),
                        on_behalf_of: Some(m.trim().into()),
                    },
                    None => Attendee {
                        person: s.trim().into(),
                        on_behalf_of: None,
                    },
                })
                .collect();
            let m = tx.meeting_mut(&a.id)?;
            if m.minutes_locked() {
                // Reported by the lock check with R-MTG-9; say it plainly here too.
                return Err(refuse(
                    "R-MTG-9",
                    path(&id),
                    tr!(
                        "the minutes of {id} are approved and locked; record follow-up on its decisions",
                        "صورتجلسه {id} تأیید و قفل شده است؛ پیگیری را در مصوبه‌ها ثبت کنید"
                    ),
                ));
            }
            let date = m.date;
            m.state = MeetingState::Held;
            m.minutes = Some(Minutes {
                recorded_by: a.recorded_by.clone(),
                attendees,
                absentees: a.absentees.clone(),
                summary: a.summary.clone(),
                decisions: decisions.iter().map(|d| d.id.clone()).collect(),
                approved_on: None,
                isipo_copy: None,
            });
            let (present, absent) = (a.attendees.len(), a.absentees.len());
            let mut body = vec![tr!(
                "{present} present, {absent} absent",
                "{present} حاضر، {absent} غایب"
            )];
            for d in &decisions {
                let (did, t) = (&d.id, &d.text);
                body.push(tr!("{did}: {t}", "{did}: {t}"));
            }
            for d in decisions {
                tx.create(Record::Decision(d))?;
            }
            Ok(Change {
                action: "meeting.minutes",
                subject: tr!("Minutes of meeting {id}", "ثبت صورتجلسه {id}"),
                body,
                decision: None,
                date: Some(date),
            })
        }),
        MeetingCmd::ApproveMinutes(a) => write(g, &a.write, &a.id.clone(), |tx| {
            let date = a.date.unwrap_or(tx.today);
            let id = a.id.clone();
            let isipo = a.isipo_letter.clone().map(|number| Letter {
                number,
                date: a.isipo_letter_date.unwrap_or(date),
            });
            let m = tx.meeting_mut(&a.id)?;
            let Some(minutes) = m.minutes.as_mut() else {
                return Err(refuse(
                    "R-MTG-4",
                    path(&id),
                    tr!(
                        "{id} has no minutes to approve; run `dabir meeting minutes` first",
                        "برای {id} صورتجلسه‌ای ثبت نشده است"
                    ),
                ));
            };
            if let Some(d) = minutes.approved_on {
                return Err(refuse(
                    "R-MTG-9",
                    path(&id),
                    tr!(
                        "the minutes of {id} were already approved on {d}; approved minutes are locked",
                        "صورتجلسه {id} در {d} تأیید شده و قفل است"
                    ),
                ));
            }
            minutes.approved_on = Some(date);
            minutes.isipo_copy = isipo;
            Ok(Change {
                action: "meeting.approve-minutes",
                subject: tr!(
                    "Minutes of {id} approved and locked",
                    "تأیید و قفل صورتجلسه {id}"
                ),
                body: vec![],
                decision: None,
                date: Some(date),
            })
        }),
    }
}
