//! `dabir site`: the records as a static web site, for the chair's office and the national
//! organisation, who would rather look than read tables (issue 16).
//!
//! Plain files any web server, shared folder or laptop can serve: right to left in
//! Persian (left to right with `--lang en`), readable without JavaScript, charts drawn
//! by dabir as inline SVG ([`chart`]). Built from one run of the whole check
//! ([`crate::check::run_keeping`]), so the findings, the brief and the charts see the
//! same records, and from one `git log` ([`history`]) for every record's history.
//!
//! The pages, all at the root but the records (`r/ID.html`):
//! - `index.html`: the province at a glance (meetings per year against the two required,
//!   R-MTG-1; decisions open, overdue and done at each season's end, from their dated
//!   follow-ups; on-time reporting per cluster and season, R-REP-1; budgets per plan and
//!   per funder, R-BUD; clusters per lifecycle stage; supervisors missing or expiring,
//!   R-SUP-1); with several provinces, a national overview and one `prov-XXX.html` each;
//! - `findings-XXX.html`, `brief-XXX.html`: the check's findings and the next meeting's
//!   brief, their record ids linked;
//! - `list-XXX-KIND.html`: every record of a kind; `r/ID.html`: one record, what it names,
//!   what names it, its findings, and its history (commits with author, action and
//!   decision trailers);
//! - `search.html` with `search-index.js`: ids and names, normalised as `check`
//!   normalises names ([`crate::model::text::name_key`]).
//!
//! [`write`] rewrites only the files whose bytes changed (a manifest keeps their hashes),
//! so after one record changed only the pages that show it are written again.

pub mod chart;
pub mod history;
pub mod html;
mod overview;
mod record;
mod search;
pub mod write;

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use crate::diag::{Finding, Severity};
use crate::model::id::province_of;
use crate::model::{Config, JDate, Kind, Lang, Record};
use html::{NavItem, esc, num, t};

pub use write::{Writer, Written, write};

/// Everything a site is built from.
pub struct Input<'a> {
    pub config: &'a Config,
    pub as_of: JDate,
    pub lang: Lang,
    /// The records with their files, provinces contiguous (as the check keeps them).
    pub records: &'a [(String, Record)],
    pub findings: &'a [Finding],
    pub history: &'a history::Log,
}

/// One file of the site: its path from the site root and its bytes.
pub struct Page {
    pub path: String,
    pub bytes: Vec<u8>,
}

impl Page {
    fn new(path: impl Into<String>, text: String) -> Page {
        Page {
            path: path.into(),
            bytes: text.into_bytes(),
        }
    }
}

/// What every page builder shares: the records by id, who names whom, the findings by
/// record and by province.
pub(crate) struct Site<'a> {
    pub input: &'a Input<'a>,
    pub lang: Lang,
    /// Province code -> its records (a contiguous slice of `input.records`).
    pub provinces: BTreeMap<&'a str, &'a [(String, Record)]>,
    pub by_id: HashMap<&'a str, (&'a str, &'a Record)>,
    pub named_by: HashMap<&'a str, Vec<&'a str>>,
    pub findings_of_record: HashMap<&'a str, Vec<&'a Finding>>,
    pub findings_of_province: BTreeMap<&'a str, Vec<&'a Finding>>,
}

