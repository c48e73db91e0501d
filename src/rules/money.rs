//! Action plans and their money: R-PLAN-1, R-PLAN-2, R-BUD-1, R-BUD-2 (seeds 000, 002, 004).
//!
//! [`headroom`] is the per-plan budget position the brief shows (approved vs allocated
//! vs paid, and the room left inside the ±10% of R-BUD-1).

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::{Context, RuleDoc};
use crate::diag::{Finding, Severity};
use crate::model::plan::{BudgetLine, CostKind, MoneyStepKind};
use crate::model::{BodyCategory, JDate, Plan, Rial};
use crate::{rule, tr};

pub static RULES: &[RuleDoc] = &[
    RuleDoc {
        id: "R-PLAN-1",
        severity: Severity::Error,
        title: (
            "action plan: activities, bodies, time frame, lines",
            "برنامه عمل: فعالیت‌ها، نهادها، زمان‌بندی، ردیف‌ها",
        ),
        doc: (
            "What: every budget line funds an activity of its plan; activity and line ids are unique in the plan; every activity names its responsible bodies and runs inside the plan's time frame (start before end); no money is approved, allocated or paid on a plan that records no approving decision (`approved_by`).\n\
             Why: seed 000, note 2: the approved action plan (سند برنامه عمل) is the basis of every support body's intervention and funding: activities, responsible bodies, time frame, and budget lines per funder (docs/domain.md R-PLAN-1).\n\
             Example: a line with `activity: A7` where the plan has A1-A5; an activity ending 1405-02-01 in a plan that ends 1404-12-29.",
            "چه: هر ردیف بودجه یکی از فعالیت‌های همان برنامه را تأمین می‌کند؛ شناسه فعالیت‌ها و ردیف‌ها در برنامه یکتاست؛ هر فعالیت نهادهای مسئول خود را نام می‌برد و درون بازه زمانی برنامه است (آغاز پیش از پایان)؛ بر برنامه‌ای که مصوبه تصویب (approved_by) ندارد پولی تصویب، تخصیص یا پرداخت نمی‌شود.\n\
             چرا: سند ۰۰۰، یادداشت ۲: سند برنامه عمل مصوب مبنای مداخله و تأمین مالی همه نهادهای پشتیبان است: فعالیت‌ها، نهادهای مسئول، زمان‌بندی و ردیف‌های بودجه به تفکیک تأمین‌کننده.\n\
             نمونه: ردیفی با activity: A7 در برنامه‌ای که فعالیت‌های A1 تا A5 دارد؛ فعالیتی که پس از پایان برنامه تمام می‌شود.",
        ),
    },
    RuleDoc {
        id: "R-PLAN-2",
        severity: Severity::Error,
        title: (
            "agency costs paid by the broker",
            "هزینه عاملیت بر عهده سازمان کارگزار",
        ),
        doc: (
            "What: a budget line of cost kind `agency` (the CDA's agency contract) is funded by the broker organisation: the body `broker` of dabir.yaml, or, when none is set, a body of category `industrial-estates`.\n\
             Why: seed 000 (duties of the broker) and docs/domain.md R-PLAN-2: agency (CDA) costs are paid by the broker organisation; execution costs are shared by the support institutions.\n\
             Example: `cost: agency` with `funder: ESF-B-CHAMBER`.",
            "چه: ردیف بودجه‌ای با نوع هزینه agency (قرارداد عاملیت عامل توسعه خوشه) را سازمان کارگزار تأمین می‌کند: نهاد broker در dabir.yaml یا، اگر تعیین نشده، نهادی از نوع industrial-estates.\n\
             چرا: سند ۰۰۰ و docs/domain.md بند R-PLAN-2: هزینه عاملیت بر عهده سازمان کارگزار است و هزینه اجرای پروژه‌ها میان نهادهای پشتیبان تقسیم می‌شود.\n\
             نمونه: cost: agency با funder: ESF-B-CHAMBER.",
        ),
    },
    RuleDoc {
        id: "R-BUD-1",
        severity: Severity::Error,
        title: (
            "budget revisions within ±10%, grounded",
            "بازنگری بودجه در محدوده ±۱۰٪ و مستند",
        ),
        doc: (
            "What: each revision of a plan names an existing line, and after it the line's approved amount stays within ±10% of the line's originally approved amount, cumulatively (not per revision); so do each funder's and the whole plan's totals (which follows from the lines). Each revision cites a supervisor review of the plan's cluster dated on or before it, and a decision taken on or before it (not one of another cluster's steering council); revisions are in date order.\n\
             Why: seed 002, article 4-4: based on the supervisors' reports, the working group may raise or lower the budget allocated to a cluster plan by at most 10% (docs/domain.md R-BUD-1).\n\
             Example: a line approved at 1,000,000,000 rials revised to 1,060,000,000 and later to 1,120,000,000 (+12% cumulative).",
            "چه: هر بازنگری برنامه به ردیف موجودی اشاره می‌کند و پس از آن مبلغ مصوب ردیف حداکثر ±۱۰٪ با مبلغ مصوب اولیه ردیف فاصله دارد، به صورت انباشته (نه در هر بازنگری)؛ جمع هر تأمین‌کننده و کل برنامه نیز چنین است (که از ردیف‌ها نتیجه می‌شود). هر بازنگری به گزارش ناظرِ همان خوشه با تاریخی نه دیرتر از خود، و به مصوبه‌ای پیش از خود (نه از شورای راهبری خوشه‌ای دیگر) استناد می‌کند؛ بازنگری‌ها به ترتیب تاریخ‌اند.\n\
             چرا: سند ۰۰۲، بند ۴-۴: کارگروه بر پایه گزارش ناظران می‌تواند بودجه تخصیصی برنامه خوشه را حداکثر ۱۰٪ کاهش یا افزایش دهد.\n\
             نمونه: ردیفی با مصوب اولیه ۱٬۰۰۰٬۰۰۰٬۰۰۰ ریال که به ۱٬۰۶۰٬۰۰۰٬۰۰۰ و سپس به ۱٬۱۲۰٬۰۰۰٬۰۰۰ ریال (۱۲٪+ انباشته) رسیده است.",
        ),
    },
    RuleDoc {
        id: "R-BUD-2",
        severity: Severity::Error,
        title: (
            "money trail: estimate, approved, allocated, paid",
            "مسیر پول: برآورد، تصویب، تخصیص، پرداخت",
        ),
        doc: (
            "What: along each budget line's `trail`, dates never go backwards; no step is skipped (an approval needs an estimate before it, an allocation an approval, a payment an allocation); the total allocated never exceeds the line's approved amount in force on that date (after the revisions dated up to then); the total paid never exceeds the total allocated so far.\n\
             Why: seed 004 (the annual programme's columns) shows the trail users care about, \"from estimate to payment\", each step dated and attributable; docs/domain.md R-BUD-1 and the money paragraph.\n\
             Example: a payment of 400,000,000 rials when 300,000,000 were allocated; a payment with no allocation before it.",
            "چه: در مسیر پول (trail) هر ردیف، تاریخ‌ها به عقب برنمی‌گردند؛ گامی جا نمی‌افتد (تصویب پس از برآورد، تخصیص پس از تصویب، پرداخت پس از تخصیص)؛ جمع تخصیص هرگز از مبلغ مصوب نافذ ردیف در آن تاریخ (پس از بازنگری‌های تا آن روز) و جمع پرداخت هرگز از جمع تخصیص تا آن روز بیشتر نمی‌شود.\n\
             چرا: سند ۰۰۴ (ستون‌های برنامه سالانه) مسیر «از برآورد تا پرداخت» را نشان می‌دهد که هر گام آن تاریخ و مسئول دارد.\n\
             نمونه: پرداخت ۴۰۰٬۰۰۰٬۰۰۰ ریال در حالی که ۳۰۰٬۰۰۰٬۰۰۰ ریال تخصیص یافته؛ پرداختی بی‌تخصیص پیشین.",
        ),
    },
];

