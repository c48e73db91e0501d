//! `dabir sync`: a province's repository and its remote (the national office's server, or
//! any git host) brought into step over ordinary git, with no protocol of dabir's own.
//!
//! One sync, under the tool lock that every write takes:
//! 1. `git fetch` the remote branch into a private ref (`refs/dabir-sync/incoming`), so
//!    nothing the user sees moves before the sync has succeeded. The ref stays at the
//!    remote's tip after a sync that succeeded, so a sync with nothing new writes no ref
//!    at all; a sync that fails puts it back as it was;
//! 2. if only one side moved: nothing to do, a fast-forward of the local branch, or a push;
//! 3. if both moved: the clerk's own new commits (those the remote lacks) are replayed,
//!    in order, on top of the remote's. Commits whose change the remote already has (the
//!    same patch) are dropped, as `git rebase` drops them. A record (file) changed on both
//!    sides stops the sync before anything is written, with both sides shown: who, when,
//!    which action, and the field-level difference. Never a merge commit, never a force;
//! 4. the write rules run on the result: an error the result has and the remote's tip did
//!    not refuses the sync (nothing is pushed or changed);
//! 5. `git push` of the result; if the remote moved meanwhile (a non-fast-forward
//!    rejection), everything is done again from step 1, a bounded number of times;
//! 6. only after the push, the local branch, index and work tree move to the result.
//!
//! Transport is the `git` program, so the user's own credentials, ssh config and proxies
//! apply; everything else is libgit2. A refused or failed sync leaves HEAD, the branches,
//! the index and the work tree exactly as they were (objects fetched stay in the object
//! store, unreferenced, as after any `git fetch`).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use git2::{Commit, Delta, Oid, Repository, Signature, Sort, Status, StatusOptions, Tree};
use serde::Serialize;

use crate::check;
use crate::diag::{Finding, Severity, Text};
use crate::model::JDate;
use crate::rules::history::History;
use crate::store::action::TRAILER_ACTION;
use crate::store::{StoreError, git, lock};
use crate::tr;

/// The private ref the remote branch is fetched into: outside `refs/dabir/`, which
/// `git push origin 'refs/dabir/*'` shares (the checkpoint log).
const INCOMING: &str = "refs/dabir-sync/incoming";

/// What the caller decides.
#[derive(Clone, Debug)]
pub struct Options {
    /// A directory inside the repository.
    pub dir: PathBuf,
    /// The remote (default: the branch's upstream remote, else `origin`).
    pub remote: Option<String>,
    /// How many times to start again when the remote moves during a sync.
    pub attempts: u32,
    /// The date the write rules are judged at.
    pub as_of: JDate,
}

/// What a sync did.
#[derive(Clone, Debug, Serialize)]
pub struct Synced {
    pub remote: String,
    pub branch: String,
    /// `up-to-date`, `fast-forward`, `pushed` or `replayed`.
    pub status: &'static str,
    /// The commit both sides are at now.
    pub head: String,
    /// Commits taken from the remote.
    pub fetched: usize,
    /// Commits sent to the remote (replayed ones included).
    pub pushed: usize,
    /// Local commits dropped because the remote already had their change.
    pub dropped: usize,
    /// How many rounds it took (more than one when the remote moved meanwhile).
    pub attempts: u32,
}

/// One side's commit that changed a record.
#[derive(Clone, Debug, Serialize)]
pub struct SideCommit {
    pub commit: String,
    pub author: String,
    /// RFC 3339, the author's time.
    pub time: String,
    /// The `Dabir-Action` trailer (`hand` for a commit dabir did not make).
    pub action: String,
}

/// A field that differs from the common base on at least one side.
#[derive(Clone, Debug, Serialize)]
pub struct FieldChange {
    pub pointer: String,
    pub base: Option<serde_json::Value>,
    pub theirs: Option<serde_json::Value>,
    pub ours: Option<serde_json::Value>,
}

