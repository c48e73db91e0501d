//! SARIF 2.1.0, for CI systems that annotate code from it.

use std::io::{self, Write};

use serde_json::json;

use crate::diag::{Finding, Severity};
use crate::model::Lang;
use crate::rules;

pub fn render(out: &mut dyn Write, lang: Lang, list: &[Finding]) -> io::Result<()> {
    let mut used: Vec<&str> = list.iter().map(|f| f.rule).collect();
    used.sort_unstable();
    used.dedup();
    let rule_entries: Vec<_> = used
        .iter()
        .map(|id| {
            let doc = rules::doc(id);
            json!({
                "id": id,
                "shortDescription": { "text": doc.map(|d| d.title().get(lang).to_string()).unwrap_or_default() },
                "fullDescription": { "text": doc.map(|d| if lang == Lang::En { d.doc.0 } else { d.doc.1 }).unwrap_or_default() },
            })
        })
        .collect();
    let results: Vec<_> = list
        .iter()
        .map(|f| {
            let mut region = serde_json::Map::new();
            if let Some(p) = f.position {
                region.insert("startLine".into(), p.line.into());
                region.insert("startColumn".into(), p.column.into());
                region.insert("byteOffset".into(), p.offset.into());
                region.insert("byteLength".into(), p.length.into());
            }
            let mut location = json!({ "physicalLocation": { "artifactLocation": { "uri": f.file } } });
            if !region.is_empty() {
                location["physicalLocation"]["region"] = region.into();
            }
            json!({
                "ruleId": f.rule,
                "ruleIndex": used.iter().position(|r| *r == f.rule),
                "level": match f.severity { Severity::Error => "error", Severity::Warning => "warning", Severity::Waived => "note" },
                "message": { "text": f.message.get(lang) },
                "locations": [location],
                "properties": { "record": f.record, "waiver": f.waiver },
            })
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "dabir",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://example.invalid/dabir",
                "rules": rule_entries,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")
}
