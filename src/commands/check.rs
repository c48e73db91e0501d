//! `dabir check`: every finding in the repository, in one run.

use std::io::Write;

use crate::check;
use crate::commands::{CliError, Globals, Status};
use crate::diag::Severity;
use crate::render;
use crate::repo;

/// Check every record against its schema, its references and the domain rules, and
/// report every finding at once with its rule id and file:line:col.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub strict: bool,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Check the repository as it was at this git revision (`HEAD~1`, a tag, a commit
    /// id), read from git objects; the work tree is not touched.
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
    /// Do not read git history (skips R-MTG-9, approved minutes changed after approval).
    #[arg(long)]
    pub no_history: bool,
    /// Check only the file format, the schemas, ids and references: skip the domain
    /// rules (R-COM, R-MTG, R-CLU, ...).
    #[arg(long)]
    pub schema_only: bool,
    /// Neither read nor write the check cache (`.git/dabir/check-cache/`), which lets a
    /// re-check skip the files unchanged since the last run.
    #[arg(long)]
    pub no_cache: bool,
}

pub fn run(g: &Globals, args: CheckArgs) -> Result<Status, CliError> {
    let source = repo::open(&g.dir, args.rev.as_deref())?;
    let source = &*source;
    let history = if args.no_history {
        None
    } else {
        super::history(g, args.rev.as_deref())?
    };
    let as_of = g.as_of()?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .map_err(|e| CliError::CouldNotRun(e.to_string()))?;
    // The cache lives in the git directory of a records root that is a work tree's root;
    // `--rev` reads git objects and never uses it.
    let cache = match (args.no_cache, &args.rev) {
        (false, None) => repo::discover(&g.dir)
            .ok()
            .and_then(|root| check::cache::dir_of(&root))
            .map(check::cache::CheckCache::new),
        _ => None,
    };
    let opts = check::Options {
        as_of,
        history: history.as_ref(),
        cache: cache.as_ref(),
        domain_rules: !args.schema_only,
    };
    let outcome = pool.install(|| check::run(source, opts))?;
    let style = g.style(outcome.config.language);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    render::findings(
        &mut out,
        &style,
        &outcome.findings,
        &outcome.summary,
        &|p| source.read(p).ok(),
    )?;
    out.flush()?;
    let fails = outcome
        .findings
        .iter()
        .any(|f| f.severity == Severity::Error || (args.strict && f.severity == Severity::Warning));
    Ok(if fails {
        Status::Findings
    } else {
        Status::Clean
    })
}
