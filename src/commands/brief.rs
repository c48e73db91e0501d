//! `dabir brief`: what the secretary needs before a committee meeting.

use std::io::Write;

use crate::brief::{self, Request};
use crate::check;
use crate::commands::{CliError, Globals, Status};
use crate::render::{self, Format};
use crate::{repo, rules};

/// Print what the secretary needs before a committee meeting: the meeting and its
/// agenda, members expected and vacant seats, open and overdue decisions, decisions not
/// yet dispatched, quarterly reports missing or late (with the on-time rate), supervisors
/// missing or expiring, budget headroom per plan, stalled clusters and open disputes.
///
/// Exit code 1 when something blocks the meeting: its agenda is not approved, an overdue
/// decision is missing from the agenda, or fewer members hold office than the quorum
/// needs; 0 otherwise (findings of `check` alone do not block). With `-q`, only the
/// blockers are printed, one a line: kind, record, message.
#[derive(Debug, clap::Args)]
pub struct BriefArgs {
    /// The committee (default: the provincial committee).
    #[arg(long, value_name = "ID")]
    pub committee: Option<String>,
    /// The meeting (default: the committee's next meeting on or after the as-of date).
    #[arg(long, value_name = "ID")]
    pub meeting: Option<String>,
    /// Wrap Persian table cells in Unicode isolates (FSI/PDI), for terminals that apply
    /// the bidirectional algorithm per line.
    #[arg(long)]
    pub bidi_isolate: bool,
    /// Brief on the repository as it was at this git revision.
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
}

pub fn run(g: &Globals, args: BriefArgs) -> Result<Status, CliError> {
    if g.format == Format::Sarif {
        return Err(CliError::Usage(
            "the brief is not a list of findings: use --format human or json".into(),
        ));
    }
    let req = Request {
        committee: args.committee,
        meeting: args.meeting,
    };
    let (b, language) = with_brief(g, args.rev.as_deref(), &req, |_, b, config| {
        Ok((b.clone(), config.language))
    })?;
    let style = g.style(language);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match style.format {
        // `-q`: only what a script gates on, one blocker a line (`KIND RECORD MESSAGE`),
        // or a JSON object per blocker; nothing when nothing blocks.
        Format::Json if g.quiet => {
            for x in &b.blockers {
                writeln!(
                    out,
                    "{}",
                    serde_json::to_string(x).map_err(std::io::Error::other)?
                )?;
            }
        }
        _ if g.quiet => {
            for x in &b.blockers {
                let kind = serde_json::to_value(x.kind).map_err(std::io::Error::other)?;
                let kind = kind.as_str().unwrap_or_default();
                writeln!(out, "{kind} {} {}", x.record, x.message.get(style.lang))?;
            }
        }
        Format::Json => render::brief::json(&mut out, &b)?,
        Format::Human | Format::Sarif => render::brief::human(
            &mut out,
            render::brief::BriefStyle {
                lang: style.lang,
                bidi_isolate: args.bidi_isolate,
            },
            &b,
        )?,
    }
    out.flush()?;
    Ok(if brief::blocked(&b) {
        Status::Findings
    } else {
        Status::Clean
    })
}

/// Run the whole check once (at `rev`, else the work tree), build the brief `req` asks
/// for, and hand `f` the records' context, the brief and the config: the one way the
/// brief is made, for `brief` and for `print dossier`.
pub(crate) fn with_brief<T>(
    g: &Globals,
    rev: Option<&str>,
    req: &Request,
    f: impl FnOnce(&rules::Context<'_>, &brief::Brief, &crate::model::Config) -> Result<T, CliError>,
) -> Result<T, CliError> {
    let source = repo::open(&g.dir, rev)?;
    let as_of = g.as_of()?;
    let history = super::history(g, rev)?;
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
    let b =
        brief::build(&ctx, &outcome.findings, req).map_err(|e| CliError::Usage(e.to_string()))?;
    f(&ctx, &b, &outcome.config)
}

/// The brief of `req` from one check of the repository (at `rev`), with the config: what
/// `export` writes as spreadsheets.
pub fn load(
    g: &Globals,
    req: Request,
    rev: Option<&str>,
) -> Result<(brief::Brief, crate::model::Config), CliError> {
    with_brief(g, rev, &req, |_, b, config| Ok((b.clone(), config.clone())))
}
