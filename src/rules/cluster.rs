//! Clusters, their lifecycle and supervisors: R-CLU-1..3 and R-SUP-1 (seeds 002, 003).
//!
//! The lifecycle order is [`Stage::successors`]; who may evidence each step is the
//! reference table `stages.yaml` beside this file (transcribed from seed 003, with the
//! choices documented there), extended by a province's `stages:` in `dabir.yaml`.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::{Context, RuleDoc};
use crate::diag::{Finding, Severity};
use crate::model::cluster::{Appointment, StageIssuers, StageStep};
use crate::model::{Cluster, CommitteeKind, JDate, Kind, Stage};
use crate::{rule, tr};

pub static RULES: &[RuleDoc] = &[
    RuleDoc {
        id: "R-CLU-1",
        severity: Severity::Error,
        title: (
            "cluster assessed against the nine criteria",
            "ارزیابی خوشه با نُه معیار",
        ),
        doc: (
            "What: a cluster that has reached the criteria assessment (F3-1) or any later stage records its assessment against the nine selection criteria (`assessment`), made by the body the seed names for F3-1 (the provincial trade organisation, today Industry-Mine-Trade, or TPO; see R-CLU-3's table), dated no later than the step that follows F3-1.\n\
             Why: seed 003 (criteria of article 7 of cabinet decree 20794/T35014K of 1387-02-16; process F3-1) selects clusters by (1) geographic concentration, (2) related products, (3) a legal entity, (4) export share or potential, (5) capacity, (6) domestic value added, (7) advantages abroad, (8) internal networks, (9) social capital. A cluster cannot be supported on a list it was never assessed for.\n\
             Example: `stages` has `F3-3` but the record has no `assessment:`; or `assessment.by: ESF-B-BANK` (a bank).",
            "چه: خوشه‌ای که به مرحله ارزیابی معیارها (F3-1) یا پس از آن رسیده، ارزیابی خود با نُه معیار انتخاب را (assessment) دارد، از سوی نهادی که سند برای F3-1 نام می‌برد (سازمان بازرگانی استان، امروز صنعت، معدن و تجارت، یا سازمان توسعه تجارت؛ جدول R-CLU-3) و تاریخ آن دیرتر از مرحله پس از F3-1 نیست.\n\
             چرا: سند ۰۰۳ (معیارهای ماده ۷ تصویب‌نامه ۲۰۷۹۴/ت۳۵۰۱۴ک مورخ ۱۳۸۷/۰۲/۱۶؛ فرایند F3-1) خوشه‌ها را با نُه معیار برمی‌گزیند: تمرکز جغرافیایی، محصولات مرتبط، شخصیت حقوقی، سهم یا توان صادراتی، ظرفیت تولید، ارزش افزوده داخلی، مزیت در بازارهای خارجی، شبکه‌های درونی و سرمایه اجتماعی.\n\
             نمونه: خوشه به F3-3 رسیده ولی assessment ندارد؛ یا ارزیاب یک بانک است.",
        ),
    },
    RuleDoc {
        id: "R-CLU-2",
        severity: Severity::Error,
        title: (
            "lifecycle stages in order, each with evidence",
            "مراحل چرخه عمر به ترتیب و با مدرک",
        ),
        doc: (
            "What: a cluster's `stages` start at F3 and each step is one the previous step may lead to (F3 -> F3-1 -> F3-3 -> F3-4 -> F6 -> F7 -> F8 -> F9 -> F9-1 -> F9-2 -> [F9-3] -> F10 -> F11 -> F12 -> F13 -> F14 -> F15 -> F13 ...; F9-3 only where the programme is beyond provincial authority); dates never go backwards; every step names its evidence (a decision, or an issuing body), and that evidence is not dated after the step (its letter, or the meeting that took the decision).\n\
             Why: docs/domain.md R-CLU-2 from seed 003's process table: \"a cluster cannot skip a stage; each step records the decision or document that moved it\".\n\
             Example: F8 (licence) directly after F3-4, or an F9 step dated before the F8 step, or a step with `evidence: {title: ...}` only.",
            "چه: مراحل خوشه از F3 آغاز می‌شود و هر مرحله از مرحله پیش از خود قابل رسیدن است (F3، F3-1، F3-3، F3-4، F6، F7، F8، F9، F9-1، F9-2، [F9-3]، F10، F11، F12، F13، F14، F15 و بازگشت به F13)؛ تاریخ‌ها به عقب برنمی‌گردند؛ هر مرحله مدرک خود (مصوبه یا نهاد صادرکننده) را دارد و تاریخ آن مدرک (نامه، یا جلسه‌ای که مصوبه را گرفت) پس از خود مرحله نیست.\n\
             چرا: docs/domain.md بند R-CLU-2 از جدول فرایندهای سند ۰۰۳: خوشه نمی‌تواند مرحله‌ای را جا بیندازد و هر گام، مصوبه یا سندی را که آن را پیش برده ثبت می‌کند.\n\
             نمونه: F8 (پروانه) بلافاصله پس از F3-4؛ مرحله F9 با تاریخی پیش از F8؛ مدرکی که فقط عنوان دارد.",
        ),
    },
    RuleDoc {
        id: "R-CLU-3",
        severity: Severity::Warning,
        title: (
            "step evidence from the body the seed names",
            "مدرک هر مرحله از نهاد مقرر",
        ),
        doc: (
            "What: the evidence of each lifecycle step comes from a body (by category) or a committee (by kind) that seed 003 names for that step: F3-1 the provincial trade organisation with the working group; F3-3 the cluster; F3-4 the provincial export-development working group; F7 and F8 TPO; F9 persons or the CDA; F9-1/F9-2 the provincial working group; F9-3 the national one; F10/F11 the expert working group; F12 the executive bodies in charge; F14 TPO. The table ships as `src/rules/stages.yaml` with its transcription choices; a province adds issuers with `stages:` in dabir.yaml. A warning, because the seed's task matrix is ambiguous and provinces organise differently.\n\
             Why: docs/domain.md R-CLU-3; seed 003 process table and task matrix.\n\
             Example: a cluster licence (F8) evidenced by a letter of the provincial chamber of commerce instead of TPO.",
            "چه: مدرک هر مرحله از نهادی (بر پایه نوع) یا کمیته‌ای (بر پایه گونه) است که سند ۰۰۳ برای آن مرحله نام می‌برد: F3-1 سازمان بازرگانی استان با کارگروه؛ F3-3 خود خوشه؛ F3-4 کارگروه توسعه صادرات استان؛ F7 و F8 سازمان توسعه تجارت؛ F9 اشخاص حقیقی و حقوقی یا عامل توسعه؛ F9-1 و F9-2 کارگروه استانی؛ F9-3 کارگروه مرکز؛ F10 و F11 کارگروه کارشناسی؛ F12 دستگاه‌های متولی؛ F14 سازمان توسعه تجارت. جدول در src/rules/stages.yaml است و استان می‌تواند با بخش stages در dabir.yaml به آن بیفزاید. هشدار است، چون ماتریس وظایف سند دوپهلوست.\n\
             چرا: docs/domain.md بند R-CLU-3؛ جدول فرایندها و ماتریس وظایف سند ۰۰۳.\n\
             نمونه: پروانه خوشه (F8) با نامه اتاق بازرگانی استان به جای سازمان توسعه تجارت.",
        ),
    },
    RuleDoc {
        id: "R-SUP-1",
        severity: Severity::Error,
        title: (
            "a current supervisor for every cluster in implementation",
            "ناظر جاری برای هر خوشه در حال اجرا",
        ),
        doc: (
            "What: a cluster in implementation (F13, F14 or F15) on the as-of date has a supervisor whose appointment covers that date (error when not, at the end of the appointment whose lapse opened the gap); every past stretch of days it spent in implementation with no supervisor appointed is an error too, with its dates, at the appointment after which it began (or the one that closed it); an appointment ending within `supervisor_expiry_days` (default 30) with no successor appointed is a warning; an appointment longer than one year, or with no end date, is a warning; the appointing person is the chair of a working group or of the provincial committee on the start date (warning).\n\
             Why: seed 002 (monitoring): a supervisor is appointed per cluster by the chair of the working group, for one year; docs/domain.md R-SUP-1.\n\
             Example: the only supervisor's appointment ended on 1404-06-31 and the cluster is at F14 on 1404-09-15.",
            "چه: خوشه‌ای که در تاریخ ارزیابی در اجرا است (F13، F14 یا F15) ناظری دارد که انتصابش آن روز را در بر می‌گیرد (در غیر این صورت خطا، در پایان انتصابی که با سرآمدنش خلأ آغاز شد)؛ هر دوره گذشته‌ای که خوشه در اجرا بوده و ناظری نداشته نیز با تاریخ‌هایش خطاست، در انتصابی که خلأ پس از آن آغاز شد (یا انتصابی که آن را بست)؛ انتصابی که در `supervisor_expiry_days` روز آینده (پیش‌فرض ۳۰) پایان می‌یابد و جانشینی ندارد هشدار است؛ انتصاب بیش از یک سال یا بی‌تاریخ پایان هشدار است؛ منصوب‌کننده در تاریخ آغاز، رئیس کارگروه یا کمیته استانی است (هشدار).\n\
             چرا: سند ۰۰۲ (نظارت): ناظر برای هر خوشه از سوی رئیس کارگروه و برای یک سال منصوب می‌شود؛ docs/domain.md بند R-SUP-1.\n\
             نمونه: انتصاب تنها ناظر در ۱۴۰۴/۰۶/۳۱ پایان یافته و خوشه در ۱۴۰۴/۰۹/۱۵ در مرحله F14 است.",
        ),
    },
];

