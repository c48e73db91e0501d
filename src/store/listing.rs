//! The record files of one province in a commit's tree, remembered by directory:
//! `.git/dabir/cache/<PROVINCE>.list`.
//!
//! Listing 5,000 files means reading every record directory's tree object, a fifth of a
//! write's own work. A directory's tree id names its exact entries, so the files found
//! under one are kept, and the next write reads again only the directories whose id
//! changed (a write changes one or two). Like the record cache, the file is only an
//! accelerator: absent, damaged or written by another build, it reads as empty.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use git2::{ObjectType, Oid, Repository, Tree};
use serde::{Deserialize, Serialize};

use super::cache::{kind_code, raw_oid as raw};
use crate::cachefile::{load_versioned, save_versioned};
use crate::model::Kind;

/// A file of the province in the tree: path, kind, blob.
pub struct Listed {
    pub path: String,
    pub kind: Kind,
    pub oid: Oid,
}

/// The province's record files in one tree, by record directory.
#[derive(Default, Serialize, Deserialize)]
pub struct Listing {
    dirs: Vec<Dir>,
}

/// One record directory (`people`, `decisions/1403`): its tree id and the province's
/// record files in it, as paths and blob ids.
#[derive(Serialize, Deserialize)]
struct Dir {
    path: String,
    tree: [u8; 20],
    kind: u8,
    files: Vec<(String, [u8; 20])>,
}

/// The listing file of `province` inside the git directory.
pub fn path(git_dir: &Path, province: &str) -> PathBuf {
    super::cache::path(git_dir, province).with_extension("list")
}

impl Listing {
    /// The listing on file; empty when there is none this build can read.
    pub fn load(file: &Path) -> Listing {
        load_versioned(file).unwrap_or_default()
    }

    /// Keep the listing for the next write.
    pub fn save(&self, file: &Path) -> std::io::Result<()> {
        save_versioned(file, self)
    }

    /// The record files of `province` in `tree`: the record directories are walked (a
    /// year level for the yearly kinds), and a directory whose tree id `known` has
    /// already listed is not read again.
    pub fn of(
        repo: &Repository,
        tree: &Tree<'_>,
        province: &str,
        known: Listing,
    ) -> Result<Listing, git2::Error> {
        let mut known: HashMap<(String, [u8; 20]), Dir> = known
            .dirs
            .into_iter()
            .map(|d| ((d.path.clone(), d.tree), d))
            .collect();
        let prefix = format!("{province}-");
        let mut dirs = Vec::new();
        let mut visit = |path: String, id: Oid, kind: Kind| -> Result<(), git2::Error> {
            if let Some(d) = known.remove(&(path.clone(), raw(id))) {
                dirs.push(d);
                return Ok(());
            }
            let t = repo.find_tree(id)?;
            let files = t
                .iter()
                .filter_map(|e| {
                    let name = e.name().ok()?;
                    (e.kind() == Some(ObjectType::Blob)
                        && name.starts_with(&prefix)
                        && name.ends_with(".yaml")
                        && e.filemode() != 0o120000)
                        .then(|| (format!("{path}/{name}"), raw(e.id())))
                })
                .collect();
            dirs.push(Dir {
                path,
                tree: raw(id),
                kind: kind_code(kind),
                files,
            });
            Ok(())
        };
        for kind in Kind::ALL {
            let Some(e) = tree.get_name(kind.dir()) else {
                continue;
            };
            if e.kind() != Some(ObjectType::Tree) {
                continue;
            }
            if !kind.yearly() {
                visit(kind.dir().to_string(), e.id(), kind)?;
                continue;
            }
            for y in repo.find_tree(e.id())?.iter() {
                let Ok(name) = y.name() else { continue };
                if y.kind() == Some(ObjectType::Tree)
                    && name.len() == 4
                    && name.bytes().all(|b| b.is_ascii_digit())
                {
                    visit(format!("{}/{name}", kind.dir()), y.id(), kind)?;
                }
            }
        }
        Ok(Listing { dirs })
    }

    /// Every file listed, directory by directory.
    pub fn files(&self) -> impl Iterator<Item = Listed> + '_ {
        self.dirs.iter().flat_map(|d| {
            let kind = Kind::ALL[usize::from(d.kind)];
            d.files.iter().map(move |(path, oid)| Listed {
                path: path.clone(),
                kind,
                oid: Oid::from_bytes(oid).expect("20 bytes"),
            })
        })
    }
}
