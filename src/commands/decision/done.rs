//! `dabir decision done`: close a decision as done, with its evidence.

use crate::commands::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, write};
use crate::model::decision::{Followup, FollowupKind};
use crate::model::{JDate, Letter};
use crate::store::Change;
use crate::tr;

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

pub fn run(g: &Globals, a: DoneArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.id.clone(), |tx| {
        let date = a.date.unwrap_or(tx.today);
        let evidence = Letter {
            number: a.evidence.clone(),
            date: a.evidence_date.unwrap_or(date),
        };
        let id = a.id.clone();
        let d = tx.decision_mut(&a.id)?;
        d.follow_up(Followup {
            date,
            kind: FollowupKind::Done,
            note: a.note.clone(),
            evidence: Some(evidence),
            meeting: None,
        })?;
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
    })
}
