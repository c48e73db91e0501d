//! `dabir cluster register|assess|advance` and `dabir supervisor appoint`: a cluster's
//! nine-criteria assessment (R-CLU-1), its lifecycle one stage at a time, each step citing
//! the decision or document that moved it (R-CLU-2), and its yearly supervisor (R-SUP-1).

use crate::cli::{CliError, Globals, Status, parse_date};
use crate::model::cluster::{Appointment, Assessment, Criteria, Criterion, StageStep};
use crate::model::{Cluster, Evidence, JDate, Kind, Letter, Record, Stage};
use crate::store::{Change, StoreError, refuse};
use crate::tr;

use super::{WriteOpts, letter, write};

#[derive(Debug, clap::Subcommand)]
pub enum ClusterCmd {
    Register(RegisterArgs),
    Assess(AssessArgs),
    Advance(AdvanceArgs),
}

#[derive(Debug, clap::Subcommand)]
pub enum SupervisorCmd {
    Appoint(SupervisorArgs),
}

/// The decision or document that moves a cluster.
#[derive(Debug, Clone, clap::Args)]
pub struct EvidenceArgs {
    /// The committee decision that moved it.
    #[arg(long, value_name = "DECISION")]
    pub decision: Option<String>,
    /// Otherwise the body that issued the document (TPO for a licence, ...).
    #[arg(long, value_name = "BODY")]
    pub issuer: Option<String>,
    /// The document's letter number.
    #[arg(long, value_name = "NUMBER")]
    pub letter: Option<String>,
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub letter_date: Option<JDate>,
    /// What the document is, in Persian.
    #[arg(long)]
    pub title: Option<String>,
}

impl EvidenceArgs {
    fn evidence(&self, today: JDate) -> Option<Evidence> {
        if self.decision.is_none() && self.issuer.is_none() && self.letter.is_none() {
            return None;
        }
        Some(Evidence {
            decision: self.decision.clone(),
            issuer: self.issuer.clone(),
            letter: letter(&self.letter, self.letter_date, today),
            title: self.title.clone(),
        })
    }
}

/// Register a cluster on the initial list (F3), citing the decision or document.
#[derive(Debug, clap::Args)]
pub struct RegisterArgs {
    /// The new cluster's id (ESF-CL-FARSH).
    pub id: String,
    /// Persian name.
    #[arg(long)]
    pub name: String,
    /// The product, in Persian.
    #[arg(long)]
    pub product: String,
    /// The county (شهرستان) it is concentrated in.
    #[arg(long)]
    pub county: String,
    /// The number of firms.
    #[arg(long)]
    pub firms: Option<u32>,
    /// The date it entered the initial list (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    #[command(flatten)]
    pub evidence: EvidenceArgs,
    #[command(flatten)]
    pub write: WriteOpts,
}

/// Record the nine-criteria assessment (R-CLU-1).
#[derive(Debug, clap::Args)]
pub struct AssessArgs {
    pub id: String,
    /// The assessing body (the provincial trade organisation).
    #[arg(long, value_name = "BODY")]
    pub by: String,
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    /// The criteria met, comma-separated: concentration, related_products, legal_entity,
    /// export_share, capacity, value_added, advantage, networks, social_capital.
    #[arg(long, value_name = "CRITERIA", default_value = "")]
    pub met: String,
    /// A note on a criterion: `capacity=...`.
    #[arg(long = "note", value_name = "CRITERION=TEXT")]
    pub notes: Vec<String>,
    #[command(flatten)]
    pub write: WriteOpts,
}

/// Advance the cluster one lifecycle stage, citing the decision or document (R-CLU-2).
#[derive(Debug, clap::Args)]
pub struct AdvanceArgs {
    pub id: String,
    /// The stage reached: F3-1, F3-3, F3-4, F6, F7, F8, F9, F9-1, F9-2, F9-3, F10 ... F15.
    #[arg(long, value_name = "STAGE")]
    pub to: String,
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    #[command(flatten)]
    pub evidence: EvidenceArgs,
    #[command(flatten)]
    pub write: WriteOpts,
}

