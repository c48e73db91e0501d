//! The only module that talks to git (git2 / libgit2) for writing.
//!
//! The commit path (the write path of `docs/architecture.md`, step 5; measured in
//! `benches/README.md`): blobs for the changed files, a new
//! tree built from HEAD's tree with `TreeBuilder` along the changed paths only (3-4 tree
//! objects, whatever the repository's size), a commit whose branch update is a
//! compare-and-swap against the HEAD we read (`reference_matching`), then the work-tree
//! files (write to a temporary name, rename) and their index entries. The index is never
//! turned into a tree, so the cost does not grow with the number of files beyond the
//! index rewrite itself.
//!
//! Before anything is written: the directory must be the root of its own work tree (so a
//! write never commits into an enclosing repository such as dabir's own source tree
//! around `sample-province`), the repository must not be mid-merge/rebase, and every
//! touched file must be clean: index and work tree equal to HEAD.

use std::path::{Path, PathBuf};

use git2::{
    ErrorCode, ObjectType, Oid, Repository, RepositoryOpenFlags, RepositoryState, Signature, Tree,
};

use super::StoreError;
use super::sign::Signer;

/// Open the repository whose work-tree root is exactly `root`.
pub fn open_root(root: &Path) -> Result<Repository, StoreError> {
    // A write reads the province's trees and a few blobs; like git itself it does not
    // re-hash each object it reads (libgit2's default), which was a sixth of the listing.
    git2::opts::strict_hash_verification(false);
    super::fsync::configure();
    let not_root = || StoreError::NotOwnRoot(root.to_path_buf());
    let repo = Repository::open_ext(
        root,
        RepositoryOpenFlags::NO_SEARCH,
        std::iter::empty::<&std::ffi::OsStr>(),
    )
    .map_err(|_| not_root())?;
    let workdir = repo.workdir().ok_or_else(not_root)?;
    let same = match (std::fs::canonicalize(workdir), std::fs::canonicalize(root)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if !same {
        return Err(not_root());
    }
    Ok(repo)
}

/// Refuse a repository in the middle of a merge, rebase, cherry-pick, ...
pub fn check_state(repo: &Repository) -> Result<(), StoreError> {
    match repo.state() {
        RepositoryState::Clean => Ok(()),
        s => Err(StoreError::MidOperation(format!("{s:?}").to_lowercase())),
    }
}

/// The branch HEAD points at and its commit.
pub fn head(repo: &Repository) -> Result<(String, Oid), StoreError> {
    let head = repo.head()?;
    if !head.is_branch() {
        return Err(StoreError::Detached);
    }
    let name = head.name()?.to_string();
    let oid = head.target().ok_or(StoreError::Detached)?;
    Ok((name, oid))
}

/// A new tree: `base` with each `(path, blob)` set (or removed, for `None`).
/// A path's changes: the path relative to a directory, and its new blob (`None`: removed).
type Changes<'a> = Vec<(&'a str, Option<Oid>)>;

