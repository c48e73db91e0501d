//! `dabir list <KIND>`: the records of one kind, one a line, so a clerk finds an id from a
//! name: `--query` matches names, titles and texts the way `check` compares names
//! ([`crate::model::text::name_key`]: ي/ی, ك/ک, the zero-width non-joiner and digit
//! scripts set aside), and filters narrow the list (`--open`, `--overdue`, `--committee`,
//! `--cluster`, `--year`).

use std::io::Write;

use serde_json::Value;

use crate::commands::{CliError, Globals, Status};
use crate::model::decision::DecisionStatus;
use crate::model::dispute::DisputeStatus;
use crate::model::text::{name_key, persian_digits};
use crate::model::{Kind, Lang, Record};
use crate::render::Format;
use crate::repo::{self, Listed};
use crate::tr;

/// List the records of one kind, with their names, to find an id.
///
/// KIND is one of body, person, committee, meeting, decision, cluster, plan, report,
/// review, dispute (or its folder name: bodies, people, ...). Each line shows the id, the
/// date and state where the kind has them, and the name, title or text. Exit code 0,
/// whether or not anything matched.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// The kind of record: body, person, committee, meeting, decision, cluster, plan,
    /// report, review or dispute.
    #[arg(value_name = "KIND", value_parser = parse_kind)]
    pub kind: Kind,
    /// Only records whose id, name, title or text contains this (Persian spelling
    /// variants, the zero-width non-joiner and digit scripts do not matter).
    #[arg(long, value_name = "TEXT")]
    pub query: Option<String>,
    /// Only what is still open: decisions not done, carried over or cancelled; meetings
    /// without approved minutes; disputes not resolved.
    #[arg(long)]
    pub open: bool,
    /// Only decisions open past their deadline on the as-of date (R-MTG-6).
    #[arg(long)]
    pub overdue: bool,
    /// Only meetings and decisions of this committee, and people who sit on it.
    #[arg(long, value_name = "COMMITTEE")]
    pub committee: Option<String>,
    /// Only records about this cluster (its committees, plans, reports, reviews,
    /// disputes).
    #[arg(long, value_name = "CLUSTER")]
    pub cluster: Option<String>,
    /// Only records of this Solar Hijri year (meetings, decisions, reports, reviews,
    /// disputes: the year in their id).
    #[arg(long, value_name = "YEAR")]
    pub year: Option<u16>,
}

/// A kind from its name (`person`) or its folder (`people`).
fn parse_kind(s: &str) -> Result<Kind, String> {
    let s = s.trim().to_ascii_lowercase();
    Kind::ALL
        .into_iter()
        .find(|k| k.name() == s || k.dir() == s)
        .ok_or_else(|| {
            let all: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
            format!("not a kind of record; one of: {}", all.join(", "))
        })
}

/// One line of the list.
struct Row {
    id: String,
    file: String,
    date: Option<String>,
    state: Option<String>,
    text: String,
}

