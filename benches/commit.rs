//! The write-path benchmark (issue 4): `cargo bench --bench commit`.
//!
//! 1. Recording one decision dispatch as a whole `dabir` process, validation included,
//!    against `git add F && git commit` on the same repository, in alternating pairs:
//!    a 5,000-record province repository, and a 100,000-file national one (31 provinces;
//!    a write loads only its own province). Target: at most 2x git.
//! 2. `dabir log <ID>` against `git log --oneline -- FILE` on a 10,000-commit province
//!    repository (target: at most 50 ms) and, unless `DABIR_BENCH_300K=0`, on a
//!    300,000-commit national one made with `git fast-import` (target: at most 1.5x git
//!    with a changed-path commit-graph; dabir writes that graph on its first `log`).
//!
//! Every figure is the median of alternating pairs (default 15, `DABIR_BENCH_PAIRS`);
//! the ratio is the median of the per-pair ratios, which holds when the machine's speed
//! drifts (performance.md, "Timing"). Repositories are generated with the model types and
//! dabir's own YAML writer under `target/bench-repos/` and reused by later runs.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use dabir::model::body::{Body, BodyCategory};
use dabir::model::cluster::{Cluster, Stage, StageStep};
use dabir::model::committee::{Committee, CommitteeKind, Membership, QuorumRule, Role};
use dabir::model::decision::{Decision, DecisionStatus, Dispatch, Followup, FollowupKind};
use dabir::model::meeting::{Agenda, AgendaItem, Attendee, Meeting, MeetingState, Minutes};
use dabir::model::plan::{Activity, BudgetLine, CostKind, MoneyStep, MoneyStepKind, Plan};
use dabir::model::report::{Progress, Report};
use dabir::model::{Config, Evidence, JDate, Letter, Person, Record};
use dabir::store::write;

const PROVINCES: [&str; 31] = [
    "ESF", "THR", "KHR", "FRS", "AZS", "AZG", "ARD", "ALB", "BSH", "CHB", "GLS", "GIL", "HMD",
    "HRM", "ILM", "KRN", "KRM", "KHS", "KHN", "KHZ", "KBD", "KRD", "LRS", "MZN", "MKZ", "QZV",
    "QOM", "SMN", "SIS", "YZD", "ZJN",
];

const TEXT: &str = "بررسی پیشرفت برنامه عمل خوشه و گزارش عامل توسعه خوشه درباره آموزش، بازاریابی، حضور در نمایشگاه‌های خارجی و تأمین مالی بنگاه‌های عضو؛ مقرر شد دستگاه‌های مسئول گزارش اقدامات خود را در مهلت مقرر به دبیرخانه ارسال کنند.";

fn d(y: u16, m: u8, day: u8) -> JDate {
    JDate::new(y, m, day).expect("a valid date")
}

