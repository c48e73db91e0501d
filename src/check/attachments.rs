//! R-ATT-1..3: every attachment a record names is in its record's folder, present, and
//! holds the bytes whose size and SHA-256 the record keeps; every file under
//! `attachments/` is named by a record.
//!
//! Runs once per check, after the provinces: an attachment can change while its record
//! does not, so these findings are never taken from the findings cache (the list of what
//! the records name is, see [`super::cache`]). Hashing is the cost: with a
//! [`super::cache::CheckCache`], each file's size and SHA-256 are kept under its
//! [`Fingerprint`] (size, modification and change times, inode) in
//! `.git/dabir/check-cache/attachments.bin`, so a re-check reads only files that changed;
//! a file modified within a second of the run is not cached (as in git). Files are hashed
//! on every core.
//!
//! A git LFS pointer (the attachments kept in LFS and not fetched) is checked by the
//! object id and size it names: LFS object ids are the SHA-256 of the content.

use std::collections::{BTreeSet, HashMap};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::cachefile::{load_versioned, save_versioned};
use crate::diag::{Anchor, Finding};
use crate::model::Record;
use crate::model::attachment::{ATTACHMENTS_DIR, folder_of};
use crate::repo::{EntryType, Fingerprint, Source};
use crate::tr;

/// One attachment a record names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    /// The record's file and id.
    pub record_file: String,
    pub record: String,
    /// Its position in the record's `attachments` list.
    pub index: usize,
    /// The folder the record's attachments belong in.
    pub folder: String,
    pub file: String,
    pub sha256: String,
    pub size: u64,
}

/// The attachments named by `records`.
pub fn claims(records: &[(String, Record)]) -> Vec<Claim> {
    let mut out = Vec::new();
    for (path, r) in records {
        let list = r.attachments();
        if list.is_empty() {
            continue;
        }
        let folder = folder_of(r.kind(), r.id()).unwrap_or_default();
        for (index, a) in list.iter().enumerate() {
            out.push(Claim {
                record_file: path.clone(),
                record: r.id().to_string(),
                index,
                folder: folder.clone(),
                file: a.file.clone(),
                sha256: a.sha256.clone(),
                size: a.size,
            });
        }
    }
    out
}

/// What a file holds, as far as the check needs: its size and SHA-256, or those a git
/// LFS pointer names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Content {
    size: u64,
    sha256: String,
    lfs: bool,
}

type Hashes = HashMap<String, (Fingerprint, Content)>;

/// The largest LFS pointer file (the spec allows 1024 bytes).
const LFS_MAX: usize = 1024;

