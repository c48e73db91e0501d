//! `dabir edit <ID>`: open a record in `$EDITOR`, validate it on save, and commit it as
//! one write; while it is invalid, reopen it with the problems shown as comments at the
//! top. Emptying the file or leaving the editor with an error abandons the edit, and
//! nothing is written.
//!
//! The saved record goes through the same transaction as every write (schema, ids,
//! references, locked minutes, `rules::run` before and after), and is written back in the
//! tool's own stable form (comments the clerk typed are not kept).
//!
//! Like every write, an edit commits only on top of the state it opened: should another
//! write have changed the record while the editor was open, the fields only one side
//! changed are merged, and a field both changed is refused, naming it (nothing lost).
//! A save that leaves the file as it was after an objection abandons the edit (exit 2),
//! so a script or a non-interactive editor cannot loop; SIGINT or SIGTERM stop the
//! editor and end the edit with nothing written and no temporary file left.

use std::path::Path;

use crate::commands::{CliError, Globals, Status};
use crate::model::Record;
use crate::store::Action;
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

/// Set by SIGINT or SIGTERM while an edit is open.
static INTERRUPTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

extern "C" fn on_signal(_: libc::c_int) {
    // Only an atomic store: async-signal-safe.
    INTERRUPTED.store(true, std::sync::atomic::Ordering::SeqCst);
}

/// SIGINT and SIGTERM set [`INTERRUPTED`] instead of ending dabir at once, so the edit
/// can stop its editor and remove its temporary directory.
fn catch_signals() {
    let handler = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
    // SAFETY: the handler only stores to an atomic.
    unsafe {
        libc::signal(libc::SIGINT, handler);
        libc::signal(libc::SIGTERM, handler);
    }
}

fn interrupted() -> bool {
    INTERRUPTED.load(std::sync::atomic::Ordering::SeqCst)
}

/// How the editor ended.
enum Ended {
    Saved,
    Failed,
    Interrupted,
}

/// Run the editor on `file` and wait for it; on SIGINT or SIGTERM, stop it.
fn edit_file(file: &Path) -> Result<Ended, CliError> {
    let mut child = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{} \"$1\"", editor()))
        .arg("dabir-edit")
        .arg(file)
        .spawn()
        .map_err(|e| CliError::CouldNotRun(format!("cannot run the editor: {e}")))?;
    loop {
        if interrupted() {
            let _ = child.kill();
            let _ = child.wait();
            return Ok(Ended::Interrupted);
        }
        if let Some(status) = child.try_wait()? {
            return Ok(if interrupted() {
                Ended::Interrupted
            } else if status.success() {
                Ended::Saved
            } else {
                Ended::Failed
            });
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
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
    catch_signals();
    let abandoned = |why: crate::diag::Text| {
        let (why_en, why_fa) = (why.en, why.fa);
        CliError::Usage(
            tr!(
                "edit abandoned ({why_en}); nothing was written",
                "ویرایش رها شد ({why_fa})؛ چیزی نوشته نشد"
            )
            .get(lang)
            .into(),
        )
    };
    loop {
        std::fs::write(&file, with_marks(&problems, &text))?;
        match edit_file(&file)? {
            Ended::Saved => {}
            Ended::Failed => {
                return Err(abandoned(tr!(
                    "the editor ended with an error",
                    "ویرایشگر با خطا بسته شد"
                )));
            }
            Ended::Interrupted => return Err(abandoned(tr!("interrupted", "قطع شد"))),
        }
        let saved = strip_marks(&std::fs::read_to_string(&file)?);
        // Saved unchanged after an objection: the editor (or the script) cannot meet it.
        if !problems.is_empty() && saved == text {
            return Err(abandoned(tr!(
                "saved unchanged after an objection",
                "پس از ایراد بدون تغییر ذخیره شد"
            )));
        }
        text = saved;
        let meaningful = text
            .lines()
            .any(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
        if !meaningful {
            return Err(abandoned(tr!("the file was emptied", "پرونده خالی شد")));
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
        // Commit only on top of the state the edit opened: another write may have
        // landed while the editor was open.
        let head = tx.get(&id).cloned();
        let record = match head {
            Some(head) if head != *before => merge(before, &head, record, &changed)?,
            _ => record,
        };
        tx.replace(record)?;
        Ok(Action::Edit {
            kind,
            id,
            fields: changed,
        })
    });
    match result {
        Ok(s) => Ok(s),
        // Another write changed the same fields: the edit's copy is stale, so it ends
        // (the clerk edits the record as it is now).
        Err(CliError::Refused { rule, message }) if rule == "R-EDIT-1" => {
            Err(Fatal(CliError::Refused { rule, message }))
        }
        // A rule refused the new state: show it in the file and let the clerk fix it.
        Err(CliError::Refused { message: msg, .. }) => {
            Err(Retry(msg.lines().next().unwrap_or_default().to_string()))
        }
        Err(CliError::Usage(msg)) if msg.contains("R-") => {
            Err(Retry(msg.lines().next().unwrap_or_default().to_string()))
        }
        Err(e) => Err(Fatal(e)),
    }
}

/// The edit's record laid over `head`, the version another write committed while the
/// editor was open: the fields the edit changed replace head's; a field both changed is
/// refused, since one side's change would be lost.
fn merge(
    before: &Record,
    head: &Record,
    edited: Record,
    changed: &[String],
) -> Result<Record, crate::store::StoreError> {
    let theirs = changed_fields(before, head);
    let both: Vec<&String> = changed.iter().filter(|f| theirs.contains(f)).collect();
    let path = head.kind().path_of(head.id()).unwrap_or_default();
    if !both.is_empty() {
        let fields = both
            .iter()
            .map(|f| f.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let others = theirs.join(", ");
        return Err(crate::store::refuse(
            "R-EDIT-1",
            path,
            tr!(
                "another write changed {others} of this record while the editor was open, and this edit changed {fields} too; run `dabir show` to see the record as it is now, then `dabir edit` again",
                "در مدتی که ویرایشگر باز بود نوشتن دیگری {others} این سابقه را تغییر داد و این ویرایش نیز {fields} را تغییر داده است؛ سابقه کنونی را با `dabir show` ببینید و دوباره `dabir edit` کنید"
            ),
        ));
    }
    let (Ok(serde_json::Value::Object(mut h)), Ok(serde_json::Value::Object(e))) =
        (serde_json::to_value(head), serde_json::to_value(&edited))
    else {
        return Ok(edited);
    };
    let (Some(serde_json::Value::Object(hv)), Some(serde_json::Value::Object(ev))) =
        (h.values_mut().next(), e.values().next())
    else {
        return Ok(edited);
    };
    for f in changed {
        match ev.get(f) {
            Some(v) => {
                hv.insert(f.clone(), v.clone());
            }
            None => {
                hv.remove(f);
            }
        }
    }
    let kind = head.kind();
    let inner = serde_json::Value::Object(hv.clone());
    Record::deserialize_kind(kind, &inner).map_err(|e| {
        crate::store::StoreError::Usage(crate::tr!(
            "internal error: the merged record does not read: {e}",
            "خطای درونی دبیر: سابقه ادغام‌شده خوانده نمی‌شود: {e}"
        ))
    })
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
    let mut out: Vec<String> = x
        .iter()
        .filter(|(k, v)| y.get(*k) != Some(*v))
        .map(|(k, _)| k.clone())
        .collect();
    out.extend(y.keys().filter(|k| !x.contains_key(*k)).cloned());
    out
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