/// A record changed both by the remote and by the clerk since they last agreed.
#[derive(Clone, Debug, Serialize)]
pub struct Conflict {
    /// Path relative to the git repository's root.
    pub path: String,
    pub theirs: Vec<SideCommit>,
    pub ours: Vec<SideCommit>,
    /// Empty when a side's file is not a readable record (it is then shown whole by git).
    pub fields: Vec<FieldChange>,
}

/// Why a sync did not happen.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("{} record(s) changed on both sides", .0.len())]
    Conflict(Vec<Conflict>),
    /// The new errors, and the text of each file they are in (for showing them).
    #[error("the result breaks {} rule(s)", .0.len())]
    Rules(Vec<Finding>, HashMap<String, Vec<u8>>),
    #[error("a local commit that merges ({0}) cannot be replayed")]
    Merge(String),
    #[error("the remote kept moving: gave up after {0} attempts")]
    Exhausted(u32),
    #[error("`{command}` failed: {stderr}")]
    Transport { command: String, stderr: String },
    #[error("{0} has uncommitted changes")]
    Dirty(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Repo(#[from] crate::repo::RepoError),
}

impl From<git2::Error> for SyncError {
    fn from(e: git2::Error) -> Self {
        SyncError::Store(StoreError::Git(e))
    }
}

impl From<lock::LockError> for SyncError {
    fn from(e: lock::LockError) -> Self {
        SyncError::Store(StoreError::Lock(e))
    }
}

impl SyncError {
    /// A refusal (exit 2) rather than a failure of the environment (exit 3).
    /// What stopped the sync, in both languages (a conflict and broken rules are shown
    /// in full by the command; this is their one line).
    pub fn text(&self) -> Text {
        match self {
            SyncError::Conflict(c) => {
                let n = c.len();
                tr!(
                    "{n} record(s) changed on both sides",
                    "{n} سابقه در هر دو سو تغییر کرده است"
                )
            }
            SyncError::Rules(f, _) => {
                let n = f.len();
                tr!("the result breaks {n} rule(s)", "نتیجه {n} قاعده را می‌شکند")
            }
            SyncError::Merge(c) => tr!(
                "a local commit that merges ({c}) cannot be replayed; sync replays a straight line of commits",
                "کامیت محلی {c} ادغام است و بازاجرا نمی‌شود؛ همگام‌سازی فقط رشته‌ای پیوسته از کامیت‌ها را بازاجرا می‌کند"
            ),
            SyncError::Exhausted(n) => tr!(
                "the remote kept moving: gave up after {n} attempts; run sync again",
                "مخزن دوردست پیوسته تغییر کرد: پس از {n} بار کوشش رها شد؛ دوباره sync کنید"
            ),
            SyncError::Transport { command, stderr } => tr!(
                "`{command}` failed: {stderr}",
                "اجرای `{command}` ناموفق بود: {stderr}"
            ),
            SyncError::Dirty(files) => tr!(
                "{files} has uncommitted changes; commit or discard them first",
                "{files} تغییر ثبت‌نشده دارد؛ نخست آن را ثبت یا رها کنید"
            ),
            SyncError::Store(e) => e.text(),
            SyncError::Repo(e) => {
                let m = e.to_string();
                tr!("{m}", "مخزن خوانده نشد: {m}")
            }
        }
    }

    pub fn is_refusal(&self) -> bool {
        match self {
            SyncError::Conflict(_)
            | SyncError::Rules(..)
            | SyncError::Merge(_)
            | SyncError::Dirty(_) => true,
            SyncError::Store(e) => e.is_refusal(),
            _ => false,
        }
    }
}

/// The repository, its branch and where it syncs to.
struct Ends {
    repo: Repository,
    branch: String,
    remote: String,
    /// The remote's branch, `refs/heads/...`.
    merge: String,
    /// The records repository's folder inside the work tree (`""` at its root).
    prefix: PathBuf,
}

/// Sync the repository holding `opts.dir` with its remote.
pub fn run(opts: &Options) -> Result<Synced, SyncError> {
    let ends = open(opts)?;
    let _lock = lock::acquire(ends.repo.path(), lock::WAIT)?;
    git::check_state(&ends.repo)?;
    let before = ends.repo.refname_to_id(INCOMING).ok();
    let out = rounds(opts, &ends);
    if out.is_err() {
        // Every ref as it was (the private one too): best effort, the error is the news.
        let _ = match before {
            Some(id) => ends
                .repo
                .reference(INCOMING, id, true, "dabir sync: put back")
                .map(|_| ()),
            None => ends
                .repo
                .find_reference(INCOMING)
                .and_then(|mut r| r.delete()),
        };
    }
    out
}

/// Fetch, plan, check, push, move: again when the remote moved meanwhile.
fn rounds(opts: &Options, ends: &Ends) -> Result<Synced, SyncError> {
    let attempts = opts.attempts.max(1);
    for attempt in 1..=attempts {
        let local = ends
            .repo
            .refname_to_id(&format!("refs/heads/{}", ends.branch))?;
        let remote = fetch(ends)?;
        let plan = plan(&ends.repo, local, remote)?;
        let result = match &plan {
            Plan::UpToDate => local,
            Plan::FastForward { .. } => remote.expect("a fast-forward has a remote tip"),
            Plan::Push { .. } => local,
            Plan::Replay { commits, .. } => replay(&ends.repo, commits, remote.unwrap())?,
        };
        if result != local {
            refuse_dirty(&ends.repo, local, result)?;
        }
        if let Plan::Push { .. } | Plan::Replay { .. } = plan {
            new_errors(opts, ends, remote, result)?;
            if let Err(e) = push(ends, result) {
                // Rejected because the remote moved since the fetch: start again.
                if fetch(ends)? != remote {
                    continue;
                }
                return Err(e);
            }
        }
        if result != local {
            move_branch(ends, local, result)?;
        }
        track(ends, result);
        return Ok(plan.outcome(ends, result, attempt));
    }
    Err(SyncError::Exhausted(attempts))
}

fn open(opts: &Options) -> Result<Ends, SyncError> {
    let start = std::path::absolute(&opts.dir).map_err(|source| StoreError::Io {
        path: opts.dir.clone(),
        source,
    })?;
    let records = crate::repo::discover(&start)?;
    let repo = Repository::discover(&records)?;
    let Some(workdir) = repo.workdir() else {
        return Err(StoreError::Usage(tr!(
            "sync needs a work tree, not a bare repository",
            "همگام‌سازی درخت کاری می‌خواهد، نه مخزن بی‌درخت (bare)"
        ))
        .into());
    };
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let prefix = canon(&records)
        .strip_prefix(canon(workdir))
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let head = repo.head()?;
    if !head.is_branch() {
        return Err(StoreError::Detached.into());
    }
    let branch = head.shorthand().unwrap_or("main").to_string();
    drop(head);
    let config = repo.config()?;
    let remote = opts
        .remote
        .clone()
        .or_else(|| config.get_string(&format!("branch.{branch}.remote")).ok())
        .unwrap_or_else(|| "origin".to_string());
    let merge = config
        .get_string(&format!("branch.{branch}.merge"))
        .unwrap_or_else(|_| format!("refs/heads/{branch}"));
    Ok(Ends {
        repo,
        branch,
        remote,
        merge,
        prefix,
    })
}

/// Refuse when a file the sync would change has uncommitted changes (only those files
/// are looked at: a sync with nothing to bring in never reads the work tree).
fn refuse_dirty(repo: &Repository, old: Oid, new: Oid) -> Result<(), SyncError> {
    let (a, b) = (
        repo.find_commit(old)?.tree()?,
        repo.find_commit(new)?.tree()?,
    );
    let diff = repo.diff_tree_to_tree(Some(&a), Some(&b), None)?;
    let mut so = StatusOptions::new();
    so.include_untracked(true)
        .include_ignored(false)
        .disable_pathspec_match(true);
    for d in diff.deltas() {
        for f in [d.old_file(), d.new_file()] {
            if let Some(p) = f.path() {
                so.pathspec(p);
            }
        }
    }
    let statuses = repo.statuses(Some(&mut so))?;
    let dirty: Vec<String> = statuses
        .iter()
        .filter(|s| s.status() != Status::CURRENT)
        .filter_map(|s| s.path().ok().map(str::to_string))
        .collect();
    if dirty.is_empty() {
        Ok(())
    } else {
        Err(SyncError::Dirty(dirty.join(", ")))
    }
}

/// Run the `git` program in the work tree; its stderr on failure.
fn git_cmd(ends: &Ends, args: &[&str]) -> Result<std::process::Output, SyncError> {
    let workdir = ends.repo.workdir().expect("checked in open");
    Command::new("git")
        .arg("-C")
        .arg(workdir)
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .map_err(|e| SyncError::Transport {
            command: format!("git {}", args.join(" ")),
            stderr: e.to_string(),
        })
}

fn transport(args: &[&str], out: &std::process::Output) -> SyncError {
    SyncError::Transport {
        command: format!("git {}", args.join(" ")),
        stderr: String::from_utf8_lossy(&out.stderr).trim().to_string(),
    }
}

/// Fetch the remote branch into the private ref; `None` when the remote has no such
/// branch yet (a first push).
fn fetch(ends: &Ends) -> Result<Option<Oid>, SyncError> {
    let spec = format!("+{}:{INCOMING}", ends.merge);
    // Nothing outside the private ref changes until the sync has succeeded.
    let args = private_fetch(&ends.remote, &spec);
    let out = git_cmd(ends, &args)?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        if stderr.contains("couldn't find remote ref") {
            return Ok(None);
        }
        return Err(transport(&args, &out));
    }
    Ok(Some(ends.repo.refname_to_id(INCOMING)?))
}

