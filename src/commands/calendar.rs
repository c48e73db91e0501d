//! `dabir calendar`: an iCalendar file (RFC 5545) of what the secretariat must not miss:
//! meetings, decision deadlines, quarterly report due dates and supervisor expiries.
//!
//! Every event is an all-day event (records keep days, not hours) whose UID is derived
//! from the record and what the event is (`ESF-PC-1403-02-D3.deadline@dabir`), so a
//! calendar that imports the file again updates its events instead of doubling them. Its
//! description gives the Solar Hijri date in words and in digits and the record id; its
//! summary is Persian (English with `--lang en`). The time stamp of every event is the
//! clock's (`DABIR_NOW` in tests), so one repository and one clock give one file.

use std::path::PathBuf;

use chrono::NaiveDate;
use icalendar::{Calendar, Component, DatePerhapsTime, Event, EventLike, EventStatus};

use crate::check;
use crate::commands::{CliError, Globals, Status};
use crate::model::meeting::MeetingState;
use crate::model::{DecisionStatus, JDate, Lang};
use crate::rules::{self, Context};

/// Write an iCalendar file (RFC 5545) of meetings, decision deadlines, quarterly report
/// due dates and supervisor expiries, each an all-day event with a stable UID and the
/// Solar Hijri date and record id in its description.
#[derive(Debug, clap::Args)]
pub struct CalendarArgs {
    /// The file to write (default: standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Only this committee's meetings and decisions (and, for a cluster's steering
    /// council, that cluster's reports and supervisors).
    #[arg(long, value_name = "ID")]
    pub committee: Option<String>,
    /// The repository as it was at this git revision.
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
}

fn gregorian(d: JDate) -> NaiveDate {
    let (y, m, day) = d.to_gregorian();
    NaiveDate::from_ymd_opt(y, m.into(), day.into())
        .expect("a Solar Hijri date has a Gregorian day")
}

/// One all-day event.
struct Item {
    uid: String,
    date: JDate,
    summary: String,
    record: String,
    /// Lines after the date and the record.
    more: Vec<String>,
    cancelled: bool,
    location: Option<String>,
}

impl Item {
    fn event(&self, lang: Lang, stamp: chrono::DateTime<chrono::Utc>) -> Event {
        let (date_l, record_l) = match lang {
            Lang::Fa => ("تاریخ", "سابقه"),
            Lang::En => ("Date", "Record"),
        };
        let mut description = format!(
            "{date_l}: {} ({})\n{record_l}: {}",
            self.date.in_words(lang),
            self.date,
            self.record
        );
        for l in &self.more {
            description.push('\n');
            description.push_str(l);
        }
        let day = gregorian(self.date);
        let mut e = Event::new();
        e.uid(&self.uid)
            .timestamp(stamp)
            .summary(&self.summary)
            .description(&description)
            .starts(DatePerhapsTime::Date(day))
            .ends(DatePerhapsTime::Date(day + chrono::Days::new(1)));
        if let Some(l) = &self.location {
            e.location(l);
        }
        if self.cancelled {
            e.status(EventStatus::Cancelled);
        }
        e.done()
    }
}

