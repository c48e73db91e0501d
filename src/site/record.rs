//! One record's page: its fields with the labels `dabir show` uses, every record id it
//! names linked, the records that name it, its findings, and its history from git (the
//! commits that changed its file, with author, action and decision trailers).

use std::fmt::Write as _;

use serde_json::Value;

use super::html::{self, date, esc, num, t};
use super::{Site, display_name, kind_name};
use crate::model::{JDate, Lang, Record};

/// Record pages live one folder below the root.
const DEPTH: usize = 1;

pub fn page(site: &Site<'_>, path: &str, r: &Record) -> String {
    let lang = site.lang;
    let id = r.id();
    let province = site.province_of_record(id);
    let title = format!("{} {}", kind_name(lang, r.kind()), id);
    let mut body = String::new();
    let name = match r {
        Record::Meeting(_) | Record::Report(_) | Record::Review(_) => num(lang, display_name(r)),
        _ => display_name(r),
    };
    if !name.is_empty() {
        let _ = write!(body, "<p class=\"lead\">{}</p>", esc(&name));
    }
    let _ = write!(
        body,
        "<p>{}: <span class=\"id\">{}</span></p>",
        t(lang, "file", "پرونده"),
        esc(path)
    );
    let value = serde_json::to_value(r).unwrap_or(Value::Null);
    let inner = value
        .as_object()
        .and_then(|m| m.values().next())
        .cloned()
        .unwrap_or(Value::Null);
    let _ = write!(body, "<h2>{}</h2>", t(lang, "Record", "سابقه"));
    if let Value::Object(m) = &inner {
        render_map(site, &mut body, m);
    }

    let mut names: Vec<&str> = r.refs().into_iter().map(|x| x.id).collect();
    names.sort_unstable();
    names.dedup();
    let _ = write!(
        body,
        "<h2>{}</h2>",
        t(lang, "Records it names", "سوابقی که نام می‌برد")
    );
    links(site, &mut body, &names);
    let _ = write!(
        body,
        "<h2>{}</h2>",
        t(lang, "Named by", "سوابقی که از آن نام می‌برند")
    );
    let mut by: Vec<&str> = site.named_by.get(id).cloned().unwrap_or_default();
    by.sort_unstable();
    links(site, &mut body, &by);

    let _ = write!(body, "<h2>{}</h2>", t(lang, "Findings", "یافته‌ها"));
    match site.findings_of_record.get(id) {
        Some(fs) => body.push_str(&site.findings_table(DEPTH, &title, fs)),
        None => {
            let _ = write!(body, "<p>{}</p>", t(lang, "No findings.", "یافته‌ای نیست."));
        }
    }

    let _ = write!(body, "<h2>{}</h2>", t(lang, "History", "تاریخچه"));
    let rows: Vec<Vec<String>> = site
        .input
        .history
        .of(path)
        .map(|c| {
            vec![
                format!("<code>{}</code>", esc(&c.id[..c.id.len().min(10)])),
                c.date.map_or(String::new(), |d| date(lang, d)),
                esc(&c.author),
                format!("<span class=\"id\">{}</span>", esc(&c.action)),
                site.linkify(DEPTH, &c.decision),
                site.linkify(DEPTH, &c.subject),
            ]
        })
        .collect();
    if rows.is_empty() {
        let _ = write!(
            body,
            "<p>{}</p>",
            t(
                lang,
                "No commits (not in git).",
                "بی‌تاریخچه (بیرون از گیت)."
            )
        );
    } else {
        body.push_str(&html::table(
            t(
                lang,
                "Commits that changed this record, newest first",
                "تغییرهای این سابقه، تازه‌ترین نخست",
            ),
            &[
                t(lang, "commit", "تغییر"),
                t(lang, "date", "تاریخ"),
                t(lang, "author", "نویسنده"),
                t(lang, "action", "اقدام"),
                t(lang, "decision", "مصوبه"),
                t(lang, "subject", "شرح"),
            ],
            &rows,
        ));
    }
    html::page(lang, DEPTH, &title, &site.nav(Some(province)), &body, None)
}

fn links(site: &Site<'_>, out: &mut String, ids: &[&str]) {
    let lang = site.lang;
    if ids.is_empty() {
        let _ = write!(out, "<p>{}</p>", t(lang, "None.", "هیچ."));
        return;
    }
    out.push_str("<ul class=\"links\">");
    for id in ids {
        match site.by_id.get(id) {
            Some((_, r)) => {
                let _ = write!(
                    out,
                    "<li>{} {}</li>",
                    html::record_link(DEPTH, id),
                    esc(&display_name(r))
                );
            }
            None => {
                let _ = write!(out, "<li><span class=\"id\">{}</span></li>", esc(id));
            }
        }
    }
    out.push_str("</ul>");
}

fn render_map(site: &Site<'_>, out: &mut String, m: &serde_json::Map<String, Value>) {
    out.push_str("<dl class=\"rec\">");
    for (k, v) in m {
        if v.is_null() || v.as_array().is_some_and(Vec::is_empty) || k == "id" {
            continue;
        }
        let _ = write!(
            out,
            "<dt>{}</dt><dd>",
            esc(&crate::render::labels::label(k, site.lang))
        );
        render_value(site, out, v);
        out.push_str("</dd>");
    }
    out.push_str("</dl>");
}

fn render_value(site: &Site<'_>, out: &mut String, v: &Value) {
    let lang = site.lang;
    match v {
        Value::Object(m) => render_map(site, out, m),
        Value::Array(items) => {
            out.push_str("<ol class=\"items\">");
            for item in items {
                out.push_str("<li>");
                render_value(site, out, item);
                out.push_str("</li>");
            }
            out.push_str("</ol>");
        }
        Value::String(s) if site.by_id.contains_key(s.as_str()) => {
            out.push_str(&html::record_link(DEPTH, s));
        }
        Value::String(s) if JDate::is_canonical(s) => {
            let _ = write!(
                out,
                "<span class=\"num\">{}</span>",
                esc(&html::num(lang, s))
            );
        }
        Value::String(s) => out.push_str(&esc(s)),
        Value::Number(n) => {
            let _ = write!(out, "<span class=\"num\">{}</span>", num(lang, n));
        }
        Value::Bool(b) => out.push_str(match (b, lang) {
            (true, Lang::Fa) => "بله",
            (false, Lang::Fa) => "خیر",
            (true, Lang::En) => "yes",
            (false, Lang::En) => "no",
        }),
        Value::Null => {}
    }
}
