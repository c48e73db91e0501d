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

use super::{Format, Style};
use crate::diag::{Finding, Severity, Summary};
use crate::model::Lang;
use crate::model::text::{human_numbers, persian_digits};
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
            // A position inside a character would be a bug of whoever placed it; the
            // caret then starts at that character rather than the renderer failing.
            let start = self.text.floor_char_boundary(span.offset());
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
        f.write_str(&human_numbers(self.f.message.get(self.lang), self.lang))
    }
}

impl fmt::Display for Diag<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&human_numbers(self.f.message.get(self.lang), self.lang))
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
        let sep = match self.lang {
            Lang::En => "; ",
            Lang::Fa => "؛ ",
        };
        (!parts.is_empty())
            .then(|| Box::new(human_numbers(&parts.join(sep), self.lang)) as Box<dyn fmt::Display>)
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
                    Some(human_numbers(r.message.get(self.lang), self.lang)),
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
    // Findings shown per file and per run: past that, a count of the rest, so 100,000
    // findings print a page, not a gigabyte (`--format json` lists them all).
    let mut shown_in_file = 0usize;
    let mut shown = 0usize;
    let mut hidden: Vec<(String, usize)> = Vec::new();
    for (i, f) in list.iter().enumerate() {
        if i == 0 || list[i - 1].file != f.file {
            shown_in_file = 0;
        }
        if shown_in_file >= MAX_PER_FILE || shown >= MAX_PER_RUN {
            match hidden.last_mut() {
                Some((file, n)) if *file == f.file => *n += 1,
                _ => hidden.push((f.file.clone(), 1)),
            }
            continue;
        }
        shown_in_file += 1;
        shown += 1;
        if current.as_ref().is_none_or(|(name, _)| *name != f.file) {
            current = Some((f.file.clone(), read(&f.file).unwrap_or_default()));
        }
        let long = f.position.and_then(|p| {
            let (_, bytes) = current.as_ref()?;
            let text = yaml::display_text(bytes);
            long_line(&text, p.offset)
        });
        if let (Some(p), Some(excerpt)) = (f.position, long) {
            // A line too long to reprint (or past the columns miette can count): the
            // place and a short excerpt around it.
            writeln!(
                out,
                "{}[{}]: {}\n  --> {}:{}:{}\n   | {}\n",
                f.severity.label(style.lang),
                f.rule,
                f.message.get(style.lang),
                f.file,
                p.line,
                p.column,
                excerpt
            )?;
            continue;
        }
        if f.position.is_none() {
            writeln!(
                out,
                "{}[{}]: {}\n  --> {}\n",
                f.severity.label(style.lang),
                f.rule,
                human_numbers(f.message.get(style.lang), style.lang),
                f.file
            )?;
            if let Some(h) = &f.help {
                writeln!(
                    out,
                    "  = {}\n",
                    human_numbers(h.get(style.lang), style.lang)
                )?;
            }
            continue;
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
    for (file, n) in hidden {
        let line = match style.lang {
            Lang::En => format!(
                "… {n} more finding{} in {file} (--format json lists every one)\n",
                plural(n)
            ),
            Lang::Fa => persian_digits(&format!(
                "… {n} یافته دیگر در {file} (‎--format json‎ همه را فهرست می‌کند)\n"
            )),
        };
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// Findings rendered per file, and per run, in human output.
pub const MAX_PER_FILE: usize = 20;
pub const MAX_PER_RUN: usize = 200;
/// Lines longer than this (bytes) are not reprinted whole under a finding.
const MAX_LINE: usize = 400;
/// Characters of context either side of a finding on a long line.
const EXCERPT: usize = 40;

/// Every finding rendered for people in `lang`, without colour, as a string (the fuzz
/// targets and tests render into memory).
pub fn plain(list: &[Finding], lang: Lang, read: &dyn Fn(&str) -> Option<Vec<u8>>) -> String {
    let style = Style {
        format: Format::Human,
        lang,
        color: false,
        quiet: false,
    };
    let mut out = Vec::new();
    render(&mut out, &style, list, read).expect("rendering into memory");
    String::from_utf8(out).expect("rendered from strings")
}

/// A short excerpt around `offset` when its line is too long to reprint, else `None`.
fn long_line(text: &str, offset: usize) -> Option<String> {
    let offset = text.floor_char_boundary(offset);
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    if end - start <= MAX_LINE {
        return None;
    }
    let before: String = {
        let mut v: Vec<char> = text[start..offset].chars().rev().take(EXCERPT).collect();
        v.reverse();
        v.into_iter().collect()
    };
    let after: String = text[offset..end].chars().take(EXCERPT).collect();
    let lead = if before.len() < offset - start {
        "…"
    } else {
        ""
    };
    let tail = if after.len() < end - offset {
        "…"
    } else {
        ""
    };
    Some(format!("{lead}{before}{after}{tail}"))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Anchor, Position};
    use crate::model::message::Text;

    /// A misplaced position (a byte inside a character) is a bug of whoever placed it,
    /// but it must not take the whole report down with a panic (exit 101).
    #[test]
    fn a_position_inside_a_character_is_still_rendered() {
        let file = "people/ESF-P-001.yaml";
        let src = "name: آب\n".as_bytes().to_vec();
        let mut f = Finding::error("R-SCH-1", file, Anchor::File, Text::new("bad", "بد"));
        // Byte 7 is the second byte of `آ`.
        f.position = Some(Position {
            line: 1,
            column: 8,
            offset: 7,
            length: 1,
        });
        for lang in [Lang::Fa, Lang::En] {
            let out = plain(std::slice::from_ref(&f), lang, &|_| Some(src.clone()));
            assert!(out.contains(file) && out.contains("name: آب"), "{out}");
        }
    }
}