pub fn build_tree(
    repo: &Repository,
    base: Option<&Tree<'_>>,
    changes: &[(&str, Option<Oid>)],
) -> Result<Oid, git2::Error> {
    let mut tb = repo.treebuilder(base)?;
    let mut subdirs: Vec<(&str, Changes<'_>)> = Vec::new();
    for &(path, blob) in changes {
        match path.split_once('/') {
            None => match blob {
                Some(oid) => {
                    tb.insert(path, oid, 0o100644)?;
                }
                None => {
                    if tb.get(path)?.is_some() {
                        tb.remove(path)?;
                    }
                }
            },
            Some((dir, rest)) => match subdirs.iter_mut().find(|(d, _)| *d == dir) {
                Some((_, list)) => list.push((rest, blob)),
                None => subdirs.push((dir, vec![(rest, blob)])),
            },
        }
    }
    for (dir, list) in subdirs {
        let sub = match base.and_then(|b| b.get_name(dir)) {
            Some(e) if e.kind() == Some(ObjectType::Tree) => Some(repo.find_tree(e.id())?),
            _ => None,
        };
        let oid = build_tree(repo, sub.as_ref(), &list)?;
        let empty = repo.find_tree(oid)?.is_empty();
        if empty {
            if tb.get(dir)?.is_some() {
                tb.remove(dir)?;
            }
        } else {
            tb.insert(dir, oid, 0o040000)?;
        }
    }
    tb.write()
}

/// How long a write waits for a branch lock git holds.
const REF_LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(1);

/// Create the commit (signed by `signer` when git's config asks for it) and move
/// `branch` from `parent` to it, or fail if another writer moved the branch since we
/// read it. With no parent (`dabir init` on an unborn branch) the branch is created, and
/// the write fails if another writer created it first.
#[allow(clippy::too_many_arguments)]
pub fn commit(
    repo: &Repository,
    branch: &str,
    parent: Option<Oid>,
    tree: Oid,
    author: &Signature<'_>,
    committer: &Signature<'_>,
    message: &str,
    signer: Option<&Signer>,
) -> Result<Oid, StoreError> {
    let parent_commit = parent.map(|p| repo.find_commit(p)).transpose()?;
    let tree = repo.find_tree(tree)?;
    let parents: Vec<&git2::Commit<'_>> = parent_commit.iter().collect();
    let oid = commit_object(repo, author, committer, message, &tree, &parents, signer)?;
    let subject = message.lines().next().unwrap_or_default();
    let log = match parent {
        Some(_) => format!("commit (dabir): {subject}"),
        None => format!("commit (initial): {subject}"),
    };
    let update = || match parent {
        Some(p) => repo.reference_matching(branch, oid, true, p, &log),
        None => repo.reference(branch, oid, false, &log),
    };
    // The branch's lock file may be held a moment by git itself (a `git gc --auto` that
    // a commit started in the background packs the refs): like git's own
    // core.filesRefLockTimeout, wait for it a little before giving up.
    super::failpoint::hit("before-ref")?;
    // The objects are fsynced as libgit2 writes them (`super::fsync`); their fan-out
    // directories' names in `objects/` must last too before a ref names them.
    let objects = repo.path().join("objects");
    super::fsync::path(&objects).map_err(|source| StoreError::Io {
        path: objects,
        source,
    })?;
    let deadline = std::time::Instant::now() + REF_LOCK_WAIT;
    let mut moved = update();
    while matches!(&moved, Err(e) if e.code() == ErrorCode::Locked)
        && std::time::Instant::now() < deadline
    {
        std::thread::sleep(std::time::Duration::from_millis(10));
        moved = update();
    }
    match moved {
        Ok(_) => Ok(oid),
        Err(e)
            if matches!(
                e.code(),
                ErrorCode::Modified | ErrorCode::Locked | ErrorCode::Exists
            ) =>
        {
            Err(StoreError::Moved(e.message().to_string()))
        }
        Err(e) => Err(e.into()),
    }
}

/// The branch HEAD names and its tip; `None` for an unborn branch (a repository with no
/// commit yet: `dabir init`).
pub fn head_or_unborn(repo: &Repository) -> Result<(String, Option<Oid>), StoreError> {
    match repo.head() {
        Ok(_) => head(repo).map(|(branch, oid)| (branch, Some(oid))),
        Err(e) if e.code() == ErrorCode::UnbornBranch => {
            let head = repo.find_reference("HEAD")?;
            let branch = head
                .symbolic_target()
                .ok()
                .flatten()
                .unwrap_or("refs/heads/main")
                .to_string();
            Ok((branch, None))
        }
        Err(e) => Err(e.into()),
    }
}

/// Write a commit object (no ref moves): signed, it is the object `git commit -S` writes,
/// with the signature in its `gpgsig` header.
pub fn commit_object(
    repo: &Repository,
    author: &Signature<'_>,
    committer: &Signature<'_>,
    message: &str,
    tree: &Tree<'_>,
    parents: &[&git2::Commit<'_>],
    signer: Option<&Signer>,
) -> Result<Oid, StoreError> {
    let Some(signer) = signer else {
        return Ok(repo.commit(None, author, committer, message, tree, parents)?);
    };
    let buffer = repo.commit_create_buffer(author, committer, message, tree, parents)?;
    let ident = format!(
        "{} <{}>",
        committer.name().unwrap_or_default(),
        committer.email().unwrap_or_default()
    );
    let signature = signer.sign(&buffer, &ident)?;
    let content = std::str::from_utf8(&buffer)
        .map_err(|_| StoreError::Sign("the commit is not UTF-8".into()))?;
    Ok(repo.commit_signed(content, &signature, None)?)
}

/// Why a touched file is not clean.
pub fn dirty_reason(
    repo: &Repository,
    index: &git2::Index,
    rel: &str,
    head_blob: Option<Oid>,
) -> Result<Option<&'static str>, StoreError> {
    let root = repo.workdir().expect("opened at a work tree");
    let rel_path = Path::new(rel);
    for stage in 1..=3 {
        if index.get_path(rel_path, stage).is_some() {
            return Ok(Some("conflicted"));
        }
    }
    let staged = index.get_path(rel_path, 0).map(|e| e.id);
    if staged != head_blob {
        return Ok(Some("staged"));
    }
    let full = root.join(rel);
    match std::fs::symlink_metadata(&full) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(if head_blob.is_some() {
            Some("deleted")
        } else {
            None
        }),
        Err(e) => Err(StoreError::Io {
            path: full,
            source: e,
        }),
        Ok(m) if !m.file_type().is_file() => Ok(Some("not-a-file")),
        Ok(_) => match head_blob {
            None => Ok(Some("untracked")),
            Some(want) => {
                let have = Oid::hash_file(ObjectType::Blob, &full)?;
                Ok(if have == want { None } else { Some("modified") })
            }
        },
    }
}

