//! `dabir national check`: every province checked from git objects, per province and in
//! total.

use std::io::Write as _;

use super::num;
use crate::commands::{CliError, Globals, Status};
use crate::diag::{Severity, Summary};
use crate::render::{self, Format};
use crate::tr;

/// Check every province's latest fetched records (read from git objects, no checkout)
/// with the same rules as `check`, and report every finding (files prefixed by the
/// province code) with a table per province and the total. Exit codes as `check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub rollup: super::RollupOpts,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub strict: bool,
}

pub fn run(g: &Globals, args: CheckArgs) -> Result<Status, CliError> {
    let lang = super::super::lang_of(g);
    let results = super::rollup(g, &args.rollup)?;
    let repo = super::open(g)?;
    let read = super::reader(&repo, &results);
    let findings: Vec<_> = results
        .iter()
        .flat_map(|r| r.findings.iter().cloned())
        .collect();
    let files = results.iter().map(|r| r.summary.files).sum();
    let total = Summary::of(files, &findings);
    let style = g.style(lang);
    let stdout = std::io::stdout();
    let mut o = std::io::BufWriter::new(stdout.lock());
    render::findings(&mut o, &style, &findings, &total, &read)?;
    if g.format == Format::Human && !g.quiet {
        let mut t = super::table(match lang {
            crate::model::Lang::En => vec![
                "province",
                "records",
                "errors",
                "warnings",
                "days since sync",
            ],
            crate::model::Lang::Fa => vec!["استان", "سابقه", "خطا", "هشدار", "روز از آخرین همگامی"],
        });
        for r in &results {
            t.add_row(vec![
                r.code.clone(),
                num(r.summary.files as u64, lang),
                num(r.summary.errors as u64, lang),
                num(r.summary.warnings as u64, lang),
                r.days_since_sync
                    .map_or("—".into(), |d| num(d.max(0) as u64, lang)),
            ]);
        }
        t.add_row(vec![
            tr!("total", "جمع").get(lang).to_string(),
            num(total.files as u64, lang),
            num(total.errors as u64, lang),
            num(total.warnings as u64, lang),
            String::new(),
        ]);
        writeln!(o, "{t}")?;
    }
    o.flush()?;
    let fails = findings
        .iter()
        .any(|f| f.severity == Severity::Error || (args.strict && f.severity == Severity::Warning));
    Ok(if fails {
        Status::Findings
    } else {
        Status::Clean
    })
}
