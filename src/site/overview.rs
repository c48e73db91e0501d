//! The overview pages: a province at a glance, the national overview, and the brief of
//! the next meeting. Every number comes from the rule families that judge it: the
//! reporting seasons of R-REP-1 ([`rules::report::seasons`]), the budget position of
//! R-BUD ([`rules::money::headroom`], [`rules::money::amount_on`]), the supervisors of
//! R-SUP-1 as the brief lists them.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::Site;
use super::chart::{self, Bars, CellKind, Heat, Series};
use super::html::{self, date, esc, num, rials, t};
use crate::brief::{self, Request, SupervisorState};
use crate::diag::{Finding, Severity};
use crate::model::decision::FollowupKind;
use crate::model::meeting::MeetingState;
use crate::model::plan::MoneyStepKind;
use crate::model::{CommitteeKind, Decision, JDate, Lang, Record, Stage};
use crate::rules::report::SeasonState;
use crate::rules::{self, Context};

/// Colours of the series; every bar is named in the legend and the table as well.
const BLUE: &str = "#12355b";
const AMBER: &str = "#c77c02";
const RED: &str = "#b3261e";
const GREEN: &str = "#2e7d32";
const GREY: &str = "#9aa5b1";

fn ctx<'a>(site: &'a Site<'a>, recs: &'a [(String, Record)]) -> Context<'a> {
    Context::new(site.input.config, site.input.as_of, recs)
}

/// A decision's state on a date, from its dated follow-ups: `None` before its meeting
/// or once cancelled or carried over.
#[derive(Clone, Copy, PartialEq, Eq)]
enum DecisionOn {
    Open,
    Overdue,
    Done,
}

fn decision_on(d: &Decision, made: JDate, on: JDate) -> Option<DecisionOn> {
    if made > on {
        return None;
    }
    let mut closed = None;
    for f in d.followups.iter().filter(|f| f.date <= on) {
        match f.kind {
            FollowupKind::Done => closed = Some(Some(DecisionOn::Done)),
            FollowupKind::Cancelled | FollowupKind::CarriedOver => closed = Some(None),
            FollowupKind::Progress => {}
        }
    }
    if let Some(c) = closed {
        return c;
    }
    Some(match d.deadline {
        Some(dl) if dl < on => DecisionOn::Overdue,
        _ => DecisionOn::Open,
    })
}

/// Seasons (year, quarter) ending on or before `as_of`, the last `n`, oldest first.
fn last_seasons(as_of: JDate, n: usize) -> Vec<(u16, u8)> {
    let mut v = Vec::new();
    let (mut y, mut q) = (as_of.year(), as_of.quarter());
    while v.len() < n {
        if JDate::quarter_end(y, q) <= as_of {
            v.push((y, q));
        }
        if q == 1 {
            y -= 1;
            q = 4;
        } else {
            q -= 1;
        }
    }
    v.reverse();
    v
}

fn season_label(lang: Lang, y: u16, q: u8) -> String {
    match lang {
        Lang::En => format!("{y}-Q{q}"),
        Lang::Fa => num(lang, format!("{y} فصل {q}")),
    }
}

/// The province at a glance: a summary line, the charts, and the supervisors.
pub fn province(site: &Site<'_>, p: &str, recs: &[(String, Record)]) -> String {
    let lang = site.lang;
    let ctx = ctx(site, recs);
    let mut body = summary(site, p, recs);
    body.push_str("<div class=\"grid\">");
    body.push_str(&meetings_chart(site, &ctx, p));
    body.push_str(&decisions_chart(site, &ctx, p));
    body.push_str(&reports_chart(site, &ctx, p));
    body.push_str(&plans_chart(site, &ctx, p));
    body.push_str(&funders_chart(site, &ctx, p));
    body.push_str(&stages_chart(site, &ctx, p));
    body.push_str("</div>");
    body.push_str(&supervisors(site, &ctx, p));
    let title = format!(
        "{} {}",
        t(lang, "The province at a glance:", "نمای استان:"),
        p
    );
    html::page(lang, 0, &title, &site.nav(Some(p)), &body, None)
}

