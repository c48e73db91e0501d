//! Writing a site into its folder, touching only what changed.
//!
//! The folder keeps a manifest, `.dabir-site`, with the hash and length of every file
//! dabir wrote. A rebuild writes a file only when its bytes differ from the manifest's
//! (or the file is missing or has another length), removes the files of records that are
//! gone, and writes the manifest last. A folder that is not empty and holds no manifest
//! is not dabir's: it is refused, never overwritten.

use std::collections::HashMap;
use std::io;
use std::path::{Component, Path};

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

/// FNV-1a, 64 bits: stable across builds and platforms, enough to tell a page changed.
fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
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

/// Write `pages` into `dir`, creating it, rewriting only files whose bytes changed and
/// removing files an earlier build wrote that this one does not.
pub fn write(
    dir: &Path,
    pages: &[Page],
    progress: &(dyn Fn(usize) + Sync),
) -> Result<Written, WriteError> {
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
    let results: Vec<Result<(bool, u64), WriteError>> = pages
        .par_iter()
        .map(|p| {
            let h = hash(&p.bytes);
            let len = p.bytes.len() as u64;
            let file = dir.join(&p.path);
            let same = old.get(&p.path) == Some(&(h, len))
                && std::fs::metadata(&file).is_ok_and(|m| m.len() == len);
            if !same {
                std::fs::write(&file, &p.bytes).map_err(io_err(&file))?;
            }
            progress(1);
            Ok((!same, h))
        })
        .collect();
    let mut out = Written::default();
    let mut manifest = String::with_capacity(pages.len() * 40);
    for (p, r) in pages.iter().zip(results) {
        let (wrote, h) = r?;
        if wrote {
            out.written += 1;
        } else {
            out.unchanged += 1;
        }
        manifest.push_str(&format!("{h:016x} {} {}\n", p.bytes.len(), p.path));
    }
    let now: std::collections::HashSet<&str> = pages.iter().map(|p| p.path.as_str()).collect();
    for path in old.keys().filter(|p| !now.contains(p.as_str()) && plain(p)) {
        let file = dir.join(path);
        match std::fs::remove_file(&file) {
            Ok(()) => out.removed += 1,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_err(&file)(e)),
        }
    }
    let m = dir.join(MANIFEST);
    let tmp = dir.join(format!("{MANIFEST}.tmp"));
    std::fs::write(&tmp, manifest).map_err(io_err(&tmp))?;
    std::fs::rename(&tmp, &m).map_err(io_err(&m))?;
    Ok(out)
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
        let first = [
            page("index.html", "a"),
            page("r/X-1.html", "b"),
            page("r/X-2.html", "c"),
        ];
        let w = write(&dir, &first, &|_| {}).unwrap();
        assert_eq!(
            w,
            Written {
                written: 3,
                unchanged: 0,
                removed: 0
            }
        );
        let second = [page("index.html", "a"), page("r/X-1.html", "B")];
        let w = write(&dir, &second, &|_| {}).unwrap();
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
        let w = write(&dir, &second, &|_| {}).unwrap();
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
        let e = write(tmp.path(), &[page("index.html", "a")], &|_| {}).unwrap_err();
        assert!(matches!(e, WriteError::NotOurs(_)));
        assert_eq!(
            std::fs::read_to_string(tmp.path().join("notes.txt")).unwrap(),
            "mine"
        );
    }
}
