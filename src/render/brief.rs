//! The brief for people (comfy-table tables) and for scripts (JSON).
//!
//! Tables are laid out for Persian in terminals: ids, dates and amounts first, at most
//! one Persian free-text column and last, no bidi control characters unless
//! `--bidi-isolate` asks to wrap Persian cells in FSI/PDI. Long Persian prose (messages)
//! is printed as plain lines, not table cells. In Persian, numbers and dates are in
//! Persian digits and role and state words are Persian ([`human_numbers`]); ids stay
//! ASCII, and the JSON stays as it is.

use std::io::{self, Write};

use comfy_table::{CellAlignment, ContentArrangement, presets::UTF8_FULL_CONDENSED};

use crate::brief::{AgendaState, Brief, DisputeLevel, SupervisorState};
use crate::model::Lang;
use crate::model::text::human_numbers;

/// How to show a brief.
#[derive(Clone, Copy, Debug)]
pub struct BriefStyle {
    pub lang: Lang,
    /// Wrap cells holding right-to-left text in FSI ... PDI.
    pub bidi_isolate: bool,
}

/// The brief as one JSON document.
pub fn json(out: &mut dyn Write, b: &Brief) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, b)?;
    out.write_all(b"\n")
}

fn rtl(s: &str) -> bool {
    s.chars().any(|c| matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'))
}

/// Longest Persian text shown in a cell, in characters; the JSON has it whole.
const TEXT_WIDTH: usize = 60;

fn clip(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= TEXT_WIDTH {
        s
    } else {
        let mut t: String = s.chars().take(TEXT_WIDTH - 1).collect();
        t.push('…');
        t
    }
}

/// `1,250,000,000`.
pub fn amount(n: impl Into<i128>) -> String {
    crate::rules::money::grouped(n)
}

fn rate(r: Option<f64>) -> String {
    r.map_or("-".into(), |r| format!("{:.0}%", r * 100.0))
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map_or("-".into(), |v| v.to_string())
}

/// One column of a brief table: its header in each language, and how its cells align.
struct Column {
    en: &'static str,
    fa: &'static str,
    align: CellAlignment,
}

/// A column of ids, dates, counts or text, aligned to the start of the cell.
const fn col(en: &'static str, fa: &'static str) -> Column {
    Column {
        en,
        fa,
        align: CellAlignment::Left,
    }
}

/// A table of the brief: its columns, and a row of cells (one per column) per item.
struct Table {
    columns: &'static [Column],
    rows: Vec<Vec<String>>,
}

/// The columns of each table of the brief.
const AGENDA: &[Column] = &[
    col("#", "ردیف"),
    col("decision", "مصوبه"),
    col("cluster", "خوشه"),
    col("item", "عنوان"),
];

const MEMBERS: &[Column] = &[
    col("person", "شخص"),
    col("body", "نهاد"),
    col("role", "سمت"),
    col("since", "از"),
    col("decree", "حکم"),
    col("substitute", "جانشین"),
    col("name", "نام"),
];

const SEAT_GAPS: &[Column] = &[
    col("seat", "کرسی"),
    col("body", "نهاد"),
    col("vacant since", "خالی از"),
    col("label", "عنوان"),
];

const OPEN_DECISIONS: &[Column] = &[
    col("decision", "مصوبه"),
    col("meeting", "جلسه"),
    col("deadline", "مهلت"),
    col("days overdue", "روز تأخیر"),
    col("on agenda", "در دستور"),
    col("responsible", "مسئول"),
    col("text", "متن"),
];

const UNDISPATCHED: &[Column] = &[
    col("decision", "مصوبه"),
    col("meeting", "جلسه"),
    col("due", "مهلت ابلاغ"),
    col("days late", "روز تأخیر"),
    col("responsible", "مسئول"),
    col("text", "متن"),
];

const REPORTS: &[Column] = &[
    col("cluster", "خوشه"),
    col("due since", "موظف از"),
    col("on time", "به‌موقع"),
    col("late", "با تأخیر"),
    col("missing", "نرسیده"),
    col("on-time rate", "نرخ به‌موقع"),
    col("missing seasons", "فصل‌های نرسیده"),
    col("late seasons", "فصل‌های با تأخیر"),
    col("name", "نام"),
];

const SUPERVISORS: &[Column] = &[
    col("cluster", "خوشه"),
    col("stage", "مرحله"),
    col("state", "وضعیت"),
    col("supervisor", "ناظر"),
    col("until", "تا"),
    col("days left", "روز مانده"),
    col("name", "نام"),
];

const BUDGETS: &[Column] = &[
    col("plan / line", "برنامه / ردیف"),
    col("cluster / funder", "خوشه / تأمین‌کننده"),
    col("originally approved", "مصوب اولیه"),
    col("approved now", "مصوب فعلی"),
    col("allocated", "تخصیص"),
    col("paid", "پرداخت"),
    col("not allocated", "تخصیص‌نیافته"),
    col("±10% room", "فضای ±۱۰٪"),
];

const STALLED: &[Column] = &[
    col("cluster", "خوشه"),
    col("stage", "مرحله"),
    col("since", "از"),
    col("days", "روز"),
    col("name", "نام"),
];

const DISPUTES: &[Column] = &[
    col("dispute", "اختلاف"),
    col("cluster", "خوشه"),
    col("level", "سطح"),
    col("since", "از"),
    col("days", "روز"),
    col("subject", "موضوع"),
];

struct Out<'a> {
    w: &'a mut dyn Write,
    s: BriefStyle,
}

