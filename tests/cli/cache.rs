//! The check cache (`.git/dabir/check-cache/`): a re-check reads only what changed, and
//! says exactly what a check without the cache says.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::common::*;

/// A copy of `sample-province` that is the root of a git work tree, its files dated an
/// hour back (files modified within the last second of a run are never cached).
fn git_root(env: &TestEnv) -> PathBuf {
    let root = env.copy_of(&sample(), "prov");
    let r = env.git(&root, &["init", "-q"]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    age(&root);
    root
}

/// Set the modification time of every file under `dir` (not `.git`) an hour back.
fn age(dir: &Path) {
    stamp(dir, SystemTime::now() - Duration::from_secs(3600));
}

/// Set the modification time of every file under `dir` (`.git` aside).
fn stamp(dir: &Path, t: SystemTime) {
    for e in std::fs::read_dir(dir).expect("read_dir") {
        let e = e.expect("entry");
        let kind = e.file_type().expect("type");
        if kind.is_dir() && e.file_name() != ".git" {
            stamp(&e.path(), t);
        } else if kind.is_file() {
            set_mtime(&e.path(), t);
        }
    }
}

fn set_mtime(path: &Path, t: SystemTime) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .expect("open")
        .set_modified(t)
        .expect("set mtime");
}

fn cache_dir(root: &Path) -> PathBuf {
    root.join(".git/dabir/check-cache")
}

fn check(env: &TestEnv, root: &Path, extra: &[&str]) -> Run {
    let mut args = vec![
        "check",
        "-C",
        root.to_str().unwrap(),
        "--lang",
        "en",
        "--as-of",
        "1404-09-15",
    ];
    args.extend(extra);
    env.run(&args)
}

fn same(a: &Run, b: &Run) {
    assert_eq!(
        a.code,
        b.code,
        "{}\n---\n{}",
        a.transcript(),
        b.transcript()
    );
    assert_eq!(a.stdout, b.stdout);
    assert_eq!(a.stderr, b.stderr);
}

/// Replace the first `from` in `root/rel` by `to`, of the same length.
fn edit_same_size(root: &Path, rel: &str, from: &str, to: &str) {
    assert_eq!(from.len(), to.len());
    let p = root.join(rel);
    let text = std::fs::read_to_string(&p).expect("read");
    assert!(text.contains(from), "{rel} holds no `{from}`");
    std::fs::write(&p, text.replacen(from, to, 1)).expect("write");
}

#[test]
fn second_run_is_identical_and_comes_from_the_cache() {
    let env = TestEnv::new();
    let root = git_root(&env);
    let first = check(&env, &root, &[]);
    assert!(
        cache_dir(&root).join("ESF.bin").is_file(),
        "no cache written"
    );
    let written = std::fs::metadata(cache_dir(&root).join("ESF.bin"))
        .unwrap()
        .modified()
        .unwrap();
    let second = check(&env, &root, &[]);
    same(&first, &second);
    let json1 = check(&env, &root, &["--format", "json"]);
    let json2 = check(&env, &root, &["--no-cache", "--format", "json"]);
    same(&json1, &json2);
    // Nothing changed, so the cache file was not rewritten.
    assert_eq!(
        std::fs::metadata(cache_dir(&root).join("ESF.bin"))
            .unwrap()
            .modified()
            .unwrap(),
        written
    );

    // A cache may not lie: break a file without changing its size, mtime or inode (what
    // the cache trusted before its key held the ctime), and the cached run sees it as a
    // run without the cache does.
    let rel = "people/ESF-P-001.yaml";
    let mtime = std::fs::metadata(root.join(rel))
        .unwrap()
        .modified()
        .unwrap();
    edit_same_size(&root, rel, "id: ESF-P-001", "ix: ESF-P-001");
    set_mtime(&root.join(rel), mtime);
    let cached = check(&env, &root, &[]);
    assert!(
        cached.stdout.contains("R-SCH-1") && cached.stdout.contains(rel),
        "{}",
        cached.transcript()
    );
    same(&cached, &check(&env, &root, &["--no-cache"]));
}

#[test]
fn an_edit_that_breaks_a_file_is_reported() {
    let env = TestEnv::new();
    let root = git_root(&env);
    let first = check(&env, &root, &[]);
    assert!(!first.stdout.contains("R-SCH-1"), "{}", first.transcript());
    // One character, same size: the mtime (and with a rewrite, maybe the inode) moves.
    let rel = "people/ESF-P-001.yaml";
    edit_same_size(&root, rel, "id: ESF-P-001", "ix: ESF-P-001");
    let after = check(&env, &root, &[]);
    assert_eq!(after.code, 1, "{}", after.transcript());
    assert!(
        after.stdout.contains("R-SCH-1") && after.stdout.contains(rel),
        "{}",
        after.transcript()
    );
    same(&after, &check(&env, &root, &["--no-cache"]));
    // Again, now that the broken file is older than a second: still reported (files with
    // findings are never cached), and fixed, the finding goes.
    age(&root);
    same(&after, &check(&env, &root, &[]));
    edit_same_size(&root, rel, "ix: ESF-P-001", "id: ESF-P-001");
    same(&first, &check(&env, &root, &[]));
}

#[test]
fn a_deleted_reference_is_reported_on_a_cached_record() {
    let env = TestEnv::new();
    let root = git_root(&env);
    let first = check(&env, &root, &["--format", "json"]);
    assert!(!first.stdout.contains("R-REF-1"), "{}", first.transcript());
    // people/ESF-P-001.yaml refers to this body; the person is unchanged, so cached.
    std::fs::remove_file(root.join("bodies/ESF-B-OSTANDARI.yaml")).unwrap();
    let after = check(&env, &root, &["--format", "json"]);
    let refs: Vec<_> = after
        .json_lines()
        .into_iter()
        .filter(|f| f["rule"] == "R-REF-1" && f["file"] == "people/ESF-P-001.yaml")
        .collect();
    assert_eq!(refs.len(), 1, "{}", after.transcript());
    same(
        &after,
        &check(&env, &root, &["--no-cache", "--format", "json"]),
    );
}

