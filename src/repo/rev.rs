//! `--rev`: the records repository as it was at a past commit, read straight from git
//! objects without touching the work tree or the index.
//!
//! The git repository is discovered from the `-C` directory; the records repository may
//! be a subdirectory of it (`sample-province/` inside dabir's own repository), found as
//! the `-C` directory or its nearest ancestor that holds `dabir.yaml` *at that commit*,
//! and paths are relative to it.
//!
//! The tree is walked once up front (names, kinds and blob ids: cheap); blobs are read on
//! demand by the parallel loader. A `git2::Repository` is `Send` but not `Sync`, so the
//! readers share a small pool of opened repositories, one per thread at most. Reading
//! every blob up front was the alternative; on demand keeps memory bounded by the files
//! in flight (a national repository holds 100,000 records), at the cost of opening one
//! repository per worker thread (about a millisecond each).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use git2::{ObjectType, Oid, Repository, TreeWalkMode, TreeWalkResult};

use super::{EntryType, RepoError, Source};
use crate::model::Kind;
use crate::model::config::CONFIG_FILE;

/// A records repository at a git revision.
pub struct GitRev {
    git_dir: PathBuf,
    label: String,
    files: HashMap<String, Oid>,
    dirs: HashMap<String, Vec<(String, EntryType)>>,
    pool: Mutex<Vec<Repository>>,
    /// The commit the revision resolved to.
    pub commit: Oid,
    /// The records repository's path inside the git repository (`""` at its root).
    pub prefix: String,
}

fn not_found(start: &Path, rev: &str) -> RepoError {
    RepoError::NotFound(PathBuf::from(format!("{} at {rev}", start.display())))
}

impl GitRev {
    /// Open the records repository holding `start` as it was at `rev` (any revision git
    /// understands: `HEAD~1`, a tag, a commit id).
    pub fn open(start: &Path, rev: &str) -> Result<GitRev, RepoError> {
        let abs = std::path::absolute(start).map_err(|source| RepoError::Io {
            path: start.display().to_string(),
            source,
        })?;
        let repo = Repository::discover(&abs)?;
        let commit = repo
            .revparse_single(rev)
            .and_then(|o| o.peel_to_commit())
            .map_err(|e| RepoError::BadRev {
                rev: rev.to_string(),
                message: e.message().to_string(),
            })?;
        let tree = commit.tree()?;
        // Where -C points, relative to the work tree (a bare repository: its root).
        let rel: PathBuf = match repo.workdir() {
            Some(w) => {
                let w = w.canonicalize().unwrap_or_else(|_| w.to_path_buf());
                let a = abs.canonicalize().unwrap_or(abs.clone());
                a.strip_prefix(&w)
                    .map(Path::to_path_buf)
                    .unwrap_or_default()
            }
            None => PathBuf::new(),
        };
        let prefix = rel
            .ancestors()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .find(|p| {
                let cfg = if p.is_empty() {
                    CONFIG_FILE.to_string()
                } else {
                    format!("{p}/{CONFIG_FILE}")
                };
                tree.get_path(Path::new(&cfg))
                    .is_ok_and(|e| e.kind() == Some(ObjectType::Blob))
            })
            .ok_or_else(|| not_found(&abs, rev))?;
        let sub = if prefix.is_empty() {
            tree
        } else {
            repo.find_tree(tree.get_path(Path::new(&prefix))?.id())?
        };
        let record_dirs: Vec<&str> = Kind::ALL
            .iter()
            .map(|k| k.dir())
            .chain([crate::model::attachment::ATTACHMENTS_DIR])
            .collect();
        let mut files = HashMap::new();
        let mut dirs: HashMap<String, Vec<(String, EntryType)>> = HashMap::new();
        dirs.insert(String::new(), Vec::new());
        sub.walk(TreeWalkMode::PreOrder, |root, entry| {
            let Ok(name) = entry.name() else {
                return TreeWalkResult::Skip;
            };
            let dir = root.trim_end_matches('/');
            let path = if dir.is_empty() {
                name.to_string()
            } else {
                format!("{dir}/{name}")
            };
            let what = match entry.filemode() {
                0o040000 => EntryType::Dir,
                0o100644 | 0o100755 | 0o100664 => EntryType::File,
                0o120000 => EntryType::Symlink,
                _ => EntryType::Other,
            };
            dirs.entry(dir.to_string())
                .or_default()
                .push((name.to_string(), what));
            match what {
                EntryType::File => {
                    files.insert(path, entry.id());
                    TreeWalkResult::Ok
                }
                // Only the record directories (and attachments/) are ever listed.
                EntryType::Dir if dir.is_empty() && !record_dirs.contains(&name) => {
                    TreeWalkResult::Skip
                }
                EntryType::Dir => {
                    dirs.entry(path).or_default();
                    TreeWalkResult::Ok
                }
                _ => TreeWalkResult::Ok,
            }
        })?;
        for v in dirs.values_mut() {
            v.sort();
        }
        let short = commit.id().to_string()[..12].to_string();
        let label = if prefix.is_empty() {
            format!("{rev} ({short})")
        } else {
            format!("{rev} ({short}):{prefix}")
        };
        let git_dir = repo.path().to_path_buf();
        let commit = commit.id();
        drop(sub);
        Ok(GitRev {
            git_dir,
            label,
            files,
            dirs,
            pool: Mutex::new(Vec::new()),
            commit,
            prefix,
        })
    }

    fn with_repo<T>(
        &self,
        f: impl FnOnce(&Repository) -> Result<T, git2::Error>,
    ) -> Result<T, RepoError> {
        let taken = self.pool.lock().map(|mut p| p.pop()).unwrap_or(None);
        let repo = match taken {
            Some(r) => r,
            None => Repository::open(&self.git_dir)?,
        };
        let out = f(&repo);
        if let Ok(mut p) = self.pool.lock() {
            p.push(repo);
        }
        Ok(out?)
    }
}

impl Source for GitRev {
    fn entries(&self, dir: &str) -> Result<Vec<(String, EntryType)>, RepoError> {
        self.dirs
            .get(dir.trim_end_matches('/'))
            .cloned()
            .ok_or_else(|| RepoError::Io {
                path: dir.to_string(),
                source: std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    format!("no such directory at {}", self.label),
                ),
            })
    }

    fn read(&self, path: &str) -> Result<Vec<u8>, RepoError> {
        let Some(oid) = self.files.get(path) else {
            return Err(RepoError::Io {
                path: path.to_string(),
                source: std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    format!("no such file at {}", self.label),
                ),
            });
        };
        self.with_repo(|r| Ok(super::blob_capped(r, &r.odb()?, *oid, path)))?
    }

    fn label(&self) -> String {
        self.label.clone()
    }

    /// A file's blob id. `check --rev` uses no cache; the national roll-up keeps one
    /// per province, keyed so.
    fn fingerprint(&self, path: &str) -> Option<super::Fingerprint> {
        let oid = self.files.get(path)?;
        let mut raw = [0u8; 20];
        raw.copy_from_slice(oid.as_bytes().get(..20)?);
        Some(super::Fingerprint::Blob(raw))
    }
}
