//! Findings for people: miette diagnostics that underline the exact value in its file.
//!
//! miette counts the column of its `file:line:col` header in bytes, which is wrong for
//! Persian text; [`CharColumns`] gives it the column in characters, as editors count.

use std::fmt;
use std::io::{self, Write};

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use super::Style;
use crate::diag::{Finding, Severity, Summary};
use crate::model::Lang;
use crate::model::text::persian_digits;
use crate::yaml;

/// A named source whose reported columns count characters, not bytes.
struct CharColumns<'a> {
    name: &'a str,
    text: &'a str,
}

impl SourceCode for CharColumns<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let c = self.text.read_span(span, before, after)?;
        let column = if before == 0 {
            let start = span.offset().min(self.text.len());
            let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
            self.text[line_start..start].chars().count()
        } else {
            c.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            c.data(),
            *c.span(),
            c.line(),
            column,
            c.line_count(),
        )))
    }
}

struct Diag<'a> {
    f: &'a Finding,
    lang: Lang,
    src: CharColumns<'a>,
}

impl fmt::Debug for Diag<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.f.message.get(self.lang))
    }
}

impl fmt::Display for Diag<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.f.message.get(self.lang))
    }
}

impl std::error::Error for Diag<'_> {}

impl Diagnostic for Diag<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.f.rule))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.f.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Waived => miette::Severity::Advice,
        })
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let mut parts = Vec::new();
        if let Some(h) = &self.f.help {
            parts.push(h.get(self.lang).to_string());
        }
        if let Some(w) = &self.f.waiver {
            parts.push(match self.lang {
                Lang::En => format!("waived by {w}"),
                Lang::Fa => format!("معاف به موجب {w}"),
            });
        }
        (!parts.is_empty()).then(|| Box::new(parts.join("; ")) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.src)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let primary = self.f.position.map(|p| {
            LabeledSpan::new_primary_with_span(None, SourceSpan::new(p.offset.into(), p.length))
        });
        let related = self.f.related.iter().filter_map(|r| {
            r.position.map(|p| {
                LabeledSpan::new_with_span(
                    Some(r.message.get(self.lang).to_string()),
                    SourceSpan::new(p.offset.into(), p.length),
                )
            })
        });
        Some(Box::new(primary.into_iter().chain(related)))
    }
}

/// Render every finding, reading each file with findings once.
pub fn render(
    out: &mut dyn Write,
    style: &Style,
    list: &[Finding],
    read: &dyn Fn(&str) -> Option<Vec<u8>>,
) -> io::Result<()> {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let mut current: Option<(String, Vec<u8>)> = None;
    for f in list {
        if f.position.is_none() {
            writeln!(
                out,
                "{}[{}]: {}\n  --> {}\n",
                f.severity.label(style.lang),
                f.rule,
                f.message.get(style.lang),
                f.file
            )?;
            if let Some(h) = &f.help {
                writeln!(out, "  = {}\n", h.get(style.lang))?;
            }
            continue;
        }
        if current.as_ref().is_none_or(|(name, _)| *name != f.file) {
            current = Some((f.file.clone(), read(&f.file).unwrap_or_default()));
        }
        let (name, bytes) = current.as_ref().expect("just set");
        let text = yaml::display_text(bytes);
        let diag = Diag {
            f,
            lang: style.lang,
            src: CharColumns { name, text: &text },
        };
        let mut s = String::new();
        handler
            .render_report(&mut s, &diag)
            .map_err(io::Error::other)?;
        writeln!(out, "{s}")?;
    }
    Ok(())
}

/// The one-line summary after the findings.
pub fn summary(out: &mut dyn Write, lang: Lang, s: &Summary) -> io::Result<()> {
    let line = match lang {
        Lang::En => {
            let mut parts = vec![
                format!("{} error{}", s.errors, plural(s.errors)),
                format!("{} warning{}", s.warnings, plural(s.warnings)),
            ];
            if s.waived > 0 {
                parts.push(format!("{} waived", s.waived));
            }
            format!(
                "checked {} record{}: {}",
                s.files,
                plural(s.files),
                parts.join(", ")
            )
        }
        Lang::Fa => {
            let mut parts = vec![format!("{} خطا", s.errors), format!("{} هشدار", s.warnings)];
            if s.waived > 0 {
                parts.push(format!("{} معاف", s.waived));
            }
            persian_digits(&format!("{} سابقه بررسی شد: {}", s.files, parts.join("، ")))
        }
    };
    writeln!(out, "{line}")
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
