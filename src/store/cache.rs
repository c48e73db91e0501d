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
//!
//! The file format is shared with `check`'s cache (`crate::check::cache`): a header of the
//! build fingerprint and a checksum of the body ([`load_versioned`], [`save_versioned`]).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use git2::Oid;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::model::{Kind, Record};

/// What one blob parsed to: the record, or `None` when it is not a valid record.
pub type Parsed = Option<Record>;

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

/// What makes every cache file stale: another build (the crate version), another set of
/// embedded schemas, or another layout of the file itself.
fn build_fingerprint() -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    LAYOUT.hash(&mut h);
    env!("CARGO_PKG_VERSION").hash(&mut h);
    for (name, text) in crate::schema::FILES {
        name.hash(&mut h);
        text.hash(&mut h);
    }
    h.finish()
}

/// Bump when the header or the body of a cache file changes shape.
const LAYOUT: u32 = 2;

/// A cheap checksum of a cache file's body, so a damaged file reads as absent rather than
/// as wrong records (postcard would happily decode a flipped byte inside a string).
fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = bytes.len() as u64 ^ K;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        h = (h ^ u64::from_le_bytes(w.try_into().expect("8 bytes"))).wrapping_mul(K).rotate_left(29);
    }
    for &b in words.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(K).rotate_left(29);
    }
    h ^ (h >> 32)
}

/// Read a cache file written by [`save_versioned`] by this same build: `None` when it is
/// absent, written by another build, damaged or not a `T`.
pub fn load_versioned<T: DeserializeOwned>(file: &Path) -> Option<T> {
    let bytes = std::fs::read(file).ok()?;
    let (build, rest) = postcard::take_from_bytes::<u64>(&bytes).ok()?;
    if build != build_fingerprint() {
        return None;
    }
    let (sum, body) = postcard::take_from_bytes::<u64>(rest).ok()?;
    if sum != checksum(body) {
        return None;
    }
    postcard::from_bytes(body).ok()
}

/// Write `body` to a cache file atomically (a temporary file renamed over it), headed by
/// the build fingerprint and a checksum.
pub fn save_versioned<T: Serialize + ?Sized>(file: &Path, body: &T) -> std::io::Result<()> {
    let body = postcard::to_stdvec(body).map_err(std::io::Error::other)?;
    let mut bytes = postcard::to_stdvec(&build_fingerprint()).map_err(std::io::Error::other)?;
    bytes.extend(postcard::to_stdvec(&checksum(&body)).map_err(std::io::Error::other)?);
    bytes.extend(body);
    let dir = file.parent().expect("cache dir");
    std::fs::create_dir_all(dir)?;
    let tmp = file.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, file).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// The cache file of `province` inside the git directory.
pub fn path(git_dir: &Path, province: &str) -> PathBuf {
    git_dir.join("dabir").join("cache").join(format!("{province}.bin"))
}

impl Cache {
    /// Read the cache; an absent, foreign or damaged file gives an empty cache.
    pub fn load(file: &Path) -> Cache {
        let Some(entries) = load_versioned::<Vec<Entry>>(file) else { return Cache::default() };
        let map = entries
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
        save_versioned(file, &entries)
    }
}
