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

use std::cell::OnceCell;
use std::collections::HashMap;
use std::path::Path;
use std::rc::Rc;
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
        // The walk keeps what it needs itself (one step of trees); libgit2's object cache
        // would only add a lock, a map insertion and an eviction per object read.
        git2::opts::enable_caching(false);
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
        Ok(Some(History {
            repo: Mutex::new(repo),
            prefix,
            start,
            walked: OnceLock::new(),
        }))
    }
}

/// The first-parent walk from `start`: every modified file of the locked directories.
///
/// Trees are read as raw objects and their entries scanned in place (no parsed tree
/// objects, no allocation per entry); the trees read for a parent are kept for one step,
/// since the parent is the next commit's "new" side.
#[allow(clippy::type_complexity)]
fn walk(
    repo: &Repository,
    start: Oid,
    prefix: &str,
) -> Result<(HashMap<String, Vec<Change>>, usize), git2::Error> {
    let odb = repo.odb()?;
    let mut trees = RawTrees {
        odb: &odb,
        prev: HashMap::new(),
        cur: HashMap::new(),
    };
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
            let (Some(new), Some(old)) = (cur[i], prev[i]) else {
                continue;
            };
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
                    kind: if i == 0 {
                        Kind::Meeting
                    } else {
                        Kind::Decision
                    },
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

/// A raw tree object and, once known, where its entries start.
struct RawTree<'r> {
    obj: git2::OdbObject<'r>,
    /// Entry starts, then the length: entry `k` is `offsets[k]..offsets[k + 1]`.
    offsets: OnceCell<Rc<[u32]>>,
}

impl RawTree<'_> {
    fn data(&self) -> &[u8] {
        self.obj.data()
    }

    /// The entry offsets, by a full scan the first time they are needed.
    fn offsets(&self) -> Rc<[u32]> {
        self.offsets
            .get_or_init(|| scan(self.data(), 0).0.into())
            .clone()
    }
}

/// Raw tree objects by id, kept for the current and the previous step of the walk.
struct RawTrees<'r> {
    odb: &'r git2::Odb<'r>,
    prev: HashMap<Oid, Rc<RawTree<'r>>>,
    cur: HashMap<Oid, Rc<RawTree<'r>>>,
}

impl<'r> RawTrees<'r> {
    fn get(&mut self, id: Oid) -> Result<Rc<RawTree<'r>>, git2::Error> {
        if let Some(t) = self.cur.get(&id).or_else(|| self.prev.get(&id)) {
            let t = t.clone();
            self.cur.insert(id, t.clone());
            return Ok(t);
        }
        let obj = self.odb.read(id)?;
        if obj.kind() != ObjectType::Tree {
            return Err(git2::Error::from_str("expected a tree"));
        }
        let t = Rc::new(RawTree {
            obj,
            offsets: OnceCell::new(),
        });
        self.cur.insert(id, t.clone());
        Ok(t)
    }

    /// Forget what the step before the last one read.
    fn step(&mut self) {
        self.prev = std::mem::take(&mut self.cur);
    }
}

/// The entry starts of `raw` from `from` (an entry start), with the end of the last
/// whole entry at the end, and whether the scan ended exactly at the end of `raw`.
fn scan(raw: &[u8], from: usize) -> (Vec<u32>, bool) {
    let mut out = vec![from as u32];
    let mut at = from;
    while at < raw.len() {
        match entry_at(raw, at) {
            Some((_, _, _, end)) => {
                at = end;
                out.push(end as u32);
            }
            None => return (out, false),
        }
    }
    (out, true)
}

/// The entry starting at `at`: name, whether a directory, id, and where the next starts.
fn entry_at(raw: &[u8], at: usize) -> Option<(&[u8], bool, &[u8], usize)> {
    let s = raw.get(at..)?;
    let sp = memchr::memchr(b' ', s)?;
    let nul = sp + 1 + memchr::memchr(0, &s[sp + 1..])?;
    let id = s.get(nul + 1..nul + 21)?;
    Some((&s[sp + 1..nul], &s[..sp] == b"40000", id, at + nul + 21))
}

/// The length of the common prefix of `a` and `b`.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const CHUNK: usize = 64;
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + CHUNK <= n && a[i..i + CHUNK] == b[i..i + CHUNK] {
        i += CHUNK;
    }
    while i < n && a[i] == b[i] {
        i += 1;
    }
    i
}

/// The length of the common suffix of `a` and `b`, at most `max`.
fn common_suffix(a: &[u8], b: &[u8], max: usize) -> usize {
    const CHUNK: usize = 64;
    let (la, lb) = (a.len(), b.len());
    let mut i = 0;
    while i + CHUNK <= max && a[la - i - CHUNK..la - i] == b[lb - i - CHUNK..lb - i] {
        i += CHUNK;
    }
    while i < max && a[la - i - 1] == b[lb - i - 1] {
        i += 1;
    }
    i
}

