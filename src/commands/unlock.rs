//! `dabir unlock`: clear a stale tool lock left by a crashed writer, only when its holder
//! is no longer running.

use crate::cli::{CliError, Globals, Status};
use crate::store::StoreError;
use crate::store::lock::{self, Unlocked};
use crate::tr;

/// Remove a stale write lock (.git/dabir.lock) whose holder has died. A lock held by a
/// running dabir is never removed.
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
            Ok(Status::Clean)
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
            Ok(Status::Clean)
        }
        Err(e) => Err(StoreError::Lock(e).into_cli(lang)),
    }
}
