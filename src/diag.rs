//! Findings as data: the rule that found them, how bad, where exactly, in both languages.
//!
//! A finding is made with an [`Anchor`] (a byte span when the parser knows it, or a JSON
//! pointer into the record when a schema or rule found it); [`resolve`] turns anchors into
//! line, column (in characters) and byte offset once, re-reading only the files that have
//! findings. Renderers in [`crate::render`] are views of the same list.

use serde::{Deserialize, Serialize};

use crate::model::Lang;
use crate::yaml::{self, ByteSpan, Tree};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// A finding a waiver excuses; reported, never fails a run.
    Waived,
}

impl Severity {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
            (Severity::Waived, Lang::En) => "waived",
            (Severity::Error, Lang::Fa) => "خطا",
            (Severity::Warning, Lang::Fa) => "هشدار",
            (Severity::Waived, Lang::Fa) => "معاف",
        }
    }
}

pub use crate::model::message::Text;

/// Where in its file a finding points, before resolution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// The whole file (no position).
    File,
    /// A byte span the parser reported.
    Bytes(ByteSpan),
    /// A value inside the record.
    Value(String),
    /// A key inside the record: `/agenda` + `mahlat` underlines the key `mahlat`.
    Key(String, String),
}

/// A resolved position: 1-based line and character column, byte offset and length.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub offset: usize,
    pub length: usize,
}

/// A second place a finding involves.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Related {
    #[serde(skip)]
    pub anchor: Anchor,
    #[serde(flatten)]
    pub position: Option<Position>,
    pub message: Text,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    /// Repository-relative path, `/`-separated.
    pub file: String,
    #[serde(skip)]
    pub anchor: Anchor,
    #[serde(flatten)]
    pub position: Option<Position>,
    pub record: Option<String>,
    pub message: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
    /// The waiver that excuses it, when waived.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiver: Option<String>,
}

impl Finding {
    pub fn new(
        rule: &'static str,
        severity: Severity,
        file: impl Into<String>,
        anchor: Anchor,
        message: Text,
    ) -> Finding {
        Finding {
            rule,
            severity,
            file: file.into(),
            anchor,
            position: None,
            record: None,
            message,
            help: None,
            related: Vec::new(),
            waiver: None,
        }
    }
    pub fn error(
        rule: &'static str,
        file: impl Into<String>,
        anchor: Anchor,
        message: Text,
    ) -> Finding {
        Finding::new(rule, Severity::Error, file, anchor, message)
    }
    pub fn warning(
        rule: &'static str,
        file: impl Into<String>,
        anchor: Anchor,
        message: Text,
    ) -> Finding {
        Finding::new(rule, Severity::Warning, file, anchor, message)
    }
    pub fn record(mut self, id: impl Into<String>) -> Finding {
        self.record = Some(id.into());
        self
    }
    /// The same finding with another severity (a rule whose milder cases are warnings).
    pub fn with_severity(mut self, severity: Severity) -> Finding {
        self.severity = severity;
        self
    }
    pub fn help(mut self, help: Text) -> Finding {
        self.help = Some(help);
        self
    }
    pub fn related(mut self, anchor: Anchor, message: Text) -> Finding {
        self.related.push(Related {
            anchor,
            position: None,
            message,
        });
        self
    }
}

/// Resolve a span to a position in `text`.
pub fn position(text: &str, span: ByteSpan) -> Position {
    let (line, column) = yaml::line_col(text, span.start);
    Position {
        line,
        column,
        offset: span.start,
        length: span.end.saturating_sub(span.start),
    }
}

fn resolve_anchor(text: &str, tree: Option<&Tree>, anchor: &Anchor) -> Option<Position> {
    let span = match anchor {
        Anchor::File => return None,
        Anchor::Bytes(s) => *s,
        Anchor::Value(p) => {
            let f = tree?.nearest(p);
            match (f.scalar, f.key) {
                (true, _) => f.value,
                // A mapping or list: underline the key that holds it.
                (false, Some(k)) => k,
                (false, None) => first_line(text, f.value.start),
            }
        }
        Anchor::Key(parent, key) => {
            let path = crate::pointer::child(parent, key);
            match tree?.find(&path) {
                Some(f) => f.key.unwrap_or(f.value),
                None => {
                    let f = tree?.nearest(parent);
                    f.key.unwrap_or(f.value)
                }
            }
        }
    };
    Some(position(text, span))
}

/// The rest of the line from `start`, as a span (for a node with no better span).
fn first_line(text: &str, start: usize) -> ByteSpan {
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    ByteSpan { start, end }
}

/// Fill in the positions of `findings`, reading each file with findings once through
/// `read` (the work tree or a git revision). Files are resolved in parallel; the findings
/// end up grouped by file (callers sort them for display afterwards).
pub fn resolve(findings: &mut [Finding], read: impl Fn(&str) -> Option<Vec<u8>> + Sync) {
    use rayon::prelude::*;
    findings.sort_by(|a, b| a.file.cmp(&b.file));
    findings
        .par_chunk_by_mut(|a, b| a.file == b.file)
        .for_each(|group| {
            let pending = |f: &Finding| {
                f.position.is_none() && (f.anchor != Anchor::File || !f.related.is_empty())
            };
            if !group.iter().any(pending) {
                return;
            }
            let Some(bytes) = read(&group[0].file) else {
                return;
            };
            // Byte spans from the parser are relative to the text without its BOM, if any.
            let text = &*yaml::display_text(&bytes);
            let needs_tree = group.iter().any(|f| {
                !matches!(f.anchor, Anchor::File | Anchor::Bytes(_))
                    || f.related
                        .iter()
                        .any(|r| !matches!(r.anchor, Anchor::File | Anchor::Bytes(_)))
            });
            let tree = if needs_tree { Tree::parse(text) } else { None };
            for f in group.iter_mut().filter(|f| pending(f)) {
                f.position = resolve_anchor(text, tree.as_ref(), &f.anchor);
                for r in &mut f.related {
                    r.position = resolve_anchor(text, tree.as_ref(), &r.anchor);
                }
            }
        });
}

/// Counts of a run's findings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub waived: usize,
}

impl Summary {
    pub fn of(files: usize, findings: &[Finding]) -> Summary {
        let count = |s| findings.iter().filter(|f| f.severity == s).count();
        Summary {
            files,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            waived: count(Severity::Waived),
        }
    }
}

/// Sort findings the way they are shown: by file, then position, then rule.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (&a.file, a.position.map(|p| p.offset), a.rule).cmp(&(
            &b.file,
            b.position.map(|p| p.offset),
            b.rule,
        ))
    });
}