/// The arguments of a `git fetch` from `remote` that moves only the ref `spec` names
/// (`+FROM:PRIVATE`): no tags, no `FETCH_HEAD`, and `--refmap=` keeps git from moving
/// the remote-tracking branch on its own.
pub fn private_fetch<'a>(remote: &'a str, spec: &'a str) -> [&'a str; 7] {
    [
        "fetch",
        "--quiet",
        "--no-tags",
        "--no-write-fetch-head",
        "--refmap=",
        remote,
        spec,
    ]
}

/// Push `result` to the remote branch, never forced.
fn push(ends: &Ends, result: Oid) -> Result<(), SyncError> {
    let spec = format!("{result}:{}", ends.merge);
    let args = ["push", "--quiet", &ends.remote, &spec];
    let out = git_cmd(ends, &args)?;
    if out.status.success() {
        Ok(())
    } else {
        Err(transport(&args, &out))
    }
}

/// What one round of the sync does.
enum Plan {
    UpToDate,
    FastForward {
        fetched: usize,
    },
    Push {
        pushed: usize,
    },
    Replay {
        commits: Vec<Oid>,
        fetched: usize,
        dropped: usize,
    },
}

impl Plan {
    fn outcome(&self, ends: &Ends, head: Oid, attempts: u32) -> Synced {
        let (status, fetched, pushed, dropped) = match self {
            Plan::UpToDate => ("up-to-date", 0, 0, 0),
            Plan::FastForward { fetched } => ("fast-forward", *fetched, 0, 0),
            Plan::Push { pushed } => ("pushed", 0, *pushed, 0),
            Plan::Replay {
                commits,
                fetched,
                dropped,
            } => ("replayed", *fetched, commits.len(), *dropped),
        };
        Synced {
            remote: ends.remote.clone(),
            branch: ends.branch.clone(),
            status,
            head: head.to_string(),
            fetched,
            pushed,
            dropped,
            attempts,
        }
    }
}

