//! `dabir cluster appoint`: a cluster's development agent (CDA, عامل توسعه خوشه) or
//! technical advisor-supervisor (TA, مشاور-ناظر فنی), under the broker organisation's
//! contract. The appointment before it ends the day before; on the cluster's steering
//! council the CDA is the secretary and the TA sits as `ta` (R-SC-1), so their seats
//! change in the same commit.

use super::AppointmentArgs;
use crate::commands::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, write};
use crate::model::committee::{CommitteeKind, Membership, Role};
use crate::model::{JDate, Kind};
use crate::store::{Action, refuse};
use crate::tr;

/// Which appointment of a cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum AppointRole {
    /// The cluster development agent (عامل توسعه خوشه): the steering council's secretary.
    Cda,
    /// The technical advisor-supervisor (مشاور-ناظر فنی).
    Ta,
}

/// Appoint a cluster's CDA or TA (its contract with the broker organisation); the
/// previous one's appointment ends the day before, and the cluster's steering council,
/// if it has one, gets the new CDA as its secretary or the new TA in the TA seat.
#[derive(Debug, clap::Args)]
pub struct AppointArgs {
    /// The cluster (ESF-CL-GOLAB).
    pub cluster: String,
    /// Which appointment.
    #[arg(long, value_enum)]
    pub role: AppointRole,
    #[command(flatten)]
    pub who: AppointmentArgs,
    /// The last day, if the contract has one.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub end: Option<JDate>,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, a: AppointArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.cluster.clone(), |tx| {
        let appointment = a.who.appointment(tx, a.end)?;
        let start = appointment.start;
        let (cid, p) = (a.cluster.clone(), a.who.person.clone());
        let cl = tx.cluster_mut(&a.cluster)?;
        let list = match a.role {
            AppointRole::Cda => &mut cl.cda,
            AppointRole::Ta => &mut cl.ta,
        };
        for prev in list.iter_mut() {
            if prev.start < start && prev.end.is_none_or(|e| e >= start) {
                prev.end = Some(start.add_days(-1));
            }
        }
        list.push(appointment);
        // The seat on the cluster's steering council follows the appointment (R-SC-1).
        let seat = match a.role {
            AppointRole::Cda => Role::Secretary,
            AppointRole::Ta => Role::Ta,
        };
        let mut councils = Vec::new();
        for id in tx.ids_of(Kind::Committee) {
            let c = tx.committee(&id)?;
            if c.kind == CommitteeKind::Steering && c.cluster.as_deref() == Some(cid.as_str()) {
                councils.push(id);
            }
        }
        for council in &councils {
            let Some(body) = a.who.body.clone() else {
                return Err(refuse(
                    "R-SC-1",
                    Kind::Committee.path_of(council).unwrap_or_default(),
                    tr!(
                        "{p} takes a seat on the steering council {council}: name the firm they act for with --body",
                        "{p} در شورای راهبری {council} کرسی می‌گیرد: شرکتی را که از سوی آن است با ‎--body‎ بدهید"
                    ),
                ));
            };
            let c = tx.committee_mut(council)?;
            for m in c.memberships.iter_mut() {
                if m.role == seat && m.end.is_none_or(|e| e > start) && m.start < start {
                    m.end = Some(start);
                    m.end_reason = Some(crate::model::committee::EndReason::Replaced);
                }
            }
            c.memberships.push(Membership {
                person: a.who.person.clone(),
                body,
                role: seat,
                decree: None,
                start,
                end: None,
                end_reason: None,
                substitute: None,
            });
        }
        Ok(Action::ClusterAppoint {
            person: p,
            cluster: cid,
            seat,
            start,
            councils,
        })
    })
}
