//! `dabir audit`: who changed what under which authority, from the signed history
//! ([`crate::audit`]).

use std::io::Write;

use crate::audit;
use crate::commands::{Globals, Status};
use crate::diag::{Severity, Summary};
use crate::error::CliError;
use crate::render;

/// Audit the history: every commit's signature against the signing policy of its parent
/// (policy.yaml), the authority its Dabir-Decision trailer names, hand edits, backdated
/// commits, merged second roots, approved minutes changed afterwards (R-MTG-9) and the
/// recorded checkpoints. Exit 0 clean, 1 findings, 2 usage, 3 could not run.
#[derive(Debug, clap::Args)]
pub struct AuditArgs {
    /// Audit only the commits not reachable from this revision (the last audited head).
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,
    /// The head to audit (default: HEAD).
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
    /// A trust-root key fingerprint (SHA256:… for SSH, hex for OpenPGP) allowed to sign
    /// the first policy; repeatable. git config dabir.trust (in the user's config) adds
    /// more.
    #[arg(long, value_name = "FINGERPRINT")]
    pub trust: Vec<String>,
    /// Fail (exit 1) on warnings too (hand edits).
    #[arg(long)]
    pub strict: bool,
}

pub fn run(g: &Globals, args: AuditArgs) -> Result<Status, CliError> {
    let lang = super::lang_of(g);
    let opts = audit::Options {
        dir: &g.dir,
        rev: args.rev.as_deref(),
        since: args.since.as_deref(),
        trust: &args.trust,
        as_of: g.as_of()?,
    };
    let outcome = match audit::run(&opts) {
        Ok(o) => o,
        Err(audit::AuditError::BadRev(r)) => {
            return Err(CliError::Usage(format!(
                "{}: {r}",
                crate::tr!("unknown revision", "نسخه ناشناخته").get(lang)
            )));
        }
        Err(e) => return Err(CliError::CouldNotRun(e.to_string())),
    };
    let mut findings = outcome.findings;
    crate::diag::sort(&mut findings);
    let summary = Summary::of(outcome.commits, &findings);
    let style = g.style(lang);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let source = crate::repo::open(&g.dir, Some(args.rev.as_deref().unwrap_or("HEAD"))).ok();
    let read = |p: &str| source.as_ref().and_then(|s| s.read(p).ok());
    if style.format == render::Format::Human {
        if !style.quiet {
            render::human::render(&mut out, &style, &findings, &read)?;
        }
        let (n, e, w) = (summary.files, summary.errors, summary.warnings);
        let line = crate::tr!(
            "audited {n} commits: {e} errors, {w} warnings",
            "{n} کامیت حسابرسی شد: {e} خطا، {w} هشدار"
        );
        let line = match lang {
            crate::model::Lang::Fa => crate::model::text::persian_digits(&line.fa),
            crate::model::Lang::En => line.en,
        };
        writeln!(out, "{line}")?;
    } else {
        render::findings(&mut out, &style, &findings, &summary, &read)?;
    }
    out.flush()?;
    let fails = findings
        .iter()
        .any(|f| f.severity == Severity::Error || (args.strict && f.severity == Severity::Warning));
    Ok(if fails {
        Status::Findings
    } else {
        Status::Clean
    })
}
