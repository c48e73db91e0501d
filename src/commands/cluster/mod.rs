//! `dabir cluster register|assess|advance|appoint` and `dabir supervisor appoint`: a cluster's
//! nine-criteria assessment (R-CLU-1), its lifecycle one stage at a time, each step citing
//! the decision or document that moved it (R-CLU-2), and its yearly supervisor (R-SUP-1).

pub mod advance;
pub mod appoint;
pub mod assess;
pub mod register;
pub mod supervisor_appoint;

use crate::commands::letter;
use crate::commands::{CliError, Globals, Status, parse_date};
use crate::model::cluster::Appointment;
use crate::model::{Evidence, JDate, Kind, Letter, Stage};
use crate::store::{StoreError, refuse};
use crate::tr;

#[derive(Debug, clap::Subcommand)]
pub enum ClusterCmd {
    Register(register::RegisterArgs),
    Assess(assess::AssessArgs),
    Advance(advance::AdvanceArgs),
    Appoint(appoint::AppointArgs),
}

#[derive(Debug, clap::Subcommand)]
pub enum SupervisorCmd {
    Appoint(supervisor_appoint::SupervisorArgs),
}

/// Who is appointed, by whom and by which letter: what a cluster's CDA, TA and
/// supervisor appointments share.
#[derive(Debug, Clone, clap::Args)]
pub struct AppointmentArgs {
    /// The person appointed (a person id, ESF-P-001).
    #[arg(long, value_name = "PERSON")]
    pub person: String,
    /// The firm the person acts for.
    #[arg(long, value_name = "BODY")]
    pub body: Option<String>,
    /// Who appointed: for a CDA or TA, who signed the contract for the broker
    /// organisation; for a supervisor, the working group's chair.
    #[arg(long, value_name = "PERSON")]
    pub by: String,
    /// The contract's or letter's number as printed (Persian digits welcome).
    #[arg(long, value_name = "NUMBER")]
    pub letter: String,
    /// The letter's date (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub letter_date: Option<JDate>,
    /// The first day (default: the letter's date).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub start: Option<JDate>,
}

impl AppointmentArgs {
    /// The appointment, ending on `end`, after checking that the people and the firm it
    /// names exist.
    fn appointment(
        &self,
        tx: &crate::store::Tx,
        end: Option<JDate>,
    ) -> Result<Appointment, StoreError> {
        tx.require(Kind::Person, &self.person)?;
        tx.require(Kind::Person, &self.by)?;
        if let Some(b) = &self.body {
            tx.require(Kind::Body, b)?;
        }
        let date = self.letter_date.unwrap_or(tx.today);
        let start = self.start.unwrap_or(date);
        Ok(Appointment {
            person: self.person.clone(),
            body: self.body.clone(),
            appointed_by: self.by.clone(),
            letter: Letter {
                number: self.letter.clone(),
                date,
            },
            start,
            end,
        })
    }
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
    /// The letter's date (default: today).
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
        ClusterCmd::Register(a) => register::run(g, a),
        ClusterCmd::Assess(a) => assess::run(g, a),
        ClusterCmd::Advance(a) => advance::run(g, a),
        ClusterCmd::Appoint(a) => appoint::run(g, a),
    }
}

pub fn run_supervisor(g: &Globals, cmd: SupervisorCmd) -> Result<Status, CliError> {
    match cmd {
        SupervisorCmd::Appoint(a) => supervisor_appoint::run(g, a),
    }
}