/// The built-in step -> issuer table, parsed once.
fn builtin() -> &'static BTreeMap<String, StageIssuers> {
    static TABLE: OnceLock<BTreeMap<String, StageIssuers>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let parsed =
            crate::yaml::parse(include_bytes!("stages.yaml")).expect("stages.yaml is valid YAML");
        serde_json::from_value(parsed.value).expect("stages.yaml has the documented shape")
    })
}

/// Who may evidence `stage`: the built-in table plus the province's additions.
pub fn issuers(ctx: &Context<'_>, stage: Stage) -> StageIssuers {
    let mut out = builtin().get(stage.code()).cloned().unwrap_or_default();
    if let Some(extra) = ctx.config.stages.get(stage.code()) {
        out.bodies.extend(extra.bodies.iter().copied());
        out.committees.extend(extra.committees.iter().copied());
    }
    out
}

pub fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for (path, c) in ctx.clusters() {
        assessment(ctx, path, c, out);
        lifecycle(ctx, path, c, out);
        supervisors(ctx, path, c, out);
    }
}

/// The last day of a one-year appointment starting on `start`.
pub fn one_year_after(start: JDate) -> JDate {
    // Esfand 30 exists only in leap years: fall back a day.
    JDate::new(start.year() + 1, start.month(), start.day())
        .or_else(|| JDate::new(start.year() + 1, start.month(), start.day() - 1))
        .unwrap_or(start)
}