/// About `n` valid records of province `p`; decisions of the last year are undispatched.
fn province(p: &str, n: usize) -> Vec<Record> {
    let mut out = Vec::with_capacity(n + 64);
    let bodies = [
        ("GOV", BodyCategory::Governorate),
        ("SHT", BodyCategory::IndustrialEstates),
        ("SMT", BodyCategory::IndustryMineTrade),
        ("TAAVON", BodyCategory::CooperativesLabour),
        ("EQT", BodyCategory::EconomyFinance),
        ("JAHAD", BodyCategory::AgricultureJihad),
        ("MIRAS", BodyCategory::HeritageTourism),
        ("OTAGH", BodyCategory::Chamber),
        ("BSM", BodyCategory::BankIndustryMine),
        ("ASNAF", BodyCategory::GuildAssembly),
        ("TPO", BodyCategory::Tpo),
        ("CDA", BodyCategory::Cda),
    ];
    for (b, cat) in bodies {
        out.push(Record::Body(Body {
            id: format!("{p}-B-{b}"),
            name: format!("نهاد {b} استان {p}"),
            category: cat,
            parent: None,
            note: None,
        }));
    }
    for i in 0..40 {
        let body = bodies[i % bodies.len()].0;
        out.push(Record::Person(Person {
            id: format!("{p}-P-{i:03}"),
            name: format!("کارشناس شماره {i}"),
            body: Some(format!("{p}-B-{body}")),
            position: Some("نماینده دستگاه".into()),
        }));
    }
    let memberships = (0..10)
        .map(|i| Membership {
            person: format!("{p}-P-{i:03}"),
            body: format!("{p}-B-{}", bodies[i].0),
            role: match i {
                0 => Role::Chair,
                1 => Role::Secretary,
                _ => Role::Member,
            },
            decree: Some(Letter {
                number: format!("{}/ح", 100 + i),
                date: d(1395, 1, 20),
            }),
            start: d(1395, 1, 20),
            end: None,
            end_reason: None,
            substitute: None,
        })
        .collect();
    out.push(Record::Committee(Committee {
        id: format!("{p}-PC"),
        kind: CommitteeKind::Provincial,
        name: "کمیته استانی توسعه خوشه‌های کسب‌وکار".into(),
        parent: None,
        cluster: None,
        quorum: QuorumRule::Majority,
        memberships,
    }));
    let years: Vec<u16> = (1395..=1404).collect();
    for c in 0..20 {
        out.push(Record::Cluster(Cluster {
            id: format!("{p}-CL-{c:02}"),
            name: format!("خوشه شماره {c}"),
            product: "فرش دستباف".into(),
            county: "کاشان".into(),
            firms: Some(100 + c),
            assessment: None,
            stages: vec![StageStep {
                stage: Stage::F3,
                date: d(1395, 3, 1),
                evidence: Evidence {
                    decision: None,
                    issuer: Some(format!("{p}-B-SMT")),
                    letter: Some(Letter {
                        number: "۱/ت".into(),
                        date: d(1395, 3, 1),
                    }),
                    title: None,
                },
            }],
            cda: vec![],
            ta: vec![],
            supervisors: vec![],
        }));
        for &y in &years {
            out.push(Record::Plan(Plan {
                id: format!("{p}-PL-{c:02}-{y}"),
                cluster: format!("{p}-CL-{c:02}"),
                title: format!("برنامه عمل سال {y}"),
                approved_by: None,
                start: d(y, 1, 1),
                end: d(y, 12, 29),
                activities: (1..=4)
                    .map(|a| Activity {
                        id: format!("A{a}"),
                        title: "آموزش و بازاریابی".into(),
                        responsible: vec![format!("{p}-B-SHT")],
                        start: d(y, 1, 1),
                        end: d(y, 12, 29),
                    })
                    .collect(),
                lines: (1..=4)
                    .map(|l| BudgetLine {
                        id: format!("L{l}"),
                        activity: format!("A{l}"),
                        funder: format!("{p}-B-SHT"),
                        cost: CostKind::Execution,
                        approved: 1_000_000_000,
                        trail: vec![MoneyStep {
                            step: MoneyStepKind::Estimate,
                            amount: 1_000_000_000,
                            date: d(y, 1, 5),
                            letter: None,
                        }],
                    })
                    .collect(),
                revisions: vec![],
            }));
            for q in 1..=4u8 {
                out.push(Record::Report(Report {
                    id: format!("{p}-RP-{c:02}-{y}-{q}"),
                    cluster: format!("{p}-CL-{c:02}"),
                    plan: Some(format!("{p}-PL-{c:02}-{y}")),
                    year: y,
                    quarter: q,
                    reporter: format!("{p}-P-010"),
                    received_on: JDate::quarter_end(y, q).add_days(10),
                    progress: (1..=4)
                        .map(|a| Progress {
                            activity: format!("A{a}"),
                            percent: 25 * q,
                            note: None,
                        })
                        .collect(),
                    bottlenecks: vec!["تأخیر در تخصیص اعتبار".into()],
                }));
            }
        }
    }
    // Meetings with six decisions each fill the rest.
    let per_year = (n.saturating_sub(out.len()) / 7)
        .div_ceil(years.len())
        .max(1);
    'years: for &y in &years {
        for k in 1..=per_year {
            if out.len() + 7 > n {
                break 'years;
            }
            let mid = format!("{p}-PC-{y}-{k:03}");
            let month = (k * 12 / (per_year + 1)).clamp(1, 11) as u8;
            let date = d(y, month, 10);
            let dids: Vec<String> = (1..=6).map(|i| format!("{mid}-D{i}")).collect();
            out.push(Record::Meeting(Meeting {
                id: mid.clone(),
                committee: format!("{p}-PC"),
                date,
                state: MeetingState::Held,
                place: Some("سالن جلسات استانداری".into()),
                agenda: Some(Agenda {
                    proposed_by: format!("{p}-B-SHT"),
                    proposed_on: date.add_days(-10),
                    approved_by: Some(format!("{p}-P-000")),
                    approved_on: Some(date.add_days(-7)),
                    items: (1..=4)
                        .map(|o| AgendaItem {
                            order: o,
                            title: "گزارش پیشرفت خوشه‌ها".into(),
                            decision: None,
                            proposal: None,
                            cluster: None,
                        })
                        .collect(),
                }),
                invitation: None,
                minutes: Some(Minutes {
                    recorded_by: format!("{p}-P-001"),
                    attendees: (0..8)
                        .map(|i| Attendee {
                            person: format!("{p}-P-{i:03}"),
                            on_behalf_of: None,
                        })
                        .collect(),
                    absentees: vec![format!("{p}-P-008"), format!("{p}-P-009")],
                    summary: format!("{TEXT}\n{TEXT}"),
                    decisions: dids.clone(),
                    approved_on: Some(date),
                    isipo_copy: None,
                }),
            }));
            for did in dids {
                let last = y == 1404;
                out.push(Record::Decision(Decision {
                    id: did,
                    meeting: mid.clone(),
                    text: TEXT.into(),
                    responsible: vec![format!("{p}-B-SHT"), format!("{p}-B-SMT")],
                    deadline: Some(date.add_days(90)),
                    adopts: None,
                    status: if last {
                        DecisionStatus::Open
                    } else {
                        DecisionStatus::Done
                    },
                    topics: vec![],
                    dispatch: (!last).then(|| Dispatch {
                        letter: Letter {
                            number: "۱۲/د".into(),
                            date: date.add_days(5),
                        },
                        recipients: vec![format!("{p}-B-SHT")],
                    }),
                    followups: if last {
                        vec![]
                    } else {
                        vec![Followup {
                            date: date.add_days(60),
                            kind: FollowupKind::Done,
                            note: "انجام شد".into(),
                            evidence: None,
                            meeting: None,
                        }]
                    },
                }));
            }
        }
    }
    out
}

