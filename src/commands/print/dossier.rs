//! `dabir print dossier <MEETING>`: what members receive before a meeting, the content
//! of `dabir brief` on one printable document.

use crate::brief::{self, Request};
use crate::check;
use crate::cli::{CliError, Globals, Status};
use crate::print::{Assets, Doc, data};
use crate::{repo, rules};

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
    let source = repo::open(&g.dir, None)?;
    let as_of = g.as_of()?;
    let history = crate::commands::history(g, None)?;
    let (outcome, records) = check::run_keeping(
        &*source,
        check::Options {
            as_of,
            history: history.as_ref(),
            domain_rules: true,
            cache: None,
        },
    )?;
    let ctx = rules::Context::new(&outcome.config, as_of, &records);
    let req = Request {
        committee: Some(meeting.committee.clone()),
        meeting: Some(meeting.id.clone()),
    };
    let b =
        brief::build(&ctx, &outcome.findings, &req).map_err(|e| CliError::Usage(e.to_string()))?;
    let d = data::dossier(&ctx, &b, lang, assets.logo_path());
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