fn assessment(ctx: &Context<'_>, path: &str, c: &Cluster, out: &mut Vec<Finding>) {
    let Some(first) = c.stages.iter().position(|s| s.stage >= Stage::F3_1) else {
        return;
    };
    let id = &c.id;
    let Some(a) = &c.assessment else {
        let stage = c.stages[first].stage;
        out.push(ctx.finding(
            rule!("R-CLU-1"),
            path,
            &format!("/stages/{first}/stage"),
            id,
            tr!(
                "the cluster reached {stage} but records no assessment against the nine criteria",
                "خوشه به مرحله {stage} رسیده ولی ارزیابی آن با نُه معیار ثبت نشده است"
            ),
        ));
        return;
    };
    if let Some((_, body)) = ctx.body(&a.by) {
        let allowed = issuers(ctx, Stage::F3_1);
        if !allowed.bodies.contains(&body.category) {
            let by = &a.by;
            let list = categories(&allowed);
            out.push(ctx.finding(rule!("R-CLU-1"), path, "/assessment/by", id, tr!(
                "the assessment is by {by}, which is not a body that assesses clusters (F3-1: {list})",
                "ارزیابی را {by} انجام داده که نهاد ارزیاب خوشه (F3-1: {list}) نیست"
            )));
        }
    }
    let after = c.stages.iter().find(|s| s.stage > Stage::F3_1);
    if let Some(next) = after
        && a.date > next.date
    {
        let (d, ns, nd) = (a.date, next.stage, next.date);
        out.push(ctx.finding(
            rule!("R-CLU-1"),
            path,
            "/assessment/date",
            id,
            tr!(
                "the assessment is dated {d}, after the cluster moved on to {ns} on {nd}",
                "تاریخ ارزیابی {d} است، پس از رسیدن خوشه به {ns} در {nd}"
            ),
        ));
    }
}