/// Commits reachable from `from` but not from `hide`, oldest first.
fn commits_between(repo: &Repository, from: Oid, hide: Option<Oid>) -> Result<Vec<Oid>, SyncError> {
    let mut walk = repo.revwalk()?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE)?;
    walk.push(from)?;
    if let Some(h) = hide {
        walk.hide(h)?;
    }
    Ok(walk.collect::<Result<Vec<_>, _>>()?)
}

fn plan(repo: &Repository, local: Oid, remote: Option<Oid>) -> Result<Plan, SyncError> {
    let Some(remote) = remote else {
        return Ok(Plan::Push {
            pushed: commits_between(repo, local, None)?.len(),
        });
    };
    if local == remote {
        return Ok(Plan::UpToDate);
    }
    let ours = commits_between(repo, local, Some(remote))?;
    let theirs = commits_between(repo, remote, Some(local))?;
    match (ours.is_empty(), theirs.is_empty()) {
        (true, true) => Ok(Plan::UpToDate),
        (true, false) => Ok(Plan::FastForward {
            fetched: theirs.len(),
        }),
        (false, true) => Ok(Plan::Push { pushed: ours.len() }),
        (false, false) => replay_plan(repo, &ours, &theirs),
    }
}

/// The clerk's commits to replay, after dropping those the remote already has and
/// stopping on a record both sides changed.
fn replay_plan(repo: &Repository, ours: &[Oid], theirs: &[Oid]) -> Result<Plan, SyncError> {
    let mut upstream_patches = HashSet::new();
    let mut their_paths: BTreeMap<String, Vec<Oid>> = BTreeMap::new();
    for &c in theirs {
        let commit = repo.find_commit(c)?;
        let (patch, paths) = change_of(repo, &commit)?;
        upstream_patches.insert(patch);
        for p in paths {
            their_paths.entry(p).or_default().push(c);
        }
    }
    let mut keep = Vec::new();
    let mut our_paths: BTreeMap<String, Vec<Oid>> = BTreeMap::new();
    for &c in ours {
        let commit = repo.find_commit(c)?;
        if commit.parent_count() > 1 {
            return Err(SyncError::Merge(c.to_string()));
        }
        let (patch, paths) = change_of(repo, &commit)?;
        if upstream_patches.contains(&patch) {
            continue;
        }
        for p in paths {
            our_paths.entry(p).or_default().push(c);
        }
        keep.push(c);
    }
    let base = repo.merge_base(ours[ours.len() - 1], theirs[theirs.len() - 1])?;
    let both: Vec<&String> = our_paths
        .keys()
        .filter(|p| their_paths.contains_key(*p))
        .collect();
    if !both.is_empty() {
        let conflicts = both
            .into_iter()
            .map(|p| conflict(repo, p, base, &their_paths[p], &our_paths[p]))
            .collect::<Result<Vec<_>, _>>()?;
        return Err(SyncError::Conflict(conflicts));
    }
    Ok(Plan::Replay {
        dropped: ours.len() - keep.len(),
        commits: keep,
        fetched: theirs.len(),
    })
}

