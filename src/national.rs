//! The national roll-up: the national office's repository holds every province as a git
//! remote (`dabir national add KHR <url>`), fetches them with the `git` program, and
//! reads each province's latest records straight from git objects (no checkouts).
//!
//! A province is a remote whose name is a province code (`KHR`); its records are those
//! of `refs/remotes/<CODE>/main` (or `master`). Each province is checked as `check` checks
//! it (the same loader and rules, `--rev` style), and rolled up into the figures the
//! national office follows: meetings held against the two a year (R-MTG-1), overdue
//! decisions, minutes not copied to ISIPO (R-MTG-5), quarterly reports received per
//! season, clusters per lifecycle stage, budget approved / allocated / paid per funder,
//! supervision gaps (R-SUP-1) and disputes waiting at the national step.
//!
//! A province's result is cached in the national repository's git directory under the
//! tree id of its records, the date and the build: a province that did not change since
//! the last roll-up is not read again. A province that changed is checked with the check
//! cache of its own (`.git/dabir/national/<CODE>/`), whose records are keyed by blob id:
//! only the records that changed are parsed again.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use git2::{Oid, Repository};
use serde::{Deserialize, Serialize};

use crate::cachefile::{load_versioned, save_versioned};
use crate::check::{self, cache::CheckCache};
use crate::diag::{Finding, Severity, Summary};
use crate::model::plan::MoneyStepKind;
use crate::model::programme::Season;
use crate::model::{JDate, Record};
use crate::repo::{self, RepoError};
use crate::rules::history::History;

/// The branches a province's records are read from, in order of preference.
const BRANCHES: [&str; 2] = ["main", "master"];

/// One province as the national repository knows it.
#[derive(Clone, Debug, Serialize)]
pub struct Province {
    pub code: String,
    pub url: String,
    /// The ref its records are read from, when fetched.
    pub branch: Option<String>,
    pub head: Option<String>,
    /// The committer time of its latest commit (Unix seconds).
    #[serde(skip)]
    pub last_commit: Option<i64>,
}

/// Whether a remote name is a province code (upper-case ASCII letters, 2 to 4).
pub fn is_code(name: &str) -> bool {
    (2..=4).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_uppercase())
}

/// The provinces of the national repository at `dir`, by code.
pub fn provinces(repo: &Repository) -> Result<Vec<Province>, git2::Error> {
    let mut out = Vec::new();
    let remotes = repo.remotes()?;
    // The URLs as configured, from one snapshot of the config (`find_remote` reads the
    // whole config again for each remote).
    let config = repo.config()?.snapshot()?;
    for name in remotes.iter().flatten().flatten() {
        if !is_code(name) {
            continue;
        }
        let url = config
            .get_string(&format!("remote.{name}.url"))
            .unwrap_or_default();
        let found = BRANCHES.iter().find_map(|b| {
            let r = format!("refs/remotes/{name}/{b}");
            repo.refname_to_id(&r).ok().map(|id| (r, id))
        });
        let (branch, head, last_commit) = match found {
            Some((r, id)) => {
                let time = repo.find_commit(id)?.committer().when().seconds();
                (Some(r), Some(id.to_string()), Some(time))
            }
            None => (None, None, None),
        };
        out.push(Province {
            code: name.to_string(),
            url,
            branch,
            head,
            last_commit,
        });
    }
    out.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(out)
}

/// The figures of one province the national office follows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Rollup {
    /// Meetings of the provincial committee held in the year of the date.
    pub meetings_held: u32,
    pub decisions_open: u32,
    pub decisions_overdue: u32,
    /// Approved minutes of the provincial committee whose copy to ISIPO is late (R-MTG-5).
    pub minutes_without_isipo_copy: u32,
    /// Quarterly reports received for each season (1-4) of the year.
    pub reports_per_season: [u32; 4],
    /// Clusters per lifecycle stage code (`F3`...), and those with no stage yet.
    pub clusters_per_stage: BTreeMap<String, u32>,
    /// Per funder: approved, allocated, paid (rials).
    pub budget_per_funder: BTreeMap<String, [u64; 3]>,
    pub supervision_gaps: u32,
    pub disputes_at_national_step: u32,
    /// The province's figures on the annual programme: (programme, axis, season,
    /// cumulative value), as its progress records hold them. Not summed: the brief
    /// reads them per province against the national programme.
    #[serde(default)]
    pub programme_progress: Vec<(String, u16, Season, u64)>,
}

