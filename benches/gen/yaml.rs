//! A small block-YAML emitter for generated records: good enough for data we make
//! ourselves, not a general writer (the real one lives in `src/store/`).
//!
//! Nulls and empty lists/maps are dropped; every string is double-quoted, so no YAML 1.1
//! trap (`no`, `on`, dates) can change a value's type.

use serde_json::Value;

/// The record as block YAML.
pub fn to_yaml(v: &Value) -> String {
    let mut out = String::with_capacity(4096);
    match v {
        Value::Object(_) => map(&mut out, v, 0, false),
        other => {
            scalar(&mut out, other);
            out.push('\n');
        }
    }
    out
}

fn skip(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.values().all(skip),
        _ => false,
    }
}

fn indent(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

/// Emit the entries of a mapping at `ind`; when `inline`, the first key continues a line
/// already begun (after `- `).
fn map(out: &mut String, v: &Value, ind: usize, mut inline: bool) {
    let Value::Object(o) = v else {
        unreachable!("map() takes objects")
    };
    for (k, v) in o {
        if skip(v) {
            continue;
        }
        if !inline {
            indent(out, ind);
        }
        inline = false;
        out.push_str(k);
        out.push(':');
        match v {
            Value::Object(_) => {
                out.push('\n');
                map(out, v, ind + 2, false);
            }
            Value::Array(_) => {
                out.push('\n');
                seq(out, v, ind + 2);
            }
            _ => {
                out.push(' ');
                scalar(out, v);
                out.push('\n');
            }
        }
    }
}

fn seq(out: &mut String, v: &Value, ind: usize) {
    let Value::Array(a) = v else {
        unreachable!("seq() takes arrays")
    };
    for item in a {
        indent(out, ind);
        out.push_str("- ");
        match item {
            Value::Object(_) => map(out, item, ind + 2, true),
            Value::Array(_) => {
                out.push('\n');
                seq(out, item, ind + 2);
            }
            _ => {
                scalar(out, item);
                out.push('\n');
            }
        }
    }
}

fn scalar(out: &mut String, v: &Value) {
    match v {
        Value::String(s) => {
            out.push('"');
            for c in s.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\t' => out.push_str("\\t"),
                    c if (c as u32) < 0x20 => out.push_str(&format!("\\x{:02x}", c as u32)),
                    c => out.push(c),
                }
            }
            out.push('"');
        }
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Null => out.push_str("null"),
        Value::Array(_) | Value::Object(_) => unreachable!("scalar() takes scalars"),
    }
}