/// The line above the charts: the date, the records, the findings and the brief.
fn summary(site: &Site<'_>, p: &str, recs: &[(String, Record)]) -> String {
    let lang = site.lang;
    let as_of = site.input.as_of;
    let fs: &[&Finding] = site.findings_of_province.get(p).map_or(&[], Vec::as_slice);
    let count = |s: Severity| fs.iter().filter(|f| f.severity == s).count();
    let mut body = String::new();
    let _ = write!(
        body,
        "<p>{} {} · {} {} · <a href=\"findings-{p}.html\">{}: {} {}، {} {}</a> · <a href=\"brief-{p}.html\">{}</a></p>",
        t(lang, "as of", "به تاریخ"),
        date(lang, as_of),
        num(lang, recs.len()),
        t(lang, "records", "سابقه"),
        t(lang, "findings", "یافته‌ها"),
        num(lang, count(Severity::Error)),
        t(lang, "errors", "خطا"),
        num(lang, count(Severity::Warning)),
        t(lang, "warnings", "هشدار"),
        t(lang, "the next meeting's brief", "گزارش پیش از جلسهٔ بعد"),
    );
    body
}

/// Meetings held per year by the provincial committee, against the two required.
fn meetings_chart(site: &Site<'_>, ctx: &Context<'_>, p: &str) -> String {
    let lang = site.lang;
    let as_of = site.input.as_of;
    let provincial: Vec<&str> = ctx
        .committees()
        .filter(|(_, c)| c.kind == CommitteeKind::Provincial)
        .map(|(_, c)| c.id.as_str())
        .collect();
    let mut per_year: BTreeMap<u16, usize> = BTreeMap::new();
    for (_, m) in ctx.meetings() {
        if provincial.contains(&m.committee.as_str()) && m.date <= as_of {
            let held = m.state == MeetingState::Held;
            *per_year.entry(m.date.year()).or_default() += usize::from(held);
        }
    }
    let years: Vec<u16> = match (per_year.keys().next(), as_of.year()) {
        (Some(&first), last) if first <= last => (first..=last).collect(),
        _ => vec![as_of.year()],
    };
    let held: Vec<usize> = years
        .iter()
        .map(|y| per_year.get(y).copied().unwrap_or(0))
        .collect();
    chart::bars(
        lang,
        &Bars {
            id: format!("meetings-{p}"),
            title: t(
                lang,
                "Provincial committee meetings held per year",
                "جلسه‌های برگزارشدهٔ کمیتهٔ استانی در هر سال",
            )
            .into(),
            desc: format!(
                "{} {}",
                t(
                    lang,
                    "Meetings held each year against the two a year required (R-MTG-1):",
                    "جلسه‌های برگزارشده در هر سال در برابر دو جلسهٔ لازم (R-MTG-1):"
                ),
                years
                    .iter()
                    .zip(&held)
                    .map(|(y, n)| format!("{} {}", num(lang, y), num(lang, n)))
                    .collect::<Vec<_>>()
                    .join("، ")
            ),
            categories: years.iter().map(|y| num(lang, y)).collect(),
            series: vec![Series {
                label: t(lang, "held", "برگزارشده").into(),
                colour: BLUE,
            }],
            values: held.iter().map(|&n| vec![n as f64]).collect(),
            shown: held.iter().map(|&n| vec![num(lang, n)]).collect(),
            reference: Some((
                2.0,
                t(lang, "two required a year", "دو جلسهٔ لازم در سال").into(),
            )),
        },
    )
}

/// Decisions open, overdue and done at each season's end.
fn decisions_chart(site: &Site<'_>, ctx: &Context<'_>, p: &str) -> String {
    let lang = site.lang;
    let as_of = site.input.as_of;
    let seasons = last_seasons(as_of, 12);
    let made: Vec<(&Decision, JDate)> = ctx
        .decisions()
        .filter_map(|(_, d)| ctx.meeting(&d.meeting).map(|(_, m)| (d, m.date)))
        .collect();
    let mut values = Vec::new();
    let mut shown = Vec::new();
    for &(y, q) in &seasons {
        let end = JDate::quarter_end(y, q);
        let mut c = [0usize; 3];
        for (d, m) in &made {
            match decision_on(d, *m, end) {
                Some(DecisionOn::Open) => c[0] += 1,
                Some(DecisionOn::Overdue) => c[1] += 1,
                Some(DecisionOn::Done) => c[2] += 1,
                None => {}
            }
        }
        values.push(c.iter().map(|&n| n as f64).collect());
        shown.push(c.iter().map(|&n| num(lang, n)).collect());
    }
    chart::bars(
        lang,
        &Bars {
            id: format!("decisions-{p}"),
            title: t(lang, "Decisions open, overdue and done at each season's end", "مصوبه‌های باز، معوق و انجام‌شده در پایان هر فصل").into(),
            desc: t(lang, "For each of the last twelve seasons, the decisions taken by its end that were open, past their deadline, or done, from their dated follow-ups (R-MTG-6).", "برای هر یک از دوازده فصل گذشته، مصوبه‌هایی که تا پایان آن گرفته شده بود و باز، گذشته از مهلت یا انجام‌شده بودند، از روی پیگیری‌های تاریخ‌دار (R-MTG-6).").into(),
            categories: seasons.iter().map(|&(y, q)| season_label(lang, y, q)).collect(),
            series: vec![
                Series { label: t(lang, "open", "باز").into(), colour: BLUE },
                Series { label: t(lang, "overdue", "معوق").into(), colour: RED },
                Series { label: t(lang, "done", "انجام‌شده").into(), colour: GREEN },
            ],
            values,
            shown,
            reference: None,
        },
    )
}

