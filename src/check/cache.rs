//! The check cache: parsed records keyed by their file's identity, so a re-check after one
//! edit reads and parses only what changed.
//!
//! `<root>/.git/dabir/check-cache/<PROVINCE>.bin`, one file per province group, loaded
//! when `check` reaches that group and dropped after it, so memory stays bounded by a
//! province. Each entry is a file's path, its [`Fingerprint`] (size, mtime in ns, inode)
//! and the postcard bytes of its typed [`Record`]. Only files whose parse gave a record and
//! no finding at all are cached, so every finding (and its position) of a file with
//! findings comes from a fresh parse. What depends on other files (the id and reference
//! checks, the cross-record rules) is never cached: it runs on every record, cached or not.
//!
//! Staleness: a file is taken from the cache only if its fingerprint is unchanged. As in
//! git ("racy git"), a file modified in the same clock tick as it was stat'ed could keep
//! its fingerprint; so a file is only cached if its mtime is older than the start of the
//! run minus a second. Another build or schema set, a damaged or unreadable file: the cache
//! is empty (see [`crate::store::cache::load_versioned`]); writing is best effort.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::model::{Kind, Record};
use crate::repo::Fingerprint;
use crate::store::cache::{load_versioned, save_versioned};

/// Where the cache lives under a records root that is a git work tree's root.
pub fn dir_of(root: &Path) -> Option<PathBuf> {
    let git = root.join(".git");
    git.is_dir().then(|| git.join("dabir").join("check-cache"))
}

#[derive(Deserialize)]
struct Entry {
    path: String,
    stamp: Fingerprint,
    record: Record,
}

/// [`Entry`] borrowed, for writing (same layout).
#[derive(Serialize)]
struct EntryRef<'a> {
    path: &'a str,
    stamp: Fingerprint,
    record: &'a Record,
}

/// The cache directory of one run.
pub struct CheckCache {
    dir: PathBuf,
    /// Files modified at or after this instant (ns since the epoch) are not cached.
    racy_from_ns: i64,
}

/// One province's cache, loaded.
pub struct Province {
    file: Option<PathBuf>,
    map: HashMap<String, (Fingerprint, Record)>,
    /// Entries in the file as loaded, and how many of them were used.
    loaded: usize,
    taken: usize,
}

impl CheckCache {
    /// The cache in `dir`, for a run starting now.
    pub fn new(dir: PathBuf) -> CheckCache {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as i64);
        CheckCache {
            dir,
            racy_from_ns: now - 1_000_000_000,
        }
    }

    /// Load the cache of `province` (empty if absent, foreign or damaged).
    pub fn load(&self, province: &str) -> Province {
        // Province codes are ASCII letters and digits; anything else is not cached.
        if province.is_empty() || !province.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Province {
                file: None,
                map: HashMap::new(),
                loaded: 0,
                taken: 0,
            };
        }
        let file = self.dir.join(format!("{province}.bin"));
        let entries = load_versioned::<Vec<Entry>>(&file).unwrap_or_default();
        let loaded = entries.len();
        let map = entries
            .into_iter()
            .map(|e| (e.path, (e.stamp, e.record)))
            .collect();
        Province {
            file: Some(file),
            map,
            loaded,
            taken: 0,
        }
    }

    /// Whether a file with this fingerprint may be cached (it is not racy).
    pub fn cacheable(&self, stamp: &Fingerprint) -> bool {
        stamp.mtime_ns < self.racy_from_ns
    }
}

impl Province {
    /// The cached record of `path` if its file is unchanged and holds a `kind`.
    pub fn take(&mut self, path: &str, stamp: Fingerprint, kind: Kind) -> Option<Record> {
        match self.map.remove(path) {
            Some((s, r)) if s == stamp && r.kind() == kind => {
                self.taken += 1;
                Some(r)
            }
            _ => None,
        }
    }

    /// Write the province's cacheable records back, if they differ from what was loaded:
    /// `entries` are every cacheable file of the group, from the cache or parsed afresh.
    pub fn save(self, entries: &[(&str, Fingerprint, &Record)]) {
        let Some(file) = self.file else { return };
        // Unchanged: every entry came from the cache and every cached one was used.
        if self.taken == entries.len() && self.taken == self.loaded {
            return;
        }
        let body: Vec<EntryRef<'_>> = entries
            .iter()
            .map(|&(path, stamp, record)| EntryRef {
                path,
                stamp,
                record,
            })
            .collect();
        // Best effort: a cache that cannot be written is only slower next time.
        let _ = save_versioned(&file, &body);
    }
}
