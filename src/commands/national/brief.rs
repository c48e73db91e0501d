//! `dabir national brief`: the figures the national office follows, per province and in
//! total.

use std::io::Write as _;

use serde::Serialize;

use super::{num, table};
use crate::commands::{CliError, Globals, Status};
use crate::model::programme::Season;
use crate::model::{JDate, Lang};
use crate::model::{Kind, Programme, Record};
use crate::national::{ProgrammeBrief, ProvinceResult, Rollup};
use crate::render::Format;
use crate::tr;

/// Per province and in total: meetings of the provincial committee held this year
/// (two are required, R-MTG-1), open and overdue decisions, approved minutes not copied
/// to ISIPO, quarterly reports received per season, supervision gaps, disputes waiting
/// at the national step, clusters per lifecycle stage and the budget per funder. Read
/// from git objects like `national check`. Exit 1 when a province has errors or has
/// not synced (R-NAT-1). With the annual programme in the national repository
/// (`programmes/NAT-PG-<YEAR>.yaml`, `dabir init --national`): each axis's cumulative
/// figure per province and in total against its target, and the provinces that have
/// not reported for the season.
#[derive(Debug, clap::Args)]
pub struct BriefArgs {
    #[command(flatten)]
    pub rollup: super::RollupOpts,
    /// The season of the annual programme (default: the last one ended before the
    /// as-of date).
    #[arg(long, value_name = "SEASON", value_parser = crate::commands::programme::parse_season)]
    pub season: Option<Season>,
}

#[derive(Serialize)]
struct Json<'a> {
    as_of: JDate,
    provinces: Vec<Row<'a>>,
    total: Rollup,
    programme: Option<ProgrammeBrief>,
}

#[derive(Serialize)]
struct Row<'a> {
    code: &'a str,
    head: Option<&'a str>,
    days_since_sync: Option<i64>,
    /// The province's own records (its copy of the national registry left out).
    records: usize,
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
    let season = args.season.unwrap_or_else(|| Season::ended_before(as_of));
    let programme =
        national_programme(g, season.year)?.map(|p| ProgrammeBrief::of(&p, season, &results));
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
                programme,
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
        if let Some(p) = &programme {
            programme_table(&mut o, lang, p)?;
        }
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
        records: r.summary.files,
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

/// The national repository's programme of `year`, when it has one: read from its work
/// tree, as `check` reads it; a file that does not read is a could-not-run.
fn national_programme(g: &Globals, year: u16) -> Result<Option<Programme>, CliError> {
    let repo = super::open(g)?;
    let Some(root) = repo.workdir() else {
        return Ok(None);
    };
    let id = Programme::id_for(year);
    let path = Kind::Programme
        .path_of(&id)
        .map_err(|e| CliError::Usage(e.to_string()))?;
    let Ok(bytes) = std::fs::read(root.join(&path)) else {
        return Ok(None);
    };
    let mut findings = Vec::new();
    match crate::check::parse_record(&path, Kind::Programme, &bytes, &mut findings) {
        Some(Record::Programme(p)) => Ok(Some(p)),
        _ => {
            let why = findings
                .first()
                .map(|f| format!("{}: {}", f.rule, f.message.en))
                .unwrap_or_default();
            Err(CliError::CouldNotRun(format!(
                "{path} does not read as the annual programme ({why}); run `dabir check` there"
            )))
        }
    }
}

/// The annual programme: per axis, each province's cumulative figure and the total
/// against the target; then the provinces that have not reported for the season.
fn programme_table(
    o: &mut dyn std::io::Write,
    lang: Lang,
    p: &ProgrammeBrief,
) -> std::io::Result<()> {
    let (id, season) = (&p.programme, p.season);
    writeln!(
        o,
        "{}",
        tr!(
            "Annual programme {id}, cumulative to the end of {season}",
            "برنامه سالانه {id}، تجمعی تا پایان فصل {season}"
        )
        .get(lang)
    )?;
    let codes: Vec<String> = {
        let mut c: Vec<String> = p
            .axes
            .iter()
            .flat_map(|a| a.provinces.keys().cloned())
            .chain(p.not_reported.iter().cloned())
            .collect();
        c.sort();
        c.dedup();
        c
    };
    let mut header: Vec<String> = match lang {
        Lang::En => vec![
            "axis".into(),
            "target".into(),
            "total".into(),
            "% of target".into(),
        ],
        Lang::Fa => vec!["محور".into(), "هدف".into(), "جمع".into(), "درصد هدف".into()],
    };
    header.extend(codes.iter().cloned());
    header.push(tr!("unit", "واحد").get(lang).into());
    header.push(tr!("title", "عنوان").get(lang).into());
    let mut t = table(header.iter().map(String::as_str).collect());
    for a in &p.axes {
        let mut row = vec![
            num(a.number.into(), lang),
            a.target.map_or("—".into(), |x| amount(x, lang)),
            amount(a.total, lang),
            a.target
                .filter(|t| *t > 0)
                .map_or("—".into(), |t| num(a.total.saturating_mul(100) / t, lang)),
        ];
        for c in &codes {
            row.push(a.provinces.get(c).map_or("—".into(), |v| amount(*v, lang)));
        }
        row.push(a.unit.clone());
        row.push(a.title.clone());
        t.add_row(row);
    }
    writeln!(o, "{t}")?;
    if p.not_reported.is_empty() {
        writeln!(
            o,
            "{}",
            tr!(
                "every province reported for {season}",
                "همه استان‌ها برای فصل {season} گزارش داده‌اند"
            )
            .get(lang)
        )
    } else {
        let list = p.not_reported.join(", ");
        let list_fa = p.not_reported.join("، ");
        writeln!(
            o,
            "{}",
            tr!(
                "not reported for {season}: {list}",
                "بی‌گزارش در فصل {season}: {list_fa}"
            )
            .get(lang)
        )
    }
}

/// An amount with thousands separators, in the reader's digits.
fn amount(x: u64, lang: Lang) -> String {
    let digits = x.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
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
