//! `dabir national brief`: the figures the national office follows, per province and in
//! total.

use std::io::Write as _;

use serde::Serialize;

use super::{num, table};
use crate::cli::{CliError, Globals, Status};
use crate::model::{JDate, Lang};
use crate::national::{ProvinceResult, Rollup};
use crate::render::Format;
use crate::tr;

/// Per province and in total: meetings of the provincial committee held this year
/// (two are required, R-MTG-1), open and overdue decisions, approved minutes not copied
/// to ISIPO, quarterly reports received per season, supervision gaps, disputes waiting
/// at the national step, clusters per lifecycle stage and the budget per funder. Read
/// from git objects like `national check`. Exit 1 when a province has errors or has
/// not synced (R-NAT-1).
#[derive(Debug, clap::Args)]
pub struct BriefArgs {
    #[command(flatten)]
    pub rollup: super::RollupOpts,
}

#[derive(Serialize)]
struct Json<'a> {
    as_of: JDate,
    provinces: Vec<Row<'a>>,
    total: Rollup,
}

#[derive(Serialize)]
struct Row<'a> {
    code: &'a str,
    head: Option<&'a str>,
    days_since_sync: Option<i64>,
    errors: usize,
    warnings: usize,
    stale: bool,
    #[serde(flatten)]
    rollup: &'a Rollup,
}

pub fn run(g: &Globals, args: BriefArgs) -> Result<Status, CliError> {
    let lang = super::super::lang_of(g);
    let as_of = g.as_of()?;
    let results = super::rollup(g, &args.rollup)?;
    let mut total = Rollup::default();
    for r in &results {
        total.add(&r.rollup);
    }
    let rows: Vec<Row<'_>> = results.iter().map(row).collect();
    let attention = rows.iter().any(|r| r.errors > 0 || r.stale);
    let stdout = std::io::stdout();
    let mut o = std::io::BufWriter::new(stdout.lock());
    if g.format != Format::Human {
        serde_json::to_writer(
            &mut o,
            &Json {
                as_of,
                provinces: rows,
                total,
            },
        )
        .map_err(std::io::Error::other)?;
        writeln!(o)?;
    } else if g.quiet {
        for r in rows.iter().filter(|r| r.errors > 0 || r.stale) {
            writeln!(o, "{}", r.code)?;
        }
    } else {
        human(&mut o, lang, as_of, &rows, &total)?;
    }
    o.flush()?;
    Ok(if attention {
        Status::Findings
    } else {
        Status::Clean
    })
}

fn row(r: &ProvinceResult) -> Row<'_> {
    Row {
        code: &r.code,
        head: r.head.as_deref(),
        days_since_sync: r.days_since_sync,
        errors: r.summary.errors,
        warnings: r.summary.warnings,
        stale: r.findings.iter().any(|f| f.rule == "R-NAT-1"),
        rollup: &r.rollup,
    }
}

fn human(
    o: &mut dyn std::io::Write,
    lang: Lang,
    as_of: JDate,
    rows: &[Row<'_>],
    total: &Rollup,
) -> std::io::Result<()> {
    let date = match lang {
        Lang::En => as_of.to_string(),
        Lang::Fa => as_of.to_persian_digits(),
    };
    writeln!(
        o,
        "{}",
        tr!("National brief as of {date}", "گزارش ملی تا {date}").get(lang)
    )?;
    let mut t = table(match lang {
        Lang::En => vec![
            "province",
            "meetings held (of 2)",
            "open decisions",
            "overdue",
            "minutes not sent to ISIPO",
            "reports Q1-Q4",
            "supervision gaps",
            "disputes at national step",
            "errors",
            "days since sync",
        ],
        Lang::Fa => vec![
            "استان",
            "جلسه برگزارشده (از ۲)",
            "مصوبه باز",
            "سررسیدگذشته",
            "صورتجلسه ارسال‌نشده به سازمان",
            "گزارش فصل ۱ تا ۴",
            "خلأ نظارت",
            "اختلاف در مرحله ملی",
            "خطا",
            "روز از آخرین همگامی",
        ],
    });
    let n = |x: u64| num(x, lang);
    let cells = |code: String, r: &Rollup, errors: String, days: String| -> Vec<String> {
        vec![
            code,
            n(r.meetings_held.into()),
            n(r.decisions_open.into()),
            n(r.decisions_overdue.into()),
            n(r.minutes_without_isipo_copy.into()),
            r.reports_per_season
                .iter()
                .map(|x| n((*x).into()))
                .collect::<Vec<_>>()
                .join(" / "),
            n(r.supervision_gaps.into()),
            n(r.disputes_at_national_step.into()),
            errors,
            days,
        ]
    };
    for r in rows {
        let days = r.days_since_sync.map_or("—".into(), |d| n(d.max(0) as u64));
        t.add_row(cells(
            r.code.to_string(),
            r.rollup,
            n(r.errors as u64),
            days,
        ));
    }
    let errors: usize = rows.iter().map(|r| r.errors).sum();
    t.add_row(cells(
        tr!("total", "جمع").get(lang).into(),
        total,
        n(errors as u64),
        String::new(),
    ));
    writeln!(o, "{t}")?;

    let mut s = table(match lang {
        Lang::En => vec!["stage", "clusters"],
        Lang::Fa => vec!["مرحله", "خوشه"],
    });
    for (stage, count) in &total.clusters_per_stage {
        s.add_row(vec![stage.clone(), n((*count).into())]);
    }
    writeln!(o, "{s}")?;

    let mut b = table(match lang {
        Lang::En => vec!["funder", "approved (rial)", "allocated", "paid"],
        Lang::Fa => vec!["تأمین‌کننده", "مصوب (ریال)", "تخصیص", "پرداخت"],
    });
    for (funder, [approved, allocated, paid]) in &total.budget_per_funder {
        b.add_row(vec![
            funder.clone(),
            amount(*approved, lang),
            amount(*allocated, lang),
            amount(*paid, lang),
        ]);
    }
    writeln!(o, "{b}")
}

/// An amount with thousands separators, in the reader's digits.
fn amount(x: u64, lang: Lang) -> String {
    let digits = x.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(if lang == Lang::Fa { '٬' } else { ',' });
        }
        out.push(c);
    }
    num_str(&out, lang)
}

fn num_str(s: &str, lang: Lang) -> String {
    match lang {
        Lang::En => s.to_string(),
        Lang::Fa => crate::model::text::persian_digits(s),
    }
}
