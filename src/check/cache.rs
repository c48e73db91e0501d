//! The check cache: parsed records keyed by their file's identity, so a re-check after one
//! edit reads and parses only what changed.
//!
//! `<root>/.git/dabir/check-cache/<PROVINCE>.bin`, one file per province group, loaded
//! when `check` reaches that group and dropped after it, so memory stays bounded by a
//! province. Each entry is a file's path, its [`Fingerprint`] (size, mtime and ctime in ns,
//! inode; or, read from git objects as the national roll-up reads a province, its blob id)
//! and the postcard bytes of its typed [`Record`]. Only files whose parse gave a record and
//! no finding at all are cached, so every finding (and its position) of a file with
//! findings comes from a fresh parse. What depends on other files (the id and reference
//! checks, the cross-record rules) is never cached: it runs on every record, cached or not.
//!
//! A province's findings are cached too, whole and with their positions resolved, under a
//! key that hashes everything they depend on: the build (see
//! [`crate::cachefile::load_versioned`]), the config file, every record path of the
//! repository (the reference index), the options and date of the run, the history's start
//! commit, and the fingerprint of every file of the province. When the key matches, the
//! province is neither loaded nor checked: this is what makes a re-check after one edit
//! cost the walk and the one province that changed. Waivers are applied afterwards, on
//! every run, so an edited waivers file or an expiring waiver never needs a recheck.
//!
//! Staleness: a file is taken from the cache only if its fingerprint is unchanged. As in
//! git ("racy git"), a file modified in the same clock tick as it was stat'ed could keep
//! its fingerprint; so a file is only cached if its mtime is older than the start of the
//! run minus a second. Another build or schema set, a damaged or unreadable file: the cache
//! is empty (see [`crate::cachefile::load_versioned`]); writing is best effort.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::attachments::Claim;
use crate::cachefile::{load_versioned, save_versioned};
use crate::diag::{Anchor, Finding, Position, Related, Severity, Text};
use crate::model::{Kind, Record};
use crate::repo::Fingerprint;

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
        let Some(file) = self.file_of(province, "bin") else {
            return Province {
                file: None,
                map: HashMap::new(),
                loaded: 0,
                taken: 0,
            };
        };
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

    /// Whether a file with this fingerprint may be cached (its modification time is not
    /// racy). Its status-change time is part of its key ([`Province::take`]), so a file
    /// rewritten with its modification time set back is still seen.
    pub fn cacheable(&self, stamp: &Fingerprint) -> bool {
        !stamp.racy(self.racy_from_ns)
    }

    /// Whether an attachment's hash may be cached: neither its modification nor its
    /// status-change time is racy.
    pub fn hash_cacheable(&self, stamp: &Fingerprint) -> bool {
        !stamp.racy_change(self.racy_from_ns)
    }

    /// The file of the attachments' hashes ([`super::attachments`]).
    pub fn hashes_file(&self) -> PathBuf {
        self.dir.join("attachments.bin")
    }

    /// `<PROVINCE>.<ext>` in the cache directory. Province codes are ASCII letters and
    /// digits; anything else is not cached.
    fn file_of(&self, province: &str, ext: &str) -> Option<PathBuf> {
        (!province.is_empty() && province.bytes().all(|b| b.is_ascii_alphanumeric()))
            .then(|| self.dir.join(format!("{province}.{ext}")))
    }

    /// The findings of `province` stored under `key`, if that is the key they were stored
    /// under and every rule they name is still known, with the attachments its records
    /// name (checked against the files on every run).
    pub fn findings_and_claims(
        &self,
        province: &str,
        key: u64,
    ) -> Option<(Vec<Finding>, Vec<Claim>)> {
        let (stored_key, found, claims) = load_versioned::<(u64, Vec<StoredFinding>, Vec<Claim>)>(
            &self.file_of(province, "findings")?,
        )?;
        if stored_key != key {
            return None;
        }
        let found = found
            .into_iter()
            .map(StoredFinding::into_finding)
            .collect::<Option<Vec<_>>>()?;
        Some((found, claims))
    }

    /// Store the findings of `province` (positions resolved, no waiver applied) and the
    /// attachments its records name under `key`; best effort.
    pub fn save_findings_and_claims(
        &self,
        province: &str,
        key: u64,
        findings: &[Finding],
        claims: &[Claim],
    ) {
        let Some(file) = self.file_of(province, "findings") else {
            return;
        };
        let body: Vec<StoredFinding> = findings.iter().map(StoredFinding::of).collect();
        let _ = save_versioned(&file, &(key, body, claims));
    }

    /// The findings of `province` stored under `key` (see [`Self::findings_and_claims`]).
    pub fn findings(&self, province: &str, key: u64) -> Option<Vec<Finding>> {
        self.findings_and_claims(province, key).map(|(f, _)| f)
    }

    /// Store the findings of `province` under `key`, naming no attachment.
    pub fn save_findings(&self, province: &str, key: u64, findings: &[Finding]) {
        self.save_findings_and_claims(province, key, findings, &[]);
    }
}

/// A [`Finding`] as the cache keeps it: resolved, so its anchor is no longer needed.
#[derive(Serialize, Deserialize)]
struct StoredFinding {
    rule: String,
    severity: Severity,
    file: String,
    position: Option<Position>,
    record: Option<String>,
    message: Text,
    help: Option<Text>,
    related: Vec<(Option<Position>, Text)>,
}

impl StoredFinding {
    fn of(f: &Finding) -> StoredFinding {
        StoredFinding {
            rule: f.rule.to_string(),
            severity: f.severity,
            file: f.file.clone(),
            position: f.position,
            record: f.record.clone(),
            message: f.message.clone(),
            help: f.help.clone(),
            related: f
                .related
                .iter()
                .map(|r| (r.position, r.message.clone()))
                .collect(),
        }
    }

    fn into_finding(self) -> Option<Finding> {
        let rule = crate::rules::doc(&self.rule)?.id;
        Some(Finding {
            rule,
            severity: self.severity,
            file: self.file,
            anchor: Anchor::File,
            commit: None,
            position: self.position,
            record: self.record,
            message: self.message,
            help: self.help,
            related: self
                .related
                .into_iter()
                .map(|(position, message)| Related {
                    anchor: Anchor::File,
                    position,
                    message,
                })
                .collect(),
            waiver: None,
        })
    }
}

impl Province {
    /// The cached record of `path` if its file is unchanged and holds a `kind`.
    pub fn take(&mut self, path: &str, stamp: Fingerprint, kind: Kind) -> Option<Record> {
        match self.map.remove(path) {
            // The whole fingerprint, change time included: a file rewritten in place with
            // its size and modification time restored is still seen.
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
