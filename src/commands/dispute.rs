//! `dabir dispute raise|provincial-outcome|escalate|resolve`: a dispute goes first to the
//! provincial working group, and to the national one only on no agreement there (R-DIS-1).

use crate::cli::{CliError, Globals, Status, parse_date};
use crate::model::dispute::{Dispute, DisputeStatus, DisputeStep, Outcome};
use crate::model::{JDate, Kind, Record};
use crate::store::{Change, refuse};
use crate::tr;

use super::{WriteOpts, enum_arg, ids, write};

#[derive(Debug, clap::Subcommand)]
pub enum DisputeCmd {
    Raise(RaiseArgs),
    ProvincialOutcome(OutcomeArgs),
    Escalate(EscalateArgs),
    Resolve(ResolveArgs),
}

/// Raise a dispute between cluster actors at the provincial working group.
#[derive(Debug, clap::Args)]
pub struct RaiseArgs {
    /// The new dispute's id (ESF-DS-1403-1).
    pub id: String,
    /// The bodies in dispute, comma-separated.
    #[arg(long, value_name = "BODIES")]
    pub parties: String,
    /// What it is about, in Persian.
    #[arg(long)]
    pub subject: String,
    #[arg(long, value_name = "CLUSTER")]
    pub cluster: Option<String>,
    /// The provincial working group it is referred to.
    #[arg(long, value_name = "COMMITTEE")]
    pub committee: String,
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    #[command(flatten)]
    pub write: WriteOpts,
}

/// Record what the provincial working group reached: agreement or no-agreement.
#[derive(Debug, clap::Args)]
pub struct OutcomeArgs {
    pub id: String,
    /// agreement or no-agreement.
    #[arg(long, value_parser = enum_arg::<Outcome>)]
    pub outcome: Outcome,
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    /// The decision recording it.
    #[arg(long, value_name = "DECISION")]
    pub decision: Option<String>,
    #[command(flatten)]
    pub write: WriteOpts,
}

/// Escalate to the national (TPO) working group; only after a provincial no-agreement
/// (R-DIS-1).
#[derive(Debug, clap::Args)]
pub struct EscalateArgs {
    pub id: String,
    /// The national working group.
    #[arg(long, value_name = "COMMITTEE")]
    pub committee: String,
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    #[command(flatten)]
    pub write: WriteOpts,
}

/// Close a dispute with its resolution.
#[derive(Debug, clap::Args)]
pub struct ResolveArgs {
    pub id: String,
    /// How it was resolved, in Persian.
    #[arg(long)]
    pub resolution: String,
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    /// The decision recording it.
    #[arg(long, value_name = "DECISION")]
    pub decision: Option<String>,
    #[command(flatten)]
    pub write: WriteOpts,
}

fn path(id: &str) -> String {
    Kind::Dispute.path_of(id).unwrap_or_else(|_| id.to_string())
}