/// The object id and size a git LFS pointer file names.
fn lfs_pointer(bytes: &[u8]) -> Option<(String, u64)> {
    if bytes.len() > LFS_MAX {
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let mut lines = text.lines();
    if !lines
        .next()?
        .starts_with("version https://git-lfs.github.com/spec/")
    {
        return None;
    }
    let (mut oid, mut size) = (None, None);
    for l in lines {
        if let Some(h) = l.strip_prefix("oid sha256:") {
            oid = Some(h.trim().to_string());
        } else if let Some(n) = l.strip_prefix("size ") {
            size = n.trim().parse().ok();
        }
    }
    Some((oid?, size?))
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Read and hash one file (or its LFS pointer).
fn content_of(source: &dyn Source, path: &str) -> Option<Content> {
    let bytes = source.read(path).ok()?;
    if let Some((sha256, size)) = lfs_pointer(&bytes) {
        return Some(Content {
            size,
            sha256,
            lfs: true,
        });
    }
    Some(Content {
        size: bytes.len() as u64,
        sha256: hex(&Sha256::digest(&bytes)),
        lfs: false,
    })
}

/// Every entry under `attachments/`, by path.
fn walk(source: &dyn Source) -> Vec<(String, EntryType)> {
    let mut out = Vec::new();
    let top = source.entries("").unwrap_or_default();
    if !top
        .iter()
        .any(|(n, t)| n == ATTACHMENTS_DIR && *t == EntryType::Dir)
    {
        return out;
    }
    let mut dirs = vec![ATTACHMENTS_DIR.to_string()];
    while let Some(dir) = dirs.pop() {
        for (name, what) in source.entries(&dir).unwrap_or_default() {
            let path = format!("{dir}/{name}");
            match what {
                EntryType::Dir => dirs.push(path),
                other => out.push((path, other)),
            }
        }
    }
    out.sort();
    out
}

/// Check every claim against the files, and every file against the claims.
pub fn check(
    source: &dyn Source,
    claims: &[Claim],
    cache: Option<&super::cache::CheckCache>,
) -> Vec<Finding> {
    let files = walk(source);
    let types: HashMap<&str, EntryType> = files.iter().map(|(p, t)| (p.as_str(), *t)).collect();
    let mut findings = Vec::new();

    let contents = hash_claimed(source, claims, &types, cache);

    for c in claims {
        let (file, id, i) = (&c.file, &c.record, c.index);
        let at = |field: &str| Anchor::Value(format!("/attachments/{i}/{field}"));
        let inside = file
            .strip_prefix(&c.folder)
            .is_some_and(|rest| rest.starts_with('/') && !rest[1..].contains('/'))
            && !c.folder.is_empty();
        if !inside {
            let folder = &c.folder;
            findings.push(
                Finding::error(
                    "R-ATT-1",
                    c.record_file.clone(),
                    at("file"),
                    tr!(
                        "the attachment `{file}` of {id} is not in the record's folder `{folder}/`",
                        "پیوست «{file}» سابقه {id} در پوشه خود سابقه («{folder}/») نیست"
                    ),
                )
                .record(id.clone()),
            );
            continue;
        }
        let content = match types.get(file.as_str()) {
            Some(EntryType::File) => contents.get(file.as_str()).cloned().flatten(),
            Some(EntryType::Symlink) => {
                findings.push(
                    Finding::error(
                        "R-ATT-1",
                        c.record_file.clone(),
                        at("file"),
                        tr!(
                            "the attachment `{file}` of {id} is a symbolic link; links are never followed",
                            "پیوست «{file}» سابقه {id} پیوند نمادین است؛ پیوندها دنبال نمی‌شوند"
                        ),
                    )
                    .record(id.clone()),
                );
                continue;
            }
            _ => None,
        };
        let Some(content) = content else {
            findings.push(
                Finding::error(
                    "R-ATT-1",
                    c.record_file.clone(),
                    at("file"),
                    tr!(
                        "the attachment `{file}` of {id} is missing",
                        "پیوست «{file}» سابقه {id} در مخزن نیست"
                    ),
                )
                .record(id.clone())
                .help(tr!(
                    "restore it (`git checkout -- {file}`, or `git lfs pull`) or attach it again with `dabir attach`",
                    "آن را بازگردانید (git checkout یا git lfs pull) یا دوباره با dabir attach پیوست کنید"
                )),
            );
            continue;
        };
        if content.size != c.size || content.sha256 != c.sha256 {
            let (want, got, ws, gs) = (&c.sha256, &content.sha256, c.size, content.size);
            let what = if content.lfs {
                tr!("its git LFS pointer names", "اشاره‌گر git LFS آن نام می‌برد")
            } else {
                tr!("the file has", "پرونده دارد")
            };
            let (we, wf) = (&what.en, &what.fa);
            findings.push(
                Finding::error(
                    "R-ATT-2",
                    c.record_file.clone(),
                    at(if content.size != c.size { "size" } else { "sha256" }),
                    tr!(
                        "the attachment `{file}` of {id} was altered: the record keeps {ws} bytes, SHA-256 {want}; {we} {gs} bytes, SHA-256 {got}",
                        "پیوست «{file}» سابقه {id} دگرگون شده است: در سابقه {ws} بایت با چکیده {want} آمده و {wf} {gs} بایت با چکیده {got}"
                    ),
                )
                .record(id.clone()),
            );
        }
    }

    unclaimed_files(&files, claims, &mut findings);
    findings
}

/// The content of each claimed regular file, hashed once, from the cache where its
/// fingerprint matches; the cache is rewritten when anything was hashed afresh.
fn hash_claimed<'c>(
    source: &dyn Source,
    claims: &'c [Claim],
    types: &HashMap<&str, EntryType>,
    cache: Option<&super::cache::CheckCache>,
) -> HashMap<&'c str, Option<Content>> {
    // Hash each claimed regular file once, from the cache where its fingerprint matches.
    let wanted: BTreeSet<&str> = claims
        .iter()
        .map(|c| c.file.as_str())
        .filter(|f| types.get(f) == Some(&EntryType::File))
        .collect();
    let old: Hashes = cache
        .and_then(|c| load_versioned(&c.hashes_file()))
        .unwrap_or_default();
    let hashed: Vec<(&str, Option<Fingerprint>, Option<Content>, bool)> = wanted
        .par_iter()
        .map(|&path| {
            let stamp = source.fingerprint(path);
            if let (Some(s), Some((old_s, content))) = (stamp, old.get(path))
                && s == *old_s
            {
                return (path, stamp, Some(content.clone()), true);
            }
            (path, stamp, content_of(source, path), false)
        })
        .collect();
    if let Some(c) = cache {
        let fresh = hashed.iter().any(|(_, _, _, hit)| !hit);
        if fresh || old.len() != hashed.len() {
            let keep: Hashes = hashed
                .iter()
                .filter_map(|(p, s, content, _)| {
                    let s = (*s).filter(|s| c.hash_cacheable(s))?;
                    Some((p.to_string(), (s, content.clone()?)))
                })
                .collect();
            let _ = save_versioned(&c.hashes_file(), &keep);
        }
    }
    hashed.into_iter().map(|(p, _, c, _)| (p, c)).collect()
}

/// Files under attachments/ that no record names: a link is refused (R-FILE-2), any
/// other file reported (R-ATT-3).
fn unclaimed_files(files: &[(String, EntryType)], claims: &[Claim], findings: &mut Vec<Finding>) {
    let named: BTreeSet<&str> = claims.iter().map(|c| c.file.as_str()).collect();
    for (path, what) in files {
        if named.contains(path.as_str()) {
            continue;
        }
        if *what == EntryType::Symlink {
            findings.push(Finding::error(
                "R-FILE-2",
                path.clone(),
                Anchor::File,
                tr!(
                    "`{path}` is a symbolic link; links are never followed",
                    "«{path}» پیوند نمادین است؛ پیوندها دنبال نمی‌شوند"
                ),
            ));
            continue;
        }
        findings.push(
            Finding::warning(
                "R-ATT-3",
                path.clone(),
                Anchor::File,
                tr!(
                    "`{path}` is under attachments/ but no record names it",
                    "«{path}» زیر attachments/ است ولی هیچ سابقه‌ای آن را نام نمی‌برد"
                ),
            )
            .help(tr!(
                "attach it to its record with `dabir attach`, or remove it",
                "آن را با dabir attach به سابقه‌اش پیوست کنید یا پاک کنید"
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lfs_pointers_name_their_object() {
        let p = b"version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n";
        assert_eq!(
            lfs_pointer(p),
            Some((
                "4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393".into(),
                12345
            ))
        );
        assert_eq!(lfs_pointer(b"%PDF-1.7\n"), None);
    }
}