fn categories(i: &StageIssuers) -> String {
    let mut v: Vec<String> = i
        .bodies
        .iter()
        .map(|b| {
            serde_json::to_value(b)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        })
        .collect();
    v.dedup();
    v.join(", ")
}

fn kinds(i: &StageIssuers) -> String {
    let mut v: Vec<String> = i
        .committees
        .iter()
        .map(|b| {
            serde_json::to_value(b)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        })
        .collect();
    v.dedup();
    v.join(", ")
}

/// The lifecycle of stages (R-CLU-2) and who may move each step (R-CLU-3).
fn lifecycle(ctx: &Context<'_>, path: &str, c: &Cluster, out: &mut Vec<Finding>) {
    for i in 0..c.stages.len() {
        step_follows(ctx, path, c, i, out);
        step_evidence(ctx, path, c, i, out);
    }
}

/// Stage `i` starts the lifecycle at F3, or follows the stage before it, not earlier.
fn step_follows(ctx: &Context<'_>, path: &str, c: &Cluster, i: usize, out: &mut Vec<Finding>) {
    let id = &c.id;
    let step = &c.stages[i];
    let stage = step.stage;
    if i == 0 {
        if stage != Stage::F3 {
            out.push(ctx.finding(
                rule!("R-CLU-2"),
                path,
                "/stages/0/stage",
                id,
                tr!(
                    "the lifecycle starts at {stage}; it must start at F3 (initial list)",
                    "چرخه عمر از {stage} آغاز شده؛ باید از F3 (فهرست اولیه) آغاز شود"
                ),
            ));
        }
    } else {
        let prev = &c.stages[i - 1];
        let p = prev.stage;
        if !p.successors().contains(&stage) {
            let next: Vec<&str> = p.successors().iter().map(|s| s.code()).collect();
            let next = next.join(" / ");
            out.push(ctx.finding(
                rule!("R-CLU-2"),
                path,
                &format!("/stages/{i}/stage"),
                id,
                tr!(
                    "{stage} cannot follow {p}: the next stage is {next}",
                    "{stage} نمی‌تواند پس از {p} بیاید: مرحله بعد {next} است"
                ),
            ));
        }
        if step.date < prev.date {
            let (d, pd) = (step.date, prev.date);
            out.push(ctx.finding(
                rule!("R-CLU-2"),
                path,
                &format!("/stages/{i}/date"),
                id,
                tr!(
                    "{stage} is dated {d}, before the previous step {p} ({pd})",
                    "تاریخ {stage} ({d}) پیش از مرحله قبلی {p} ({pd}) است"
                ),
            ));
        }
    }
}

