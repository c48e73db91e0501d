//! `dabir member appoint|end|substitute`: the seats of a committee (R-COM-3). A
//! membership is never deleted: ending it records the date and reason, so the history
//! of every seat stays in the committee's record.

pub mod appoint;
pub mod end;
pub mod substitute;

use crate::commands::{CliError, Globals, Status};
use crate::model::Kind;
use crate::model::committee::Membership;
use crate::store::refuse;
use crate::tr;

#[derive(Debug, clap::Subcommand)]
pub enum MemberCmd {
    Appoint(appoint::AppointArgs),
    End(end::EndArgs),
    Substitute(substitute::SubstituteArgs),
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
        MemberCmd::Appoint(a) => appoint::run(g, a),
        MemberCmd::End(a) => end::run(g, a),
        MemberCmd::Substitute(a) => substitute::run(g, a),
    }
}
