//! Writing a site into its folder, touching only what changed.
//!
//! The folder keeps a manifest, `.dabir-site`, with the hash and length of every file
//! dabir wrote. A rebuild writes a file only when its bytes differ from the manifest's
//! (or the file is missing or has another length), removes the files of records that are
//! gone, and writes the manifest last. A folder that is not empty and holds no manifest
//! is not dabir's: it is refused, never overwritten.
//!
//! Pages are written as they are made ([`Writer::put`], from many threads at once), so
//! a build holds one page per thread in memory, not the whole site: the 100,000-record
//! national site is about 1.2 GB of HTML (see `benches/README.md`).

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use super::Page;

/// The manifest's file name.
pub const MANIFEST: &str = ".dabir-site";

/// What a write did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

impl Written {
    /// Every file of the site, written or not.
    pub fn total(&self) -> usize {
        self.written + self.unchanged
    }
}

/// Why a site could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(
        "{0} is not empty and was not written by `dabir site` (no {MANIFEST}); choose an empty or new folder"
    )]
    NotOurs(String),
    #[error("{path}: {source}")]
    Io { path: String, source: io::Error },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// XXH3, 64 bits: a fixed algorithm (the same across builds and platforms), enough with
/// the length to tell a page changed, and fast enough not to show beside writing the
/// 1.2 GB of the national site (byte-wise FNV-1a took 4% of its CPU).
fn hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

fn read_manifest(dir: &Path) -> Option<HashMap<String, (u64, u64)>> {
    let text = std::fs::read_to_string(dir.join(MANIFEST)).ok()?;
    Some(
        text.lines()
            .filter_map(|l| {
                let mut it = l.splitn(3, ' ');
                let h = u64::from_str_radix(it.next()?, 16).ok()?;
                let len = it.next()?.parse().ok()?;
                Some((it.next()?.to_string(), (h, len)))
            })
            .collect(),
    )
}

/// A manifest path is relative and plain (no `..`, no root): removal stays inside `dir`.
fn plain(path: &str) -> bool {
    Path::new(path)
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
}

/// A site being written: [`Writer::open`], then [`Writer::put`] each page (from any
/// thread), then [`Writer::finish`], which removes what an earlier build wrote and this
/// one did not, and writes the manifest.
pub struct Writer {
    dir: PathBuf,
    old: HashMap<String, (u64, u64)>,
    /// Path, hash, length and whether it was written, of every page put so far.
    now: Mutex<Vec<(String, u64, u64, bool)>>,
}

impl Writer {
    /// Open `dir` for a build, creating it; refuse a folder dabir did not write.
    pub fn open(dir: &Path) -> Result<Writer, WriteError> {
        let old = match read_manifest(dir) {
            Some(m) => m,
            None => {
                let used = std::fs::read_dir(dir)
                    .map(|mut d| d.next().is_some())
                    .unwrap_or(false);
                if used {
                    return Err(WriteError::NotOurs(dir.display().to_string()));
                }
                HashMap::new()
            }
        };
        std::fs::create_dir_all(dir.join("r")).map_err(io_err(dir))?;
        Ok(Writer {
            dir: dir.to_path_buf(),
            old,
            now: Mutex::new(Vec::new()),
        })
    }

    /// Write one page unless the folder already holds exactly its bytes.
    pub fn put(&self, page: Page) -> Result<(), WriteError> {
        let h = hash(&page.bytes);
        let len = page.bytes.len() as u64;
        let file = self.dir.join(&page.path);
        let same = self.old.get(&page.path) == Some(&(h, len))
            && std::fs::metadata(&file).is_ok_and(|m| m.len() == len);
        if !same {
            std::fs::write(&file, &page.bytes).map_err(io_err(&file))?;
        }
        self.now
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((page.path, h, len, !same));
        Ok(())
    }

    /// Remove the files an earlier build wrote that this one did not, and write the
    /// manifest (last, through a temporary file, so an interrupted build is rebuilt).
    pub fn finish(self) -> Result<Written, WriteError> {
        let mut now = self
            .now
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        now.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut out = Written::default();
        let mut manifest = String::with_capacity(now.len() * 40);
        for (path, h, len, wrote) in &now {
            if *wrote {
                out.written += 1;
            } else {
                out.unchanged += 1;
            }
            manifest.push_str(&format!("{h:016x} {len} {path}\n"));
        }
        let kept: HashSet<&str> = now.iter().map(|p| p.0.as_str()).collect();
        for path in self
            .old
            .keys()
            .filter(|p| !kept.contains(p.as_str()) && plain(p))
        {
            let file = self.dir.join(path);
            match std::fs::remove_file(&file) {
                Ok(()) => out.removed += 1,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(io_err(&file)(e)),
            }
        }
        let m = self.dir.join(MANIFEST);
        let tmp = self.dir.join(format!("{MANIFEST}.tmp"));
        std::fs::write(&tmp, manifest).map_err(io_err(&tmp))?;
        std::fs::rename(&tmp, &m).map_err(io_err(&m))?;
        Ok(out)
    }
}

/// Write `pages` into `dir`, creating it, rewriting only files whose bytes changed and
/// removing files an earlier build wrote that this one does not.
pub fn write(dir: &Path, pages: Vec<Page>) -> Result<Written, WriteError> {
    let w = Writer::open(dir)?;
    pages.into_par_iter().try_for_each(|p| w.put(p))?;
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, text: &str) -> Page {
        Page {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn rewrites_only_what_changed_and_removes_what_is_gone() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("site");
        let first = vec![
            page("index.html", "a"),
            page("r/X-1.html", "b"),
            page("r/X-2.html", "c"),
        ];
        let w = write(&dir, first).unwrap();
        assert_eq!(
            w,
            Written {
                written: 3,
                unchanged: 0,
                removed: 0
            }
        );
        let second = || vec![page("index.html", "a"), page("r/X-1.html", "B")];
        let w = write(&dir, second()).unwrap();
        assert_eq!(
            w,
            Written {
                written: 1,
                unchanged: 1,
                removed: 1
            }
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("r/X-1.html")).unwrap(),
            "B"
        );
        assert!(!dir.join("r/X-2.html").exists());
        // A file changed behind dabir's back is written again.
        std::fs::write(dir.join("index.html"), "edited").unwrap();
        let w = write(&dir, second()).unwrap();
        assert_eq!(w.written, 1);
        assert_eq!(
            std::fs::read_to_string(dir.join("index.html")).unwrap(),
            "a"
        );
    }

    #[test]
    fn refuses_a_folder_it_did_not_write() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
        let e = write(tmp.path(), vec![page("index.html", "a")]).unwrap_err();
        assert!(matches!(e, WriteError::NotOurs(_)));
        assert_eq!(
            std::fs::read_to_string(tmp.path().join("notes.txt")).unwrap(),
            "mine"
        );
    }
}
