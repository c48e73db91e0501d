//! Monitoring: quarterly reports (R-REP-1) and supervisor reviews (R-REP-2), seed 002.
//!
//! [`seasons`] computes, for every cluster, the seasons it owed a report for and what
//! became of each; the rule reports from it and the brief shows it, with the on-time
//! rate per cluster and per province ([`on_time_rate`]).

use serde::Serialize;

use super::{Context, RuleDoc};
use crate::diag::{Finding, Severity};
use crate::model::{Cluster, JDate, Kind, Report, Review};
use crate::{rule, tr};

pub static RULES: &[RuleDoc] = &[
    RuleDoc {
        id: "R-REP-1",
        severity: Severity::Error,
        title: (
            "quarterly report for every season in implementation",
            "گزارش سه‌ماهه برای هر فصل اجرا",
        ),
        doc: (
            "What: for every cluster under implementation (from its first F13 step) or with an approved action plan in force (from the later of the plan's `start` and the meeting of the decision approving it, `approved_by`, to its `end`), whatever its stage, and every Solar Hijri season (months 1-3, 4-6, 7-9, 10-12) overlapping those periods, a quarterly report (`reports/`) for that cluster, year and season. A report received later than the season's end plus `report_grace_days` (default 30) is late (warning); no report once those days have passed is missing (error). A report's `year` and `quarter` agree with its id (the year part, and a `Q1`-`Q4` part or the digit after the year) and it is not received before its season starts (error).\n\
             Why: seed 002 (monitoring): every three months the CDA and the executors of approved plans report progress, or the reasons and bottlenecks for its lack, to the supervisor and the working group; the fiscal year is the Solar Hijri year (docs/domain.md R-REP-1).\n\
             Example: a cluster at F13 since 1403-08-01 with reports for 1403 Q3 and Q4 but none for 1404 Q1 on 1404-05-15 (grace ended 1404-04-30).",
            "چه: برای هر خوشه در حال اجرا (از نخستین گام F13) یا دارای برنامه عمل مصوب در جریان (از دیرترینِ آغاز برنامه و جلسه مصوبه تصویب آن، approved_by، تا پایان برنامه)، در هر مرحله‌ای که باشد، و برای هر فصل سال خورشیدی (ماه‌های ۱-۳، ۴-۶، ۷-۹، ۱۰-۱۲) که با این دوره‌ها هم‌پوشانی دارد، گزارش سه‌ماهه‌ای (در reports) برای همان خوشه، سال و فصل. گزارشی که پس از پایان فصل به‌علاوه `report_grace_days` روز (پیش‌فرض ۳۰) برسد دیرکرد دارد (هشدار) و نبود گزارش پس از این مهلت خطاست. سال و فصل گزارش با شناسه آن می‌خواند و گزارش پیش از آغاز فصلش دریافت نشده است.\n\
             چرا: سند ۰۰۲ (نظارت): عامل توسعه و مجریان برنامه‌های مصوب هر سه ماه پیشرفت کار یا دلایل و تنگناهای عدم پیشرفت را به ناظر و کارگروه گزارش می‌دهند؛ سال مالی سال خورشیدی است.\n\
             نمونه: خوشه‌ای که از ۱۴۰۳/۰۸/۰۱ در F13 است و در ۱۴۰۴/۰۵/۱۵ گزارش فصل اول ۱۴۰۴ را ندارد (مهلت ۱۴۰۴/۰۴/۳۰ گذشته است).",
        ),
    },
    RuleDoc {
        id: "R-REP-2",
        severity: Severity::Error,
        title: (
            "supervisor reviews by the cluster's supervisor, sent on",
            "گزارش ناظر از ناظر همان خوشه و ارسال‌شده",
        ),
        doc: (
            "What: a supervisor's review (`reviews/`) is written by a person appointed supervisor of that cluster on the review's date, and is sent to at least one committee (`sent_to`).\n\
             Why: seed 002 (monitoring): the supervisor periodically reviews programme performance and economic return and sends the results with improvement proposals to the secretariats (docs/domain.md R-REP-2); budget revisions rest on these reviews (R-BUD-1).\n\
             Example: a review dated 1404-07-10 by a supervisor whose appointment ended 1404-06-31, or a review with `sent_to: []`.",
            "چه: گزارش ناظر (در reviews) را کسی نوشته که در تاریخ گزارش ناظر منصوب همان خوشه بوده و دست‌کم به یک کمیته (sent_to) فرستاده شده است.\n\
             چرا: سند ۰۰۲ (نظارت): ناظر به صورت دوره‌ای عملکرد برنامه و بازده اقتصادی را بررسی و نتایج را با پیشنهادهای اصلاحی به دبیرخانه‌ها می‌فرستد؛ بازنگری بودجه (R-BUD-1) بر این گزارش‌ها استوار است.\n\
             نمونه: گزارشی مورخ ۱۴۰۴/۰۷/۱۰ از ناظری که انتصابش ۱۴۰۴/۰۶/۳۱ پایان یافته، یا گزارشی با sent_to خالی.",
        ),
    },
];

