//! `dabir national fetch`: bring in every province's latest records with `git fetch`, and
//! countersign them: each province's fetched head is recorded in the national office's
//! signed checkpoint log ([`crate::audit::checkpoint`]) and kept at
//! `refs/dabir/seen/<CODE>`, so a province cannot rewrite what the nation has seen
//! (R-NAT-2).

use std::io::Write as _;
use std::process::Command;

use crate::commands::{CliError, Globals, Status};
use crate::tr;

/// Fetch every province (or those named) with the `git` program, so the national
/// office's own credentials and ssh config apply. A province that cannot be reached is
/// reported and the others are still fetched (exit 3 at the end).
#[derive(Debug, clap::Args)]
pub struct FetchArgs {
    /// Only these provinces (comma-separated codes).
    #[arg(long, value_name = "CODES")]
    pub province: Option<String>,
    /// Countersign each fetched head in the signed checkpoint log (default: when git's
    /// `commit.gpgsign` is on), with git's signing settings.
    #[arg(long, overrides_with = "no_countersign")]
    pub countersign: bool,
    /// Do not countersign.
    #[arg(long)]
    pub no_countersign: bool,
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
    let want = match (args.countersign, args.no_countersign) {
        (true, _) => Some(true),
        (_, true) => Some(false),
        _ => None,
    };
    let fetched: Vec<&str> = provinces
        .iter()
        .filter(|p| (only.is_empty() || only.contains(&p.code)) && !failed.contains(&p.code))
        .map(|p| p.code.as_str())
        .collect();
    countersign(&repo, &fetched, want, &mut o, lang)?;
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

/// Countersign the fetched heads of `codes` that moved since their last countersignature,
/// in one signed commit of the checkpoint log; a head that no longer contains what was
/// countersigned is reported (R-NAT-2) and not countersigned.
fn countersign(
    repo: &git2::Repository,
    codes: &[&str],
    want: Option<bool>,
    o: &mut impl std::io::Write,
    lang: crate::model::Lang,
) -> Result<(), CliError> {
    use crate::audit::checkpoint::{self, Position};
    let Some(signer) =
        crate::store::sign::Signer::from_config(repo, want).map_err(|e| e.into_cli(lang))?
    else {
        return Ok(());
    };
    let provinces =
        crate::national::provinces(repo).map_err(|e| CliError::CouldNotRun(format!("git: {e}")))?;
    let mut positions = Vec::new();
    for p in provinces
        .iter()
        .filter(|p| codes.contains(&p.code.as_str()))
    {
        let (Some(branch), Some(head)) = (&p.branch, &p.head) else {
            continue;
        };
        let head = git2::Oid::from_str(head).map_err(|e| CliError::CouldNotRun(e.to_string()))?;
        if let Some(cp) = crate::national::lost_countersign(repo, branch, head) {
            let (code, short) = (&p.code, &cp.commit[..10]);
            eprintln!(
                "{}",
                tr!(
                    "R-NAT-2: province {code} rewrote history the national office countersigned ({short}); not countersigned: see `dabir national check`",
                    "R-NAT-2: استان {code} تاریخچه تأییدشده ({short}) را بازنویسی کرده است؛ تأیید نشد: `dabir national check` را ببینید"
                )
                .get(lang)
            );
            continue;
        }
        if checkpoint::latest(repo, branch).is_some_and(|cp| cp.commit == head.to_string()) {
            continue;
        }
        positions.push(Position {
            province: p.code.clone(),
            branch: branch.clone(),
            commit: head,
        });
    }
    if positions.is_empty() {
        return Ok(());
    }
    let (author, committer) =
        crate::store::git::signatures(repo, None).map_err(|e| e.into_cli(lang))?;
    let today = crate::clock::today()?;
    let (recorded, _) = checkpoint::append(repo, &positions, today, &author, &committer, &signer)
        .map_err(|e| e.into_cli(lang))?;
    for cp in &recorded {
        let id =
            git2::Oid::from_str(&cp.commit).map_err(|e| CliError::CouldNotRun(e.to_string()))?;
        let code = &cp.province;
        repo.reference(
            &format!("refs/dabir/seen/{code}"),
            id,
            true,
            "countersigned (dabir national fetch)",
        )
        .map_err(|e| CliError::CouldNotRun(format!("git: {e}")))?;
        let (n, short) = (cp.n, &cp.commit[..10]);
        writeln!(
            o,
            "{}",
            tr!(
                "countersigned {code} at {short} (checkpoint {n})",
                "{code} در {short} تأیید و امضا شد (نقطه وارسی {n})"
            )
            .get(lang)
        )?;
    }
    Ok(())
}
