//! The only module that parses YAML. Every record goes through [`parse`], which enforces
//! the hostile-input policy before the parser sees the text:
//!
//! | input | policy | rule |
//! |---|---|---|
//! | larger than [`MAX_RECORD_BYTES`] | rejected before parsing | R-YAML-6 |
//! | invalid UTF-8, NUL | rejected | R-YAML-7 |
//! | BOM, CRLF line ends | accepted with a warning; the writer never emits them | R-YAML-8 |
//! | anchors, aliases (`&a`, `*a`) | rejected, never expanded | R-YAML-3 |
//! | tags (`!include`) | rejected | R-YAML-4 |
//! | several documents | rejected | R-YAML-5 |
//! | duplicate keys at any depth | rejected, naming both lines | R-YAML-2 |
//! | anything else the parser refuses | rejected with its line and column | R-YAML-1 |
//!
//! Scalars follow YAML 1.2, so `no`, `yes`, `on` are strings where the schema wants
//! strings. The fast path parses once with `yaml_serde` (libyaml) straight into a
//! `serde_json::Value` that rejects duplicate keys; the anchor/alias/tag guard is a byte
//! scan that costs nothing on ordinary records and runs a span-aware event scan
//! ([`locate`]) only when one of `&`, `*`, `!` appears. Spans for findings come from
//! [`locate`] too, and only for the files that have findings.

pub mod locate;
mod value;

use serde::Deserialize;

pub use locate::{ByteSpan, Tree};

/// The largest record file we parse: a record is a page of minutes, not a book.
pub const MAX_RECORD_BYTES: usize = 1 << 20;

/// A problem that stops a file from being read as a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub rule: &'static str,
    pub warning: bool,
    pub kind: ProblemKind,
    /// Where, as a byte span of the text.
    pub span: Option<ByteSpan>,
    /// A second place involved (the first of two duplicate keys).
    pub related: Option<ByteSpan>,
}

/// What went wrong, with what a message needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    TooLarge { size: usize },
    InvalidUtf8,
    Nul,
    Bom,
    Crlf,
    Anchor,
    Alias,
    Tag { tag: String },
    MultipleDocuments,
    DuplicateKey { key: String },
    Syntax { message: String },
    NotAMapping,
}

/// A parsed document: the text it came from (BOM removed) and its value.
#[derive(Debug)]
pub struct Parsed<'a> {
    pub text: &'a str,
    pub value: serde_json::Value,
    /// Warnings that did not stop the parse (BOM, CRLF).
    pub warnings: Vec<Problem>,
}

fn problem(rule: &'static str, kind: ProblemKind, span: Option<ByteSpan>) -> Problem {
    Problem {
        rule,
        warning: false,
        kind,
        span,
        related: None,
    }
}

/// Check the encoding and size of a file's bytes and return its text.
pub fn decode(bytes: &[u8]) -> Result<(&str, Vec<Problem>), Problem> {
    if bytes.len() > MAX_RECORD_BYTES {
        return Err(problem(
            "R-YAML-6",
            ProblemKind::TooLarge { size: bytes.len() },
            None,
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        problem(
            "R-YAML-7",
            ProblemKind::InvalidUtf8,
            Some(ByteSpan {
                start: at,
                end: at + 1,
            }),
        )
    })?;
    if let Some(at) = memchr::memchr(0, bytes) {
        return Err(problem(
            "R-YAML-7",
            ProblemKind::Nul,
            Some(ByteSpan {
                start: at,
                end: at + 1,
            }),
        ));
    }
    let mut warnings = Vec::new();
    let text = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => {
            warnings.push(Problem {
                warning: true,
                ..problem(
                    "R-YAML-8",
                    ProblemKind::Bom,
                    Some(ByteSpan { start: 0, end: 0 }),
                )
            });
            rest
        }
        None => text,
    };
    if let Some(at) = memchr::memchr(b'\r', text.as_bytes()) {
        warnings.push(Problem {
            warning: true,
            ..problem(
                "R-YAML-8",
                ProblemKind::Crlf,
                Some(ByteSpan {
                    start: at,
                    end: at + 1,
                }),
            )
        });
    }
    Ok((text, warnings))
}

/// The text of a file for showing positions in it, even when it is not valid UTF-8 or
/// holds a NUL (offsets before the first bad byte are unchanged); the BOM is removed, as
/// [`decode`] does.
pub fn display_text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    let bytes = bytes.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(bytes);
    String::from_utf8_lossy(bytes)
}