/// What became of one season's report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "state")]
pub enum SeasonState {
    /// Received by the deadline.
    OnTime { received_on: JDate },
    /// Received after the deadline.
    Late { received_on: JDate, days_late: i64 },
    /// Not received, and the deadline has passed.
    Missing { days_overdue: i64 },
    /// Not received yet; the deadline has not passed (or the season is running).
    Pending,
}

/// One season a cluster owed a report for.
#[derive(Clone, Debug, Serialize)]
pub struct Season {
    pub year: u16,
    pub quarter: u8,
    /// The last day a report is on time: the season's end plus the grace days.
    pub deadline: JDate,
    /// The report, when received.
    pub report: Option<String>,
    /// The approved plan that makes the season due, when the cluster was not in
    /// implementation during it: (plan id, its file).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "plan_id")]
    pub plan: Option<(String, String)>,
    #[serde(flatten)]
    pub state: SeasonState,
}

fn plan_id<S: serde::Serializer>(p: &Option<(String, String)>, s: S) -> Result<S::Ok, S::Error> {
    match p {
        Some((id, _)) => s.serialize_str(id),
        None => s.serialize_none(),
    }
}

impl Season {
    /// `1404-Q1`.
    pub fn label(&self) -> String {
        format!("{}-Q{}", self.year, self.quarter)
    }
}

/// A cluster's reporting record.
#[derive(Clone, Debug, Serialize)]
pub struct ClusterSeasons {
    pub cluster: String,
    /// Its file.
    #[serde(skip)]
    pub path: String,
    /// The first day reports were owed from: the first F13 step, or the day an approved
    /// plan came into force ([`reporting_periods`]).
    pub since: JDate,
    pub seasons: Vec<Season>,
}

impl ClusterSeasons {
    pub fn count(&self, f: impl Fn(&SeasonState) -> bool) -> usize {
        self.seasons.iter().filter(|s| f(&s.state)).count()
    }
    /// Reports on time over seasons settled (due or received); `None` when none is.
    pub fn on_time_rate(&self) -> Option<f64> {
        on_time_rate(std::slice::from_ref(self))
    }
}

/// Reports on time over seasons settled (deadline passed, or report received), across
/// `clusters`: a cluster's rate, or a province's when given all of them.
pub fn on_time_rate(clusters: &[ClusterSeasons]) -> Option<f64> {
    let (mut on_time, mut settled) = (0usize, 0usize);
    for s in clusters.iter().flat_map(|c| &c.seasons) {
        match s.state {
            SeasonState::OnTime { .. } => {
                on_time += 1;
                settled += 1;
            }
            SeasonState::Late { .. } | SeasonState::Missing { .. } => settled += 1,
            SeasonState::Pending => {}
        }
    }
    (settled > 0).then(|| on_time as f64 / settled as f64)
}