/// Appoint a cluster's supervisor for a year (R-SUP-1), by the working group's chair.
#[derive(Debug, clap::Args)]
pub struct SupervisorArgs {
    /// The cluster.
    pub cluster: String,
    #[arg(long, value_name = "PERSON")]
    pub person: String,
    /// The firm the supervisor acts for.
    #[arg(long, value_name = "BODY")]
    pub body: Option<String>,
    /// Who appointed (the working group's chair).
    #[arg(long, value_name = "PERSON")]
    pub by: String,
    #[arg(long, value_name = "NUMBER")]
    pub letter: String,
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub letter_date: Option<JDate>,
    /// First day (default: the letter's date).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub start: Option<JDate>,
    /// Last day (default: one year from the start).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub end: Option<JDate>,
    #[command(flatten)]
    pub write: WriteOpts,
}

fn path(id: &str) -> String {
    Kind::Cluster.path_of(id).unwrap_or_else(|_| id.to_string())
}

fn no_evidence(id: &str, stage: Stage) -> StoreError {
    refuse(
        "R-CLU-2",
        path(id),
        tr!(
            "moving {id} to {stage} needs the decision (--decision) or document (--issuer, --letter) that allows it",
            "بردن {id} به مرحله {stage} مصوبه (‎--decision‎) یا سند (‎--issuer‎، ‎--letter‎) مجوز آن را لازم دارد"
        ),
    )
}