/// On-time reporting per cluster and season (R-REP-1).
fn reports_chart(site: &Site<'_>, ctx: &Context<'_>, p: &str) -> String {
    let lang = site.lang;
    let as_of = site.input.as_of;
    let all = rules::report::seasons(ctx);
    let cols = last_seasons(as_of, 8);
    let kinds = vec![
        CellKind {
            colour: GREEN,
            label: t(lang, "on time", "به‌موقع").into(),
        },
        CellKind {
            colour: AMBER,
            label: t(lang, "late", "با تأخیر").into(),
        },
        CellKind {
            colour: RED,
            label: t(lang, "missing", "نرسیده").into(),
        },
        CellKind {
            colour: GREY,
            label: t(lang, "pending", "در جریان").into(),
        },
    ];
    let cells: Vec<Vec<Option<usize>>> = all
        .iter()
        .map(|c| {
            cols.iter()
                .map(|&(y, q)| {
                    c.seasons
                        .iter()
                        .find(|s| s.year == y && s.quarter == q)
                        .map(|s| match s.state {
                            SeasonState::OnTime { .. } => 0,
                            SeasonState::Late { .. } => 1,
                            SeasonState::Missing { .. } => 2,
                            SeasonState::Pending => 3,
                        })
                })
                .collect()
        })
        .collect();
    let rate =
        |r: Option<f64>| r.map_or("-".to_string(), |r| num(lang, format!("{:.0}%", r * 100.0)));
    chart::heat(
        lang,
        &Heat {
            id: format!("reports-{p}"),
            title: t(
                lang,
                "Quarterly reports on time, per cluster and season",
                "گزارش‌های سه‌ماههٔ به‌موقع، برای هر خوشه و فصل",
            )
            .into(),
            desc: format!(
                "{} {}",
                t(
                    lang,
                    "On time, late or missing per cluster in the last eight seasons (R-REP-1); the province's on-time rate:",
                    "به‌موقع، با تأخیر یا نرسیده برای هر خوشه در هشت فصل گذشته (R-REP-1)؛ نرخ به‌موقع استان:"
                ),
                rate(rules::report::on_time_rate(&all))
            ),
            rows: all.iter().map(|c| c.cluster.clone()).collect(),
            columns: cols
                .iter()
                .map(|&(y, q)| season_label(lang, y, q))
                .collect(),
            kinds,
            cells,
            row_note: all.iter().map(|c| rate(c.on_time_rate())).collect(),
        },
    )
}

/// Money in the charts (millions of rials) and in their tables (rials, in words of the
/// page's language).
fn money(lang: Lang, v: &[i128]) -> (Vec<f64>, Vec<String>) {
    (
        v.iter().map(|&x| x as f64 / 1e6).collect(),
        v.iter().map(|&x| rials(lang, x)).collect(),
    )
}

/// The three series of a budget: approved, allocated, paid.
fn approved_allocated_paid(lang: Lang) -> Vec<Series> {
    [
        (t(lang, "approved", "مصوب"), BLUE),
        (t(lang, "allocated", "تخصیص"), AMBER),
        (t(lang, "paid", "پرداخت"), GREEN),
    ]
    .into_iter()
    .map(|(label, colour)| Series {
        label: label.into(),
        colour,
    })
    .collect()
}