/// The events of the records in `ctx`, by date then UID.
fn items(ctx: &Context<'_>, committee: Option<&str>, lang: Lang) -> Vec<Item> {
    let fa = lang == Lang::Fa;
    let mut out = Vec::new();
    let wanted = |c: &str| committee.is_none_or(|x| x == c);
    let committee_name = |id: &str| {
        ctx.committee(id)
            .map(|(_, c)| c.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    for (_, m) in ctx.meetings() {
        if !wanted(&m.committee) {
            continue;
        }
        let name = committee_name(&m.committee);
        out.push(Item {
            uid: format!("{}@dabir", m.id),
            date: m.date,
            summary: if fa {
                format!("جلسه {name} ({})", m.id)
            } else {
                format!("Meeting of {} ({})", m.committee, m.id)
            },
            record: m.id.clone(),
            more: m
                .agenda
                .iter()
                .flat_map(|a| &a.items)
                .map(|i| format!("{}. {}", i.order, i.title))
                .collect(),
            cancelled: m.state == MeetingState::Cancelled,
            location: m.place.clone(),
        });
    }
    for (_, d) in ctx.decisions() {
        let Some(deadline) = d.deadline else { continue };
        if d.status != DecisionStatus::Open {
            continue;
        }
        let of = ctx.meeting(&d.meeting).map(|(_, m)| m.committee.clone());
        if !of.as_deref().is_some_and(wanted) {
            continue;
        }
        let bodies = d.responsible.join("، ");
        out.push(Item {
            uid: format!("{}.deadline@dabir", d.id),
            date: deadline,
            summary: if fa {
                format!("مهلت مصوبه {} ({bodies})", d.id)
            } else {
                format!("Deadline of decision {} ({bodies})", d.id)
            },
            record: d.id.clone(),
            more: vec![d.text.clone()],
            cancelled: false,
            location: None,
        });
    }
    // Reports and supervisors: every cluster, or the steering council's own.
    let cluster_filter = committee
        .and_then(|c| ctx.committee(c))
        .and_then(|(_, c)| c.cluster.clone());
    let cluster_wanted = |id: &str| cluster_filter.as_deref().is_none_or(|x| x == id);
    for cs in rules::report::seasons(ctx) {
        if !cluster_wanted(&cs.cluster) {
            continue;
        }
        for s in cs.seasons.iter().filter(|s| s.report.is_none()) {
            let label = s.label();
            out.push(Item {
                uid: format!("{}.report.{label}@dabir", cs.cluster),
                date: s.deadline,
                summary: if fa {
                    format!("مهلت گزارش سه‌ماهه {label} خوشه {}", cs.cluster)
                } else {
                    format!("Quarterly report {label} of {} due", cs.cluster)
                },
                record: cs.cluster.clone(),
                more: Vec::new(),
                cancelled: false,
                location: None,
            });
        }
    }
    for (_, c) in ctx.clusters() {
        if !cluster_wanted(&c.id) {
            continue;
        }
        for a in &c.supervisors {
            let Some(end) = a.end else { continue };
            let person = ctx
                .person(&a.person)
                .map(|(_, p)| p.name.clone())
                .unwrap_or_else(|| a.person.clone());
            out.push(Item {
                uid: format!("{}.supervisor.{}.{end}@dabir", c.id, a.person),
                date: end,
                summary: if fa {
                    format!("پایان انتصاب ناظر {person} ({}) خوشه {}", a.person, c.id)
                } else {
                    format!("Supervisor {} of {}: appointment ends", a.person, c.id)
                },
                record: c.id.clone(),
                more: vec![c.name.clone()],
                cancelled: false,
                location: None,
            });
        }
    }
    out.sort_by(|a, b| (a.date, &a.uid).cmp(&(b.date, &b.uid)));
    out
}

/// The calendar text of the records in `ctx`.
pub fn calendar(
    ctx: &Context<'_>,
    committee: Option<&str>,
    lang: Lang,
) -> Result<String, CliError> {
    let stamp = crate::clock::now()?.with_timezone(&chrono::Utc);
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//dabir//dabir calendar//FA"))
        .append_property(("CALSCALE", "GREGORIAN"))
        .name(&match lang {
            Lang::Fa => format!("دبیر {}", ctx.config.province_name),
            Lang::En => format!("dabir {}", ctx.config.province),
        });
    for i in items(ctx, committee, lang) {
        cal.push(i.event(lang, stamp));
    }
    Ok(cal.done().to_string())
}

pub fn run(g: &Globals, a: CalendarArgs) -> Result<Status, CliError> {
    let source = crate::repo::open(&g.dir, a.rev.as_deref())?;
    let as_of = g.as_of()?;
    let (outcome, records) = check::run_keeping(
        &*source,
        check::Options {
            as_of,
            history: None,
            domain_rules: false,
            cache: None,
        },
    )?;
    let ctx = Context::new(&outcome.config, as_of, &records);
    let lang = g.lang.unwrap_or(outcome.config.language);
    if let Some(c) = &a.committee
        && ctx.committee(c).is_none()
    {
        return Err(CliError::Usage(
            crate::tr!(
                "no committee `{c}` in the repository",
                "کمیته‌ای با شناسه «{c}» در این مخزن نیست"
            )
            .get(lang)
            .to_string(),
        ));
    }
    let text = calendar(&ctx, a.committee.as_deref(), lang)?;
    match &a.output {
        None => {
            use std::io::Write as _;
            std::io::stdout().lock().write_all(text.as_bytes())?;
        }
        Some(out) => {
            crate::store::git::write_atomic(out, text.as_bytes())
                .map_err(|e| CliError::CouldNotRun(e.to_string()))?;
            if !g.quiet {
                println!("{}", out.display());
            }
        }
    }
    Ok(Status::Clean)
}
