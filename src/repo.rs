//! Finding a records repository and listing and reading its files, from the work tree or
//! (for `--rev`) straight from git objects.
//!
//! Layout, all paths derived from ids (see [`Kind::path_of`]):
//!
//! ```text
//! dabir.yaml                     the config (province code, grace days, ...)
//! waivers.yaml                   known exceptions to rules (optional)
//! bodies/ESF-B-SMT.yaml          people/, committees/, clusters/, plans/, disputes/ alike
//! meetings/1403/ESF-PC-1403-02.yaml   decisions/, reports/, reviews/ by year
//! ```
//!
//! Links are never followed, and nothing outside the record directories is read.

pub mod rev;

use std::path::{Path, PathBuf};

use crate::model::Kind;
use crate::model::config::CONFIG_FILE;

/// Why a repository could not be read at all (exit code 3).
#[derive(Debug, thiserror::Error)]
pub enum RepoError {
    #[error("no records repository at {0} or above it (no {CONFIG_FILE})")]
    NotFound(PathBuf),
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("git: {0}")]
    Git(#[from] git2::Error),
    /// Refused before it was read (R-YAML-6).
    #[error("{path} is {size} bytes, more than a record may hold")]
    TooLarge { path: String, size: u64 },
    #[error("no revision `{rev}` in the git repository: {message}")]
    BadRev { rev: String, message: String },
}

/// The directory holding `dabir.yaml`: `start` or its nearest ancestor.
pub fn discover(start: &Path) -> Result<PathBuf, RepoError> {
    let abs = std::path::absolute(start).map_err(|source| RepoError::Io {
        path: start.display().to_string(),
        source,
    })?;
    abs.ancestors()
        .find(|d| d.join(CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
        .ok_or(RepoError::NotFound(abs))
}

/// What a directory entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum EntryType {
    File,
    Dir,
    Symlink,
    Other,
}

/// A file of the repository as the walk found it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Listed {
    /// A record file at a place the layout allows: its kind and id (the file stem).
    Record {
        path: String,
        kind: Kind,
        stem: String,
    },
    /// Something in a record directory that is not a record.
    Stray { path: String, what: EntryType },
}

/// Where records are read from.
pub trait Source: Sync {
    /// The entries of a repository-relative directory (`""` is the root), by name.
    fn entries(&self, dir: &str) -> Result<Vec<(String, EntryType)>, RepoError>;
    /// The bytes of a repository-relative file.
    fn read(&self, path: &str) -> Result<Vec<u8>, RepoError>;
    /// A label for messages (the directory, or `REV (commit):prefix`).
    fn label(&self) -> String;
    /// What tells, without reading it, that a file has not changed since it was last
    /// seen (for the check cache); `None` when nothing cheap does, and then the file is
    /// always read.
    fn fingerprint(&self, path: &str) -> Option<Fingerprint>;
}

/// What tells, without reading a file, that it holds the bytes it held when last seen
/// (the check cache's key for it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Fingerprint {
    /// A work tree's file as `stat` gives it: a file whose size, modification time (ns),
    /// status-change time (ns) and inode are unchanged is taken to hold the same bytes,
    /// as git's index does. The change time cannot be set back by a program (`touch -d`
    /// sets only the modification time), so a file rewritten in place is always seen.
    Stat {
        size: u64,
        mtime_ns: i64,
        ctime_ns: i64,
        inode: u64,
    },
    /// A file read from git objects: its blob id, which names its bytes.
    Blob([u8; 20]),
}

impl Fingerprint {
    /// Whether the file could have changed without its fingerprint showing it, if it was
    /// modified at or after `from_ns` (ns since the epoch): a `stat` in the same clock
    /// tick as a write ("racy git"); never a blob id.
    pub fn racy(&self, from_ns: i64) -> bool {
        match self {
            Fingerprint::Stat { mtime_ns, .. } => *mtime_ns >= from_ns,
            Fingerprint::Blob(_) => false,
        }
    }

    /// [`Fingerprint::racy`], or its status changed at or after `from_ns`.
    pub fn racy_change(&self, from_ns: i64) -> bool {
        match self {
            Fingerprint::Stat { ctime_ns, .. } => self.racy(from_ns) || *ctime_ns >= from_ns,
            Fingerprint::Blob(_) => false,
        }
    }
}

/// Walk the record directories and classify every entry.
pub fn list(source: &dyn Source) -> Result<Vec<Listed>, RepoError> {
    let mut out = Vec::new();
    let top = source.entries("")?;
    for kind in Kind::ALL {
        let dir = kind.dir();
        match top.iter().find(|(n, _)| n == dir) {
            None => continue,
            Some((_, EntryType::Dir)) => {}
            Some((_, what)) => {
                out.push(Listed::Stray {
                    path: dir.to_string(),
                    what: *what,
                });
                continue;
            }
        }
        for (name, what) in source.entries(dir)? {
            let path = format!("{dir}/{name}");
            match (kind.yearly(), what) {
                (false, EntryType::File) => out.push(record_or_stray(path, kind, &name, what)),
                (true, EntryType::Dir) if is_year(&name) => {
                    for (inner, what) in source.entries(&path)? {
                        let p = format!("{path}/{inner}");
                        out.push(record_or_stray(p, kind, &inner, what));
                    }
                }
                _ => out.push(Listed::Stray { path, what }),
            }
        }
    }
    // A record file in a folder dabir does not know (`meeting/` for `meetings/`) would
    // otherwise be ignored silently: it is reported as outside the layout (R-FILE-1).
    for (name, what) in &top {
        let known = name.starts_with('.')
            || name == "schema"
            || Kind::ALL.iter().any(|k| k.dir() == name.as_str());
        if known || *what != EntryType::Dir {
            continue;
        }
        for (inner, what) in source.entries(name).unwrap_or_default() {
            if inner.ends_with(".yaml") || inner.ends_with(".yml") {
                out.push(Listed::Stray {
                    path: format!("{name}/{inner}"),
                    what,
                });
            }
        }
    }
    out.sort_by(|a, b| listed_path(a).cmp(listed_path(b)));
    Ok(out)
}

