//! The YAML writer: a record as the stable, minimal file a reviewer diffs.
//!
//! - keys in the model's field order (serde_json keeps insertion order), 2-space indent,
//!   block style, one key per line, so an edit to one field changes only its lines;
//! - null fields and empty lists are dropped (the model reads them back as defaults);
//! - a string is written plain only when no YAML 1.1 or 1.2 reader can misread it:
//!   `no`, `on`, `~`, `null`, anything number-like (so every Solar Hijri date such as
//!   `"1403-02-16"`), leading or trailing space, a leading indicator character, `: ` or
//!   ` #` inside, the empty string, control characters: all double-quoted
//!   (YAML 1.1 readers take an unquoted `no` or `yes` for a boolean);
//! - multi-line text is a `|` literal block, with the chomping indicator that keeps its
//!   trailing newlines exactly;
//! - every file starts with the `yaml-language-server` modeline pointing at its schema,
//!   so editors validate as the clerk types; no BOM, `\n` line ends.
//!
//! Writing never fails: every value the model serializes has a YAML form. Reading back
//! through [`crate::check::parse_record`] gives the identical record (tested below).

use serde_json::{Map, Value};

use crate::model::{Kind, Record};

/// The text of a record's file.
pub fn to_yaml(record: &Record) -> String {
    let value = serde_json::to_value(record).expect("records serialize to JSON");
    // `Record` is externally tagged: `{"meeting": {...}}`; the file holds the inner map.
    let inner = match value {
        Value::Object(mut m) if m.len() == 1 => m.pop_first_value(),
        other => other,
    };
    let mut out = modeline(record.kind());
    match &inner {
        Value::Object(map) => emit_map(&mut out, map, 0, false),
        other => {
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
    out
}

/// The text of the repository config, `dabir.yaml`.
pub fn config_to_yaml(config: &crate::model::Config) -> String {
    let value = serde_json::to_value(config).expect("the config serializes to JSON");
    let mut out = String::from("# yaml-language-server: $schema=schema/config.schema.json\n");
    if let Value::Object(map) = &value {
        emit_map(&mut out, map, 0, false);
    }
    out
}

trait PopFirst {
    fn pop_first_value(&mut self) -> Value;
}

impl PopFirst for Map<String, Value> {
    fn pop_first_value(&mut self) -> Value {
        let key = self.keys().next().cloned().unwrap_or_default();
        self.remove(&key).unwrap_or(Value::Null)
    }
}

/// The first line of a record file of `kind`: the schema, relative to the file.
pub fn modeline(kind: Kind) -> String {
    let up = if kind.yearly() { "../../" } else { "../" };
    format!(
        "# yaml-language-server: $schema={up}schema/{}.schema.json\n",
        kind.name()
    )
}

/// A value that carries no information and is left out of the file.
fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

fn indent(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

/// A mapping at indentation `ind`; with `inline`, the first key continues a `- ` line.
fn emit_map(out: &mut String, map: &Map<String, Value>, ind: usize, inline: bool) {
    let mut first = true;
    for (k, v) in map {
        if is_empty(v) {
            continue;
        }
        if !(first && inline) {
            indent(out, ind);
        }
        first = false;
        out.push_str(&key(k));
        out.push(':');
        emit_value_after_key(out, v, ind);
    }
}

fn emit_value_after_key(out: &mut String, v: &Value, ind: usize) {
    match v {
        Value::Object(m) if m.values().all(is_empty) => out.push_str(" {}\n"),
        Value::Object(m) => {
            out.push('\n');
            emit_map(out, m, ind + 2, false);
        }
        Value::Array(items) => {
            out.push('\n');
            emit_list(out, items, ind + 2);
        }
        Value::String(s) if literal_block_ok(s) => {
            out.push(' ');
            emit_literal(out, s, ind + 2);
        }
        other => {
            out.push(' ');
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
}

fn emit_list(out: &mut String, items: &[Value], ind: usize) {
    for item in items {
        indent(out, ind);
        out.push_str("- ");
        match item {
            Value::Object(m) if m.values().all(is_empty) => out.push_str("{}\n"),
            Value::Object(m) => emit_map(out, m, ind + 2, true),
            Value::Array(inner) if inner.is_empty() => out.push_str("[]\n"),
            Value::Array(inner) => {
                out.push('\n');
                emit_list(out, inner, ind + 2);
            }
            Value::String(s) if literal_block_ok(s) => emit_literal(out, s, ind + 2),
            other => {
                out.push_str(&scalar(other));
                out.push('\n');
            }
        }
    }
}

fn key(k: &str) -> String {
    if plain_ok(k) { k.to_string() } else { quote(k) }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => {
            if plain_ok(s) {
                s.clone()
            } else {
                quote(s)
            }
        }
        // Not reached: containers are emitted in block style.
        Value::Array(_) | Value::Object(_) => quote(&v.to_string()),
    }
}

/// Words that some YAML reader (1.1 or 1.2, any case) takes for a boolean or null.
const RESERVED: &[&str] = &[
    "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
];

/// Characters that may not start a plain scalar, or change its meaning there.
const LEADING: &str = "-?:,[]{}#&*!|>'\"%@`<=+.";

/// Whether `s` may be written as a plain scalar and read back as the same string by
/// every YAML 1.1 and 1.2 reader.
pub fn plain_ok(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if LEADING.contains(first) || first.is_ascii_digit() || first.is_whitespace() {
        return false;
    }
    if s.ends_with(char::is_whitespace) || s.ends_with(':') {
        return false;
    }
    if s.contains(": ") || s.contains(" #") || s.contains(":\t") || s.contains("\t#") {
        return false;
    }
    if s.chars().any(|c| c.is_control() || needs_escape(c)) {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    if RESERVED.contains(&lower.as_str()) {
        return false;
    }
    // Number-like after a sign was excluded by LEADING; `.inf`, `.nan` start with `.`.
    true
}

/// Characters YAML does not allow raw in a document (or that editors mangle).
fn needs_escape(c: char) -> bool {
    matches!(c, '\u{FEFF}' | '\u{2028}' | '\u{2029}' | '\u{85}')
        || (c as u32) < 0x20 && c != '\t' && c != '\n'
        || c == '\u{7F}'
}

/// A double-quoted scalar with YAML escapes.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            c if c.is_control() || needs_escape(c) => {
                let n = c as u32;
                if n <= 0xFF {
                    out.push_str(&format!("\\x{n:02X}"));
                } else {
                    out.push_str(&format!("\\u{n:04X}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether a string is written as a `|` literal block: it has several lines, and every
/// line survives the block unchanged.
fn literal_block_ok(s: &str) -> bool {
    if !s.contains('\n') {
        return false;
    }
    if s.chars()
        .any(|c| (c.is_control() && c != '\n') || needs_escape(c))
    {
        return false;
    }
    let body = s.trim_end_matches('\n');
    if body.is_empty() {
        return false;
    }
    // The first line sets the block's indentation: it may not start with a space, and a
    // line of only spaces would be read as an empty one.
    if body.starts_with(' ') {
        return false;
    }
    body.split('\n')
        .all(|line| line.is_empty() || !line.trim_matches(' ').is_empty())
}

/// `|`, `|-` or `|+` by the number of trailing newlines, then the lines at `ind`.
fn emit_literal(out: &mut String, s: &str, ind: usize) {
    let body = s.trim_end_matches('\n');
    let trailing = s.len() - body.len();
    out.push_str(match trailing {
        0 => "|-",
        1 => "|",
        _ => "|+",
    });
    out.push('\n');
    for line in body.split('\n') {
        if !line.is_empty() {
            indent(out, ind);
            out.push_str(line);
        }
        out.push('\n');
    }
    for _ in 1..trailing {
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::parse_record;
    use crate::model::body::{Body, BodyCategory};
    use crate::model::decision::{Decision, DecisionStatus, Dispatch, Followup, FollowupKind};
    use crate::model::{JDate, Letter};
    use proptest::prelude::*;

    fn roundtrip(r: &Record) -> Record {
        let text = to_yaml(r);
        let mut findings = Vec::new();
        let path = r.kind().path_of(r.id()).unwrap();
        match parse_record(&path, r.kind(), text.as_bytes(), &mut findings) {
            Some(back) => back,
            None => panic!("did not read back:\n{text}\n{findings:#?}"),
        }
    }

    fn decision(text: String, note: String, number: String) -> Record {
        Record::Decision(Decision {
            id: "ESF-PC-1403-02-D3".into(),
            meeting: "ESF-PC-1403-02".into(),
            text,
            responsible: vec!["ESF-B-SMT".into()],
            deadline: JDate::new(1403, 6, 31),
            adopts: None,
            status: DecisionStatus::Open,
            topics: vec![],
            dispatch: Some(Dispatch {
                letter: Letter {
                    number,
                    date: JDate::new(1403, 2, 20).unwrap(),
                },
                recipients: vec!["ESF-B-SMT".into(), "ESF-B-CHAMBER".into()],
            }),
            followups: vec![Followup {
                date: JDate::new(1403, 4, 1).unwrap(),
                kind: FollowupKind::Progress,
                note,
                evidence: None,
                meeting: None,
            }],
        })
    }

    #[test]
    fn the_file_a_reviewer_reads() {
        let r = decision(
            "ایجاد مرکز طراحی: فاز اول\nو دوم".into(),
            "no".into(),
            "۱۲۳/ص".into(),
        );
        let text = to_yaml(&r);
        insta::assert_snapshot!(text, @r#"
        # yaml-language-server: $schema=../../schema/decision.schema.json
        id: ESF-PC-1403-02-D3
        meeting: ESF-PC-1403-02
        text: |-
          ایجاد مرکز طراحی: فاز اول
          و دوم
        responsible:
          - ESF-B-SMT
        deadline: "1403-06-31"
        status: open
        dispatch:
          letter:
            number: ۱۲۳/ص
            date: "1403-02-20"
          recipients:
            - ESF-B-SMT
            - ESF-B-CHAMBER
        followups:
          - date: "1403-04-01"
            kind: progress
            note: "no"
        "#);
        assert_eq!(roundtrip(&r), r);
    }

    #[test]
    fn ambiguous_scalars_are_quoted() {
        for s in [
            "yes",
            "No",
            "ON",
            "off",
            "y",
            "N",
            "true",
            "False",
            "null",
            "~",
            "",
            " x",
            "x ",
            "1403-02-16",
            "12",
            "0x10",
            "1e3",
            ".inf",
            "-x",
            "? x",
            "a: b",
            "a #b",
            "#x",
            "&a",
            "*a",
            "!t",
            "|",
            ">",
            "'",
            "\"",
            "%",
            "@",
            "`",
            "a:",
            "\u{FEFF}x",
        ] {
            assert!(!plain_ok(s), "{s:?} would be written plain");
        }
        for s in ["خوشه فرش", "ESF-PC", "a:b", "نامه ۱۲۳/ص", "x#y"] {
            assert!(plain_ok(s), "{s:?} needlessly quoted");
        }
    }

    #[test]
    fn one_field_edit_changes_only_its_lines() {
        let a = decision("متن".into(), "پیشرفت".into(), "۱".into());
        let mut b = a.clone();
        if let Record::Decision(d) = &mut b {
            d.status = DecisionStatus::Done;
        }
        let (ta, tb) = (to_yaml(&a), to_yaml(&b));
        let changed: Vec<_> = ta.lines().zip(tb.lines()).filter(|(x, y)| x != y).collect();
        assert_eq!(changed, vec![("status: open", "status: done")]);
        assert_eq!(ta.lines().count(), tb.lines().count());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn any_text_round_trips(
            text in "\\PC{1,40}(\n\\PC{0,20}){0,3}\n{0,2}",
            note in prop_oneof![Just("yes".to_string()), Just("~".to_string()), "[ -~]{1,12}", "\\PC{1,12}"],
            number in "[0-9۰-۹/ ص:#-]{1,10}",
            name in "\\PC{1,30}",
        ) {
            prop_assume!(!text.trim().is_empty());
            let r = decision(text, note, number);
            prop_assert_eq!(roundtrip(&r), r);
            let b = Record::Body(Body {
                id: "ESF-B-X".into(),
                name,
                category: BodyCategory::Chamber,
                parent: None,
                note: Some("a\n  b\n".into()),
            });
            let back = roundtrip(&b);
            prop_assert_eq!(back, b);
        }
    }
}
