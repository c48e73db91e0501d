//! `dabir meeting schedule`: schedule a meeting of a committee.

use crate::commands::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, write};
use crate::model::meeting::{Meeting, MeetingState};
use crate::model::{JDate, Kind, Record};
use crate::store::Action;

/// Schedule a meeting of a committee.
#[derive(Debug, clap::Args)]
pub struct ScheduleArgs {
    /// The new meeting's id: committee, year, number (ESF-PC-1403-02).
    pub id: String,
    /// The committee (ESF-PC).
    #[arg(long, value_name = "COMMITTEE")]
    pub committee: String,
    /// The day it happened, Solar Hijri (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: JDate,
    /// Where, in Persian.
    #[arg(long)]
    pub place: Option<String>,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, a: ScheduleArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.id.clone(), |tx| {
        let (id, c, d) = (a.id.clone(), a.committee.clone(), a.date);
        tx.require(Kind::Committee, &c)?;
        tx.create(Record::Meeting(Meeting {
            attachments: Vec::new(),
            id: a.id,
            committee: a.committee,
            date: a.date,
            state: MeetingState::Scheduled,
            place: a.place,
            agenda: None,
            invitation: None,
            minutes: None,
        }))?;
        Ok(Action::MeetingSchedule {
            id,
            committee: c,
            date: d,
        })
    })
}
