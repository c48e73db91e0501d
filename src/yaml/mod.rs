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
//! | collections nested deeper than [`MAX_DEPTH`] | rejected before parsing | R-YAML-9 |
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

pub use locate::{ByteSpan, MAX_DEPTH, Tree};

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
    TooLarge {
        size: usize,
    },
    InvalidUtf8,
    Nul,
    Bom,
    Crlf,
    /// A date written without quotes: YAML 1.1 readers take it for a timestamp.
    UnquotedDate {
        text: String,
    },
    Anchor,
    Alias,
    Tag {
        tag: String,
    },
    MultipleDocuments,
    TooDeep {
        limit: usize,
    },
    /// `.inf`, `.nan`: numbers a record cannot hold; quoted, they are text.
    NotFinite {
        text: String,
    },
    DuplicateKey {
        key: String,
    },
    Syntax {
        message: String,
    },
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

/// The byte-order mark: read with a warning (R-YAML-8), never part of the text.
const BOM: &[u8] = "\u{FEFF}".as_bytes();

/// Check the encoding and size of a file's bytes and return its text.
pub fn decode(bytes: &[u8]) -> Result<(&str, Vec<Problem>), Problem> {
    if bytes.len() > MAX_RECORD_BYTES {
        return Err(problem(
            "R-YAML-6",
            ProblemKind::TooLarge { size: bytes.len() },
            None,
        ));
    }
    // Every offset below is relative to the text without its BOM, as the parser's are
    // and as `display_text` shows it.
    let (bom, bytes) = match bytes.strip_prefix(BOM) {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
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
    if bom {
        warnings.push(Problem {
            warning: true,
            ..problem(
                "R-YAML-8",
                ProblemKind::Bom,
                Some(ByteSpan { start: 0, end: 0 }),
            )
        });
    }
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
/// holds a NUL; the BOM is removed, as [`decode`] does. Each byte that is not UTF-8 is
/// shown as one `?`, so every offset is the file's own (a replacement character would
/// take three bytes and move the end of a finding on the bad byte inside it).
pub fn display_text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.into(),
        Err(_) => bytes
            .utf8_chunks()
            .flat_map(|c| {
                c.valid()
                    .chars()
                    .chain(std::iter::repeat_n('?', c.invalid().len()))
            })
            .collect::<String>()
            .into(),
    }
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
    // libyaml's time grows with the square of the nesting: refuse deep files first. The
    // exact event scan runs only when a cheap bound says the file could be that deep.
    let too_deep = match depth_bound(text.as_bytes()) {
        Err(at) => Some(ByteSpan {
            start: at,
            end: at + 1,
        }),
        Ok(bound) if bound > MAX_DEPTH => locate::too_deep(text, MAX_DEPTH),
        Ok(_) => None,
    };
    if let Some(span) = too_deep {
        return Err(vec![problem(
            "R-YAML-9",
            ProblemKind::TooDeep { limit: MAX_DEPTH },
            Some(span),
        )]);
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
            let mut warnings = warnings;
            unquoted_dates(text, &mut warnings);
            Ok(Parsed {
                text,
                value,
                warnings,
            })
        }
        Err(e) => Err(vec![classify(text, &e)]),
    }
}

/// An upper bound of how deeply collections nest in `text`, from bytes alone, or where
/// flow collections (`[`, `{`) alone go past [`MAX_DEPTH`].
///
/// A flow collection opens with a `[` or `{` outside quotes and comments, which
/// [`flow_depth`] follows. A block collection nested in another starts on a line indented
/// more than its parent's (a sequence under a key may share the key's indent, hence the
/// factor 2) or after an indicator (`- `, `? `, `: `) on the same line. So the depth is
/// at most the flow depth plus, over lines, twice the leading spaces plus the line's `-`,
/// `?` and `:` bytes. Ordinary records stay far below the limit.
fn depth_bound(text: &[u8]) -> Result<usize, usize> {
    let flow = flow_depth(text, MAX_DEPTH)?;
    let mut block = 0;
    for line in text.split(|&b| b == b'\n') {
        let lead = line.iter().take_while(|&&b| b == b' ').count();
        let marks = line
            .iter()
            .filter(|&&b| matches!(b, b'-' | b'?' | b':'))
            .count();
        block = block.max(2 * (lead + 1) + marks);
        if flow + block > MAX_DEPTH {
            break;
        }
    }
    Ok(flow + block)
}

