//! `dabir member appoint`: appoint a member to a committee, with the decree (حکم) of the deputy for planning.

use crate::commands::{CliError, Globals, Status, parse_date};
use crate::commands::{WriteOpts, enum_arg, write};
use crate::model::committee::{Membership, Role};
use crate::model::{JDate, Kind, Letter};
use crate::store::{Action, refuse};
use crate::tr;

/// Appoint a member to a committee, with the decree (حکم) of the deputy for planning.
#[derive(Debug, clap::Args)]
pub struct AppointArgs {
    /// The committee (ESF-PC).
    pub committee: String,
    /// The person (a person id, ESF-P-001).
    #[arg(long, value_name = "PERSON")]
    pub person: String,
    /// The body whose seat this is.
    #[arg(long, value_name = "BODY")]
    pub body: String,
    /// chair, secretary, member, cluster-actor, ta, cda, support-rep, expert.
    #[arg(long, value_parser = enum_arg::<Role>)]
    pub role: Role,
    /// The decree's number as printed (Persian digits welcome).
    #[arg(long, value_name = "NUMBER")]
    pub decree: Option<String>,
    /// The decree's date (default: --start).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub decree_date: Option<JDate>,
    /// The first day of the membership (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub start: Option<JDate>,
    #[command(flatten)]
    pub write: WriteOpts,
}

pub fn run(g: &Globals, a: AppointArgs) -> Result<Status, CliError> {
    write(g, &a.write, &a.committee.clone(), |tx| {
        tx.require(Kind::Person, &a.person)?;
        let start = a.start.unwrap_or(tx.today);
        let decree = a.decree.clone().map(|number| Letter {
            number,
            date: a.decree_date.unwrap_or(start),
        });
        let c = tx.committee_mut(&a.committee)?;
        let path = Kind::Committee.path_of(&a.committee).unwrap_or_default();
        if c.memberships
            .iter()
            .any(|m| m.person == a.person && m.end.is_none())
        {
            let (p, cid) = (&a.person, &a.committee);
            return Err(refuse(
                "R-COM-3",
                path,
                tr!(
                    "{p} already holds a current seat on {cid}",
                    "{p} هم‌اکنون عضو {cid} است"
                ),
            ));
        }
        c.memberships.push(Membership {
            person: a.person.clone(),
            body: a.body.clone(),
            role: a.role,
            decree: decree.clone(),
            start,
            end: None,
            end_reason: None,
            substitute: None,
        });
        Ok(Action::MemberAppoint {
            person: a.person.clone(),
            committee: a.committee.clone(),
            role: a.role,
            body: a.body.clone(),
            start,
            decree,
        })
    })
}
