//! The national registry in a province (issue 14): the province's records name ISIPO,
//! TPO and the national working group by their national ids (`NAT-B-ISIPO`, `NAT-B-TPO`,
//! `NAT-WG`) and keep a read-only copy of the registry, brought in by `dabir national
//! vendor` from a national repository's directory or from a git remote (real git, local
//! paths, no network). A national id the province cannot resolve is R-REF-2 with the way
//! to get the registry, in `check` and in every write; the national roll-up leaves the
//! copy out of the province's records.

use std::path::{Path, PathBuf};

use crate::common::*;

/// The records of the national registry the sample keeps a copy of.
const REGISTRY: usize = 15;

/// A national repository made by `dabir init --national`.
fn national_repo(env: &TestEnv) -> PathBuf {
    let nat = env.path().join("national");
    std::fs::create_dir(&nat).unwrap();
    let r = dabir(
        env,
        &nat,
        &["init", "--national", "--year", "1404", "--quiet"],
    );
    assert_eq!(r.code, 0, "{}", r.transcript());
    nat
}

/// The national records' files of a directory (`bodies/NAT-*`, `committees/NAT-*`).
fn national_files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for sub in ["bodies", "people", "committees"] {
        let Ok(rd) = std::fs::read_dir(dir.join(sub)) else {
            continue;
        };
        for e in rd {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            if name.starts_with("NAT-") {
                out.push(format!("{sub}/{name}"));
            }
        }
    }
    out.sort();
    out
}

/// A git copy of the sample whose copy of the national registry was removed: its
/// records still name `NAT-B-ISIPO`, `NAT-B-TPO` and `NAT-WG`.
fn province_without_registry(env: &TestEnv) -> PathBuf {
    let esf = env.copy_of(&sample(), "esf");
    for f in national_files(&esf) {
        std::fs::remove_file(esf.join(f)).unwrap();
    }
    git(env, &esf, &["init", "-q", "-b", "main"]);
    git(env, &esf, &["add", "-A"]);
    git(
        env,
        &esf,
        &["commit", "-q", "-m", "the province, without the registry"],
    );
    esf
}

fn check_json(env: &TestEnv, dir: &Path) -> Run {
    dabir(
        env,
        dir,
        &[
            "check",
            "--as-of",
            "1404-09-15",
            "--format",
            "json",
            "--lang",
            "en",
        ],
    )
}

fn rules_of(run: &Run) -> Vec<String> {
    run.json_lines()
        .iter()
        .map(|l| l["rule"].as_str().unwrap().to_string())
        .collect()
}

fn last_message(env: &TestEnv, dir: &Path) -> String {
    git(env, dir, &["log", "-1", "--format=%B"])
}

#[test]
fn the_sample_keeps_a_copy_of_the_registry_init_national_makes() {
    let env = TestEnv::new();
    let nat = national_repo(&env);
    let ours = national_files(&sample());
    assert_eq!(ours.len(), REGISTRY, "{ours:?}");
    for f in &ours {
        let a = std::fs::read(sample().join(f)).unwrap();
        let b = std::fs::read(nat.join(f)).unwrap_or_default();
        assert_eq!(a, b, "{f} differs from what `init --national` writes");
    }
    for old in [
        "bodies/ESF-B-ISIPO.yaml",
        "bodies/ESF-B-TPO.yaml",
        "committees/ESF-NWG.yaml",
    ] {
        assert!(
            !sample().join(old).exists(),
            "{old}: the province's own copy"
        );
    }
}

#[test]
fn a_national_id_the_province_cannot_resolve_says_how_to_get_the_registry() {
    let env = TestEnv::new();
    let esf = province_without_registry(&env);
    let r = check_json(&env, &esf);
    assert_eq!(r.code, 1, "{}", r.transcript());
    let rules = rules_of(&r);
    assert!(rules.iter().any(|x| x == "R-REF-2"), "{}", r.stdout);
    assert!(!rules.iter().any(|x| x == "R-REF-1"), "{}", r.stdout);
    for l in r.json_lines().iter().filter(|l| l["rule"] == "R-REF-2") {
        let help = l["help"].as_str().unwrap();
        assert!(
            help.contains("dabir national vendor --remote national")
                && help.contains("dabir national vendor <DIR>"),
            "{help}"
        );
        assert!(l["message"].as_str().unwrap().contains("national id"));
    }
    let named: Vec<String> = r
        .json_lines()
        .iter()
        .filter(|l| l["rule"] == "R-REF-2")
        .map(|l| l["file"].as_str().unwrap().to_string())
        .collect();
    for f in ["disputes/ESF-DS-1404-01.yaml", "bodies/ESF-B-SHAHRAK.yaml"] {
        assert!(named.iter().any(|n| n == f), "{f}: {named:?}");
    }
    // In Persian too, in the human output.
    let r = dabir(&env, &esf, &["check", "--as-of", "1404-09-15"]);
    assert_eq!(r.code, 1);
    let all = format!("{}{}", r.stdout, r.stderr);
    assert!(
        all.contains("R-REF-2") && all.contains("شناسه‌ای ملی"),
        "{all}"
    );
    assert!(
        all.contains("dabir national vendor --remote national"),
        "{all}"
    );
    // And `explain` knows the rule.
    let r = dabir(&env, &esf, &["explain", "R-REF-2", "--lang", "en"]);
    assert_eq!(r.code, 0, "{}", r.transcript());
}

