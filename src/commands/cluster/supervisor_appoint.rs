//! `dabir supervisor appoint`: appoint a cluster's supervisor for a year (R-SUP-1), by the working group's chair.

use crate::commands::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, write};
use crate::model::cluster::Appointment;
use crate::model::{JDate, Kind, Letter};
use crate::store::Change;
use crate::tr;

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

pub fn run(g: &Globals, a: SupervisorArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.cluster.clone(), |tx| {
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
    })
}