impl Out<'_> {
    fn l<'b>(&self, en: &'b str, fa: &'b str) -> &'b str {
        match self.s.lang {
            Lang::En => en,
            Lang::Fa => fa,
        }
    }

    /// Numbers and dates as a reader of the brief's language expects them; ids stay.
    fn human(&self, text: &str) -> String {
        human_numbers(text, self.s.lang)
    }

    fn line(&mut self, text: &str) -> io::Result<()> {
        let text = self.human(text);
        writeln!(self.w, "{text}")
    }

    fn heading(&mut self, en: &str, fa: &str) -> io::Result<()> {
        let t = self.l(en, fa).to_string();
        writeln!(self.w, "\n## {t}")
    }

    fn cell(&self, s: String) -> String {
        let s = self.human(&s);
        if self.s.bidi_isolate && rtl(&s) {
            format!("\u{2068}{s}\u{2069}")
        } else {
            s
        }
    }

    /// The one way a brief table is drawn: "none" for no rows, otherwise the headers in
    /// the brief's language and each row, every cell as [`Out::cell`] shows it.
    fn table(&mut self, table: Table) -> io::Result<()> {
        if table.rows.is_empty() {
            let none = self.l("none", "هیچ").to_string();
            return self.line(&format!("- {none}"));
        }
        let mut t = comfy_table::Table::new();
        t.load_style(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Disabled);
        let head: Vec<String> = table
            .columns
            .iter()
            .map(|c| self.cell(self.l(c.en, c.fa).to_string()))
            .collect();
        t.set_header(head);
        for r in table.rows {
            t.add_row(r.into_iter().map(|c| self.cell(c)).collect::<Vec<_>>());
        }
        for (i, c) in table.columns.iter().enumerate() {
            if let Some(column) = t.column_mut(i) {
                column.set_cell_alignment(c.align);
            }
        }
        writeln!(self.w, "{t}")
    }
}

/// The brief for people.
pub fn human(w: &mut dyn Write, s: BriefStyle, b: &Brief) -> io::Result<()> {
    let mut o = Out { w, s };
    title(&mut o, b)?;
    blockers(&mut o, b)?;
    agenda(&mut o, b)?;
    members(&mut o, b)?;
    seat_gaps(&mut o, b)?;
    open_decisions(&mut o, b)?;
    undispatched(&mut o, b)?;
    reports(&mut o, b)?;
    supervisors(&mut o, b)?;
    budgets(&mut o, b)?;
    stalled(&mut o, b)?;
    disputes(&mut o, b)?;
    check(&mut o, b)?;
    Ok(())
}

