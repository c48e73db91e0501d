//! `dabir check`: diagnostics, hostile input, exit codes.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::*;

/// A tiny valid repository: the config, two bodies and a person.
fn tiny(env: &TestEnv) -> std::path::PathBuf {
    let root = env.path().join("prov");
    write(
        &root,
        "dabir.yaml",
        "province: ESF\nprovince_name: اصفهان\n",
    );
    write(
        &root,
        "bodies/ESF-B-SMT.yaml",
        "id: ESF-B-SMT\nname: سازمان صنعت، معدن و تجارت استان اصفهان\ncategory: industry-mine-trade\n",
    );
    write(
        &root,
        "bodies/ESF-B-OSTANDARI.yaml",
        "id: ESF-B-OSTANDARI\nname: استانداری اصفهان\ncategory: governorate\n",
    );
    write(
        &root,
        "people/ESF-P-001.yaml",
        "id: ESF-P-001\nname: علی رضایی\nbody: ESF-B-OSTANDARI\nposition: معاون برنامه‌ریزی استاندار\n",
    );
    root
}

fn check_json(env: &TestEnv, root: &Path) -> Run {
    env.run(&[
        "check",
        "-C",
        root.to_str().unwrap(),
        "--format",
        "json",
        "--lang",
        "en",
        "--as-of",
        "1404-09-15",
    ])
}

