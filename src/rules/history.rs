//! What git history says about meetings and decisions, for R-MTG-9 (approved minutes
//! changed after approval).
//!
//! Built for speed on a province with 10,000 commits: one first-parent walk from the start
//! commit reads each commit's tree once and compares only the ids of the `meetings/` and
//! `decisions/` subtrees with the parent's; it descends only into subtrees whose id
//! changed, merge-joining the two sorted entry lists of the raw tree objects, and records which files changed in
//! which commit (blob ids only, nothing parsed). The rule then parses the two versions of
//! a changed file only for records that are locked now. Merges are followed along their
//! first parent, as `git log --first-parent` shows them: the merge commit carries what the
//! merged branch changed.

use std::collections::HashMap;
use std::rc::Rc;
use std::path::Path;
use std::sync::{Mutex, OnceLock};

use git2::{ObjectType, Oid, Repository};

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
    /// The commit the walk starts from.
    start: Oid,
    /// Changed files (records-root-relative), newest commit first, and how many commits
    /// the walk read: walked on first use, so a check with no approved minutes, or
    /// `brief`, never pays for it, and a national repository walks once.
    walked: OnceLock<(HashMap<String, Vec<Change>>, usize)>,
}

/// The directories whose files can be locked.
const DIRS: [&str; 2] = ["meetings", "decisions"];

impl History {
    /// The history of the records repository at `root`, from `rev` (default `HEAD`).
    /// `None` when `root` is not inside a git work tree or has no commits yet.
    pub fn open(root: &Path, rev: Option<&str>) -> Result<Option<History>, git2::Error> {
        // Reading is what git does on every `git log`; re-hashing every object read (which
        // libgit2 does by default) would be most of the cost of the walk.
        git2::opts::strict_hash_verification(false);
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
        Ok(Some(History { repo: Mutex::new(repo), prefix, start, walked: OnceLock::new() }))
    }
}

/// The first-parent walk from `start`: every modified file of the locked directories.
///
/// Trees are read as raw objects and their entries scanned in place (no parsed tree
/// objects, no allocation per entry); the trees read for a parent are kept for one step,
/// since the parent is the next commit's "new" side.
#[allow(clippy::type_complexity)]
fn walk(repo: &Repository, start: Oid, prefix: &str) -> Result<(HashMap<String, Vec<Change>>, usize), git2::Error> {
    let odb = repo.odb()?;
    let mut trees = RawTrees { odb: &odb, prev: HashMap::new(), cur: HashMap::new() };
    let mut changes: HashMap<String, Vec<Change>> = HashMap::new();
    let mut commits = 0;
    let mut commit = repo.find_commit(start)?;
    let mut cur = subtrees(&mut trees, commit.tree_id(), prefix)?;
    loop {
        commits += 1;
        trees.step();
        let Ok(parent) = commit.parent(0) else { break };
        let prev = subtrees(&mut trees, parent.tree_id(), prefix)?;
        for (i, dir) in DIRS.iter().enumerate() {
            let (Some(new), Some(old)) = (cur[i], prev[i]) else { continue };
            if new == old {
                continue;
            }
            let mut found = Vec::new();
            diff(&mut trees, old, new, dir, 0, &mut found)?;
            if found.is_empty() {
                continue;
            }
            let date = commit_date(&commit);
            let author = commit.author().name().unwrap_or_default().to_string();
            for (path, old, new) in found {
                changes.entry(path).or_default().push(Change {
                    kind: if i == 0 { Kind::Meeting } else { Kind::Decision },
                    commit: commit.id(),
                    parent: parent.id(),
                    old,
                    new,
                    date,
                    author: author.clone(),
                });
            }
        }
        cur = prev;
        commit = parent;
    }
    Ok((changes, commits))
}

/// Raw tree objects by id, kept for the current and the previous step of the walk.
struct RawTrees<'r> {
    odb: &'r git2::Odb<'r>,
    prev: HashMap<Oid, Rc<[u8]>>,
    cur: HashMap<Oid, Rc<[u8]>>,
}

impl RawTrees<'_> {
    fn get(&mut self, id: Oid) -> Result<Rc<[u8]>, git2::Error> {
        if let Some(t) = self.cur.get(&id).or_else(|| self.prev.get(&id)) {
            let t = t.clone();
            self.cur.insert(id, t.clone());
            return Ok(t);
        }
        let obj = self.odb.read(id)?;
        if obj.kind() != ObjectType::Tree {
            return Err(git2::Error::from_str("expected a tree"));
        }
        let t: Rc<[u8]> = obj.data().into();
        self.cur.insert(id, t.clone());
        Ok(t)
    }

    /// Forget what the step before the last one read.
    fn step(&mut self) {
        self.prev = std::mem::take(&mut self.cur);
    }
}

/// The entries of a raw tree object: `<mode> <name>\0<20-byte id>`, in git's order.
struct Entries<'a>(&'a [u8]);

