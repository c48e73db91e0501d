//! Signed writes and `dabir audit`: keys made here by `ssh-keygen` (and `gpg` where
//! present), commits signed through git's own settings and checked by `git
//! verify-commit`; each audit finding made on purpose and found with its id.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::*;

fn run_in(env: &TestEnv, dir: &Path, args: &[&str]) -> Run {
    let mut full: Vec<&str> = vec!["-C", dir.to_str().unwrap()];
    full.extend_from_slice(args);
    env.run(&full)
}

#[allow(dead_code)]
fn ok(env: &TestEnv, dir: &Path, args: &[&str]) -> Run {
    let r = run_in(env, dir, args);
    assert_eq!(r.code, 0, "dabir {args:?}\n{}", r.transcript());
    r
}

fn git(env: &TestEnv, dir: &Path, args: &[&str]) -> String {
    let r = env.git(dir, args);
    assert_eq!(r.code, 0, "git {args:?}\n{}", r.transcript());
    r.stdout
}

/// A copy of the sample in its own git repository, one plain commit.
fn repo(env: &TestEnv, name: &str) -> PathBuf {
    let dir = env.copy_of(&sample(), name);
    git(env, &dir, &["init", "-q", "-b", "main"]);
    git(env, &dir, &["add", "-A"]);
    git(env, &dir, &["commit", "-qm", "records"]);
    dir
}

/// Sign with `key` through git's config, as a clerk would set it up.
fn sign_with(env: &TestEnv, dir: &Path, key: &Key) {
    git(env, dir, &["config", "gpg.format", "ssh"]);
    git(
        env,
        dir,
        &["config", "user.signingkey", key.path.to_str().unwrap()],
    );
    git(env, dir, &["config", "commit.gpgsign", "true"]);
}

fn add_person(env: &TestEnv, dir: &Path, id: &str, extra: &[&str]) -> Run {
    let mut args = vec!["person", "add", id, "--name", "رضا کریمی"];
    args.extend_from_slice(extra);
    run_in(env, dir, &args)
}

