//! The national roll-up: two provinces as git remotes of a national repository, fetched,
//! checked and briefed from git objects; totals equal the sum of the provinces' own
//! checks; a province that stopped syncing, one never fetched, and a change that reaches
//! the national office on the next fetch (the per-province cache follows it).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::*;

/// Rewrite every file and file name of a copy of the sample from ESF to `code`.
fn province_like_sample(env: &TestEnv, code: &str, name: &str) -> PathBuf {
    fn walk(dir: &Path, code: &str, name: &str) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, code, name);
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            let text = text
                .replace("ESF", code)
                .replace("province_name: اصفهان", &format!("province_name: {name}"));
            let file = p
                .file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .replace("ESF", code);
            std::fs::remove_file(&p).unwrap();
            std::fs::write(p.with_file_name(file), text).unwrap();
        }
    }
    let dir = env.copy_of(&sample(), &code.to_lowercase());
    if code != "ESF" {
        walk(&dir, code, name);
    }
    git(env, &dir, &["init", "-q", "-b", "main"]);
    git(env, &dir, &["add", "-A"]);
    git(env, &dir, &["commit", "-q", "-m", "the province"]);
    dir
}

/// A national repository with ESF and KHR added and fetched.
fn national(env: &TestEnv) -> (PathBuf, PathBuf, PathBuf) {
    let esf = province_like_sample(env, "ESF", "اصفهان");
    let khr = province_like_sample(env, "KHR", "خراسان رضوی");
    let nat = env.path().join("national");
    std::fs::create_dir(&nat).unwrap();
    git(env, &nat, &["init", "-q", "-b", "main"]);
    for (code, dir) in [("ESF", &esf), ("KHR", &khr)] {
        let r = dabir(env, &nat, &["national", "add", code, dir.to_str().unwrap()]);
        assert_eq!(r.code, 0, "{}", r.transcript());
    }
    let r = dabir(env, &nat, &["national", "fetch"]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    (nat, esf, khr)
}

fn counts(run: &Run) -> (usize, usize) {
    let lines = run.json_lines();
    let of = |s: &str| lines.iter().filter(|l| l["severity"] == s).count();
    (of("error"), of("warning"))
}

#[test]
fn national_totals_are_the_sum_of_the_provinces() {
    let env = TestEnv::new();
    let (nat, esf, khr) = national(&env);
    let date = ["--as-of", "1404-09-15", "--format", "json"];
    let mut sum = (0, 0);
    for dir in [&esf, &khr] {
        let r = dabir(&env, dir, &[&date[..], &["check"]].concat());
        let (e, w) = counts(&r);
        sum = (sum.0 + e, sum.1 + w);
    }
    assert!(sum.1 > 0, "the sample's deliberate warnings");
    let r = dabir(&env, &nat, &[&date[..], &["national", "check"]].concat());
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert_eq!(counts(&r), sum, "{}", r.stdout);
    let files: Vec<String> = r
        .json_lines()
        .iter()
        .map(|l| l["file"].as_str().unwrap().to_string())
        .collect();
    assert!(
        files.iter().any(|f| f.starts_with("ESF/")) && files.iter().any(|f| f.starts_with("KHR/")),
        "{files:?}"
    );

    // The same again from the cache, and the brief's totals add up.
    let again = dabir(&env, &nat, &[&date[..], &["national", "check"]].concat());
    assert_eq!(again.stdout, r.stdout);
    let b = dabir(&env, &nat, &[&date[..], &["national", "brief"]].concat());
    assert_eq!(b.code, 0, "{}", b.transcript());
    let v: serde_json::Value = serde_json::from_str(b.stdout.trim()).unwrap();
    let provinces = v["provinces"].as_array().unwrap();
    assert_eq!(provinces.len(), 2);
    for key in [
        "meetings_held",
        "decisions_open",
        "decisions_overdue",
        "supervision_gaps",
    ] {
        let sum: u64 = provinces.iter().map(|p| p[key].as_u64().unwrap()).sum();
        assert_eq!(v["total"][key].as_u64().unwrap(), sum, "{key}");
    }
    assert!(
        v["total"]["decisions_overdue"].as_u64().unwrap() >= 4,
        "two overdue in each sample copy"
    );
    assert!(
        !v["total"]["budget_per_funder"]
            .as_object()
            .unwrap()
            .is_empty()
    );

    // People read it in Persian, with both provinces and the total.
    let h = dabir(&env, &nat, &["--as-of", "1404-09-15", "national", "brief"]);
    assert_eq!(h.code, 0, "{}", h.transcript());
    for needle in ["ESF", "KHR", "جمع", "مصوبه باز"] {
        assert!(h.stdout.contains(needle), "missing {needle}\n{}", h.stdout);
    }
    // --province narrows; an unknown code is a usage error.
    let one = dabir(
        &env,
        &nat,
        &[&date[..], &["national", "brief", "--province", "KHR"]].concat(),
    );
    let v: serde_json::Value = serde_json::from_str(one.stdout.trim()).unwrap();
    assert_eq!(v["provinces"].as_array().unwrap().len(), 1);
    let bad = dabir(&env, &nat, &["national", "check", "--province", "TEH"]);
    assert_eq!(bad.code, 2, "{}", bad.transcript());
}

#[test]
fn a_change_reaches_the_national_check_on_the_next_fetch() {
    let env = TestEnv::new();
    let (nat, esf, _khr) = national(&env);
    let date = ["--as-of", "1404-09-15", "--format", "json"];
    let before = dabir(&env, &nat, &[&date[..], &["national", "check"]].concat());
    assert_eq!(before.code, 0);
    let p = esf.join("people/ESF-P-001.yaml");
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(
        &p,
        text.replace("body: ESF-B-OSTANDARI", "body: ESF-B-NOWHERE"),
    )
    .unwrap();
    git(&env, &esf, &["commit", "-q", "-am", "a broken reference"]);
    // Not fetched yet: the national office still sees the old records.
    let same = dabir(&env, &nat, &[&date[..], &["national", "check"]].concat());
    assert_eq!(same.stdout, before.stdout);
    assert_eq!(
        dabir(&env, &nat, &["national", "fetch", "--province", "ESF"]).code,
        0
    );
    let after = dabir(&env, &nat, &[&date[..], &["national", "check"]].concat());
    assert_eq!(after.code, 1, "{}", after.transcript());
    assert!(
        after
            .json_lines()
            .iter()
            .any(|l| l["rule"] == "R-REF-1" && l["file"] == "ESF/people/ESF-P-001.yaml"),
        "{}",
        after.stdout
    );
    // The changed province was checked with its own record cache (keyed by blob id:
    // the changed record was parsed again, the others taken from it), and says what a
    // check without any cache says.
    assert!(nat.join(".git/dabir/national/ESF/ESF.bin").is_file());
    let fresh = dabir(
        &env,
        &nat,
        &[&date[..], &["national", "check", "--no-cache"]].concat(),
    );
    assert_eq!(after.stdout, fresh.stdout);
    // Human output shows the line from git objects.
    let h = dabir(
        &env,
        &nat,
        &["--as-of", "1404-09-15", "--lang", "en", "national", "check"],
    );
    assert!(h.stdout.contains("ESF-B-NOWHERE"), "{}", h.stdout);
}

#[test]
fn a_province_that_stopped_syncing_is_a_finding() {
    let env = TestEnv::new();
    let (nat, esf, _khr) = national(&env);
    // ESF commits again 40 days later; KHR's last commit stays at 1404-09-15.
    let out = Command::new("git")
        .args(["commit", "-q", "--allow-empty", "-m", "later"])
        .current_dir(&esf)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", env.path())
        .env("GIT_AUTHOR_NAME", "x")
        .env("GIT_AUTHOR_EMAIL", "x@x")
        .env("GIT_COMMITTER_NAME", "x")
        .env("GIT_COMMITTER_EMAIL", "x@x")
        .env("GIT_AUTHOR_DATE", "2026-01-15T09:30:00+03:30")
        .env("GIT_COMMITTER_DATE", "2026-01-15T09:30:00+03:30")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(dabir(&env, &nat, &["national", "fetch"]).code, 0);
    // 1404-10-30 is 2026-01-20: ESF synced 5 days before, KHR 45 days before.
    let r = dabir(
        &env,
        &nat,
        &[
            "--as-of",
            "1404-10-30",
            "--format",
            "json",
            "national",
            "check",
            "--stale-days",
            "30",
        ],
    );
    let stale: Vec<String> = r
        .json_lines()
        .iter()
        .filter(|l| l["rule"] == "R-NAT-1")
        .map(|l| l["file"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(stale, vec!["KHR/".to_string()], "{}", r.stdout);
    let b = dabir(
        &env,
        &nat,
        &[
            "--as-of",
            "1404-10-30",
            "--format",
            "json",
            "national",
            "brief",
            "--stale-days",
            "30",
        ],
    );
    assert_eq!(
        b.code,
        1,
        "a stale province needs attention\n{}",
        b.transcript()
    );
    let v: serde_json::Value = serde_json::from_str(b.stdout.trim()).unwrap();
    let khr = v["provinces"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == "KHR")
        .unwrap()
        .clone();
    assert_eq!(khr["stale"], true);
    assert_eq!(khr["days_since_sync"], 45);

    // A province added but never fetched is an error.
    git(&env, &nat, &["remote", "add", "TEH", "/nonexistent"]);
    let r = dabir(
        &env,
        &nat,
        &[
            "--as-of",
            "1404-09-15",
            "--format",
            "json",
            "national",
            "check",
        ],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.json_lines()
            .iter()
            .any(|l| l["rule"] == "R-NAT-1" && l["file"] == "TEH/" && l["severity"] == "error")
    );
    // And fetching it fails loudly (exit 3) while the others are fetched.
    let f = dabir(&env, &nat, &["--lang", "en", "national", "fetch"]);
    assert_eq!(f.code, 3, "{}", f.transcript());
    assert!(f.stderr.contains("could not fetch TEH"), "{}", f.stderr);
    assert!(f.stdout.contains("fetched ESF"), "{}", f.stdout);
}

#[test]
fn national_add_takes_only_province_codes() {
    let env = TestEnv::new();
    let nat = env.path().join("n");
    std::fs::create_dir(&nat).unwrap();
    git(&env, &nat, &["init", "-q"]);
    let r = dabir(
        &env,
        &nat,
        &["--lang", "en", "national", "add", "../x", "/tmp"],
    );
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(r.stderr.contains("not a province code"), "{}", r.stderr);
    assert_eq!(git(&env, &nat, &["remote"]).trim(), "");
    assert_eq!(
        dabir(&env, &nat, &["national", "add", "KHR", "/tmp/x"]).code,
        0
    );
    assert_eq!(
        dabir(&env, &nat, &["national", "add", "KHR", "/tmp/y"]).code,
        2
    );
}

/// `sample-national/setup.sh` builds three provinces that sync to their remotes and a
/// national office that rolls them up, as the README says.
#[test]
fn the_sample_national_script_sets_up_three_provinces() {
    let env = TestEnv::new();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-national/setup.sh");
    let out = Command::new("bash")
        .arg(&script)
        .arg(env.path().join("demo"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", env.path())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("DABIR", env!("CARGO_BIN_EXE_dabir"))
        .env("DABIR_NOW", NOW)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let nat = env.path().join("demo/national");
    let r = dabir(
        &env,
        &nat,
        &[
            "--as-of",
            "1404-09-15",
            "--format",
            "json",
            "national",
            "brief",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.transcript());
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim()).unwrap();
    let codes: Vec<&str> = v["provinces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["ESF", "KHR", "YZD"]);
    // The national office's programme, as the provinces reported on it (setup.sh).
    let p = &v["programme"];
    assert_eq!(p["programme"], "NAT-PG-1404");
    assert_eq!(p["not_reported"], serde_json::json!(["KHR", "YZD"]));
    assert_eq!(p["axes"].as_array().unwrap().len(), 13);
    assert_eq!(p["axes"][0]["total"], 2_350_000_000_000u64);
    // Each rewritten province is as clean as the sample.
    let c = dabir(
        &env,
        &env.path().join("demo/provinces/YZD"),
        &["--as-of", "1404-09-15", "check"],
    );
    assert_eq!(c.code, 0, "{}", c.transcript());
}

/// The national office countersigns each province's fetched head (one signed commit of
/// its checkpoint log, the head kept at refs/dabir/seen/CODE); a province that then
/// rewrites what was countersigned is found by `national check` (R-NAT-2) and is not
/// countersigned again, and the countersigned history stays in the national repository.
#[test]
fn a_province_cannot_rewrite_what_the_nation_countersigned() {
    let env = TestEnv::new();
    let (nat, esf, _khr) = national(&env);
    // Not signing yet: nothing was countersigned.
    assert!(
        env.git(
            &nat,
            &["rev-parse", "-q", "--verify", "refs/dabir/checkpoints"]
        )
        .code
            != 0
    );
    let key = ssh_key(&env, "national");
    git(&env, &nat, &["config", "gpg.format", "ssh"]);
    git(
        &env,
        &nat,
        &["config", "user.signingkey", key.path.to_str().unwrap()],
    );
    git(&env, &nat, &["config", "commit.gpgsign", "true"]);

    let r = dabir(&env, &nat, &["--lang", "en", "national", "fetch"]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert!(
        r.stdout.contains("countersigned ESF at") && r.stdout.contains("countersigned KHR at"),
        "{}",
        r.stdout
    );
    let seen = git(&env, &nat, &["rev-parse", "refs/dabir/seen/ESF"]);
    assert_eq!(
        seen,
        git(&env, &nat, &["rev-parse", "refs/remotes/ESF/main"])
    );
    // The countersignature verifies with git itself.
    let allowed = env.path().join("allowed");
    std::fs::write(&allowed, format!("national@office {}\n", key.public)).unwrap();
    let v = env.git(
        &nat,
        &[
            "-c",
            &format!("gpg.ssh.allowedSignersFile={}", allowed.display()),
            "verify-commit",
            "refs/dabir/checkpoints",
        ],
    );
    assert_eq!(v.code, 0, "{}", v.transcript());
    // Nothing moved: a second fetch countersigns nothing.
    let again = dabir(&env, &nat, &["--lang", "en", "national", "fetch"]);
    assert!(!again.stdout.contains("countersigned"), "{}", again.stdout);
    let date = [
        "--as-of",
        "1404-09-15",
        "--format",
        "json",
        "national",
        "check",
    ];
    let clean = dabir(&env, &nat, &date);
    assert!(!clean.stdout.contains("R-NAT-2"), "{}", clean.stdout);

    // The province rewrites its last commit, which the nation has seen.
    git(
        &env,
        &esf,
        &["commit", "-q", "--amend", "-m", "the province, rewritten"],
    );
    let r = dabir(&env, &nat, &["--lang", "en", "national", "fetch"]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert!(
        r.stderr.contains("R-NAT-2") && r.stderr.contains("ESF"),
        "{}",
        r.stderr
    );
    assert!(!r.stdout.contains("countersigned ESF"), "{}", r.stdout);
    let found = dabir(&env, &nat, &date);
    assert_eq!(found.code, 1, "{}", found.transcript());
    let lines = found.json_lines();
    let nat2: Vec<_> = lines.iter().filter(|l| l["rule"] == "R-NAT-2").collect();
    assert_eq!(nat2.len(), 1, "{}", found.stdout);
    assert_eq!(nat2[0]["file"], "ESF/");
    assert_eq!(nat2[0]["commit"], seen.trim());
    // The countersigned history is still there.
    assert_eq!(git(&env, &nat, &["rev-parse", "refs/dabir/seen/ESF"]), seen);
    assert_eq!(env.git(&nat, &["cat-file", "-e", seen.trim()]).code, 0);
    // In Persian, too.
    let fa = dabir(&env, &nat, &["--as-of", "1404-09-15", "national", "check"]);
    assert!(
        fa.stdout
            .contains("تاریخچه‌ای را که دفتر ملی تأیید و امضا کرده"),
        "{}",
        fa.stdout
    );
}

/// A province that committed a 2 MiB record: `national check` reads it from git objects
/// and reports R-YAML-6 from the blob's object header, without reading it
/// (RELIABILITY.md, "No input costs more than a record").
#[test]
fn a_huge_record_of_a_province_is_refused_by_size() {
    let env = TestEnv::new();
    let (nat, esf, _khr) = national(&env);
    let p = esf.join("people/ESF-P-001.yaml");
    let mut text = std::fs::read_to_string(&p).unwrap();
    text.push_str(&format!("# {}\n", "x".repeat(2 << 20)));
    std::fs::write(&p, text).unwrap();
    git(&env, &esf, &["commit", "-q", "-am", "a 2 MiB record"]);
    let r = dabir(&env, &nat, &["national", "fetch", "--province", "ESF"]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    let r = dabir(
        &env,
        &nat,
        &[
            "--as-of",
            "1404-09-15",
            "--format",
            "json",
            "national",
            "check",
        ],
    );
    assert_eq!(r.code, 1, "{}", r.transcript());
    let lines = r.json_lines();
    assert!(
        lines
            .iter()
            .any(|l| l["rule"] == "R-YAML-6" && l["file"] == "ESF/people/ESF-P-001.yaml"),
        "{}",
        r.stdout
    );
    // The human renderer does not print the 2 MiB line either.
    let h = dabir(&env, &nat, &["--as-of", "1404-09-15", "national", "check"]);
    assert_eq!(h.code, 1, "{}", h.transcript());
    assert!(
        h.stdout.len() < 1 << 20,
        "{} bytes of output",
        h.stdout.len()
    );
}
