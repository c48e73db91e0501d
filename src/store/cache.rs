//! Typed records keyed by git blob id: `.git/dabir/cache/<PROVINCE>.bin`.
//!
//! Parsing a province's every file on each write costs ~0.4 s for 5,000 records; the
//! write budget is ~2x a `git commit` (performance.md §4). A write reads HEAD's tree (blob
//! ids only), takes the cached record of every unchanged blob, parses only the blobs it
//! has not seen, and rewrites the cache after its commit. The cache is provably in step:
//! a blob id names the file's exact bytes, the records are parsed from HEAD's blobs (not
//! the work tree), and the files a write touches must be clean. A cache written by
//! another build (the fingerprint covers the version and the schemas) or unreadable is
//! simply rebuilt. Binary format: postcard (serde; the model skips no field).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use git2::Oid;
use serde::{Deserialize, Serialize};

use crate::model::{Kind, Record};

/// What one blob parsed to: the record, or `None` when it is not a valid record.
pub type Parsed = Option<Record>;

#[derive(Serialize, Deserialize)]
struct CacheFile {
    fingerprint: u64,
    entries: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    oid: [u8; 20],
    kind: u8,
    record: Parsed,
}

/// The cache of one province.
#[derive(Default)]
pub struct Cache {
    map: HashMap<Oid, (Kind, Parsed)>,
}

fn fingerprint() -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    for (name, text) in crate::schema::FILES {
        name.hash(&mut h);
        text.hash(&mut h);
    }
    h.finish()
}

/// The cache file of `province` inside the git directory.
pub fn path(git_dir: &Path, province: &str) -> PathBuf {
    git_dir.join("dabir").join("cache").join(format!("{province}.bin"))
}

impl Cache {
    /// Read the cache; an absent, foreign or damaged file gives an empty cache.
    pub fn load(file: &Path) -> Cache {
        let Ok(bytes) = std::fs::read(file) else { return Cache::default() };
        let Ok(parsed) = postcard::from_bytes::<CacheFile>(&bytes) else { return Cache::default() };
        if parsed.fingerprint != fingerprint() {
            return Cache::default();
        }
        let map = parsed
            .entries
            .into_iter()
            .filter_map(|e| {
                let kind = *Kind::ALL.get(usize::from(e.kind))?;
                Some((Oid::from_bytes(&e.oid).ok()?, (kind, e.record)))
            })
            .collect();
        Cache { map }
    }

    /// The parse of blob `oid` as a record of `kind`, if cached.
    pub fn take(&mut self, oid: Oid, kind: Kind) -> Option<Parsed> {
        match self.map.remove(&oid) {
            Some((k, r)) if k == kind => Some(r),
            _ => None,
        }
    }

    /// Write the entries for a province's current blobs (and only those).
    pub fn save(file: &Path, entries: impl Iterator<Item = (Oid, Kind, Parsed)>) -> std::io::Result<()> {
        let entries: Vec<Entry> = entries
            .map(|(oid, kind, record)| {
                let mut raw = [0u8; 20];
                raw.copy_from_slice(&oid.as_bytes()[..20]);
                Entry { oid: raw, kind: Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0) as u8, record }
            })
            .collect();
        let bytes = postcard::to_stdvec(&CacheFile { fingerprint: fingerprint(), entries }).map_err(std::io::Error::other)?;
        let dir = file.parent().expect("cache dir");
        std::fs::create_dir_all(dir)?;
        let tmp = file.with_extension(format!("tmp{}", std::process::id()));
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, file)
    }
}
