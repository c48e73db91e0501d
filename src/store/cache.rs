//! Typed records keyed by git blob id: `.git/dabir/cache/<PROVINCE>.bin`.
//!
//! Parsing a province's every file on each write costs ~0.4 s for 5,000 records; the
//! write budget is ~2x a `git commit` (`benches/README.md`). A write reads HEAD's tree (blob
//! ids only), takes the cached record of every unchanged blob, parses only the blobs it
//! has not seen, and rewrites the cache after its commit. The cache is provably in step:
//! a blob id names the file's exact bytes, the records are parsed from HEAD's blobs (not
//! the work tree), and the files a write touches must be clean. A cache written by
//! another build (the fingerprint covers the version and the schemas) or unreadable is
//! simply rebuilt. Binary format: postcard (serde; the model skips no field). Records are
//! kept as the rules see them, without their free texts ([`Record::without_prose`]): a
//! write parses afresh, from its blob, any record its action reads or edits.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use git2::Oid;
use serde::{Deserialize, Serialize};

use crate::cachefile::{checksum, fingerprint, load_versioned, save_versioned};
use crate::model::{Kind, Record};

/// What one blob parsed to: the record, or `None` when it is not a valid record.
pub type Parsed = Option<Record>;

#[derive(Serialize, Deserialize)]
struct Entry {
    oid: [u8; 20],
    kind: u8,
    record: Parsed,
}

/// The cache of one province, as decoded: its chunks, and where each blob's entry sits.
#[derive(Default)]
pub struct Cache {
    chunks: Vec<Vec<Entry>>,
    at: HashMap<Oid, Slot>,
}

/// Where a cached entry sits: chunk and place.
#[derive(Clone, Copy)]
pub struct Slot(u32, u32);

/// A blob or tree id as the cache files keep it.
pub(super) fn raw_oid(oid: Oid) -> [u8; 20] {
    let mut r = [0u8; 20];
    r.copy_from_slice(&oid.as_bytes()[..20]);
    r
}

/// A kind as the cache files keep it: its place in [`Kind::ALL`].
pub(super) fn kind_code(kind: Kind) -> u8 {
    Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0) as u8
}

/// The cache file of `province` inside the git directory.
pub fn path(git_dir: &Path, province: &str) -> PathBuf {
    git_dir
        .join("dabir")
        .join("cache")
        .join(format!("{province}.bin"))
}

/// Entries per chunk; chunks decode in parallel.
const CHUNK: usize = 512;

/// The file: `DABIR-C2`, the fingerprint, then chunks, each a little-endian u64 length,
/// a u64 [`checksum`] of the chunk, and a postcard `Vec<Entry>`. The checksum matters:
/// postcard decodes a changed byte inside an id as another id, and a write trusting that
/// would judge references against records that are not in the repository.
const MAGIC: &[u8; 8] = b"DABIR-C2";

fn chunks(bytes: &[u8]) -> Option<Vec<&[u8]>> {
    let rest = bytes.strip_prefix(MAGIC.as_slice())?;
    let (fp, mut rest) = rest.split_at_checked(8)?;
    if u64::from_le_bytes(fp.try_into().ok()?) != fingerprint() {
        return None;
    }
    let mut out = Vec::new();
    while !rest.is_empty() {
        let (len, tail) = rest.split_at_checked(8)?;
        let len = usize::try_from(u64::from_le_bytes(len.try_into().ok()?)).ok()?;
        let (sum, tail) = tail.split_at_checked(8)?;
        let (chunk, tail) = tail.split_at_checked(len)?;
        if u64::from_le_bytes(sum.try_into().ok()?) != checksum(chunk) {
            return None;
        }
        out.push(chunk);
        rest = tail;
    }
    Some(out)
}