/// The first day of the season after (year, quarter).
fn next_season(year: u16, quarter: u8) -> (u16, u8) {
    if quarter == 4 {
        (year + 1, 1)
    } else {
        (year, quarter + 1)
    }
}

/// A reporting period: its start, its end (`None`: open) and the plan behind it (id, file).
pub type Period<'c> = (JDate, Option<JDate>, Option<(&'c str, &'c str)>);

/// The periods a cluster owes quarterly reports for (R-REP-1): from its first
/// implementation step (F13) on, and while an approved action plan of it is in force
/// (from the later of its start and the approving decision's meeting to its end), whatever
/// the cluster's stage: seed 002 has "the CDA and the executors of approved plans" report.
/// `None` as the end is open.
/// Each period comes with the plan behind it (`None` for implementation): (id, file).
pub fn reporting_periods<'c>(ctx: &Context<'c>, c: &Cluster) -> Vec<Period<'c>> {
    let mut periods = Vec::new();
    if let Some(first) = c.stages.iter().find(|s| s.stage.in_implementation()) {
        periods.push((first.date, None, None));
    }
    for (path, plan) in ctx.plans().filter(|(_, p)| p.cluster == c.id) {
        let Some(approval) = plan
            .approved_by
            .as_deref()
            .and_then(|d| ctx.decision(d))
            .and_then(|(_, d)| ctx.meeting(&d.meeting))
            .map(|(_, m)| m.date)
        else {
            continue;
        };
        let from = plan.start.max(approval);
        if from <= plan.end {
            periods.push((from, Some(plan.end), Some((plan.id.as_str(), path))));
        }
    }
    periods
}

/// The seasons `c` owed a report for, up to the season holding `ctx.as_of`: every season
/// that overlaps one of its [`reporting_periods`].
pub fn cluster_seasons(ctx: &Context<'_>, path: &str, c: &Cluster) -> Option<ClusterSeasons> {
    let today = ctx.as_of;
    let periods = reporting_periods(ctx, c);
    let since = periods
        .iter()
        .map(|(from, _, _)| *from)
        .filter(|from| *from <= today)
        .min()?;
    // Whether the season is due and, when only a plan makes it so, that plan.
    let owed = |y: u16, q: u8| {
        let (start, end) = (JDate::quarter_start(y, q), JDate::quarter_end(y, q));
        let mut by: Vec<_> = periods
            .iter()
            .filter(|(from, to, _)| *from <= end && to.is_none_or(|to| start <= to))
            .map(|(_, _, plan)| *plan)
            .collect();
        by.sort(); // implementation (`None`) first
        by.first()
            .map(|p| p.map(|(id, path)| (id.to_string(), path.to_string())))
    };
    let grace = i64::from(ctx.config.report_grace_days);
    let mut reports: Vec<_> = ctx
        .reports()
        .filter(|(_, r)| r.cluster == c.id)
        .map(|(_, r)| r)
        .collect();
    reports.sort_by_key(|r| (r.received_on, r.id.as_str()));
    let mut seasons = Vec::new();
    let (mut y, mut q) = (since.year(), since.quarter());
    while JDate::quarter_start(y, q) <= today {
        let Some(plan) = owed(y, q) else {
            (y, q) = next_season(y, q);
            continue;
        };
        let deadline = JDate::quarter_end(y, q).add_days(grace);
        let got = reports
            .iter()
            .find(|r| r.year == y && r.quarter == q && r.received_on <= today);
        let state = match got {
            Some(r) if r.received_on <= deadline => SeasonState::OnTime {
                received_on: r.received_on,
            },
            Some(r) => SeasonState::Late {
                received_on: r.received_on,
                days_late: deadline.days_until(r.received_on),
            },
            None if deadline < today => SeasonState::Missing {
                days_overdue: deadline.days_until(today),
            },
            None => SeasonState::Pending,
        };
        seasons.push(Season {
            year: y,
            quarter: q,
            deadline,
            report: got.map(|r| r.id.clone()),
            plan,
            state,
        });
        (y, q) = next_season(y, q);
    }
    Some(ClusterSeasons {
        cluster: c.id.clone(),
        path: path.to_string(),
        since,
        seasons,
    })
}