pub fn run(g: &Globals, cmd: ClusterCmd) -> Result<Status, CliError> {
    match cmd {
        ClusterCmd::Register(a) => write(g, &a.write, &a.id.clone(), |tx| {
            let date = a.date.unwrap_or(tx.today);
            let id = a.id.clone();
            let evidence = a
                .evidence
                .evidence(date)
                .ok_or_else(|| no_evidence(&id, Stage::F3))?;
            let name = a.name.clone();
            tx.create(Record::Cluster(Cluster {
                id: a.id.clone(),
                name: a.name.clone(),
                product: a.product.clone(),
                county: a.county.clone(),
                firms: a.firms,
                assessment: None,
                stages: vec![StageStep {
                    stage: Stage::F3,
                    date,
                    evidence,
                }],
                cda: vec![],
                ta: vec![],
                supervisors: vec![],
            }))?;
            Ok(Change {
                action: "cluster.register",
                subject: tr!("Register cluster {id}: {name}", "ثبت خوشه {id}: {name}"),
                body: vec![tr!(
                    "on the initial list (F3) from {date}",
                    "در فهرست اولیه (F3) از {date}"
                )],
                decision: a.evidence.decision.clone(),
                date: Some(date),
            })
        }),
        ClusterCmd::Assess(a) => write(g, &a.write, &a.id.clone(), |tx| {
            let date = a.date.unwrap_or(tx.today);
            let id = a.id.clone();
            let met: Vec<String> = super::ids(&a.met)
                .into_iter()
                .map(|s| s.to_lowercase())
                .collect();
            let note_of = |k: &str| {
                a.notes.iter().find_map(|n| {
                    n.split_once('=')
                        .filter(|(c, _)| c.trim() == k)
                        .map(|(_, t)| t.trim().to_string())
                })
            };
            let c = |k: &str| Criterion {
                met: met.iter().any(|m| m == k),
                note: note_of(k),
            };
            let criteria = Criteria {
                concentration: c("concentration"),
                related_products: c("related_products"),
                legal_entity: c("legal_entity"),
                export_share: c("export_share"),
                capacity: c("capacity"),
                value_added: c("value_added"),
                advantage: c("advantage"),
                networks: c("networks"),
                social_capital: c("social_capital"),
            };
            let known: Vec<&str> = criteria.all().iter().map(|(k, _)| *k).collect();
            if let Some(bad) = met.iter().find(|m| !known.contains(&m.as_str())) {
                return Err(StoreError::Usage(format!(
                    "--met: `{bad}` is not one of {}",
                    known.join(", ")
                )));
            }
            let n = criteria.all().iter().filter(|(_, c)| c.met).count();
            let cl = tx.cluster_mut(&a.id)?;
            cl.assessment = Some(Assessment {
                date,
                by: a.by.clone(),
                criteria,
            });
            let by = &a.by;
            Ok(Change {
                action: "cluster.assess",
                subject: tr!(
                    "Assessment of cluster {id}: {n} of 9 criteria met",
                    "ارزیابی خوشه {id}: {n} معیار از ۹"
                ),
                body: vec![tr!("by {by} on {date}", "به دست {by} در {date}")],
                decision: None,
                date: Some(date),
            })
        }),
        ClusterCmd::Advance(a) => write(g, &a.write, &a.id.clone(), |tx| {
            let date = a.date.unwrap_or(tx.today);
            let id = a.id.clone();
            let to = Stage::from_code(&a.to).ok_or_else(|| {
                StoreError::Usage(format!("--to {:?} is not a stage (F3 ... F15)", a.to))
            })?;
            let evidence = a
                .evidence
                .evidence(date)
                .ok_or_else(|| no_evidence(&id, to))?;
            let cl = tx.cluster_mut(&a.id)?;
            let from = cl.stage();
            let allowed: &[Stage] = match from {
                Some(s) => s.successors(),
                None => &[Stage::F3],
            };
            if !allowed.contains(&to) {
                let now = from.map_or("-".to_string(), |s| s.code().to_string());
                let next: Vec<&str> = allowed.iter().map(|s| s.code()).collect();
                let next = next.join(" / ");
                return Err(refuse(
                    "R-CLU-2",
                    path(&id),
                    tr!(
                        "{id} is at {now}; it may move only to {next}, not {to}: a cluster cannot skip a stage",
                        "{id} در مرحله {now} است و تنها به {next} می‌رود، نه {to}: خوشه مرحله‌ای را جا نمی‌اندازد"
                    ),
                ));
            }
            cl.stages.push(StageStep {
                stage: to,
                date,
                evidence: evidence.clone(),
            });
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
            Ok(Change {
                action: "cluster.advance",
                subject: tr!(
                    "Cluster {id} to {to} ({name_en})",
                    "ورود خوشه {id} به مرحله {to} ({name_fa})"
                ),
                body: vec![tr!("on {date}, by {cite}", "در {date}، به استناد {cite}")],
                decision: evidence.decision.clone(),
                date: Some(date),
            })
        }),
    }
}

pub fn run_supervisor(g: &Globals, cmd: SupervisorCmd) -> Result<Status, CliError> {
    match cmd {
        SupervisorCmd::Appoint(a) => write(g, &a.write, &a.cluster.clone(), |tx| {
            let letter_date = a.letter_date.unwrap_or(tx.today);
            let start = a.start.unwrap_or(letter_date);
            let end = a.end.unwrap_or_else(|| {
                JDate::new(start.year() + 1, start.month(), start.day())
                    .unwrap_or_else(|| start.add_days(365))
                    .add_days(-1)
            });
            tx.require(Kind::Person, &a.person)?;
            let cl = tx.cluster_mut(&a.cluster)?;
            cl.supervisors.push(Appointment {
                person: a.person.clone(),
                body: a.body.clone(),
                appointed_by: a.by.clone(),
                letter: Letter {
                    number: a.letter.clone(),
                    date: letter_date,
                },
                start,
                end: Some(end),
            });
            let (c, p) = (&a.cluster, &a.person);
            Ok(Change {
                action: "supervisor.appoint",
                subject: tr!(
                    "Appoint {p} as supervisor of cluster {c}",
                    "انتصاب {p} به نظارت خوشه {c}"
                ),
                body: vec![tr!("from {start} to {end}", "از {start} تا {end}")],
                decision: None,
                date: Some(start),
            })
        }),
    }
}
