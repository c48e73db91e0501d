//! JSON Lines: one object per finding per line, for scripts.
//!
//! Fields: `rule`, `severity`, `file`, `line`, `column` (characters, 1-based), `offset`
//! and `length` (bytes), `record`, `message` (in the chosen language), `message_en`,
//! `message_fa`, `help`, `related`, `waiver`.

use std::io::{self, Write};

use serde_json::json;

use crate::diag::Finding;
use crate::model::Lang;

/// One finding as a JSON object.
pub fn finding(f: &Finding, lang: Lang) -> serde_json::Value {
    let pos = f.position;
    json!({
        "rule": f.rule,
        "severity": f.severity,
        "file": f.file,
        "line": pos.map(|p| p.line),
        "column": pos.map(|p| p.column),
        "offset": pos.map(|p| p.offset),
        "length": pos.map(|p| p.length),
        "record": f.record,
        "message": f.message.get(lang),
        "message_en": f.message.en,
        "message_fa": f.message.fa,
        "help": f.help.as_ref().map(|h| h.get(lang)),
        "related": f.related.iter().map(|r| json!({
            "line": r.position.map(|p| p.line),
            "column": r.position.map(|p| p.column),
            "offset": r.position.map(|p| p.offset),
            "message": r.message.get(lang),
        })).collect::<Vec<_>>(),
        "waiver": f.waiver,
    })
}

pub fn render(out: &mut dyn Write, lang: Lang, list: &[Finding]) -> io::Result<()> {
    for f in list {
        serde_json::to_writer(&mut *out, &finding(f, lang))?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
