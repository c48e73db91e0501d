//! What a clerk needs day to day (issue 11): output read through a pipe that closes
//! early, finding records by name, refusals that name the fixing command, and a
//! committee's year kept with the commands alone.

use std::path::{Path, PathBuf};
use std::process::Stdio;

use crate::common::*;

/// A copy of the sample province in its own git repository, committed once.
fn sample_repo(env: &TestEnv) -> PathBuf {
    let dir = env.copy_of(&sample(), "esf");
    for args in [
        &["init", "-q"][..],
        &["add", "-A"],
        &["commit", "-q", "-m", "records"],
    ] {
        let r = env.git(&dir, args);
        assert_eq!(r.code, 0, "git {args:?}: {}", r.transcript());
    }
    dir
}

/// Run `dabir ARGS` in `dir` with its stdout closed before it writes anything, as
/// `dabir ... | head -1` closes it after one line.
fn with_stdout_closed(env: &TestEnv, dir: &Path, args: &[&str]) -> Run {
    let mut child = env
        .dabir()
        .current_dir(dir)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dabir runs");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("dabir ends");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::new(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn a_closed_stdout_is_a_normal_end() {
    let env = TestEnv::new();
    let dir = sample_repo(&env);
    for args in [
        &["show", "ESF-PC-1403-02-D3"][..],
        &["log", "ESF-PC-1403-02-D3"],
        &["--lang", "en", "check", "--as-of", "1404-09-15"],
        &["--format", "json", "check", "--as-of", "1404-09-15"],
        &["rules"],
        &["explain", "R-MTG-6"],
    ] {
        let r = with_stdout_closed(&env, &dir, args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.transcript());
        assert_eq!(r.stderr, "", "{args:?}");
    }
}

/// The brief shows the room R-BUD-1 leaves per budget line: a revision up to it is
/// accepted, one rial more is refused; the plan's room alone (L4 has +10,000,000 where
/// the plan shows +1,890,000,000) would tell the clerk there is room where there is none.
#[test]
fn the_briefs_budget_room_is_the_room_a_revision_has() {
    let env = TestEnv::new();
    let dir = sample_repo(&env);
    let brief = env
        .dabir()
        .current_dir(&dir)
        .args(["--format", "json", "--as-of", "1404-09-15", "brief"])
        .output()
        .unwrap();
    let b: serde_json::Value = serde_json::from_slice(&brief.stdout).unwrap();
    let plan = &b["budgets"][0];
    assert_eq!(plan["plan"], "ESF-PL-GOLAB-1403");
    let lines = plan["lines"].as_array().expect("per-line headroom");
    for id in ["L1", "L4", "L7"] {
        let l = lines.iter().find(|l| l["line"] == id).unwrap();
        let approved = l["approved"].as_i64().unwrap();
        for (amount, accepted) in [
            (approved + l["room_up"].as_i64().unwrap(), true),
            (approved + l["room_up"].as_i64().unwrap() + 1, false),
            (approved - l["room_down"].as_i64().unwrap(), true),
            (approved - l["room_down"].as_i64().unwrap() - 1, false),
        ] {
            let amount = amount.to_string();
            let r = env
                .dabir()
                .current_dir(&dir)
                .args([
                    "plan",
                    "revise",
                    "ESF-PL-GOLAB-1403",
                    "--line",
                    id,
                    "--amount",
                    &amount,
                    "--review",
                    "ESF-CL-GOLAB-1404-R1",
                    "--decision",
                    "ESF-WG-1404-02-D2",
                    "--date",
                    "1404-09-15",
                    "--reason",
                    "آزمون",
                    "--dry-run",
                ])
                .output()
                .unwrap();
            let code = r.status.code().unwrap();
            let err = String::from_utf8_lossy(&r.stderr);
            if accepted {
                assert_eq!(code, 0, "{id} {amount}: {err}");
            } else {
                assert_eq!(code, 2, "{id} {amount}");
                assert!(err.contains("R-BUD-1"), "{id} {amount}: {err}");
            }
        }
    }
}

