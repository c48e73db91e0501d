//! Renderings of findings: human (miette diagnostics with source snippets), JSON Lines,
//! and SARIF 2.1.0. All take the same list and write to the sink they are given.

pub mod args;
pub mod brief;
pub mod human;
pub mod json;
pub mod labels;
pub mod sarif;

use std::io::{self, Write};

use crate::diag::{Finding, Summary};
use crate::model::Lang;

/// The output formats of every command.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
}

/// How a run's findings are shown.
pub struct Style {
    pub format: Format,
    pub lang: Lang,
    pub color: bool,
    pub quiet: bool,
}

/// Write the findings and, for people, a one-line summary.
pub fn findings(
    out: &mut dyn Write,
    style: &Style,
    list: &[Finding],
    summary: &Summary,
    read: &dyn Fn(&str) -> Option<Vec<u8>>,
) -> io::Result<()> {
    match style.format {
        Format::Human => {
            if !style.quiet {
                human::render(out, style, list, read)?;
            }
            human::summary(out, style.lang, summary)
        }
        Format::Json => json::render(out, style.lang, list),
        Format::Sarif => sarif::render(out, style.lang, list, ""),
    }
}
