//! `dabir unlock`: clear a stale tool lock left by a crashed writer, only when its holder
//! is no longer running, and finish or undo that writer's interrupted commit
//! ([`crate::store::journal`]).

use crate::commands::{CliError, Globals, Status};
use crate::store::StoreError;
use crate::store::journal;
use crate::store::lock::{self, Unlocked};
use crate::tr;

/// Remove a stale write lock (.git/dabir.lock) whose holder has died, and finish or undo
/// the write it was making. A lock held by a running dabir is never removed.
#[derive(Debug, clap::Args)]
pub struct UnlockArgs {
    /// Also clear a lock taken on another host (whose liveness cannot be checked here).
    #[arg(long)]
    pub force: bool,
}

pub fn run(g: &Globals, args: UnlockArgs) -> Result<Status, CliError> {
    let lang = super::lang_of(g);
    let root = crate::repo::discover(&g.dir)?;
    let repo = crate::store::git::open_root(&root).map_err(|e| e.into_cli(lang))?;
    match lock::unlock(repo.path(), args.force) {
        Ok(Unlocked::NoLock) => {
            eprintln!("{}", tr!("no lock to clear", "قفلی در کار نیست").get(lang));
        }
        Ok(Unlocked::Cleared(h)) => {
            let (pid, host, since) = (h.pid, h.host, h.since);
            eprintln!(
                "{}",
                tr!(
                    "cleared the stale lock of pid {pid} on {host} (since {since})",
                    "قفل رهاشده فرایند {pid} روی {host} (از {since}) برداشته شد"
                )
                .get(lang)
            );
        }
        Err(e) => return Err(StoreError::Lock(e).into_cli(lang)),
    }
    // No writer holds the lock now: whatever a dead one left half done is ours to settle.
    let r = journal::recover(&repo).map_err(|e| e.into_cli(lang))?;
    for l in &r.removed_locks {
        eprintln!(
            "{}",
            tr!(
                "removed git's lock file {l}, left by the crashed writer",
                "پرونده قفل git {l} که نویسنده ازکارافتاده به جا گذاشته بود برداشته شد"
            )
            .get(lang)
        );
    }
    if r.interrupted && r.finished.is_empty() && r.left.is_empty() {
        eprintln!(
            "{}",
            tr!(
                "the interrupted write is settled: HEAD, the index and the files agree",
                "نوشتن نیمه‌کاره سامان یافت: HEAD، نمایه و پرونده‌ها هم‌خوان‌اند"
            )
            .get(lang)
        );
    }
    for f in &r.finished {
        eprintln!(
            "{}",
            tr!(
                "finished the interrupted write: {f} is now as committed",
                "نوشتن نیمه‌کاره به پایان رسید: {f} اکنون همان است که ثبت شده"
            )
            .get(lang)
        );
    }
    for f in &r.left {
        eprintln!(
            "{}",
            tr!(
                "{f} was changed after the interrupted write was committed; left as it is (`git diff -- {f}`)",
                "{f} پس از ثبت نوشتن نیمه‌کاره تغییر کرده است؛ دست نخورد (`git diff -- {f}`)"
            )
            .get(lang)
        );
    }
    Ok(if r.left.is_empty() {
        Status::Clean
    } else {
        Status::Findings
    })
}
