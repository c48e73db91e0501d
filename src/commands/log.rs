//! `dabir log <ID>`: the history of one record, newest first: the Solar Hijri date, the
//! author, the action (the `Dabir-Action` trailer) and the subject of every commit that
//! changed its file, and of every commit that cites it (its `Dabir-Decision` trailer: a
//! plan revised or a stage advanced on a decision), marked so.
//!
//! Speed (`benches/README.md`): `git log -- FILE` with a commit-graph carrying changed-path
//! Bloom filters is 4-6x faster than without one, and libgit2 cannot use those filters,
//! so this runs `git log` and keeps the graph: written here when missing, topped up by
//! writes now and then (see `store::git::after_commit`). Finding the commits that cite a
//! decision reads every commit, so they are cached as of a tip commit ([`CitesCache`])
//! and later runs read only the commits since; the two walks run side by side.

use std::ffi::OsString;
use std::io::Write;
use std::process::{Child, Command, Stdio};

use chrono::{DateTime, Datelike};
use serde::{Deserialize, Serialize};

use crate::commands::{CliError, Globals, Status};
use crate::model::{JDate, Kind, Lang};
use crate::render::Format;
use crate::store::action::{TRAILER_ACTION, TRAILER_DECISION};
use crate::store::git;
use crate::tr;

/// The history of one record, newest first, with dates, authors and actions: the
/// commits that change it and those that cite it (a plan revised, a stage advanced on a
/// decision), marked "cites it".
#[derive(Debug, clap::Args)]
pub struct LogArgs {
    /// The record's id.
    pub id: String,
    /// At most this many changes.
    #[arg(long, short = 'n', value_name = "N")]
    pub max_count: Option<usize>,
}

pub fn run(g: &Globals, args: LogArgs) -> Result<Status, CliError> {
    let lang = g.lang.unwrap_or_default();
    let root = crate::repo::discover(&g.dir)?;
    let (kind, path) = super::show::find(&root, &args.id, lang)?;
    let git_dir = git_dir(&root)?;
    if !git::has_commit_graph(&git_dir) {
        git::refresh_commit_graph(&root, false);
    }
    let repo = git2::Repository::open(&git_dir).ok();
    // The commits that change the record's file (answered by the commit-graph's Bloom
    // filters), and, for a decision, those that cite it: a plan revision or a stage
    // advanced on it, whose `Dabir-Decision` trailer names it (the trailer names only
    // decisions). Finding those reads every commit, so they are kept in a cache that
    // later runs extend by the commits since (`Cites`), side by side with the first walk.
    let changing = git_log(&root, &[OsString::from("--"), OsString::from(&path)])?;
    let citing = match (&repo, kind) {
        (Some(repo), Kind::Decision) => Cites::load(repo, &root)?,
        _ => None,
    };
    let changed = entries(changing)?;
    let citing: Vec<Entry> = match citing {
        Some(c) => c
            .finish(&git_dir)?
            .into_iter()
            .filter(|e| e.cites.contains(&args.id))
            .filter(|e| !changed.iter().any(|x| x.commit == e.commit))
            .collect(),
        None => Vec::new(),
    };
    // Merge the two newest-first lists: by time, and among commits of the same second
    // the descendant first.
    let newer = |a: &Entry, b: &Entry| -> bool {
        if a.at != b.at {
            return a.at > b.at;
        }
        let (Ok(x), Ok(y)) = (
            git2::Oid::from_str(&a.commit),
            git2::Oid::from_str(&b.commit),
        ) else {
            return true;
        };
        repo.as_ref()
            .and_then(|r| r.graph_descendant_of(x, y).ok())
            .unwrap_or(true)
    };
    let mut entries: Vec<(Entry, bool)> = Vec::new();
    let (mut a, mut b) = (
        changed.into_iter().peekable(),
        citing.into_iter().peekable(),
    );
    loop {
        let take_a = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => newer(x, y),
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        match take_a {
            true => entries.extend(a.next().map(|e| (e, false))),
            false => entries.extend(b.next().map(|e| (e, true))),
        }
    }
    if let Some(n) = args.max_count {
        entries.truncate(n);
    }
    let stdout = std::io::stdout();
    let mut o = std::io::BufWriter::new(stdout.lock());
    for (e, cites) in entries {
        let date = DateTime::from_timestamp(e.at, 0)
            .map(|t| t.with_timezone(&crate::clock::iran()))
            .and_then(|t| JDate::from_gregorian(t.year(), t.month() as u8, t.day() as u8));
        let date = date.map(|d| d.to_string()).unwrap_or_default();
        let action = if e.action.is_empty() {
            "-"
        } else {
            e.action.as_str()
        };
        let (commit, author, subject) = (&e.commit, &e.author, &e.subject);
        if g.format == Format::Human {
            let (short, shown) = (
                &commit[..commit.len().min(10)],
                match lang {
                    Lang::Fa => crate::model::text::persian_digits(&date),
                    Lang::En => date.clone(),
                },
            );
            let mark = if cites {
                tr!(" (cites it)", " (به آن استناد می‌کند)")
                    .get(lang)
                    .to_string()
            } else {
                String::new()
            };
            writeln!(o, "{short}  {shown}  {action}  {author}  {subject}{mark}")?;
        } else {
            let j = serde_json::json!({ "commit": commit, "date": date, "author": author, "action": action, "subject": subject, "file": path, "cites": cites });
            writeln!(o, "{j}")?;
        }
    }
    o.flush()?;
    Ok(Status::Clean)
}