/// A commit's patch id and the paths it changes (against its first parent).
fn change_of(repo: &Repository, commit: &Commit<'_>) -> Result<(Oid, Vec<String>), SyncError> {
    let tree = commit.tree()?;
    let parent = match commit.parent_count() {
        0 => None,
        _ => Some(commit.parent(0)?.tree()?),
    };
    let diff = repo.diff_tree_to_tree(parent.as_ref(), Some(&tree), None)?;
    let mut paths = Vec::new();
    for d in diff.deltas() {
        for f in [d.old_file(), d.new_file()] {
            if let Some(p) = f.path().and_then(Path::to_str)
                && !paths.iter().any(|x| x == p)
            {
                paths.push(p.to_string());
            }
        }
        debug_assert!(d.status() != Delta::Unreadable);
    }
    Ok((diff.patchid(None)?, paths))
}

fn side(repo: &Repository, commits: &[Oid]) -> Result<Vec<SideCommit>, SyncError> {
    commits
        .iter()
        .map(|&c| {
            let commit = repo.find_commit(c)?;
            let author = commit.author();
            Ok(SideCommit {
                commit: c.to_string(),
                author: format!(
                    "{} <{}>",
                    author.name().unwrap_or("?"),
                    author.email().unwrap_or("?")
                ),
                time: rfc3339(author.when()),
                action: trailer(commit.message().unwrap_or_default(), TRAILER_ACTION)
                    .unwrap_or_else(|| "hand".to_string()),
            })
        })
        .collect()
}