#[test]
fn vendor_from_a_path_is_one_commit_and_resolves_the_national_ids() {
    let env = TestEnv::new();
    let nat = national_repo(&env);
    let esf = province_without_registry(&env);
    let before = git(&env, &esf, &["rev-parse", "HEAD"]);
    let r = dabir(&env, &esf, &["national", "vendor", nat.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert_eq!(
        git(&env, &esf, &["rev-parse", "HEAD~1"]),
        before,
        "one commit"
    );
    let msg = last_message(&env, &esf);
    assert!(msg.contains("Dabir-Action: national.vendor"), "{msg}");
    assert!(msg.contains("Dabir-Record: NAT-B-TPO"), "{msg}");
    assert!(msg.contains("Dabir-Record: NAT-WG"), "{msg}");
    assert_eq!(national_files(&esf), national_files(&sample()));
    assert_eq!(git(&env, &esf, &["status", "--porcelain"]), "");
    let r = check_json(&env, &esf);
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert!(!rules_of(&r).iter().any(|x| x.starts_with("R-REF")));
    // Again, with nothing new: refused, nothing committed.
    let head = git(&env, &esf, &["rev-parse", "HEAD"]);
    let r = dabir(&env, &esf, &["national", "vendor", nat.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert_eq!(git(&env, &esf, &["rev-parse", "HEAD"]), head);
    // A province's repository is not a national one.
    let other = env.copy_of(&sample(), "other");
    let r = dabir(&env, &esf, &["national", "vendor", other.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(r.stderr.contains("national"), "{}", r.stderr);
}

#[test]
fn vendor_from_a_git_remote_reads_the_fetched_objects() {
    let env = TestEnv::new();
    let nat = national_repo(&env);
    // The national office renames TPO's record in its own repository: the province gets
    // it as committed there.
    let r = dabir(
        &env,
        &nat,
        &[
            "body",
            "rename",
            "NAT-B-TPO",
            "--name",
            "سازمان توسعه تجارت ایران (ملی)",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.transcript());
    let esf = province_without_registry(&env);
    let r = dabir(&env, &esf, &["national", "vendor", "--remote", "national"]);
    assert_eq!(r.code, 2, "no such remote yet: {}", r.transcript());
    assert!(r.stderr.contains("git remote add national"), "{}", r.stderr);
    git(
        &env,
        &esf,
        &["remote", "add", "national", nat.to_str().unwrap()],
    );
    let r = dabir(&env, &esf, &["national", "vendor", "--remote", "national"]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    let tpo = std::fs::read_to_string(esf.join("bodies/NAT-B-TPO.yaml")).unwrap();
    assert!(tpo.contains("(ملی)"), "{tpo}");
    let msg = last_message(&env, &esf);
    assert!(msg.contains("Dabir-Action: national.vendor"), "{msg}");
    let nat_head = git(&env, &nat, &["rev-parse", "HEAD"]);
    assert!(msg.contains(&nat_head[..10]), "the source commit: {msg}");
    assert_eq!(
        git(&env, &esf, &["rev-parse", "refs/dabir-national/national"]),
        nat_head
    );
    let r = check_json(&env, &esf);
    assert_eq!(r.code, 0, "{}", r.transcript());
    // A remote that cannot be reached: could not run, nothing changed.
    git(
        &env,
        &esf,
        &["remote", "set-url", "national", "/nowhere/national.git"],
    );
    let head = git(&env, &esf, &["rev-parse", "HEAD"]);
    let r = dabir(&env, &esf, &["national", "vendor", "--remote", "national"]);
    assert_eq!(r.code, 3, "{}", r.transcript());
    assert_eq!(git(&env, &esf, &["rev-parse", "HEAD"]), head);
}

#[test]
fn writes_refuse_an_unresolved_national_id_and_never_edit_the_copy() {
    let env = TestEnv::new();
    let esf = env.copy_of(&sample(), "esf");
    git(&env, &esf, &["init", "-q", "-b", "main"]);
    git(&env, &esf, &["add", "-A"]);
    git(&env, &esf, &["commit", "-q", "-m", "the province"]);
    let head = git(&env, &esf, &["rev-parse", "HEAD"]);
    let body_add = |id: &str, parent: Option<&str>| {
        let mut args = vec![
            "--lang",
            "en",
            "body",
            "add",
            id,
            "--name",
            "نهاد تازه",
            "--category",
            "other",
        ];
        args.extend(parent.map(|p| ["--parent", p]).into_iter().flatten());
        dabir(&env, &esf, &args)
    };
    // A body under a national body the registry does not have: R-REF-2, with the hint.
    let r = body_add("ESF-B-NEW", Some("NAT-B-NOSUCH"));
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(r.stderr.contains("R-REF-2"), "{}", r.stderr);
    assert!(r.stderr.contains("dabir national vendor"), "{}", r.stderr);
    // One under a national body the copy has: fine.
    let r = body_add("ESF-B-NEW", Some("NAT-B-ISIPO"));
    assert_eq!(r.code, 0, "{}", r.transcript());
    let head2 = git(&env, &esf, &["rev-parse", "HEAD"]);
    assert_ne!(head, head2);
    // The copy is read-only: no rename, no new national record.
    let r = dabir(
        &env,
        &esf,
        &[
            "--lang",
            "en",
            "body",
            "rename",
            "NAT-B-TPO",
            "--name",
            "نام دیگر",
        ],
    );
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(r.stderr.contains("R-ID-4"), "{}", r.stderr);
    assert!(r.stderr.contains("read-only"), "{}", r.stderr);
    let r = body_add("NAT-B-NEW", None);
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(r.stderr.contains("R-ID-4"), "{}", r.stderr);
    assert_eq!(git(&env, &esf, &["rev-parse", "HEAD"]), head2);
    assert_eq!(git(&env, &esf, &["status", "--porcelain"]), "");
}

#[test]
fn rules_on_national_bodies_work_with_the_national_ids() {
    let env = TestEnv::new();
    let esf = env.copy_of(&sample(), "esf");
    // The open dispute at the national step: R-DIS-1 finds the national working group
    // (its secretariat TPO) through the copy; pointing it at a provincial committee
    // breaks the rule.
    let r = check_json(&env, &esf);
    assert_eq!(r.code, 0, "{}", r.transcript());
    let path = esf.join("disputes/ESF-DS-1404-01.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("committee: NAT-WG"), "{text}");
    std::fs::write(
        &path,
        text.replace("committee: NAT-WG", "committee: ESF-EC"),
    )
    .unwrap();
    let r = check_json(&env, &esf);
    assert!(rules_of(&r).iter().any(|x| x == "R-DIS-1"), "{}", r.stdout);
}

#[test]
fn the_national_roll_up_leaves_the_copy_out() {
    let env = TestEnv::new();
    let esf = env.copy_of(&sample(), "esf");
    git(&env, &esf, &["init", "-q", "-b", "main"]);
    git(&env, &esf, &["add", "-A"]);
    git(&env, &esf, &["commit", "-q", "-m", "the province"]);
    let nat = national_repo(&env);
    let r = dabir(
        &env,
        &nat,
        &["national", "add", "ESF", esf.to_str().unwrap()],
    );
    assert_eq!(r.code, 0, "{}", r.transcript());
    let r = dabir(&env, &nat, &["national", "fetch"]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    let r = dabir(
        &env,
        &nat,
        &[
            "national",
            "brief",
            "--as-of",
            "1404-09-15",
            "--format",
            "json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.transcript());
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let records = v["provinces"][0]["records"].as_u64().unwrap() as usize;
    let c = check_json(&env, &esf);
    let all = count_records(&env, &esf);
    assert_eq!(records, all - REGISTRY, "{}\n{}", r.stdout, c.stdout);
}

/// The records `check` counted (from its English summary line).
fn count_records(env: &TestEnv, dir: &Path) -> usize {
    let r = dabir(
        env,
        dir,
        &["check", "--as-of", "1404-09-15", "--lang", "en"],
    );
    let all = format!("{}{}", r.stdout, r.stderr);
    let line = all
        .lines()
        .find(|l| l.starts_with("checked "))
        .unwrap_or_else(|| panic!("{all}"));
    line.split_whitespace()
        .find_map(|w| w.parse().ok())
        .unwrap_or_else(|| panic!("{line}"))
}
