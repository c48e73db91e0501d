//! `dabir meeting schedule|propose-agenda|approve-agenda|invite|minutes|approve-minutes`:
//! a meeting from its date to its locked minutes (R-MTG-2..5, R-MTG-9).
//!
//! Whether the attendees are members, whether the agenda was approved before the
//! meeting and so on are the rules engine's to judge (`rules::run` before and after
//! every write); what cannot happen at all (approving minutes twice, rewriting approved
//! minutes) is refused here.

pub mod approve_agenda;
pub mod approve_minutes;
pub mod invite;
pub mod minutes;
pub mod propose_agenda;
pub mod schedule;

use crate::commands::ids;
use crate::commands::{CliError, Globals, Status};
use crate::model::decision::{Decision, DecisionStatus};
use crate::model::meeting::AgendaItem;
use crate::model::{JDate, Kind};
use crate::store::{StoreError, refuse};
use crate::tr;

#[derive(Debug, clap::Subcommand)]
pub enum MeetingCmd {
    Schedule(schedule::ScheduleArgs),
    ProposeAgenda(propose_agenda::ProposeArgs),
    ApproveAgenda(approve_agenda::ApproveAgendaArgs),
    Invite(invite::InviteArgs),
    Minutes(minutes::MinutesArgs),
    ApproveMinutes(approve_minutes::ApproveMinutesArgs),
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
            .map(|x| crate::commands::enum_arg(&x.to_lowercase()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| StoreError::Usage(crate::tr!("{e}", "موضوع پذیرفته نیست: {e}")))?,
    };
    let deadline = match deadline.trim() {
        "" => None,
        d => Some(JDate::parse(d).map_err(|e| {
            StoreError::Usage(crate::tr!(
                "{e}",
                "مهلت «{d}» تاریخ خورشیدی درستی نیست: {e}"
            ))
        })?),
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
        MeetingCmd::Schedule(a) => schedule::run(g, a),
        MeetingCmd::ProposeAgenda(a) => propose_agenda::run(g, a),
        MeetingCmd::ApproveAgenda(a) => approve_agenda::run(g, a),
        MeetingCmd::Invite(a) => invite::run(g, a),
        MeetingCmd::Minutes(a) => minutes::run(g, a),
        MeetingCmd::ApproveMinutes(a) => approve_minutes::run(g, a),
    }
}