/// The id of the directory `name` in a raw tree.
fn subdir(raw: &[u8], name: &[u8]) -> Option<Oid> {
    let mut at = 0;
    while let Some((n, is_tree, id, next)) = entry_at(raw, at) {
        if is_tree && n == name {
            return Oid::from_bytes(id).ok();
        }
        at = next;
    }
    None
}

impl History {
    /// The commit the history starts from.
    pub fn start(&self) -> Oid {
        self.start
    }

    /// The commits that changed the file at `path`, newest first.
    pub fn changes_of(&self, path: &str) -> &[Change] {
        self.walked()
            .0
            .get(path)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// How many commits the walk read.
    pub fn commits(&self) -> usize {
        self.walked().1
    }

    fn walked(&self) -> &(HashMap<String, Vec<Change>>, usize) {
        self.walked.get_or_init(|| {
            // A history that cannot be read is no history: nothing is reported from it.
            let Ok(repo) = self.repo.lock() else {
                return Default::default();
            };
            walk(&repo, self.start, &self.prefix).unwrap_or_default()
        })
    }

    /// The record as the change left it (`new`) or found it.
    pub fn record(&self, change: &Change, new: bool) -> Option<Record> {
        let repo = self.repo.lock().ok()?;
        let oid = if new { change.new } else { change.old };
        // A blob too large to be a record is never read (R-YAML-6).
        let bytes = crate::repo::blob_capped(&repo, &repo.odb().ok()?, oid, "").ok()?;
        parse(&bytes, change.kind)
    }

    /// The record at `path` (records-root-relative) in the parent of `change`.
    pub fn record_at_parent(&self, change: &Change, path: &str) -> Option<Record> {
        let repo = self.repo.lock().ok()?;
        let tree = repo.find_commit(change.parent).ok()?.tree().ok()?;
        let entry = tree
            .get_path(Path::new(&format!("{}{path}", self.prefix)))
            .ok()?;
        let bytes = crate::repo::blob_capped(&repo, &repo.odb().ok()?, entry.id(), path).ok()?;
        parse(
            &bytes,
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
fn subtrees(
    trees: &mut RawTrees<'_>,
    root: Oid,
    prefix: &str,
) -> Result<[Option<Oid>; 2], git2::Error> {
    let mut base = Some(root);
    for part in prefix.split('/').filter(|p| !p.is_empty()) {
        let Some(id) = base else { break };
        base = subdir(trees.get(id)?.data(), part.as_bytes());
    }
    let Some(base) = base else {
        return Ok([None, None]);
    };
    let raw = trees.get(base)?;
    Ok(DIRS.map(|d| subdir(raw.data(), d.as_bytes())))
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

/// Files modified between two trees (both versions present); only subtrees whose ids
/// differ are entered. Depth 0 is the kind's directory, 1 its year directories.
///
/// Two versions of a directory usually differ in one entry. The common prefix and suffix
/// of the raw objects are found by comparing bytes; the entries of `new` around them come
/// from its offsets (known from the step before, where it was the parent); only the
/// entries of `old` in the window between are scanned, and `old`'s offsets are derived
/// for the next step (identical before the window, shifted after it). Should the scan of
/// the window not land on the shifted suffix (bytes that only look alike), `old` is
/// scanned whole. The entries in the window are merge-joined by name, in git's order.
fn diff(
    trees: &mut RawTrees<'_>,
    old: Oid,
    new: Oid,
    dir: &str,
    depth: u8,
    found: &mut Vec<(String, Oid, Oid)>,
) -> Result<(), git2::Error> {
    let (a, b) = (trees.get(old)?, trees.get(new)?);
    let (da, db) = (a.data(), b.data());
    let ob = b.offsets();
    let (la, lb) = (da.len(), db.len());
    let p = common_prefix(da, db);
    let q = common_suffix(da, db, la.min(lb) - p);
    // Entries of `new` wholly inside the prefix, and the first wholly inside the suffix.
    let i0 = ob.partition_point(|&o| o as usize <= p) - 1;
    let j0 = ob
        .partition_point(|&o| (o as usize) < lb - q)
        .max(i0)
        .min(ob.len() - 1);
    let start = ob[i0] as usize;
    let end_a = ob[j0] as usize + la - lb;
    let (window, exact) = scan(&da[..end_a], start);
    let (wa, oa): (Vec<u32>, Rc<[u32]>) = if exact {
        let shift = |o: &u32| (*o as usize + la - lb) as u32;
        let derived: Vec<u32> = ob[..i0]
            .iter()
            .copied()
            .chain(window.iter().copied())
            .chain(ob[j0 + 1..].iter().map(shift))
            .collect();
        (window, derived.into())
    } else {
        let full: Rc<[u32]> = scan(da, 0).0.into();
        (full.to_vec(), full)
    };
    let _ = a.offsets.set(oa);
    let wb: &[u32] = if exact { &ob[i0..=j0] } else { &ob[..] };

    let (mut x, mut y) = (0, 0);
    let mut descend = Vec::new();
    while x + 1 < wa.len() && y + 1 < wb.len() {
        let (Some(ex), Some(ey)) = (entry_at(da, wa[x] as usize), entry_at(db, wb[y] as usize))
        else {
            break;
        };
        match git_order(ex.0, ex.1, ey.0, ey.1) {
            std::cmp::Ordering::Less => x += 1,
            std::cmp::Ordering::Greater => y += 1,
            std::cmp::Ordering::Equal => {
                if ex.2 != ey.2 && ex.1 == ey.1 {
                    let name = String::from_utf8_lossy(ex.0);
                    let path = format!("{dir}/{name}");
                    let (o, n) = (Oid::from_bytes(ex.2)?, Oid::from_bytes(ey.2)?);
                    if ex.1 && depth == 0 {
                        descend.push((path, o, n));
                    } else if !ex.1 && name.ends_with(".yaml") {
                        found.push((path, o, n));
                    }
                }
                x += 1;
                y += 1;
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

    /// The walk finds exactly the modifications a full tree diff finds, over a history of
    /// additions, deletions and modifications of one to several files a commit.
    #[test]
    fn the_windowed_walk_agrees_with_a_full_diff() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let sig = git2::Signature::new("t", "t@t", &git2::Time::new(1_700_000_000, 0)).unwrap();
        let mut seed: u64 = 42;
        let mut rand = move |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        // path -> content version
        let mut files: std::collections::BTreeMap<String, u64> = std::collections::BTreeMap::new();
        let names = |i: u64| {
            let dir = [
                "meetings/1403",
                "meetings/1404",
                "decisions/1403",
                "decisions/1404",
                "decisions/1404/x",
                "plans",
            ][(i % 6) as usize];
            let stem = [
                "ESF-PC-1403-01",
                "ESF-PC-1403-01-D1",
                "ESF-PC-1403-01-D10",
                "ESF-PC-1403-1",
                "A",
                "A-1",
                "A.b",
            ][(i / 6 % 7) as usize];
            format!("{dir}/{stem}-{}.yaml", i / 42)
        };
        let mut parent: Option<Oid> = None;
        let mut expected: HashMap<String, Vec<Oid>> = HashMap::new();
        for step in 0..120u64 {
            for _ in 0..1 + rand(3) {
                let f = names(rand(200));
                match rand(5) {
                    0 => {
                        files.remove(&f);
                    }
                    _ => *files.entry(f).or_insert(0) += 1 + step,
                }
            }
            // Build the tree with a fresh index.
            let mut index = git2::Index::new().unwrap();
            for (path, v) in &files {
                let blob = repo.blob(format!("id: x\nv: {v}\n").as_bytes()).unwrap();
                let mut e = git2::IndexEntry {
                    ctime: git2::IndexTime::new(0, 0),
                    mtime: git2::IndexTime::new(0, 0),
                    dev: 0,
                    ino: 0,
                    mode: 0o100644,
                    uid: 0,
                    gid: 0,
                    file_size: 0,
                    id: blob,
                    flags: 0,
                    flags_extended: 0,
                    path: path.as_bytes().to_vec(),
                };
                e.flags = (path.len() as u16) & 0xfff;
                index.add(&e).unwrap();
            }
            let tree_id = index.write_tree_to(&repo).unwrap();
            let tree = repo.find_tree(tree_id).unwrap();
            let parents: Vec<git2::Commit<'_>> = parent
                .map(|p| repo.find_commit(p).unwrap())
                .into_iter()
                .collect();
            let refs: Vec<&git2::Commit<'_>> = parents.iter().collect();
            let id = repo.commit(None, &sig, &sig, "c", &tree, &refs).unwrap();
            if let Some(p) = &parents.first() {
                let diff = repo
                    .diff_tree_to_tree(Some(&p.tree().unwrap()), Some(&tree), None)
                    .unwrap();
                for d in diff.deltas() {
                    let path = d.new_file().path().unwrap().to_str().unwrap().to_string();
                    let top = path.split('/').next().unwrap();
                    let depth_ok = path.split('/').count() == 3;
                    if d.status() == git2::Delta::Modified
                        && (top == "meetings" || top == "decisions")
                        && depth_ok
                    {
                        expected.entry(path).or_default().push(id);
                    }
                }
            }
            parent = Some(id);
        }
        let (changes, commits) = walk(&repo, parent.unwrap(), "").unwrap();
        assert_eq!(commits, 120);
        let mut got: HashMap<String, Vec<Oid>> = changes
            .into_iter()
            .map(|(p, cs)| (p, cs.into_iter().map(|c| c.commit).collect()))
            .collect();
        for v in expected.values_mut().chain(got.values_mut()) {
            v.sort();
        }
        assert!(!expected.is_empty());
        assert_eq!(got, expected);
    }

    #[test]
    fn git_orders_directories_as_if_they_ended_in_a_slash() {
        use std::cmp::Ordering::*;
        assert_eq!(
            git_order(b"a", true, b"a.yaml", false),
            Greater,
            "`a/` > `a.yaml`"
        );
        assert_eq!(git_order(b"a", false, b"a.yaml", false), Less);
        assert_eq!(git_order(b"1403", true, b"1404", true), Less);
        assert_eq!(git_order(b"x", true, b"x", true), Equal);
    }
}
