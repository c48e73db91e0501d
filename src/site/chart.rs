//! Charts as inline SVG, drawn by dabir: grouped bars and a heat map. Each chart is a
//! `<figure>` whose SVG has `role="img"`, a `<title>` and a `<desc>` (its text
//! alternative), a legend in HTML and the same numbers as a table under a `<details>`,
//! so a reader without sight or without SVG loses nothing. In Persian the categories run
//! right to left and the value axis stands on the right: the coordinates are mirrored
//! here, and the SVG itself is laid out left to right (the stylesheet), so text anchors
//! mean the same in both languages.

use std::fmt::Write as _;

use super::html::{esc, num, t, table};
use crate::model::Lang;

const W: f64 = 640.0;
const H: f64 = 280.0;
const AXIS: f64 = 56.0;
const TOP: f64 = 12.0;

/// One series of a bar chart: its name and colour.
pub struct Series {
    pub label: String,
    pub colour: &'static str,
}

/// A grouped bar chart: one group per category, one bar per series.
pub struct Bars {
    /// An id unique in the page (for `aria-labelledby`).
    pub id: String,
    pub title: String,
    /// What the chart shows, in a sentence: the text alternative's summary.
    pub desc: String,
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    /// `values[category][series]`.
    pub values: Vec<Vec<f64>>,
    /// The same values as the table shows them (with units and grouping).
    pub shown: Vec<Vec<String>>,
    /// A horizontal line, with its label (the two meetings a year required).
    pub reference: Option<(f64, String)>,
}

/// The largest tick at or above `max`: 1, 2 or 5 times a power of ten.
fn nice_ceiling(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let p = 10f64.powf(max.log10().floor());
    for m in [1.0, 2.0, 4.0, 8.0, 10.0] {
        if m * p >= max {
            return m * p;
        }
    }
    10.0 * p
}

fn tick_label(lang: Lang, v: f64) -> String {
    if v.fract().abs() < 1e-9 {
        num(lang, v as i64)
    } else {
        num(lang, format!("{v:.1}"))
    }
}

/// The legend under a chart.
fn legend(items: &[(&str, String)]) -> String {
    let mut out = String::from("<ul class=\"legend\">");
    for (colour, label) in items {
        let _ = write!(
            out,
            "<li><span class=\"swatch\" style=\"background:{colour}\"></span>{}</li>",
            esc(label)
        );
    }
    out.push_str("</ul>");
    out
}

/// The `<svg>` opening with its accessible name and description.
fn svg_open(out: &mut String, id: &str, title: &str, desc: &str, height: f64) {
    let _ = write!(
        out,
        "<svg viewBox=\"0 0 {W} {height}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" \
         xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        esc(title),
        esc(desc)
    );
}

