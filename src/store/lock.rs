//! The tool lock: `.git/dabir.lock`, held by one writer from reading HEAD to the end of
//! the commit (`docs/architecture.md`, the write path: one tool lock spans read ->
//! validate -> write -> commit).
//!
//! The file is created with `create_new` (O_CREAT|O_EXCL), so two writers can never both
//! hold it; it records the holder's pid, host and start time. A writer that finds it
//! waits a bounded time (a live holder finishes in milliseconds); a lock whose holder is
//! a dead process on this host is stale, left by a crash, and is explained with the
//! holder's pid, host and time; `dabir unlock` removes it, and only then.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The lock's file name inside the git directory.
pub const LOCK_FILE: &str = "dabir.lock";

/// Who holds the lock, as its file says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    pub pid: u32,
    pub host: String,
    /// RFC 3339, the holder's clock.
    pub since: String,
}

impl Holder {
    fn me() -> Holder {
        Holder {
            pid: std::process::id(),
            host: hostname(),
            since: chrono::Utc::now()
                .with_timezone(&crate::clock::iran())
                .to_rfc3339(),
        }
    }

    fn parse(text: &str) -> Option<Holder> {
        let mut pid = None;
        let mut host = None;
        let mut since = None;
        for line in text.lines() {
            match line.split_once('=') {
                Some(("pid", v)) => pid = v.trim().parse().ok(),
                Some(("host", v)) => host = Some(v.trim().to_string()),
                Some(("since", v)) => since = Some(v.trim().to_string()),
                _ => {}
            }
        }
        Some(Holder {
            pid: pid?,
            host: host.unwrap_or_default(),
            since: since.unwrap_or_default(),
        })
    }

    fn text(&self) -> String {
        format!(
            "pid={}\nhost={}\nsince={}\n",
            self.pid, self.host, self.since
        )
    }

    /// Whether the holder is still running: only knowable on this host.
    pub fn alive(&self) -> Liveness {
        if self.host != hostname() {
            return Liveness::Unknown;
        }
        if process_alive(self.pid) {
            Liveness::Alive
        } else {
            Liveness::Dead
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Liveness {
    Alive,
    Dead,
    /// Held from another host (a shared disk): never cleared automatically.
    Unknown,
}

/// Why the lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error(
        "another dabir (pid {}, host {}, since {}) is writing to this repository; try again in a moment",
        .0.pid, .0.host, .0.since
    )]
    Busy(Holder),
    #[error(
        "a stale lock {path} was left by pid {} on host {} at {}, which is no longer running (a crash?); \
         run `dabir unlock`: it finishes or undoes the write that was interrupted",
        .holder.pid, .holder.host, .holder.since
    )]
    Stale { path: PathBuf, holder: Holder },
    #[error("the lock {path} is held from host {} (pid {}, since {}); if that writer is gone, run `dabir unlock --force`", .holder.host, .holder.pid, .holder.since)]
    Foreign { path: PathBuf, holder: Holder },
    #[error("the lock {path} cannot be read or written: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// A held lock; dropping it releases it.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// How long a writer waits for a live holder.
pub const WAIT: Duration = Duration::from_secs(60);

/// Take the lock in `git_dir`, waiting up to `wait` for a live holder.
pub fn acquire(git_dir: &Path, wait: Duration) -> Result<Lock, LockError> {
    let path = git_dir.join(LOCK_FILE);
    let start = Instant::now();
    let mut pause = Duration::from_millis(2);
    loop {
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                let io = |source| LockError::Io {
                    path: path.clone(),
                    source,
                };
                f.write_all(Holder::me().text().as_bytes()).map_err(io)?;
                return Ok(Lock { path });
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(source) => return Err(LockError::Io { path, source }),
        }
        match read_holder(&path) {
            // Gone between our attempt and the read: try again at once.
            Ok(None) => continue,
            Ok(Some(holder)) => match holder.alive() {
                // The holder may have released the lock and ended between our read and
                // the check: only a lock that still names it is stale.
                Liveness::Dead if read_holder(&path).ok().flatten().as_ref() != Some(&holder) => {
                    continue;
                }
                Liveness::Dead => return Err(LockError::Stale { path, holder }),
                Liveness::Unknown => return Err(LockError::Foreign { path, holder }),
                Liveness::Alive if start.elapsed() >= wait => return Err(LockError::Busy(holder)),
                Liveness::Alive => {}
            },
            // Being written by its creator this instant: wait like for a live one; but a
            // creator killed before it wrote its name leaves it empty for good.
            Err(_) if abandoned(&path) => {
                let holder = Holder {
                    pid: 0,
                    host: String::from("?"),
                    since: String::from("?"),
                };
                return Err(LockError::Stale { path, holder });
            }
            Err(_) if start.elapsed() < wait => {}
            Err(source) => return Err(LockError::Io { path, source }),
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(50));
    }
}