impl Rollup {
    /// Add another province's figures to these.
    pub fn add(&mut self, o: &Rollup) {
        self.meetings_held += o.meetings_held;
        self.decisions_open += o.decisions_open;
        self.decisions_overdue += o.decisions_overdue;
        self.minutes_without_isipo_copy += o.minutes_without_isipo_copy;
        for (a, b) in self.reports_per_season.iter_mut().zip(o.reports_per_season) {
            *a += b;
        }
        for (k, v) in &o.clusters_per_stage {
            *self.clusters_per_stage.entry(k.clone()).or_default() += v;
        }
        for (k, v) in &o.budget_per_funder {
            let e = self.budget_per_funder.entry(k.clone()).or_default();
            for (a, b) in e.iter_mut().zip(v) {
                *a += b;
            }
        }
        self.supervision_gaps += o.supervision_gaps;
        self.disputes_at_national_step += o.disputes_at_national_step;
    }

    fn of(
        records: &[(String, Record)],
        findings: &[Finding],
        config: &crate::model::Config,
        as_of: JDate,
    ) -> Rollup {
        let mut r = Rollup::default();
        let provincial: Vec<&str> = records
            .iter()
            .filter_map(|(_, rec)| match rec {
                Record::Committee(c)
                    if c.kind == crate::model::committee::CommitteeKind::Provincial =>
                {
                    Some(c.id.as_str())
                }
                _ => None,
            })
            .collect();
        for (_, rec) in records {
            match rec {
                Record::Meeting(m) => {
                    let held = m.state == crate::model::meeting::MeetingState::Held;
                    if held
                        && m.date.year() == as_of.year()
                        && m.date <= as_of
                        && provincial.contains(&m.committee.as_str())
                    {
                        r.meetings_held += 1;
                    }
                    if held
                        && provincial.contains(&m.committee.as_str())
                        && m.isipo_copy_late(config.dispatch_days, as_of)
                    {
                        r.minutes_without_isipo_copy += 1;
                    }
                }
                Record::Decision(d) => {
                    if d.status != crate::model::decision::DecisionStatus::Done {
                        r.decisions_open += 1;
                    }
                    if d.overdue_on(as_of) {
                        r.decisions_overdue += 1;
                    }
                }
                Record::Report(q) if q.year == as_of.year() && (1..=4).contains(&q.quarter) => {
                    r.reports_per_season[usize::from(q.quarter - 1)] += 1;
                }
                Record::Cluster(c) => {
                    let stage = c.stage().map_or("-", |s| s.code()).to_string();
                    *r.clusters_per_stage.entry(stage).or_default() += 1;
                }
                Record::Plan(p) => {
                    for line in &p.lines {
                        let e = r.budget_per_funder.entry(line.funder.clone()).or_default();
                        e[0] += p.current_amount(line);
                        for step in &line.trail {
                            match step.step {
                                MoneyStepKind::Allocated => e[1] += step.amount,
                                MoneyStepKind::Paid => e[2] += step.amount,
                                _ => {}
                            }
                        }
                    }
                }
                Record::Progress(g) => {
                    for e in &g.entries {
                        r.programme_progress
                            .push((g.programme.clone(), e.axis, e.season, e.value));
                    }
                }
                Record::Dispute(d)
                    if d.status == crate::model::dispute::DisputeStatus::Open
                        && d.national.as_ref().is_some_and(|s| s.outcome.is_none()) =>
                {
                    r.disputes_at_national_step += 1;
                }
                _ => {}
            }
        }
        r.supervision_gaps = findings.iter().filter(|f| f.rule == "R-SUP-1").count() as u32;
        r
    }
}