/// Budgets per plan (the plans running on the as-of date, else the latest year's).
fn plans_chart(site: &Site<'_>, ctx: &Context<'_>, p: &str) -> String {
    let lang = site.lang;
    let as_of = site.input.as_of;
    let mut plans: Vec<_> = ctx
        .plans()
        .filter(|(_, pl)| pl.start <= as_of && as_of <= pl.end)
        .map(|(_, pl)| pl)
        .collect();
    if plans.is_empty()
        && let Some(last) = ctx.plans().map(|(_, pl)| pl.start.year()).max()
    {
        plans = ctx
            .plans()
            .filter(|(_, pl)| pl.start.year() == last)
            .map(|(_, pl)| pl)
            .collect();
    }
    plans.sort_by(|a, b| a.id.cmp(&b.id));
    let (mut values, mut shown) = (Vec::new(), Vec::new());
    for pl in &plans {
        let h = rules::money::headroom(pl, as_of);
        let (v, s) = money(
            lang,
            &[h.approved.into(), h.allocated.into(), h.paid.into()],
        );
        values.push(v);
        shown.push(s);
    }
    chart::bars(
        lang,
        &Bars {
            id: format!("plans-{p}"),
            title: t(lang, "Budget per action plan (million rials)", "بودجهٔ هر برنامهٔ عمل (میلیون ریال)").into(),
            desc: t(lang, "Approved (after revisions), allocated and paid per action plan running on the as-of date (R-BUD-1, R-BUD-2).", "مصوب (پس از بازنگری‌ها)، تخصیص و پرداخت هر برنامهٔ عمل جاری در تاریخ گزارش (R-BUD-1، R-BUD-2).").into(),
            categories: plans.iter().map(|pl| pl.cluster.clone()).collect(),
            series: approved_allocated_paid(lang),
            values,
            shown,
            reference: None,
        },
    )
}

/// Budgets per funder, over every plan.
fn funders_chart(site: &Site<'_>, ctx: &Context<'_>, p: &str) -> String {
    let lang = site.lang;
    let as_of = site.input.as_of;
    let mut by_funder: BTreeMap<&str, [i128; 3]> = BTreeMap::new();
    for (_, pl) in ctx.plans() {
        for line in &pl.lines {
            let e = by_funder.entry(line.funder.as_str()).or_default();
            e[0] += i128::from(rules::money::amount_on(pl, line, as_of));
            for s in line.trail.iter().filter(|s| s.date <= as_of) {
                match s.step {
                    MoneyStepKind::Allocated => e[1] += i128::from(s.amount),
                    MoneyStepKind::Paid => e[2] += i128::from(s.amount),
                    _ => {}
                }
            }
        }
    }
    let (mut values, mut shown) = (Vec::new(), Vec::new());
    for v in by_funder.values() {
        let (a, b) = money(lang, v);
        values.push(a);
        shown.push(b);
    }
    chart::bars(
        lang,
        &Bars {
            id: format!("funders-{p}"),
            title: t(
                lang,
                "Budget per funder, all plans (million rials)",
                "بودجهٔ هر تأمین‌کننده در همهٔ برنامه‌ها (میلیون ریال)",
            )
            .into(),
            desc: t(
                lang,
                "Approved, allocated and paid per funder over every action plan.",
                "مصوب، تخصیص و پرداخت هر تأمین‌کننده در همهٔ برنامه‌های عمل.",
            )
            .into(),
            categories: by_funder.keys().map(|f| f.to_string()).collect(),
            series: approved_allocated_paid(lang),
            values,
            shown,
            reference: None,
        },
    )
}