fn rfc3339(t: git2::Time) -> String {
    let offset = chrono::FixedOffset::east_opt(t.offset_minutes() * 60)
        .unwrap_or_else(|| chrono::FixedOffset::east_opt(0).expect("zero offset"));
    chrono::DateTime::from_timestamp(t.seconds(), 0)
        .map(|d| d.with_timezone(&offset).to_rfc3339())
        .unwrap_or_default()
}

/// The value of a trailer in a commit message.
fn trailer(message: &str, key: &str) -> Option<String> {
    message.lines().rev().find_map(|l| {
        l.strip_prefix(key)?
            .strip_prefix(':')
            .map(|v| v.trim().to_string())
    })
}

fn conflict(
    repo: &Repository,
    path: &str,
    base: Oid,
    theirs: &[Oid],
    ours: &[Oid],
) -> Result<Conflict, SyncError> {
    let at = |c: Oid| -> Result<Option<serde_json::Value>, SyncError> {
        let tree = repo.find_commit(c)?.tree()?;
        Ok(record_at(repo, &tree, path))
    };
    let base_v = at(base)?;
    let theirs_v = at(*theirs.last().expect("a side has commits"))?;
    let ours_v = at(*ours.last().expect("a side has commits"))?;
    let null = serde_json::Value::Null;
    let mut pointers = BTreeSet::new();
    let b = base_v.as_ref().unwrap_or(&null);
    for other in [&theirs_v, &ours_v] {
        crate::pointer::differences(b, other.as_ref().unwrap_or(&null), "", &mut pointers);
    }
    let fields = pointers
        .into_iter()
        .map(|p| {
            let get = |v: &Option<serde_json::Value>| {
                v.as_ref()
                    .and_then(|v| v.pointer(&p))
                    .filter(|v| !v.is_null())
                    .cloned()
            };
            FieldChange {
                base: get(&base_v),
                theirs: get(&theirs_v),
                ours: get(&ours_v),
                pointer: p,
            }
        })
        .collect();
    Ok(Conflict {
        path: path.to_string(),
        theirs: side(repo, theirs)?,
        ours: side(repo, ours)?,
        fields,
    })
}

/// A record file of a tree as a JSON value, when it exists and parses.
fn record_at(repo: &Repository, tree: &Tree<'_>, path: &str) -> Option<serde_json::Value> {
    let entry = tree.get_path(Path::new(path)).ok()?;
    // R-YAML-6 from the object header before the blob is read (RELIABILITY.md, "No input
    // costs more than a record"); a record too large to show is shown as absent.
    let bytes = crate::repo::blob_capped(repo, &repo.odb().ok()?, entry.id(), path).ok()?;
    crate::yaml::parse(&bytes).ok().map(|p| p.value)
}