pub fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let broker = broker(ctx);
    for (path, plan) in ctx.plans() {
        plan_structure(ctx, path, plan, out);
        agency(ctx, path, plan, &broker, out);
        revisions(ctx, path, plan, out);
        trails(ctx, path, plan, out);
    }
}

/// The broker organisation: the config's `broker`, else every body of category
/// industrial-estates.
fn broker(ctx: &Context<'_>) -> Vec<String> {
    match &ctx.config.broker {
        Some(b) => vec![b.clone()],
        None => ctx
            .bodies()
            .filter(|(_, b)| b.category == BodyCategory::IndustrialEstates)
            .map(|(_, b)| b.id.clone())
            .collect(),
    }
}

fn plan_structure(ctx: &Context<'_>, path: &str, p: &Plan, out: &mut Vec<Finding>) {
    let id = &p.id;
    let mut seen = HashSet::new();
    for (i, a) in p.activities.iter().enumerate() {
        let aid = &a.id;
        if !seen.insert(a.id.as_str()) {
            out.push(ctx.finding(
                rule!("R-PLAN-1"),
                path,
                &format!("/activities/{i}/id"),
                id,
                tr!(
                    "the activity id {aid} is used twice in this plan",
                    "شناسه فعالیت {aid} در این برنامه دو بار آمده است"
                ),
            ));
        }
        if a.responsible.is_empty() {
            out.push(ctx.finding(
                rule!("R-PLAN-1"),
                path,
                &format!("/activities/{i}/responsible"),
                id,
                tr!(
                    "the activity {aid} names no responsible body",
                    "فعالیت {aid} نهاد مسئولی ندارد"
                ),
            ));
        }
        let (s, e, ps, pe) = (a.start, a.end, p.start, p.end);
        if s > e {
            out.push(ctx.finding(
                rule!("R-PLAN-1"),
                path,
                &format!("/activities/{i}/end"),
                id,
                tr!(
                    "the activity {aid} ends on {e}, before it starts on {s}",
                    "فعالیت {aid} در {e} پایان می‌یابد، پیش از آغازش در {s}"
                ),
            ));
        } else if s < ps {
            out.push(ctx.finding(
                rule!("R-PLAN-1"),
                path,
                &format!("/activities/{i}/start"),
                id,
                tr!(
                    "the activity {aid} starts on {s}, before the plan starts on {ps}",
                    "فعالیت {aid} در {s} آغاز می‌شود، پیش از آغاز برنامه در {ps}"
                ),
            ));
        } else if e > pe {
            out.push(ctx.finding(
                rule!("R-PLAN-1"),
                path,
                &format!("/activities/{i}/end"),
                id,
                tr!(
                    "the activity {aid} ends on {e}, after the plan ends on {pe}",
                    "فعالیت {aid} در {e} پایان می‌یابد، پس از پایان برنامه در {pe}"
                ),
            ));
        }
    }
    let mut lines = HashSet::new();
    for (i, l) in p.lines.iter().enumerate() {
        let (lid, act) = (&l.id, &l.activity);
        if !lines.insert(l.id.as_str()) {
            out.push(ctx.finding(
                rule!("R-PLAN-1"),
                path,
                &format!("/lines/{i}/id"),
                id,
                tr!(
                    "the line id {lid} is used twice in this plan",
                    "شناسه ردیف {lid} در این برنامه دو بار آمده است"
                ),
            ));
        }
        if !p.activities.iter().any(|a| a.id == l.activity) {
            out.push(ctx.finding(
                rule!("R-PLAN-1"),
                path,
                &format!("/lines/{i}/activity"),
                id,
                tr!(
                    "the line {lid} funds the activity {act}, which this plan does not have",
                    "ردیف {lid} فعالیت {act} را تأمین می‌کند که در این برنامه نیست"
                ),
            ));
        }
        if p.approved_by.is_none()
            && let Some(j) = l
                .trail
                .iter()
                .position(|s| s.step != MoneyStepKind::Estimate)
        {
            out.push(ctx.finding(rule!("R-PLAN-1"), path, &format!("/lines/{i}/trail/{j}/step"), id, tr!(
                "money moves on the line {lid}, but the plan records no approving decision (approved_by)",
                "در ردیف {lid} پول جابه‌جا شده ولی مصوبه تصویب برنامه (approved_by) ثبت نشده است"
            )));
        }
    }
}

