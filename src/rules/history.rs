//! What git history says about meetings and decisions, for R-MTG-9 (approved minutes
//! changed after approval).
//!
//! Built for speed on a province with 10,000 commits: one first-parent walk from the start
//! commit reads each commit's tree once and compares only the ids of the `meetings/` and
//! `decisions/` subtrees with the parent's; it descends only into subtrees whose id
//! changed, merge-joining the two sorted entry lists, and records which files changed in
//! which commit (blob ids only, nothing parsed). The rule then parses the two versions of
//! a changed file only for records that are locked now. Merges are followed along their
//! first parent, as `git log --first-parent` shows them: the merge commit carries what the
//! merged branch changed.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

use git2::{ObjectType, Oid, Repository, Tree};

use crate::model::{JDate, Kind, Record};

/// One commit's change to one record file.
#[derive(Clone, Debug)]
pub struct Change {
    pub kind: Kind,
    pub commit: Oid,
    pub parent: Oid,
    old: Oid,
    new: Oid,
    /// The commit's date, Solar Hijri, Iran time.
    pub date: Option<JDate>,
    pub author: String,
}

impl Change {
    pub fn short_id(&self) -> String {
        self.commit.to_string()[..10].to_string()
    }
}

/// The history of the record directories R-MTG-9 needs.
pub struct History {
    repo: Mutex<Repository>,
    /// The records root inside the git work tree, `""` or `sample-province/`.
    prefix: String,
    /// Changed files (records-root-relative), newest commit first.
    changes: HashMap<String, Vec<Change>>,
    /// How many commits the walk read.
    pub commits: usize,
}

/// The directories whose files can be locked.
const DIRS: [&str; 2] = ["meetings", "decisions"];

