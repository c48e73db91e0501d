//! The annual programme (docs/domain.md, "The annual programme"): `init --national`,
//! a province adopting the programme and recording its progress (one commit each, a
//! refusal changing nothing), and `national brief` showing the progress per axis and
//! province and the provinces that did not report for the season.

use std::path::{Path, PathBuf};

use crate::common::*;

/// A national repository made by `init --national`.
fn national(env: &TestEnv) -> PathBuf {
    let nat = env.path().join("national");
    let r = dabir(env, &nat, &["init", "--national", "--lang", "en"]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    nat
}

/// A copy of the sample province (ESF) in its own git repository.
fn province(env: &TestEnv, name: &str) -> PathBuf {
    let dir = env.copy_of(&sample(), name);
    git(env, &dir, &["init", "-q", "-b", "main"]);
    git(env, &dir, &["add", "-A"]);
    git(env, &dir, &["commit", "-q", "-m", "the province"]);
    dir
}

/// Every file of the work tree with its bytes, and HEAD: what a refusal must not move.
fn state(env: &TestEnv, dir: &Path) -> (String, String, Vec<(PathBuf, Vec<u8>)>) {
    fn walk(root: &Path, at: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
        for e in std::fs::read_dir(at).unwrap() {
            let p = e.unwrap().path();
            if p.file_name().is_some_and(|n| n == ".git") {
                continue;
            }
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.push((
                    p.strip_prefix(root).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                ));
            }
        }
    }
    let mut files = Vec::new();
    walk(dir, dir, &mut files);
    files.sort();
    (
        git(env, dir, &["rev-parse", "HEAD"]),
        git(env, dir, &["status", "--porcelain"]),
        files,
    )
}

