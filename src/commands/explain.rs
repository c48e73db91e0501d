//! `dabir explain <ID>`: one rule's documentation, in Persian or English.

use std::io::Write;

use serde_json::json;

use crate::commands::{CliError, Globals, Status};
use crate::model::Lang;
use crate::render::Format;
use crate::rules;

/// Print what a rule checks, why (the seed and article it comes from), and an example,
/// in the language of `--lang`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The rule id, e.g. R-MTG-6 (`dabir rules` lists them).
    #[arg(value_name = "ID")]
    pub id: String,
}

pub fn run(g: &Globals, args: ExplainArgs) -> Result<Status, CliError> {
    let lang = super::rules::lang(g);
    let Some(r) = rules::doc(args.id.trim()) else {
        let id = &args.id;
        return Err(CliError::Usage(
            crate::tr!(
                "no rule has the id `{id}`; `dabir rules` lists them",
                "هیچ قاعده‌ای شناسه «{id}» ندارد؛ `dabir rules` همه را فهرست می‌کند"
            )
            .get(lang)
            .to_string(),
        ));
    };
    let doc = match lang {
        Lang::En => r.doc.0,
        Lang::Fa => r.doc.1,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match g.format {
        Format::Json | Format::Sarif => {
            let v = json!({
                "id": r.id,
                "severity": r.severity,
                "title": r.title().get(lang),
                "doc": doc,
                "title_en": r.title.0,
                "title_fa": r.title.1,
                "doc_en": r.doc.0,
                "doc_fa": r.doc.1,
            });
            serde_json::to_writer(&mut out, &v).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        Format::Human => {
            writeln!(
                out,
                "{} ({}): {}\n",
                r.id,
                r.severity.label(lang),
                r.title().get(lang)
            )?;
            writeln!(out, "{doc}")?;
        }
    }
    out.flush()?;
    Ok(Status::Clean)
}