/// Clusters per lifecycle stage.
fn stages_chart(site: &Site<'_>, ctx: &Context<'_>, p: &str) -> String {
    let lang = site.lang;
    let as_of = site.input.as_of;
    let mut per_stage: BTreeMap<Stage, usize> = BTreeMap::new();
    for (_, c) in ctx.clusters() {
        if let Some(s) = c
            .stages
            .iter()
            .filter(|s| s.date <= as_of)
            .map(|s| s.stage)
            .next_back()
        {
            *per_stage.entry(s).or_default() += 1;
        }
    }
    chart::bars(
        lang,
        &Bars {
            id: format!("stages-{p}"),
            title: t(
                lang,
                "Clusters per lifecycle stage",
                "خوشه‌ها در هر مرحلهٔ چرخهٔ عمر",
            )
            .into(),
            desc: format!(
                "{} {}",
                t(
                    lang,
                    "Clusters at each stage F3 to F15:",
                    "شمار خوشه‌ها در هر مرحله از F3 تا F15:"
                ),
                Stage::ALL
                    .iter()
                    .map(|s| format!(
                        "{} {}",
                        s.code(),
                        num(lang, per_stage.get(s).copied().unwrap_or(0))
                    ))
                    .collect::<Vec<_>>()
                    .join("، ")
            ),
            categories: Stage::ALL.iter().map(|s| s.code().to_string()).collect(),
            series: vec![Series {
                label: t(lang, "clusters", "خوشه").into(),
                colour: BLUE,
            }],
            values: Stage::ALL
                .iter()
                .map(|s| vec![per_stage.get(s).copied().unwrap_or(0) as f64])
                .collect(),
            shown: Stage::ALL
                .iter()
                .map(|s| vec![num(lang, per_stage.get(s).copied().unwrap_or(0))])
                .collect(),
            reference: None,
        },
    )
}

/// Supervisors missing or expiring, as the brief lists them.
fn supervisors(site: &Site<'_>, ctx: &Context<'_>, p: &str) -> String {
    let lang = site.lang;
    let mut body = String::new();
    let _ = write!(
        body,
        "<h2>{}</h2>",
        t(
            lang,
            "Supervisors missing or expiring",
            "ناظران نبوده یا رو به پایان"
        )
    );
    match brief_of(site, ctx, p) {
        Ok(b) if !b.supervisors.is_empty() => {
            let rows: Vec<Vec<String>> = b
                .supervisors
                .iter()
                .map(|s| {
                    vec![
                        html::record_link(0, &s.cluster),
                        esc(&s.name),
                        match s.state {
                            SupervisorState::Missing => t(lang, "missing", "ندارد"),
                            SupervisorState::Expiring => t(lang, "expiring", "رو به پایان"),
                        }
                        .into(),
                        s.person
                            .as_deref()
                            .map_or(String::new(), |x| site.linkify(0, x)),
                        s.until.map_or(String::new(), |d| date(lang, d)),
                    ]
                })
                .collect();
            body.push_str(&html::table(
                t(lang, "Supervisors (R-SUP-1)", "ناظران (R-SUP-1)"),
                &[
                    t(lang, "cluster", "خوشه"),
                    t(lang, "name", "نام"),
                    t(lang, "state", "وضعیت"),
                    t(lang, "supervisor", "ناظر"),
                    t(lang, "until", "تا"),
                ],
                &rows,
            ));
        }
        _ => {
            let _ = write!(body, "<p>{}</p>", t(lang, "None.", "هیچ."));
        }
    }
    body
}

fn brief_of(
    site: &Site<'_>,
    ctx: &Context<'_>,
    p: &str,
) -> Result<brief::Brief, brief::BriefError> {
    let fs: Vec<Finding> = site
        .findings_of_province
        .get(p)
        .map(|v| v.iter().map(|f| (*f).clone()).collect())
        .unwrap_or_default();
    brief::build(ctx, &fs, &Request::default())
}

/// The next meeting's brief, as `dabir brief` prints it, with record ids linked.
pub fn brief(site: &Site<'_>, p: &str, recs: &[(String, Record)]) -> String {
    let lang = site.lang;
    let ctx = ctx(site, recs);
    let body = match brief_of(site, &ctx, p) {
        Ok(b) => {
            let mut text = Vec::new();
            let _ = crate::render::brief::human(
                &mut text,
                crate::render::brief::BriefStyle {
                    lang,
                    bidi_isolate: false,
                },
                &b,
            );
            format!(
                "<div class=\"scroll\"><pre class=\"brief\">{}</pre></div>",
                site.linkify(0, &String::from_utf8_lossy(&text))
            )
        }
        Err(e) => format!("<p>{}</p>", esc(&e.to_string())),
    };
    let title = format!(
        "{} · {}",
        t(lang, "The next meeting's brief", "گزارش پیش از جلسهٔ بعد"),
        p
    );
    html::page(lang, 0, &title, &site.nav(Some(p)), &body, None)
}

