//! `dabir log <ID>`: the history of one record, newest first: the Solar Hijri date, the
//! author, the action (the `Dabir-Action` trailer) and the subject of every commit that
//! changed its file, and of every commit that cites it (its `Dabir-Decision` trailer: a
//! plan revised or a stage advanced on a decision), marked so.
//!
//! Speed (`benches/README.md`): `git log -- FILE` with a commit-graph carrying changed-path
//! Bloom filters is 4-6x faster than without one, and libgit2 cannot use those filters,
//! so this runs `git log` and keeps the graph: written here when missing, topped up by
//! writes now and then (see `store::git::after_commit`).

use std::ffi::OsString;
use std::io::Write;
use std::process::{Command, Stdio};

use chrono::{DateTime, Datelike};

use crate::commands::{CliError, Globals, Status};
use crate::model::{JDate, Lang};
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
    crate::model::id::validate_id(&args.id).map_err(|e| {
        CliError::Usage(match lang {
            crate::model::Lang::En => format!("{}: {e}", args.id),
            crate::model::Lang::Fa => format!("«{}»: {}", args.id, e.fa()),
        })
    })?;
    // The record's path: where it is now, else where its kind would put it.
    let path = match super::show::locate(&root, &args.id) {
        Some((_, p)) => p,
        None => {
            let id = &args.id;
            return Err(CliError::Usage(
                tr!(
                    "no record has the id `{id}`",
                    "هیچ سابقه‌ای با شناسه «{id}» نیست"
                )
                .get(lang)
                .into(),
            ));
        }
    };
    let git_dir = git_dir(&root)?;
    if !git::has_commit_graph(&git_dir) {
        git::refresh_commit_graph(&root, false);
    }
    // The commits that change the record's file, and those that cite it (a plan revision
    // or a stage advanced on a decision: its `Dabir-Decision` trailer), newest first.
    let changed = git_log(&root, &[OsString::from("--"), OsString::from(&path)])?;
    let pattern = format!("^{TRAILER_DECISION}: {}$", args.id);
    let citing = git_log(&root, &[OsString::from("--grep"), OsString::from(pattern)])?;
    let citing: Vec<Entry> = citing
        .into_iter()
        .filter(|e| !changed.iter().any(|x| x.commit == e.commit))
        .collect();
    // Merge the two newest-first lists: by time, and among commits of the same second
    // the descendant first.
    let repo = git2::Repository::discover(&root).ok();
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
struct Entry {
    commit: String,
    at: i64,
    author: String,
    action: String,
    subject: String,
}

/// `git log` with the commit-graph, newest first, limited by `args`.
fn git_log(root: &std::path::Path, args: &[OsString]) -> Result<Vec<Entry>, CliError> {
    let mut cmd = Command::new("git");
    cmd.arg("-C")
        .arg(root)
        .args(["-c", "core.commitGraph=true", "log", "--no-color"])
        .arg(format!("--format=%H%x1f%at%x1f%an%x1f%(trailers:key={TRAILER_ACTION},valueonly,separator=%x2c)%x1f%s%x1e"))
        .args(args);
    let out = cmd.stdin(Stdio::null()).stderr(Stdio::piped()).output()?;
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
        let [commit, at, author, action, subject] = f[..] else {
            continue;
        };
        entries.push(Entry {
            commit: commit.into(),
            at: at.parse().unwrap_or_default(),
            author: author.into(),
            action: action.into(),
            subject: subject.into(),
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