fn is_year(name: &str) -> bool {
    name.len() == 4 && name.bytes().all(|b| b.is_ascii_digit())
}

fn record_or_stray(path: String, kind: Kind, name: &str, what: EntryType) -> Listed {
    match (what, name.strip_suffix(".yaml")) {
        (EntryType::File, Some(stem)) if !stem.is_empty() && !stem.starts_with('.') => {
            Listed::Record {
                path,
                kind,
                stem: stem.to_string(),
            }
        }
        _ => Listed::Stray { path, what },
    }
}

pub fn listed_path(l: &Listed) -> &str {
    match l {
        Listed::Record { path, .. } | Listed::Stray { path, .. } => path,
    }
}

/// A record file's bytes; a file larger than a record may be
/// ([`yaml::MAX_RECORD_BYTES`](crate::yaml::MAX_RECORD_BYTES)) is refused from its size,
/// before a byte of it is read, so a 200 MB file costs no memory.
pub fn read_capped(full: &Path, label: &str) -> Result<Vec<u8>, RepoError> {
    use std::io::Read;
    let io = |source| RepoError::Io {
        path: label.to_string(),
        source,
    };
    let max = crate::yaml::MAX_RECORD_BYTES as u64;
    let file = std::fs::File::open(full).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    let too_large = |size| RepoError::TooLarge {
        path: label.to_string(),
        size,
    };
    if size > max {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // The file may grow while it is read: read one byte past the limit at most.
    file.take(max + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > max {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// A record blob's bytes, refused from the object header when larger than a record may be.
pub fn blob_capped(
    repo: &git2::Repository,
    odb: &git2::Odb<'_>,
    oid: git2::Oid,
    label: &str,
) -> Result<Vec<u8>, RepoError> {
    let (size, _) = odb.read_header(oid)?;
    if size > crate::yaml::MAX_RECORD_BYTES {
        return Err(RepoError::TooLarge {
            path: label.to_string(),
            size: size as u64,
        });
    }
    Ok(repo.find_blob(oid)?.content().to_vec())
}

/// A repository in the work tree.
pub struct WorkTree {
    pub root: PathBuf,
}

impl Source for WorkTree {
    fn entries(&self, dir: &str) -> Result<Vec<(String, EntryType)>, RepoError> {
        let path = self.root.join(dir);
        let io = |source| RepoError::Io {
            path: path.display().to_string(),
            source,
        };
        let mut out = Vec::new();
        for e in std::fs::read_dir(&path).map_err(io)? {
            let e = e.map_err(io)?;
            // `file_type` does not follow links.
            let t = e.file_type().map_err(io)?;
            let what = if t.is_symlink() {
                EntryType::Symlink
            } else if t.is_dir() {
                EntryType::Dir
            } else if t.is_file() {
                EntryType::File
            } else {
                EntryType::Other
            };
            out.push((e.file_name().to_string_lossy().into_owned(), what));
        }
        out.sort();
        Ok(out)
    }

    fn read(&self, path: &str) -> Result<Vec<u8>, RepoError> {
        let full = self.root.join(path);
        // Refuse to read through a link, even one planted after the walk.
        let meta = std::fs::symlink_metadata(&full).map_err(|source| RepoError::Io {
            path: path.to_string(),
            source,
        })?;
        if meta.file_type().is_symlink() {
            return Err(RepoError::Io {
                path: path.to_string(),
                source: std::io::Error::other("is a symbolic link"),
            });
        }
        read_capped(&full, path)
    }

    fn label(&self) -> String {
        self.root.display().to_string()
    }

    #[cfg(unix)]
    fn fingerprint(&self, path: &str) -> Option<Fingerprint> {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::symlink_metadata(self.root.join(path)).ok()?;
        if !meta.file_type().is_file() {
            return None;
        }
        let mtime_ns = meta
            .mtime()
            .checked_mul(1_000_000_000)?
            .checked_add(meta.mtime_nsec())?;
        let ctime_ns = meta
            .ctime()
            .checked_mul(1_000_000_000)?
            .checked_add(meta.ctime_nsec())?;
        Some(Fingerprint::Stat {
            size: meta.len(),
            mtime_ns,
            ctime_ns,
            inode: meta.ino(),
        })
    }

    #[cfg(not(unix))]
    fn fingerprint(&self, _path: &str) -> Option<Fingerprint> {
        None
    }
}

/// The records repository at `dir` (or its nearest ancestor holding `dabir.yaml`): the
/// work tree, or with `rev` the commit it names, read from git objects.
pub fn open(dir: &Path, rev: Option<&str>) -> Result<Box<dyn Source>, RepoError> {
    Ok(match rev {
        None => Box::new(WorkTree {
            root: discover(dir)?,
        }),
        Some(rev) => Box::new(rev::GitRev::open(dir, rev)?),
    })
}