/// Every cluster's reporting record, in path order.
pub fn seasons(ctx: &Context<'_>) -> Vec<ClusterSeasons> {
    ctx.clusters()
        .filter_map(|(p, c)| cluster_seasons(ctx, p, c))
        .collect()
}

pub fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    reports_due(ctx, out);
    for (path, r) in ctx.reports() {
        report_dates(ctx, path, r, out);
    }
    for (path, rv) in ctx.reviews() {
        review(ctx, path, rv, out);
    }
}

/// R-REP-1: every season of a cluster in implementation has its report, in time.
fn reports_due(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let grace = ctx.config.report_grace_days;
    for cs in seasons(ctx) {
        let id = &cs.cluster;
        let since = cs.since;
        for s in &cs.seasons {
            let (label, deadline) = (s.label(), s.deadline);
            match s.state {
                // A report that could not be read may be this one.
                SeasonState::Missing { .. } if ctx.any_unreadable(Kind::Report) => {}
                // Due only by an approved plan: found on the plan, which made it due
                // (so registering the plan is not refused for it).
                SeasonState::Missing { days_overdue } if s.plan.is_some() => {
                    let (plan, ppath) = s.plan.as_ref().expect("checked");
                    let mut f = ctx.finding(rule!("R-REP-1"), ppath, "/approved_by", plan, tr!(
                        "no quarterly report of `{id}` for {label}: due by {deadline} (season end + {grace} days), {days_overdue} days overdue; the approved plan `{plan}` in force then makes it due",
                        "گزارش سه‌ماهه خوشه «{id}» برای فصل {label} نرسیده است: مهلت {deadline} (پایان فصل + {grace} روز) بود و {days_overdue} روز گذشته است؛ برنامه عمل مصوب «{plan}» که آن زمان در جریان بود آن را لازم می‌کند"
                    ));
                    f.severity = Severity::Error;
                    out.push(f);
                }
                SeasonState::Missing { days_overdue } => {
                    let mut f = ctx.finding(rule!("R-REP-1"), &cs.path, "/id", id, tr!(
                        "no quarterly report for {label}: due by {deadline} (season end + {grace} days), {days_overdue} days overdue; the cluster is in implementation since {since}",
                        "گزارش سه‌ماهه فصل {label} نرسیده است: مهلت {deadline} (پایان فصل + {grace} روز) بود و {days_overdue} روز گذشته است؛ خوشه از {since} در اجراست"
                    ));
                    f.severity = Severity::Error;
                    out.push(f);
                }
                SeasonState::Late {
                    received_on,
                    days_late,
                } => {
                    if let Some(rid) = &s.report
                        && let Some((rp, _)) = ctx.report(rid)
                    {
                        let mut f = ctx.finding(rule!("R-REP-1"), rp, "/received_on", rid, tr!(
                            "the report for {label} was received on {received_on}, {days_late} days after its deadline {deadline}",
                            "گزارش فصل {label} در {received_on} رسیده، {days_late} روز پس از مهلت {deadline}"
                        ));
                        f.severity = Severity::Warning;
                        out.push(f);
                    }
                }
                _ => {}
            }
        }
    }
}