impl Cache {
    /// Read the cache; an absent, foreign or damaged file gives an empty cache.
    pub fn load(file: &Path) -> Cache {
        use rayon::prelude::*;
        let Ok(bytes) = std::fs::read(file) else {
            return Cache::default();
        };
        let Some(chunks) = chunks(&bytes) else {
            return Cache::default();
        };
        let decoded: Option<Vec<Vec<Entry>>> = chunks
            .par_iter()
            .map(|c| postcard::from_bytes::<Vec<Entry>>(c).ok())
            .collect();
        let Some(chunks) = decoded else {
            return Cache::default();
        };
        let mut at = HashMap::with_capacity(chunks.iter().map(Vec::len).sum());
        for (c, entries) in chunks.iter().enumerate() {
            for (i, e) in entries.iter().enumerate() {
                if let Ok(oid) = Oid::from_bytes(&e.oid) {
                    at.insert(oid, Slot(c as u32, i as u32));
                }
            }
        }
        Cache { chunks, at }
    }

    /// Claim the cached parse of blob `oid` as a record of `kind`. Each entry is claimed
    /// once: a second file with the same bytes is parsed afresh.
    pub fn claim(&mut self, oid: Oid, kind: Kind) -> Option<Slot> {
        let slot = self.at.remove(&oid)?;
        let e = &self.chunks[slot.0 as usize][slot.1 as usize];
        (Kind::ALL.get(usize::from(e.kind)) == Some(&kind)).then_some(slot)
    }

    /// The parse in a claimed slot, moved out.
    pub fn take(&mut self, slot: Slot) -> Parsed {
        self.chunks[slot.0 as usize][slot.1 as usize].record.take()
    }

    /// Write the entries for a province's current blobs (and only those), each record as
    /// the rules see it ([`Record::without_prose`]).
    pub fn save(
        file: &Path,
        entries: impl Iterator<Item = (Oid, Kind, Parsed)>,
    ) -> std::io::Result<()> {
        let entries: Vec<Entry> = entries
            .map(|(oid, kind, record)| Entry {
                oid: raw_oid(oid),
                kind: kind_code(kind),
                record: record.map(Record::without_prose),
            })
            .collect();
        let mut bytes = Vec::with_capacity(entries.len() * 1024);
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&fingerprint().to_le_bytes());
        for chunk in entries.chunks(CHUNK) {
            let c = postcard::to_stdvec(chunk).map_err(std::io::Error::other)?;
            bytes.extend_from_slice(&(c.len() as u64).to_le_bytes());
            bytes.extend_from_slice(&checksum(&c).to_le_bytes());
            bytes.extend_from_slice(&c);
        }
        let dir = file.parent().expect("cache dir");
        std::fs::create_dir_all(dir)?;
        let tmp = file.with_extension(format!("tmp{}", std::process::id()));
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, file)
    }
}

/// The error findings of a province's state, counted by rule, file and record: the
/// "before" of the next write's before/after comparison, so it need not run the rules on
/// the old state again. Valid only for the exact state it was computed on (`key`: the
/// province's paths and blob ids, the config blob and the as-of date) and this build.
type Counts = Vec<(String, String, Option<String>, u32)>;

/// The counts kept for the state `key`, if that is the state on file.
pub fn load_findings(file: &Path, key: u64) -> Option<Counts> {
    let (on_file, counts): (u64, Counts) = load_versioned(file)?;
    (on_file == key).then_some(counts)
}

/// Keep the counts of state `key`.
pub fn save_findings(file: &Path, key: u64, counts: Counts) -> std::io::Result<()> {
    save_versioned(file, &(key, counts))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A changed byte anywhere in a chunk (here, inside an id, which postcard would
    /// decode as another id) makes the whole cache read as absent.
    #[test]
    fn a_changed_byte_empties_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("ESF.bin");
        let person: Record = Record::deserialize_kind(
            Kind::Person,
            &serde_json::json!({"id": "ESF-P-001", "name": "نام"}),
        )
        .unwrap();
        let oid = Oid::from_bytes(&[7; 20]).unwrap();
        Cache::save(&file, std::iter::once((oid, Kind::Person, Some(person)))).unwrap();
        assert!(Cache::load(&file).claim(oid, Kind::Person).is_some());
        let mut bytes = std::fs::read(&file).unwrap();
        let at = bytes
            .windows(9)
            .position(|w| w == b"ESF-P-001")
            .expect("the id is in the file");
        bytes[at + 8] = b'2';
        std::fs::write(&file, &bytes).unwrap();
        assert!(Cache::load(&file).claim(oid, Kind::Person).is_none());
    }
}