/// A grouped bar chart as a figure.
pub fn bars(lang: Lang, b: &Bars) -> String {
    let rtl = lang == Lang::Fa;
    let n = b.categories.len().max(1);
    let rotate = n > 8;
    let bottom = if rotate { 70.0 } else { 30.0 };
    let plot_h = H - TOP - bottom;
    let plot_w = W - AXIS - 12.0;
    let (left, right) = if rtl {
        (12.0, W - AXIS)
    } else {
        (AXIS, W - 12.0)
    };
    let max = b
        .values
        .iter()
        .flatten()
        .copied()
        .chain(b.reference.as_ref().map(|r| r.0))
        .fold(0.0, f64::max);
    let top = nice_ceiling(max * 1.05);
    let y = |v: f64| TOP + plot_h - (v / top) * plot_h;
    let mut out = String::new();
    let _ = write!(out, "<figure><figcaption>{}</figcaption>", esc(&b.title));
    svg_open(&mut out, &b.id, &b.title, &b.desc, H);
    // Grid and value axis.
    for i in 0..=4 {
        let v = top * f64::from(i) / 4.0;
        let yy = y(v);
        let _ = write!(
            out,
            "<line x1=\"{left}\" x2=\"{right}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\" stroke=\"#c5cbd3\"/>"
        );
        let (tx, anchor) = if rtl {
            (right + 4.0, "start")
        } else {
            (left - 4.0, "end")
        };
        let _ = write!(
            out,
            "<text x=\"{tx}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{}</text>",
            yy + 4.0,
            tick_label(lang, v)
        );
    }
    let slot = plot_w / n as f64;
    let k = b.series.len().max(1) as f64;
    let bar_w = (slot * 0.8 / k).max(1.0);
    for (i, cat) in b.categories.iter().enumerate() {
        let slot_start = if rtl {
            right - (i as f64 + 1.0) * slot
        } else {
            left + i as f64 * slot
        };
        for (s, series) in b.series.iter().enumerate() {
            let v = b
                .values
                .get(i)
                .and_then(|r| r.get(s))
                .copied()
                .unwrap_or(0.0);
            let pos = if rtl { k as usize - 1 - s } else { s };
            let x = slot_start + slot * 0.1 + pos as f64 * bar_w;
            let yy = y(v);
            let _ = write!(
                out,
                "<rect x=\"{x:.1}\" y=\"{yy:.1}\" width=\"{bar_w:.1}\" height=\"{:.1}\" fill=\"{}\"><title>{}: {}</title></rect>",
                (TOP + plot_h - yy).max(0.0),
                series.colour,
                esc(cat),
                esc(b
                    .shown
                    .get(i)
                    .and_then(|r| r.get(s))
                    .map_or("", String::as_str))
            );
        }
        let cx = slot_start + slot / 2.0;
        let ly = TOP + plot_h + 14.0;
        if rotate {
            let _ = write!(
                out,
                "<text x=\"{cx:.1}\" y=\"{ly:.1}\" text-anchor=\"end\" transform=\"rotate(-45 {cx:.1} {ly:.1})\">{}</text>",
                esc(cat)
            );
        } else {
            let _ = write!(
                out,
                "<text x=\"{cx:.1}\" y=\"{ly:.1}\" text-anchor=\"middle\">{}</text>",
                esc(cat)
            );
        }
    }
    if let Some((v, label)) = &b.reference {
        let yy = y(*v);
        let _ = write!(
            out,
            "<line x1=\"{left}\" x2=\"{right}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\" stroke=\"#a50e0e\" stroke-width=\"2\" stroke-dasharray=\"6 4\"><title>{}</title></line>",
            esc(label)
        );
    }
    out.push_str("</svg>");
    legend_and_numbers(lang, b, &mut out);
    out
}

/// The bar chart's legend, and its numbers as a table behind a disclosure.
fn legend_and_numbers(lang: Lang, b: &Bars, out: &mut String) {
    let mut items: Vec<(&str, String)> = b
        .series
        .iter()
        .map(|s| (s.colour, s.label.clone()))
        .collect();
    if let Some((_, label)) = &b.reference {
        items.push(("#a50e0e", label.clone()));
    }
    out.push_str(&legend(&items));
    let mut head: Vec<&str> = vec![t(lang, "category", "دسته")];
    head.extend(b.series.iter().map(|s| s.label.as_str()));
    let rows: Vec<Vec<String>> = b
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut r = vec![esc(c)];
            r.extend(
                b.shown
                    .get(i)
                    .into_iter()
                    .flatten()
                    .map(|s| format!("<span class=\"num\">{}</span>", esc(s))),
            );
            r
        })
        .collect();
    let _ = writeln!(
        out,
        "<details><summary>{}</summary>{}</details></figure>",
        t(lang, "the numbers", "جدول داده‌ها"),
        table(&b.title, &head, &rows)
    );
}

/// A heat map's cell state: its colour and its name.
pub struct CellKind {
    pub colour: &'static str,
    pub label: String,
}

/// A heat map: one row per item (a cluster), one column per period (a season).
pub struct Heat {
    pub id: String,
    pub title: String,
    pub desc: String,
    pub rows: Vec<String>,
    pub columns: Vec<String>,
    pub kinds: Vec<CellKind>,
    /// `cells[row][column]`: an index into `kinds`, or `None` for no cell.
    pub cells: Vec<Vec<Option<usize>>>,
    /// Per row, a summary (the on-time rate) shown in the table.
    pub row_note: Vec<String>,
}