/// R-REP-1: a report's year and quarter agree with its id, and it is received once its
/// season has begun.
fn report_dates(ctx: &Context<'_>, path: &str, r: &Report, out: &mut Vec<Finding>) {
    let id = &r.id;
    let (y, q) = (r.year, r.quarter);
    if let Some(iy) = crate::model::id::year_of(id)
        && iy != y
    {
        out.push(ctx.finding(
            rule!("R-REP-1"),
            path,
            "/year",
            id,
            tr!(
                "the report's year is {y}, but its id says {iy}",
                "سال گزارش {y} است ولی شناسه آن {iy} را نشان می‌دهد"
            ),
        ));
    }
    if let Some(iq) = quarter_in_id(id)
        && iq != q
    {
        out.push(ctx.finding(
            rule!("R-REP-1"),
            path,
            "/quarter",
            id,
            tr!(
                "the report's quarter is {q}, but its id says Q{iq}",
                "فصل گزارش {q} است ولی شناسه آن فصل {iq} را نشان می‌دهد"
            ),
        ));
    }
    if (1..=4).contains(&q) && JDate::new(y, 1, 1).is_some() {
        let start = JDate::quarter_start(y, q);
        if r.received_on < start {
            let d = r.received_on;
            out.push(ctx.finding(rule!("R-REP-1"), path, "/received_on", id, tr!(
                "the report for {y}-Q{q} is received on {d}, before its season starts ({start})",
                "گزارش فصل {q} سال {y} در {d} دریافت شده، پیش از آغاز آن فصل ({start})"
            )));
        }
    }
}

/// R-REP-2: a supervisor's review is by the cluster's supervisor on its date, and sent to
/// a committee.
fn review(ctx: &Context<'_>, path: &str, rv: &Review, out: &mut Vec<Finding>) {
    let id = &rv.id;
    if let Some((_, c)) = ctx.cluster(&rv.cluster) {
        let ok = c
            .supervisors
            .iter()
            .any(|a| a.person == rv.supervisor && a.current_on(rv.date));
        if !ok {
            let (s, d, cl) = (&rv.supervisor, rv.date, &rv.cluster);
            out.push(ctx.finding(
                rule!("R-REP-2"),
                path,
                "/supervisor",
                id,
                tr!(
                    "{s} was not the supervisor of {cl} on {d}",
                    "{s} در {d} ناظر خوشه {cl} نبوده است"
                ),
            ));
        }
    }
    if rv.sent_to.is_empty() {
        out.push(ctx.finding(
            rule!("R-REP-2"),
            path,
            "/sent_to",
            id,
            tr!(
                "the review is not sent to any committee (sent_to is empty)",
                "گزارش ناظر به هیچ کمیته‌ای فرستاده نشده است (sent_to خالی است)"
            ),
        ));
    }
}

