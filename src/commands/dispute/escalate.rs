//! `dabir dispute escalate`: escalate to the national (TPO) working group; only after a provincial no-agreement

use crate::cli::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, write};
use crate::model::JDate;
use crate::model::dispute::{DisputeStep, Outcome};
use crate::store::{Change, refuse};
use crate::tr;

use super::path;

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

pub fn run(g: &Globals, a: EscalateArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.id.clone(), |tx| {
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
    })
}