/// The deepest nesting of flow collections in `text`, or the offset of the first `[` or
/// `{` that opens one more than `limit` levels.
///
/// Parsers keep a pending key per open flow level and scan them all at each token, so
/// their time grows with the square of this depth; this lexer is linear. It skips
/// comments, quoted scalars (a quote opens one only where a scalar can start: after
/// white space, a flow indicator or an indicator followed by space) and block scalars
/// (`|`, `>`: the lines indented more than the line that opened them). The exact
/// event scan that follows ([`locate::too_deep`]) is the arbiter; this only keeps it linear.
pub fn flow_depth(text: &[u8], limit: usize) -> Result<usize, usize> {
    let n = text.len();
    let mut depth = 0usize;
    let mut max = 0usize;
    let mut i = 0;
    // Whether a scalar may start here (no plain scalar is under way on this line).
    let mut token_start = true;
    // The indent of the current line, for block scalars.
    let mut indent = 0usize;
    let mut line_start = true;
    while i < n {
        let c = text[i];
        if line_start {
            indent = text[i..].iter().take_while(|&&b| b == b' ').count();
            line_start = false;
            i += indent;
            token_start = true;
            continue;
        }
        let prev_space = i == 0 || matches!(text[i - 1], b' ' | b'\t' | b'\n' | b'\r');
        let next = text.get(i + 1).copied().unwrap_or(b'\n');
        let next_blank = matches!(next, b' ' | b'\t' | b'\n' | b'\r');
        match c {
            b'\n' => {
                line_start = true;
                i += 1;
                continue;
            }
            b'#' if prev_space => {
                // A comment, to the end of the line.
                i = memchr::memchr(b'\n', &text[i..]).map_or(n, |j| i + j);
                continue;
            }
            b'[' | b'{' if token_start || depth > 0 => {
                depth += 1;
                if depth > limit {
                    return Err(i);
                }
                max = max.max(depth);
                token_start = true;
            }
            b']' | b'}' if depth > 0 => {
                depth -= 1;
                token_start = false;
            }
            b',' if depth > 0 => token_start = true,
            b'\'' | b'"' if token_start => {
                i = skip_quoted(text, i);
                token_start = false;
                continue;
            }
            b'|' | b'>' if token_start && depth == 0 => {
                // A block scalar: skip the lines indented more than this one.
                let mut j = memchr::memchr(b'\n', &text[i..]).map_or(n, |j| i + j + 1);
                while j < n {
                    let lead = text[j..].iter().take_while(|&&b| b == b' ').count();
                    let blank = matches!(text.get(j + lead), None | Some(b'\n' | b'\r'));
                    if !blank && lead <= indent {
                        break;
                    }
                    j = memchr::memchr(b'\n', &text[j..]).map_or(n, |k| j + k + 1);
                }
                i = j;
                line_start = true;
                continue;
            }
            b' ' | b'\t' | b'\r' => {}
            b'-' | b'?' | b':' if next_blank || (c == b':' && depth > 0) => token_start = true,
            _ => token_start = false,
        }
        i += 1;
    }
    Ok(max)
}

/// The offset just past the quoted scalar that starts at `i`.
fn skip_quoted(text: &[u8], i: usize) -> usize {
    let q = text[i];
    let mut j = i + 1;
    while j < text.len() {
        match text[j] {
            b'\\' if q == b'"' => j += 2,
            b'\'' if q == b'\'' && text.get(j + 1) == Some(&b'\'') => j += 2,
            b if b == q => return j + 1,
            _ => j += 1,
        }
    }
    text.len()
}

