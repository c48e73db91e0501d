//! The search page and its small static index: record ids and the names of bodies,
//! people, committees, clusters and plans, each with its key as `check` compares names
//! ([`name_key`]). The script folds the reader's query with a table made here from
//! `name_key` itself (every character it changes or drops), so the page and `check`
//! normalise alike without a second copy of the rule. The page works without
//! JavaScript: it links the listings instead.

use std::fmt::Write as _;

use serde_json::json;

use super::html::{self, esc, t};
use super::{Page, Site, display_name, kind_name};
use crate::model::Record;
use crate::model::text::name_key;

/// The ranges whose characters `name_key` may change: ASCII and Latin-1, Arabic and
/// Persian letters and digits, the joiners and bidi controls, Arabic presentation forms.
const RANGES: [(u32, u32); 5] = [
    (0x0000, 0x00FF),
    (0x0600, 0x06FF),
    (0x2000, 0x206F),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
];

/// Character -> what `name_key` makes of it, for each character it does not keep as is.
pub fn fold_table() -> serde_json::Map<String, serde_json::Value> {
    let mut m = serde_json::Map::new();
    for (lo, hi) in RANGES {
        for c in (lo..=hi).filter_map(char::from_u32) {
            let s = c.to_string();
            let k = name_key(&s);
            if k != s {
                m.insert(s, k.into());
            }
        }
    }
    m
}

fn named(r: &Record) -> bool {
    matches!(
        r,
        Record::Body(_)
            | Record::Person(_)
            | Record::Committee(_)
            | Record::Cluster(_)
            | Record::Plan(_)
    )
}

pub fn pages(site: &Site<'_>) -> Vec<Page> {
    let lang = site.lang;
    let items: Vec<serde_json::Value> = site
        .input
        .records
        .iter()
        .map(|(_, r)| {
            let name = if named(r) {
                display_name(r)
            } else {
                String::new()
            };
            json!([
                r.id(),
                kind_name(lang, r.kind()),
                name_key(&name),
                name,
                html::record_file(r.id())
            ])
        })
        .collect();
    let index = format!(
        "window.DABIR_SEARCH = {};\n",
        json!({ "fold": fold_table(), "items": items })
    );
    let mut body = String::new();
    let _ = write!(
        body,
        "<form role=\"search\" action=\"search.html\" method=\"get\"><label for=\"q\">{}</label><br>\
         <input type=\"search\" id=\"q\" name=\"q\" autocomplete=\"off\"></form>\
         <p id=\"count\" aria-live=\"polite\"></p><ol id=\"results\"></ol>\
         <noscript><p>{}</p></noscript>",
        t(
            lang,
            "A record id or a Persian name",
            "شناسهٔ سابقه یا نام فارسی"
        ),
        t(
            lang,
            "Search needs JavaScript; without it, use the listings:",
            "جست‌وجو به جاوااسکریپت نیاز دارد؛ بی آن از فهرست‌ها استفاده کنید:"
        ),
    );
    body.push_str("<ul class=\"links\">");
    for p in site.provinces.keys() {
        for item in site
            .nav(Some(p))
            .into_iter()
            .skip(usize::from(site.national()))
        {
            let _ = write!(
                body,
                "<li><a href=\"{}\">{}</a></li>",
                esc(&item.file),
                esc(&item.label)
            );
        }
    }
    body.push_str("</ul>");
    let page = html::page(
        lang,
        0,
        t(lang, "Search", "جست‌وجو"),
        &site.nav(None),
        &body,
        Some("search-index.js"),
    )
    .replace("</body>", "<script src=\"search.js\"></script>\n</body>");
    vec![
        Page::new("search.html", page),
        Page::new("search-index.js", index),
        Page::new("search.js", SCRIPT.to_string()),
    ]
}

/// Folds the query as `name_key` does (the table), keeps letters and digits, lowercases;
/// matches ids by prefix or substring and names by substring of their key.
const SCRIPT: &str = r#""use strict";
(function () {
  var data = window.DABIR_SEARCH;
  var q = document.getElementById("q");
  var results = document.getElementById("results");
  var count = document.getElementById("count");
  if (!data || !q) { return; }
  function key(s) {
    var out = "";
    for (var ch of s) {
      if (Object.prototype.hasOwnProperty.call(data.fold, ch)) { out += data.fold[ch]; }
      else if (/[\p{L}\p{N}]/u.test(ch)) { out += ch.toLowerCase(); }
    }
    return out;
  }
  function run() {
    var raw = q.value.trim();
    var k = key(raw);
    var id = raw.toUpperCase();
    results.textContent = "";
    if (!k) { count.textContent = ""; return; }
    var hits = [];
    for (var i = 0; i < data.items.length && hits.length < 100; i++) {
      var it = data.items[i];
      if (it[0].indexOf(id) >= 0 || (it[2] && it[2].indexOf(k) >= 0)) { hits.push(it); }
    }
    count.textContent = String(hits.length) + (hits.length === 100 ? "+" : "");
    for (var h of hits) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = h[4];
      a.className = "id";
      a.textContent = h[0];
      li.appendChild(a);
      li.appendChild(document.createTextNode(" " + h[1] + (h[3] ? " · " + h[3] : "")));
      results.appendChild(li);
    }
  }
  q.addEventListener("input", run);
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) { q.value = initial; }
  run();
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fold_table_is_name_key() {
        let fold = fold_table();
        assert_eq!(fold["ي"], "ی");
        assert_eq!(fold["ك"], "ک");
        assert_eq!(fold["\u{200C}"], "");
        assert_eq!(fold["۳"], "3");
        assert_eq!(fold["A"], "a");
        assert!(!fold.contains_key("ی"));
    }
}