/// A mistyped id is refused with the ids it may have meant.
#[test]
fn a_mistyped_id_gets_a_did_you_mean() {
    let env = TestEnv::new();
    let dir = sample_repo(&env);
    let r = env
        .dabir()
        .current_dir(&dir)
        .args([
            "--lang",
            "en",
            "decision",
            "progress",
            "ESF-PC-1403-2-D3",
            "--note",
            "x",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{err}");
    assert!(err.contains("did you mean ESF-PC-1403-02-D3"), "{err}");
    let r = env
        .dabir()
        .current_dir(&dir)
        .args(["decision", "progress", "esf-pc-1403-02-d3", "--note", "x"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(err.contains("منظورتان ESF-PC-1403-02-D3 بود؟"), "{err}");
    assert_eq!(r.status.code(), Some(2), "{err}");
}

fn ids_of(r: &Run) -> Vec<String> {
    r.json_lines()
        .iter()
        .map(|x| x["id"].as_str().unwrap().to_string())
        .collect()
}

/// `dabir list` finds an id from a name spelt as the clerk types it (Arabic ي, no
/// zero-width non-joiner), and narrows decisions to the open or overdue ones.
#[test]
fn list_finds_records_by_name_and_state() {
    let env = TestEnv::new();
    let dir = sample_repo(&env);
    let list = |args: &[&str]| -> Run {
        let mut all = vec!["--format", "json", "--as-of", "1404-09-15", "list"];
        all.extend_from_slice(args);
        let o = env.dabir().current_dir(&dir).args(&all).output().unwrap();
        Run {
            code: o.status.code().unwrap(),
            stdout: String::from_utf8_lossy(&o.stdout).into(),
            stderr: String::from_utf8_lossy(&o.stderr).into(),
        }
    };
    let r = list(&["person", "--query", "صالحيان"]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert_eq!(ids_of(&r), ["ESF-P-002"]);
    assert_eq!(
        ids_of(&list(&["bodies", "--query", "شهرکهای صنعتی استان"])),
        ["ESF-B-SHAHRAK"]
    );
    assert_eq!(
        ids_of(&list(&["decision", "--overdue"])),
        ["ESF-PC-1403-02-D3", "ESF-PC-1404-01-D3"]
    );
    let open = ids_of(&list(&["decision", "--open", "--committee", "ESF-PC"]));
    assert!(open.contains(&"ESF-PC-1404-01-D4".to_string()), "{open:?}");
    assert!(open.iter().all(|d| d.starts_with("ESF-PC-1")), "{open:?}");
    assert_eq!(
        ids_of(&list(&[
            "meeting",
            "--committee",
            "ESF-PC",
            "--year",
            "1404"
        ])),
        ["ESF-PC-1404-01", "ESF-PC-1404-02"]
    );
    assert_eq!(
        ids_of(&list(&["person", "--query", "نام ناموجود"])),
        Vec::<String>::new()
    );
    assert_eq!(list(&["plan", "--overdue"]).code, 2);
    assert_eq!(list(&["bogus"]).code, 2);
    // Human lines: id, date, state, text.
    let o = env
        .dabir()
        .current_dir(&dir)
        .args(["--as-of", "1404-09-15", "list", "decision", "--overdue"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.starts_with("ESF-PC-1403-02-D3  ۱۴۰۴-۰۲-۳۱  باز  در ادامه مصوبه"),
        "{text}"
    );
}

/// `init` writes what a first `brief` needs (the provincial committee) and says what to
/// record next; before, `brief` on a new repository was refused (exit 2).
#[test]
fn a_new_repository_has_a_brief_and_says_what_comes_next() {
    let env = TestEnv::new();
    let dir = env.path().join("new");
    let o = env
        .dabir()
        .args([
            "--lang",
            "en",
            "-C",
            dir.to_str().unwrap(),
            "init",
            "--province",
            "ESF",
            "--name",
            "اصفهان",
        ])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("next: the bodies (`dabir body add"), "{out}");
    assert!(out.contains("dabir member appoint ESF-PC"), "{out}");
    let brief = env
        .dabir()
        .current_dir(&dir)
        .args(["--lang", "en", "brief"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&brief.stdout);
    assert_eq!(
        brief.status.code(),
        Some(0),
        "{text}{}",
        String::from_utf8_lossy(&brief.stderr)
    );
    assert!(text.starts_with("Pre-meeting brief: ESF-PC"), "{text}");
    assert!(text.contains("no meeting scheduled"), "{text}");
}

/// Every commit's `Dabir-Date` is the day of the act: scheduling a meeting for next
/// month is dated today, not the meeting's day.
#[test]
fn the_date_trailer_is_the_day_of_the_act() {
    let env = TestEnv::new();
    let dir = env.path().join("new");
    let run = |args: &[&str]| {
        let o = env
            .dabir()
            .current_dir(env.path())
            .arg("-C")
            .arg(&dir)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(
            o.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    };
    run(&["init", "--province", "ESF", "--name", "اصفهان"]);
    run(&[
        "meeting",
        "schedule",
        "ESF-PC-1404-05",
        "--committee",
        "ESF-PC",
        "--date",
        "1404-10-20",
    ]);
    let log = env.git(
        &dir,
        &["log", "-1", "--format=%(trailers:key=Dabir-Date,valueonly)"],
    );
    assert_eq!(log.stdout.trim(), "1404-09-15", "{}", log.stdout);
}

/// A committee's year kept with the commands alone, from `init`, never `edit`: the
/// provincial committee with every required seat, two meetings six months apart with
/// their decisions dispatched and followed up, a cluster with its CDA and TA, its
/// steering council (secretary = the CDA, R-SC-1) and the export working group. It
/// leaves `check --strict` with no finding at all and a `brief` with no blocker.
#[test]
fn a_year_kept_with_the_commands_alone_is_clean() {
    let env = TestEnv::new();
    let dir = env.path().join("year");
    let step = |args: &[&str]| {
        let o = env
            .dabir()
            .arg("-C")
            .arg(&dir)
            .args(args)
            .output()
            .expect("dabir runs");
        assert_eq!(
            o.status.code(),
            Some(0),
            "{args:?}: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
    };
    step(&["init", "--province", "ESF", "--name", "اصفهان"]);
    // The member bodies of the provincial committee and their heads.
    let seats = [
        (
            "GOV",
            "استانداری اصفهان",
            "governorate",
            "علی رضایی",
            "chair",
        ),
        (
            "SHT",
            "شرکت شهرک‌های صنعتی استان اصفهان",
            "industrial-estates",
            "مریم احمدی",
            "secretary",
        ),
        (
            "SMT",
            "سازمان صنعت، معدن و تجارت استان اصفهان",
            "industry-mine-trade",
            "حسن کریمی",
            "member",
        ),
        (
            "TAAVON",
            "اداره کل تعاون، کار و رفاه اجتماعی استان اصفهان",
            "cooperatives-labour",
            "نرگس طاهری",
            "member",
        ),
        (
            "EGHTESAD",
            "سازمان امور اقتصادی و دارایی استان اصفهان",
            "economy-finance",
            "مهدی یزدانی",
            "member",
        ),
        (
            "JAHAD",
            "سازمان جهاد کشاورزی استان اصفهان",
            "agriculture-jihad",
            "فرهاد کاظمی",
            "member",
        ),
        (
            "MIRAS",
            "اداره کل میراث فرهنگی، گردشگری و صنایع‌دستی استان اصفهان",
            "heritage-tourism",
            "لیلا صادقی",
            "member",
        ),
        (
            "OTAGH",
            "اتاق بازرگانی، صنایع، معادن و کشاورزی اصفهان",
            "chamber",
            "زهرا موسوی",
            "member",
        ),
        (
            "BSM",
            "بانک صنعت و معدن استان اصفهان",
            "bank-industry-mine",
            "امیر حسینی",
            "member",
        ),
        (
            "ASNAF",
            "مجمع امور صنفی اصفهان",
            "guild-assembly",
            "جواد مرادی",
            "member",
        ),
    ];
    for (i, (b, bname, cat, person, role)) in seats.iter().enumerate() {
        let (bid, pid) = (format!("ESF-B-{b}"), format!("ESF-P-{:03}", i + 1));
        step(&["body", "add", &bid, "--name", bname, "--category", cat]);
        step(&[
            "person",
            "add",
            &pid,
            "--name",
            person,
            "--body",
            &bid,
            "--position",
            "رئیس",
        ]);
        let decree = format!("{}/ح", 100 + i);
        step(&[
            "member",
            "appoint",
            "ESF-PC",
            "--person",
            &pid,
            "--body",
            &bid,
            "--role",
            role,
            "--decree",
            &decree,
            "--decree-date",
            "1404-01-10",
            "--start",
            "1404-01-15",
        ]);
    }
    // The cluster's side: TPO, the CDA's and TA's firms, three cluster firms.
    for (b, name, cat) in [
        ("TPO", "سازمان توسعه تجارت ایران", "tpo"),
        ("CDA-ARIA", "شرکت مشاوران توسعه آریا", "cda"),
        ("TA-POUYESH", "شرکت مهندسی مشاور پویش", "ta"),
        ("FIRM1", "تعاونی فرش‌بافان کاشان", "cluster-firm"),
        ("FIRM2", "انجمن صادرکنندگان فرش", "cluster-firm"),
        ("FIRM3", "شرکت نقش فرش کاشان", "cluster-firm"),
    ] {
        step(&[
            "body",
            "add",
            &format!("ESF-B-{b}"),
            "--name",
            name,
            "--category",
            cat,
        ]);
    }
    for (p, name, body) in [
        ("011", "سعید فتحی", "ESF-B-CDA-ARIA"),
        ("012", "کاوه بهرامی", "ESF-B-TA-POUYESH"),
        ("013", "محمود اکبری", "ESF-B-FIRM1"),
        ("014", "فاطمه نوروزی", "ESF-B-FIRM2"),
        ("015", "رسول کرمانی", "ESF-B-FIRM3"),
        ("016", "سارا شریفی", "ESF-B-TPO"),
    ] {
        step(&[
            "person",
            "add",
            &format!("ESF-P-{p}"),
            "--name",
            name,
            "--body",
            body,
        ]);
    }
    // Two meetings of the provincial committee, six months apart.
    let all: Vec<String> = (1..=10).map(|i| format!("ESF-P-{i:03}")).collect();
    let meeting = |id: &str, date: &str, proposed: &str, approved: &str, decisions: &[&str]| {
        step(&[
            "meeting",
            "schedule",
            id,
            "--committee",
            "ESF-PC",
            "--date",
            date,
            "--place",
            "استانداری",
        ]);
        step(&[
            "meeting",
            "propose-agenda",
            id,
            "--by",
            "ESF-B-SHT",
            "--date",
            proposed,
            "--item",
            "اولویت‌های سال و پیش‌بینی منابع",
        ]);
        step(&[
            "meeting",
            "approve-agenda",
            id,
            "--by",
            "ESF-P-001",
            "--date",
            approved,
        ]);
        step(&[
            "meeting",
            "invite",
            id,
            "--letter",
            "۴۵/د",
            "--letter-date",
            approved,
            "--signed-by",
            "ESF-P-001",
        ]);
        let mut args = vec![
            "meeting",
            "minutes",
            id,
            "--recorded-by",
            "ESF-P-002",
            "--summary",
            "اولویت‌ها و منابع سال بررسی و تصویب شد.",
        ];
        for p in &all {
            args.extend(["--attendee", p.as_str()]);
        }
        for d in decisions {
            args.extend(["--decision", d]);
        }
        step(&args);
        step(&[
            "meeting",
            "approve-minutes",
            id,
            "--date",
            date,
            "--isipo-letter",
            "۴۶/د",
        ]);
    };
    meeting(
        "ESF-PC-1404-01",
        "1404-02-10",
        "1404-02-01",
        "1404-02-03",
        &[
            "ESF-B-SMT|1404-06-31|اولویت‌های توسعه خوشه‌ای سال ۱۴۰۴ ابلاغ شود|annual-priorities",
            "ESF-B-GOV,ESF-B-SHT||پیش‌بینی منابع مالی سال|resource-forecast",
        ],
    );
    for (d, letter) in [("ESF-PC-1404-01-D1", "۷۸/د"), ("ESF-PC-1404-01-D2", "۷۹/د")] {
        step(&[
            "decision",
            "dispatch",
            d,
            "--letter",
            letter,
            "--date",
            "1404-02-15",
        ]);
        step(&[
            "decision",
            "done",
            d,
            "--note",
            "انجام شد",
            "--evidence",
            "۱۲۰/ب",
            "--date",
            "1404-05-20",
        ]);
    }
    // A cluster on the initial list, its CDA and TA, its steering council, the export
    // working group.
    step(&[
        "cluster",
        "register",
        "ESF-CL-FARSH",
        "--name",
        "خوشه فرش دستباف کاشان",
        "--product",
        "فرش دستباف",
        "--county",
        "کاشان",
        "--firms",
        "420",
        "--date",
        "1404-03-01",
        "--issuer",
        "ESF-B-SMT",
        "--letter",
        "۲۳/ص",
        "--letter-date",
        "1404-03-01",
        "--title",
        "فهرست اولیه خوشه‌ها",
    ]);
    step(&[
        "cluster",
        "appoint",
        "ESF-CL-FARSH",
        "--role",
        "cda",
        "--person",
        "ESF-P-011",
        "--body",
        "ESF-B-CDA-ARIA",
        "--by",
        "ESF-P-002",
        "--letter",
        "۳۰/ق",
        "--letter-date",
        "1404-04-01",
    ]);
    step(&[
        "cluster",
        "appoint",
        "ESF-CL-FARSH",
        "--role",
        "ta",
        "--person",
        "ESF-P-012",
        "--body",
        "ESF-B-TA-POUYESH",
        "--by",
        "ESF-P-002",
        "--letter",
        "۳۱/ق",
        "--letter-date",
        "1404-04-01",
    ]);
    step(&[
        "committee",
        "add",
        "ESF-SC-FARSH",
        "--kind",
        "steering",
        "--cluster",
        "ESF-CL-FARSH",
        "--name",
        "شورای راهبری توسعه خوشه فرش کاشان",
        "--date",
        "1404-04-10",
    ]);
    step(&[
        "member",
        "appoint",
        "ESF-SC-FARSH",
        "--person",
        "ESF-P-002",
        "--body",
        "ESF-B-SHT",
        "--role",
        "chair",
        "--start",
        "1404-04-10",
    ]);
    for (p, b) in [
        ("ESF-P-013", "ESF-B-FIRM1"),
        ("ESF-P-014", "ESF-B-FIRM2"),
        ("ESF-P-015", "ESF-B-FIRM3"),
    ] {
        step(&[
            "member",
            "appoint",
            "ESF-SC-FARSH",
            "--person",
            p,
            "--body",
            b,
            "--role",
            "cluster-actor",
            "--start",
            "1404-04-10",
        ]);
    }
    step(&[
        "committee",
        "add",
        "ESF-WG",
        "--kind",
        "working-group",
        "--name",
        "کارگروه توسعه خوشه‌های صادرات‌گرای استان اصفهان",
        "--date",
        "1404-04-10",
    ]);
    for (p, b, role) in [
        ("ESF-P-003", "ESF-B-SMT", "chair"),
        ("ESF-P-002", "ESF-B-SHT", "secretary"),
        ("ESF-P-016", "ESF-B-TPO", "member"),
    ] {
        step(&[
            "member",
            "appoint",
            "ESF-WG",
            "--person",
            p,
            "--body",
            b,
            "--role",
            role,
            "--start",
            "1404-04-10",
        ]);
    }
    meeting(
        "ESF-PC-1404-02",
        "1404-08-05",
        "1404-07-25",
        "1404-07-28",
        &["ESF-B-SMT|1404-12-20|گزارش پیشرفت خوشه فرش کاشان به جلسه بعد ارائه شود"],
    );
    step(&[
        "decision",
        "dispatch",
        "ESF-PC-1404-02-D1",
        "--letter",
        "۱۱۰/د",
        "--date",
        "1404-08-10",
    ]);

    let check = env
        .dabir()
        .args([
            "-C",
            dir.to_str().unwrap(),
            "--lang",
            "en",
            "check",
            "--strict",
        ])
        .output()
        .unwrap();
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let json = env
        .dabir()
        .args(["-C", dir.to_str().unwrap(), "--format", "json", "check"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&json.stdout),
        "",
        "no finding at all"
    );
    let brief = env
        .dabir()
        .args([
            "-C",
            dir.to_str().unwrap(),
            "--lang",
            "en",
            "brief",
            "--meeting",
            "ESF-PC-1404-02",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&brief.stdout);
    assert_eq!(brief.status.code(), Some(0), "{text}");
    assert!(text.contains("nothing blocks the meeting"), "{text}");
    // The council's secretary is the CDA, seated by `committee add`.
    let sc = std::fs::read_to_string(dir.join("committees/ESF-SC-FARSH.yaml")).unwrap();
    assert!(
        sc.contains("person: ESF-P-011\n    body: ESF-B-CDA-ARIA\n    role: secretary"),
        "{sc}"
    );
    // Nothing was written by hand: every commit is a dabir action.
    let log = env.git(
        &dir,
        &["log", "--format=%(trailers:key=Dabir-Action,valueonly)"],
    );
    assert!(!log.stdout.contains("edit"), "{}", log.stdout);
    assert_eq!(env.git(&dir, &["status", "--porcelain"]).stdout, "");
}

/// `show` of a meeting names the people, bodies and committee it cites and gives the
/// text of each decision, not only their ids.
#[test]
fn show_of_a_meeting_gives_names_and_decision_texts() {
    let env = TestEnv::new();
    let dir = sample_repo(&env);
    let o = env
        .dabir()
        .current_dir(&dir)
        .args(["show", "ESF-PC-1404-01"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{text}");
    assert!(text.contains("ESF-P-002 (حمیدرضا صالحیان)"), "{text}");
    assert!(
        text.contains("ESF-PC (کمیته استانی توسعه خوشه‌های کسب‌وکار استان اصفهان)"),
        "{text}"
    );
    assert!(
        text.contains("- ESF-PC-1404-01-D3 (سازمان امور اقتصادی و دارایی استان بنگاه‌های صادرکننده"),
        "{text}"
    );
    // Dates are not mistaken for ids.
    assert!(text.contains("تاریخ: ۱۴۰۴-۰۳-۱۰\n"), "{text}");
}

/// `log ID` lists the commits that cite a decision (a plan revised on it) as well as
/// those that change its file.
#[test]
fn log_lists_the_commits_that_cite_a_record() {
    let env = TestEnv::new();
    let dir = sample_repo(&env);
    let run = |args: &[&str]| {
        let o = env.dabir().current_dir(&dir).args(args).output().unwrap();
        assert_eq!(
            o.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    // Before the revision: the decision's own commit only (and the citing commits are
    // cached as of this HEAD, so the next run reads only the commits since).
    let before = run(&["--format", "json", "log", "ESF-WG-1404-02-D2"]);
    assert_eq!(before.lines().count(), 1, "{before}");
    run(&[
        "plan",
        "revise",
        "ESF-PL-GOLAB-1403",
        "--line",
        "L1",
        "--amount",
        "3700000000",
        "--review",
        "ESF-CL-GOLAB-1404-R1",
        "--decision",
        "ESF-WG-1404-02-D2",
        "--date",
        "1404-09-15",
        "--reason",
        "افزایش ساعات آموزش",
    ]);
    let lines: Vec<serde_json::Value> = run(&["--format", "json", "log", "ESF-WG-1404-02-D2"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[0]["action"], "plan.revise");
    assert_eq!(lines[0]["cites"], true);
    assert_eq!(lines[1]["cites"], false);
    let human = run(&["--lang", "en", "log", "ESF-WG-1404-02-D2"]);
    assert!(
        human.lines().next().unwrap().ends_with("(cites it)"),
        "{human}"
    );
    // A decision whose id only starts the same is not cited.
    let other = run(&["--format", "json", "log", "ESF-WG-1404-02-D1"]);
    assert_eq!(other.lines().count(), 1, "{other}");
    // History rewritten (the revision dropped): the cached citation goes with it.
    env.git(&dir, &["reset", "--hard", "-q", "HEAD~1"]);
    assert_eq!(
        run(&["--format", "json", "log", "ESF-WG-1404-02-D2"]),
        before
    );
}