/// Warn of each plain (unquoted) value shaped like a date, `1404-02-31`: dabir reads it
/// as text (YAML 1.2), but YAML 1.1 readers such as PyYAML read a timestamp and fail on a
/// day the Gregorian calendar lacks, so a script reading the records would crash
/// (R-YAML-10). dabir's writer always quotes dates.
fn unquoted_dates(text: &str, out: &mut Vec<Problem>) {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        let mut rest = line.trim_end();
        let mut start = at + (line.len() - line.trim_start().len());
        rest = rest.trim_start();
        // The value after `key: ` or after each `- `.
        loop {
            if let Some(r) = rest.strip_prefix("- ") {
                let t = r.trim_start();
                start += rest.len() - t.len();
                rest = t;
            } else if let Some(i) = rest.find(": ") {
                let t = rest[i + 2..].trim_start();
                start += rest.len() - t.len();
                rest = t;
            } else {
                break;
            }
        }
        let value = rest.split(" #").next().unwrap_or("").trim_end();
        if is_date_shaped(value) {
            out.push(Problem {
                warning: true,
                ..problem(
                    "R-YAML-10",
                    ProblemKind::UnquotedDate {
                        text: value.to_string(),
                    },
                    Some(ByteSpan {
                        start,
                        end: start + value.len(),
                    }),
                )
            });
        }
    }
}

