//! `dabir rules`: every rule the check knows, with its id, severity and title.

use std::io::Write;

use comfy_table::{ContentArrangement, Table, presets};
use serde_json::json;

use crate::commands::{CliError, Globals, Status};
use crate::model::Lang;
use crate::render::Format;
use crate::rules;

/// List every rule: its id, its severity and its title. `dabir explain <ID>` prints one
/// rule's documentation.
#[derive(Debug, clap::Args)]
pub struct RulesArgs {}

/// The language to print in: `--lang`, else the repository's config if there is one here,
/// else Persian.
pub(crate) fn lang(g: &Globals) -> Lang {
    if let Some(l) = g.lang {
        return l;
    }
    crate::repo::discover(&g.dir)
        .ok()
        .and_then(|root| {
            let source = crate::repo::WorkTree { root };
            let mut ignored = Vec::new();
            crate::check::load_config(&source, &mut ignored).ok()
        })
        .map(|c| c.language)
        .unwrap_or_default()
}

/// The severity as ASCII, so the table keeps its one Persian column last.
pub(crate) fn severity_en(s: crate::diag::Severity) -> &'static str {
    s.label(Lang::En)
}

pub fn run(g: &Globals, _args: RulesArgs) -> Result<Status, CliError> {
    let lang = lang(g);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    write(&mut out, g.format, lang)?;
    out.flush()?;
    Ok(Status::Clean)
}

/// Write the rule list in `format`.
pub fn write(out: &mut impl Write, format: Format, lang: Lang) -> std::io::Result<()> {
    match format {
        Format::Json | Format::Sarif => {
            for r in rules::all() {
                let line = json!({
                    "id": r.id,
                    "severity": r.severity,
                    "title": r.title().get(lang),
                    "title_en": r.title.0,
                    "title_fa": r.title.1,
                });
                serde_json::to_writer(&mut *out, &line)?;
                out.write_all(b"\n")?;
            }
        }
        Format::Human => {
            let mut t = Table::new();
            t.load_style(presets::ASCII_BORDERS_ONLY_CONDENSED)
                .set_content_arrangement(ContentArrangement::Disabled);
            let title = match lang {
                Lang::En => "title",
                Lang::Fa => "عنوان",
            };
            t.set_header(vec!["id", "severity", title]);
            for r in rules::all() {
                t.add_row(vec![r.id, severity_en(r.severity), r.title().get(lang)]);
            }
            writeln!(out, "{t}")?;
        }
    }
    Ok(())
}