/// A heat map as a figure.
pub fn heat(lang: Lang, h: &Heat) -> String {
    let rtl = lang == Lang::Fa;
    let label_w = 150.0;
    let cols = h.columns.len().max(1) as f64;
    let cell_w = ((W - label_w - 8.0) / cols).min(48.0);
    let cell_h = 20.0;
    let head_h = 72.0;
    let height = head_h + cell_h * h.rows.len().max(1) as f64 + 8.0;
    let col_x = |c: usize| {
        if rtl {
            W - label_w - (c as f64 + 1.0) * cell_w
        } else {
            label_w + c as f64 * cell_w
        }
    };
    let mut out = String::new();
    let _ = write!(out, "<figure><figcaption>{}</figcaption>", esc(&h.title));
    svg_open(&mut out, &h.id, &h.title, &h.desc, height);
    for (c, col) in h.columns.iter().enumerate() {
        let cx = col_x(c) + cell_w / 2.0;
        let _ = write!(
            out,
            "<text x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"start\" transform=\"rotate(-60 {cx:.1} {:.1})\">{}</text>",
            head_h - 4.0,
            head_h - 4.0,
            esc(col)
        );
    }
    for (r, row) in h.rows.iter().enumerate() {
        let yy = head_h + r as f64 * cell_h;
        let (lx, anchor) = if rtl {
            (W - 4.0, "end")
        } else {
            (4.0, "start")
        };
        let _ = write!(
            out,
            "<text x=\"{lx}\" y=\"{:.1}\" text-anchor=\"{anchor}\" direction=\"ltr\">{}</text>",
            yy + 14.0,
            esc(row)
        );
        for (c, cell) in h.cells[r].iter().enumerate() {
            let Some(k) = cell else { continue };
            let kind = &h.kinds[*k];
            let _ = write!(
                out,
                "<rect x=\"{:.1}\" y=\"{yy:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{}\" stroke=\"#ffffff\"><title>{} {}: {}</title></rect>",
                col_x(c),
                cell_w,
                cell_h,
                kind.colour,
                esc(row),
                esc(&h.columns[c]),
                esc(&kind.label)
            );
        }
    }
    out.push_str("</svg>");
    let items: Vec<(&str, String)> = h
        .kinds
        .iter()
        .map(|k| (k.colour, k.label.clone()))
        .collect();
    out.push_str(&legend(&items));
    let mut head: Vec<&str> = vec![t(lang, "row", "ردیف")];
    head.extend(h.columns.iter().map(String::as_str));
    head.push(t(lang, "on-time rate", "نرخ به‌موقع"));
    let rows: Vec<Vec<String>> = h
        .rows
        .iter()
        .enumerate()
        .map(|(r, name)| {
            let mut v = vec![format!("<span class=\"id\">{}</span>", esc(name))];
            v.extend(
                h.cells[r]
                    .iter()
                    .map(|c| c.map_or(String::new(), |k| esc(&h.kinds[k].label))),
            );
            v.push(esc(h.row_note.get(r).map_or("", String::as_str)));
            v
        })
        .collect();
    let _ = writeln!(
        out,
        "<details><summary>{}</summary>{}</details></figure>",
        t(lang, "the numbers", "جدول داده‌ها"),
        table(&h.title, &head, &rows)
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ceilings_are_round() {
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(nice_ceiling(2.0), 2.0);
        assert_eq!(nice_ceiling(7.0), 8.0);
        assert_eq!(nice_ceiling(130.0), 200.0);
    }

    #[test]
    fn a_bar_chart_has_a_text_alternative_and_runs_right_to_left_in_persian() {
        let b = Bars {
            id: "c1".into(),
            title: "جلسات".into(),
            desc: "جلسات هر سال".into(),
            categories: vec!["1403".into(), "1404".into()],
            series: vec![Series {
                label: "برگزار شده".into(),
                colour: "#12355b",
            }],
            values: vec![vec![1.0], vec![3.0]],
            shown: vec![vec!["1".into()], vec!["3".into()]],
            reference: Some((2.0, "حداقل".into())),
        };
        let svg = bars(Lang::Fa, &b);
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("<title id=\"c1-t\">جلسات</title>"));
        assert!(svg.contains("<desc id=\"c1-d\">"));
        assert!(svg.contains("<details>"));
        // The first category's label stands right of the second's in Persian, left of
        // it in English.
        fn x_of(svg: &str, label: &str) -> f64 {
            let end = svg.find(&format!(">{label}</text>")).unwrap();
            let start = svg[..end].rfind("<text x=\"").unwrap() + 9;
            svg[start..].split('"').next().unwrap().parse().unwrap()
        }
        assert!(x_of(&svg, "1403") > x_of(&svg, "1404"));
        let en = bars(Lang::En, &b);
        assert!(x_of(&en, "1403") < x_of(&en, "1404"));
    }
}