pub fn run(g: &Globals, args: ListArgs) -> Result<Status, CliError> {
    let lang = super::lang_of(g);
    check_flags(&args, lang)?;
    use Kind::*;
    let as_of = if args.overdue { Some(g.as_of()?) } else { None };
    let source = repo::open(&g.dir, None)?;
    let read = |path: &str, kind: Kind| -> Option<Record> {
        let bytes = source.read(path).ok()?;
        crate::check::parse_record(path, kind, &bytes, &mut Vec::new())
    };
    // The people who sit on `--committee` (for a person list).
    let sitting: Option<Vec<String>> = match (&args.committee, args.kind) {
        (Some(c), Person) => {
            let path = Committee
                .path_of(c)
                .map_err(|e| CliError::Usage(format!("{c}: {e}")))?;
            match read(&path, Committee) {
                Some(Record::Committee(c)) => Some(
                    c.memberships
                        .iter()
                        .flat_map(|m| std::iter::once(m.person.clone()).chain(m.substitute.clone()))
                        .collect(),
                ),
                _ => Some(Vec::new()),
            }
        }
        _ => None,
    };
    let query = args.query.as_deref().map(|q| {
        (
            name_key(q),
            crate::model::text::ascii_digits(q.trim()).to_ascii_uppercase(),
        )
    });
    let mut rows = Vec::new();
    for l in repo::list(&*source)? {
        let Listed::Record { path, kind, stem } = l else {
            continue;
        };
        if kind != args.kind {
            continue;
        }
        if let Some(y) = args.year
            && crate::model::id::year_of(&stem) != Some(y)
        {
            continue;
        }
        let Some(rec) = read(&path, kind) else {
            // An invalid file is for `check` to report; list it by its id.
            rows.push(Row {
                id: stem,
                file: path,
                date: None,
                state: None,
                text: tr!("(invalid: dabir check)", "(نامعتبر: dabir check)")
                    .get(lang)
                    .into(),
            });
            continue;
        };
        if !keep(&args, &rec, as_of, sitting.as_deref()) {
            continue;
        }
        let v = serde_json::to_value(&rec).unwrap_or_default();
        let v = v.as_object().and_then(|m| m.values().next()).cloned();
        let v = v.unwrap_or(Value::Null);
        let text = describe(&rec, &v);
        if let Some((key, upper)) = &query {
            let hit = (!key.is_empty() && name_key(&text).contains(key.as_str()))
                || (!upper.is_empty() && rec.id().contains(upper.as_str()));
            if !hit {
                continue;
            }
        }
        rows.push(Row {
            id: rec.id().to_string(),
            file: path,
            date: date_of(&rec, &v),
            state: state_of(&rec),
            text,
        });
    }
    let stdout = std::io::stdout();
    let mut o = std::io::BufWriter::new(stdout.lock());
    if g.format != Format::Human {
        for r in &rows {
            let j = serde_json::json!({
                "kind": args.kind.name(), "id": r.id, "file": r.file,
                "date": r.date, "state": r.state, "text": r.text,
            });
            writeln!(o, "{j}")?;
        }
    } else if rows.is_empty() {
        if !g.quiet {
            let (k, kf) = (args.kind.name(), args.kind.name_fa());
            eprintln!("{}", tr!("no {k} matches", "هیچ {kf}ی نمی‌خورد").get(lang));
        }
    } else {
        write_columns(&mut o, &rows, lang)?;
    }
    o.flush()?;
    Ok(Status::Clean)
}

/// Each filter flag applies to the kind listed, or the request is refused.
fn check_flags(args: &ListArgs, lang: Lang) -> Result<(), CliError> {
    let flag_for = |on: bool, flag: &str, kinds: &[Kind]| -> Result<(), CliError> {
        if on && !kinds.contains(&args.kind) {
            let k = args.kind.name();
            let kf = args.kind.name_fa();
            return Err(CliError::Usage(
                tr!(
                    "{flag} does not apply to a {k}",
                    "‎{flag}‎ درباره {kf} به کار نمی‌رود"
                )
                .get(lang)
                .into(),
            ));
        }
        Ok(())
    };
    use Kind::*;
    flag_for(args.open, "--open", &[Decision, Meeting, Dispute])?;
    flag_for(args.overdue, "--overdue", &[Decision])?;
    flag_for(
        args.committee.is_some(),
        "--committee",
        &[Meeting, Decision, Person],
    )?;
    flag_for(
        args.cluster.is_some(),
        "--cluster",
        &[Committee, Plan, Report, Review, Dispute],
    )?;
    flag_for(
        args.year.is_some(),
        "--year",
        &[Meeting, Decision, Report, Review, Dispute],
    )?;
    Ok(())
}

/// The rows for people: the id, then the date and the state where any row has them,
/// then the text, in padded columns.
fn write_columns(o: &mut dyn Write, rows: &[Row], lang: Lang) -> std::io::Result<()> {
    // Columns: the id, then the date and the state where any row has them ("-" where
    // one lacks it), then the text; the Persian text last, as the brief puts it.
    let pad = |cells: Vec<String>| -> Vec<String> {
        let w = cells.iter().map(|c| c.chars().count()).max().unwrap_or(0);
        cells
            .into_iter()
            .map(|c| {
                let n = c.chars().count();
                c + &" ".repeat(w - n)
            })
            .collect()
    };
    let ids = pad(rows.iter().map(|r| r.id.clone()).collect());
    let dates = rows.iter().any(|r| r.date.is_some()).then(|| {
        pad(rows
            .iter()
            .map(|r| match (&r.date, lang) {
                (Some(d), Lang::Fa) => persian_digits(d),
                (Some(d), Lang::En) => d.clone(),
                (None, _) => "-".into(),
            })
            .collect())
    });
    let states = rows.iter().any(|r| r.state.is_some()).then(|| {
        pad(rows
            .iter()
            .map(|r| {
                r.state
                    .as_deref()
                    .map_or("-".into(), |s| state_label(s, lang))
            })
            .collect())
    });
    for (i, r) in rows.iter().enumerate() {
        let mut line = ids[i].clone();
        for col in [&dates, &states].into_iter().flatten() {
            line.push_str("  ");
            line.push_str(&col[i]);
        }
        let text = r.text.lines().next().unwrap_or_default();
        line.push_str("  ");
        line.push_str(text);
        writeln!(o, "{}", line.trim_end())?;
    }
    Ok(())
}

