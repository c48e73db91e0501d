//! `dabir sync` against a bare "national" remote in the test's own directory: sending,
//! taking, replaying on top (never a merge), two clerks at once, a remote that moves
//! during the push, a record changed on both sides (both repositories left exactly as
//! they were), and a commit that breaks a rule (refused before the push).

use std::path::{Path, PathBuf};

use crate::common::*;

fn ok(env: &TestEnv, dir: &Path, args: &[&str]) -> Run {
    let r = dabir(env, dir, args);
    assert_eq!(r.code, 0, "dabir {args:?}\n{}", r.transcript());
    r
}

/// What a sync must leave untouched when it stops: every ref, HEAD, the index and
/// the files of the work tree.
fn state(env: &TestEnv, dir: &Path) -> String {
    let mut s = git(
        env,
        dir,
        &["for-each-ref", "--format=%(refname) %(objectname)"],
    );
    s.push_str(&git(env, dir, &["rev-parse", "HEAD"]));
    if dir.join(".git").exists() {
        s.push_str(&git(env, dir, &["ls-files", "--stage"]));
        s.push_str(&git(
            env,
            dir,
            &["status", "--porcelain", "--untracked-files=all"],
        ));
        s.push_str(&git(env, dir, &["diff", "HEAD"]));
    }
    s
}

/// A bare national remote and the Isfahan province pushed to it by `dabir sync` (a first
/// push: the remote has no branch yet), plus a second clerk's clone.
fn setup(env: &TestEnv) -> (PathBuf, PathBuf, PathBuf) {
    let remote = env.path().join("national.git");
    git(
        env,
        env.path(),
        &["init", "-q", "--bare", "-b", "main", "national.git"],
    );
    let a = env.copy_of(&sample(), "esf");
    git(env, &a, &["init", "-q", "-b", "main"]);
    git(env, &a, &["add", "-A"]);
    git(env, &a, &["commit", "-q", "-m", "the province"]);
    git(
        env,
        &a,
        &["remote", "add", "origin", remote.to_str().unwrap()],
    );
    let r = ok(env, &a, &["--format", "json", "sync"]);
    assert!(
        r.stdout.contains("\"status\":\"pushed\""),
        "{}",
        r.transcript()
    );
    git(
        env,
        env.path(),
        &["clone", "-q", remote.to_str().unwrap(), "esf2"],
    );
    (remote, a, env.path().join("esf2"))
}

fn rename(env: &TestEnv, dir: &Path, id: &str, name: &str) {
    ok(env, dir, &["person", "rename", id, "--name", name]);
}

fn log(env: &TestEnv, dir: &Path, rev: &str) -> String {
    git(
        env,
        dir,
        &["log", "--format=%s%n%(trailers:key=Dabir-Action)", rev],
    )
}

#[test]
fn sync_sends_takes_and_replays_on_top_without_a_merge() {
    let env = TestEnv::new();
    let (remote, a, b) = setup(&env);

    // Nothing to do on either side.
    let r = ok(&env, &b, &["--lang", "en", "sync"]);
    assert!(
        r.stdout.contains("already in step with origin/main"),
        "{}",
        r.stdout
    );

    // A sends; B takes it as a fast-forward and has the file.
    rename(&env, &a, "ESF-P-001", "مهدی نوروزی‌پور");
    let r = ok(&env, &a, &["--format", "json", "sync"]);
    assert!(r.stdout.contains("\"status\":\"pushed\""), "{}", r.stdout);
    let r = ok(&env, &b, &["--format", "json", "sync"]);
    assert!(
        r.stdout.contains("\"status\":\"fast-forward\""),
        "{}",
        r.stdout
    );
    let person = std::fs::read_to_string(b.join("people/ESF-P-001.yaml")).unwrap();
    assert!(person.contains("نوروزی‌پور"), "{person}");

    // Both change different records: B's commit is replayed on A's.
    rename(&env, &a, "ESF-P-002", "نام تازه دوم");
    ok(&env, &a, &["sync"]);
    rename(&env, &b, "ESF-P-003", "نام تازه سوم");
    let r = ok(&env, &b, &["--format", "json", "sync"]);
    assert!(r.stdout.contains("\"status\":\"replayed\""), "{}", r.stdout);
    assert!(r.stdout.contains("\"fetched\":1"), "{}", r.stdout);
    assert!(r.stdout.contains("\"pushed\":1"), "{}", r.stdout);

    // One straight line, both changes, the trailers kept, and no merge commit.
    let merges = git(&env, &remote, &["rev-list", "--merges", "main"]);
    assert_eq!(merges.trim(), "", "a merge commit was made");
    let history = log(&env, &remote, "main");
    assert!(
        history.matches("Dabir-Action: person.rename").count() == 3,
        "{history}"
    );
    assert_eq!(
        git(&env, &b, &["rev-parse", "HEAD"]),
        git(&env, &remote, &["rev-parse", "main"])
    );
    assert_eq!(git(&env, &b, &["status", "--porcelain"]).trim(), "");
    assert!(
        std::fs::read_to_string(b.join("people/ESF-P-002.yaml"))
            .unwrap()
            .contains("نام تازه دوم")
    );
    // The replayed result passes check.
    let r = dabir(&env, &b, &["check", "--as-of", "1404-09-15"]);
    assert_eq!(r.code, 0, "{}", r.transcript());

    // A takes B's; both are at the remote's commit.
    ok(&env, &a, &["sync"]);
    assert_eq!(
        git(&env, &a, &["rev-parse", "HEAD"]),
        git(&env, &remote, &["rev-parse", "main"])
    );
}