/// Stage `i` names its evidence, dated no later than the step, from a body or a
/// committee seed 003 gives the step to.
fn step_evidence(ctx: &Context<'_>, path: &str, c: &Cluster, i: usize, out: &mut Vec<Finding>) {
    let id = &c.id;
    let step = &c.stages[i];
    let stage = step.stage;
    let e = &step.evidence;
    if e.decision.is_none() && e.issuer.is_none() {
        out.push(ctx.finding(rule!("R-CLU-2"), path, &format!("/stages/{i}/evidence"), id, tr!(
            "step {stage} names no evidence: give the decision or the issuing body of the document that moved it",
            "مرحله {stage} مدرکی ندارد: مصوبه یا نهاد صادرکننده سندی را که آن را پیش برد بنویسید"
        )));
        return;
    }
    // The document that moved a step cannot postdate it.
    let sd = step.date;
    if let Some(l) = &e.letter
        && l.date > sd
    {
        let ld = l.date;
        out.push(ctx.finding(
            rule!("R-CLU-2"),
            path,
            &format!("/stages/{i}/evidence/letter/date"),
            id,
            tr!(
                "the evidence of {stage} is dated {ld}, after the step itself ({sd})",
                "مدرک مرحله {stage} تاریخ {ld} دارد، پس از خود مرحله ({sd})"
            ),
        ));
    }
    if let Some(decision) = &e.decision
        && let Some((_, d)) = ctx.decision(decision)
        && let Some((_, m)) = ctx.meeting(&d.meeting)
        && m.date > sd
    {
        let md = m.date;
        out.push(ctx.finding(
            rule!("R-CLU-2"),
            path,
            &format!("/stages/{i}/evidence/decision"),
            id,
            tr!(
                "{stage} on {sd} is evidenced by {decision}, taken on {md}, after it",
                "مرحله {stage} در {sd} به مصوبه {decision} مورخ {md} مستند شده که پس از آن است"
            ),
        ));
    }
    let allowed = issuers(ctx, stage);
    if let Some(issuer) = &e.issuer
        && let Some((_, body)) = ctx.body(issuer)
        && !allowed.bodies.contains(&body.category)
    {
        let list = categories(&allowed);
        let list = if list.is_empty() {
            "-".to_string()
        } else {
            list
        };
        out.push(ctx.finding(rule!("R-CLU-3"), path, &format!("/stages/{i}/evidence/issuer"), id, tr!(
            "the evidence of {stage} is issued by {issuer}, but seed 003 gives this step to: {list}",
            "مدرک مرحله {stage} را {issuer} صادر کرده، ولی سند ۰۰۳ این مرحله را به این نهادها سپرده است: {list}"
        )));
    }
    if let Some(decision) = &e.decision
        && let Some((_, d)) = ctx.decision(decision)
        && let Some((_, m)) = ctx.meeting(&d.meeting)
        && let Some((_, com)) = ctx.committee(&m.committee)
        && !allowed.committees.contains(&com.kind)
    {
        let list = kinds(&allowed);
        let list = if list.is_empty() {
            "-".to_string()
        } else {
            list
        };
        let cid = &com.id;
        out.push(ctx.finding(rule!("R-CLU-3"), path, &format!("/stages/{i}/evidence/decision"), id, tr!(
            "{stage} is evidenced by a decision of {cid}, but seed 003 gives this step to: {list}",
            "مدرک مرحله {stage} مصوبه {cid} است، ولی سند ۰۰۳ این مرحله را به این کمیته‌ها سپرده است: {list}"
        )));
    }
}

/// The supervisor appointment covering `date`, with its index.
pub fn supervisor_on(c: &Cluster, date: JDate) -> Option<(usize, &Appointment)> {
    c.supervisors
        .iter()
        .enumerate()
        .rfind(|(_, a)| a.current_on(date))
}

/// A stretch of days a cluster was in implementation without a supervisor (R-SUP-1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gap {
    pub from: JDate,
    /// The last day of the gap; `None` while it lasts (on the as-of date).
    pub to: Option<JDate>,
    /// The appointment whose end opened it, if one did.
    pub after: Option<usize>,
    /// The appointment that closed it, if one did.
    pub before: Option<usize>,
    /// The stage step that began the implementation it falls in.
    pub step: usize,
}