/// Write the committed files into the work tree (each by a rename, so a reader or a
/// crash never sees half a file) and bring their index entries in step.
pub fn sync_worktree(
    repo: &Repository,
    index: &mut git2::Index,
    files: &[(String, Vec<u8>)],
) -> Result<(), StoreError> {
    super::failpoint::hit("before-worktree")?;
    let root = repo.workdir().expect("opened at a work tree").to_path_buf();
    for (rel, bytes) in files {
        replace(&root.join(rel), bytes, "after-tempfile")?;
    }
    super::failpoint::hit("before-index")?;
    for (rel, _) in files {
        index.add_path(Path::new(rel))?;
    }
    write_index(repo, index)
}

/// Write the index and make it last: libgit2 writes it by a rename without fsync, even
/// when it fsyncs objects and refs.
pub fn write_index(repo: &Repository, index: &mut git2::Index) -> Result<(), StoreError> {
    index.write()?;
    let git_dir = repo.path();
    for p in [git_dir.join("index"), git_dir.to_path_buf()] {
        super::fsync::path(&p).map_err(|source| StoreError::Io { path: p, source })?;
    }
    Ok(())
}

/// Write a file by a temporary sibling and a rename, durably: the temporary file is
/// fsynced before the rename and the directory after it (`super::fsync`).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    replace(path, bytes, "")
}