/// Replay `commits` in order on top of `onto`; the new tip.
fn replay(repo: &Repository, commits: &[Oid], onto: Oid) -> Result<Oid, SyncError> {
    let now = crate::clock::now()
        .map_err(|e| StoreError::Usage(tr!("{e}", "زمان DABIR_NOW خوانده نشد: {e}")))?;
    let when = git2::Time::new(now.timestamp(), now.offset().local_minus_utc() / 60);
    let mut tip = repo.find_commit(onto)?;
    // A replayed commit is signed again, as `git rebase` signs with commit.gpgsign: a
    // signature covers the parent and the committer, which the replay changes.
    let signer = crate::store::sign::Signer::from_config(repo, None)?;
    for &c in commits {
        let commit = repo.find_commit(c)?;
        let mut index = repo.cherrypick_commit(&commit, &tip, 0, None)?;
        if index.has_conflicts() {
            // Paths were compared before: a conflict here means two paths git sees as one
            // (a rename); show it as a conflict on the commit's paths.
            let (_, paths) = change_of(repo, &commit)?;
            let base = repo.merge_base(c, onto)?;
            let conflicts = paths
                .iter()
                .map(|p| conflict(repo, p, base, &[onto], &[c]))
                .collect::<Result<Vec<_>, _>>()?;
            return Err(SyncError::Conflict(conflicts));
        }
        let tree = repo.find_tree(index.write_tree_to(repo)?)?;
        let old = commit.committer();
        let committer =
            Signature::new(old.name().unwrap_or("?"), old.email().unwrap_or("?"), &when)?;
        let message = String::from_utf8_lossy(commit.message_bytes()).into_owned();
        let id = git::commit_object(
            repo,
            &commit.author(),
            &committer,
            &message,
            &tree,
            &[&tip],
            signer.as_ref(),
        )?;
        tip = repo.find_commit(id)?;
    }
    Ok(tip.id())
}