/// `YYYY-M-D` in ASCII digits (what a YAML 1.1 timestamp starts as).
fn is_date_shaped(v: &str) -> bool {
    let parts: Vec<&str> = v.split('-').collect();
    parts.len() == 3
        && parts[0].len() == 4
        && (1..=2).contains(&parts[1].len())
        && (1..=2).contains(&parts[2].len())
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
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
    if let Some(i) = message.find(value::NOT_FINITE) {
        let rest = &message[i + value::NOT_FINITE.len()..];
        let text = rest
            .split(" at line ")
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        return problem("R-SCH-1", ProblemKind::NotFinite { text }, at);
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

    /// A bad byte after a BOM is placed in the text without the BOM, as it is shown: the
    /// offset counted the BOM's three bytes and fell inside a character (found by
    /// `fuzz/run.sh loader`, `fuzz/regressions/loader/crash-005` to `-010`).
    #[test]
    fn a_bad_byte_after_a_bom_is_placed_in_the_text_without_it() {
        for (bytes, bad) in [
            (&b"\xef\xbb\xbfB\0\xef\xbb\xbfB\0"[..], 1),
            (&b"\xef\xbb\xbfa: \xff\n"[..], 3),
        ] {
            let err = parse(bytes).unwrap_err();
            assert_eq!(err[0].rule, "R-YAML-7");
            let span = err[0].span.unwrap();
            assert_eq!(span.start, bad, "{bytes:?}");
            assert!(display_text(bytes).is_char_boundary(span.start));
        }
    }

    /// The shown text of a file that is not UTF-8 keeps every offset: the bad byte's
    /// finding ends between characters (with a replacement character it ended inside it:
    /// `fuzz/regressions/loader/crash-011` and after).
    #[test]
    fn the_shown_text_of_a_file_that_is_not_utf8_keeps_every_offset() {
        let bytes = b"a: \xb9\xff\xd8\xa2\xd8\n";
        let err = parse(bytes).unwrap_err();
        let span = err[0].span.unwrap();
        assert_eq!((span.start, span.end), (3, 4));
        let text = display_text(bytes);
        assert_eq!(text, "a: ??آ?\n");
        assert_eq!(text.len(), bytes.len());
        assert!(text.is_char_boundary(span.end));
    }

    #[test]
    fn deep_nesting_is_refused_before_the_parser_in_linear_time() {
        // 100,000 levels took 52 s (`[`) and over 90 s (`{a: `) when libyaml saw them.
        let n = 100_000;
        for src in [
            format!("a: {}{}\n", "[".repeat(n), "]".repeat(n)),
            format!("a: {}{}\n", "{a: ".repeat(n), "}".repeat(n)),
            format!("a:\n{}x\n", "- ".repeat(n)),
            format!("a: {}\n", "[ '\"', ".repeat(n)),
        ] {
            let t = std::time::Instant::now();
            let err = parse(src.as_bytes()).unwrap_err();
            assert_eq!(err[0].rule, "R-YAML-9", "{}", &src[..20]);
            assert!(t.elapsed().as_millis() < 1000, "{:?}", t.elapsed());
        }
        // At the limit it parses; brackets in quotes, comments and block scalars do not nest.
        let at_limit = format!(
            "a: {}{}\n",
            "[".repeat(MAX_DEPTH - 1),
            "]".repeat(MAX_DEPTH - 1)
        );
        assert!(parse(at_limit.as_bytes()).is_ok());
        let quoted = format!(
            "a: '{0}'\nb: \"{0}\"\n# {0}\nc: |\n  {0}\nd: x{0}\n",
            "[".repeat(200)
        );
        assert!(parse(quoted.as_bytes()).is_ok());
    }

    #[test]
    fn an_unquoted_date_is_read_with_a_warning_to_quote_it() {
        let src = "id: X\ndate: 1404-02-31\nlist:\n  - 1404-1-2 # x\nok: \"1404-02-31\"\n";
        let p = parse(src.as_bytes()).unwrap();
        assert_eq!(p.value["date"], "1404-02-31");
        let spans: Vec<&str> = p
            .warnings
            .iter()
            .map(|w| {
                assert_eq!(w.rule, "R-YAML-10");
                &src[w.span.unwrap().start..w.span.unwrap().end]
            })
            .collect();
        assert_eq!(spans, ["1404-02-31", "1404-1-2"]);
    }

    #[test]
    fn infinity_is_a_type_error_not_a_syntax_error() {
        let err = parse(b"id: X\namount: .inf\n").unwrap_err();
        assert_eq!(err[0].rule, "R-SCH-1");
        assert!(matches!(err[0].kind, ProblemKind::NotFinite { .. }));
        assert!(parse(b"id: X\namount: '.inf'\n").is_ok());
    }

    #[test]
    fn a_duplicate_key_in_a_huge_mapping_is_found_in_linear_time() {
        let time = |n: usize| {
            let mut src: String = (0..n).map(|i| format!("k{i}: 1\n")).collect();
            src.push_str("k5: 2\n");
            let t = std::time::Instant::now();
            let err = parse(src.as_bytes()).unwrap_err();
            assert_eq!(err[0].rule, "R-YAML-2");
            t.elapsed().as_secs_f64()
        };
        // Twice the keys, about twice the time (quadratic would be four times); the best
        // of three runs each, so a busy machine does not decide it.
        let best = |n: usize| (0..3).map(|_| time(n)).fold(f64::MAX, f64::min);
        let (small, large) = (best(20_000), best(40_000));
        assert!(large < small * 3.0 + 0.05, "{small} s then {large} s");
    }

    /// The depth every collection reaches, by the event parser (small inputs only: it is
    /// quadratic in flow depth).
    fn parser_depth(text: &str) -> Option<usize> {
        use saphyr_parser::{Event, Parser};
        let (mut depth, mut max) = (0usize, 0usize);
        for item in Parser::new_from_str(text) {
            match item.ok()?.0 {
                Event::SequenceStart(..) | Event::MappingStart(..) => {
                    depth += 1;
                    max = max.max(depth);
                }
                Event::SequenceEnd | Event::MappingEnd => depth -= 1,
                _ => {}
            }
        }
        Some(max)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: std::env::var("DABIR_PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000),
            ..Default::default()
        })]
        /// The byte bound never undercounts what the parser nests, whatever mix of quotes,
        /// comments, indicators and brackets, so the quadratic parse never sees depth.
        #[test]
        fn depth_bound_never_undercounts(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "[", "]", "{", "}", "'", "\"", ",", ": ", "- ", "? ", "#", " ", "\n", "\n  ",
                "|", ">", "a", "b c", "\\", "''",
            ]), 0..60)
        ) {
            let text: String = parts.concat();
            if let Some(d) = parser_depth(&text) {
                if let Ok(bound) = depth_bound(text.as_bytes()) { proptest::prop_assert!(bound >= d, "{text:?}: bound {bound} < {d}") }
                let flow = flow_depth(text.as_bytes(), usize::MAX);
                proptest::prop_assert!(flow.is_ok());
            }
        }
    }

    #[test]
    fn columns_count_characters() {
        let src = "نام: x\n  مسئول: M-009\n";
        let at = src.find("M-009").unwrap();
        assert_eq!(line_col(src, at), (2, 10));
    }
}