fn agency(ctx: &Context<'_>, path: &str, p: &Plan, broker: &[String], out: &mut Vec<Finding>) {
    for (i, l) in p.lines.iter().enumerate() {
        if l.cost == CostKind::Agency
            && !broker.contains(&l.funder)
            && ctx.body(&l.funder).is_some()
        {
            let (lid, f) = (&l.id, &l.funder);
            let b = if broker.is_empty() {
                "-".to_string()
            } else {
                broker.join(", ")
            };
            out.push(ctx.finding(rule!("R-PLAN-2"), path, &format!("/lines/{i}/funder"), &p.id, tr!(
                "the line {lid} is an agency (CDA) cost funded by {f}; agency costs are the broker organisation's ({b})",
                "ردیف {lid} هزینه عاملیت است و {f} آن را تأمین می‌کند؛ هزینه عاملیت بر عهده سازمان کارگزار ({b}) است"
            )));
        }
    }
}

/// An amount with its thousands grouped: `1,250,000,000`.
pub fn grouped(n: impl Into<i128>) -> String {
    let n: i128 = n.into();
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// Whether `now` is more than 10% away from `base`.
fn outside_ten_percent(base: Rial, now: Rial) -> bool {
    // |now - base| > base / 10, in integers.
    now.abs_diff(base).saturating_mul(10) > base
}

fn percent(base: Rial, now: Rial) -> String {
    if base == 0 {
        return "∞".into();
    }
    let p = (now as f64 - base as f64) * 100.0 / base as f64;
    format!("{p:+.1}%")
}

fn revisions(ctx: &Context<'_>, path: &str, p: &Plan, out: &mut Vec<Finding>) {
    let id = &p.id;
    let mut amounts: HashMap<&str, Rial> = p
        .lines
        .iter()
        .map(|l| (l.id.as_str(), l.approved))
        .collect();
    let mut prev: Option<JDate> = None;
    for (i, r) in p.revisions.iter().enumerate() {
        let d = r.date;
        if let Some(pd) = prev
            && d < pd
        {
            out.push(ctx.finding(rule!("R-BUD-1"), path, &format!("/revisions/{i}/date"), id, tr!(
                "the revision is dated {d}, before the previous revision ({pd}); keep revisions in date order",
                "تاریخ بازنگری {d} پیش از بازنگری قبلی ({pd}) است؛ بازنگری‌ها باید به ترتیب تاریخ باشند"
            )));
        }
        prev = Some(prev.map_or(d, |pd| pd.max(d)));
        let lid = &r.line;
        let Some(line) = p.lines.iter().find(|l| l.id == r.line) else {
            out.push(ctx.finding(
                rule!("R-BUD-1"),
                path,
                &format!("/revisions/{i}/line"),
                id,
                tr!(
                    "the revision names the line {lid}, which this plan does not have",
                    "بازنگری به ردیف {lid} اشاره می‌کند که در این برنامه نیست"
                ),
            ));
            continue;
        };
        amounts.insert(line.id.as_str(), r.amount);
        let (base, now) = (line.approved, r.amount);
        if outside_ten_percent(base, now) {
            let pc = percent(base, now);
            let (base, now) = (grouped(base), grouped(now));
            out.push(ctx.finding(rule!("R-BUD-1"), path, &format!("/revisions/{i}/amount"), id, tr!(
                "the line {lid} goes from its originally approved {base} rials to {now} ({pc}), beyond the ±10% the working group may change",
                "ردیف {lid} از مبلغ مصوب اولیه {base} ریال به {now} ریال ({pc}) رسیده که بیش از ±۱۰٪ مجاز کارگروه است"
            )));
        } else {
            // Funder and plan totals (within ±10% whenever every line is; checked for
            // plans whose lines carry zero originals).
            let funder = &line.funder;
            let fb: Rial = p
                .lines
                .iter()
                .filter(|l| &l.funder == funder)
                .map(|l| l.approved)
                .sum();
            let fnow: Rial = p
                .lines
                .iter()
                .filter(|l| &l.funder == funder)
                .map(|l| amounts[l.id.as_str()])
                .sum();
            let pb: Rial = p.lines.iter().map(|l| l.approved).sum();
            let pnow: Rial = amounts.values().sum();
            if outside_ten_percent(fb, fnow) {
                let pc = percent(fb, fnow);
                let (fb, fnow) = (grouped(fb), grouped(fnow));
                out.push(ctx.finding(rule!("R-BUD-1"), path, &format!("/revisions/{i}/amount"), id, tr!(
                    "after this revision {funder}'s lines total {fnow} rials against {fb} originally approved ({pc}), beyond ±10%",
                    "پس از این بازنگری جمع ردیف‌های {funder} {fnow} ریال در برابر {fb} ریال مصوب اولیه ({pc}) است که بیش از ±۱۰٪ است"
                )));
            } else if outside_ten_percent(pb, pnow) {
                let pc = percent(pb, pnow);
                let (pb, pnow) = (grouped(pb), grouped(pnow));
                out.push(ctx.finding(rule!("R-BUD-1"), path, &format!("/revisions/{i}/amount"), id, tr!(
                    "after this revision the plan totals {pnow} rials against {pb} originally approved ({pc}), beyond ±10%",
                    "پس از این بازنگری جمع برنامه {pnow} ریال در برابر {pb} ریال مصوب اولیه ({pc}) است که بیش از ±۱۰٪ است"
                )));
            }
        }
        revision_grounds(ctx, path, p, i, out);
    }
}

/// Revision `i` cites a review of this plan's cluster and a decision of its own
/// steering council, neither after the revision.
fn revision_grounds(ctx: &Context<'_>, path: &str, p: &Plan, i: usize, out: &mut Vec<Finding>) {
    let id = &p.id;
    let r = &p.revisions[i];
    let d = r.date;
    let rv = &r.review;
    if let Some((_, review)) = ctx.review(&r.review) {
        if review.cluster != p.cluster {
            let (rc, pc) = (&review.cluster, &p.cluster);
            out.push(ctx.finding(rule!("R-BUD-1"), path, &format!("/revisions/{i}/review"), id, tr!(
                "the revision cites the review {rv} of the cluster {rc}, not of this plan's cluster {pc}",
                "بازنگری به گزارش ناظر {rv} درباره خوشه {rc} استناد می‌کند، نه خوشه این برنامه ({pc})"
            )));
        } else if review.date > d {
            let rd = review.date;
            out.push(ctx.finding(
                rule!("R-BUD-1"),
                path,
                &format!("/revisions/{i}/review"),
                id,
                tr!(
                    "the revision of {d} cites the review {rv} of {rd}, which came after it",
                    "بازنگری {d} به گزارش ناظر {rv} مورخ {rd} استناد می‌کند که پس از آن است"
                ),
            ));
        }
    }
    let dv = &r.decision;
    if let Some((_, dec)) = ctx.decision(&r.decision)
        && let Some((_, m)) = ctx.meeting(&dec.meeting)
    {
        let other = ctx
            .committee(&m.committee)
            .and_then(|(_, c)| c.cluster.as_ref())
            .filter(|c| **c != p.cluster);
        if let Some(oc) = other {
            out.push(ctx.finding(rule!("R-BUD-1"), path, &format!("/revisions/{i}/decision"), id, tr!(
                "the revision cites {dv}, a decision of the steering council of another cluster ({oc})",
                "بازنگری به {dv} استناد می‌کند که مصوبه شورای راهبری خوشه دیگری ({oc}) است"
            )));
        } else if m.date > d {
            let md = m.date;
            out.push(ctx.finding(
                rule!("R-BUD-1"),
                path,
                &format!("/revisions/{i}/decision"),
                id,
                tr!(
                    "the revision of {d} cites {dv}, taken on {md}, after it",
                    "بازنگری {d} به مصوبه {dv} مورخ {md} استناد می‌کند که پس از آن است"
                ),
            ));
        }
    }
}

/// The approved amount of `line` in force on `date` (original, then revisions up to it).
pub fn amount_on(p: &Plan, line: &BudgetLine, date: JDate) -> Rial {
    p.revisions
        .iter()
        .rfind(|r| r.line == line.id && r.date <= date)
        .map_or(line.approved, |r| r.amount)
}

fn trails(ctx: &Context<'_>, path: &str, p: &Plan, out: &mut Vec<Finding>) {
    let id = &p.id;
    for (i, l) in p.lines.iter().enumerate() {
        let lid = &l.id;
        let mut seen = [false; 4];
        let (mut allocated, mut paid): (Rial, Rial) = (0, 0);
        let mut prev: Option<JDate> = None;
        for (j, s) in l.trail.iter().enumerate() {
            let at = |f: &str| format!("/lines/{i}/trail/{j}/{f}");
            let d = s.date;
            if let Some(pd) = prev
                && d < pd
            {
                out.push(ctx.finding(rule!("R-BUD-2"), path, &at("date"), id, tr!(
                    "this step of the line {lid} is dated {d}, before the step before it ({pd})",
                    "این گام ردیف {lid} تاریخ {d} دارد، پیش از گام قبلی ({pd})"
                )));
            }
            prev = Some(prev.map_or(d, |pd| pd.max(d)));
            let k = s.step as usize;
            if k > 0 && !seen[k - 1] {
                let (step, before) = (name(s.step), name(ALL[k - 1]));
                let (step_fa, before_fa) = (name_fa(s.step), name_fa(ALL[k - 1]));
                out.push(ctx.finding(
                    rule!("R-BUD-2"),
                    path,
                    &at("step"),
                    id,
                    tr!(
                        "the line {lid} is {step} with no {before} step before it",
                        "ردیف {lid} {step_fa} شده بی‌آنکه پیش از آن {before_fa} شده باشد"
                    ),
                ));
            }
            seen[k] = true;
            match s.step {
                MoneyStepKind::Allocated => {
                    allocated = allocated.saturating_add(s.amount);
                    let approved = amount_on(p, l, d);
                    if allocated > approved {
                        let (allocated, approved) = (grouped(allocated), grouped(approved));
                        out.push(ctx.finding(rule!("R-BUD-2"), path, &at("amount"), id, tr!(
                            "the line {lid} has {allocated} rials allocated by {d}, more than the {approved} approved",
                            "تا {d} برای ردیف {lid} {allocated} ریال تخصیص یافته که بیش از {approved} ریال مصوب است"
                        )));
                    }
                }
                MoneyStepKind::Paid => {
                    paid = paid.saturating_add(s.amount);
                    if paid > allocated {
                        let (paid, allocated) = (grouped(paid), grouped(allocated));
                        out.push(ctx.finding(rule!("R-BUD-2"), path, &at("amount"), id, tr!(
                            "the line {lid} has {paid} rials paid by {d}, more than the {allocated} allocated",
                            "تا {d} برای ردیف {lid} {paid} ریال پرداخت شده که بیش از {allocated} ریال تخصیص‌یافته است"
                        )));
                    }
                }
                _ => {}
            }
        }
    }
}

const ALL: [MoneyStepKind; 4] = [
    MoneyStepKind::Estimate,
    MoneyStepKind::Approved,
    MoneyStepKind::Allocated,
    MoneyStepKind::Paid,
];

fn name(k: MoneyStepKind) -> &'static str {
    match k {
        MoneyStepKind::Estimate => "estimated",
        MoneyStepKind::Approved => "approved",
        MoneyStepKind::Allocated => "allocated",
        MoneyStepKind::Paid => "paid",
    }
}