/// Whether an unreadable lock file is older than any writer takes to write its name.
fn abandoned(path: &Path) -> bool {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age > Duration::from_secs(2))
}

/// The holder named in the lock file, `None` when there is no lock.
pub fn read_holder(path: &Path) -> std::io::Result<Option<Holder>> {
    match std::fs::read_to_string(path) {
        Ok(text) => Holder::parse(&text)
            .map(Some)
            .ok_or_else(|| std::io::Error::other("the lock file does not name its holder")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// What `unlock` did.
#[derive(Debug, PartialEq, Eq)]
pub enum Unlocked {
    NoLock,
    Cleared(Holder),
}

/// Remove a stale lock: only when its holder is dead, or with `force` when the holder
/// is on another host (its liveness is unknowable here). A live holder's lock is never
/// removed.
pub fn unlock(git_dir: &Path, force: bool) -> Result<Unlocked, LockError> {
    let path = git_dir.join(LOCK_FILE);
    let io = |source| LockError::Io {
        path: path.clone(),
        source,
    };
    let holder = match read_holder(&path) {
        Ok(None) => return Ok(Unlocked::NoLock),
        Ok(Some(h)) => h,
        // An unreadable lock names no one who could be alive.
        Err(_) => Holder {
            pid: 0,
            host: String::new(),
            since: String::new(),
        },
    };
    match holder.alive() {
        Liveness::Alive if holder.pid != 0 => return Err(LockError::Busy(holder)),
        Liveness::Unknown if !force && holder.pid != 0 => {
            return Err(LockError::Foreign { path, holder });
        }
        _ => {}
    }
    std::fs::remove_file(&path).map_err(io)?;
    Ok(Unlocked::Cleared(holder))
}

/// This machine's name.
pub fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|s| s.trim().to_string())
        .ok()
        .filter(|s| !s.is_empty())
        .or_else(|| {
            let mut buf = [0u8; 256];
            // SAFETY: the buffer is valid for its length; gethostname NUL-terminates
            // within it or truncates.
            let r = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
            (r == 0).then(|| {
                let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
                String::from_utf8_lossy(&buf[..end]).into_owned()
            })
        })
        .unwrap_or_else(|| "localhost".into())
}

/// Whether a process with `pid` exists on this host.
fn process_alive(pid: u32) -> bool {
    if pid == 0 || pid > i32::MAX as u32 {
        return false;
    }
    // SAFETY: signal 0 performs the permission and existence checks only.
    let r = unsafe { libc::kill(pid as libc::pid_t, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_holder_at_a_time_and_stale_locks_are_explained() {
        let dir = tempfile::tempdir().unwrap();
        let lock = acquire(dir.path(), Duration::ZERO).unwrap();
        assert!(matches!(
            acquire(dir.path(), Duration::from_millis(20)),
            Err(LockError::Busy(_))
        ));
        assert!(matches!(unlock(dir.path(), false), Err(LockError::Busy(_))));
        drop(lock);
        // A crashed holder: a pid that cannot be running.
        let dead = Holder {
            pid: i32::MAX as u32 - 1,
            host: hostname(),
            since: "1404-09-15T09:30:00+03:30".into(),
        };
        std::fs::write(dir.path().join(LOCK_FILE), dead.text()).unwrap();
        match acquire(dir.path(), Duration::ZERO) {
            Err(LockError::Stale { holder, .. }) => assert_eq!(holder, dead),
            other => panic!("{other:?}"),
        }
        assert_eq!(unlock(dir.path(), false).unwrap(), Unlocked::Cleared(dead));
        assert_eq!(unlock(dir.path(), false).unwrap(), Unlocked::NoLock);
        drop(acquire(dir.path(), Duration::ZERO).unwrap());
    }
}
