//! `dabir print dossier <MEETING>`: what members receive before a meeting, the content
//! of `dabir brief` on one printable document.

use crate::brief::Request;
use crate::commands::{CliError, Globals, Status};
use crate::print::{Assets, Doc, data};

use super::OutArgs;

/// Print the dossier of a meeting: the approved agenda, the status of every open and
/// overdue decision with its origin, decisions not yet dispatched, members and quorum,
/// the reports and supervisor reviews due, and the budget headroom. It is `dabir brief
/// --meeting <MEETING>`, built the same way, on paper.
#[derive(Debug, clap::Args)]
pub struct DossierArgs {
    /// The meeting's id.
    pub meeting: String,
    #[command(flatten)]
    pub out: OutArgs,
}

pub fn run(g: &Globals, args: DossierArgs) -> Result<Status, CliError> {
    let (root, config, lang) = super::open(g)?;
    // The meeting must exist and be a meeting, before the whole check runs.
    let loader = crate::print::Loader::new(&root);
    let meeting = loader
        .meeting(&args.meeting)
        .map_err(|e| super::fail(e, lang))?;
    let assets = Assets::load(&root, &config).map_err(|e| super::fail(e, lang))?;
    let req = Request {
        committee: Some(meeting.committee.clone()),
        meeting: Some(meeting.id.clone()),
    };
    let d = crate::commands::brief::with_brief(g, None, &req, |ctx, b, _| {
        Ok(data::dossier(ctx, b, lang, assets.logo_path()))
    })?;
    super::emit(
        g,
        Doc::Dossier,
        &args.meeting,
        &args.out,
        &d,
        &assets,
        meeting.date,
        lang,
    )
}