impl<'a> Site<'a> {
    fn new(input: &'a Input<'a>) -> Site<'a> {
        let mut provinces = BTreeMap::new();
        let recs = input.records;
        let mut start = 0;
        while start < recs.len() {
            let p = province_of(recs[start].1.id());
            let mut end = start + 1;
            while end < recs.len() && province_of(recs[end].1.id()) == p {
                end += 1;
            }
            provinces.insert(p, &recs[start..end]);
            start = end;
        }
        // A province's copy of the national registry (`dabir national vendor`) is not a
        // province of its own: its records get their pages, under the province's menu.
        if input.config.province != crate::check::NATIONAL && provinces.len() > 1 {
            provinces.remove(crate::check::NATIONAL);
        }
        let by_id: HashMap<&str, (&str, &Record)> = recs
            .iter()
            .map(|(p, r)| (r.id(), (p.as_str(), r)))
            .collect();
        let mut named_by: HashMap<&str, Vec<&str>> = HashMap::new();
        for (_, r) in recs {
            let mut seen: Vec<&str> = r.refs().into_iter().map(|x| x.id).collect();
            seen.sort_unstable();
            seen.dedup();
            for id in seen {
                if let Some((_, target)) = by_id.get(id) {
                    named_by.entry(target.id()).or_default().push(r.id());
                }
            }
        }
        let mut findings_of_record: HashMap<&str, Vec<&Finding>> = HashMap::new();
        let mut findings_of_province: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
        for f in input.findings {
            let id = f.record.as_deref().unwrap_or_else(|| {
                let name = f.file.rsplit('/').next().unwrap_or(&f.file);
                name.strip_suffix(".yaml").unwrap_or(name)
            });
            if let Some((id, _)) = by_id.get_key_value(id) {
                findings_of_record.entry(id).or_default().push(f);
            }
            let province = provinces
                .keys()
                .copied()
                .find(|p| *p == province_of(id))
                .or_else(|| {
                    let home = input.config.province.as_str();
                    provinces.contains_key(home).then_some(home)
                })
                .unwrap_or("");
            findings_of_province.entry(province).or_default().push(f);
        }
        Site {
            input,
            lang: input.lang,
            provinces,
            by_id,
            named_by,
            findings_of_record,
            findings_of_province,
        }
    }

    /// The province whose pages a record's page belongs under: its own, or, for the
    /// national registry's copy in a province, that province.
    pub fn province_of_record<'i>(&self, id: &'i str) -> &'i str
    where
        'a: 'i,
    {
        let p = province_of(id);
        if self.provinces.contains_key(p) {
            p
        } else {
            self.input.config.province.as_str()
        }
    }

    /// Whether the site covers several provinces (a national repository).
    pub fn national(&self) -> bool {
        self.provinces.len() > 1
    }

    /// A province's overview page.
    pub fn province_file(&self, p: &str) -> String {
        if self.national() {
            format!("prov-{p}.html")
        } else {
            "index.html".into()
        }
    }

    /// The navigation of a page about province `p` (or of the national pages).
    pub fn nav(&self, p: Option<&str>) -> Vec<NavItem> {
        let lang = self.lang;
        let mut nav = Vec::new();
        if self.national() {
            nav.push(NavItem {
                file: "index.html".into(),
                label: t(lang, "National overview", "نمای کشور").into(),
            });
        }
        if let Some(p) = p {
            nav.push(NavItem {
                file: self.province_file(p),
                label: format!("{} {}", t(lang, "Province", "استان"), p),
            });
            nav.push(NavItem {
                file: format!("findings-{p}.html"),
                label: t(lang, "Findings", "یافته‌ها").into(),
            });
            nav.push(NavItem {
                file: format!("brief-{p}.html"),
                label: t(lang, "Next meeting's brief", "گزارش پیش از جلسه").into(),
            });
            for k in LISTED {
                nav.push(NavItem {
                    file: list_file(p, k),
                    label: kind_plural(lang, k).into(),
                });
            }
        }
        nav.push(NavItem {
            file: "search.html".into(),
            label: t(lang, "Search", "جست‌وجو").into(),
        });
        nav
    }

    /// HTML with every known record id in `text` (escaped) made a link.
    pub fn linkify(&self, depth: usize, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find(|c: char| c.is_ascii_uppercase()) {
            let (before, from) = rest.split_at(start);
            out.push_str(&esc(before));
            let len = from
                .find(|c: char| !(c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-'))
                .unwrap_or(from.len());
            let token = from[..len].trim_end_matches('-');
            if token.contains('-') && self.by_id.contains_key(token) {
                out.push_str(&html::record_link(depth, token));
            } else {
                out.push_str(&esc(token));
            }
            rest = &from[token.len()..];
        }
        out.push_str(&esc(rest));
        out
    }

    /// A table of findings, their record ids linked.
    pub fn findings_table(&self, depth: usize, caption: &str, fs: &[&Finding]) -> String {
        let lang = self.lang;
        let rows: Vec<Vec<String>> = fs
            .iter()
            .map(|f| {
                let sev = match f.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    _ => "waived",
                };
                let place = match &f.position {
                    Some(p) => format!("{}:{}:{}", f.file, p.line, p.column),
                    None => f.file.clone(),
                };
                vec![
                    format!(
                        "<span class=\"sev-{sev}\">{}</span>",
                        esc(f.severity.label(lang))
                    ),
                    format!("<span class=\"id\">{}</span>", esc(f.rule)),
                    format!("<span class=\"id\">{}</span>", esc(&place)),
                    f.record
                        .as_deref()
                        .map_or(String::new(), |r| self.linkify(depth, r)),
                    self.linkify(depth, f.message.get(lang)),
                ]
            })
            .collect();
        html::table(
            caption,
            &[
                t(lang, "severity", "شدت"),
                t(lang, "rule", "قاعده"),
                t(lang, "place", "جا"),
                t(lang, "record", "سابقه"),
                t(lang, "message", "پیام"),
            ],
            &rows,
        )
    }
}

