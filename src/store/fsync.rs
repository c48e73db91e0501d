//! Durability: what a write forces to the disk before it says it is done
//! (RELIABILITY.md, "Durability").
//!
//! - libgit2 fsyncs every object it writes and its fan-out directory, the branch's ref
//!   file and `packed-refs`, and appends the reflog with `O_SYNC`
//!   (`GIT_OPT_ENABLE_FSYNC_GITDIR`, set by [`configure`]);
//! - the journal and each work-tree file are written to a temporary sibling, fsynced,
//!   renamed, and their directory fsynced (a directory the write created is made durable
//!   in its parent too);
//! - `.git/objects` is fsynced before the branch moves, so no ref can point at an
//!   object whose directory entry a power loss could take back;
//! - the index, which libgit2 writes without fsync even under that option, is fsynced
//!   with `.git` after it is written.
//!
//! Not fsynced: the tool lock (a power loss ends its holder, and `dabir unlock` clears
//! it), the removal of the journal (a journal that comes back makes `dabir unlock` check
//! a write that had finished), and the caches (checksummed, rebuilt when wrong).
//!
//! `DABIR_FSYNC=off` turns all of it off: for throwaway repositories only (the tests
//! that do not test durability, benchmarks comparing the cost).

use std::path::Path;
use std::sync::OnceLock;

/// Whether writes fsync: unless `DABIR_FSYNC=off`.
pub fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var("DABIR_FSYNC").map_or(true, |v| v.trim() != "off"))
}

/// Ask libgit2 to fsync what it writes into the git directory (objects, refs,
/// reflogs), unless fsync is off. Idempotent; call before the first write.
pub fn configure() {
    static DONE: OnceLock<()> = OnceLock::new();
    DONE.get_or_init(|| {
        if enabled() {
            libgit2_sys::init();
            // SAFETY: GIT_OPT_ENABLE_FSYNC_GITDIR takes one int (libgit2's
            // `git_libgit2_opts`, include/git2/common.h); it only sets a global flag.
            let r = unsafe {
                libgit2_sys::git_libgit2_opts(
                    libgit2_sys::GIT_OPT_ENABLE_FSYNC_GITDIR as libc::c_int,
                    1 as libc::c_int,
                )
            };
            debug_assert!(r >= 0, "git_libgit2_opts(ENABLE_FSYNC_GITDIR) failed");
        }
    });
}

/// Flush an open file's data and metadata to the disk.
pub fn file(f: &std::fs::File) -> std::io::Result<()> {
    if enabled() { f.sync_all() } else { Ok(()) }
}

/// Flush the file or directory at `path` (a directory: the names in it).
pub fn path(path: &Path) -> std::io::Result<()> {
    if !enabled() {
        return Ok(());
    }
    std::fs::File::open(path)?.sync_all()
}

/// Flush the directory holding `path`, so a rename into it or a new name in it lasts.
pub fn parent_of(path: &Path) -> std::io::Result<()> {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => self::path(dir),
        _ => self::path(Path::new(".")),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn files_and_directories_can_be_flushed() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a");
        std::fs::write(&f, "x").unwrap();
        super::path(&f).unwrap();
        super::parent_of(&f).unwrap();
        super::file(&std::fs::File::open(&f).unwrap()).unwrap();
        super::configure();
        super::configure();
        assert!(super::path(&dir.path().join("missing")).is_err() || !super::enabled());
    }
}