pub fn run(g: &Globals, cmd: DisputeCmd) -> Result<Status, CliError> {
    match cmd {
        DisputeCmd::Raise(a) => write(g, &a.write, &a.id.clone(), |tx| {
            let date = a.date.unwrap_or(tx.today);
            let (id, c) = (a.id.clone(), a.committee.clone());
            tx.create(Record::Dispute(Dispute {
                id: a.id.clone(),
                cluster: a.cluster.clone(),
                parties: ids(&a.parties),
                subject: a.subject.clone(),
                raised_on: date,
                status: DisputeStatus::Open,
                provincial: Some(DisputeStep {
                    committee: a.committee.clone(),
                    referred_on: date,
                    outcome: None,
                    decided_on: None,
                    decision: None,
                }),
                national: None,
                resolution: None,
            }))?;
            let s = &a.subject;
            Ok(Change {
                action: "dispute.raise",
                subject: tr!("Dispute {id} raised at {c}", "طرح اختلاف {id} در {c}"),
                body: vec![tr!("{s}", "{s}")],
                decision: None,
                date: Some(date),
            })
        }),
        DisputeCmd::ProvincialOutcome(a) => write(g, &a.write, &a.id.clone(), |tx| {
            let date = a.date.unwrap_or(tx.today);
            let id = a.id.clone();
            let d = tx.dispute_mut(&a.id)?;
            let Some(step) = d.provincial.as_mut() else {
                return Err(refuse(
                    "R-DIS-1",
                    path(&id),
                    tr!(
                        "{id} was never raised at the province",
                        "{id} در استان طرح نشده است"
                    ),
                ));
            };
            if let Some(prev) = step.outcome {
                let p = serde_json::to_value(prev)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                return Err(refuse(
                    "R-DIS-1",
                    path(&id),
                    tr!(
                        "the provincial outcome of {id} is already recorded: {p}",
                        "نتیجه استانی {id} پیش‌تر ثبت شده است: {p}"
                    ),
                ));
            }
            step.outcome = Some(a.outcome);
            step.decided_on = Some(date);
            step.decision = a.decision.clone();
            let (en, fa) = match a.outcome {
                Outcome::Agreement => ("agreement", "توافق"),
                Outcome::NoAgreement => ("no agreement", "عدم توافق"),
            };
            Ok(Change {
                action: "dispute.provincial-outcome",
                subject: tr!(
                    "Dispute {id}: {en} at the province",
                    "اختلاف {id}: {fa} در استان"
                ),
                body: vec![],
                decision: a.decision.clone(),
                date: Some(date),
            })
        }),
        DisputeCmd::Escalate(a) => write(g, &a.write, &a.id.clone(), |tx| {
            let date = a.date.unwrap_or(tx.today);
            let id = a.id.clone();
            let d = tx.dispute_mut(&a.id)?;
            if d.provincial.as_ref().and_then(|s| s.outcome) != Some(Outcome::NoAgreement) {
                return Err(refuse(
                    "R-DIS-1",
                    path(&id),
                    tr!(
                        "{id} has no provincial no-agreement on record; a dispute goes to the national working group only after the provincial one found no agreement",
                        "برای {id} عدم توافق در کارگروه استانی ثبت نشده است؛ اختلاف تنها پس از عدم توافق استانی به کارگروه ملی می‌رود"
                    ),
                ));
            }
            if d.national.is_some() {
                return Err(refuse(
                    "R-DIS-1",
                    path(&id),
                    tr!(
                        "{id} is already at the national working group",
                        "{id} پیش‌تر به کارگروه ملی رفته است"
                    ),
                ));
            }
            d.national = Some(DisputeStep {
                committee: a.committee.clone(),
                referred_on: date,
                outcome: None,
                decided_on: None,
                decision: None,
            });
            let c = &a.committee;
            Ok(Change {
                action: "dispute.escalate",
                subject: tr!("Dispute {id} escalated to {c}", "ارجاع اختلاف {id} به {c}"),
                body: vec![],
                decision: None,
                date: Some(date),
            })
        }),
        DisputeCmd::Resolve(a) => write(g, &a.write, &a.id.clone(), |tx| {
            let date = a.date.unwrap_or(tx.today);
            let id = a.id.clone();
            let d = tx.dispute_mut(&a.id)?;
            if d.status == DisputeStatus::Resolved {
                return Err(refuse(
                    "R-DIS-1",
                    path(&id),
                    tr!("{id} is already resolved", "{id} پیش‌تر حل شده است"),
                ));
            }
            d.status = DisputeStatus::Resolved;
            d.resolution = Some(a.resolution.clone());
            // The step it was settled at records the agreement.
            let step = if d.national.is_some() {
                d.national.as_mut()
            } else {
                d.provincial.as_mut()
            };
            if let Some(s) = step.filter(|s| s.outcome.is_none()) {
                s.outcome = Some(Outcome::Agreement);
                s.decided_on = Some(date);
                s.decision = a.decision.clone();
            }
            let r = &a.resolution;
            Ok(Change {
                action: "dispute.resolve",
                subject: tr!("Dispute {id} resolved", "حل اختلاف {id}"),
                body: vec![tr!("{r}", "{r}")],
                decision: a.decision.clone(),
                date: Some(date),
            })
        }),
    }
}