/// Refuse `result` when it has an error (of the rules every write runs) that the remote's
/// tip did not have.
fn new_errors(
    opts: &Options,
    ends: &Ends,
    remote: Option<Oid>,
    result: Oid,
) -> Result<(), SyncError> {
    type Key = (&'static str, String, String);
    type AtRev = (Vec<Finding>, HashSet<Key>, Box<dyn crate::repo::Source>);
    let errors_at = |rev: Oid| -> Result<AtRev, SyncError> {
        let rev = rev.to_string();
        let source = crate::repo::open(&opts.dir, Some(&rev))?;
        let root = ends.repo.workdir().expect("checked in open");
        let history = History::open(root, Some(&rev)).map_err(|e| {
            StoreError::Usage(tr!("git history: {e}", "تاریخچه git خوانده نشد: {e}"))
        })?;
        let outcome = check::run(
            &*source,
            check::Options {
                as_of: opts.as_of,
                history: history.as_ref(),
                domain_rules: true,
                cache: None,
            },
        )?;
        let errors: Vec<Finding> = outcome
            .findings
            .into_iter()
            .filter(|f| f.severity == Severity::Error && f.waiver.is_none())
            .collect();
        let keys = errors
            .iter()
            .map(|f| (f.rule, f.file.clone(), f.message.en.clone()))
            .collect();
        Ok((errors, keys, source))
    };
    let before: HashSet<Key> = match remote {
        Some(r) if dabir_root_at(ends, r) => errors_at(r)?.1,
        _ => HashSet::new(),
    };
    if !dabir_root_at(ends, result) {
        return Ok(());
    }
    let (after, _, source) = errors_at(result)?;
    let new: Vec<Finding> = after
        .into_iter()
        .filter(|f| !before.contains(&(f.rule, f.file.clone(), f.message.en.clone())))
        .collect();
    if new.is_empty() {
        return Ok(());
    }
    let files = new
        .iter()
        .filter_map(|f| Some((f.file.clone(), source.read(&f.file).ok()?)))
        .collect();
    Err(SyncError::Rules(new, files))
}

/// Whether a commit holds the records repository (its `dabir.yaml`).
fn dabir_root_at(ends: &Ends, commit: Oid) -> bool {
    let config = ends.prefix.join(crate::model::config::CONFIG_FILE);
    ends.repo
        .find_commit(commit)
        .and_then(|c| c.tree())
        .is_ok_and(|t| t.get_path(&config).is_ok())
}

/// Bring the local branch, the index and the work tree from `old` to `new`.
fn move_branch(ends: &Ends, old: Oid, new: Oid) -> Result<(), SyncError> {
    let repo = &ends.repo;
    let tree = repo.find_commit(new)?.tree()?;
    let mut co = git2::build::CheckoutBuilder::new();
    co.safe();
    repo.checkout_tree(tree.as_object(), Some(&mut co))?;
    let name = format!("refs/heads/{}", ends.branch);
    let moved = repo.reference_matching(
        &name,
        new,
        true,
        old,
        &format!("dabir sync: {} {}", ends.remote, ends.merge),
    );
    if let Err(e) = moved {
        // Someone moved the branch by hand meanwhile: put the files back as they were.
        let back = repo.find_commit(old)?.tree()?;
        let mut co = git2::build::CheckoutBuilder::new();
        co.force();
        repo.checkout_tree(back.as_object(), Some(&mut co))?;
        return Err(StoreError::Moved(e.message().to_string()).into());
    }
    Ok(())
}

/// Point the remote-tracking branch at what the remote now holds (best effort: the
/// remote may be a URL with no tracking branch), and the private ref too, so that the
/// next fetch with nothing new updates no ref.
fn track(ends: &Ends, head: Oid) {
    if ends.repo.refname_to_id(INCOMING).ok() != Some(head) {
        let _ = ends.repo.reference(INCOMING, head, true, "dabir sync");
    }
    let Some(short) = ends.merge.strip_prefix("refs/heads/") else {
        return;
    };
    if ends.repo.find_remote(&ends.remote).is_err() {
        return;
    }
    let name = format!("refs/remotes/{}/{short}", ends.remote);
    if ends.repo.refname_to_id(&name).ok() != Some(head) {
        let _ = ends.repo.reference(&name, head, true, "dabir sync");
    }
}

/// The conflict report in one language, for people.
pub fn describe_conflicts(conflicts: &[Conflict]) -> Text {
    let mut t = Text::default();
    for c in conflicts {
        let path = &c.path;
        push_line(
            &mut t,
            tr!(
                "{path} was changed on both sides since they last agreed:",
                "{path} از آخرین هم‌گامی در هر دو سو تغییر کرده است:"
            ),
        );
        for (label, commits) in [
            (tr!("theirs", "آن‌ها"), &c.theirs),
            (tr!("ours", "ما"), &c.ours),
        ] {
            for s in commits {
                let short = &s.commit[..10.min(s.commit.len())];
                let (author, time, action) = (&s.author, &s.time, &s.action);
                let (le, lf) = (&label.en, &label.fa);
                push_line(
                    &mut t,
                    tr!(
                        "  {le}: {short} {time} {author} ({action})",
                        "  {lf}: {short} {time} {author} ({action})"
                    ),
                );
            }
        }
        for f in &c.fields {
            let show = |v: &Option<serde_json::Value>| match v {
                None => "—".to_string(),
                Some(serde_json::Value::String(s)) => format!("«{s}»"),
                Some(v) => v.to_string(),
            };
            let (p, b, th, ou) = (&f.pointer, show(&f.base), show(&f.theirs), show(&f.ours));
            push_line(
                &mut t,
                tr!(
                    "  {p}: base {b}, theirs {th}, ours {ou}",
                    "  {p}: پایه {b}، آن‌ها {th}، ما {ou}"
                ),
            );
        }
    }
    t
}

fn push_line(t: &mut Text, line: Text) {
    for (to, from) in [(&mut t.en, line.en), (&mut t.fa, line.fa)] {
        if !to.is_empty() {
            to.push('\n');
        }
        to.push_str(&from);
    }
}
