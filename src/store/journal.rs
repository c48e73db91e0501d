//! The write journal: what a write is about to commit, so that a crash at any point can
//! be finished or undone by `dabir unlock`.
//!
//! A write creates its blobs, then records `.git/dabir/journal` (the parent commit and
//! every changed path with its new blob id), then builds the tree and the commit, moves
//! the branch (compare-and-swap), replaces the work-tree files by rename, writes the index
//! and removes the journal. A writer killed in between leaves its tool lock and maybe its
//! journal. [`recover`], run once the lock's holder is known to be dead, reads the branch:
//!
//! - the commit did not land (the branch is still at the parent): nothing outside `.git`
//!   was touched; the journal is dropped (the new objects are unreferenced, as git's own
//!   are after an interrupted commit);
//! - it landed: the files and index entries the writer did not reach are brought to the
//!   new commit (a file someone changed since is left alone and reported).
//!
//! Either way the lock files git's own code leaves when killed (`index.lock`, the
//! branch's `.lock`) are removed if they are younger than the journal, so they can only be
//! the dead writer's.

use std::path::{Path, PathBuf};

use git2::{ObjectType, Oid, Repository};

use super::StoreError;
use super::git::write_atomic;

fn path_of(git_dir: &Path) -> PathBuf {
    git_dir.join("dabir").join("journal")
}

/// Record the write about to be committed on `parent` (`None`: the first commit of an
/// unborn branch, `parent none`): `files` are the changed paths and their new blobs.
pub fn begin(git_dir: &Path, parent: Option<Oid>, files: &[(&str, Oid)]) -> Result<(), StoreError> {
    let mut text = match parent {
        Some(p) => format!("parent {p}\n"),
        None => "parent none\n".to_string(),
    };
    for (path, oid) in files {
        text.push_str(&format!("{oid} {path}\n"));
    }
    write_atomic(&path_of(git_dir), text.as_bytes())
}

/// Whether an interrupted write's journal awaits `dabir unlock`: no write may start
/// then, since its own journal would replace the one that says how to finish the other.
pub fn pending(git_dir: &Path) -> bool {
    path_of(git_dir).exists()
}

/// The write is complete: files and index entries are in step with its commit.
pub fn end(git_dir: &Path) {
    let _ = std::fs::remove_file(path_of(git_dir));
}

struct Journal {
    parent: Option<Oid>,
    files: Vec<(String, Oid)>,
}

fn read(file: &Path) -> Option<Journal> {
    let text = std::fs::read_to_string(file).ok()?;
    let mut lines = text.lines();
    let parent = match lines.next()?.strip_prefix("parent ")? {
        "none" => None,
        p => Some(Oid::from_str(p).ok()?),
    };
    let files = lines
        .map(|l| {
            let (oid, path) = l.split_once(' ')?;
            Some((path.to_string(), Oid::from_str(oid).ok()?))
        })
        .collect::<Option<_>>()?;
    Some(Journal { parent, files })
}

/// What [`recover`] found and did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Recovery {
    /// A journal was there: the dead writer was committing.
    pub interrupted: bool,
    /// Its commit had landed, and these files were brought to it.
    pub finished: Vec<String>,
    /// Its commit had landed but these files were changed by someone since: left alone.
    pub left: Vec<String>,
    /// Lock files of git's left by the dead writer, removed.
    pub removed_locks: Vec<String>,
}

/// Finish or undo the write of a dead writer (see the module documentation). Call only
/// while holding, or after clearing, that writer's stale tool lock.
pub fn recover(repo: &Repository) -> Result<Recovery, StoreError> {
    let git_dir = repo.path();
    let file = path_of(git_dir);
    let Ok(meta) = std::fs::metadata(&file) else {
        return Ok(Recovery::default());
    };
    let mut out = Recovery {
        interrupted: true,
        ..Recovery::default()
    };
    let since = meta.modified().ok();
    let branch = repo
        .head()
        .ok()
        .and_then(|h| h.name().ok().map(str::to_string));
    let mut locks = vec![PathBuf::from("index.lock")];
    if let Some(b) = &branch {
        locks.push(PathBuf::from(format!("{b}.lock")));
    }
    for rel in locks {
        let p = git_dir.join(&rel);
        let young = std::fs::metadata(&p)
            .ok()
            .and_then(|m| m.modified().ok())
            .is_some_and(|t| since.is_none_or(|s| t >= s));
        if young && std::fs::remove_file(&p).is_ok() {
            out.removed_locks.push(rel.display().to_string());
        }
    }
    let Some(journal) = read(&file) else {
        // Damaged: written by a writer killed while writing it, before any commit.
        end(git_dir);
        return Ok(out);
    };
    let head = match repo.head() {
        Ok(head) => head.peel_to_commit()?,
        // The first commit of an unborn branch did not land: nothing to finish.
        Err(e) if e.code() == git2::ErrorCode::UnbornBranch => {
            end(git_dir);
            return Ok(out);
        }
        Err(e) => return Err(e.into()),
    };
    let tree = head.tree()?;
    let blob_at = |t: &git2::Tree<'_>, p: &str| {
        t.get_path(Path::new(p))
            .ok()
            .filter(|e| e.kind() == Some(ObjectType::Blob))
            .map(|e| e.id())
    };
    let landed = head.parent_id(0).ok() == journal.parent
        && journal
            .files
            .iter()
            .all(|(p, oid)| blob_at(&tree, p) == Some(*oid));
    if landed {
        let old_tree = match journal.parent {
            Some(p) => Some(repo.find_commit(p)?.tree()?),
            None => None,
        };
        let root = repo.workdir().expect("a work tree").to_path_buf();
        let mut index = repo.index()?;
        for (path, new) in &journal.files {
            let full = root.join(path);
            let have = Oid::hash_file(ObjectType::Blob, &full).ok();
            if have != Some(*new) {
                if have != old_tree.as_ref().and_then(|t| blob_at(t, path)) {
                    out.left.push(path.clone());
                    continue;
                }
                write_atomic(&full, repo.find_blob(*new)?.content())?;
                out.finished.push(path.clone());
            }
            index.add_path(Path::new(path))?;
        }
        super::git::write_index(repo, &mut index)?;
    }
    end(git_dir);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_commit_journal_has_no_parent_and_is_dropped_if_it_did_not_land() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let blob = repo.blob(b"a: 1\n").unwrap();
        begin(repo.path(), None, &[("dabir.yaml", blob)]).unwrap();
        let j = read(&path_of(repo.path())).unwrap();
        assert_eq!(j.parent, None);
        assert_eq!(j.files, vec![("dabir.yaml".to_string(), blob)]);
        // HEAD is still unborn: nothing landed, nothing to finish.
        let r = recover(&repo).unwrap();
        assert!(r.interrupted && r.finished.is_empty() && r.left.is_empty());
        assert!(!pending(repo.path()));
    }
}
