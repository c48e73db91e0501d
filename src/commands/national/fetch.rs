//! `dabir national fetch`: bring in every province's latest records with `git fetch`.

use std::io::Write as _;
use std::process::Command;

use crate::cli::{CliError, Globals, Status};
use crate::tr;

/// Fetch every province (or those named) with the `git` program, so the national
/// office's own credentials and ssh config apply. A province that cannot be reached is
/// reported and the others are still fetched (exit 3 at the end).
#[derive(Debug, clap::Args)]
pub struct FetchArgs {
    /// Only these provinces (comma-separated codes).
    #[arg(long, value_name = "CODES")]
    pub province: Option<String>,
}

pub fn run(g: &Globals, args: FetchArgs) -> Result<Status, CliError> {
    let lang = super::super::lang_of(g);
    let repo = super::open(g)?;
    let only = args
        .province
        .as_deref()
        .map(super::super::ids)
        .unwrap_or_default();
    let provinces = crate::national::provinces(&repo)
        .map_err(|e| CliError::CouldNotRun(format!("git: {e}")))?;
    let stdout = std::io::stdout();
    let mut o = stdout.lock();
    let mut failed = Vec::new();
    for p in provinces
        .iter()
        .filter(|p| only.is_empty() || only.contains(&p.code))
    {
        let out = Command::new("git")
            .arg("--git-dir")
            .arg(repo.path())
            .args(["fetch", "--quiet", "--prune", "--no-tags", &p.code])
            .env("GIT_TERMINAL_PROMPT", "0")
            .output()?;
        let code = &p.code;
        if out.status.success() {
            writeln!(o, "{}", tr!("fetched {code}", "{code} دریافت شد").get(lang))?;
        } else {
            let why = String::from_utf8_lossy(&out.stderr).trim().to_string();
            eprintln!(
                "{}",
                tr!(
                    "could not fetch {code}: {why}",
                    "دریافت {code} ممکن نشد: {why}"
                )
                .get(lang)
            );
            failed.push(p.code.clone());
        }
    }
    if failed.is_empty() {
        Ok(Status::Clean)
    } else {
        let list = failed.join(", ");
        Err(CliError::CouldNotRun(
            tr!("not fetched: {list}", "دریافت‌نشده: {list}")
                .get(lang)
                .to_string(),
        ))
    }
}