/// The (rule, line, column) of every finding in `file`.
fn findings_in(r: &Run, file: &str) -> Vec<(String, u64, u64)> {
    r.json_lines()
        .into_iter()
        .filter(|f| f["file"] == file)
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap_or(0),
                f["column"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn clean_repository_exits_0() {
    let env = TestEnv::new();
    let root = tiny(&env);
    let r = check_json(&env, &root);
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert_eq!(r.stdout, "");
}

#[test]
fn not_a_repository_exits_3() {
    let env = TestEnv::new();
    let r = env.run(&["check", "-C", "."]);
    assert_eq!(r.code, 3, "{}", r.transcript());
    assert!(r.stderr.contains("dabir.yaml"), "{}", r.stderr);
}

#[test]
fn usage_errors_exit_2() {
    let env = TestEnv::new();
    let root = tiny(&env);
    for args in [
        vec!["check", "--as-of", "1404-12-30"],
        vec!["check", "--format", "xml"],
        vec!["frobnicate"],
    ] {
        let mut a = args.clone();
        a.extend(["-C", root.to_str().unwrap()]);
        let r = env.run(&a);
        assert_eq!(r.code, 2, "{args:?}: {}", r.transcript());
    }
}

#[test]
fn warnings_fail_only_under_strict() {
    let env = TestEnv::new();
    let root = tiny(&env);
    write(&root, "bodies/notes.txt", "scratch");
    let r = check_json(&env, &root);
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert_eq!(
        findings_in(&r, "bodies/notes.txt"),
        vec![("R-FILE-1".into(), 0, 0)]
    );
    let r = env.run(&[
        "check",
        "-C",
        root.to_str().unwrap(),
        "--strict",
        "--as-of",
        "1404-09-15",
    ]);
    assert_eq!(r.code, 1, "{}", r.transcript());
}

#[test]
fn every_finding_in_one_run_with_exact_positions() {
    let env = TestEnv::new();
    let root = tiny(&env);
    // A schema error (unknown key), a broken reference, an impossible date, a wrong id.
    write(
        &root,
        "bodies/ESF-B-SMT.yaml",
        "id: ESF-B-SMT\nname: سازمان صمت\ncategory: industry-mine-trade\nمهلت: فوری\n",
    );
    write(
        &root,
        "people/ESF-P-002.yaml",
        "id: ESF-P-002\nname: مریم کاظمی\nbody: ESF-B-NONE\n",
    );
    write(&root, "people/ESF-P-003.yaml", "id: ESF-P-004\nname: رضا\n");
    write(
        &root,
        "committees/ESF-PC.yaml",
        "id: ESF-PC\nkind: provincial\nname: کمیته استانی\nquorum: majority\nmemberships:\n  - person: ESF-P-001\n    body: ESF-B-OSTANDARI\n    role: chair\n    start: \"1404-12-30\"\n",
    );
    let r = check_json(&env, &root);
    assert_eq!(r.code, 1, "{}", r.transcript());
    assert_eq!(
        findings_in(&r, "bodies/ESF-B-SMT.yaml"),
        vec![("R-SCH-1".into(), 4, 1)]
    );
    assert_eq!(
        findings_in(&r, "people/ESF-P-002.yaml"),
        vec![("R-REF-1".into(), 3, 7)]
    );
    assert_eq!(
        findings_in(&r, "people/ESF-P-003.yaml"),
        vec![("R-ID-2".into(), 1, 5)]
    );
    assert_eq!(
        findings_in(&r, "committees/ESF-PC.yaml"),
        vec![("R-DATE-1".into(), 9, 12)]
    );
    let f = r
        .json_lines()
        .into_iter()
        .find(|f| f["rule"] == "R-REF-1")
        .unwrap();
    assert_eq!(f["record"], "ESF-P-002");
    assert_eq!(
        f["offset"].as_u64().unwrap() as usize,
        "id: ESF-P-002\nname: مریم کاظمی\nbody: ".len()
    );
    assert_eq!(f["length"], 10);
}

#[test]
fn human_output_underlines_the_value_with_character_columns() {
    let env = TestEnv::new();
    let root = tiny(&env);
    write(
        &root,
        "people/ESF-P-002.yaml",
        "id: ESF-P-002\nname: مریم کاظمی\nنقش: ESF-B-NONE\n",
    );
    let r = env.run(&[
        "check",
        "-C",
        root.to_str().unwrap(),
        "--lang",
        "en",
        "--as-of",
        "1404-09-15",
    ]);
    assert_eq!(r.code, 1);
    insta::assert_snapshot!("human_en", r.transcript());
    let r = env.run(&[
        "check",
        "-C",
        root.to_str().unwrap(),
        "--lang",
        "fa",
        "--as-of",
        "1404-09-15",
    ]);
    insta::assert_snapshot!("human_fa", r.transcript());
}

#[test]
fn sarif_is_2_1_0() {
    let env = TestEnv::new();
    let root = tiny(&env);
    write(
        &root,
        "people/ESF-P-002.yaml",
        "id: ESF-P-002\nname: مریم\nbody: ESF-B-NONE\n",
    );
    let r = env.run(&[
        "check",
        "-C",
        root.to_str().unwrap(),
        "--format",
        "sarif",
        "--as-of",
        "1404-09-15",
    ]);
    assert_eq!(r.code, 1);
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["version"], "2.1.0");
    let res = &doc["runs"][0]["results"][0];
    assert_eq!(res["ruleId"], "R-REF-1");
    assert_eq!(
        res["locations"][0]["physicalLocation"]["region"]["startLine"],
        3
    );
    assert_eq!(
        res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "people/ESF-P-002.yaml"
    );
}

/// Each hostile class: the file, the rule, and the line of the finding.
#[test]
fn hostile_yaml_classes() {
    let cases: &[(&str, &[u8], &str, u64)] = &[
        (
            "duplicate-key",
            b"id: ESF-P-002\nname: x\nname: y\n",
            "R-YAML-2",
            3,
        ),
        (
            "nested-duplicate",
            "id: ESF-P-002\nname: x\nbody:\n  a: 1\n  a: 2\n".as_bytes(),
            "R-YAML-2",
            5,
        ),
        (
            "anchor-alias",
            b"id: &i ESF-P-002\nname: *i\n",
            "R-YAML-3",
            1,
        ),
        (
            "tag",
            b"id: ESF-P-002\nname: !include /etc/passwd\n",
            "R-YAML-4",
            2,
        ),
        (
            "two-documents",
            b"id: ESF-P-002\nname: x\n---\nid: ESF-P-003\n",
            "R-YAML-5",
            3,
        ),
        (
            "invalid-utf8",
            b"id: ESF-P-002\nname: \xd8\x28\n",
            "R-YAML-7",
            2,
        ),
        ("nul", b"id: ESF-P-002\nname: a\x00b\n", "R-YAML-7", 2),
        ("syntax", b"id: ESF-P-002\nname: [x\n", "R-YAML-1", 3),
        ("not-a-mapping", b"- ESF-P-002\n", "R-YAML-1", 1),
    ];
    for (name, bytes, rule, line) in cases {
        let env = TestEnv::new();
        let root = tiny(&env);
        write(&root, "people/ESF-P-002.yaml", bytes);
        let r = check_json(&env, &root);
        assert_eq!(r.code, 1, "{name}: {}", r.transcript());
        let got = findings_in(&r, "people/ESF-P-002.yaml");
        assert!(
            !got.is_empty() && got.iter().all(|f| f.0 == *rule),
            "{name}: {got:?}"
        );
        assert_eq!(got[0].1, *line, "{name}: {got:?}");
    }
}

#[test]
fn duplicate_key_names_both_lines() {
    let env = TestEnv::new();
    let root = tiny(&env);
    write(
        &root,
        "people/ESF-P-002.yaml",
        "id: ESF-P-002\nname: x\nposition: y\nname: z\n",
    );
    let r = check_json(&env, &root);
    let f = r
        .json_lines()
        .into_iter()
        .find(|f| f["rule"] == "R-YAML-2")
        .unwrap();
    assert_eq!(f["line"], 4);
    assert_eq!(f["related"][0]["line"], 2);
}

#[test]
fn quadratic_alias_bomb_is_rejected_fast_without_expanding() {
    // 4,000 aliases of a 4,000-item list: ~25 KB that would expand to 16 million nodes.
    let mut s = String::from("id: ESF-P-002\nname: x\nbomb: &a [");
    s.push_str(&vec!["1"; 4000].join(","));
    s.push_str("]\nmore: [");
    s.push_str(&vec!["*a"; 4000].join(","));
    s.push_str("]\n");
    assert!(s.len() > 20_000);
    let env = TestEnv::new();
    let root = tiny(&env);
    write(&root, "people/ESF-P-002.yaml", &s);
    let t = Instant::now();
    let r = check_json(&env, &root);
    // A guard against expansion, not a benchmark: expanding takes seconds and gigabytes.
    assert!(
        t.elapsed() < Duration::from_secs(5),
        "took {:?}",
        t.elapsed()
    );
    assert_eq!(r.code, 1);
    let rules: Vec<_> = findings_in(&r, "people/ESF-P-002.yaml")
        .into_iter()
        .map(|f| f.0)
        .collect();
    assert!(
        !rules.is_empty() && rules.iter().all(|r| r == "R-YAML-3"),
        "{rules:?}"
    );
}

#[test]
fn size_cap_is_checked_before_parsing() {
    let env = TestEnv::new();
    let root = tiny(&env);
    let mut s = String::from("id: ESF-P-002\nname: x\nposition: \"");
    s.push_str(&"ب".repeat(600_000));
    s.push_str("\"\n");
    write(&root, "people/ESF-P-002.yaml", &s);
    let r = check_json(&env, &root);
    assert_eq!(
        findings_in(&r, "people/ESF-P-002.yaml"),
        vec![("R-YAML-6".into(), 0, 0)]
    );
}

#[test]
fn bom_and_crlf_are_read_with_a_warning() {
    let env = TestEnv::new();
    let root = tiny(&env);
    write(
        &root,
        "people/ESF-P-002.yaml",
        "\u{FEFF}id: ESF-P-002\r\nname: x\r\n",
    );
    let r = check_json(&env, &root);
    assert_eq!(r.code, 0, "{}", r.transcript());
    let rules: Vec<_> = findings_in(&r, "people/ESF-P-002.yaml")
        .into_iter()
        .map(|f| f.0)
        .collect();
    assert_eq!(rules, ["R-YAML-8", "R-YAML-8"]);
}

#[test]
fn yaml_11_booleans_are_strings_where_the_schema_wants_strings() {
    let env = TestEnv::new();
    let root = tiny(&env);
    write(
        &root,
        "people/ESF-P-002.yaml",
        "id: ESF-P-002\nname: no\nposition: on\n",
    );
    let r = check_json(&env, &root);
    assert_eq!(r.code, 0, "{}", r.transcript());
}

#[test]
fn unsafe_ids_and_misplaced_files() {
    let env = TestEnv::new();
    let root = tiny(&env);
    write(
        &root,
        "people/ESF-P-002.yaml",
        "id: ../../etc/passwd\nname: x\n",
    );
    write(&root, "people/esf-p-009.yaml", "id: esf-p-009\nname: x\n");
    write(
        &root,
        "meetings/1402/ESF-PC-1403-01.yaml",
        "id: ESF-PC-1403-01\ncommittee: ESF-PC\ndate: \"1403-02-01\"\nstate: scheduled\n",
    );
    write(
        &root,
        "meetings/ESF-PC-1403-02.yaml",
        "id: ESF-PC-1403-02\n",
    );
    let r = check_json(&env, &root);
    assert_eq!(r.code, 1);
    assert_eq!(findings_in(&r, "people/ESF-P-002.yaml")[0].0, "R-SCH-1");
    assert_eq!(findings_in(&r, "people/esf-p-009.yaml")[0].0, "R-SCH-1");
    let misplaced: Vec<_> = findings_in(&r, "meetings/1402/ESF-PC-1403-01.yaml")
        .into_iter()
        .map(|f| f.0)
        .collect();
    assert!(misplaced.contains(&"R-ID-2".to_string()), "{misplaced:?}");
    assert_eq!(
        findings_in(&r, "meetings/ESF-PC-1403-02.yaml")[0].0,
        "R-FILE-1"
    );
}

#[test]
fn symlinks_are_never_followed() {
    let env = TestEnv::new();
    let root = tiny(&env);
    write(
        env.path(),
        "outside/secret.yaml",
        "id: ESF-P-009\nname: x\n",
    );
    std::os::unix::fs::symlink(
        env.path().join("outside/secret.yaml"),
        root.join("people/ESF-P-009.yaml"),
    )
    .unwrap();
    let r = check_json(&env, &root);
    assert_eq!(r.code, 1);
    assert_eq!(
        findings_in(&r, "people/ESF-P-009.yaml"),
        vec![("R-FILE-2".into(), 0, 0)]
    );
}

#[test]
fn persian_digits_and_slashes_in_as_of() {
    let env = TestEnv::new();
    let root = tiny(&env);
    let r = env.run(&[
        "check",
        "-C",
        root.to_str().unwrap(),
        "--as-of",
        "۱۴۰۴/۰۹/۱۵",
    ]);
    assert_eq!(r.code, 0, "{}", r.transcript());
}

#[test]
fn sample_province_is_clean_at_its_date() {
    let env = TestEnv::new();
    let r = env.run(&[
        "check",
        "-C",
        sample().to_str().unwrap(),
        "--as-of",
        "1404-09-15",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert!(r.json_lines().iter().all(|f| f["severity"] != "error"));
}

#[test]
fn sample_province_carries_the_schemas_its_modelines_name() {
    for (name, text) in dabir::schema::FILES {
        let copy = std::fs::read_to_string(sample().join("schema").join(name)).unwrap_or_default();
        assert_eq!(
            copy, text,
            "sample-province/schema/{name} differs from schema/{name}: copy it again"
        );
    }
}

#[test]
fn schema_only_skips_the_domain_rules() {
    let env = TestEnv::new();
    let root = env.copy_of(&sample(), "prov");
    let all = env.run(&[
        "check",
        "-C",
        root.to_str().unwrap(),
        "--as-of",
        "1404-09-15",
        "--format",
        "json",
    ]);
    assert!(
        all.json_lines().iter().any(|f| f["rule"] == "R-SUP-1"),
        "{}",
        all.transcript()
    );
    let only = env.run(&[
        "check",
        "-C",
        root.to_str().unwrap(),
        "--as-of",
        "1404-09-15",
        "--format",
        "json",
        "--schema-only",
    ]);
    assert_eq!(only.code, 0);
    assert_eq!(only.stdout, "");
}

/// In Persian mode a mistyped flag and a refused request read Persian, header included;
/// `--lang en` keeps clap's and miette's English.
#[test]
fn argument_errors_and_refusals_in_persian() {
    let env = TestEnv::new();
    let dir = env.copy_of(&sample(), "province");
    for args in [
        &["init", "-q"][..],
        &["add", "-A"],
        &["commit", "-q", "-m", "records"],
    ] {
        assert_eq!(env.git(&dir, args).code, 0);
    }
    let d = dir.to_str().unwrap();
    let r = env.run(&["check", "-C", d, "--stirct"]);
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(
        r.stderr.starts_with("خطا: گزینه «--stirct» شناخته نیست"),
        "{}",
        r.transcript()
    );
    assert!(
        r.stderr.contains("شاید منظورتان «--strict» است"),
        "{}",
        r.transcript()
    );
    let r = env.run(&["check", "-C", d, "--lang", "en", "--stirct"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("unexpected argument"),
        "{}",
        r.transcript()
    );
    let r = env.run(&["check", "-C", d, "--rev", "no-such-revision"]);
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(
        r.stderr.contains("دبیر: درخواست پذیرفته نشد"),
        "{}",
        r.transcript()
    );
    assert!(!r.stderr.contains("dabir::usage"), "{}", r.transcript());
    let r = env.run(&[
        "check",
        "-C",
        d,
        "--lang",
        "en",
        "--rev",
        "no-such-revision",
    ]);
    assert!(r.stderr.contains("dabir::usage"), "{}", r.transcript());
    // Every refusal a person reads is Persian: a hostile id, an unknown rule, a file to
    // attach that is not there, a committee the calendar does not know.
    for (args, said) in [
        (&["show", "-C", d, "../x"][..], "شناسه"),
        (
            &["explain", "-C", d, "R-NOPE-1"],
            "هیچ قاعده‌ای شناسه «R-NOPE-1» ندارد",
        ),
        (
            &["attach", "-C", d, "ESF-PC-1403-02", "/nonexistent/scan.pdf"],
            "خوانده نشد",
        ),
        (
            &["calendar", "-C", d, "--committee", "ESF-NOPE"],
            "کمیته‌ای با شناسه «ESF-NOPE»",
        ),
    ] {
        let r = env.run(args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.transcript());
        assert!(r.stderr.contains(said), "{args:?}: {}", r.transcript());
        assert!(
            !r.stderr.contains("the id") && !r.stderr.contains("no rule"),
            "{args:?}: {}",
            r.transcript()
        );
    }
}
