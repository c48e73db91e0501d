//! `dabir sync`: bring the repository and its remote into step ([`crate::sync`]).

use std::io::Write as _;

use crate::commands::{CliError, Globals, Status};
use crate::diag::Summary;
use crate::render::{self, Format};
use crate::sync::{self, SyncError};
use crate::tr;

/// Fetch the remote, replay your new commits on top of its new ones (never a merge,
/// never a force), check the result with the write rules, and push it. A record changed
/// on both sides stops the sync with both sides shown and nothing changed.
///
/// The remote is the branch's upstream (`branch.<name>.remote`), else `origin`. The
/// transport is the `git` program, with your own credentials and ssh config.
#[derive(Debug, clap::Args)]
pub struct SyncArgs {
    /// The git remote to sync with (a name from `git remote`, or a URL).
    #[arg(long, value_name = "NAME")]
    pub remote: Option<String>,
    /// How many times to start again when the remote moves during the sync.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub attempts: u32,
}

pub fn run(g: &Globals, args: SyncArgs) -> Result<Status, CliError> {
    let lang = super::lang_of(g);
    let opts = sync::Options {
        dir: g.dir.clone(),
        remote: args.remote,
        attempts: args.attempts,
        as_of: g.as_of()?,
    };
    let synced = match sync::run(&opts) {
        Ok(s) => s,
        Err(e) => return Err(failed(g, lang, e)),
    };
    let stdout = std::io::stdout();
    let mut o = stdout.lock();
    if g.format != Format::Human {
        serde_json::to_writer(&mut o, &synced).map_err(std::io::Error::other)?;
        writeln!(o)?;
        return Ok(Status::Clean);
    }
    if g.quiet {
        writeln!(o, "{}", synced.head)?;
        return Ok(Status::Clean);
    }
    let at = format!("{}/{}", synced.remote, synced.branch);
    let head = &synced.head[..10];
    let (fetched, pushed, dropped) = (synced.fetched, synced.pushed, synced.dropped);
    let line = match synced.status {
        "up-to-date" => tr!(
            "already in step with {at} ({head})",
            "با {at} هم‌گام است ({head})"
        ),
        "fast-forward" => tr!(
            "took {fetched} commit(s) from {at} ({head})",
            "{fetched} کامیت از {at} گرفته شد ({head})"
        ),
        "pushed" => tr!(
            "sent {pushed} commit(s) to {at} ({head})",
            "{pushed} کامیت به {at} فرستاده شد ({head})"
        ),
        _ => tr!(
            "took {fetched} commit(s) from {at}, replayed {pushed} of yours on top and sent them ({head})",
            "{fetched} کامیت از {at} گرفته شد و {pushed} کامیت شما روی آن‌ها بازنویسی و فرستاده شد ({head})"
        ),
    };
    writeln!(o, "{}", line.get(lang))?;
    if dropped > 0 {
        let t = tr!(
            "{dropped} of your commit(s) were already there and were dropped",
            "{dropped} کامیت شما از پیش آن‌جا بود و کنار گذاشته شد"
        );
        writeln!(o, "{}", t.get(lang))?;
    }
    Ok(Status::Clean)
}

/// Show why the sync stopped, and say that nothing changed.
fn failed(g: &Globals, lang: crate::model::Lang, e: SyncError) -> CliError {
    let unchanged = tr!(
        "nothing was changed, here or on the remote",
        "چیزی تغییر نکرد، نه این‌جا و نه روی مخزن دوردست"
    );
    let text = match &e {
        SyncError::Conflict(conflicts) => {
            if g.format != Format::Human {
                let _ = serde_json::to_writer(std::io::stdout(), conflicts);
                println!();
            }
            let mut t = sync::describe_conflicts(conflicts);
            let hint = tr!(
                "agree with the other side which change stands; then redo yours on top of theirs (`git fetch`, `git rebase`) or drop it (`git reset --keep @{{u}}`), and sync again",
                "با طرف دیگر روشن کنید کدام تغییر می‌ماند؛ سپس تغییر خود را روی تغییر آن‌ها دوباره انجام دهید (`git fetch` و `git rebase`) یا کنار بگذارید (`git reset --keep @{{u}}`) و دوباره sync کنید"
            );
            t.en = format!("sync stopped: {}\n{}\n  {}", t.en, unchanged.en, hint.en);
            t.fa = format!(
                "همگام‌سازی متوقف شد: {}\n{}\n  {}",
                t.fa, unchanged.fa, hint.fa
            );
            t
        }
        SyncError::Rules(findings, files) => {
            let style = g.style(lang);
            let stdout = std::io::stdout();
            let mut o = stdout.lock();
            let _ = render::findings(
                &mut o,
                &style,
                findings,
                &Summary::of(files.len(), findings),
                &|p| files.get(p).cloned(),
            );
            let (n, ue, uf) = (findings.len(), &unchanged.en, &unchanged.fa);
            tr!(
                "sync refused: your commits on top of the remote's have {n} error(s) the remote did not have; {ue}",
                "همگام‌سازی رد شد: کامیت‌های شما روی کامیت‌های مخزن دوردست {n} خطا دارند که آن‌جا نبود؛ {uf}"
            )
        }
        SyncError::Store(s) => {
            return s.cli_kind(s.text().get(lang).to_string());
        }
        other => {
            let m = other.text();
            let (me, mf, ue, uf) = (&m.en, &m.fa, &unchanged.en, &unchanged.fa);
            tr!("sync: {me}; {ue}", "همگام‌سازی: {mf}؛ {uf}")
        }
    };
    if e.is_refusal() {
        CliError::Usage(text.get(lang).to_string())
    } else {
        CliError::CouldNotRun(text.get(lang).to_string())
    }
}
