//! The export tables, built from the brief's rows: one header (English and Persian) per
//! column, cells typed so amounts and counts stay numbers and dates stay text.

use crate::brief::Brief;
use crate::diag::Text;
use crate::model::{JDate, Lang};
use crate::tr;

use super::Which;

/// One cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

impl Cell {
    /// The cell as CSV text.
    pub fn to_text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Empty => String::new(),
        }
    }
}

/// A table: its sheet name, title, headers and rows.
pub struct Table {
    pub sheet: Text,
    pub title: Text,
    pub headers: Vec<Text>,
    pub rows: Vec<Vec<Cell>>,
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn date(d: JDate) -> Cell {
    Cell::Text(d.to_string())
}

fn opt_date(d: Option<JDate>) -> Cell {
    d.map_or(Cell::Empty, date)
}

fn num(n: impl Into<f64>) -> Cell {
    Cell::Number(n.into())
}

/// An amount in rials (exact below 2^53, some nine quadrillion rials).
fn rials(n: i128) -> Cell {
    Cell::Number(n as f64)
}

fn yes_no(b: bool, lang: Lang) -> Cell {
    text(match (b, lang) {
        (true, Lang::Fa) => "بله",
        (false, Lang::Fa) => "خیر",
        (true, Lang::En) => "yes",
        (false, Lang::En) => "no",
    })
}

/// The kebab-case name a model enum is written with.
fn code<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The table `which` of the brief `b`.
pub fn build(b: &Brief, which: Which, lang: Lang) -> Table {
    match which {
        Which::Decisions => decisions(b, lang),
        Which::Members => members(b),
        Which::Reports => reports(b),
        Which::Budget => budget(b),
    }
}

/// The open decisions.
fn decisions(b: &Brief, lang: Lang) -> Table {
    Table {
        sheet: tr!("Decisions", "مصوبات"),
        title: tr!("Open decisions", "مصوبات باز"),
        headers: vec![
            tr!("decision", "شناسه مصوبه"),
            tr!("meeting", "جلسه"),
            tr!("meeting date", "تاریخ جلسه"),
            tr!("responsible", "نهادهای مسئول"),
            tr!("deadline", "مهلت"),
            tr!("status", "وضعیت"),
            tr!("days overdue", "روز تأخیر"),
            tr!("on agenda", "در دستور جلسه"),
            tr!("dispatched", "ابلاغ‌شده"),
            tr!("text", "متن مصوبه"),
        ],
        rows: b
            .decisions
            .iter()
            .map(|d| {
                vec![
                    text(&d.id),
                    text(&d.meeting),
                    date(d.meeting_date),
                    text(d.responsible.join("، ")),
                    opt_date(d.deadline),
                    text(code(&d.status)),
                    d.days_overdue.map_or(Cell::Empty, |n| num(n as f64)),
                    yes_no(d.on_agenda, lang),
                    yes_no(d.dispatched, lang),
                    text(&d.text),
                ]
            })
            .collect(),
    }
}

/// The members in office.
fn members(b: &Brief) -> Table {
    Table {
        sheet: tr!("Members", "اعضا"),
        title: tr!("Members in office", "اعضای در سمت"),
        headers: vec![
            tr!("person", "شناسه شخص"),
            tr!("name", "نام"),
            tr!("body", "نهاد"),
            tr!("category", "گروه نهاد"),
            tr!("role", "سمت"),
            tr!("since", "از تاریخ"),
            tr!("decree", "شماره حکم"),
            tr!("substitute", "جانشین"),
        ],
        rows: b
            .members
            .iter()
            .map(|m| {
                vec![
                    text(&m.person),
                    text(&m.name),
                    text(&m.body),
                    m.category.as_ref().map_or(Cell::Empty, |c| text(code(c))),
                    text(code(&m.role)),
                    date(m.since),
                    m.decree.as_ref().map_or(Cell::Empty, text),
                    m.substitute.as_ref().map_or(Cell::Empty, text),
                ]
            })
            .collect(),
    }
}

/// Each cluster's quarterly reports.
fn reports(b: &Brief) -> Table {
    Table {
        sheet: tr!("Reports", "گزارش‌ها"),
        title: tr!("Quarterly reports", "گزارش‌های سه‌ماهه"),
        headers: vec![
            tr!("cluster", "شناسه خوشه"),
            tr!("name", "نام خوشه"),
            tr!("since", "از تاریخ"),
            tr!("on time", "به‌موقع"),
            tr!("late", "با تأخیر"),
            tr!("missing", "نرسیده"),
            tr!("pending", "در مهلت"),
            tr!("on-time rate", "نرخ به‌موقع"),
            tr!("missing seasons", "فصل‌های نرسیده"),
            tr!("late seasons", "فصل‌های با تأخیر"),
        ],
        rows: b
            .reports
            .clusters
            .iter()
            .map(|c| {
                vec![
                    text(&c.cluster),
                    text(&c.name),
                    date(c.since),
                    num(c.on_time as f64),
                    num(c.late as f64),
                    num(c.missing as f64),
                    num(c.pending as f64),
                    c.rate.map_or(Cell::Empty, num),
                    text(c.missing_seasons.join(" ")),
                    text(c.late_seasons.join(" ")),
                ]
            })
            .collect(),
    }
}

/// Each plan's budget headroom.
fn budget(b: &Brief) -> Table {
    Table {
        sheet: tr!("Budget", "بودجه"),
        title: tr!("Budget headroom (rials)", "جای بودجه (ریال)"),
        headers: vec![
            tr!("plan", "برنامه عمل"),
            tr!("cluster", "خوشه"),
            tr!("originally approved", "مصوب اولیه"),
            tr!("approved now", "مصوب کنونی"),
            tr!("allocated", "تخصیص"),
            tr!("paid", "پرداخت"),
            tr!("unallocated", "تخصیص‌نیافته"),
            tr!("unpaid", "پرداخت‌نشده"),
            tr!("room up (+10%)", "جای افزایش (۱۰+٪)"),
            tr!("room down (-10%)", "جای کاهش (۱۰-٪)"),
        ],
        rows: b
            .budgets
            .iter()
            .map(|h| {
                vec![
                    text(&h.plan),
                    text(&h.cluster),
                    rials(h.original.into()),
                    rials(h.approved.into()),
                    rials(h.allocated.into()),
                    rials(h.paid.into()),
                    rials(h.unallocated),
                    rials(h.unpaid),
                    rials(h.room_up),
                    rials(h.room_down),
                ]
            })
            .collect(),
    }
}