#[test]
fn a_signed_write_is_verified_by_git() {
    let env = TestEnv::new();
    let dir = repo(&env, "esf");
    let key = ssh_key(&env, "clerk");
    sign_with(&env, &dir, &key);
    let r = add_person(&env, &dir, "ESF-P-900", &[]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    let allowed = env.path().join("allowed_signers");
    std::fs::write(&allowed, format!("clerk@esf.example {}\n", key.public)).unwrap();
    git(
        &env,
        &dir,
        &[
            "config",
            "gpg.ssh.allowedSignersFile",
            allowed.to_str().unwrap(),
        ],
    );
    let v = env.git(&dir, &["verify-commit", "-v", "HEAD"]);
    assert_eq!(v.code, 0, "{}", v.transcript());
    assert!(v.stderr.contains("Good \"git\" signature"), "{}", v.stderr);
    // The same key, by the literal public key (the agent would hold the secret): not
    // tried here, since the test has no agent. `--no-sign` writes unsigned.
    let r = add_person(&env, &dir, "ESF-P-901", &["--no-sign"]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    let show = git(&env, &dir, &["cat-file", "commit", "HEAD"]);
    assert!(!show.contains("gpgsig"), "{show}");
    // `--sign` without commit.gpgsign signs.
    git(&env, &dir, &["config", "commit.gpgsign", "false"]);
    let r = add_person(&env, &dir, "ESF-P-902", &["--sign"]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert_eq!(env.git(&dir, &["verify-commit", "HEAD"]).code, 0);
}

#[test]
fn a_failing_signer_refuses_the_write_and_changes_nothing() {
    let env = TestEnv::new();
    let dir = repo(&env, "esf");
    let key = ssh_key(&env, "clerk");
    sign_with(&env, &dir, &key);
    // The key file is gone: ssh-keygen fails.
    std::fs::remove_file(&key.path).unwrap();
    let head = git(&env, &dir, &["rev-parse", "HEAD"]);
    let r = add_person(&env, &dir, "ESF-P-900", &["--lang", "en"]);
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(r.stderr.contains("could not be signed"), "{}", r.stderr);
    assert_eq!(git(&env, &dir, &["rev-parse", "HEAD"]), head);
    assert!(!dir.join("people/ESF-P-900.yaml").exists());
    assert_eq!(git(&env, &dir, &["status", "--porcelain"]), "");
    // A signing program that does not exist.
    git(
        &env,
        &dir,
        &["config", "gpg.ssh.program", "/nonexistent/ssh-keygen"],
    );
    let r = add_person(&env, &dir, "ESF-P-900", &[]);
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert_eq!(git(&env, &dir, &["rev-parse", "HEAD"]), head);
}

#[test]
fn an_openpgp_signed_write_is_verified_by_git() {
    if Command::new("gpg").arg("--version").output().is_err() {
        eprintln!("skipped: gpg is not installed (apt-get install gnupg)");
        return;
    }
    let env = TestEnv::new();
    let dir = repo(&env, "esf");
    let home = env.path().join("gnupg");
    std::fs::create_dir_all(&home).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    let st = Command::new("gpg")
        .env("GNUPGHOME", &home)
        .args([
            "--batch",
            "--passphrase",
            "",
            "--quick-gen-key",
            "clerk@esf.example",
            "ed25519",
            "sign",
            "never",
        ])
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    git(&env, &dir, &["config", "commit.gpgsign", "true"]);
    git(
        &env,
        &dir,
        &["config", "user.signingkey", "clerk@esf.example"],
    );
    let r = env.run_with(
        &[("GNUPGHOME", home.to_str().unwrap())],
        &[
            "-C",
            dir.to_str().unwrap(),
            "person",
            "add",
            "ESF-P-900",
            "--name",
            "رضا کریمی",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.transcript());
    let v = Command::new("git")
        .args(["verify-commit", "HEAD"])
        .current_dir(&dir)
        .env("GNUPGHOME", &home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", env.path())
        .output()
        .unwrap();
    assert!(v.status.success(), "{}", String::from_utf8_lossy(&v.stderr));
    // audit verifies it through gpg: a trust root's key is known before any policy.
    let list = Command::new("gpg")
        .env("GNUPGHOME", &home)
        .args(["--with-colons", "--list-keys"])
        .output()
        .unwrap();
    let fpr = String::from_utf8_lossy(&list.stdout)
        .lines()
        .find_map(|l| {
            l.strip_prefix("fpr:")
                .map(|r| r.trim_matches(':').to_string())
        })
        .unwrap();
    let gnupg = [("GNUPGHOME", home.to_str().unwrap())];
    let d = dir.to_str().unwrap();
    let args = ["-C", d, "--format", "json", "audit", "--since", "HEAD~1"];
    let r = env.run_with(&gnupg, &args);
    assert_eq!(r.code, 1, "{}", r.transcript());
    assert_eq!(r.json_lines()[0]["rule"], "R-AUD-3", "{}", r.stdout);
    let r = env.run_with(&gnupg, &[&args[..], &["--trust", &fpr]].concat());
    assert_eq!(r.code, 0, "{}", r.transcript());
    let _ = Command::new("gpgconf")
        .env("GNUPGHOME", &home)
        .args(["--kill", "gpg-agent"])
        .status();
}

/// Plain git at a given committer and author date.
fn git_at(env: &TestEnv, dir: &Path, date: &str, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", env.path())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "کارشناس دبیرخانه")
        .env("GIT_AUTHOR_EMAIL", "clerk@esf.example")
        .env("GIT_COMMITTER_NAME", "کارشناس دبیرخانه")
        .env("GIT_COMMITTER_EMAIL", "clerk@esf.example")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// 1404-01-12, the day the records were imported.
const IMPORTED: &str = "2025-04-01T09:00:00+03:30";
/// 1404-02-01.
const SPRING: &str = "2025-04-21T09:00:00+03:30";
/// 1404-05-01.
const SUMMER: &str = "2025-07-23T09:30:00+03:30";

/// A policy entry.
fn signer(key: &Key, person: &str, roles: &str, provinces: &str, window: &str) -> String {
    format!(
        "  - key: {}\n    person: {person}\n    roles: [{roles}]\n    provinces: [{provinces}]\n{window}",
        key.public
    )
}

/// The keys of a province: the secretary (trust root, chair and secretary roles), a
/// clerk, a key for Tehran only, a key whose window ended, and an outsider.
struct Province {
    env: TestEnv,
    dir: PathBuf,
    root: Key,
    clerk: Key,
    tehran: Key,
    expired: Key,
    outsider: Key,
}

fn policy_text(p: &Province, revoke_clerk: Option<&str>) -> String {
    let revoked = revoke_clerk
        .map(|d| format!("    revoked: \"{d}\"\n"))
        .unwrap_or_default();
    format!(
        "# yaml-language-server: $schema=schema/policy.schema.json\nsigners:\n{}{}{}{}",
        signer(
            &p.root,
            "ESF-P-002",
            "chair, secretary",
            "ESF",
            "    from: \"1400-01-01\"\n"
        ),
        signer(
            &p.clerk,
            "ESF-P-013",
            "clerk",
            "ESF",
            &format!("    from: \"1404-01-01\"\n{revoked}")
        ),
        signer(
            &p.tehran,
            "ESF-P-014",
            "clerk",
            "TEH",
            "    from: \"1404-01-01\"\n"
        ),
        signer(
            &p.expired,
            "ESF-P-012",
            "clerk",
            "ESF",
            "    from: \"1403-01-01\"\n    until: \"1404-06-31\"\n"
        ),
    )
}

/// The sample imported in one commit with its policy, signed by the trust root.
fn province() -> Province {
    let env = TestEnv::new();
    let dir = env.copy_of(&sample(), "esf");
    let p = Province {
        root: ssh_key(&env, "root"),
        clerk: ssh_key(&env, "clerk"),
        tehran: ssh_key(&env, "tehran"),
        expired: ssh_key(&env, "expired"),
        outsider: ssh_key(&env, "outsider"),
        dir,
        env,
    };
    std::fs::write(p.dir.join("policy.yaml"), policy_text(&p, None)).unwrap();
    git(&p.env, &p.dir, &["init", "-q", "-b", "main"]);
    git(&p.env, &p.dir, &["config", "gpg.format", "ssh"]);
    as_key(&p, &p.root);
    git(&p.env, &p.dir, &["add", "-A"]);
    git_at(
        &p.env,
        &p.dir,
        IMPORTED,
        &["commit", "-q", "-S", "-m", "records and policy"],
    );
    p
}

fn as_key(p: &Province, key: &Key) {
    git(
        &p.env,
        &p.dir,
        &["config", "user.signingkey", key.path.to_str().unwrap()],
    );
    git(&p.env, &p.dir, &["config", "commit.gpgsign", "true"]);
}

/// A dabir write at `now` (DABIR_NOW).
fn write_at(p: &Province, now: &str, args: &[&str]) {
    let mut full = vec!["-C", p.dir.to_str().unwrap()];
    full.extend_from_slice(args);
    let r = p.env.run_with(&[("DABIR_NOW", now)], &full);
    assert_eq!(r.code, 0, "dabir {args:?}\n{}", r.transcript());
}

/// Schedule a meeting, propose its agenda, approve it: the last commit is an approval.
fn approve_an_agenda(p: &Province) {
    let id = "ESF-EC-1404-03";
    write_at(
        p,
        NOW,
        &[
            "meeting",
            "schedule",
            id,
            "--committee",
            "ESF-EC",
            "--date",
            "1404-10-20",
        ],
    );
    write_at(
        p,
        NOW,
        &[
            "meeting",
            "propose-agenda",
            id,
            "--by",
            "ESF-B-SHAHRAK",
            "--item",
            "گزارش خوشه گلاب",
        ],
    );
    write_at(
        p,
        NOW,
        &["meeting", "approve-agenda", id, "--by", "ESF-P-001"],
    );
}

fn head(p: &Province) -> String {
    git(&p.env, &p.dir, &["rev-parse", "HEAD"])
        .trim()
        .to_string()
}

/// `dabir audit` as JSON: exit code and (rule, commit) of every finding.
fn audit(p: &Province, extra: &[&str]) -> (i32, Vec<(String, String)>, Run) {
    let mut args = vec![
        "-C",
        p.dir.to_str().unwrap(),
        "--format",
        "json",
        "--lang",
        "en",
        "audit",
        "--trust",
        &p.root.fingerprint,
    ];
    args.extend_from_slice(extra);
    let r = p.env.run(&args);
    let found = r
        .json_lines()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["commit"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    (r.code, found, r)
}

fn has(found: &[(String, String)], rule: &str, commit: &str) -> bool {
    found.iter().any(|(r, c)| r == rule && c == commit)
}

#[test]
fn a_clean_signed_history_audits_clean() {
    let p = province();
    as_key(&p, &p.clerk);
    write_at(
        &p,
        SUMMER,
        &["person", "add", "ESF-P-900", "--name", "رضا کریمی"],
    );
    write_at(
        &p,
        NOW,
        &["person", "add", "ESF-P-901", "--name", "مریم احمدی"],
    );
    let (code, found, r) = audit(&p, &[]);
    // The import is a hand commit (a warning, for review), nothing else.
    assert_eq!(code, 0, "{}", r.transcript());
    assert_eq!(
        found.iter().map(|(r, _)| r.as_str()).collect::<Vec<_>>(),
        ["R-AUD-10"],
        "{}",
        r.stdout
    );
    // Without the trust root the first policy is not anchored.
    let r = p
        .env
        .run(&["-C", p.dir.to_str().unwrap(), "--lang", "en", "audit"]);
    assert_eq!(r.code, 1, "{}", r.transcript());
    assert!(
        r.stdout.contains("R-AUD-7") && r.stdout.contains("no trust root"),
        "{}",
        r.stdout
    );
    // The trust root from the user's git config.
    git(
        &p.env,
        &p.dir,
        &["config", "--global", "dabir.trust", &p.root.fingerprint],
    );
    let r = p.env.run(&["-C", p.dir.to_str().unwrap(), "audit"]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    // --since audits only what came after.
    let (code, found, _) = audit(&p, &["--since", "HEAD~1"]);
    assert_eq!((code, found.len()), (0, 0));
}

#[test]
fn unsigned_unknown_province_and_window_are_found() {
    let p = province();
    as_key(&p, &p.clerk);
    write_at(
        &p,
        NOW,
        &[
            "person",
            "add",
            "ESF-P-900",
            "--name",
            "رضا کریمی",
            "--no-sign",
        ],
    );
    let unsigned = head(&p);
    as_key(&p, &p.outsider);
    write_at(
        &p,
        NOW,
        &["person", "add", "ESF-P-901", "--name", "مریم احمدی"],
    );
    let unknown = head(&p);
    as_key(&p, &p.tehran);
    write_at(
        &p,
        NOW,
        &["person", "add", "ESF-P-902", "--name", "علی رضایی"],
    );
    let tehran = head(&p);
    as_key(&p, &p.expired);
    write_at(
        &p,
        NOW,
        &["person", "add", "ESF-P-903", "--name", "زهرا موسوی"],
    );
    let expired = head(&p);
    as_key(&p, &p.clerk);
    approve_an_agenda(&p);
    let approval = head(&p);
    let (code, found, r) = audit(&p, &[]);
    assert_eq!(code, 1, "{}", r.transcript());
    assert!(has(&found, "R-AUD-1", &unsigned), "{}", r.stdout);
    assert!(has(&found, "R-AUD-3", &unknown), "{}", r.stdout);
    assert!(has(&found, "R-AUD-5", &tehran), "{}", r.stdout);
    assert!(has(&found, "R-AUD-6", &expired), "{}", r.stdout);
    assert!(
        has(&found, "R-AUD-4", &approval),
        "a clerk approves: {}",
        r.stdout
    );
    assert_eq!(
        found.iter().filter(|(r, _)| r != "R-AUD-10").count(),
        5,
        "{}",
        r.stdout
    );
    // SARIF and the human report carry the same ids.
    let s = p.env.run(&[
        "-C",
        p.dir.to_str().unwrap(),
        "--format",
        "sarif",
        "audit",
        "--trust",
        &p.root.fingerprint,
    ]);
    assert_eq!(s.code, 1);
    assert!(
        s.stdout.contains("\"ruleId\": \"R-AUD-5\"") && s.stdout.contains(&tehran),
        "{}",
        s.stdout
    );
    let h = p.env.run(&[
        "-C",
        p.dir.to_str().unwrap(),
        "audit",
        "--trust",
        &p.root.fingerprint,
    ]);
    assert!(
        h.stdout.contains("R-AUD-6") && h.stdout.contains("بیرون از بازه اعتبار"),
        "{}",
        h.stdout
    );
}

#[test]
fn a_policy_change_by_an_outsider_is_found() {
    let p = province();
    // The clerk (not allowed to change the policy) adds the outsider's key.
    let mut text = policy_text(&p, None);
    text.push_str(&signer(
        &p.outsider,
        "ESF-P-011",
        "chair",
        "ESF",
        "    from: \"1404-01-01\"\n",
    ));
    std::fs::write(p.dir.join("policy.yaml"), text).unwrap();
    as_key(&p, &p.clerk);
    git_at(
        &p.env,
        &p.dir,
        NOW,
        &["commit", "-q", "-S", "-am", "policy"],
    );
    let change = head(&p);
    // The outsider, now listed by the forged policy, writes.
    as_key(&p, &p.outsider);
    approve_an_agenda(&p);
    let (code, found, r) = audit(&p, &[]);
    assert_eq!(code, 1, "{}", r.transcript());
    assert!(has(&found, "R-AUD-7", &change), "{}", r.stdout);
    // The same change by the trust root (a chair) is valid.
    let p = province();
    let mut text = policy_text(&p, None);
    text.push_str(&signer(
        &p.outsider,
        "ESF-P-011",
        "clerk",
        "ESF",
        "    from: \"1404-01-01\"\n",
    ));
    std::fs::write(p.dir.join("policy.yaml"), text).unwrap();
    git_at(
        &p.env,
        &p.dir,
        NOW,
        &["commit", "-q", "-S", "-am", "policy"],
    );
    let (_, found, r) = audit(&p, &[]);
    assert!(!found.iter().any(|(r, _)| r == "R-AUD-7"), "{}", r.stdout);
}

#[test]
fn a_revoked_key_keeps_its_old_signatures() {
    let p = province();
    as_key(&p, &p.clerk);
    write_at(
        &p,
        SUMMER,
        &["person", "add", "ESF-P-900", "--name", "رضا کریمی"],
    );
    let before = head(&p);
    // The secretary revokes the clerk's key from 1404-08-01.
    std::fs::write(
        p.dir.join("policy.yaml"),
        policy_text(&p, Some("1404-08-01")),
    )
    .unwrap();
    as_key(&p, &p.root);
    git_at(
        &p.env,
        &p.dir,
        NOW,
        &["commit", "-q", "-S", "-am", "revoke the clerk's key"],
    );
    as_key(&p, &p.clerk);
    write_at(
        &p,
        NOW,
        &["person", "add", "ESF-P-901", "--name", "مریم احمدی"],
    );
    let after = head(&p);
    let (code, found, r) = audit(&p, &[]);
    assert_eq!(code, 1, "{}", r.transcript());
    assert!(has(&found, "R-AUD-6", &after), "{}", r.stdout);
    assert!(!found.iter().any(|(_, c)| c == &before), "{}", r.stdout);
    assert!(r.stdout.contains("revoked on 1404-08-01"), "{}", r.stdout);
}

#[test]
fn backdated_and_hand_made_commits_are_found() {
    let p = province();
    as_key(&p, &p.clerk);
    write_at(
        &p,
        NOW,
        &["person", "add", "ESF-P-900", "--name", "رضا کریمی"],
    );
    write_at(
        &p,
        SUMMER,
        &["person", "add", "ESF-P-901", "--name", "مریم احمدی"],
    );
    let backdated = head(&p);
    let f = p.dir.join("people/ESF-P-900.yaml");
    let text = std::fs::read_to_string(&f)
        .unwrap()
        .replace("رضا کریمی", "رضا کریمی‌پور");
    std::fs::write(&f, text).unwrap();
    git_at(
        &p.env,
        &p.dir,
        NOW,
        &["commit", "-q", "-S", "-am", "fix a name"],
    );
    let hand = head(&p);
    let (code, found, r) = audit(&p, &["--since", "HEAD~3"]);
    assert_eq!(code, 1, "{}", r.transcript());
    assert!(has(&found, "R-AUD-11", &backdated), "{}", r.stdout);
    assert!(has(&found, "R-AUD-10", &hand), "{}", r.stdout);
    assert_eq!(found.len(), 2, "{}", r.stdout);
}

#[test]
fn a_decision_trailer_naming_a_later_decision_is_found() {
    let p = province();
    // On 1404-02-01, a budget change citing a decision whose minutes were approved only
    // on 1404-03-14.
    let plan = std::fs::read_dir(p.dir.join("plans"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let mut text = std::fs::read_to_string(&plan).unwrap();
    text.push_str("# بازنگری\n");
    std::fs::write(&plan, text).unwrap();
    git_at(
        &p.env,
        &p.dir,
        SPRING,
        &[
            "commit",
            "-q",
            "-S",
            "-am",
            "revise\n\nDabir-Action: plan.revise\nDabir-Decision: ESF-PC-1404-01-D1\n",
        ],
    );
    let early = head(&p);
    // Later, the clerk (not of the secretariat) cites it.
    as_key(&p, &p.clerk);
    let mut text = std::fs::read_to_string(&plan).unwrap();
    text.push_str("# بازنگری دوم\n");
    std::fs::write(&plan, text).unwrap();
    git_at(
        &p.env,
        &p.dir,
        NOW,
        &[
            "commit",
            "-q",
            "-S",
            "-am",
            "revise\n\nDabir-Action: plan.revise\nDabir-Decision: ESF-PC-1404-01-D1\n",
        ],
    );
    let clerk = head(&p);
    let (code, found, r) = audit(&p, &[]);
    assert_eq!(code, 1, "{}", r.transcript());
    assert!(has(&found, "R-AUD-8", &early), "{}", r.stdout);
    assert!(
        !has(&found, "R-AUD-9", &early),
        "the secretary signed it: {}",
        r.stdout
    );
    assert!(has(&found, "R-AUD-9", &clerk), "{}", r.stdout);
    assert!(!has(&found, "R-AUD-8", &clerk), "{}", r.stdout);
}

#[test]
fn a_history_rewritten_after_a_checkpoint_is_found() {
    let p = province();
    as_key(&p, &p.clerk);
    write_at(
        &p,
        NOW,
        &["person", "add", "ESF-P-900", "--name", "رضا کریمی"],
    );
    write_at(
        &p,
        NOW,
        &["person", "add", "ESF-P-901", "--name", "مریم احمدی"],
    );
    let recorded = head(&p);
    let r = run_in(&p.env, &p.dir, &["--lang", "en", "checkpoint"]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert!(
        r.stdout.contains("checkpoint 1: refs/heads/main"),
        "{}",
        r.stdout
    );
    let (code, _, r) = audit(&p, &[]);
    assert_eq!(code, 0, "{}", r.transcript());
    // The past is rewritten and re-committed, every new commit signed.
    git(&p.env, &p.dir, &["reset", "-q", "--hard", "HEAD~1"]);
    write_at(
        &p,
        NOW,
        &["person", "add", "ESF-P-902", "--name", "علی رضایی"],
    );
    let (code, found, r) = audit(&p, &[]);
    assert_eq!(code, 1, "{}", r.transcript());
    assert!(has(&found, "R-AUD-13", &recorded), "{}", r.stdout);
    assert_eq!(
        found.iter().filter(|(r, _)| r != "R-AUD-10").count(),
        1,
        "{}",
        r.stdout
    );
    // Rewriting the log itself is found too.
    let log = git(&p.env, &p.dir, &["rev-parse", "refs/dabir/checkpoints"]);
    let tree = git(&p.env, &p.dir, &["mktree"]);
    let forged = git(
        &p.env,
        &p.dir,
        &["commit-tree", tree.trim(), "-p", log.trim(), "-m", "empty"],
    );
    git(
        &p.env,
        &p.dir,
        &["update-ref", "refs/dabir/checkpoints", forged.trim()],
    );
    let (_, found, r) = audit(&p, &[]);
    assert!(has(&found, "R-AUD-14", forged.trim()), "{}", r.stdout);
}

#[test]
fn a_merge_of_a_second_root_is_found() {
    let p = province();
    git(&p.env, &p.dir, &["checkout", "-q", "--orphan", "other"]);
    git(
        &p.env,
        &p.dir,
        &["commit", "-q", "-S", "--allow-empty", "-m", "another root"],
    );
    git(&p.env, &p.dir, &["checkout", "-q", "main"]);
    git(
        &p.env,
        &p.dir,
        &[
            "merge",
            "-q",
            "-S",
            "--allow-unrelated-histories",
            "-m",
            "merge",
            "other",
        ],
    );
    let merge = head(&p);
    let (code, found, r) = audit(&p, &[]);
    assert_eq!(code, 1, "{}", r.transcript());
    assert!(has(&found, "R-AUD-12", &merge), "{}", r.stdout);
}

#[test]
fn approved_minutes_changed_afterwards_are_found_by_r_mtg_9() {
    let p = province();
    let f = p.dir.join("meetings/1404/ESF-PC-1404-01.yaml");
    let text = std::fs::read_to_string(&f).unwrap();
    let changed = text.replacen("  summary: |-\n    ", "  summary: |-\n    (اصلاح‌شده) ", 1);
    assert_ne!(text, changed);
    std::fs::write(&f, changed).unwrap();
    git_at(
        &p.env,
        &p.dir,
        NOW,
        &["commit", "-q", "-S", "-am", "minutes"],
    );
    let edit = head(&p);
    let (code, found, r) = audit(&p, &[]);
    assert_eq!(code, 1, "{}", r.transcript());
    assert!(has(&found, "R-MTG-9", &edit), "{}", r.stdout);
    assert!(has(&found, "R-AUD-10", &edit), "{}", r.stdout);
    // Audited since the edit, it is no longer reported.
    let (code, found, r) = audit(&p, &["--since", "HEAD"]);
    assert_eq!((code, found.len()), (0, 0), "{}", r.stdout);
}