fn git(dir: &Path) -> Command {
    let mut c = Command::new("git");
    c.arg("-C").arg(dir);
    hermetic(&mut c, dir);
    c
}

fn hermetic(c: &mut Command, dir: &Path) {
    c.env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir.parent().unwrap_or(dir))
        .env("GIT_AUTHOR_NAME", "کارشناس دبیرخانه")
        .env("GIT_AUTHOR_EMAIL", "clerk@esf.example")
        .env("GIT_COMMITTER_NAME", "کارشناس دبیرخانه")
        .env("GIT_COMMITTER_EMAIL", "clerk@esf.example")
        .stdin(Stdio::null());
}

fn must(c: &mut Command) {
    let out = c.output().expect("runs");
    assert!(
        out.status.success(),
        "{c:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn config() -> Config {
    Config {
        province: "ESF".into(),
        province_name: "اصفهان".into(),
        iso_code: None,
        language: Default::default(),
        broker: None,
        report_grace_days: 30,
        dispatch_days: 14,
        meeting_gap_days: 210,
        supervisor_expiry_days: 30,
        stall_days: 365,
        stages: Default::default(),
    }
}

/// A records repository with `esf` records of ESF and `others` more spread over the
/// other provinces, committed once.
fn build_repo(dir: &Path, esf: usize, others: usize) {
    if dir.join(".git/dabir-bench-ready").exists() {
        return;
    }
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    let t = Instant::now();
    let mut files = 0;
    let mut emit = |records: Vec<Record>| {
        for r in records {
            let path = dir.join(r.kind().path_of(r.id()).unwrap());
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, write::to_yaml(&r)).unwrap();
            files += 1;
        }
    };
    emit(province("ESF", esf));
    let rest = &PROVINCES[1..];
    for p in rest {
        if others > 0 {
            emit(province(p, others / rest.len()));
        }
    }
    std::fs::write(dir.join("dabir.yaml"), write::config_to_yaml(&config())).unwrap();
    must(git(dir).args(["init", "-q", "-b", "main"]));
    must(git(dir).args(["add", "-A"]));
    must(git(dir).args(["commit", "-q", "-m", "records"]));
    std::fs::write(dir.join(".git/dabir-bench-ready"), "").unwrap();
    eprintln!(
        "  built {} ({files} record files) in {:.1} s",
        dir.display(),
        t.elapsed().as_secs_f64()
    );
}