/// One province checked and rolled up.
#[derive(Clone, Debug, Serialize)]
pub struct ProvinceResult {
    pub code: String,
    pub head: Option<String>,
    /// Days since its latest commit, on the date of the roll-up.
    pub days_since_sync: Option<i64>,
    /// Findings, their files prefixed with the province code (`KHR/people/...`).
    pub findings: Vec<Finding>,
    pub summary: Summary,
    pub rollup: Rollup,
    /// Whether this came from the cache.
    #[serde(skip)]
    pub cached: bool,
}

/// What the roll-up needs besides the repository.
pub struct Options {
    pub as_of: JDate,
    /// Only these provinces (all when empty).
    pub only: Vec<String>,
    /// A province whose latest commit is older than this is itself a finding.
    pub stale_days: i64,
    /// Read and write the per-province cache.
    pub cache: bool,
}

/// Check and roll up `provinces` (as [`provinces`] lists them) of the national
/// repository `repo`, whose work tree is `root`.
pub fn rollup(
    repo: &Repository,
    root: &Path,
    provinces: Vec<Province>,
    opts: &Options,
) -> Result<Vec<ProvinceResult>, RepoError> {
    let cache_dir = repo.path().join("dabir").join("national");
    let mut out = Vec::new();
    for p in provinces {
        if !opts.only.is_empty() && !opts.only.contains(&p.code) {
            continue;
        }
        out.push(province(repo, root, &p, opts, &cache_dir)?);
    }
    Ok(out)
}

/// What is cached of a province, under its key.
#[derive(Serialize, Deserialize)]
struct Cached {
    key: u64,
    files: usize,
    rollup: Rollup,
}

fn province(
    repo: &Repository,
    root: &Path,
    p: &Province,
    opts: &Options,
    cache_dir: &Path,
) -> Result<ProvinceResult, RepoError> {
    let days = p.last_commit.map(|t| days_between(t, opts.as_of));
    let Some(branch) = &p.branch else {
        let code = &p.code;
        let f = Finding::error(
            "R-NAT-1",
            format!("{code}/"),
            crate::diag::Anchor::File,
            crate::tr!(
                "province {code} has never been fetched: run `dabir national fetch`",
                "استان {code} هرگز دریافت نشده است: `dabir national fetch` را اجرا کنید"
            ),
        );
        return Ok(result(p, None, vec![f], 0, Rollup::default(), false));
    };
    let head = Oid::from_str(p.head.as_deref().unwrap_or_default())?;
    let tree = repo.find_commit(head)?.tree_id();
    // The cache files carry the build's fingerprint, so a hash of this build is enough.
    let key = {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        (tree.as_bytes(), head.as_bytes(), opts.as_of.to_string()).hash(&mut h);
        h.finish()
    };
    let findings_cache = CheckCache::new(cache_dir.to_path_buf());
    let rollup_file = cache_dir.join(format!("{}.rollup", p.code));
    if opts.cache {
        let cached = load_versioned::<Cached>(&rollup_file).filter(|c| c.key == key);
        if let (Some(c), Some(found)) = (cached, findings_cache.findings(&p.code, key)) {
            let mut found = found;
            follow_up(repo, p, days, opts, &mut found);
            return Ok(result(p, days, found, c.files, c.rollup, true));
        }
    }
    let source = repo::rev::GitRev::open(root, branch)?;
    let history = History::open(root, Some(branch))
        .map_err(|e| RepoError::NotFound(PathBuf::from(format!("{branch}: {e}"))))?;
    // Its records keyed by blob id (`GitRev`'s fingerprints), in a folder of its own: a
    // province that changed one record since is parsed only there.
    let records_cache = CheckCache::new(cache_dir.join(&p.code));
    let (outcome, records) = check::run_keeping(
        &source,
        check::Options {
            as_of: opts.as_of,
            history: history.as_ref(),
            domain_rules: true,
            cache: opts.cache.then_some(&records_cache),
        },
    )?;
    // The national registry a province keeps a copy of (`NAT-` ids, `dabir national
    // vendor`, `dabir programme adopt`) is the national office's, not the province's:
    // neither counted nor rolled up.
    let records: Vec<(String, Record)> = records
        .into_iter()
        .filter(|(_, r)| crate::model::id::province_of(r.id()) != check::NATIONAL)
        .collect();
    let files = records.len();
    let rollup = Rollup::of(&records, &outcome.findings, &outcome.config, opts.as_of);
    drop(records);
    let mut findings: Vec<Finding> = outcome
        .findings
        .into_iter()
        .map(|mut f| {
            f.file = format!("{}/{}", p.code, f.file);
            f
        })
        .collect();
    if opts.cache {
        findings_cache.save_findings(&p.code, key, &findings);
        let _ = save_versioned(
            &rollup_file,
            &Cached {
                key,
                files,
                rollup: rollup.clone(),
            },
        );
    }
    follow_up(repo, p, days, opts, &mut findings);
    Ok(result(p, days, findings, files, rollup, false))
}

