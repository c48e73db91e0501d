//! `dabir decision dispatch`: record the deputy for planning's letter sending a decision for execution (R-MTG-5).

use crate::commands::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, ids, write};
use crate::model::decision::Dispatch;
use crate::model::{JDate, Letter};
use crate::store::Action;

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

pub fn run(g: &Globals, a: DispatchArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.id.clone(), |tx| {
        let date = a.date.unwrap_or(tx.today);
        let id = a.id.clone();
        let d = tx.decision_mut(&a.id)?;
        let recipients =
            a.to.as_deref()
                .map(ids)
                .unwrap_or_else(|| d.responsible.clone());
        let to = recipients.join("، ");
        d.dispatch(Dispatch {
            letter: Letter {
                number: a.letter.clone(),
                date,
            },
            recipients,
        })?;
        Ok(Action::DecisionDispatch {
            id,
            letter: a.letter.clone(),
            date,
            to,
        })
    })
}
