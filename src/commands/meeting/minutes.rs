//! `dabir meeting minutes`: record the minutes: attendees, absentees, substitutes, summary and the decisions

use crate::commands::{CliError, Globals, Status};
use crate::commands::{WriteOpts, write};
use crate::model::Record;
use crate::model::decision::Decision;
use crate::model::meeting::{Attendee, Minutes};
use crate::store::Action;

use super::parse_decision;

/// Record the minutes: attendees, absentees, substitutes, summary and the decisions
/// taken (R-MTG-4). Each `--decision` becomes a decision record `<MEETING>-D<n>`.
#[derive(Debug, clap::Args)]
pub struct MinutesArgs {
    /// The record's id (`dabir list` finds one from a name).
    pub id: String,
    /// Who recorded them (the secretary).
    #[arg(long, value_name = "PERSON")]
    pub recorded_by: String,
    /// A person present; `PERSON:MEMBER` when sitting on a member's behalf.
    #[arg(long = "attendee", value_name = "PERSON", required = true)]
    pub attendees: Vec<String>,
    /// A member absent from the meeting (repeat for each).
    #[arg(long = "absentee", value_name = "PERSON")]
    pub absentees: Vec<String>,
    /// The items discussed, in Persian.
    #[arg(long)]
    pub summary: String,
    /// A decision: `BODY[,BODY...]|DEADLINE|TEXT`, the deadline may be empty; a fourth
    /// part lists its topics (annual-priorities, resource-forecast; R-MTG-7).
    #[arg(long = "decision", value_name = "BODIES|DEADLINE|TEXT[|TOPICS]")]
    pub decisions: Vec<String>,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, a: MinutesArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.id.clone(), |tx| {
        let id = a.id.clone();
        let decisions: Vec<Decision> = a
            .decisions
            .iter()
            .enumerate()
            .map(|(i, s)| parse_decision(&id, i + 1, s))
            .collect::<Result<_, _>>()?;
        let attendees = a
            .attendees
            .iter()
            .map(|s| match s.split_once(':') {
                Some((p, m)) => Attendee {
                    person: p.trim().into(),
                    on_behalf_of: Some(m.trim().into()),
                },
                None => Attendee {
                    person: s.trim().into(),
                    on_behalf_of: None,
                },
            })
            .collect();
        let m = tx.meeting_mut(&a.id)?;
        let date = m.date;
        m.record_minutes(Minutes {
            recorded_by: a.recorded_by.clone(),
            attendees,
            absentees: a.absentees.clone(),
            summary: a.summary.clone(),
            decisions: decisions.iter().map(|d| d.id.clone()).collect(),
            approved_on: None,
            isipo_copy: None,
        })?;
        let (present, absent) = (a.attendees.len(), a.absentees.len());
        let listed = decisions
            .iter()
            .map(|d| (d.id.clone(), d.text.clone()))
            .collect();
        for d in decisions {
            tx.create(Record::Decision(d))?;
        }
        Ok(Action::MeetingMinutes {
            id,
            date,
            present,
            absent,
            decisions: listed,
        })
    })
}
