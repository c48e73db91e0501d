//! Reading the few records one printed document needs straight from the work tree: a
//! record by its id (its path follows from the id), and every record of a small kind
//! (bodies, committees). A minutes page of a 100,000-record repository reads a few dozen
//! files, not the repository.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::model::{Body, Committee, Decision, Kind, Meeting, Person, Record};

use super::PrintError;

/// Records of one work tree, read on demand and kept.
pub struct Loader {
    root: PathBuf,
    seen: Mutex<HashMap<String, Record>>,
}

impl Loader {
    pub fn new(root: &Path) -> Loader {
        Loader {
            root: root.to_path_buf(),
            seen: Mutex::new(HashMap::new()),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The record `id`, of whatever kind.
    pub fn record(&self, id: &str) -> Result<Record, PrintError> {
        if let Some(r) = self.seen.lock().ok().and_then(|s| s.get(id).cloned()) {
            return Ok(r);
        }
        crate::model::id::validate_id(id).map_err(|e| PrintError::BadId {
            id: id.to_string(),
            why: e.to_string(),
        })?;
        let found = Kind::ALL.into_iter().find_map(|k| {
            let p = k.path_of(id).ok()?;
            std::fs::symlink_metadata(self.root.join(&p))
                .ok()
                .filter(|m| m.is_file())
                .map(|_| (k, p))
        });
        let Some((kind, path)) = found else {
            return Err(PrintError::NoRecord(id.to_string()));
        };
        let r = self.parse(kind, &path)?;
        if let Ok(mut s) = self.seen.lock() {
            s.insert(id.to_string(), r.clone());
        }
        Ok(r)
    }

    fn parse(&self, kind: Kind, path: &str) -> Result<Record, PrintError> {
        let bytes = std::fs::read(self.root.join(path)).map_err(|e| PrintError::Io {
            path: path.to_string(),
            why: e.to_string(),
        })?;
        let mut findings = Vec::new();
        crate::check::parse_record(path, kind, &bytes, &mut findings).ok_or_else(|| {
            let first = findings.into_iter().next();
            PrintError::Invalid {
                path: path.to_string(),
                rule: first
                    .as_ref()
                    .map(|f| f.rule.to_string())
                    .unwrap_or_default(),
                message: first.map(|f| f.message),
            }
        })
    }

    /// Every record of `kind` (not a yearly kind), in file-name order.
    pub fn all(&self, kind: Kind) -> Result<Vec<Record>, PrintError> {
        let dir = self.root.join(kind.dir());
        let mut names: Vec<String> = match std::fs::read_dir(&dir) {
            Ok(rd) => rd
                .filter_map(|e| e.ok())
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| n.ends_with(".yaml"))
                .collect(),
            Err(_) => Vec::new(),
        };
        names.sort();
        names
            .iter()
            .map(|n| self.parse(kind, &format!("{}/{n}", kind.dir())))
            .collect()
    }
}

macro_rules! typed {
    ($($f:ident, $variant:ident, $ty:ty, $kind:expr;)*) => {
        impl Loader {
            $(
                /// The record `id`, which must be of this kind.
                pub fn $f(&self, id: &str) -> Result<$ty, PrintError> {
                    match self.record(id)? {
                        Record::$variant(x) => Ok(x),
                        other => Err(PrintError::WrongKind {
                            id: id.to_string(),
                            actual: other.kind(),
                            expected: $kind,
                        }),
                    }
                }
            )*
        }
    };
}

typed! {
    meeting, Meeting, Meeting, Kind::Meeting;
    decision, Decision, Decision, Kind::Decision;
    committee, Committee, Committee, Kind::Committee;
    person, Person, Person, Kind::Person;
    body, Body, Body, Kind::Body;
}
