//! `dabir log <ID>`: the history of one record, newest first: the Solar Hijri date, the
//! author, the action (the `Dabir-Action` trailer) and the subject of every commit that
//! changed its file.
//!
//! Speed (`benches/README.md`): `git log -- FILE` with a commit-graph carrying changed-path
//! Bloom filters is 4-6x faster than without one, and libgit2 cannot use those filters,
//! so this runs `git log` and keeps the graph: written here when missing, topped up by
//! writes now and then (see `store::git::after_commit`).

use std::io::Write;
use std::process::{Command, Stdio};

use chrono::{DateTime, Datelike};

use crate::commands::{CliError, Globals, Status};
use crate::model::{JDate, Lang};
use crate::render::Format;
use crate::store::git;
use crate::tr;

/// The history of one record, newest first, with dates, authors and actions.
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
    crate::model::id::validate_id(&args.id)
        .map_err(|e| CliError::Usage(format!("{}: {e}", args.id)))?;
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
    let mut cmd = Command::new("git");
    cmd.arg("-C")
        .arg(&root)
        .args(["-c", "core.commitGraph=true", "log", "--no-color", "--format=%H%x1f%at%x1f%an%x1f%(trailers:key=Dabir-Action,valueonly,separator=%x2c)%x1f%s%x1e"]);
    if let Some(n) = args.max_count {
        cmd.arg(format!("--max-count={n}"));
    }
    cmd.arg("--").arg(&path);
    let out = cmd.stdin(Stdio::null()).stderr(Stdio::piped()).output()?;
    if !out.status.success() {
        return Err(CliError::CouldNotRun(format!(
            "git log: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let stdout = std::io::stdout();
    let mut o = std::io::BufWriter::new(stdout.lock());
    for rec in text.split('\x1e') {
        let rec = rec.trim_matches('\n');
        if rec.is_empty() {
            continue;
        }
        let f: Vec<&str> = rec.split('\x1f').collect();
        let [commit, at, author, action, subject] = f[..] else {
            continue;
        };
        let date = at
            .parse::<i64>()
            .ok()
            .and_then(|t| DateTime::from_timestamp(t, 0))
            .map(|t| t.with_timezone(&crate::clock::iran()))
            .and_then(|t| JDate::from_gregorian(t.year(), t.month() as u8, t.day() as u8));
        let date = date.map(|d| d.to_string()).unwrap_or_default();
        let action = if action.is_empty() { "-" } else { action };
        if g.format == Format::Human {
            let (short, shown) = (
                &commit[..commit.len().min(10)],
                match lang {
                    Lang::Fa => crate::model::text::persian_digits(&date),
                    Lang::En => date.clone(),
                },
            );
            writeln!(o, "{short}  {shown}  {action}  {author}  {subject}")?;
        } else {
            let j = serde_json::json!({ "commit": commit, "date": date, "author": author, "action": action, "subject": subject, "file": path });
            writeln!(o, "{j}")?;
        }
    }
    o.flush()?;
    Ok(Status::Clean)
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