/// Every gap in supervision while the cluster was in implementation, up to `today`:
/// past ones that a later appointment closed and the current one. Implementation runs
/// from a step in F13..F15 until a step out of them (or `today`).
pub fn supervision_gaps(c: &Cluster, today: JDate) -> Vec<Gap> {
    // The periods in implementation: (first day, last day, step index).
    let mut periods: Vec<(JDate, JDate, usize)> = Vec::new();
    let steps: Vec<(usize, &StageStep)> = c
        .stages
        .iter()
        .enumerate()
        .filter(|(_, s)| s.date <= today)
        .collect();
    for (k, &(i, s)) in steps.iter().enumerate() {
        let starts =
            s.stage.in_implementation() && (k == 0 || !steps[k - 1].1.stage.in_implementation());
        if !starts {
            continue;
        }
        let end = steps[k + 1..]
            .iter()
            .find(|(_, t)| !t.stage.in_implementation())
            .map_or(today, |(_, t)| t.date.add_days(-1));
        if s.date <= end {
            periods.push((s.date, end, i));
        }
    }
    let mut order: Vec<usize> = (0..c.supervisors.len()).collect();
    order.sort_by_key(|&i| (c.supervisors[i].start, i));
    let mut gaps = Vec::new();
    for (first, last, step) in periods {
        // `cursor`: the first day not yet covered; `by`: the appointment covering the
        // day before it; `None` as the cursor once covered for good.
        let (mut cursor, mut by): (Option<JDate>, Option<usize>) = (Some(first), None);
        let gap = |from: JDate, to: JDate, after, before| Gap {
            from,
            to: (to < today).then_some(to),
            after,
            before,
            step,
        };
        for &i in &order {
            let a = &c.supervisors[i];
            let Some(at) = cursor else { break };
            if a.start > last {
                break;
            }
            if a.end.is_some_and(|e| e < at) {
                continue;
            }
            if a.start > at {
                gaps.push(gap(at, a.start.add_days(-1), by, Some(i)));
            }
            cursor = a.end.map(|e| e.add_days(1));
            by = Some(i);
        }
        if let Some(at) = cursor
            && at <= last
        {
            gaps.push(gap(at, last, by, None));
        }
    }
    gaps
}

/// The index in `stages` of the step that put the cluster in implementation, as of `date`.
pub fn implementation_step(c: &Cluster, date: JDate) -> Option<usize> {
    let last = c.stages.iter().rposition(|s| s.date <= date)?;
    if !c.stages[last].stage.in_implementation() {
        return None;
    }
    let mut i = last;
    while i > 0 && c.stages[i - 1].stage.in_implementation() {
        i -= 1;
    }
    Some(i)
}

fn supervisors(ctx: &Context<'_>, path: &str, c: &Cluster, out: &mut Vec<Finding>) {
    let id = &c.id;
    let today = ctx.as_of;
    for (i, a) in c.supervisors.iter().enumerate() {
        let p = &a.person;
        match a.end {
            None => out.push(warning(ctx, path, &format!("/supervisors/{i}/start"), id, tr!(
                "the supervisor {p}'s appointment has no end date; supervisors are appointed for one year",
                "انتصاب ناظر {p} تاریخ پایان ندارد؛ ناظر برای یک سال منصوب می‌شود"
            ))),
            Some(end) if end > one_year_after(a.start) => {
                let (s, days) = (a.start, a.start.days_until(end));
                out.push(warning(ctx, path, &format!("/supervisors/{i}/end"), id, tr!(
                    "the supervisor {p} is appointed from {s} to {end} ({days} days), longer than one year",
                    "ناظر {p} از {s} تا {end} ({days} روز) منصوب شده که بیش از یک سال است"
                )));
            }
            Some(_) => {}
        }
        let chair = ctx.committees().any(|(_, com)| {
            matches!(
                com.kind,
                CommitteeKind::WorkingGroup | CommitteeKind::Provincial
            ) && com
                .members_on(a.start)
                .any(|m| m.role == crate::model::Role::Chair && m.person == a.appointed_by)
        });
        if !chair && ctx.person(&a.appointed_by).is_some() && !ctx.any_unreadable(Kind::Committee) {
            let (by, s) = (&a.appointed_by, a.start);
            out.push(warning(ctx, path, &format!("/supervisors/{i}/appointed_by"), id, tr!(
                "{by} was not the chair of a working group or the provincial committee on {s}, so cannot appoint the supervisor",
                "{by} در {s} رئیس کارگروه یا کمیته استانی نبوده و نمی‌تواند ناظر را منصوب کند"
            )));
        }
    }
    for gap in supervision_gaps(c, today) {
        let pointer = match (gap.after, gap.before) {
            (Some(i), _) => format!("/supervisors/{i}/end"),
            (None, Some(j)) => format!("/supervisors/{j}/start"),
            (None, None) => format!("/stages/{}/stage", gap.step),
        };
        let from = gap.from;
        match gap.to {
            None => {
                let stage = c.stage_on(today).unwrap_or(Stage::F13);
                out.push(ctx.finding(rule!("R-SUP-1"), path, &pointer, id, tr!(
                    "the cluster is in implementation ({stage}) on {today} but has no current supervisor (none since {from})",
                    "خوشه در {today} در اجرا ({stage}) است ولی ناظر جاری ندارد (از {from} بی‌ناظر است)"
                )));
            }
            Some(to) => {
                let days = from.days_until(to) + 1;
                out.push(ctx.finding(rule!("R-SUP-1"), path, &pointer, id, tr!(
                    "the cluster was in implementation without a supervisor from {from} to {to} ({days} days)",
                    "خوشه از {from} تا {to} ({days} روز) در اجرا بوده و ناظر نداشته است"
                )));
            }
        }
    }
    match supervisor_on(c, today) {
        None => {}
        Some((i, a)) => {
            if let Some(end) = a.end {
                let days = today.days_until(end);
                let successor = c.supervisors.iter().any(|b| b.start > end);
                if days <= i64::from(ctx.config.supervisor_expiry_days) && !successor {
                    let p = &a.person;
                    out.push(warning(ctx, path, &format!("/supervisors/{i}/end"), id, tr!(
                        "the supervisor {p}'s appointment ends on {end}, in {days} days, and no successor is appointed",
                        "انتصاب ناظر {p} در {end}، {days} روز دیگر، پایان می‌یابد و جانشینی منصوب نشده است"
                    )));
                }
            }
        }
    }
}

