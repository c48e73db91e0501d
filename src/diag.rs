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
    /// The git commit it is about, for the findings read from history (R-MTG-9, audit).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
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
            commit: None,
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
    /// The same finding about a git commit.
    pub fn commit(mut self, id: impl Into<String>) -> Finding {
        self.commit = Some(id.into());
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

/// Resolve a span to a position in `text` (one span; [`resolve`] indexes the text once).
pub fn position(text: &str, span: ByteSpan) -> Position {
    let (line, column) = yaml::line_col(text, span.start);
    Position {
        line,
        column,
        offset: span.start,
        length: span.end.saturating_sub(span.start),
    }
}

/// Lines and columns of a text in O(log n) per offset, so a file with 100,000 findings on
/// one long line is resolved in linear time (counting from the line start each time was
/// quadratic).
struct Index<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    /// Characters before every `BLOCK`-th byte, when the text is not ASCII.
    chars: Option<Vec<usize>>,
}

const BLOCK: usize = 256;

impl<'a> Index<'a> {
    fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let chars = (!text.is_ascii()).then(|| {
            let mut n = 0;
            let mut out = Vec::with_capacity(text.len() / BLOCK + 1);
            for block in text.as_bytes().chunks(BLOCK) {
                out.push(n);
                n += block.iter().filter(|&&b| b & 0xC0 != 0x80).count();
            }
            // And before the byte after the last: an offset at the very end of a text
            // whose length is a multiple of `BLOCK` (found by fuzzing, `loader`).
            out.push(n);
            out
        });
        Index {
            text,
            line_starts,
            chars,
        }
    }

    /// Characters before byte `offset` (which need not be a boundary: a character counts
    /// from its first byte).
    fn chars_before(&self, offset: usize) -> usize {
        match &self.chars {
            None => offset,
            Some(table) => {
                let b = offset / BLOCK;
                table.get(b).copied().unwrap_or(0)
                    + self.text.as_bytes()[b * BLOCK..offset]
                        .iter()
                        .filter(|&&c| c & 0xC0 != 0x80)
                        .count()
            }
        }
    }

    fn position(&self, span: ByteSpan) -> Position {
        let mut offset = span.start.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        Position {
            line,
            column: self.chars_before(offset) - self.chars_before(start) + 1,
            offset: span.start,
            length: span.end.saturating_sub(span.start),
        }
    }
}

fn resolve_anchor(index: &Index<'_>, tree: Option<&Tree>, anchor: &Anchor) -> Option<Position> {
    let text = index.text;
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
    Some(index.position(span))
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
            let index = Index::new(text);
            for f in group.iter_mut().filter(|f| pending(f)) {
                f.position = resolve_anchor(&index, tree.as_ref(), &f.anchor);
                for r in &mut f.related {
                    r.position = resolve_anchor(&index, tree.as_ref(), &r.anchor);
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

#[cfg(test)]
mod index {
    use super::*;

    /// Columns count characters, at every offset, including the end of a text whose
    /// length is a whole number of blocks (it was column 1 - n, an overflow).
    #[test]
    fn columns_at_every_offset_and_the_very_end() {
        for len in [BLOCK - 2, BLOCK, 2 * BLOCK, 2 * BLOCK + 2] {
            // «ب» is two bytes; a line break every 50 characters.
            let text: String = (0..len / 2)
                .map(|i| if i % 50 == 49 { "\n\n" } else { "ب" })
                .collect();
            assert_eq!(text.len(), len);
            let index = Index::new(&text);
            for offset in (0..=len).filter(|o| text.is_char_boundary(*o)) {
                let p = index.position(ByteSpan {
                    start: offset,
                    end: offset,
                });
                let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
                assert_eq!(
                    p.column,
                    text[line_start..offset].chars().count() + 1,
                    "{len} {offset}"
                );
            }
        }
    }
}

#[cfg(test)]
mod bilingual {
    //! Every message a person reads exists in both languages: each `tr!` in the source
    //! has an English text and a Persian one that is Persian (not a copy of the English),
    //! and so has every rule's title and documentation.

    use std::path::Path;

    fn persian(s: &str) -> bool {
        s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
    }

    /// Only placeholders and punctuation: `{message}`, `{w_fa}: {x}`.
    fn only_placeholders(s: &str) -> bool {
        let mut depth = 0;
        s.chars().all(|c| {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            depth > 0 || c == '}' || !c.is_alphabetic()
        })
    }

    /// The string literal at the start of `s` (after whitespace), and what follows it.
    fn literal(s: &str) -> Option<(String, &str)> {
        let s = s.trim_start();
        let body = s.strip_prefix('"')?;
        let mut out = String::new();
        let mut chars = body.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    if let Some((_, e)) = chars.next() {
                        out.push(e);
                    }
                }
                '"' => return Some((out, &body[i + 1..])),
                c => out.push(c),
            }
        }
        None
    }

    fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                sources(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push((
                    p.display().to_string(),
                    std::fs::read_to_string(&p).unwrap(),
                ));
            }
        }
    }

    #[test]
    fn every_message_has_both_languages() {
        let mut files = Vec::new();
        sources(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        let (mut seen, mut bad) = (0, Vec::new());
        for (path, text) in &files {
            // Test modules make stand-in messages.
            let text = text.split("#[cfg(test)]\nmod ").next().unwrap_or_default();
            for (at, _) in text.match_indices("tr!(") {
                let Some((en, rest)) = literal(&text[at + 4..]) else {
                    continue; // the macro itself, or a message built elsewhere
                };
                let Some((fa, _)) = rest.trim_start().strip_prefix(',').and_then(literal) else {
                    continue;
                };
                seen += 1;
                let line = text[..at].lines().count() + 1;
                let fa_ok = persian(&fa) || only_placeholders(&fa);
                if en.trim().is_empty() || !fa_ok || (persian(&en) && !persian(&fa)) {
                    bad.push(format!("{path}:{line}: {en:?} / {fa:?}"));
                }
            }
        }
        assert!(seen > 250, "only {seen} messages found");
        for r in crate::rules::all() {
            for (en, fa) in [r.title, r.doc] {
                if en.trim().is_empty() || !persian(fa) {
                    bad.push(format!("{}: {en:?} / {fa:?}", r.id));
                }
            }
        }
        assert!(
            bad.is_empty(),
            "messages missing a language:\n{}",
            bad.join("\n")
        );
    }
}