/// One raw tree entry: its name, whether it is a directory, its id.
type Entry<'a> = (&'a [u8], bool, &'a [u8]);

impl<'a> Iterator for Entries<'a> {
    type Item = Entry<'a>;
    fn next(&mut self) -> Option<Entry<'a>> {
        let s = self.0;
        let sp = memchr::memchr(b' ', s)?;
        let nul = sp + 1 + memchr::memchr(0, &s[sp + 1..])?;
        let id = s.get(nul + 1..nul + 21)?;
        self.0 = &s[nul + 21..];
        Some((&s[sp + 1..nul], &s[..sp] == b"40000", id))
    }
}

/// The id of the directory `name` in a raw tree.
fn subdir(raw: &[u8], name: &[u8]) -> Option<Oid> {
    Entries(raw).find(|(n, is_tree, _)| *is_tree && *n == name).and_then(|(_, _, id)| Oid::from_bytes(id).ok())
}

impl History {
    /// The commits that changed the file at `path`, newest first.
    pub fn changes_of(&self, path: &str) -> &[Change] {
        self.walked().0.get(path).map(Vec::as_slice).unwrap_or_default()
    }

    /// How many commits the walk read.
    pub fn commits(&self) -> usize {
        self.walked().1
    }

    fn walked(&self) -> &(HashMap<String, Vec<Change>>, usize) {
        self.walked.get_or_init(|| {
            // A history that cannot be read is no history: nothing is reported from it.
            let Ok(repo) = self.repo.lock() else { return Default::default() };
            walk(&repo, self.start, &self.prefix).unwrap_or_default()
        })
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
fn subtrees(trees: &mut RawTrees<'_>, root: Oid, prefix: &str) -> Result<[Option<Oid>; 2], git2::Error> {
    let mut base = Some(root);
    for part in prefix.split('/').filter(|p| !p.is_empty()) {
        let Some(id) = base else { break };
        base = subdir(&trees.get(id)?, part.as_bytes());
    }
    let Some(base) = base else { return Ok([None, None]) };
    let raw = trees.get(base)?;
    Ok(DIRS.map(|d| subdir(&raw, d.as_bytes())))
}

/// Compare two tree entry names the way git orders them: a directory's name sorts as if
/// it ended in `/`.
fn git_order(a: &[u8], a_tree: bool, b: &[u8], b_tree: bool) -> std::cmp::Ordering {
    let end = |tree: bool| if tree { Some(b'/') } else { None };
    let n = a.len().min(b.len());
    match a[..n].cmp(&b[..n]) {
        std::cmp::Ordering::Equal => {}
        o => return o,
    }
    let x = a.get(n).copied().or(end(a_tree));
    let y = b.get(n).copied().or(end(b_tree));
    x.cmp(&y)
}

/// Files modified between two trees (both versions present), found by a merge join of
/// the sorted entry lists; only subtrees whose ids differ are entered. Depth 0 is the
/// kind's directory, 1 its year directories.
fn diff(
    trees: &mut RawTrees<'_>,
    old: Oid,
    new: Oid,
    dir: &str,
    depth: u8,
    found: &mut Vec<(String, Oid, Oid)>,
) -> Result<(), git2::Error> {
    let (a, b) = (trees.get(old)?, trees.get(new)?);
    let (mut xs, mut ys) = (Entries(&a).peekable(), Entries(&b).peekable());
    let mut descend = Vec::new();
    while let (Some(x), Some(y)) = (xs.peek(), ys.peek()) {
        match git_order(x.0, x.1, y.0, y.1) {
            std::cmp::Ordering::Less => {
                xs.next();
            }
            std::cmp::Ordering::Greater => {
                ys.next();
            }
            std::cmp::Ordering::Equal => {
                if x.2 != y.2 && x.1 == y.1 {
                    let name = String::from_utf8_lossy(x.0);
                    let path = format!("{dir}/{name}");
                    let (o, n) = (Oid::from_bytes(x.2)?, Oid::from_bytes(y.2)?);
                    if x.1 && depth == 0 {
                        descend.push((path, o, n));
                    } else if !x.1 && name.ends_with(".yaml") {
                        found.push((path, o, n));
                    }
                }
                xs.next();
                ys.next();
            }
        }
    }
    for (path, o, n) in descend {
        diff(trees, o, n, &path, depth + 1, found)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn git_orders_directories_as_if_they_ended_in_a_slash() {
        use std::cmp::Ordering::*;
        assert_eq!(git_order(b"a", true, b"a.yaml", false), Greater, "`a/` > `a.yaml`");
        assert_eq!(git_order(b"a", false, b"a.yaml", false), Less);
        assert_eq!(git_order(b"1403", true, b"1404", true), Less);
        assert_eq!(git_order(b"x", true, b"x", true), Equal);
    }
}