/// The kinds with a listing page per province, in the navigation's order.
const LISTED: [Kind; 5] = [
    Kind::Committee,
    Kind::Meeting,
    Kind::Decision,
    Kind::Cluster,
    Kind::Plan,
];

fn list_file(p: &str, k: Kind) -> String {
    format!("list-{p}-{}.html", k.name())
}

fn kind_plural(lang: Lang, k: Kind) -> &'static str {
    match k {
        Kind::Committee => t(lang, "Committees", "کمیته‌ها"),
        Kind::Meeting => t(lang, "Meetings", "جلسه‌ها"),
        Kind::Decision => t(lang, "Decisions", "مصوبه‌ها"),
        Kind::Cluster => t(lang, "Clusters", "خوشه‌ها"),
        Kind::Plan => t(lang, "Action plans", "برنامه‌های عمل"),
        Kind::Body => t(lang, "Bodies", "نهادها"),
        Kind::Person => t(lang, "People", "اشخاص"),
        Kind::Report => t(lang, "Quarterly reports", "گزارش‌های سه‌ماهه"),
        Kind::Review => t(lang, "Supervisor reviews", "گزارش‌های ناظر"),
        Kind::Dispute => t(lang, "Disputes", "اختلاف‌ها"),
        Kind::Programme => t(lang, "Annual programmes", "برنامه‌های سالانه"),
        Kind::Progress => t(
            lang,
            "Progress on the annual programme",
            "پیشرفت برنامه سالانه",
        ),
    }
}

/// A record's kind in the page's language.
pub fn kind_name(lang: Lang, k: Kind) -> &'static str {
    match lang {
        Lang::En => k.name(),
        Lang::Fa => k.name_fa(),
    }
}

/// What a person calls a record besides its id: a name, a title, a date.
pub fn display_name(r: &Record) -> String {
    match r {
        Record::Body(x) => x.name.clone(),
        Record::Person(x) => x.name.clone(),
        Record::Committee(x) => x.name.clone(),
        Record::Cluster(x) => x.name.clone(),
        Record::Plan(x) => x.title.clone(),
        Record::Meeting(x) => x.date.to_string(),
        Record::Decision(x) => {
            let mut s: String = x.text.chars().take(80).collect();
            if x.text.chars().count() > 80 {
                s.push('…');
            }
            s
        }
        Record::Report(x) => format!("{}-Q{}", x.year, x.quarter),
        Record::Review(x) => x.date.to_string(),
        Record::Dispute(x) => x.subject.clone(),
        Record::Programme(x) => x.title.clone(),
        Record::Progress(x) => x.programme.clone(),
    }
}

