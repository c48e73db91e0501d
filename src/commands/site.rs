//! `dabir site -o DIR`: the records as a static web site (see [`crate::site`]).

use std::io::Write;
use std::path::PathBuf;

use crate::commands::{CliError, Globals, Status};
use crate::model::id::province_of;
use crate::site::write::MANIFEST;
use crate::{check, repo, site, tr};

/// Build a static web site of the records into DIR: the province at a glance with
/// charts, a page per record with its history, the findings, the next meeting's brief and
/// a search page; a national overview when the repository holds several provinces.
/// Persian and right to left (English with `--lang en`); no JavaScript needed but for
/// search. A rebuild rewrites only the files whose content changed.
#[derive(Debug, clap::Args)]
pub struct SiteArgs {
    /// The folder to write (created; if it exists it must be empty or an earlier site).
    #[arg(short = 'o', long = "out", value_name = "DIR")]
    pub out: PathBuf,
    /// Build from the repository as it was at this git revision.
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
    /// Do not read git history (record pages then show no commits, and R-MTG-9 is skipped).
    #[arg(long)]
    pub no_history: bool,
}

pub fn run(g: &Globals, args: SiteArgs) -> Result<Status, CliError> {
    let source = repo::open(&g.dir, args.rev.as_deref())?;
    let as_of = g.as_of()?;
    let progress = crate::progress::Progress::new(g.quiet, g.lang.unwrap_or_default());
    progress.message(tr!("checking the records", "بررسی سوابق"));
    let history = if args.no_history {
        None
    } else {
        super::history(g, args.rev.as_deref())?
    };
    let (outcome, mut records) = check::run_keeping(
        &*source,
        check::Options {
            as_of,
            history: history.as_ref(),
            domain_rules: true,
            cache: None,
        },
    )?;
    records.sort_by(|a, b| province_of(a.1.id()).cmp(province_of(b.1.id())));
    let log = if args.no_history {
        site::history::Log::default()
    } else {
        let root = repo::discover(&g.dir).unwrap_or_else(|_| g.dir.clone());
        site::history::read(&root, args.rev.as_deref())
            .map_err(|e| CliError::CouldNotRun(e.to_string()))?
    };
    let lang = g.lang.unwrap_or(outcome.config.language);
    let input = site::Input {
        config: &outcome.config,
        as_of,
        lang,
        records: &records,
        findings: &outcome.findings,
        history: &log,
    };
    progress.start(
        records.len() as u64,
        tr!("building the pages", "ساختن صفحه‌ها"),
    );
    let refuse = |e: site::write::WriteError| {
        match e {
        site::write::WriteError::NotOurs(dir) => CliError::Usage(
            tr!(
                "{dir} is not empty and was not written by `dabir site` (no {MANIFEST}); choose an empty or new folder",
                "{dir} خالی نیست و `dabir site` آن را ننوشته است ({MANIFEST} ندارد)؛ پوشه‌ای خالی یا تازه برگزینید"
            )
            .get(lang)
            .to_string(),
        ),
        site::write::WriteError::Io { path, source } => CliError::CouldNotRun(
            tr!("{path}: {source}", "نوشتن {path} نشد: {source}")
                .get(lang)
                .to_string(),
        ),
    }
    };
    let writer = site::Writer::open(&args.out).map_err(refuse)?;
    site::build(&input, &|page| {
        if page.path.starts_with("r/") {
            progress.inc(1);
        }
        writer.put(page)
    })
    .map_err(refuse)?;
    let written = writer.finish().map_err(refuse)?;
    progress.finish();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if g.quiet {
        writeln!(out, "{}", written.written)?;
    } else {
        let n = |x: usize| site::html::num(lang, x);
        let (total, w, u, r, dir) = (
            n(written.total()),
            n(written.written),
            n(written.unchanged),
            n(written.removed),
            args.out.display(),
        );
        let msg = tr!(
            "{dir}: {total} files, {w} written, {u} unchanged, {r} removed",
            "{dir}: {total} پرونده، {w} نوشته شد، {u} بی‌تغییر، {r} برداشته شد"
        );
        writeln!(out, "{}", msg.get(lang))?;
    }
    Ok(Status::Clean)
}