#[test]
fn no_cache_writes_no_cache() {
    let env = TestEnv::new();
    let root = git_root(&env);
    let r = check(&env, &root, &["--no-cache"]);
    assert!(r.code == 0 || r.code == 1, "{}", r.transcript());
    assert!(
        !root.join(".git/dabir").exists(),
        "--no-cache wrote a cache"
    );
}

#[test]
fn no_cache_outside_a_git_root_or_for_fresh_files() {
    let env = TestEnv::new();
    // Records in a subdirectory of a git work tree: no cache anywhere.
    let outer = env.path().join("outer");
    std::fs::create_dir_all(&outer).unwrap();
    assert_eq!(env.git(&outer, &["init", "-q"]).code, 0);
    let root = outer.join("prov");
    copy_dir(&sample(), &root);
    age(&root);
    check(&env, &root, &[]);
    assert!(!outer.join(".git/dabir").exists() && !root.join(".git").exists());
    // A git root whose files were all written within the last second (here: stamped in
    // the future, so a slow machine cannot age them past the racy window): none is cached.
    let fresh = env.copy_of(&sample(), "fresh");
    assert_eq!(env.git(&fresh, &["init", "-q"]).code, 0);
    stamp(&fresh, SystemTime::now() + Duration::from_secs(3600));
    check(&env, &fresh, &[]);
    assert!(
        !cache_dir(&fresh).join("ESF.bin").exists(),
        "racy files were cached"
    );
}

#[test]
fn a_corrupted_cache_file_is_ignored() {
    let env = TestEnv::new();
    let root = git_root(&env);
    let first = check(&env, &root, &["--format", "json"]);
    for name in ["ESF.bin", "ESF.findings"] {
        let file = cache_dir(&root).join(name);
        let good = std::fs::read(&file).unwrap();
        // A flipped byte in the middle of a record, a truncated file, garbage, an empty file.
        let mut flipped = good.clone();
        let mid = flipped.len() / 2;
        flipped[mid] ^= 0x20;
        let damaged: [Vec<u8>; 4] = [
            flipped,
            good[..good.len() / 3].to_vec(),
            b"not a cache at all".to_vec(),
            Vec::new(),
        ];
        for bytes in damaged {
            std::fs::write(&file, &bytes).unwrap();
            // The records are read only when the findings are not in the cache.
            if name == "ESF.bin" {
                std::fs::remove_file(cache_dir(&root).join("ESF.findings")).unwrap();
            }
            same(&first, &check(&env, &root, &["--format", "json"]));
            // It was rewritten, whole.
            assert_eq!(std::fs::read(&file).unwrap(), good, "{name}");
        }
        // A cache file that cannot be read at all (a directory in its place): no error either.
        std::fs::remove_file(&file).unwrap();
        std::fs::create_dir(&file).unwrap();
        same(&first, &check(&env, &root, &["--format", "json"]));
        std::fs::remove_dir(&file).unwrap();
        check(&env, &root, &[]);
    }
}

#[test]
fn cached_findings_follow_every_input_they_depend_on() {
    let env = TestEnv::new();
    let root = git_root(&env);
    let json = ["--format", "json"];
    let first = check(&env, &root, &json);
    // The sample's deliberate warnings, so there are findings to cache.
    assert!(first.stdout.contains("warning"), "{}", first.transcript());
    assert!(cache_dir(&root).join("ESF.findings").is_file());

    // Unchanged: the findings come from the cache, so the province's records are not
    // even loaded (their cache, deleted, is not written again).
    std::fs::remove_file(cache_dir(&root).join("ESF.bin")).unwrap();
    same(&first, &check(&env, &root, &json));
    assert!(!cache_dir(&root).join("ESF.bin").exists());

    // Another date is another key, and going back gives the first answer again.
    let earlier = ["--format", "json", "--as-of", "1403-01-15"];
    let then = check(&env, &root, &earlier);
    assert_ne!(then.stdout, first.stdout);
    same(
        &then,
        &check(&env, &root, &[&earlier[..], &["--no-cache"]].concat()),
    );
    same(&first, &check(&env, &root, &json));

    // The config: a shorter allowed gap between meetings finds gaps.
    let config = root.join("dabir.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replace("meeting_gap_days: 210", "meeting_gap_days: 30"),
    )
    .unwrap();
    let tight = check(&env, &root, &json);
    assert!(tight.stdout.contains("R-MTG-1"), "{}", tight.transcript());
    same(
        &tight,
        &check(&env, &root, &["--format", "json", "--no-cache"]),
    );
    std::fs::write(&config, text).unwrap();
    same(&first, &check(&env, &root, &json));

    // The reference index: a new file elsewhere (here a stray record id) changes it.
    std::fs::copy(
        root.join("bodies/ESF-B-OSTANDARI.yaml"),
        root.join("bodies/ESF-B-COPY.yaml"),
    )
    .unwrap();
    let copied = check(&env, &root, &json);
    same(
        &copied,
        &check(&env, &root, &["--format", "json", "--no-cache"]),
    );
    assert_ne!(copied.stdout, first.stdout);

    // The rules switched off is another key too.
    let schema_only = check(&env, &root, &["--format", "json", "--schema-only"]);
    same(
        &schema_only,
        &check(
            &env,
            &root,
            &["--format", "json", "--schema-only", "--no-cache"],
        ),
    );
}