/// The committee, the meeting (when, where, the invitation) and the as-of date.
fn title(o: &mut Out<'_>, b: &Brief) -> io::Result<()> {
    let fa = o.s.lang == Lang::Fa;
    let c = &b.committee;
    let title = o.l("Pre-meeting brief", "برگه پیش از جلسه").to_string();
    o.line(&format!("{title}: {} ({})", c.id, c.name))?;
    match &b.meeting {
        Some(m) => {
            let d = m.days_until;
            let when = match (fa, d) {
                (false, 0) => "today".to_string(),
                (false, d) if d > 0 => format!("in {d} days"),
                (false, d) => format!("{} days ago", -d),
                (true, 0) => "امروز".to_string(),
                (true, d) if d > 0 => format!("{d} روز دیگر"),
                (true, d) => format!("{} روز پیش", -d),
            };
            let state = m.state.name(o.s.lang).to_string();
            let label = o.l("meeting", "جلسه").to_string();
            let comma = o.l(",", "،").to_string();
            o.line(&format!(
                "{label}: {} {} ({when}){comma} {state}",
                m.id, m.date
            ))?;
            if let Some(p) = &m.place {
                let label = o.l("place", "محل").to_string();
                o.line(&format!("{label}: {p}"))?;
            }
            let label = o.l("invitation letter", "نامه دعوت").to_string();
            o.line(&format!("{label}: {}", opt(&m.invitation)))?;
        }
        None => {
            let t = o
                .l(
                    "no meeting scheduled on or after",
                    "جلسه‌ای در این تاریخ یا پس از آن برنامه‌ریزی نشده است:",
                )
                .to_string();
            o.line(&format!("{t} {}", b.as_of))?;
        }
    }
    let label = o.l("as of", "تاریخ ارزیابی").to_string();
    o.line(&format!("{label}: {}", b.as_of))?;
    Ok(())
}

/// What blocks the meeting.
fn blockers(o: &mut Out<'_>, b: &Brief) -> io::Result<()> {
    o.heading("What blocks the meeting", "موانع برگزاری جلسه")?;
    if b.blockers.is_empty() {
        let t = o
            .l("nothing blocks the meeting", "مانعی برای برگزاری جلسه نیست")
            .to_string();
        o.line(&format!("- {t}"))?;
    }
    for x in &b.blockers {
        let t = x.message.get(o.s.lang).to_string();
        o.line(&format!("✗ {t}"))?;
    }
    Ok(())
}

/// The agenda and its items.
fn agenda(o: &mut Out<'_>, b: &Brief) -> io::Result<()> {
    let fa = o.s.lang == Lang::Fa;
    o.heading("Agenda", "دستور جلسه")?;
    match &b.agenda {
        None => {
            let t = o
                .l("no agenda recorded", "دستور جلسه‌ای ثبت نشده است")
                .to_string();
            o.line(&format!("- {t}"))?;
        }
        Some(a) => {
            let state = match (a.state, fa) {
                (AgendaState::Approved, false) => format!(
                    "approved by {} on {}",
                    opt(&a.approved_by),
                    opt(&a.approved_on)
                ),
                (AgendaState::Approved, true) => format!(
                    "تأییدشده از سوی {} در {}",
                    opt(&a.approved_by),
                    opt(&a.approved_on)
                ),
                (AgendaState::Proposed, false) => format!(
                    "proposed by {} on {}, NOT approved",
                    a.proposed_by, a.proposed_on
                ),
                (AgendaState::Proposed, true) => {
                    format!("پیشنهادی {} در {}، تأییدنشده", a.proposed_by, a.proposed_on)
                }
            };
            o.line(&state)?;
            let rows = a
                .items
                .iter()
                .map(|i| {
                    vec![
                        i.order.to_string(),
                        opt(&i.decision),
                        opt(&i.cluster),
                        clip(&i.title),
                    ]
                })
                .collect();
            o.table(Table {
                columns: AGENDA,
                rows,
            })?;
        }
    }
    Ok(())
}