/// Make every page of the site, handing each to `put` as soon as it is made (from
/// several threads at once, so the site is never held whole in memory); stops at the
/// first error `put` returns.
pub fn build<E: Send>(
    input: &Input<'_>,
    put: &(dyn Fn(Page) -> Result<(), E> + Sync),
) -> Result<(), E> {
    let site = Site::new(input);
    let lang = site.lang;
    put(Page::new("style.css", html::STYLE.to_string()))?;
    if site.national() {
        put(Page::new("index.html", overview::national(&site)))?;
    }
    if site.provinces.is_empty() {
        put(Page::new(
            "index.html",
            html::page(
                lang,
                0,
                t(lang, "No records yet", "هنوز سابقه‌ای نیست"),
                &site.nav(None),
                "",
                None,
            ),
        ))?;
    }
    site.provinces.par_iter().try_for_each(|(p, recs)| {
        put(Page::new(
            site.province_file(p),
            overview::province(&site, p, recs),
        ))?;
        put(Page::new(
            format!("findings-{p}.html"),
            findings_page(&site, p),
        ))?;
        put(Page::new(
            format!("brief-{p}.html"),
            overview::brief(&site, p, recs),
        ))?;
        LISTED
            .into_iter()
            .try_for_each(|k| put(Page::new(list_file(p, k), list_page(&site, p, recs, k))))
    })?;
    input.records.par_iter().try_for_each(|(path, r)| {
        put(Page::new(
            html::record_file(r.id()),
            record::page(&site, path, r),
        ))
    })?;
    search::pages(&site).into_iter().try_for_each(put)
}

fn findings_page(site: &Site<'_>, p: &str) -> String {
    let lang = site.lang;
    let fs: &[&Finding] = site.findings_of_province.get(p).map_or(&[], Vec::as_slice);
    let count = |s: Severity| fs.iter().filter(|f| f.severity == s).count();
    let mut body = format!(
        "<p>{}: {} · {}: {}</p>",
        t(lang, "errors", "خطا"),
        num(lang, count(Severity::Error)),
        t(lang, "warnings", "هشدار"),
        num(lang, count(Severity::Warning)),
    );
    if fs.is_empty() {
        body.push_str(&format!(
            "<p>{}</p>",
            t(lang, "No findings.", "یافته‌ای نیست.")
        ));
    } else {
        body.push_str(&site.findings_table(0, t(lang, "Findings", "یافته‌ها"), fs));
    }
    let title = format!(
        "{} · {}",
        t(lang, "Findings of the check", "یافته‌های بررسی"),
        p
    );
    html::page(lang, 0, &title, &site.nav(Some(p)), &body, None)
}

fn list_page(site: &Site<'_>, p: &str, recs: &[(String, Record)], k: Kind) -> String {
    let lang = site.lang;
    let mut rows: Vec<(&str, &Record)> = recs
        .iter()
        .filter(|(_, r)| r.kind() == k)
        .map(|(_, r)| (r.id(), r))
        .collect();
    rows.sort_by_key(|(id, _)| *id);
    let table_rows: Vec<Vec<String>> = rows
        .iter()
        .map(|(id, r)| {
            let n = site.findings_of_record.get(id).map_or(0, Vec::len);
            vec![
                html::record_link(0, id),
                esc(&display_name(r)),
                num(lang, n),
            ]
        })
        .collect();
    let title = format!("{} · {}", kind_plural(lang, k), p);
    let body = format!(
        "<p>{} {}</p>{}",
        num(lang, rows.len()),
        t(lang, "records", "سابقه"),
        html::table(
            &title,
            &[
                t(lang, "id", "شناسه"),
                t(lang, "name", "نام"),
                t(lang, "findings", "یافته‌ها"),
            ],
            &table_rows,
        )
    );
    html::page(lang, 0, &title, &site.nav(Some(p)), &body, None)
}