fn name_fa(k: MoneyStepKind) -> &'static str {
    match k {
        MoneyStepKind::Estimate => "برآورد",
        MoneyStepKind::Approved => "تصویب",
        MoneyStepKind::Allocated => "تخصیص",
        MoneyStepKind::Paid => "پرداخت",
    }
}

/// A plan's budget position on a date (the brief's "budget headroom").
#[derive(Clone, Debug, Serialize)]
pub struct Headroom {
    pub plan: String,
    pub cluster: String,
    /// The lines' originally approved amounts.
    pub original: Rial,
    /// After the revisions up to the date.
    pub approved: Rial,
    pub allocated: Rial,
    pub paid: Rial,
    /// Approved but not yet allocated.
    pub unallocated: i128,
    /// Allocated but not yet paid.
    pub unpaid: i128,
    /// How much more the plan may still be raised: the sum of its lines' room, since
    /// R-BUD-1 bounds every line (a line at +10% cannot take what another leaves).
    pub room_up: i128,
    /// How much more it may still be lowered, the same way.
    pub room_down: i128,
    /// The position of each budget line, as R-BUD-1 judges a revision of it.
    pub lines: Vec<LineHeadroom>,
}

/// A budget line's position on a date: what a revision of it may still do (R-BUD-1).
#[derive(Clone, Debug, Serialize)]
pub struct LineHeadroom {
    pub line: String,
    pub funder: String,
    pub original: Rial,
    pub approved: Rial,
    pub allocated: Rial,
    pub paid: Rial,
    /// How much more the line may be raised before a revision is refused.
    pub room_up: i128,
    /// How much more it may be lowered.
    pub room_down: i128,
}