/// Parse one record file under the hostile-input policy.
pub fn parse(bytes: &[u8]) -> Result<Parsed<'_>, Vec<Problem>> {
    let (text, warnings) = decode(bytes).map_err(|p| vec![p])?;
    if memchr::memchr3(b'&', b'*', b'!', text.as_bytes()).is_some() {
        let found = locate::forbidden_nodes(text);
        if !found.is_empty() {
            return Err(found);
        }
    }
    let de = yaml_serde::Deserializer::from_str(text);
    match value::JsonValue::deserialize(de) {
        Ok(value::JsonValue(value)) => {
            if !value.is_object() {
                return Err(vec![problem(
                    "R-YAML-1",
                    ProblemKind::NotAMapping,
                    Some(ByteSpan { start: 0, end: 0 }),
                )]);
            }
            Ok(Parsed {
                text,
                value,
                warnings,
            })
        }
        Err(e) => Err(vec![classify(text, &e)]),
    }
}

/// Turn a parser error into a problem with the best location we can find.
fn classify(text: &str, e: &yaml_serde::Error) -> Problem {
    let message = e.to_string();
    let at = e.location().map(|l| {
        let start = l.index().min(text.len());
        ByteSpan { start, end: start }
    });
    if message.contains(value::DUPLICATE_KEY)
        && let Some((first, second, key)) = locate::first_duplicate(text)
    {
        return Problem {
            related: Some(first),
            ..problem("R-YAML-2", ProblemKind::DuplicateKey { key }, Some(second))
        };
    }
    if message.contains("more than one document") {
        let at = second_document(text).map(|start| ByteSpan {
            start,
            end: start + 3,
        });
        return problem(
            "R-YAML-5",
            ProblemKind::MultipleDocuments,
            at.or(Some(ByteSpan { start: 0, end: 0 })),
        );
    }
    // Strip the location yaml_serde appends: we print our own.
    let message = match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    };
    problem("R-YAML-1", ProblemKind::Syntax { message }, at)
}

/// The byte offset of the `---` that starts a second document, if any.
fn second_document(text: &str) -> Option<usize> {
    let mut offset = 0;
    let mut content = false;
    for line in text.split_inclusive('\n') {
        let l = line.trim_end();
        let marker = l == "---" || l.starts_with("--- ");
        if marker && content {
            return Some(offset);
        }
        if !marker && !l.trim_start().is_empty() && !l.trim_start().starts_with('#') {
            content = true;
        }
        offset += line.len();
    }
    None
}

/// 1-based line and 1-based column in characters of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1;
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(src: &str) -> Vec<&'static str> {
        match parse(src.as_bytes()) {
            Ok(_) => vec![],
            Err(ps) => ps.into_iter().map(|p| p.rule).collect(),
        }
    }

    #[test]
    fn plain_record_parses_with_yaml_12_scalars() {
        let p =
            parse("id: ESF-PC\nflag: no\non: yes\ndate: 1403-02-16\nn: 12\n".as_bytes()).unwrap();
        assert_eq!(p.value["flag"], "no");
        assert_eq!(p.value["on"], "yes");
        assert_eq!(p.value["date"], "1403-02-16");
        assert_eq!(p.value["n"], 12);
    }

    #[test]
    fn hostile_classes() {
        assert_eq!(rules("a: &x [1]\nb: *x\n"), vec!["R-YAML-3", "R-YAML-3"]);
        assert_eq!(rules("a: !include /etc/passwd\n"), vec!["R-YAML-4"]);
        assert_eq!(rules("a: 1\n---\nb: 2\n"), vec!["R-YAML-5"]);
        assert_eq!(rules("a:\n  b: 1\n  b: 2\n"), vec!["R-YAML-2"]);
        assert_eq!(rules("a: [1\n"), vec!["R-YAML-1"]);
        assert_eq!(rules("- 1\n- 2\n"), vec!["R-YAML-1"]);
        assert_eq!(rules("a: 'R&D * !'\n"), Vec::<&str>::new());
    }

    #[test]
    fn duplicate_names_both_lines() {
        let src = "id: X\nmeta:\n  a: 1\n  a: 2\n";
        let err = parse(src.as_bytes()).unwrap_err();
        let p = &err[0];
        assert_eq!(line_col(src, p.span.unwrap().start).0, 4);
        assert_eq!(line_col(src, p.related.unwrap().start).0, 3);
    }

    #[test]
    fn encoding() {
        assert_eq!(parse(b"a: \xff\n").unwrap_err()[0].rule, "R-YAML-7");
        assert_eq!(parse(b"a: 1\0\n").unwrap_err()[0].rule, "R-YAML-7");
        let p = parse("\u{FEFF}a: 1\r\n".as_bytes()).unwrap();
        assert_eq!(p.warnings.len(), 2);
        let big = vec![b' '; MAX_RECORD_BYTES + 1];
        assert_eq!(parse(&big).unwrap_err()[0].rule, "R-YAML-6");
    }

    #[test]
    fn columns_count_characters() {
        let src = "نام: x\n  مسئول: M-009\n";
        let at = src.find("M-009").unwrap();
        assert_eq!(line_col(src, at), (2, 10));
    }
}
