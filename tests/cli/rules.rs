//! The domain rules, one fixture per rule id: `tests/fixtures/rules/<RULE-ID>/` holds
//! files laid over a copy of the compliant base province (the files replace or add
//! records), optionally `README.md` (what it breaks, not applied), `delete.txt` (paths
//! to remove) and `commit.txt` (commit the overlay with this message, for rules that
//! read git history), and `expect.txt`: the findings expected, `RULE-ID path line column`, one a line. The test copies the base
//! into a fresh git repository (one commit), applies the fixture, runs
//! `dabir check --format json --as-of <date>`, and asserts that the findings of the rules
//! named in expect.txt are exactly those, and that no other rule reports an error.
//! `DABIR_BLESS=1` rewrites expect.txt from the findings of the fixture's own rule.
//!
//! The base is `sample-province` at its as-of date 1404-09-15 (its README), where it has
//! no errors and four warnings (two of them R-MTG-6's, listed in that fixture).
//! Also here: waivers, `dabir rules` and `dabir explain`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::common::*;

/// The compliant province the fixtures break, and the date it is judged at (its README).
fn base() -> (PathBuf, &'static str) {
    (sample(), "1404-09-15")
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules")
}

/// A fresh git repository holding a copy of the base, committed once.
fn repo(env: &TestEnv) -> PathBuf {
    let (from, _) = base();
    let dir = env.copy_of(&from, "province");
    for args in [
        &["init", "-q"][..],
        &["add", "-A"],
        &["commit", "-q", "-m", "Base province"],
    ] {
        let r = env.git(&dir, args);
        assert_eq!(r.code, 0, "git {args:?}: {}", r.transcript());
    }
    dir
}