/// The most a line approved at `base` may stand above and below it (R-BUD-1): the same
/// bound [`outside_ten_percent`] applies.
fn ten_percent_of(base: Rial) -> i128 {
    i128::from(base / 10)
}

/// The budget position of a plan on `date`.
pub fn headroom(p: &Plan, date: JDate) -> Headroom {
    let on = |l: &BudgetLine, k: MoneyStepKind| -> Rial {
        l.trail
            .iter()
            .filter(|s| s.step == k && s.date <= date)
            .map(|s| s.amount)
            .sum()
    };
    let lines: Vec<LineHeadroom> = p
        .lines
        .iter()
        .map(|l| {
            let approved = amount_on(p, l, date);
            let moved = i128::from(approved) - i128::from(l.approved);
            LineHeadroom {
                line: l.id.clone(),
                funder: l.funder.clone(),
                original: l.approved,
                approved,
                allocated: on(l, MoneyStepKind::Allocated),
                paid: on(l, MoneyStepKind::Paid),
                room_up: ten_percent_of(l.approved) - moved,
                room_down: ten_percent_of(l.approved) + moved,
            }
        })
        .collect();
    let total = |f: fn(&LineHeadroom) -> Rial| -> Rial { lines.iter().map(f).sum() };
    let (approved, allocated) = (total(|l| l.approved), total(|l| l.allocated));
    let paid = total(|l| l.paid);
    Headroom {
        plan: p.id.clone(),
        cluster: p.cluster.clone(),
        original: total(|l| l.original),
        approved,
        allocated,
        paid,
        unallocated: i128::from(approved) - i128::from(allocated),
        unpaid: i128::from(allocated) - i128::from(paid),
        room_up: lines.iter().map(|l| l.room_up.max(0)).sum(),
        room_down: lines.iter().map(|l| l.room_down.max(0)).sum(),
        lines,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Config, Kind, Record};

    type RunFn = fn(&Context<'_>, &mut Vec<Finding>);

    fn findings(
        records: &[(Kind, &str, &str)],
        as_of: &str,
    ) -> Vec<(&'static str, String, String)> {
        findings_of(run, records, as_of)
    }

    /// The findings of a rule family over records given as (kind, path, YAML): rule,
    /// JSON pointer, English message.
    pub(crate) fn findings_of(
        run: RunFn,
        records: &[(Kind, &str, &str)],
        as_of: &str,
    ) -> Vec<(&'static str, String, String)> {
        let config: Config = serde_json::from_value(
            serde_json::json!({"province": "ESF", "province_name": "اصفهان"}),
        )
        .unwrap();
        let mut errs = Vec::new();
        let loaded: Vec<(String, Record)> = records
            .iter()
            .map(|(k, p, y)| {
                (
                    p.to_string(),
                    crate::check::parse_record(p, *k, y.as_bytes(), &mut errs)
                        .expect("valid record"),
                )
            })
            .collect();
        // Hand-written test records may leave dates unquoted (an R-YAML-10 warning).
        errs.retain(|f| f.rule != "R-YAML-10");
        assert!(errs.is_empty(), "{errs:?}");
        let ctx = Context::new(&config, JDate::parse(as_of).unwrap(), &loaded);
        let mut out = Vec::new();
        run(&ctx, &mut out);
        out.into_iter()
            .map(|f| {
                let crate::diag::Anchor::Value(p) = f.anchor else {
                    panic!("a value anchor")
                };
                (f.rule, p, f.message.en)
            })
            .collect()
    }

    const BODIES: [(Kind, &str, &str); 2] = [
        (
            Kind::Body,
            "bodies/ESF-B-SHAHRAK.yaml",
            "id: ESF-B-SHAHRAK\nname: شرکت شهرک‌های صنعتی\ncategory: industrial-estates\n",
        ),
        (
            Kind::Body,
            "bodies/ESF-B-SMT.yaml",
            "id: ESF-B-SMT\nname: صمت\ncategory: industry-mine-trade\n",
        ),
    ];

    fn plan(lines: &str, revisions: &str) -> String {
        format!(
            "id: ESF-PL-1\ncluster: ESF-CL-1\ntitle: برنامه\napproved_by: ESF-D-1\nstart: 1403-01-01\nend: 1405-12-29\n\
             activities:\n  - {{id: A1, title: فعالیت, responsible: [ESF-B-SMT], start: 1403-01-01, end: 1404-12-29}}\n\
             lines:\n{lines}revisions:\n{revisions}"
        )
    }

    #[test]
    fn revisions_are_cumulative() {
        let p = plan(
            "  - {id: L1, activity: A1, funder: ESF-B-SMT, cost: execution, approved: 1000}\n",
            "  - {date: 1403-05-01, line: L1, amount: 1060, review: ESF-RV-1, decision: ESF-D-1}\n  - {date: 1403-09-01, line: L1, amount: 1120, review: ESF-RV-1, decision: ESF-D-1}\n",
        );
        let mut recs = BODIES.to_vec();
        recs.push((Kind::Plan, "plans/ESF-PL-1.yaml", &p));
        let f = findings(&recs, "1404-01-01");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            (f[0].0, f[0].1.as_str()),
            ("R-BUD-1", "/revisions/1/amount")
        );
        assert!(f[0].2.contains("+12.0%"), "{}", f[0].2);
    }

    #[test]
    fn the_trail_never_overtakes_itself() {
        let p = plan(
            "  - id: L1\n    activity: A1\n    funder: ESF-B-SHAHRAK\n    cost: agency\n    approved: 1000\n    trail:\n\
             \x20     - {step: estimate, amount: 1000, date: 1403-01-10}\n\
             \x20     - {step: approved, amount: 1000, date: 1403-01-20}\n\
             \x20     - {step: allocated, amount: 600, date: 1403-02-01}\n\
             \x20     - {step: paid, amount: 700, date: 1403-03-01}\n\
             \x20     - {step: allocated, amount: 500, date: 1403-02-15}\n\
             \x20 - id: L2\n    activity: A1\n    funder: ESF-B-SMT\n    cost: agency\n    approved: 10\n    trail:\n\
             \x20     - {step: paid, amount: 10, date: 1403-03-01}\n",
            "  []\n",
        );
        let mut recs = BODIES.to_vec();
        recs.push((Kind::Plan, "plans/ESF-PL-1.yaml", &p));
        let got: Vec<(&str, String)> = findings(&recs, "1404-01-01")
            .into_iter()
            .map(|(r, p, _)| (r, p))
            .collect();
        let want = [
            ("R-PLAN-2", "/lines/1/funder"),
            ("R-BUD-2", "/lines/0/trail/3/amount"),
            ("R-BUD-2", "/lines/0/trail/4/date"),
            ("R-BUD-2", "/lines/0/trail/4/amount"),
            ("R-BUD-2", "/lines/1/trail/0/step"),
            ("R-BUD-2", "/lines/1/trail/0/amount"),
        ];
        let mut got_sorted = got.clone();
        got_sorted.sort();
        let mut want_sorted: Vec<(&str, String)> =
            want.iter().map(|(r, p)| (*r, p.to_string())).collect();
        want_sorted.sort();
        assert_eq!(got_sorted, want_sorted);
    }

    #[test]
    fn ten_percent_is_inclusive() {
        assert!(!outside_ten_percent(1000, 1100));
        assert!(!outside_ten_percent(1000, 900));
        assert!(outside_ten_percent(1000, 1101));
        assert!(outside_ten_percent(1000, 899));
        assert!(outside_ten_percent(0, 1));
    }
}
