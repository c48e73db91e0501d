//! `dabir edit <ID>`: open a record in `$EDITOR`, validate it on save, and commit it as
//! one write; while it is invalid, reopen it with the problems shown as comments at the
//! top. Emptying the file or leaving the editor with an error abandons the edit, and
//! nothing is written.
//!
//! The saved record goes through the same transaction as every write (schema, ids,
//! references, locked minutes, `rules::run` before and after), and is written back in the
//! tool's own stable form (comments the clerk typed are not kept).

use std::path::Path;

use crate::commands::{CliError, Globals, Status};
use crate::model::Record;
use crate::store::Change;
use crate::tr;

use super::{WriteOpts, write};

/// Edit a record in $EDITOR (or $VISUAL); validated on save, committed once valid.
#[derive(Debug, clap::Args)]
pub struct EditArgs {
    /// The record's id.
    pub id: String,
    #[command(flatten)]
    pub write: WriteOpts,
}

/// The marker of the problem lines dabir puts at the top of the file.
const MARK: &str = "# dabir: ";

fn editor() -> String {
    std::env::var("VISUAL")
        .ok()
        .filter(|s| !s.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|s| !s.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".into())
}

/// Run the editor on `file`; `false` when it exited with an error.
fn edit_file(file: &Path) -> Result<bool, CliError> {
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{} \"$1\"", editor()))
        .arg("dabir-edit")
        .arg(file)
        .status()
        .map_err(|e| CliError::CouldNotRun(format!("cannot run the editor: {e}")))?;
    Ok(status.success())
}

fn strip_marks(text: &str) -> String {
    text.lines()
        .filter(|l| !l.starts_with(MARK))
        .map(|l| format!("{l}\n"))
        .collect()
}

fn with_marks(problems: &[String], text: &str) -> String {
    let mut out = String::new();
    for p in problems {
        for line in p.lines() {
            out.push_str(MARK);
            out.push_str(line);
            out.push('\n');
        }
    }
    out.push_str(text);
    out
}

pub fn run(g: &Globals, args: EditArgs) -> Result<Status, CliError> {
    let lang = super::lang_of(g);
    let root = crate::repo::discover(&g.dir)?;
    let (kind, path, original, before) = super::show::load(&root, &args.id, lang)?;
    let original = String::from_utf8_lossy(&original).into_owned();
    let dir = TempDir::new(&args.id)?;
    let file = dir.0.join(format!("{}.yaml", args.id));
    let mut text = original.clone();
    let mut problems: Vec<String> = Vec::new();
    loop {
        std::fs::write(&file, with_marks(&problems, &text))?;
        let abandoned = || {
            CliError::Usage(
                tr!(
                    "edit abandoned; nothing was written",
                    "ویرایش رها شد؛ چیزی نوشته نشد"
                )
                .get(lang)
                .into(),
            )
        };
        if !edit_file(&file)? {
            return Err(abandoned());
        }
        text = strip_marks(&std::fs::read_to_string(&file)?);
        let meaningful = text
            .lines()
            .any(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
        if !meaningful {
            return Err(abandoned());
        }
        let mut findings = Vec::new();
        let parsed = crate::check::parse_record(&path, kind, text.as_bytes(), &mut findings);
        problems = findings
            .iter()
            .filter(|f| f.severity == crate::diag::Severity::Error)
            .map(|f| {
                let mut f = f.clone();
                crate::diag::resolve(std::slice::from_mut(&mut f), |_| {
                    Some(text.as_bytes().to_vec())
                });
                let at = f
                    .position
                    .map(|p| format!("line {}: ", p.line))
                    .unwrap_or_default();
                format!("{} {at}{}", f.rule, f.message.get(lang))
            })
            .collect();
        let Some(record) = parsed else { continue };
        if record.id() != args.id {
            let id = &args.id;
            problems.push(
                tr!(
                    "R-ID-2 the id must stay `{id}`",
                    "R-ID-2 شناسه باید «{id}» بماند"
                )
                .get(lang)
                .to_string(),
            );
            continue;
        }
        if record == before {
            eprintln!(
                "{}",
                tr!(
                    "no change; nothing was written",
                    "تغییری نبود؛ چیزی نوشته نشد"
                )
                .get(lang)
            );
            return Ok(Status::Clean);
        }
        match try_commit(g, &args.write, record, &before) {
            Ok(status) => return Ok(status),
            Err(Retry(msg)) => problems.push(msg),
            Err(Fatal(e)) => return Err(e),
        }
    }
}

enum Outcome {
    Retry(String),
    Fatal(CliError),
}
use Outcome::{Fatal, Retry};

fn try_commit(
    g: &Globals,
    w: &WriteOpts,
    record: Record,
    before: &Record,
) -> Result<Status, Outcome> {
    let changed = changed_fields(before, &record);
    let id = record.id().to_string();
    let kind = record.kind();
    let result = write(g, w, &id.clone(), |tx| {
        tx.replace(record)?;
        let (k, kfa, fields) = (kind.name(), kind.name_fa(), changed.join(", "));
        Ok(Change {
            action: "edit",
            subject: tr!("Edit {k} {id}", "ویرایش {kfa} {id}"),
            body: vec![tr!("changed: {fields}", "تغییر: {fields}")],
            decision: None,
            date: None,
        })
    });
    match result {
        Ok(s) => Ok(s),
        // A rule refused the new state: show it in the file and let the clerk fix it.
        Err(CliError::Usage(msg)) if msg.contains("R-") => {
            Err(Retry(msg.lines().next().unwrap_or_default().to_string()))
        }
        Err(e) => Err(Fatal(e)),
    }
}

/// The top-level fields that differ.
fn changed_fields(a: &Record, b: &Record) -> Vec<String> {
    let (Ok(serde_json::Value::Object(x)), Ok(serde_json::Value::Object(y))) =
        (serde_json::to_value(a), serde_json::to_value(b))
    else {
        return vec![];
    };
    let (Some(serde_json::Value::Object(x)), Some(serde_json::Value::Object(y))) =
        (x.values().next(), y.values().next())
    else {
        return vec![];
    };
    x.iter()
        .filter(|(k, v)| y.get(*k) != Some(*v))
        .map(|(k, _)| k.clone())
        .collect()
}

/// A private directory for the file being edited, removed afterwards.
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new(id: &str) -> std::io::Result<TempDir> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let p =
            std::env::temp_dir().join(format!("dabir-edit-{id}-{}-{nanos}", std::process::id()));
        std::fs::create_dir(&p)?;
        Ok(TempDir(p))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