fn time(c: &mut Command) -> Duration {
    let t = Instant::now();
    let out = c.output().expect("runs");
    let e = t.elapsed();
    assert!(
        out.status.success(),
        "{c:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    e
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn pairs() -> usize {
    std::env::var("DABIR_BENCH_PAIRS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(15)
        .max(11)
}

fn dabir(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dabir"));
    c.arg("-C").arg(dir);
    hermetic(&mut c, dir);
    c
}

/// Undispatched decisions of ESF in `dir`.
fn open_decisions(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir.join("decisions/1404"))
        .map(|rd| {
            rd.filter_map(|e| e.ok()?.file_name().into_string().ok())
                .filter(|n| n.starts_with("ESF-"))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v.into_iter()
        .map(|n| n.trim_end_matches(".yaml").to_string())
        .filter(|id| {
            !std::fs::read_to_string(dir.join(format!("decisions/1404/{id}.yaml")))
                .unwrap_or_default()
                .contains("dispatch:")
        })
        .collect()
}

fn bench_commit(label: &str, dir: &Path) {
    let n = pairs();
    let mut open = open_decisions(dir).into_iter();
    // Warm up: the first write builds the blob-id cache.
    let first = open.next().expect("an undispatched decision");
    let t = time(dabir(dir).args([
        "decision",
        "dispatch",
        &first,
        "--letter",
        "۱/د",
        "--date",
        "1404-12-01",
    ]));
    eprintln!(
        "  first write (builds the cache): {:.0} ms",
        t.as_secs_f64() * 1e3
    );
    // git commits a file outside the records, so dabir's kept findings stay valid, as
    // they do when the clerk writes only through dabir (a foreign commit that changes
    // the province's records makes the next write run the rules on the old state too).
    let target = "notes.txt";
    let (mut a, mut b, mut r) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..n {
        let id = open.next().expect("enough undispatched decisions");
        let ta = time(dabir(dir).args([
            "decision",
            "dispatch",
            &id,
            "--letter",
            &format!("{i}/د"),
            "--date",
            "1404-12-01",
        ]));
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(dir.join(target))
            .unwrap();
        writeln!(f, "# {i}").unwrap();
        drop(f);
        let t0 = Instant::now();
        must(git(dir).args(["add", target]));
        must(git(dir).args(["commit", "-q", "-m", &format!("edit {i}")]));
        let tb = t0.elapsed();
        a.push(ta.as_secs_f64() * 1e3);
        b.push(tb.as_secs_f64() * 1e3);
        r.push(ta.as_secs_f64() / tb.as_secs_f64());
    }
    println!(
        "{label}: dabir decision dispatch {:.1} ms, git add F && git commit {:.1} ms, ratio {:.2} (median of {n} pairs; target <= 2.00)",
        median(a),
        median(b),
        median(r)
    );
}

/// A province repository whose history touches `file` every `every` commits, by
/// `git fast-import`: `files` files, `commits` commits.
fn build_history(dir: &Path, files: usize, commits: usize, every: usize) -> String {
    let file = "decisions/1404/ESF-PC-1404-001-D1.yaml";
    if dir.join(".git/dabir-bench-ready").exists() {
        return file.into();
    }
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    let t = Instant::now();
    must(git(dir).args(["init", "-q", "-b", "main"]));
    let mut child = git(dir)
        .args(["fast-import", "--quiet"])
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    {
        let mut w = std::io::BufWriter::new(child.stdin.take().unwrap());
        let paths: Vec<String> = (0..files)
            .map(|i| {
                let p = PROVINCES[i % PROVINCES.len()];
                match i % 4 {
                    0 => format!(
                        "meetings/{}/{p}-PC-{}-{:03}.yaml",
                        1395 + (i / 4) % 10,
                        1395 + (i / 4) % 10,
                        i / 40
                    ),
                    1 => format!(
                        "decisions/{}/{p}-PC-{}-{:03}-D{}.yaml",
                        1395 + (i / 4) % 10,
                        1395 + (i / 4) % 10,
                        i / 40,
                        i % 7
                    ),
                    2 => format!(
                        "reports/{}/{p}-RP-{}-{}.yaml",
                        1395 + (i / 4) % 10,
                        i / 4,
                        i % 3
                    ),
                    _ => format!("plans/{p}-PL-{i}.yaml"),
                }
            })
            .collect();
        let mut mark = 0usize;
        let ts0 = 1_600_000_000u64;
        for c in 0..commits {
            mark += 1;
            writeln!(w, "commit refs/heads/main").unwrap();
            writeln!(w, "mark :{mark}").unwrap();
            writeln!(
                w,
                "committer clerk <clerk@esf.example> {} +0330",
                ts0 + c as u64 * 60
            )
            .unwrap();
            let msg =
                format!("ثبت پیگیری {c}\n\nDabir-Action: decision.progress\nDabir-Record: X-{c}\n");
            writeln!(w, "data {}\n{msg}", msg.len()).unwrap();
            if c > 0 {
                writeln!(w, "from :{}", mark - 1).unwrap();
            }
            let mut touch = |path: &str, body: String| {
                writeln!(w, "M 100644 inline {path}\ndata {}\n{body}", body.len()).unwrap();
            };
            if c == 0 {
                touch("dabir.yaml", write::config_to_yaml(&config()));
                for (i, p) in paths.iter().enumerate() {
                    touch(p, format!("id: {i}\ntext: {TEXT}\n"));
                }
                touch(file, format!("id: ESF-PC-1404-001-D1\nrev: {c}\n"));
            } else if c % every == 0 {
                touch(file, format!("id: ESF-PC-1404-001-D1\nrev: {c}\n"));
            } else {
                let p = &paths[c * 7919 % paths.len()];
                touch(p, format!("id: {c}\ntext: {TEXT}\n"));
            }
        }
        writeln!(w, "done").unwrap();
    }
    assert!(child.wait().unwrap().success());
    // Only the config and the record are needed in the work tree.
    must(git(dir).args(["read-tree", "HEAD"]));
    must(git(dir).args(["checkout", "HEAD", "--", "dabir.yaml", file]));
    std::fs::write(dir.join(".git/dabir-bench-ready"), "").unwrap();
    eprintln!(
        "  built {} ({files} files, {commits} commits) in {:.1} s",
        dir.display(),
        t.elapsed().as_secs_f64()
    );
    file.into()
}

fn bench_log(label: &str, dir: &Path, file: &str, target_ms: Option<f64>) {
    let n = pairs();
    let id = "ESF-PC-1404-001-D1";
    // The first `dabir log` writes the commit-graph with Bloom filters; git uses it too.
    let t = time(dabir(dir).args(["log", id]));
    eprintln!(
        "  first dabir log (writes the commit-graph): {:.0} ms",
        t.as_secs_f64() * 1e3
    );
    let (mut a, mut b, mut r) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..n {
        let ta = time(dabir(dir).args(["log", id]));
        let tb = time(git(dir).args(["log", "--oneline", "--", file]));
        a.push(ta.as_secs_f64() * 1e3);
        b.push(tb.as_secs_f64() * 1e3);
        r.push(ta.as_secs_f64() / tb.as_secs_f64());
    }
    let target = target_ms
        .map(|t| format!(", target <= {t:.0} ms"))
        .unwrap_or_default();
    println!(
        "{label}: dabir log {:.1} ms, git log --oneline -- FILE {:.1} ms, ratio {:.2} (median of {n} pairs; target <= 1.50{target})",
        median(a),
        median(b),
        median(r)
    );
}

fn main() {
    // `cargo bench` passes `--bench`; any other argument filters nothing here.
    let base = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-repos");
    std::fs::create_dir_all(&base).unwrap();
    println!(
        "dabir write benchmark (whole processes, warm cache, {} pairs)",
        pairs()
    );

    let p5k = base.join("province-5k");
    build_repo(&p5k, 5_000, 0);
    bench_commit("commit, 5,000-record province", &p5k);

    let n100k = base.join("national-100k");
    build_repo(&n100k, 5_000, 95_000);
    bench_commit("commit, 100,000-file national repository", &n100k);

    let h10k = base.join("history-10k");
    let file = build_history(&h10k, 5_000, 10_000, 30);
    bench_log(
        "log, 10,000 commits (5,000 files)",
        &h10k,
        &file,
        Some(50.0),
    );

    if std::env::var("DABIR_BENCH_300K").map_or(true, |v| v != "0") {
        let h300k = base.join("history-300k");
        let file = build_history(&h300k, 100_000, 300_000, 1_000);
        bench_log("log, 300,000 commits (100,000 files)", &h300k, &file, None);
    }
}
