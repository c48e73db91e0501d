//! SARIF 2.1.0, for CI systems that annotate code from it.

use std::io::{self, Write};

use serde_json::json;

use crate::diag::{Finding, Severity};
use crate::model::Lang;
use crate::rules;

/// Render `list`; `base` is the records root's path inside its git work tree (`""` or
/// `sample-province/`), so each result's `uri` is relative to the repository root, as
/// code-scanning services resolve it.
pub fn render(out: &mut dyn Write, lang: Lang, list: &[Finding], base: &str) -> io::Result<()> {
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
            // A finding about a whole file (a symbolic link, a stray file) points at its
            // first line: services drop results without a region.
            if region.is_empty() {
                region.insert("startLine".into(), 1.into());
            }
            let location = json!({ "physicalLocation": {
                "artifactLocation": { "uri": format!("{base}{}", f.file) },
                "region": region,
            } });
            // A waived finding keeps its rule's level and is marked suppressed, with the
            // decision that granted the waiver as its justification.
            let level = match f.severity {
                Severity::Waived => rules::doc(f.rule).map_or(Severity::Warning, |d| d.severity),
                s => s,
            };
            let mut result = json!({
                "ruleId": f.rule,
                "ruleIndex": used.iter().position(|r| *r == f.rule),
                "level": match level { Severity::Error => "error", _ => "warning" },
                "message": { "text": f.message.get(lang) },
                "locations": [location],
                "properties": properties(f),
            });
            if f.severity == Severity::Waived {
                result["suppressions"] = json!([{
                    "kind": "external",
                    "status": "accepted",
                    "justification": format!("waivers.yaml: {}", f.waiver.as_deref().unwrap_or_default()),
                }]);
            }
            result
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "dabir",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rule_entries,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")
}

/// A result's properties: the record, the waiver and, for history findings, the commit.
fn properties(f: &Finding) -> serde_json::Value {
    let mut p = json!({ "record": f.record, "waiver": f.waiver });
    if let Some(c) = &f.commit {
        p["commit"] = c.as_str().into();
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Anchor;
    use crate::tr;

    #[test]
    fn whole_file_results_have_a_region_and_waived_ones_are_suppressions() {
        let mut waived = Finding::warning(
            "R-MTG-1",
            "committees/ESF-PC.yaml",
            Anchor::File,
            tr!("x", "x"),
        );
        waived.severity = Severity::Waived;
        waived.waiver = Some("ESF-PC-1403-02-D4".into());
        let link = Finding::error("R-FILE-2", "people/X.yaml", Anchor::File, tr!("y", "y"));
        let mut out = Vec::new();
        render(&mut out, Lang::En, &[waived, link], "prov/").unwrap();
        let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let run = &doc["runs"][0];
        assert!(run["tool"]["driver"].get("informationUri").is_none());
        for r in run["results"].as_array().unwrap() {
            let loc = &r["locations"][0]["physicalLocation"];
            assert_eq!(loc["region"]["startLine"], 1);
            assert!(
                loc["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap()
                    .starts_with("prov/")
            );
        }
        let w = &run["results"][0];
        assert_ne!(w["level"], "note");
        assert_eq!(w["suppressions"][0]["kind"], "external");
        assert!(run["results"][1].get("suppressions").is_none());
    }
}
