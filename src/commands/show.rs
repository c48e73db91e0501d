//! `dabir show <ID>`: a record as the clerk reads it: Persian labels (English with
//! `--lang en`), Solar Hijri dates in Persian digits, lists indented; `--format json`
//! prints the record as JSON.

use std::io::Write;
use std::path::Path;

use serde_json::Value;

use crate::commands::{CliError, Globals, Status};
use crate::model::{JDate, Kind, Lang, Record};
use crate::render::Format;
use crate::render::labels::label;
use crate::tr;

/// Show one record as a clerk reads it.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The record's id.
    pub id: String,
}

/// The kind and path of the record `id` in the work tree at `root`.
pub fn locate(root: &Path, id: &str) -> Option<(Kind, String)> {
    Kind::ALL.into_iter().find_map(|k| {
        let p = k.path_of(id).ok()?;
        std::fs::symlink_metadata(root.join(&p))
            .ok()
            .filter(|m| m.is_file())
            .map(|_| (k, p))
    })
}

/// The kind and path of the record `id`; a usage error when the id is not one or no
/// record has it.
pub fn find(root: &Path, id: &str, lang: Lang) -> Result<(Kind, String), CliError> {
    crate::model::id::validate_id(id).map_err(|e| {
        CliError::Usage(match lang {
            Lang::En => format!("{id}: {e}"),
            Lang::Fa => format!("«{id}»: {}", e.fa()),
        })
    })?;
    locate(root, id).ok_or_else(|| {
        CliError::Usage(
            tr!(
                "no record has the id `{id}`",
                "هیچ سابقه‌ای با شناسه «{id}» نیست"
            )
            .get(lang)
            .into(),
        )
    })
}

/// Read and parse the record `id`; a usage error when there is none or it is invalid.
pub fn load(
    root: &Path,
    id: &str,
    lang: Lang,
) -> Result<(Kind, String, Vec<u8>, Record), CliError> {
    let (kind, path) = find(root, id, lang)?;
    let bytes = crate::repo::read_capped(&root.join(&path), &path)?;
    let mut findings = Vec::new();
    match crate::check::parse_record(&path, kind, &bytes, &mut findings) {
        Some(r) => Ok((kind, path, bytes, r)),
        None => {
            let first = findings
                .first()
                .map(|f| format!("{}: {}", f.rule, f.message.get(lang)))
                .unwrap_or_default();
            Err(CliError::Usage(format!("{path}: {first} (dabir check)")))
        }
    }
}

pub fn run(g: &Globals, args: ShowArgs) -> Result<Status, CliError> {
    let lang = super::lang_of(g);
    let root = crate::repo::discover(&g.dir)?;
    let (kind, path, _, record) = load(&root, &args.id, lang)?;
    let value = serde_json::to_value(&record).map_err(|e| CliError::CouldNotRun(e.to_string()))?;
    let inner = value
        .as_object()
        .and_then(|m| m.values().next())
        .cloned()
        .unwrap_or(Value::Null);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if g.format != Format::Human {
        let json = serde_json::json!({ "kind": kind.name(), "file": path, "record": inner });
        writeln!(out, "{json}")?;
        return Ok(Status::Clean);
    }
    let title = match lang {
        Lang::Fa => format!("{} {}", kind.name_fa(), args.id),
        Lang::En => format!("{} {}", kind.name(), args.id),
    };
    writeln!(out, "{title}  ({path})")?;
    let names = Names {
        root: &root,
        seen: Default::default(),
    };
    if let Value::Object(m) = &inner {
        render_map(&mut out, m, 1, lang, &names)?;
    }
    Ok(Status::Clean)
}

/// What the ids a record cites stand for: a person's, body's, committee's or cluster's
/// name, a decision's text, a plan's title; read from the work tree once each.
struct Names<'a> {
    root: &'a Path,
    seen: std::cell::RefCell<std::collections::HashMap<String, Option<String>>>,
}

impl Names<'_> {
    fn of(&self, id: &str) -> Option<String> {
        // Only what looks like an id (`ESF-P-001`), never a date or a text.
        if !id.contains('-')
            || JDate::is_canonical(id)
            || crate::model::id::validate_id(id).is_err()
        {
            return None;
        }
        if let Some(n) = self.seen.borrow().get(id) {
            return n.clone();
        }
        let name = locate(self.root, id).and_then(|(kind, path)| {
            let bytes = std::fs::read(self.root.join(&path)).ok()?;
            let r = crate::check::parse_record(&path, kind, &bytes, &mut Vec::new())?;
            let text = match r {
                Record::Person(p) => p.name,
                Record::Body(b) => b.name,
                Record::Committee(c) => c.name,
                Record::Cluster(c) => c.name,
                Record::Decision(d) => d.text,
                Record::Plan(p) => p.title,
                _ => return None,
            };
            let line = text.lines().next().unwrap_or_default().to_string();
            Some(line)
        });
        self.seen.borrow_mut().insert(id.to_string(), name.clone());
        name
    }
}

/// A scalar, and what it stands for when it is the id of a record with a name or text.
fn scalar_named(v: &Value, lang: Lang, names: &Names<'_>) -> String {
    let s = scalar(v, lang);
    match v.as_str().and_then(|id| names.of(id)) {
        Some(name) => format!("{s} ({name})"),
        None => s,
    }
}

fn render_map(
    out: &mut impl Write,
    m: &serde_json::Map<String, Value>,
    depth: usize,
    lang: Lang,
    names: &Names<'_>,
) -> std::io::Result<()> {
    for (k, v) in m {
        if v.is_null() || v.as_array().is_some_and(|a| a.is_empty()) || (depth == 1 && k == "id") {
            continue;
        }
        let pad = "  ".repeat(depth);
        let label = label(k, lang);
        match v {
            Value::Object(inner) => {
                writeln!(out, "{pad}{label}:")?;
                render_map(out, inner, depth + 1, lang, names)?;
            }
            Value::Array(items) => {
                writeln!(out, "{pad}{label}:")?;
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Value::Object(inner) => {
                            writeln!(out, "{pad}  {}.", number(i + 1, lang))?;
                            render_map(out, inner, depth + 2, lang, names)?;
                        }
                        other => writeln!(out, "{pad}  - {}", scalar_named(other, lang, names))?,
                    }
                }
            }
            other => {
                let s = scalar_named(other, lang, names);
                if s.contains('\n') {
                    writeln!(out, "{pad}{label}:")?;
                    for line in s.lines() {
                        writeln!(out, "{pad}  {line}")?;
                    }
                } else {
                    writeln!(out, "{pad}{label}: {s}")?;
                }
            }
        }
    }
    Ok(())
}

fn number(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Fa => crate::model::text::persian_digits(&n.to_string()),
        Lang::En => n.to_string(),
    }
}

fn scalar(v: &Value, lang: Lang) -> String {
    match (v, lang) {
        (Value::Bool(b), Lang::Fa) => if *b { "بله" } else { "خیر" }.into(),
        (Value::Bool(b), Lang::En) => if *b { "yes" } else { "no" }.into(),
        (Value::Number(n), Lang::Fa) => crate::model::text::persian_digits(&n.to_string()),
        (Value::String(s), Lang::Fa) if JDate::is_canonical(s) => {
            crate::model::text::persian_digits(s)
        }
        (Value::String(s), _) => s.clone(),
        (other, _) => other.to_string(),
    }
}