/// Every province side by side.
pub fn national(site: &Site<'_>) -> String {
    let lang = site.lang;
    let as_of = site.input.as_of;
    let mut rows = Vec::new();
    let mut rates = Vec::new();
    let mut overdue = Vec::new();
    for (p, recs) in &site.provinces {
        let ctx = ctx(site, recs);
        let seasons = rules::report::seasons(&ctx);
        let rate = rules::report::on_time_rate(&seasons);
        let late = ctx
            .decisions()
            .filter_map(|(_, d)| ctx.meeting(&d.meeting).map(|(_, m)| (d, m.date)))
            .filter(|(d, m)| decision_on(d, *m, as_of) == Some(DecisionOn::Overdue))
            .count();
        let fs: &[&Finding] = site.findings_of_province.get(p).map_or(&[], Vec::as_slice);
        let count = |s: Severity| fs.iter().filter(|f| f.severity == s).count();
        let held = ctx
            .meetings()
            .filter(|(_, m)| {
                m.state == MeetingState::Held && m.date.year() == as_of.year() && m.date <= as_of
            })
            .count();
        rows.push(vec![
            format!(
                "<a class=\"id\" href=\"{}\">{}</a>",
                site.province_file(p),
                esc(p)
            ),
            num(lang, recs.len()),
            num(lang, held),
            num(lang, late),
            num(lang, count(Severity::Error)),
            num(lang, count(Severity::Warning)),
            rate.map_or("-".into(), |r| num(lang, format!("{:.0}%", r * 100.0))),
        ]);
        rates.push(rate.unwrap_or(0.0) * 100.0);
        overdue.push(late as f64);
    }
    let names: Vec<String> = site.provinces.keys().map(|p| p.to_string()).collect();
    let mut body = format!(
        "<p>{} {} · {} {} · {} {}</p><div class=\"grid\">",
        t(lang, "as of", "به تاریخ"),
        date(lang, as_of),
        num(lang, site.provinces.len()),
        t(lang, "provinces", "استان"),
        num(lang, site.input.records.len()),
        t(lang, "records", "سابقه"),
    );
    body.push_str(&chart::bars(
        lang,
        &Bars {
            id: "rates".into(),
            title: t(
                lang,
                "On-time quarterly reports per province (%)",
                "گزارش‌های سه‌ماههٔ به‌موقع در هر استان (درصد)",
            )
            .into(),
            desc: t(
                lang,
                "The share of quarterly reports received on time in each province (R-REP-1).",
                "سهم گزارش‌های سه‌ماهه‌ای که در هر استان به‌موقع رسیده است (R-REP-1).",
            )
            .into(),
            categories: names.clone(),
            series: vec![Series {
                label: t(lang, "on time", "به‌موقع").into(),
                colour: GREEN,
            }],
            values: rates.iter().map(|&r| vec![r]).collect(),
            shown: rates
                .iter()
                .map(|&r| vec![num(lang, format!("{r:.0}%"))])
                .collect(),
            reference: None,
        },
    ));
    body.push_str(&chart::bars(
        lang,
        &Bars {
            id: "overdue".into(),
            title: t(lang, "Overdue decisions per province", "مصوبه‌های معوق در هر استان").into(),
            desc: t(lang, "Decisions past their deadline and not done on the as-of date, per province (R-MTG-6).", "مصوبه‌های گذشته از مهلت و انجام‌نشده در تاریخ گزارش، در هر استان (R-MTG-6).").into(),
            categories: names,
            series: vec![Series { label: t(lang, "overdue", "معوق").into(), colour: RED }],
            values: overdue.iter().map(|&n| vec![n]).collect(),
            shown: overdue.iter().map(|&n| vec![num(lang, n as u64)]).collect(),
            reference: None,
        },
    ));
    body.push_str("</div>");
    body.push_str(&html::table(
        t(lang, "Provinces", "استان‌ها"),
        &[
            t(lang, "province", "استان"),
            t(lang, "records", "سابقه"),
            t(lang, "meetings held this year", "جلسهٔ برگزارشدهٔ امسال"),
            t(lang, "overdue decisions", "مصوبهٔ معوق"),
            t(lang, "errors", "خطا"),
            t(lang, "warnings", "هشدار"),
            t(lang, "reports on time", "گزارش به‌موقع"),
        ],
        &rows,
    ));
    html::page(
        lang,
        0,
        t(lang, "National overview", "نمای کشور"),
        &site.nav(None),
        &body,
        None,
    )
}