#[test]
fn init_national_makes_a_clean_national_repository() {
    let env = TestEnv::new();
    let nat = national(&env);
    let r = dabir(&env, &nat, &["check", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert!(r.json_lines().is_empty(), "{}", r.transcript());
    let r = dabir(&env, &nat, &["check", "--strict", "--lang", "en"]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    // The council, the working group (TPO's secretariat), the bodies, the programme.
    for f in [
        "committees/NAT-NC.yaml",
        "committees/NAT-WG.yaml",
        "bodies/NAT-B-ISIPO.yaml",
        "bodies/NAT-B-TPO.yaml",
        "bodies/NAT-B-MIMT.yaml",
        "bodies/NAT-B-CBI.yaml",
    ] {
        assert!(nat.join(f).is_file(), "{f} missing");
    }
    let wg = std::fs::read_to_string(nat.join("committees/NAT-WG.yaml")).unwrap();
    assert!(wg.contains("kind: working-group") && wg.contains("secretariat: NAT-B-TPO"));
    let pg = std::fs::read_to_string(nat.join("programmes/NAT-PG-1404.yaml")).unwrap();
    assert_eq!(pg.matches("- number:").count(), 13, "{pg}");
    assert!(pg.contains("target: 5000000000000"), "{pg}");
    assert!(pg.contains("راه‌اندازی سامانه B2B"), "{pg}");
    let log = git(&env, &nat, &["log", "--format=%s%n%b"]);
    assert!(log.contains("Dabir-Action: init"), "{log}");
    // A second init changes nothing.
    let r = dabir(&env, &nat, &["init", "--national"]);
    assert_eq!(r.code, 2, "{}", r.transcript());
}

#[test]
fn progress_is_one_commit_and_a_refusal_changes_nothing() {
    let env = TestEnv::new();
    let nat = national(&env);
    let esf = province(&env, "esf");
    let r = dabir(&env, &esf, &["programme", "adopt", nat.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert!(esf.join("programmes/NAT-PG-1404.yaml").is_file());
    assert!(esf.join("bodies/NAT-B-ISIPO.yaml").is_file());
    // Adopting the same programme again has nothing to change.
    let r = dabir(&env, &esf, &["programme", "adopt", nat.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.transcript());

    let before = git(&env, &esf, &["rev-parse", "HEAD"]);
    let r = dabir(
        &env,
        &esf,
        &[
            "programme",
            "progress",
            "1",
            "--season",
            "1404-Q1",
            "--value",
            "1000000000000",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.transcript());
    let parent = git(&env, &esf, &["rev-parse", "HEAD~1"]);
    assert_eq!(parent, before, "exactly one commit");
    let msg = git(&env, &esf, &["log", "-1", "--format=%B"]);
    assert!(
        msg.starts_with("پیشرفت استان ESF در محور ۱ برنامه NAT-PG-1404"),
        "{msg}"
    );
    for t in [
        "Dabir-Action: programme.progress",
        "Dabir-Record: ESF-PGP-1404",
        "Dabir-Date: 1404-09-15",
    ] {
        assert!(msg.contains(t), "{t} in {msg}");
    }
    let rec = std::fs::read_to_string(esf.join("progress/1404/ESF-PGP-1404.yaml")).unwrap();
    assert!(rec.contains("programme: NAT-PG-1404") && rec.contains("season: \"1404-Q1\""));
    let r = dabir(&env, &esf, &["check", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.transcript());

    // --dry-run prints the commit and writes nothing; English subject with --lang en.
    let clean = state(&env, &esf);
    let r = dabir(
        &env,
        &esf,
        &[
            "programme",
            "progress",
            "7",
            "--season",
            "1404-Q2",
            "--value",
            "4",
            "--dry-run",
            "--lang",
            "en",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert!(
        r.stdout
            .starts_with("Progress of ESF on axis 7 of NAT-PG-1404 (1404-Q2): 4"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("+  - axis: 7"), "{}", r.stdout);
    assert_eq!(state(&env, &esf), clean);

    // Refused: an axis the programme does not have, a decreasing figure, a season twice,
    // a season of another year; each names its rule and leaves everything as it was.
    for (args, rule) in [
        (
            &["40", "--season", "1404-Q2", "--value", "3"][..],
            "R-PRG-1",
        ),
        (&["1", "--season", "1404-Q2", "--value", "900"], "R-PRG-2"),
        (
            &["1", "--season", "1404-Q1", "--value", "2000000000000"],
            "R-PRG-2",
        ),
    ] {
        let mut full = vec!["programme", "progress"];
        full.extend_from_slice(args);
        full.extend_from_slice(&["--lang", "en"]);
        let r = dabir(&env, &esf, &full);
        assert_eq!(r.code, 2, "{args:?}: {}", r.transcript());
        assert!(r.stderr.contains(rule), "{args:?}: {}", r.transcript());
        assert!(
            r.stderr.contains("progress/1404/ESF-PGP-1404.yaml"),
            "{}",
            r.stderr
        );
        assert_eq!(state(&env, &esf), clean, "{args:?} changed something");
    }
    // A programme the province has not adopted: R-REF-1, nothing written.
    let r = dabir(
        &env,
        &esf,
        &[
            "programme",
            "progress",
            "1",
            "--season",
            "1405-Q1",
            "--value",
            "1",
        ],
    );
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(r.stderr.contains("R-REF-1"), "{}", r.transcript());
    assert_eq!(state(&env, &esf), clean);

    // Above the target: written, with R-PRG-3's warning until a note says why.
    let r = dabir(
        &env,
        &esf,
        &[
            "programme",
            "progress",
            "1",
            "--season",
            "1404-Q2",
            "--value",
            "6000000000000",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.transcript());
    let r = dabir(&env, &esf, &["check", "--format", "json"]);
    let rules: Vec<String> = r
        .json_lines()
        .iter()
        .map(|l| l["rule"].as_str().unwrap().to_string())
        .filter(|rule| rule.starts_with("R-PRG"))
        .collect();
    assert_eq!(rules, ["R-PRG-3"], "{}", r.transcript());
}

#[test]
fn national_brief_shows_the_programme_and_who_did_not_report() {
    let env = TestEnv::new();
    let nat = national(&env);
    let esf = province(&env, "esf");
    let yzd = province(&env, "yzd");
    for dir in [&esf, &yzd] {
        let r = dabir(&env, dir, &["programme", "adopt", nat.to_str().unwrap()]);
        assert_eq!(r.code, 0, "{}", r.transcript());
    }
    for (season, value) in [("1404-Q1", "1500000000000"), ("1404-Q2", "2500000000000")] {
        let r = dabir(
            &env,
            &esf,
            &[
                "programme",
                "progress",
                "1",
                "--season",
                season,
                "--value",
                value,
            ],
        );
        assert_eq!(r.code, 0, "{}", r.transcript());
    }
    // YZD (the same sample under another remote name) reported Q1 only.
    let r = dabir(
        &env,
        &yzd,
        &[
            "programme",
            "progress",
            "1",
            "--season",
            "1404-Q1",
            "--value",
            "700000000000",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.transcript());
    for (code, dir) in [("ESF", &esf), ("YZD", &yzd)] {
        let r = dabir(
            &env,
            &nat,
            &["national", "add", code, dir.to_str().unwrap()],
        );
        assert_eq!(r.code, 0, "{}", r.transcript());
    }
    let r = dabir(&env, &nat, &["national", "fetch"]);
    assert_eq!(r.code, 0, "{}", r.transcript());

    let r = dabir(&env, &nat, &["national", "brief", "--format", "json"]);
    let v: serde_json::Value =
        serde_json::from_str(&r.stdout).unwrap_or_else(|_| panic!("{}", r.transcript()));
    let p = &v["programme"];
    assert_eq!(p["programme"], "NAT-PG-1404");
    assert_eq!(
        p["season"], "1404-Q2",
        "the last season ended before 1404-09-15"
    );
    assert_eq!(p["not_reported"], serde_json::json!(["YZD"]));
    let axis1 = &p["axes"][0];
    assert_eq!(axis1["target"], 5_000_000_000_000u64);
    assert_eq!(axis1["provinces"]["ESF"], 2_500_000_000_000u64);
    assert_eq!(axis1["provinces"]["YZD"], 700_000_000_000u64);
    assert_eq!(axis1["total"], 3_200_000_000_000u64);

    // For Q1 every province reported, and ESF's figure is its Q1 one.
    let r = dabir(
        &env,
        &nat,
        &[
            "national", "brief", "--format", "json", "--season", "1404-Q1",
        ],
    );
    let v: serde_json::Value =
        serde_json::from_str(&r.stdout).unwrap_or_else(|_| panic!("{}", r.transcript()));
    assert_eq!(v["programme"]["not_reported"], serde_json::json!([]));
    assert_eq!(
        v["programme"]["axes"][0]["provinces"]["ESF"],
        1_500_000_000_000u64
    );

    let r = dabir(&env, &nat, &["national", "brief", "--lang", "en"]);
    assert!(
        r.stdout
            .contains("Annual programme NAT-PG-1404, cumulative to the end of 1404-Q2"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("not reported for 1404-Q2: YZD"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("3,200,000,000,000"), "{}", r.stdout);
    let r = dabir(&env, &nat, &["national", "brief", "--lang", "fa"]);
    assert!(
        r.stdout.contains("بی‌گزارش در فصل 1404-Q2: YZD"),
        "{}",
        r.stdout
    );
}

/// `dabir edit` of a progress record is judged as `programme progress` is: a figure
/// edited lower than an earlier season's is refused (R-PRG-2) and nothing is committed.
#[test]
fn an_edit_that_lowers_a_cumulative_figure_is_refused() {
    let env = TestEnv::new();
    let nat = national(&env);
    let esf = province(&env, "esf");
    let r = dabir(&env, &esf, &["programme", "adopt", nat.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    for (season, value) in [("1404-Q1", "40"), ("1404-Q2", "55")] {
        let r = dabir(
            &env,
            &esf,
            &[
                "programme",
                "progress",
                "6",
                "--season",
                season,
                "--value",
                value,
            ],
        );
        assert_eq!(r.code, 0, "{}", r.transcript());
    }
    let clean = state(&env, &esf);
    let seen = env.path().join("seen");
    let editor = env.path().join("editor.sh");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\nif grep -q '^# dabir: ' \"$1\"; then grep '^# dabir: ' \"$1\" > '{}'; exit 1; fi\nsed -i 's/value: 55/value: 30/' \"$1\"\n",
            seen.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let out = env
        .dabir()
        .env("EDITOR", &editor)
        .args([
            "-C",
            esf.to_str().unwrap(),
            "--lang",
            "en",
            "edit",
            "ESF-PGP-1404",
        ])
        .output()
        .unwrap();
    let seen = std::fs::read_to_string(&seen).unwrap_or_default();
    assert_eq!(
        out.status.code(),
        Some(2),
        "{seen}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(seen.contains("refused by R-PRG-2 "), "saw: {seen}");
    assert_eq!(state(&env, &esf), clean, "nothing committed");
}
