//! `dabir decision dispatch|progress|done|carry-over`: a decision's follow-up, recorded
//! in the decision's own record so approved minutes are never touched (R-MTG-5, R-MTG-6).

use crate::cli::{CliError, Globals, Status, parse_date};
use crate::model::decision::{DecisionStatus, Dispatch, Followup, FollowupKind};
use crate::model::{JDate, Kind, Letter};
use crate::store::{Change, refuse};
use crate::tr;

use super::{WriteOpts, ids, letter, write};

#[derive(Debug, clap::Subcommand)]
pub enum DecisionCmd {
    Dispatch(DispatchArgs),
    Progress(ProgressArgs),
    Done(DoneArgs),
    CarryOver(CarryOverArgs),
}

/// Record the deputy for planning's letter sending a decision for execution (R-MTG-5).
#[derive(Debug, clap::Args)]
pub struct DispatchArgs {
    /// The decision (ESF-PC-1403-02-D3).
    pub id: String,
    /// The letter's number as printed.
    #[arg(long, value_name = "NUMBER")]
    pub letter: String,
    /// The letter's date (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    /// The recipient bodies, comma-separated (default: the responsible bodies).
    #[arg(long, value_name = "BODIES")]
    pub to: Option<String>,
    #[command(flatten)]
    pub write: WriteOpts,
}

/// Record progress reported on a decision.
#[derive(Debug, clap::Args)]
pub struct ProgressArgs {
    pub id: String,
    /// What was reported, in Persian.
    #[arg(long)]
    pub note: String,
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    /// The letter or document that evidences it.
    #[arg(long, value_name = "NUMBER")]
    pub evidence: Option<String>,
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub evidence_date: Option<JDate>,
    #[command(flatten)]
    pub write: WriteOpts,
}

/// Close a decision as done, with its evidence.
#[derive(Debug, clap::Args)]
pub struct DoneArgs {
    pub id: String,
    #[arg(long)]
    pub note: String,
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    /// The letter or document that shows it done.
    #[arg(long, value_name = "NUMBER")]
    pub evidence: String,
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub evidence_date: Option<JDate>,
    #[command(flatten)]
    pub write: WriteOpts,
}

/// Carry a decision over to a later meeting, which takes it up again.
#[derive(Debug, clap::Args)]
pub struct CarryOverArgs {
    pub id: String,
    /// The meeting it goes to.
    #[arg(long, value_name = "MEETING")]
    pub to: String,
    #[arg(long, default_value = "")]
    pub note: String,
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    #[command(flatten)]
    pub write: WriteOpts,
}

fn path(id: &str) -> String {
    Kind::Decision
        .path_of(id)
        .unwrap_or_else(|_| id.to_string())
}

fn open_only(id: &str, status: DecisionStatus) -> Result<(), crate::store::StoreError> {
    if status == DecisionStatus::Open {
        return Ok(());
    }
    let s = serde_json::to_value(status)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    Err(refuse(
        "R-MTG-6",
        path(id),
        tr!("{id} is {s}, not open", "وضعیت {id} «{s}» است، نه باز"),
    ))
}

pub fn run(g: &Globals, cmd: DecisionCmd) -> Result<Status, CliError> {
    match cmd {
        DecisionCmd::Dispatch(a) => write(g, &a.write, &a.id.clone(), |tx| {
            let date = a.date.unwrap_or(tx.today);
            let id = a.id.clone();
            let d = tx.decision_mut(&a.id)?;
            if let Some(old) = &d.dispatch {
                let n = &old.letter.number;
                return Err(refuse(
                    "R-MTG-5",
                    path(&id),
                    tr!(
                        "{id} was already dispatched by letter {n}",
                        "{id} پیش‌تر با نامه {n} ابلاغ شده است"
                    ),
                ));
            }
            let recipients =
                a.to.as_deref()
                    .map(ids)
                    .unwrap_or_else(|| d.responsible.clone());
            let to = recipients.join("، ");
            d.dispatch = Some(Dispatch {
                letter: Letter {
                    number: a.letter.clone(),
                    date,
                },
                recipients,
            });
            let n = &a.letter;
            Ok(Change {
                action: "decision.dispatch",
                subject: tr!(
                    "Dispatch letter of decision {id}",
                    "ثبت نامه ابلاغ مصوبه {id}"
                ),
                body: vec![tr!(
                    "letter {n} of {date} to {to}",
                    "نامه {n} مورخ {date} به {to}"
                )],
                decision: Some(id.clone()),
                date: Some(date),
            })
        }),
        DecisionCmd::Progress(a) => write(g, &a.write, &a.id.clone(), |tx| {
            let date = a.date.unwrap_or(tx.today);
            let evidence = letter(&a.evidence, a.evidence_date, date);
            let id = a.id.clone();
            let d = tx.decision_mut(&a.id)?;
            open_only(&id, d.status)?;
            d.followups.push(Followup {
                date,
                kind: FollowupKind::Progress,
                note: a.note.clone(),
                evidence,
                meeting: None,
            });
            let note = &a.note;
            Ok(Change {
                action: "decision.progress",
                subject: tr!("Progress on decision {id}", "پیشرفت مصوبه {id}"),
                body: vec![tr!("{date}: {note}", "{date}: {note}")],
                decision: Some(id.clone()),
                date: Some(date),
            })
        }),
        DecisionCmd::Done(a) => write(g, &a.write, &a.id.clone(), |tx| {
            let date = a.date.unwrap_or(tx.today);
            let evidence = Letter {
                number: a.evidence.clone(),
                date: a.evidence_date.unwrap_or(date),
            };
            let id = a.id.clone();
            let d = tx.decision_mut(&a.id)?;
            open_only(&id, d.status)?;
            d.status = DecisionStatus::Done;
            d.followups.push(Followup {
                date,
                kind: FollowupKind::Done,
                note: a.note.clone(),
                evidence: Some(evidence),
                meeting: None,
            });
            let (note, n) = (&a.note, &a.evidence);
            Ok(Change {
                action: "decision.done",
                subject: tr!("Decision {id} done", "انجام مصوبه {id}"),
                body: vec![tr!(
                    "{date}: {note} (evidence: letter {n})",
                    "{date}: {note} (مستند: نامه {n})"
                )],
                decision: Some(id.clone()),
                date: Some(date),
            })
        }),
        DecisionCmd::CarryOver(a) => write(g, &a.write, &a.id.clone(), |tx| {
            let date = a.date.unwrap_or(tx.today);
            tx.require(Kind::Meeting, &a.to)?;
            let id = a.id.clone();
            let d = tx.decision_mut(&a.id)?;
            open_only(&id, d.status)?;
            d.status = DecisionStatus::CarriedOver;
            d.followups.push(Followup {
                date,
                kind: FollowupKind::CarriedOver,
                note: if a.note.is_empty() {
                    format!("به جلسه {}", a.to)
                } else {
                    a.note.clone()
                },
                evidence: None,
                meeting: Some(a.to.clone()),
            });
            let to = &a.to;
            Ok(Change {
                action: "decision.carry-over",
                subject: tr!(
                    "Decision {id} carried over to {to}",
                    "انتقال مصوبه {id} به جلسه {to}"
                ),
                body: vec![],
                decision: Some(id.clone()),
                date: Some(date),
            })
        }),
    }
}
