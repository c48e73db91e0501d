//! `dabir brief`: content in both languages and JSON, exit codes, no bidi controls.

use std::path::PathBuf;

use crate::common::*;

fn province(env: &TestEnv) -> PathBuf {
    env.copy_of(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/brief/province"),
        "province",
    )
}

/// The meeting of 1404-09-25 with its agenda approved and the overdue decision on it.
const READY_MEETING: &str = "id: ESF-PC-1404-02
committee: ESF-PC
date: 1404-09-25
state: scheduled
agenda:
  proposed_by: ESF-B-SHAHRAK
  proposed_on: 1404-09-05
  approved_by: ESF-P-001
  approved_on: 1404-09-10
  items:
    - {order: 1, title: \"پیگیری مصوبه بازارهای صادراتی گلاب\", decision: ESF-PC-1404-01-D1}
    - {order: 2, title: \"گزارش پیشرفت خوشه گلاب\", cluster: ESF-CL-GOLAB}
";

fn has_bidi_controls(s: &str) -> bool {
    s.chars().any(|c| matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
}

#[test]
fn brief_in_persian() {
    let env = TestEnv::new();
    let dir = province(&env);
    let r = env.run(&["brief", "-C", dir.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.transcript());
    assert!(!has_bidi_controls(&r.stdout));
    insta::assert_snapshot!("brief_fa", r.transcript());
}

#[test]
fn brief_in_english() {
    let env = TestEnv::new();
    let dir = province(&env);
    let r = env.run(&["brief", "-C", dir.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(r.code, 1, "{}", r.transcript());
    insta::assert_snapshot!("brief_en", r.transcript());
}

#[test]
fn brief_as_json() {
    let env = TestEnv::new();
    let dir = province(&env);
    let r = env.run(&["brief", "-C", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(r.code, 1, "{}", r.transcript());
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("one JSON document");
    let kinds: Vec<&str> = v["blockers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["agenda-not-approved", "overdue-not-on-agenda"]);
    assert_eq!(v["meeting"]["id"], "ESF-PC-1404-02");
    assert_eq!(
        v["reports"]["clusters"][0]["missing_seasons"],
        serde_json::json!(["1403-Q4"])
    );
    insta::assert_snapshot!("brief_json", r.stdout);
}

#[test]
fn a_ready_meeting_exits_0() {
    let env = TestEnv::new();
    let dir = province(&env);
    write(&dir, "meetings/1404/ESF-PC-1404-02.yaml", READY_MEETING);
    let r = env.run(&["brief", "-C", dir.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert!(
        r.stdout.contains("nothing blocks the meeting"),
        "{}",
        r.stdout
    );
}

#[test]
fn quorum_impossible_blocks() {
    let env = TestEnv::new();
    let dir = province(&env);
    write(&dir, "meetings/1404/ESF-PC-1404-02.yaml", READY_MEETING);
    // Six members leave before the meeting: 3 in office of 10 seats, 6 needed.
    let committee = std::fs::read_to_string(dir.join("committees/ESF-PC.yaml")).unwrap();
    let mut out = String::new();
    for line in committee.lines() {
        let leaving = [
            "ESF-P-006",
            "ESF-P-007",
            "ESF-P-008",
            "ESF-P-009",
            "ESF-P-010",
            "ESF-P-011",
        ]
        .iter()
        .any(|p| line.contains(p));
        if leaving {
            out.push_str(&line.replace(
                "start: 1403-01-20}",
                "start: 1403-01-20, end: 1404-09-01, end_reason: term-ended}",
            ));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    write(&dir, "committees/ESF-PC.yaml", out);
    let r = env.run(&["brief", "-C", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(r.code, 1, "{}", r.transcript());
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["blockers"][0]["kind"], "quorum-impossible");
    assert_eq!(v["quorum"]["expected"], 3);
    assert_eq!(v["quorum"]["needed"], 6);
    assert_eq!(v["seat_gaps"].as_array().unwrap().len(), 7);
    // `-q`: only the blockers, for a script (issue 11).
    let q = env.run(&["brief", "-C", dir.to_str().unwrap(), "-q", "--lang", "en"]);
    assert_eq!(q.code, 1, "{}", q.transcript());
    assert_eq!(q.stdout.lines().count(), 1, "{}", q.stdout);
    assert!(
        q.stdout.starts_with("quorum-impossible ESF-PC-1404-02 "),
        "{}",
        q.stdout
    );
    let qj = env.run(&[
        "brief",
        "-C",
        dir.to_str().unwrap(),
        "-q",
        "--format",
        "json",
    ]);
    assert_eq!(qj.json_lines().len(), 1, "{}", qj.stdout);
    assert_eq!(qj.json_lines()[0]["kind"], "quorum-impossible");
}

#[test]
fn a_named_meeting_and_usage_errors() {
    let env = TestEnv::new();
    let dir = province(&env);
    let d = dir.to_str().unwrap();
    // The held meeting of 1404-03-10: decisions before it are none.
    let r = env.run(&[
        "brief",
        "-C",
        d,
        "--meeting",
        "ESF-PC-1404-01",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["agenda"]["state"], "approved");
    assert_eq!(v["decisions"].as_array().unwrap().len(), 0);
    let r = env.run(&["brief", "-C", d, "--meeting", "ESF-PC-1399-09"]);
    assert_eq!(r.code, 2, "{}", r.transcript());
    let r = env.run(&["brief", "-C", d, "--committee", "ESF-NOPE"]);
    assert_eq!(r.code, 2, "{}", r.transcript());
    let r = env.run(&["brief", "-C", d, "--format", "sarif"]);
    assert_eq!(r.code, 2, "{}", r.transcript());
}

#[test]
fn bidi_isolates_only_when_asked() {
    let env = TestEnv::new();
    let dir = province(&env);
    let r = env.run(&["brief", "-C", dir.to_str().unwrap(), "--bidi-isolate"]);
    assert!(
        r.stdout.contains("\u{2068}خوشه گلاب قمصر\u{2069}"),
        "{}",
        r.stdout
    );
    let ids_plain = r.stdout.contains("│ ESF-CL-GOLAB ┆");
    assert!(ids_plain, "ASCII cells stay bare: {}", r.stdout);
}

/// The realistic province: its next provincial meeting is ready (exit 0), with the
/// overdue decisions on the agenda, a late report, an expiring supervisor, revised
/// budget lines and a dispute open at the national step.
#[test]
fn sample_province_brief() {
    let env = TestEnv::new();
    let dir = env.copy_of(&sample(), "sample");
    let d = dir.to_str().unwrap();
    let fa = env.run(&["brief", "-C", d]);
    assert_eq!(fa.code, 0, "{}", fa.transcript());
    assert!(!has_bidi_controls(&fa.stdout));
    insta::assert_snapshot!("sample_brief_fa", fa.transcript());
    let en = env.run(&["brief", "-C", d, "--lang", "en"]);
    assert_eq!(en.code, 0, "{}", en.transcript());
    insta::assert_snapshot!("sample_brief_en", en.transcript());
    let json = env.run(&["brief", "-C", d, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["meeting"]["id"], "ESF-PC-1404-02");
    assert_eq!(v["blockers"], serde_json::json!([]));
    let overdue: Vec<&str> = v["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["days_overdue"].is_number())
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(overdue, ["ESF-PC-1403-02-D3", "ESF-PC-1404-01-D3"]);
    assert_eq!(v["supervisors"][0]["state"], "expiring");
    assert_eq!(v["disputes"][0]["level"], "national");
    insta::assert_snapshot!("sample_brief_json", json.stdout);
    // The working group's brief: its own next meeting, members and decisions.
    let wg = env.run(&[
        "brief",
        "-C",
        d,
        "--committee",
        "ESF-WG",
        "--format",
        "json",
    ]);
    assert!(wg.code == 0 || wg.code == 1, "{}", wg.transcript());
    let v: serde_json::Value = serde_json::from_str(&wg.stdout).unwrap();
    assert_eq!(v["committee"]["id"], "ESF-WG");
}
