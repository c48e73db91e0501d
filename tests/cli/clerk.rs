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
    assert_eq!(ids_of(&list(&["bodies", "--query", "شهرکهای صنعتی استان"])), ["ESF-B-SHAHRAK"]);
    assert_eq!(
        ids_of(&list(&["decision", "--overdue"])),
        ["ESF-PC-1403-02-D3", "ESF-PC-1404-01-D3"]
    );
    let open = ids_of(&list(&["decision", "--open", "--committee", "ESF-PC"]));
    assert!(open.contains(&"ESF-PC-1404-01-D4".to_string()), "{open:?}");
    assert!(open.iter().all(|d| d.starts_with("ESF-PC-1")), "{open:?}");
    assert_eq!(
        ids_of(&list(&["meeting", "--committee", "ESF-PC", "--year", "1404"])),
        ["ESF-PC-1404-01", "ESF-PC-1404-02"]
    );
    assert_eq!(ids_of(&list(&["person", "--query", "نام ناموجود"])), Vec::<String>::new());
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
        .args(["--lang", "en", "-C", dir.to_str().unwrap(), "init", "--province", "ESF", "--name", "اصفهان"])
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
    assert_eq!(brief.status.code(), Some(0), "{text}{}", String::from_utf8_lossy(&brief.stderr));
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
        let o = env.dabir().current_dir(env.path()).arg("-C").arg(&dir).args(args).output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    };
    run(&["init", "--province", "ESF", "--name", "اصفهان"]);
    run(&["meeting", "schedule", "ESF-PC-1404-05", "--committee", "ESF-PC", "--date", "1404-10-20"]);
    let log = env.git(&dir, &["log", "-1", "--format=%(trailers:key=Dabir-Date,valueonly)"]);
    assert_eq!(log.stdout.trim(), "1404-09-15", "{}", log.stdout);
}