/// The members expected, and the quorum.
fn members(o: &mut Out<'_>, b: &Brief) -> io::Result<()> {
    let fa = o.s.lang == Lang::Fa;
    o.heading("Members expected", "اعضای مورد انتظار")?;
    let rows = b
        .members
        .iter()
        .map(|m| {
            let role = m.role.name(o.s.lang).to_string();
            let decree = if m.decree.is_some() { "✓" } else { "✗" }.to_string();
            vec![
                m.person.clone(),
                m.body.clone(),
                role,
                m.since.to_string(),
                decree,
                opt(&m.substitute),
                m.name.clone(),
            ]
        })
        .collect();
    o.table(Table {
        columns: MEMBERS,
        rows,
    })?;
    let q = &b.quorum;
    let qline = if fa {
        format!(
            "حد نصاب: {} از {} کرسی لازم است؛ {} عضو در سمت",
            q.needed, q.seats, q.expected
        )
    } else {
        format!(
            "quorum: {} of {} seats needed; {} members in office",
            q.needed, q.seats, q.expected
        )
    };
    o.line(&qline)?;
    Ok(())
}

/// The seats nobody holds.
fn seat_gaps(o: &mut Out<'_>, b: &Brief) -> io::Result<()> {
    o.heading("Seat gaps", "کرسی‌های خالی")?;
    let rows = b
        .seat_gaps
        .iter()
        .map(|g| {
            vec![
                g.seat.clone(),
                opt(&g.body),
                opt(&g.vacant_since),
                g.label.get(o.s.lang).to_string(),
            ]
        })
        .collect();
    o.table(Table {
        columns: SEAT_GAPS,
        rows,
    })?;
    Ok(())
}

/// The open decisions of earlier meetings.
fn open_decisions(o: &mut Out<'_>, b: &Brief) -> io::Result<()> {
    o.heading("Open decisions", "مصوبات باز")?;
    let (yes, no) = ("✓".to_string(), "✗".to_string());
    let rows = b
        .decisions
        .iter()
        .map(|d| {
            vec![
                d.id.clone(),
                d.meeting.clone(),
                opt(&d.deadline),
                d.days_overdue.map_or("-".into(), |n| n.to_string()),
                if d.on_agenda {
                    yes.clone()
                } else if d.days_overdue.is_some() {
                    no.clone()
                } else {
                    "-".into()
                },
                d.responsible.join(" "),
                clip(&d.text),
            ]
        })
        .collect();
    o.table(Table {
        columns: OPEN_DECISIONS,
        rows,
    })?;
    Ok(())
}

/// The decisions without a dispatch letter.
fn undispatched(o: &mut Out<'_>, b: &Brief) -> io::Result<()> {
    o.heading(
        "Decisions without a dispatch letter",
        "مصوبات بدون نامه ابلاغ",
    )?;
    let rows = b
        .undispatched
        .iter()
        .map(|d| {
            vec![
                d.id.clone(),
                d.meeting.clone(),
                d.due.to_string(),
                d.days_late.max(0).to_string(),
                d.responsible.join(" "),
                clip(&d.text),
            ]
        })
        .collect();
    o.table(Table {
        columns: UNDISPATCHED,
        rows,
    })?;
    Ok(())
}

/// The quarterly reports, by cluster.
fn reports(o: &mut Out<'_>, b: &Brief) -> io::Result<()> {
    o.heading("Quarterly reports", "گزارش‌های سه‌ماهه")?;
    let rows = b
        .reports
        .clusters
        .iter()
        .map(|r| {
            vec![
                r.cluster.clone(),
                r.since.to_string(),
                r.on_time.to_string(),
                r.late.to_string(),
                r.missing.to_string(),
                rate(r.rate),
                if r.missing_seasons.is_empty() {
                    "-".into()
                } else {
                    r.missing_seasons.join(" ")
                },
                if r.late_seasons.is_empty() {
                    "-".into()
                } else {
                    r.late_seasons.join(" ")
                },
                r.name.clone(),
            ]
        })
        .collect();
    o.table(Table {
        columns: REPORTS,
        rows,
    })?;
    let label = o.l("province on-time rate", "نرخ به‌موقع استان").to_string();
    o.line(&format!("{label}: {}", rate(b.reports.province_rate)))?;
    Ok(())
}

