//! `dabir supervisor appoint`: appoint a cluster's supervisor for a year (R-SUP-1), by the working group's chair.

use super::AppointmentArgs;
use crate::commands::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, write};
use crate::model::JDate;
use crate::store::Action;

/// Appoint a cluster's supervisor for a year (R-SUP-1), by the working group's chair.
#[derive(Debug, clap::Args)]
pub struct SupervisorArgs {
    /// The cluster.
    pub cluster: String,
    #[command(flatten)]
    pub who: AppointmentArgs,
    /// Last day (default: one year from the start).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub end: Option<JDate>,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, a: SupervisorArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.cluster.clone(), |tx| {
        let mut appointment = a.who.appointment(tx, a.end)?;
        let start = appointment.start;
        let end = *appointment.end.get_or_insert_with(|| {
            JDate::new(start.year() + 1, start.month(), start.day())
                .unwrap_or_else(|| start.add_days(365))
                .add_days(-1)
        });
        tx.cluster_mut(&a.cluster)?.supervisors.push(appointment);
        Ok(Action::SupervisorAppoint {
            person: a.who.person.clone(),
            cluster: a.cluster.clone(),
            start,
            end,
        })
    })
}
