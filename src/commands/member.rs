//! `dabir member appoint|end|substitute`: the seats of a committee (R-COM-3). A
//! membership is never deleted: ending it records the date and reason, so the history
//! of every seat stays in the committee's record.

use crate::cli::{CliError, Globals, Status, parse_date};
use crate::model::committee::{EndReason, Membership, Role};
use crate::model::{JDate, Kind, Letter};
use crate::store::{Change, refuse};
use crate::tr;

use super::{WriteOpts, enum_arg, write};

#[derive(Debug, clap::Subcommand)]
pub enum MemberCmd {
    Appoint(AppointArgs),
    End(EndArgs),
    Substitute(SubstituteArgs),
}

/// Appoint a member to a committee, with the decree (حکم) of the deputy for planning.
#[derive(Debug, clap::Args)]
pub struct AppointArgs {
    /// The committee (ESF-PC).
    pub committee: String,
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

/// End a membership, with its reason; the seat's history stays.
#[derive(Debug, clap::Args)]
pub struct EndArgs {
    pub committee: String,
    #[arg(long, value_name = "PERSON")]
    pub person: String,
    /// The membership's end date (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub end: Option<JDate>,
    /// left-post, replaced, resigned, term-ended, deceased, other.
    #[arg(long, value_parser = enum_arg::<EndReason>)]
    pub reason: EndReason,
    #[command(flatten)]
    pub write: WriteOpts,
}

/// Register the alternate who sits for a member.
#[derive(Debug, clap::Args)]
pub struct SubstituteArgs {
    pub committee: String,
    /// The member.
    #[arg(long, value_name = "PERSON")]
    pub person: String,
    /// The alternate.
    #[arg(long, value_name = "PERSON")]
    pub substitute: String,
    #[command(flatten)]
    pub write: WriteOpts,
}

fn current<'a>(
    ms: &'a mut [Membership],
    person: &str,
    committee: &str,
) -> Result<&'a mut Membership, crate::store::StoreError> {
    let path = Kind::Committee.path_of(committee).unwrap_or_default();
    ms.iter_mut()
        .rev()
        .find(|m| m.person == person && m.end.is_none())
        .ok_or_else(|| {
            refuse(
                "R-COM-3",
                path,
                tr!(
                    "{person} holds no current seat on {committee}",
                    "{person} عضو کنونی {committee} نیست"
                ),
            )
        })
}

pub fn run(g: &Globals, cmd: MemberCmd) -> Result<Status, CliError> {
    match cmd {
        MemberCmd::Appoint(a) => write(g, &a.write, &a.committee.clone(), |tx| {
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
            let (p, cid, b) = (&a.person, &a.committee, &a.body);
            let role = serde_json::to_value(a.role)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let d = decree
                .map(|l| format!("{} ({})", l.number, l.date))
                .unwrap_or_else(|| "-".into());
            Ok(Change {
                action: "member.appoint",
                subject: tr!(
                    "Appoint {p} to {cid} as {role}",
                    "انتصاب {p} به عضویت {cid} ({role})"
                ),
                body: vec![tr!(
                    "seat of {b} from {start}; decree {d}",
                    "کرسی {b} از {start}؛ حکم {d}"
                )],
                decision: None,
                date: Some(start),
            })
        }),
        MemberCmd::End(a) => write(g, &a.write, &a.committee.clone(), |tx| {
            let end = a.end.unwrap_or(tx.today);
            let c = tx.committee_mut(&a.committee)?;
            let m = current(&mut c.memberships, &a.person, &a.committee)?;
            m.end = Some(end);
            m.end_reason = Some(a.reason);
            let (p, cid) = (&a.person, &a.committee);
            let reason = serde_json::to_value(a.reason)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            Ok(Change {
                action: "member.end",
                subject: tr!(
                    "End the membership of {p} on {cid}",
                    "پایان عضویت {p} در {cid}"
                ),
                body: vec![tr!(
                    "on {end}, reason: {reason}",
                    "در {end}، به سبب: {reason}"
                )],
                decision: None,
                date: Some(end),
            })
        }),
        MemberCmd::Substitute(a) => write(g, &a.write, &a.committee.clone(), |tx| {
            tx.require(Kind::Person, &a.substitute)?;
            let c = tx.committee_mut(&a.committee)?;
            let m = current(&mut c.memberships, &a.person, &a.committee)?;
            m.substitute = Some(a.substitute.clone());
            let (p, s, cid) = (&a.person, &a.substitute, &a.committee);
            Ok(Change {
                action: "member.substitute",
                subject: tr!(
                    "Register {s} as substitute for {p} on {cid}",
                    "ثبت {s} به جانشینی {p} در {cid}"
                ),
                body: vec![],
                decision: None,
                date: None,
            })
        }),
    }
}