fn warning(
    ctx: &Context<'_>,
    path: &str,
    pointer: &str,
    record: &str,
    message: crate::diag::Text,
) -> Finding {
    let mut f = ctx.finding(rule!("R-SUP-1"), path, pointer, record, message);
    f.severity = Severity::Warning;
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cluster(supervisors: &[(&str, &str)]) -> Cluster {
        let sup: String = supervisors
            .iter()
            .map(|(s, e)| {
                format!("  - {{person: ESF-P-1, appointed_by: ESF-P-2, letter: {{number: '1', date: {s}}}, start: {s}, end: {e}}}\n")
            })
            .collect();
        let yaml = format!(
            "id: ESF-CL-1\nname: خوشه\nproduct: گلاب\ncounty: کاشان\nstages:\n  - {{stage: F12, date: 1402-01-10, evidence: {{issuer: ESF-B-1}}}}\n  - {{stage: F13, date: 1403-01-01, evidence: {{issuer: ESF-B-1}}}}\nsupervisors:\n{sup}"
        );
        let value = crate::yaml::parse(yaml.as_bytes()).unwrap().value;
        serde_json::from_value(value).unwrap()
    }

    fn d(s: &str) -> JDate {
        JDate::parse(s).unwrap()
    }

    #[test]
    fn gaps_past_and_current_point_at_the_appointment_that_lapsed() {
        // Implementation from 1403-01-01. The first supervisor starts late (gap
        // 1403-01-01..1403-02-31, closed by appointment 0); appointment 1 follows 0 after
        // a 10-day gap; appointment 1 lapsed on 1404-06-31 and nobody followed.
        let c = cluster(&[("1403-03-01", "1403-12-20"), ("1404-01-01", "1404-06-31")]);
        let gaps = supervision_gaps(&c, d("1404-09-15"));
        let got: Vec<_> = gaps
            .iter()
            .map(|g| {
                (
                    g.from.to_string(),
                    g.to.map(|t| t.to_string()),
                    g.after,
                    g.before,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "1403-01-01".into(),
                    Some("1403-02-31".into()),
                    None,
                    Some(0)
                ),
                (
                    "1403-12-21".into(),
                    Some("1403-12-30".into()),
                    Some(0),
                    Some(1)
                ),
                ("1404-07-01".into(), None, Some(1), None),
            ]
        );
        // Listed out of order, the lapse is still the appointment that ended last.
        let c = cluster(&[("1404-01-01", "1404-06-31"), ("1403-01-01", "1403-12-30")]);
        let gaps = supervision_gaps(&c, d("1404-09-15"));
        assert_eq!(gaps.len(), 1);
        assert_eq!((gaps[0].after, gaps[0].to), (Some(0), None));
        // Continuous supervision: no gap.
        let c = cluster(&[("1402-12-01", "1403-11-30"), ("1403-12-01", "1404-11-30")]);
        assert_eq!(supervision_gaps(&c, d("1404-09-15")), []);
    }
}