#[test]
fn a_record_changed_on_both_sides_stops_and_changes_nothing() {
    let env = TestEnv::new();
    let (remote, a, b) = setup(&env);
    rename(&env, &a, "ESF-P-001", "نام الف");
    ok(&env, &a, &["sync"]);
    rename(&env, &b, "ESF-P-001", "نام ب");
    let before_b = state(&env, &b);
    let before_remote = state(&env, &remote);
    let r = dabir(&env, &b, &["--lang", "en", "sync"]);
    assert_eq!(r.code, 2, "{}", r.transcript());
    for needle in [
        "people/ESF-P-001.yaml",
        "changed on both sides",
        "theirs:",
        "ours:",
        "person.rename",
        "/name",
        "«نام الف»",
        "«نام ب»",
        "nothing was changed",
    ] {
        assert!(
            r.stderr.contains(needle),
            "missing {needle:?}\n{}",
            r.stderr
        );
    }
    assert_eq!(state(&env, &b), before_b, "the clerk's repository changed");
    assert_eq!(state(&env, &remote), before_remote, "the remote changed");

    // In Persian, everything a person reads is Persian.
    let r = dabir(&env, &b, &["sync"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("هر دو سو"), "{}", r.stderr);
}

#[test]
fn a_commit_that_breaks_a_rule_is_refused_before_the_push() {
    let env = TestEnv::new();
    let (remote, a, b) = setup(&env);
    rename(&env, &a, "ESF-P-002", "نام الف");
    ok(&env, &a, &["sync"]);
    // By hand: a person of a body that does not exist (R-REF-1).
    let p = b.join("people/ESF-P-001.yaml");
    let text = std::fs::read_to_string(&p).unwrap();
    let body = text
        .lines()
        .find(|l| l.starts_with("body:"))
        .unwrap()
        .to_string();
    std::fs::write(&p, text.replace(&body, "body: ESF-B-NOWHERE")).unwrap();
    git(&env, &b, &["commit", "-q", "-am", "by hand"]);
    let before_b = state(&env, &b);
    let before_remote = state(&env, &remote);
    let r = dabir(&env, &b, &["--lang", "en", "sync"]);
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(r.stdout.contains("R-REF-1"), "{}", r.transcript());
    assert!(
        r.stdout.contains("people/ESF-P-001.yaml"),
        "{}",
        r.transcript()
    );
    assert!(r.stderr.contains("sync refused"), "{}", r.stderr);
    assert_eq!(state(&env, &b), before_b);
    assert_eq!(state(&env, &remote), before_remote);
}

/// The remote moves between the fetch and the push: a hook on the remote, the first time
/// it runs, moves `main` to a third clerk's commit. The push is rejected, the sync starts
/// again, replays on top of the third clerk's commit and lands.
#[test]
fn a_push_rejected_because_the_remote_moved_is_retried() {
    let env = TestEnv::new();
    let (remote, a, b) = setup(&env);
    rename(&env, &a, "ESF-P-001", "نام سوم");
    git(
        &env,
        &a,
        &["push", "-q", "origin", "HEAD:refs/heads/pending"],
    );
    let hook = remote.join("hooks/pre-receive");
    std::fs::write(
        &hook,
        "#!/bin/sh\nif [ ! -e moved ]; then touch moved; env -u GIT_QUARANTINE_PATH git update-ref refs/heads/main refs/heads/pending; fi\nexit 0\n",
    )
    .unwrap();
    std::fs::set_permissions(&hook, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();

    rename(&env, &b, "ESF-P-002", "نام ب");
    let r = ok(&env, &b, &["--format", "json", "sync"]);
    assert!(r.stdout.contains("\"attempts\":2"), "{}", r.stdout);
    assert!(r.stdout.contains("\"status\":\"replayed\""), "{}", r.stdout);
    let history = log(&env, &remote, "main");
    assert_eq!(history.matches("person.rename").count(), 2, "{history}");
    assert_eq!(
        git(&env, &remote, &["rev-list", "--merges", "main"]).trim(),
        ""
    );
    assert_eq!(
        git(&env, &b, &["rev-parse", "HEAD"]),
        git(&env, &remote, &["rev-parse", "main"])
    );
}

/// Two clerks sync at the same moment, each with a change of their own: both land, one
/// after the other, in one straight line.
#[test]
fn two_clerks_syncing_at_once_both_land() {
    let env = TestEnv::new();
    let (remote, a, b) = setup(&env);
    rename(&env, &a, "ESF-P-001", "نام الف");
    rename(&env, &b, "ESF-P-002", "نام ب");
    let runs: Vec<Run> = std::thread::scope(|s| {
        let ha = s.spawn(|| dabir(&env, &a, &["sync"]));
        let hb = s.spawn(|| dabir(&env, &b, &["sync"]));
        vec![ha.join().unwrap(), hb.join().unwrap()]
    });
    for r in &runs {
        assert_eq!(r.code, 0, "{}", r.transcript());
    }
    let history = log(&env, &remote, "main");
    assert_eq!(history.matches("person.rename").count(), 2, "{history}");
    assert_eq!(
        git(&env, &remote, &["rev-list", "--merges", "main"]).trim(),
        ""
    );
    ok(&env, &a, &["sync"]);
    ok(&env, &b, &["sync"]);
    assert_eq!(
        git(&env, &a, &["rev-parse", "HEAD"]),
        git(&env, &b, &["rev-parse", "HEAD"])
    );
}

/// A commit the remote already has (pushed by hand, say) is dropped, not applied twice.
#[test]
fn a_change_the_remote_already_has_is_dropped() {
    let env = TestEnv::new();
    let (remote, a, b) = setup(&env);
    rename(&env, &a, "ESF-P-001", "نام الف");
    // The same change reaches the remote as another commit (cherry-picked elsewhere).
    git(&env, &b, &["fetch", "-q", a.to_str().unwrap(), "main"]);
    git(&env, &b, &["cherry-pick", "FETCH_HEAD"]);
    git(
        &env,
        &b,
        &["commit", "-q", "--amend", "-m", "the same change, by hand"],
    );
    ok(&env, &b, &["sync"]);
    rename(&env, &a, "ESF-P-002", "نام دیگر");
    let r = ok(&env, &a, &["--format", "json", "sync"]);
    assert!(r.stdout.contains("\"dropped\":1"), "{}", r.stdout);
    assert!(r.stdout.contains("\"pushed\":1"), "{}", r.stdout);
    assert_eq!(
        git(&env, &remote, &["rev-list", "--count", "main"]).trim(),
        "3"
    );
}

/// A transport failure (the remote is gone) exits 3 and changes nothing.
#[test]
fn an_unreachable_remote_is_a_failure_to_run() {
    let env = TestEnv::new();
    let (remote, a, _b) = setup(&env);
    rename(&env, &a, "ESF-P-001", "نام الف");
    std::fs::rename(&remote, env.path().join("gone.git")).unwrap();
    let before = state(&env, &a);
    let r = dabir(&env, &a, &["--lang", "en", "sync"]);
    assert_eq!(r.code, 3, "{}", r.transcript());
    assert!(r.stderr.contains("git fetch"), "{}", r.stderr);
    assert_eq!(state(&env, &a), before);
    // In Persian, the reason is Persian too (only git's own words stay as git said them).
    let r = dabir(&env, &a, &["sync"]);
    assert_eq!(r.code, 3, "{}", r.transcript());
    assert!(
        r.stderr.contains("اجرای `git fetch") && r.stderr.contains("ناموفق بود"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("failed:"), "{}", r.stderr);
    assert_eq!(state(&env, &a), before);
}
