//! The HTML every page shares: escaping, the page frame (language, direction, the
//! stylesheet, the navigation), numbers and dates in the reader's digits, and links to
//! records. No page needs JavaScript; only the search page loads a script.

use std::fmt::Write as _;

use crate::model::text::persian_digits;
use crate::model::{JDate, Lang};

/// Text made safe for HTML element content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    // The five are ASCII, so every byte index where one stands is a char boundary, and
    // the runs between them (most of a Persian text) are copied whole.
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[run..i]);
        out.push_str(entity);
        run = i + 1;
    }
    out.push_str(&s[run..]);
    out
}

/// The English or the Persian text, by the page's language.
pub fn t(lang: Lang, en: &'static str, fa: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Fa => fa,
    }
}

/// A number in the reader's digits.
pub fn num(lang: Lang, n: impl std::fmt::Display) -> String {
    let s = n.to_string();
    match lang {
        Lang::En => s,
        Lang::Fa => persian_digits(&s),
    }
}

/// A date in the reader's digits, as HTML kept left to right inside Persian text
/// (`۱۴۰۴-۰۹-۱۵`, never reordered by the bidirectional algorithm).
pub fn date(lang: Lang, d: JDate) -> String {
    format!("<span class=\"num\">{}</span>", num(lang, d))
}

/// An amount of rials, grouped by thousands, in the reader's digits.
pub fn rials(lang: Lang, n: impl Into<i128>) -> String {
    num(lang, crate::rules::money::grouped(n))
}

/// The file of a record's page, relative to the site root.
pub fn record_file(id: &str) -> String {
    format!("r/{id}.html")
}

/// A link to a record's page from a page `depth` folders below the root; ids are ASCII
/// and shown left to right inside Persian text.
pub fn record_link(depth: usize, id: &str) -> String {
    format!(
        "<a class=\"id\" href=\"{}{}\">{}</a>",
        up(depth),
        esc(&record_file(id)),
        esc(id)
    )
}

/// `../` repeated `depth` times.
pub fn up(depth: usize) -> String {
    "../".repeat(depth)
}

/// One navigation entry: its file (from the root) and its label.
pub struct NavItem {
    pub file: String,
    pub label: String,
}

/// A whole page: `<!doctype html>`, the language and direction, the title, the shared
/// stylesheet and navigation, then `body`.
pub fn page(
    lang: Lang,
    depth: usize,
    title: &str,
    nav: &[NavItem],
    body: &str,
    script: Option<&str>,
) -> String {
    let (code, dir) = match lang {
        Lang::Fa => ("fa", "rtl"),
        Lang::En => ("en", "ltr"),
    };
    let up = up(depth);
    let mut out = String::with_capacity(body.len() + 1024);
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"{code}\" dir=\"{dir}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<link rel=\"stylesheet\" href=\"{up}style.css\">\n</head>\n<body>\n\
         <header><p class=\"brand\">{}</p><nav aria-label=\"{}\"><ul>",
        esc(title),
        t(lang, "dabir: committee records", "دبیر: سوابق کمیته"),
        t(lang, "site", "پیمایش"),
    );
    for n in nav {
        let _ = write!(
            out,
            "<li><a href=\"{up}{}\">{}</a></li>",
            esc(&n.file),
            esc(&n.label)
        );
    }
    let _ = write!(
        out,
        "</ul></nav></header>\n<main>\n<h1>{}</h1>\n",
        esc(title)
    );
    out.push_str(body);
    out.push_str("</main>\n");
    if let Some(s) = script {
        let _ = writeln!(out, "<script src=\"{up}{}\"></script>", esc(s));
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// A table: a caption, the header cells and the rows, each cell already HTML. Wrapped so
/// a narrow screen scrolls the table rather than the page.
pub fn table(caption: &str, head: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<div class=\"scroll\"><table><caption>{}</caption><thead><tr>",
        esc(caption)
    );
    for h in head {
        let _ = write!(out, "<th scope=\"col\">{}</th>", esc(h));
    }
    out.push_str("</tr></thead><tbody>");
    for r in rows {
        out.push_str("<tr>");
        for c in r {
            let _ = write!(out, "<td>{c}</td>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>\n");
    out
}

/// The stylesheet every page links. Colours are chosen for WCAG AA contrast (4.5:1 for
/// text) on their backgrounds; the layout follows `dir`, so Persian pages read right to
/// left; nothing is wider than a 390 px phone.
pub const STYLE: &str = r#":root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; color: #1a1a1a; background: #ffffff; line-height: 1.6;
  font-family: "Vazirmatn", "Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans", sans-serif; }
header { background: #12355b; color: #ffffff; padding: 0.5rem 1rem; }
header a { color: #ffffff; }
.brand { margin: 0; font-weight: bold; }
nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; list-style: none; margin: 0; padding: 0; }
main { max-width: 75rem; margin: 0 auto; padding: 1rem; }
a { color: #0b4f9c; }
h1 { font-size: 1.5rem; overflow-wrap: anywhere; }
h2 { font-size: 1.2rem; border-bottom: 1px solid #c5cbd3; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 30rem), 1fr)); gap: 1rem; }
figure { margin: 0; border: 1px solid #c5cbd3; padding: 0.5rem; min-width: 0; background: #ffffff; }
figcaption { font-weight: bold; }
svg { width: 100%; height: auto; display: block; direction: ltr; }
svg text { fill: #1a1a1a; font-size: 12px; }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; margin: 0.5rem 0; }
caption { text-align: start; font-weight: bold; }
th, td { border: 1px solid #c5cbd3; padding: 0.2rem 0.4rem; text-align: start; vertical-align: top; overflow-wrap: anywhere; }
th { background: #eef1f5; }
.id, .num, code { direction: ltr; unicode-bidi: isolate; }
.id { overflow-wrap: anywhere; }
dl.rec { margin: 0; }
dl.rec dt { font-weight: bold; }
dl.rec dd { margin: 0 0 0.4rem; margin-inline-start: 1rem; overflow-wrap: anywhere; min-width: 0; }
@media (min-width: 48rem) {
  dl.rec { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.2rem 1rem; }
  dl.rec dd { margin: 0; }
}
dl.rec dl.rec { border-inline-start: 2px solid #c5cbd3; padding-inline-start: 0.5rem; }
ol.items { padding-inline-start: 1.5rem; margin: 0; }
pre.brief { white-space: pre; width: max-content; font-size: 0.85rem; margin: 0;
  font-family: "DejaVu Sans Mono", monospace; }
.sev-error { color: #a50e0e; font-weight: bold; }
.sev-warning { color: #7a4b00; font-weight: bold; }
.sev-waived { color: #4a4a4a; }
.legend { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; list-style: none; padding: 0; margin: 0.25rem 0; }
.swatch { display: inline-block; width: 0.9em; height: 0.9em; border: 1px solid #1a1a1a; margin-inline-end: 0.3em; vertical-align: middle; }
details summary { cursor: pointer; color: #0b4f9c; }
ul.links { columns: 14rem; padding-inline-start: 1.2rem; }
input[type=search] { font: inherit; width: 100%; max-width: 30rem; padding: 0.3rem; }
"#;

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn escapes_the_five_and_keeps_persian_text_whole() {
        assert_eq!(
            esc(r#"<a href="x">'کارگروه' & «خوشه»</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;کارگروه&#39; &amp; «خوشه»&lt;/a&gt;"
        );
        assert_eq!(esc("بی‌تغییر"), "بی‌تغییر");
        assert_eq!(esc(""), "");
        assert_eq!(esc("&"), "&amp;");
    }
}