/// [`write_atomic`], with the failpoint `point` between the temporary file and the rename
/// (none when empty).
fn replace(path: &Path, bytes: &[u8], point: &str) -> Result<(), StoreError> {
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |source| StoreError::Io { path: p, source }
    };
    let dir = path.parent().expect("a file in a directory");
    if !dir.is_dir() {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        // A new directory (`decisions/1405/`) lasts only once its parent is flushed.
        super::fsync::parent_of(dir).map_err(io(dir))?;
    }
    let name = path.file_name().expect("a file name").to_string_lossy();
    let tmp: PathBuf = dir.join(format!(".{name}.dabir-tmp"));
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        std::io::Write::write_all(&mut f, bytes)?;
        super::fsync::file(&f)
    });
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(io(&tmp)(e));
    }
    if !point.is_empty()
        && let Err(e) = super::failpoint::hit(point)
    {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    std::fs::rename(&tmp, path).map_err(io(path))?;
    super::fsync::path(dir).map_err(io(dir))?;
    Ok(())
}

/// Author and committer: `--author "Name <email>"`, else git's own rules
/// (GIT_AUTHOR_NAME/EMAIL, then user.name/user.email); the time is always dabir's clock
/// (`DABIR_NOW`), so tests repeat commit ids.
pub fn signatures(
    repo: &Repository,
    author: Option<&str>,
) -> Result<(Signature<'static>, Signature<'static>), StoreError> {
    let now = crate::clock::now()
        .map_err(|e| StoreError::Usage(crate::tr!("{e}", "زمان DABIR_NOW خوانده نشد: {e}")))?;
    let time = git2::Time::new(now.timestamp(), now.offset().local_minus_utc() / 60);
    let make =
        |name: &str, email: &str| Signature::new(name, email, &time).map_err(StoreError::from);
    let no_identity = || StoreError::NoIdentity;
    let author = match author {
        Some(a) => {
            let (name, email) = parse_author(a).ok_or_else(|| {
                StoreError::Invalid(crate::tr!(
                    "--author {a:?} is not \"Name <email>\"",
                    "--author «{a}» به شکل «نام <email>» نیست"
                ))
            })?;
            make(&name, &email)?
        }
        None => {
            let s = repo.author_from_env().map_err(|_| no_identity())?;
            make(
                s.name().map_err(|_| no_identity())?,
                s.email().map_err(|_| no_identity())?,
            )?
        }
    };
    let committer = match repo.committer_from_env() {
        Ok(s) => make(
            s.name().unwrap_or(author.name().unwrap_or_default()),
            s.email().unwrap_or(author.email().unwrap_or_default()),
        )?,
        Err(_) => author.clone(),
    };
    Ok((author, committer))
}

fn parse_author(a: &str) -> Option<(String, String)> {
    let (name, rest) = a.split_once('<')?;
    let email = rest.strip_suffix('>')?.trim();
    let name = name.trim();
    (!name.is_empty() && !email.is_empty()).then(|| (name.to_string(), email.to_string()))
}

/// Whether a commit-graph file exists.
pub fn has_commit_graph(git_dir: &Path) -> bool {
    let info = git_dir.join("objects/info");
    info.join("commit-graph").exists() || info.join("commit-graphs/commit-graph-chain").exists()
}

/// Keep the commit-graph with changed-path Bloom filters that makes `git log -- FILE`
/// fast (`benches/README.md`, the log figures). `dabir log` writes it when missing; after a commit, about
/// one write in 32 (chosen by the new commit's id, so it is deterministic) appends the
/// new commits as a split layer, which costs milliseconds. A graph a few commits behind
/// still serves: git walks only the uncovered tip. Runs `git`; failures are ignored,
/// the graph is only a speed-up.
pub fn refresh_commit_graph(work: &Path, incremental: bool) {
    let mut cmd = std::process::Command::new("git");
    cmd.arg("-C")
        .arg(work)
        .args(["commit-graph", "write", "--reachable", "--changed-paths"]);
    if incremental {
        cmd.args(["--split", "--size-multiple=4"]);
    }
    let _ = cmd
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
}

/// After a commit: refresh the graph now and then, if there is one.
pub fn after_commit(git_dir: &Path, work: &Path, new: Oid) {
    if new.as_bytes()[0] < 8 && has_commit_graph(git_dir) {
        refresh_commit_graph(work, true);
    }
}