impl History {
    /// The history of the records repository at `root`, from `rev` (default `HEAD`).
    /// `None` when `root` is not inside a git work tree or has no commits yet.
    pub fn open(root: &Path, rev: Option<&str>) -> Result<Option<History>, git2::Error> {
        let repo = match Repository::discover(root) {
            Ok(r) => r,
            Err(e) if e.code() == git2::ErrorCode::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        let Some(workdir) = repo.workdir() else {
            return Ok(None);
        };
        let (Ok(root), Ok(workdir)) = (root.canonicalize(), workdir.canonicalize()) else {
            return Ok(None);
        };
        let Ok(rel) = root.strip_prefix(&workdir) else {
            return Ok(None);
        };
        let mut prefix = String::new();
        for c in rel.components() {
            prefix.push_str(&c.as_os_str().to_string_lossy());
            prefix.push('/');
        }
        let start = match rev {
            Some(r) => repo.revparse_single(r)?.peel_to_commit()?.id(),
            None => match repo.head() {
                Ok(h) => h.peel_to_commit()?.id(),
                Err(e)
                    if matches!(
                        e.code(),
                        git2::ErrorCode::UnbornBranch | git2::ErrorCode::NotFound
                    ) =>
                {
                    return Ok(None);
                }
                Err(e) => return Err(e),
            },
        };
        let (changes, commits) = walk(&repo, start, &prefix)?;
        Ok(Some(History {
            repo: Mutex::new(repo),
            prefix,
            changes,
            commits,
        }))
    }
}

/// The first-parent walk from `start`: every modified file of the locked directories.
#[allow(clippy::type_complexity)]
fn walk(
    repo: &Repository,
    start: Oid,
    prefix: &str,
) -> Result<(HashMap<String, Vec<Change>>, usize), git2::Error> {
    let mut changes: HashMap<String, Vec<Change>> = HashMap::new();
    let mut commits = 0;
    let mut commit = repo.find_commit(start)?;
    let mut cur = subtrees(repo, &commit.tree()?, prefix);
    loop {
        commits += 1;
        let Ok(parent) = commit.parent(0) else { break };
        let prev = subtrees(repo, &parent.tree()?, prefix);
        for (i, dir) in DIRS.iter().enumerate() {
            if let (Some(new), Some(old)) = (cur[i], prev[i]) {
                if new != old {
                    let mut found = Vec::new();
                    diff(repo, old, new, dir, 0, &mut found)?;
                    if !found.is_empty() {
                        let date = commit_date(&commit);
                        let author = commit.author().name().unwrap_or_default().to_string();
                        for (path, o, n) in found {
                            changes.entry(path).or_default().push(Change {
                                kind: if i == 0 {
                                    Kind::Meeting
                                } else {
                                    Kind::Decision
                                },
                                commit: commit.id(),
                                parent: parent.id(),
                                old: o,
                                new: n,
                                date,
                                author: author.clone(),
                            });
                        }
                    }
                }
            }
        }
        cur = prev;
        commit = parent;
    }
    Ok((changes, commits))
}

impl History {
    /// The commits that changed the file at `path`, newest first.
    pub fn changes_of(&self, path: &str) -> &[Change] {
        self.changes
            .get(path)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The record as the change left it (`new`) or found it.
    pub fn record(&self, change: &Change, new: bool) -> Option<Record> {
        let repo = self.repo.lock().ok()?;
        let blob = repo
            .find_blob(if new { change.new } else { change.old })
            .ok()?;
        parse(blob.content(), change.kind)
    }

    /// The record at `path` (records-root-relative) in the parent of `change`.
    pub fn record_at_parent(&self, change: &Change, path: &str) -> Option<Record> {
        let repo = self.repo.lock().ok()?;
        let tree = repo.find_commit(change.parent).ok()?.tree().ok()?;
        let entry = tree
            .get_path(Path::new(&format!("{}{path}", self.prefix)))
            .ok()?;
        let blob = repo.find_blob(entry.id()).ok()?;
        parse(
            blob.content(),
            Kind::from_dir(path.split('/').next().unwrap_or_default())?,
        )
    }
}

/// A record from a blob, or `None` if it does not parse (a broken past version is not
/// this rule's business).
fn parse(bytes: &[u8], kind: Kind) -> Option<Record> {
    let value = crate::yaml::parse(bytes).ok()?.value;
    Record::deserialize_kind(kind, &value).ok()
}

fn commit_date(c: &git2::Commit<'_>) -> Option<JDate> {
    use chrono::Datelike;
    let t = chrono::DateTime::from_timestamp(c.time().seconds(), 0)?
        .with_timezone(&crate::clock::iran());
    JDate::from_gregorian(t.year(), t.month() as u8, t.day() as u8)
}

/// The ids of the `meetings/` and `decisions/` subtrees of a commit's tree.
fn subtrees(repo: &Repository, tree: &Tree<'_>, prefix: &str) -> [Option<Oid>; 2] {
    let base = if prefix.is_empty() {
        Some(tree.id())
    } else {
        tree.get_path(Path::new(prefix.trim_end_matches('/')))
            .ok()
            .map(|e| e.id())
    };
    let Some(base) = base else {
        return [None, None];
    };
    let Ok(base) = repo.find_tree(base) else {
        return [None, None];
    };
    DIRS.map(|d| {
        base.get_name(d)
            .filter(|e| e.kind() == Some(ObjectType::Tree))
            .map(|e| e.id())
    })
}

/// The sort key git orders tree entries by: the name, and `/` after a directory's.
fn key(name: &[u8], is_tree: bool) -> Vec<u8> {
    let mut k = name.to_vec();
    if is_tree {
        k.push(b'/');
    }
    k
}

/// Files modified between two trees (both versions present), found by a merge join of
/// the sorted entry lists; only subtrees whose ids differ are entered. Depth 0 is the
/// kind's directory, 1 its year directories.
fn diff(
    repo: &Repository,
    old: Oid,
    new: Oid,
    dir: &str,
    depth: u8,
    found: &mut Vec<(String, Oid, Oid)>,
) -> Result<(), git2::Error> {
    let (a, b) = (repo.find_tree(old)?, repo.find_tree(new)?);
    let entries = |t: &Tree<'_>| -> Vec<(Vec<u8>, Oid, bool)> {
        t.iter()
            .map(|e| {
                let is_tree = e.kind() == Some(ObjectType::Tree);
                (key(e.name_bytes(), is_tree), e.id(), is_tree)
            })
            .collect()
    };
    let (xs, ys) = (entries(&a), entries(&b));
    let (mut i, mut j) = (0, 0);
    while i < xs.len() && j < ys.len() {
        let (x, y) = (&xs[i], &ys[j]);
        match x.0.cmp(&y.0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                if x.1 != y.1 {
                    let name =
                        String::from_utf8_lossy(if x.2 { &x.0[..x.0.len() - 1] } else { &x.0 })
                            .into_owned();
                    let path = format!("{dir}/{name}");
                    if x.2 && depth == 0 {
                        diff(repo, x.1, y.1, &path, depth + 1, found)?;
                    } else if !x.2 && name.ends_with(".yaml") {
                        found.push((path, x.1, y.1));
                    }
                }
                i += 1;
                j += 1;
            }
        }
    }
    Ok(())
}