fn result(
    p: &Province,
    days: Option<i64>,
    findings: Vec<Finding>,
    files: usize,
    rollup: Rollup,
    cached: bool,
) -> ProvinceResult {
    ProvinceResult {
        code: p.code.clone(),
        head: p.head.clone(),
        days_since_sync: days,
        summary: Summary::of(files, &findings),
        findings,
        rollup,
        cached,
    }
}

/// The findings about a province's syncing itself, never cached: R-NAT-1 and R-NAT-2.
fn follow_up(
    repo: &Repository,
    p: &Province,
    days: Option<i64>,
    opts: &Options,
    out: &mut Vec<Finding>,
) {
    stale(p, days, opts, out);
    let (Some(branch), Some(head)) = (&p.branch, &p.head) else {
        return;
    };
    let Some(cp) = Oid::from_str(head)
        .ok()
        .and_then(|head| lost_countersign(repo, branch, head))
    else {
        return;
    };
    let (code, n, date, short) = (&p.code, cp.n, cp.date, &cp.commit[..10]);
    out.push(
        Finding::error(
            "R-NAT-2",
            format!("{code}/"),
            crate::diag::Anchor::File,
            crate::tr!(
                "province {code} rewrote history the national office countersigned: its fetched head no longer contains {short} (countersigned on {date}, checkpoint {n})",
                "استان {code} تاریخچه‌ای را که دفتر ملی تأیید و امضا کرده بازنویسی کرده است: سر دریافت‌شده آن دیگر {short} را در بر ندارد (امضای تأیید در {date}، نقطه وارسی {n})"
            ),
        )
        .commit(cp.commit.clone())
        .help(crate::tr!(
            "the countersigned history is kept at refs/dabir/seen/{code}; compare it with the province's (`git log refs/dabir/seen/{code}..{branch}`) and ask its secretariat why it was rewritten",
            "تاریخچه تأییدشده در refs/dabir/seen/{code} نگه داشته شده است؛ آن را با تاریخچه استان بسنجید (`git log refs/dabir/seen/{code}..{branch}`) و علت بازنویسی را از دبیرخانه استان بپرسید"
        )),
    );
}

/// The latest checkpoint the national office countersigned for a province's `branch`, if
/// `head` no longer contains it (R-NAT-2): a province may add to what the nation has
/// seen, never rewrite it.
pub fn lost_countersign(
    repo: &Repository,
    branch: &str,
    head: Oid,
) -> Option<crate::audit::checkpoint::Checkpoint> {
    let cp = crate::audit::checkpoint::latest(repo, branch)?;
    let seen = Oid::from_str(&cp.commit).ok()?;
    let kept = head == seen || repo.graph_descendant_of(head, seen).unwrap_or(false);
    (!kept).then_some(cp)
}