/// Lay the fixture over the repository.
fn apply(env: &TestEnv, fixture: &Path, dir: &Path) {
    fn walk(root: &Path, at: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(at).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.push(p.strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    let mut files = Vec::new();
    walk(fixture, fixture, &mut files);
    for rel in files {
        let name = rel.to_str().unwrap();
        match name {
            "expect.txt" | "commit.txt" | "README.md" => {}
            "delete.txt" => {
                for line in std::fs::read_to_string(fixture.join(&rel))
                    .unwrap()
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                {
                    std::fs::remove_file(dir.join(line.trim()))
                        .unwrap_or_else(|e| panic!("delete {line}: {e}"));
                }
            }
            _ => write(dir, name, std::fs::read(fixture.join(&rel)).unwrap()),
        }
    }
    if let Ok(msg) = std::fs::read_to_string(fixture.join("commit.txt")) {
        assert_eq!(env.git(dir, &["add", "-A"]).code, 0);
        let r = env.git(dir, &["commit", "-q", "-m", msg.trim()]);
        assert_eq!(r.code, 0, "{}", r.transcript());
    }
}

/// `RULE path line column` of a JSON finding.
fn line_of(f: &serde_json::Value) -> String {
    format!(
        "{} {} {} {}",
        f["rule"].as_str().unwrap(),
        f["file"].as_str().unwrap(),
        f["line"],
        f["column"]
    )
}

fn check(env: &TestEnv, dir: &Path, as_of: &str) -> Run {
    env.run(&[
        "check",
        "-C",
        dir.to_str().unwrap(),
        "--format",
        "json",
        "--as-of",
        as_of,
    ])
}

#[test]
fn the_base_province_has_no_errors() {
    let env = TestEnv::new();
    let dir = repo(&env);
    let r = check(&env, &dir, base().1);
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert!(
        r.json_lines().iter().all(|f| f["severity"] == "warning"),
        "{}",
        r.transcript()
    );
}

#[test]
fn every_rule_fixture_gives_exactly_its_findings() {
    let bless = std::env::var_os("DABIR_BLESS").is_some();
    let mut failures = Vec::new();
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    fixtures.sort();
    for fixture in &fixtures {
        let rule = fixture.file_name().unwrap().to_str().unwrap().to_string();
        assert!(
            dabir::rules::doc(&rule).is_some(),
            "fixture {rule} names no rule"
        );
        let env = TestEnv::new();
        let dir = repo(&env);
        apply(&env, fixture, &dir);
        let r = check(&env, &dir, base().1);
        let found = r.json_lines();
        let expect_path = fixture.join("expect.txt");
        if bless {
            let lines: Vec<String> = found
                .iter()
                .filter(|f| f["rule"] == rule.as_str())
                .map(line_of)
                .collect();
            std::fs::write(&expect_path, lines.join("\n") + "\n").unwrap();
        }
        let expected: BTreeSet<String> = std::fs::read_to_string(&expect_path)
            .unwrap_or_else(|_| panic!("{rule}: no expect.txt"))
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect();
        assert!(
            expected.iter().any(|l| l.starts_with(&format!("{rule} "))),
            "{rule}: expect.txt names no finding of {rule}"
        );
        let rules: BTreeSet<&str> = expected
            .iter()
            .map(|l| l.split(' ').next().unwrap())
            .collect();
        let actual: BTreeSet<String> = found
            .iter()
            .filter(|f| rules.contains(f["rule"].as_str().unwrap()))
            .map(line_of)
            .collect();
        if actual != expected {
            failures.push(format!(
                "{rule}: expected\n  {}\nfound\n  {}\n{}",
                expected.iter().cloned().collect::<Vec<_>>().join("\n  "),
                actual.iter().cloned().collect::<Vec<_>>().join("\n  "),
                r.stdout
            ));
        }
        let others: Vec<String> = found
            .iter()
            .filter(|f| f["severity"] == "error" && !rules.contains(f["rule"].as_str().unwrap()))
            .map(|f| format!("{} {}", line_of(f), f["message_en"]))
            .collect();
        if !others.is_empty() {
            failures.push(format!(
                "{rule}: other rules report errors:\n  {}",
                others.join("\n  ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// A record whose file cannot be read (here: a key its schema does not know) is reported
/// on that file alone: no rule concludes from its absence that a committee has no
/// council, a proposal was never adopted, a seat is vacant or a report is missing.
#[test]
fn one_unreadable_record_does_not_cascade_into_findings_elsewhere() {
    let env = TestEnv::new();
    let dir = repo(&env);
    let before: BTreeSet<String> = check(&env, &dir, base().1)
        .json_lines()
        .iter()
        .map(line_of)
        .collect();
    let mut failures = Vec::new();
    for file in [
        "committees/ESF-PC.yaml",
        "committees/ESF-EC.yaml",
        "committees/ESF-SC-GOLAB.yaml",
        "committees/ESF-WG.yaml",
        "committees/NAT-WG.yaml",
        "bodies/NAT-B-TPO.yaml",
        "bodies/ESF-B-JAHAD.yaml",
        "clusters/ESF-CL-GOLAB.yaml",
        "meetings/1403/ESF-PC-1403-01.yaml",
        "meetings/1403/ESF-EC-1403-01.yaml",
        "decisions/1403/ESF-PC-1403-01-D1.yaml",
        "reports/1403/ESF-CL-GOLAB-1403-Q1.yaml",
    ] {
        let path = dir.join(file);
        let good = std::fs::read(&path).unwrap();
        let mut broken = good.clone();
        broken.extend_from_slice(b"unknown_key: 1\n");
        std::fs::write(&path, broken).unwrap();
        let r = check(&env, &dir, base().1);
        std::fs::write(&path, good).unwrap();
        let elsewhere: Vec<String> = r
            .json_lines()
            .iter()
            .filter(|f| f["file"] != file && !before.contains(&line_of(f)))
            .map(|f| format!("{} {}", line_of(f), f["message_en"]))
            .collect();
        let own = r
            .json_lines()
            .iter()
            .any(|f| f["file"] == file && f["rule"] == "R-SCH-1");
        if !own || !elsewhere.is_empty() {
            failures.push(format!(
                "{file} (own R-SCH-1: {own}):\n  {}",
                elsewhere.join("\n  ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A write keeps its records without their free texts ([`dabir::model::Record::without_prose`])
/// and compares the rules' findings before and after by rule, severity, file and record.
/// So on the base and on every fixture, the rules must find the same either way.
#[test]
fn no_rule_reads_the_texts_a_write_leaves_out() {
    let mut dirs = vec![None];
    dirs.extend(
        std::fs::read_dir(fixtures())
            .unwrap()
            .map(|e| Some(e.unwrap().path())),
    );
    let as_of = dabir::model::JDate::parse(base().1).unwrap();
    for fixture in dirs {
        let env = TestEnv::new();
        let dir = repo(&env);
        if let Some(f) = &fixture {
            apply(&env, f, &dir);
        }
        let source = dabir::repo::open(&dir, None).unwrap();
        let opts = dabir::check::Options {
            as_of,
            history: None,
            domain_rules: true,
            cache: None,
        };
        let (outcome, records) = dabir::check::run_keeping(&*source, opts).unwrap();
        let keys = |records: &[(String, dabir::model::Record)]| {
            let ctx = dabir::rules::Context::new(&outcome.config, as_of, records);
            let mut k: Vec<_> = dabir::rules::run(&ctx)
                .into_iter()
                .map(|f| (f.rule, f.severity, f.file, f.record))
                .collect();
            k.sort();
            k
        };
        let stripped: Vec<_> = records
            .iter()
            .map(|(p, r)| (p.clone(), r.clone().without_prose()))
            .collect();
        assert_ne!(records, stripped, "{fixture:?}: nothing was left out");
        assert_eq!(keys(&records), keys(&stripped), "{fixture:?}");
    }
}

const WAIVERS: &str = "waivers:
  - rule: R-MTG-7
    record: ESF-PC
    reason: پیش‌بینی منابع سال ۱۴۰۳ در برنامه سالانه استان آمده است
    decision: ESF-PC-1404-01-D1
    expires: \"1404-12-29\"
";

#[test]
fn a_waiver_excuses_until_it_expires() {
    let env = TestEnv::new();
    let dir = repo(&env);
    apply(&env, &fixtures().join("R-MTG-7"), &dir);
    write(&dir, "waivers.yaml", WAIVERS);
    let r = check(&env, &dir, "1404-09-15");
    assert_eq!(
        r.code,
        0,
        "a waived finding does not fail the run: {}",
        r.transcript()
    );
    let found: Vec<_> = r
        .json_lines()
        .into_iter()
        .filter(|f| f["rule"] == "R-MTG-7")
        .collect();
    assert_eq!(found.len(), 1, "{}", r.stdout);
    assert_eq!(found[0]["severity"], "waived");
    assert_eq!(found[0]["waiver"], "ESF-PC-1404-01-D1");

    let r = env.run(&[
        "check",
        "-C",
        dir.to_str().unwrap(),
        "--format",
        "json",
        "--lang",
        "en",
        "--as-of",
        "1405-01-10",
    ]);
    let expired: Vec<_> = r
        .json_lines()
        .into_iter()
        .filter(|f| f["rule"] == "R-MTG-7")
        .collect();
    assert_eq!(expired.len(), 1, "{}", r.stdout);
    assert_eq!(expired[0]["severity"], "error");
    assert!(
        expired[0]["help"]
            .as_str()
            .unwrap()
            .contains("expired on 1404-12-29"),
        "{}",
        r.stdout
    );
    assert!(
        r.json_lines().iter().all(|f| f["rule"] != "R-WVR-1"),
        "an expired waiver that matches is not unused"
    );
}

#[test]
fn a_broken_waiver_file_is_reported_where_it_is_wrong() {
    let env = TestEnv::new();
    let dir = repo(&env);
    write(
        &dir,
        "waivers.yaml",
        WAIVERS
            .replace("ESF-PC-1404-01-D1", "ESF-PC-1404-01-D9")
            .replace("R-MTG-7", "mtg7"),
    );
    let r = check(&env, &dir, "1404-09-15");
    assert_eq!(r.code, 1, "{}", r.transcript());
    let lines: Vec<String> = r
        .json_lines()
        .iter()
        .filter(|f| f["file"] == "waivers.yaml")
        .map(line_of)
        .collect();
    assert_eq!(lines, ["R-SCH-1 waivers.yaml 2 11"], "{}", r.stdout);
    write(
        &dir,
        "waivers.yaml",
        WAIVERS.replace("ESF-PC-1404-01-D1", "ESF-PC-1404-01-D9"),
    );
    let lines: Vec<String> = check(&env, &dir, "1404-09-15")
        .json_lines()
        .iter()
        .filter(|f| f["file"] == "waivers.yaml")
        .map(line_of)
        .collect();
    assert_eq!(
        lines,
        ["R-WVR-1 waivers.yaml 2 5", "R-REF-1 waivers.yaml 5 15"]
    );
}

#[test]
fn no_history_skips_the_git_rules() {
    let env = TestEnv::new();
    let dir = repo(&env);
    apply(&env, &fixtures().join("R-MTG-9"), &dir);
    let r = env.run(&[
        "check",
        "-C",
        dir.to_str().unwrap(),
        "--format",
        "json",
        "--as-of",
        "1404-09-15",
        "--no-history",
    ]);
    assert_eq!(r.code, 0, "{}", r.transcript());
}

/// A `git revert` of a hand tamper restores the approved content: the tamper stays
/// reported, the revert is not a second violation (issue 11).
#[test]
fn reverting_a_tamper_of_approved_minutes_is_not_reported() {
    let env = TestEnv::new();
    let dir = repo(&env);
    apply(&env, &fixtures().join("R-MTG-9"), &dir);
    let before: Vec<String> = check(&env, &dir, "1404-09-15")
        .json_lines()
        .iter()
        .filter(|f| f["rule"] == "R-MTG-9")
        .map(line_of)
        .collect();
    assert_eq!(before.len(), 2, "{before:?}");
    let r = env.git(&dir, &["revert", "--no-edit", "HEAD"]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    let r = check(&env, &dir, "1404-09-15");
    let after: Vec<serde_json::Value> = r
        .json_lines()
        .into_iter()
        .filter(|f| f["rule"] == "R-MTG-9")
        .collect();
    let tamper = env.git(&dir, &["rev-parse", "--short=10", "HEAD~1"]).stdout;
    assert_eq!(after.len(), 2, "{}", r.stdout);
    for f in after {
        let msg = f["message"].as_str().unwrap();
        assert!(
            msg.contains(tamper.trim()),
            "only the tamper is reported: {msg}"
        );
    }
}

#[test]
fn rules_lists_every_rule_and_explain_documents_each() {
    let env = TestEnv::new();
    let r = env.run(&["rules", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    let list = r.json_lines();
    let ids: Vec<&str> = list.iter().map(|x| x["id"].as_str().unwrap()).collect();
    for id in [
        "R-COM-1", "R-COM-2", "R-COM-3", "R-COM-4", "R-SC-1", "R-MTG-1", "R-MTG-9", "R-NAME-1",
        "R-WVR-1",
    ] {
        assert!(ids.contains(&id), "{id} missing from `dabir rules`");
    }
    for x in &list {
        let id = x["id"].as_str().unwrap();
        for lang in ["fa", "en"] {
            let r = env.run(&["explain", id, "--lang", lang, "--format", "json"]);
            assert_eq!(r.code, 0, "{}", r.transcript());
            let doc = &r.json_lines()[0];
            assert!(
                !doc["doc"].as_str().unwrap().is_empty()
                    && !doc["title"].as_str().unwrap().is_empty(),
                "{id} {lang}"
            );
        }
    }
    let human = env.run(&["rules", "--lang", "en"]);
    assert!(
        human
            .stdout
            .lines()
            .any(|l| l.contains("R-MTG-6") && l.contains("error") && l.contains("overdue")),
        "{}",
        human.stdout
    );
    // In Persian the whole table is Persian: header and severity too.
    let human_fa = env.run(&["rules", "--lang", "fa"]);
    assert!(
        human_fa
            .stdout
            .lines()
            .next()
            .is_some_and(|l| !l.contains("severity"))
            && human_fa.stdout.lines().any(|l| l.contains("شدت"))
            && human_fa
                .stdout
                .lines()
                .any(|l| l.contains("R-MTG-6") && l.contains("خطا") && !l.contains("error")),
        "{}",
        human_fa.stdout
    );
    let fa = env.run(&["explain", "r-mtg-8", "--lang", "fa"]);
    assert!(
        fa.stdout.starts_with("R-MTG-8 (خطا): حد نصاب"),
        "{}",
        fa.stdout
    );
    let unknown = env.run(&["explain", "R-NOPE-1"]);
    assert_eq!(unknown.code, 2, "{}", unknown.transcript());
}

/// A finding's help names the command that fixes it, not a YAML field (issue 11).
#[test]
fn the_help_of_an_agenda_finding_names_the_command() {
    let env = TestEnv::new();
    let dir = repo(&env);
    apply(&env, &fixtures().join("R-MTG-6"), &dir);
    let r = env.run(&[
        "check",
        "-C",
        dir.to_str().unwrap(),
        "--format",
        "json",
        "--lang",
        "en",
        "--as-of",
        "1404-09-15",
    ]);
    let f = r
        .json_lines()
        .into_iter()
        .find(|f| f["rule"] == "R-MTG-6" && f["file"] == "meetings/1404/ESF-PC-1404-01.yaml")
        .expect("the agenda finding");
    let help = f["help"].as_str().unwrap();
    assert!(
        help.contains("dabir meeting propose-agenda ESF-PC-1404-01 --by BODY --item 'ESF-PC-1403-02-D3: TITLE'"),
        "{help}"
    );
}