/// One commit as `log` shows it.
#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    commit: String,
    at: i64,
    author: String,
    action: String,
    subject: String,
    /// The decisions its `Dabir-Decision` trailers name.
    cites: Vec<String>,
}

/// Every commit with a `Dabir-Decision` trailer, newest first, as of the commit `tip`:
/// kept in `.git/dabir/cache/cites.bin`. A run whose HEAD descends from the cached tip
/// reads only the commits since; any other HEAD (a rewritten history) reads them all.
#[derive(Default, Serialize, Deserialize)]
struct CitesCache {
    tip: String,
    entries: Vec<Entry>,
}

/// The commits that cite a decision, being found: the cache and the walk of what it
/// lacks, if anything.
struct Cites {
    cache: CitesCache,
    head: String,
    walk: Option<Child>,
}

impl Cites {
    fn file(git_dir: &std::path::Path) -> std::path::PathBuf {
        git_dir.join("dabir").join("cache").join("cites.bin")
    }

    /// Start finding the citing commits of HEAD; `None` on an unborn branch.
    fn load(repo: &git2::Repository, root: &std::path::Path) -> Result<Option<Cites>, CliError> {
        let Some(head) = repo.head().ok().and_then(|h| h.target()) else {
            return Ok(None);
        };
        let mut cache: CitesCache =
            crate::cachefile::load_versioned(&Cites::file(repo.path())).unwrap_or_default();
        let tip = git2::Oid::from_str(&cache.tip).ok();
        let grep = OsString::from(format!("--grep=^{TRAILER_DECISION}: "));
        let walk = match tip {
            Some(t) if t == head => None,
            Some(t) if repo.graph_descendant_of(head, t).unwrap_or(false) => Some(git_log(
                root,
                &[
                    grep,
                    OsString::from(head.to_string()),
                    OsString::from(format!("^{t}")),
                ],
            )?),
            _ => {
                cache.entries.clear();
                Some(git_log(root, &[grep, OsString::from(head.to_string())])?)
            }
        };
        Ok(Some(Cites {
            cache,
            head: head.to_string(),
            walk,
        }))
    }

    /// The citing commits, newest first; the cache is brought up to HEAD (a cache that
    /// cannot be written is only slower next time).
    fn finish(self, git_dir: &std::path::Path) -> Result<Vec<Entry>, CliError> {
        let Cites {
            mut cache,
            head,
            walk,
        } = self;
        if let Some(walk) = walk {
            let mut newer = entries(walk)?;
            newer.append(&mut cache.entries);
            cache = CitesCache {
                tip: head,
                entries: newer,
            };
            let _ = crate::cachefile::save_versioned(&Cites::file(git_dir), &cache);
        }
        Ok(cache.entries)
    }
}

/// `git log` with the commit-graph, newest first, limited by `args`, started; its
/// output is read by [`entries`].
fn git_log(root: &std::path::Path, args: &[OsString]) -> Result<Child, CliError> {
    let mut cmd = Command::new("git");
    cmd.arg("-C")
        .arg(root)
        .args(["-c", "core.commitGraph=true", "log", "--no-color"])
        .arg(format!("--format=%H%x1f%at%x1f%an%x1f%(trailers:key={TRAILER_ACTION},valueonly,separator=%x2c)%x1f%s%x1f%(trailers:key={TRAILER_DECISION},valueonly,separator=%x2c)%x1e"))
        .args(args);
    Ok(cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?)
}

/// The commits a [`git_log`] printed.
fn entries(git_log: Child) -> Result<Vec<Entry>, CliError> {
    let out = git_log.wait_with_output()?;
    if !out.status.success() {
        return Err(CliError::CouldNotRun(format!(
            "git log: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut entries = Vec::new();
    for rec in text.split('\x1e') {
        let rec = rec.trim_matches('\n');
        if rec.is_empty() {
            continue;
        }
        let f: Vec<&str> = rec.split('\x1f').collect();
        let [commit, at, author, action, subject, cites] = f[..] else {
            continue;
        };
        entries.push(Entry {
            commit: commit.into(),
            at: at.parse().unwrap_or_default(),
            author: author.into(),
            action: action.into(),
            subject: subject.into(),
            cites: cites
                .split(',')
                .filter(|d| !d.is_empty())
                .map(str::to_string)
                .collect(),
        });
    }
    Ok(entries)
}

fn git_dir(root: &std::path::Path) -> Result<std::path::PathBuf, CliError> {
    let dot = root.join(".git");
    if dot.is_dir() {
        return Ok(dot);
    }
    let repo = git2::Repository::discover(root)
        .map_err(|e| CliError::CouldNotRun(format!("git: {}", e.message())))?;
    Ok(repo.path().to_path_buf())
}