/// The supervisors missing or expiring.
fn supervisors(o: &mut Out<'_>, b: &Brief) -> io::Result<()> {
    o.heading(
        "Supervisors missing or expiring",
        "ناظران غایب یا رو به پایان",
    )?;
    let rows = b
        .supervisors
        .iter()
        .map(|x| {
            let state = match x.state {
                SupervisorState::Missing => o.l("missing", "بی‌ناظر"),
                SupervisorState::Expiring => o.l("expiring", "رو به پایان"),
            };
            vec![
                x.cluster.clone(),
                x.stage.to_string(),
                state.to_string(),
                opt(&x.person),
                opt(&x.until),
                opt(&x.days_left),
                x.name.clone(),
            ]
        })
        .collect();
    o.table(Table {
        columns: SUPERVISORS,
        rows,
    })?;
    Ok(())
}

/// The budget headroom of each plan and line.
fn budgets(o: &mut Out<'_>, b: &Brief) -> io::Result<()> {
    o.heading("Budget headroom (rials)", "فضای بودجه (ریال)")?;
    // Each plan, then its lines: R-BUD-1 bounds every line, so the room a revision has
    // is the line's, not the plan's.
    let room = |up: i128, down: i128| format!("+{} / -{}", amount(up.max(0)), amount(down.max(0)));
    let rows = b
        .budgets
        .iter()
        .flat_map(|h| {
            let plan = vec![
                h.plan.clone(),
                h.cluster.clone(),
                amount(h.original),
                amount(h.approved),
                amount(h.allocated),
                amount(h.paid),
                amount(h.unallocated),
                room(h.room_up, h.room_down),
            ];
            let lines = h.lines.iter().map(|l| {
                vec![
                    format!("  {}", l.line),
                    l.funder.clone(),
                    amount(l.original),
                    amount(l.approved),
                    amount(l.allocated),
                    amount(l.paid),
                    amount(i128::from(l.approved) - i128::from(l.allocated)),
                    room(l.room_up, l.room_down),
                ]
            });
            std::iter::once(plan).chain(lines)
        })
        .collect();
    o.table(Table {
        columns: BUDGETS,
        rows,
    })?;
    Ok(())
}

/// The clusters stalled at a stage.
fn stalled(o: &mut Out<'_>, b: &Brief) -> io::Result<()> {
    o.heading("Clusters stalled at a stage", "خوشه‌های متوقف در یک مرحله")?;
    let rows = b
        .stalled
        .iter()
        .map(|x| {
            vec![
                x.cluster.clone(),
                x.stage.to_string(),
                x.since.to_string(),
                x.days.to_string(),
                x.name.clone(),
            ]
        })
        .collect();
    o.table(Table {
        columns: STALLED,
        rows,
    })?;
    Ok(())
}

/// The open disputes.
fn disputes(o: &mut Out<'_>, b: &Brief) -> io::Result<()> {
    o.heading("Open disputes", "اختلاف‌های باز")?;
    let rows = b
        .disputes
        .iter()
        .map(|d| {
            let level = match d.level {
                DisputeLevel::Raised => o.l("raised", "طرح‌شده"),
                DisputeLevel::Provincial => o.l("provincial", "استانی"),
                DisputeLevel::National => o.l("national", "ملی"),
            };
            vec![
                d.id.clone(),
                opt(&d.cluster),
                level.to_string(),
                d.since.to_string(),
                d.days.to_string(),
                clip(&d.subject),
            ]
        })
        .collect();
    o.table(Table {
        columns: DISPUTES,
        rows,
    })?;
    Ok(())
}

/// The check's findings, counted.
fn check(o: &mut Out<'_>, b: &Brief) -> io::Result<()> {
    let fa = o.s.lang == Lang::Fa;
    o.heading("Check", "بررسی سوابق")?;
    let k = &b.check;
    let line = if fa {
        format!(
            "{} خطا، {} هشدار، {} معاف (جزئیات: dabir check)",
            k.errors, k.warnings, k.waived
        )
    } else {
        format!(
            "{} errors, {} warnings, {} waived (details: dabir check)",
            k.errors, k.warnings, k.waived
        )
    };
    o.line(&line)?;
    if !k.by_rule.is_empty() {
        let list: Vec<String> = k.by_rule.iter().map(|(r, n)| format!("{r}: {n}")).collect();
        o.line(&list.join(", "))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_group_thousands() {
        assert_eq!(amount(0u64), "0");
        assert_eq!(amount(1_250_000_000u64), "1,250,000,000");
        assert_eq!(amount(-12_345i64), "-12,345");
    }
}