/// The quarter an id names: a `Q1`..`Q4` part, or a single digit 1-4 right after the year.
fn quarter_in_id(id: &str) -> Option<u8> {
    let parts: Vec<&str> = id.split('-').collect();
    for (i, p) in parts.iter().enumerate() {
        if let Some(d) = p.strip_prefix('Q')
            && d.len() == 1
            && let Ok(n) = d.parse::<u8>()
        {
            return Some(n);
        }
        if p.len() == 4
            && p.parse::<u16>().is_ok_and(|y| (1200..=1700).contains(&y))
            && let Some(next) = parts.get(i + 1)
            && next.len() == 1
            && let Ok(n) = next.parse::<u8>()
        {
            return Some(n);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::Kind;
    use crate::rules::money::tests::findings_of;

    const CLUSTER: &str = "id: ESF-CL-1\nname: خوشه\nproduct: گلاب\ncounty: کاشان\nstages:\n  - {stage: F13, date: 1403-08-01, evidence: {issuer: ESF-B-SHAHRAK}}\n";

    fn report(year: u16, q: u8, received: &str) -> String {
        format!(
            "id: ESF-RP-1-{year}-Q{q}\ncluster: ESF-CL-1\nyear: {year}\nquarter: {q}\nreporter: ESF-P-1\nreceived_on: {received}\n"
        )
    }

    #[test]
    fn seasons_on_time_late_missing() {
        // Implementation from 1403-08-01 (season 3); as of 1404-05-15 the seasons are
        // 1403-Q3 (on time), 1403-Q4 (late), 1404-Q1 (missing: due 1404-04-30), 1404-Q2 (pending).
        let (a, b) = (report(1403, 3, "1403-10-20"), report(1403, 4, "1404-02-15"));
        let recs = [
            (Kind::Cluster, "clusters/ESF-CL-1.yaml", CLUSTER),
            (
                Kind::Report,
                "reports/1403/ESF-RP-1-1403-Q3.yaml",
                a.as_str(),
            ),
            (
                Kind::Report,
                "reports/1403/ESF-RP-1-1403-Q4.yaml",
                b.as_str(),
            ),
        ];
        let mut got: Vec<(&str, String)> = findings_of(run, &recs, "1404-05-15")
            .into_iter()
            .map(|(r, p, _)| (r, p))
            .collect();
        got.sort();
        assert_eq!(
            got,
            [
                ("R-REP-1", "/id".to_string()),
                ("R-REP-1", "/received_on".to_string())
            ]
        );
    }

    #[test]
    fn an_approved_plan_in_force_makes_reports_due_whatever_the_stage() {
        // The cluster is only at F9-2; its plan, approved at a meeting on 1403-06-10, runs
        // from 1403-07-01 to 1404-03-31. As of 1404-09-15 the seasons 1403-Q3 .. 1404-Q1
        // are due (none received); 1404-Q2 onwards is after the plan's end.
        let cluster = "id: ESF-CL-1\nname: خوشه\nproduct: گلاب\ncounty: کاشان\nstages:\n  - {stage: F9-2, date: 1403-05-01, evidence: {issuer: ESF-B-SHAHRAK}}\n";
        let meeting = "id: ESF-WG-1403-01\ncommittee: ESF-WG\ndate: 1403-06-10\nstate: held\n";
        let decision = "id: ESF-WG-1403-01-D1\nmeeting: ESF-WG-1403-01\ntext: تصویب برنامه\nresponsible: [ESF-B-SHAHRAK]\nstatus: open\n";
        let plan = |approved: &str| {
            format!(
                "id: ESF-PL-1\ncluster: ESF-CL-1\ntitle: برنامه\n{approved}start: 1403-07-01\nend: 1404-03-31\nactivities:\n  - {{id: A1, title: کار, responsible: [ESF-B-SHAHRAK], start: 1403-07-01, end: 1404-03-31}}\n"
            )
        };
        let (approved, draft) = (plan("approved_by: ESF-WG-1403-01-D1\n"), plan(""));
        let run_with = |plan: &str| {
            let recs = [
                (Kind::Cluster, "clusters/ESF-CL-1.yaml", cluster),
                (Kind::Meeting, "meetings/1403/ESF-WG-1403-01.yaml", meeting),
                (
                    Kind::Decision,
                    "decisions/1403/ESF-WG-1403-01-D1.yaml",
                    decision,
                ),
                (Kind::Plan, "plans/ESF-PL-1.yaml", plan),
            ];
            findings_of(run, &recs, "1404-09-15")
                .into_iter()
                .map(|(r, _, m)| (r, m))
                .collect::<Vec<_>>()
        };
        let got = run_with(&approved);
        let seasons: Vec<bool> = ["1403-Q3", "1403-Q4", "1404-Q1", "1404-Q2"]
            .iter()
            .map(|s| got.iter().any(|(_, m)| m.contains(&format!("for {s}:"))))
            .collect();
        assert!(
            got.iter()
                .all(|(_, m)| m.contains("the approved plan `ESF-PL-1`")),
            "{got:?}"
        );
        assert_eq!(seasons, [true, true, true, false], "{got:?}");
        assert!(got.iter().all(|(r, _)| *r == "R-REP-1"));
        assert_eq!(
            run_with(&draft),
            [],
            "a plan nobody approved makes nothing due"
        );
    }

    #[test]
    fn quarter_from_id() {
        assert_eq!(quarter_in_id("ESF-RP-GOLAB-1403-Q2"), Some(2));
        assert_eq!(quarter_in_id("ESF-RP-GOLAB-1403-3"), Some(3));
        assert_eq!(quarter_in_id("ESF-RP-1403-012"), None);
    }
}