/// R-NAT-1: a province that has not synced for longer than allowed.
fn stale(p: &Province, days: Option<i64>, opts: &Options, out: &mut Vec<Finding>) {
    let Some(days) = days.filter(|d| *d > opts.stale_days) else {
        return;
    };
    let (code, limit) = (&p.code, opts.stale_days);
    out.push(
        Finding::new(
            "R-NAT-1",
            Severity::Warning,
            format!("{code}/"),
            crate::diag::Anchor::File,
            crate::tr!(
                "province {code} has not synced for {days} days (allowed: {limit})",
                "استان {code} {days} روز است همگام نشده است (مجاز: {limit})"
            ),
        )
        .help(crate::tr!(
            "ask the province's secretariat to run `dabir sync`, then `dabir national fetch`",
            "از دبیرخانه استان بخواهید `dabir sync` را اجرا کند، سپس `dabir national fetch`"
        )),
    );
}

/// Whole days from a Unix time (as a day in Iran) to a Solar Hijri date.
fn days_between(unix: i64, as_of: JDate) -> i64 {
    let (y, m, d) = as_of.to_gregorian();
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("a date");
    let to = chrono::NaiveDate::from_ymd_opt(y, u32::from(m), u32::from(d))
        .map_or(0, |t| (t - epoch).num_days());
    to - (unix + 3 * 3600 + 1800).div_euclid(86_400)
}

/// One axis of the annual programme across the provinces, for a season.
#[derive(Clone, Debug, Serialize)]
pub struct AxisBrief {
    pub number: u16,
    pub title: String,
    pub responsible: String,
    pub unit: String,
    pub target: Option<u64>,
    /// Each province's cumulative figure at the end of the season (its latest up to it);
    /// provinces with none are absent.
    pub provinces: BTreeMap<String, u64>,
    pub total: u64,
}

/// The annual programme's progress per axis and per province, for one season.
#[derive(Clone, Debug, Serialize)]
pub struct ProgrammeBrief {
    pub programme: String,
    pub title: String,
    pub season: Season,
    pub axes: Vec<AxisBrief>,
    /// Provinces with no figure on any axis for the season itself.
    pub not_reported: Vec<String>,
}

impl ProgrammeBrief {
    /// The programme's progress in `results` up to the end of `season`.
    pub fn of(
        programme: &crate::model::Programme,
        season: Season,
        results: &[ProvinceResult],
    ) -> ProgrammeBrief {
        let mut axes: Vec<AxisBrief> = programme
            .axes
            .iter()
            .map(|a| AxisBrief {
                number: a.number,
                title: a.title.clone(),
                responsible: a.responsible.clone(),
                unit: a.unit.clone(),
                target: a.target,
                provinces: BTreeMap::new(),
                total: 0,
            })
            .collect();
        let mut not_reported = Vec::new();
        for r in results {
            let mine = r
                .rollup
                .programme_progress
                .iter()
                .filter(|(p, ..)| *p == programme.id);
            let mut latest: BTreeMap<u16, (Season, u64)> = BTreeMap::new();
            let mut reported = false;
            for (_, axis, s, v) in mine.filter(|(_, _, s, _)| *s <= season) {
                reported |= *s == season;
                let slot = latest.entry(*axis).or_insert((*s, *v));
                if *s >= slot.0 {
                    *slot = (*s, *v);
                }
            }
            if !reported {
                not_reported.push(r.code.clone());
            }
            for a in &mut axes {
                if let Some((_, v)) = latest.get(&a.number) {
                    a.provinces.insert(r.code.clone(), *v);
                    a.total += v;
                }
            }
        }
        ProgrammeBrief {
            programme: programme.id.clone(),
            title: programme.title.clone(),
            season,
            axes,
            not_reported,
        }
    }
}