/// Whether a record passes the filters other than `--query` and `--year`.
fn keep(
    args: &ListArgs,
    rec: &Record,
    as_of: Option<crate::model::JDate>,
    sitting: Option<&[String]>,
) -> bool {
    let committee = args.committee.as_deref();
    let cluster = args.cluster.as_deref();
    match rec {
        Record::Decision(d) => {
            (!args.open || d.status == DecisionStatus::Open)
                && as_of.is_none_or(|t| d.overdue_on(t))
                && committee.is_none_or(|c| of_committee(&d.meeting, c))
        }
        Record::Meeting(m) => {
            (!args.open || !m.minutes_locked()) && committee.is_none_or(|c| m.committee == c)
        }
        Record::Dispute(x) => {
            (!args.open || x.status == DisputeStatus::Open)
                && cluster.is_none_or(|c| x.cluster.as_deref() == Some(c))
        }
        Record::Person(p) => sitting.is_none_or(|s| s.contains(&p.id)),
        Record::Committee(c) => cluster.is_none_or(|cl| c.cluster.as_deref() == Some(cl)),
        Record::Plan(p) => cluster.is_none_or(|c| p.cluster == c),
        Record::Report(r) => cluster.is_none_or(|c| r.cluster == c),
        Record::Review(r) => cluster.is_none_or(|c| r.cluster == c),
        _ => true,
    }
}

/// Whether the meeting `meeting` (`ESF-PC-1404-01`) is one of committee `c`'s.
fn of_committee(meeting: &str, c: &str) -> bool {
    meeting
        .strip_prefix(c)
        .and_then(|rest| rest.strip_prefix('-'))
        .is_some_and(|rest| {
            rest.split('-')
                .next()
                .is_some_and(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// The words a clerk knows the record by.
fn describe(rec: &Record, v: &Value) -> String {
    let field = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    match rec {
        Record::Person(p) => match &p.position {
            Some(pos) => format!("{} ({pos})", p.name),
            None => p.name.clone(),
        },
        Record::Meeting(m) => {
            let place = m.place.clone().unwrap_or_default();
            format!("{} {place}", m.committee).trim().to_string()
        }
        Record::Report(r) => format!("{} {}-Q{}", r.cluster, r.year, r.quarter),
        Record::Review(r) => format!("{} {}", r.cluster, r.supervisor),
        _ => ["name", "title", "text", "subject"]
            .iter()
            .find_map(|k| field(k))
            .unwrap_or_default(),
    }
}

fn date_of(rec: &Record, v: &Value) -> Option<String> {
    match rec {
        Record::Decision(d) => d.deadline.map(|d| d.to_string()),
        _ => ["date", "raised_on", "received_on", "start"]
            .iter()
            .find_map(|k| v.get(*k).and_then(Value::as_str).map(str::to_string)),
    }
}

fn state_of(rec: &Record) -> Option<String> {
    let v = match rec {
        Record::Decision(d) => serde_json::to_value(d.status).ok()?,
        Record::Meeting(m) => serde_json::to_value(m.state).ok()?,
        Record::Cluster(c) => return c.stage().map(|s| s.code().to_string()),
        Record::Committee(c) => serde_json::to_value(c.kind).ok()?,
        Record::Dispute(x) => serde_json::to_value(x.status).ok()?,
        _ => return None,
    };
    v.as_str().map(str::to_string)
}

/// A state's Persian name.
fn state_label(s: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return s.to_string();
    }
    match s {
        "open" => "باز",
        "done" => "انجام‌شده",
        "carried-over" => "منتقل‌شده",
        "cancelled" => "لغوشده",
        "scheduled" => "برنامه‌ریزی‌شده",
        "held" => "برگزارشده",
        "provincial" => "استانی",
        "expert" => "کارشناسی",
        "steering" => "شورای راهبری",
        "national" => "ملی",
        "working-group" => "کارگروه",
        "resolved" => "حل‌شده",
        other => other,
    }
    .to_string()
}
