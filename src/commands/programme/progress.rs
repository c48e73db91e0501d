//! `dabir programme progress`: record a season's cumulative figure on an axis of the
//! annual programme (R-PRG-1..3).

use crate::commands::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, write};
use crate::model::programme::{AxisProgress, Season};
use crate::model::{JDate, Kind, Programme, ProgrammeProgress, Record};
use crate::store::{Action, refuse};
use crate::tr;

use super::parse_season;

/// Record the province's cumulative figure on an axis of the annual programme at the end
/// of a season, in the province's progress record (`<CODE>-PGP-<YEAR>`, created with
/// the first figure of the year). The programme (default `NAT-PG-<YEAR>`) must have been
/// adopted (`dabir programme adopt`). Refused: an axis the programme does not have or a
/// season outside its year (R-PRG-1), a second figure for the season or one lower than
/// an earlier season's (R-PRG-2). A figure above the target needs `--note` (R-PRG-3, a
/// warning).
#[derive(Debug, clap::Args)]
pub struct ProgressArgs {
    /// The axis's number in the programme.
    pub axis: u16,
    /// The season, YYYY-Qn (1404-Q2).
    #[arg(long, value_name = "SEASON", value_parser = parse_season)]
    pub season: Season,
    /// The total reached by the end of the season, in the axis's unit.
    #[arg(long)]
    pub value: u64,
    /// Why, in Persian (needed when the figure passes the target).
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// The programme (default: NAT-PG-<the season's year>).
    #[arg(long, value_name = "PROGRAMME")]
    pub programme: Option<String>,
    /// The day it is recorded, Solar Hijri (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, a: ProgressArgs) -> Result<Status, CliError> {
    write(g, &a.write, "", |tx| {
        let date = a.date.unwrap_or(tx.today);
        let province = tx.config.province.clone();
        let id = ProgrammeProgress::id_for(&province, a.season.year);
        let pid = a
            .programme
            .clone()
            .unwrap_or_else(|| Programme::id_for(a.season.year));
        let programme = tx.programme(&pid)?;
        if tx.exists(Kind::Progress, &id) {
            let named = tx.progress_record(&id)?.programme.clone();
            if named != pid {
                return Err(refuse(
                    "R-PRG-1",
                    Kind::Progress.path_of(&id).unwrap_or_default(),
                    tr!(
                        "{id} records progress on {named}, not {pid}",
                        "{id} پیشرفت برنامه {named} را ثبت می‌کند، نه {pid}"
                    ),
                ));
            }
        } else {
            tx.create(Record::Progress(ProgrammeProgress {
                id: id.clone(),
                programme: pid.clone(),
                entries: vec![],
            }))?;
        }
        let (n, s, v) = (a.axis, a.season, a.value);
        tx.progress_mut(&id)?.record(
            &programme,
            AxisProgress {
                axis: n,
                season: s,
                value: v,
                note: a.note.clone().filter(|t| !t.trim().is_empty()),
                recorded_on: date,
            },
        )?;
        let axis = programme.axis(n).expect("record refuses an unknown axis");
        Ok(Action::ProgrammeProgress {
            province,
            axis: n,
            programme: pid,
            season: s,
            value: v,
            unit: axis.unit.clone(),
            target: axis.target,
            date,
        })
    })
}
