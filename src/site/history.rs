//! The history of every record file, from one `git log` over the records root: for each
//! commit its date (Solar Hijri, Iran time), author, subject and the trailers dabir's
//! writes leave (`Dabir-Action`, `Dabir-Decision`), and the files it changed. One walk
//! serves every record page, as `dabir log` serves one.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};

use chrono::{DateTime, Datelike};

use crate::model::JDate;
use crate::store::action::{TRAILER_ACTION, TRAILER_DECISION};

/// One commit that changed records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Commit {
    pub id: String,
    pub date: Option<JDate>,
    pub author: String,
    pub action: String,
    pub decision: String,
    pub subject: String,
}

/// Every commit, newest first, and for each record file the commits that changed it.
#[derive(Debug, Default)]
pub struct Log {
    pub commits: Vec<Commit>,
    /// Records-root-relative path -> indices into `commits`, newest first.
    pub by_path: HashMap<String, Vec<usize>>,
}

impl Log {
    /// The commits that changed `path`, newest first.
    pub fn of(&self, path: &str) -> impl Iterator<Item = &Commit> {
        self.by_path
            .get(path)
            .into_iter()
            .flatten()
            .map(|&i| &self.commits[i])
    }
}

/// Why the history could not be read.
#[derive(Debug, thiserror::Error)]
#[error("git log: {0}")]
pub struct LogError(String);

/// The history of the records repository at `root` from `rev` (default `HEAD`); an empty
/// log when `root` is not in a git work tree or has no commits.
pub fn read(root: &Path, rev: Option<&str>) -> Result<Log, LogError> {
    let inside = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["rev-parse", "--verify", "-q", rev.unwrap_or("HEAD")])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| LogError(e.to_string()))?;
    if !inside.success() {
        return Ok(Log::default());
    }
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args([
            "-c",
            "core.quotePath=false",
            "log",
            "--no-color",
            "--relative",
            "--name-only",
            &format!("--format=%x1e%H%x1f%at%x1f%an%x1f%(trailers:key={TRAILER_ACTION},valueonly,separator=%x2c)%x1f%(trailers:key={TRAILER_DECISION},valueonly,separator=%x2c)%x1f%s%x1f"),
            rev.unwrap_or("HEAD"),
            "--",
            ".",
        ])
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| LogError(e.to_string()))?;
    if !out.status.success() {
        return Err(LogError(
            String::from_utf8_lossy(&out.stderr).trim().to_string(),
        ));
    }
    Ok(parse(&String::from_utf8_lossy(&out.stdout)))
}

fn jdate_of(unix: &str) -> Option<JDate> {
    let t = DateTime::from_timestamp(unix.parse().ok()?, 0)?.with_timezone(&crate::clock::iran());
    JDate::from_gregorian(t.year(), t.month() as u8, t.day() as u8)
}

fn parse(text: &str) -> Log {
    let mut log = Log::default();
    for rec in text.split('\x1e') {
        let f: Vec<&str> = rec.splitn(7, '\x1f').collect();
        let [id, at, author, action, decision, subject, files] = f[..] else {
            continue;
        };
        let i = log.commits.len();
        log.commits.push(Commit {
            id: id.trim().to_string(),
            date: jdate_of(at),
            author: author.to_string(),
            action: action.trim().to_string(),
            decision: decision.trim().to_string(),
            subject: subject.to_string(),
        });
        for file in files.lines().map(str::trim).filter(|l| !l.is_empty()) {
            log.by_path.entry(file.to_string()).or_default().push(i);
        }
    }
    log
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_commits_trailers_and_files() {
        let text = "\x1eabc\x1f1733466000\x1fکارشناس\x1fdecision-dispatch\x1fESF-PC-1403-02-D3\x1fابلاغ\x1f\n\ndecisions/1403/ESF-PC-1403-02-D3.yaml\n\x1edef\x1f1733400000\x1fclerk\x1f\x1f\x1frecords\x1f\n\ndabir.yaml\ndecisions/1403/ESF-PC-1403-02-D3.yaml\n";
        let log = parse(text);
        assert_eq!(log.commits.len(), 2);
        let of: Vec<_> = log.of("decisions/1403/ESF-PC-1403-02-D3.yaml").collect();
        assert_eq!(of.len(), 2);
        assert_eq!(of[0].action, "decision-dispatch");
        assert_eq!(of[0].decision, "ESF-PC-1403-02-D3");
        assert_eq!(of[1].subject, "records");
        assert_eq!(of[0].date, JDate::new(1403, 9, 16));
    }
}
