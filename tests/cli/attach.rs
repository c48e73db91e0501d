//! `dabir attach` and the attachment checks (R-ATT-1..3): one commit holding the file and
//! the record; an altered, a missing and an unreferenced file each give their finding;
//! the hash cache sees a file rewritten in place with its modification time set back;
//! git LFS pointer files are checked by the object id they name.

use std::path::{Path, PathBuf};

use crate::common::*;

const MEETING: &str = "ESF-PC-1403-02";
const AS_OF: &str = "1404-09-15";

fn repo(env: &TestEnv) -> PathBuf {
    let dir = env.copy_of(&sample(), "province");
    for args in [
        &["init", "-q"][..],
        &["add", "-A"],
        &["commit", "-q", "-m", "records"],
    ] {
        assert_eq!(env.git(&dir, args).code, 0);
    }
    dir
}

fn dabir(env: &TestEnv, dir: &Path, args: &[&str]) -> Run {
    let mut full: Vec<&str> = vec!["-C", dir.to_str().unwrap(), "--lang", "en"];
    full.extend_from_slice(args);
    env.run(&full)
}

/// The findings of R-ATT rules (and R-FILE-2) of `check --format json`, as `RULE file`.
fn attachment_findings(env: &TestEnv, dir: &Path) -> Vec<String> {
    let r = dabir(env, dir, &["check", "--format", "json", "--as-of", AS_OF]);
    r.json_lines()
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("R-ATT"))
        .map(|f| {
            format!(
                "{} {}",
                f["rule"].as_str().unwrap(),
                f["file"].as_str().unwrap()
            )
        })
        .collect()
}

/// Attach a scan of `bytes` to the meeting; returns the attachment's path.
fn attach(env: &TestEnv, dir: &Path, bytes: &[u8]) -> String {
    let scan = env.path().join("scan.PDF");
    std::fs::write(&scan, bytes).unwrap();
    let r = dabir(env, dir, &["attach", MEETING, scan.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    let r = env.git(dir, &["show", "--name-only", "--format=", "HEAD"]);
    let files: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(files.len(), 2, "{files:?}");
    files
        .iter()
        .find(|f| f.starts_with("attachments/"))
        .unwrap()
        .to_string()
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn attach_commits_the_file_and_its_hash_in_one_commit() {
    let env = TestEnv::new();
    let dir = repo(&env);
    let scan: Vec<u8> = (0..70_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let path = attach(&env, &dir, &scan);
    let hash = sha256(&scan);
    assert_eq!(
        path,
        format!(
            "attachments/meetings/1403/{MEETING}/signed-minutes-{}.pdf",
            &hash[..12]
        )
    );
    // The committed blob is the file, byte for byte; the record names it with hash and size.
    let blob = std::process::Command::new("git")
        .args(["show", &format!("HEAD:{path}")])
        .current_dir(&dir)
        .output()
        .unwrap()
        .stdout;
    assert_eq!(blob, scan);
    let record =
        std::fs::read_to_string(dir.join(format!("meetings/1403/{MEETING}.yaml"))).unwrap();
    assert!(record.contains(&format!("sha256: \"{hash}\"")), "{record}");
    assert!(record.contains("size: 70000"), "{record}");
    assert!(record.contains("kind: signed-minutes"), "{record}");
    let log = env.git(&dir, &["log", "-1", "--format=%B"]).stdout;
    assert!(log.contains("Dabir-Action: attach"), "{log}");
    // Clean work tree, and check finds nothing about attachments.
    assert_eq!(env.git(&dir, &["status", "--porcelain"]).stdout, "");
    assert_eq!(attachment_findings(&env, &dir), Vec::<String>::new());
    // The same file again is refused, with nothing written.
    let head = env.git(&dir, &["rev-parse", "HEAD"]).stdout;
    let again = dabir(
        &env,
        &dir,
        &[
            "attach",
            MEETING,
            env.path().join("scan.PDF").to_str().unwrap(),
        ],
    );
    assert_eq!(again.code, 2, "{}", again.transcript());
    assert!(
        again.stderr.contains("already attached"),
        "{}",
        again.transcript()
    );
    assert_eq!(env.git(&dir, &["rev-parse", "HEAD"]).stdout, head);
}

#[test]
fn attach_refuses_what_it_cannot_attach() {
    let env = TestEnv::new();
    let dir = repo(&env);
    let head = env.git(&dir, &["rev-parse", "HEAD"]).stdout;
    let scan = env.path().join("decree.pdf");
    std::fs::write(&scan, b"decree").unwrap();
    // A person carries no attachments; an unknown record; a missing file.
    let r = dabir(&env, &dir, &["attach", "ESF-P-001", scan.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(r.stderr.contains("R-ATT-1"), "{}", r.transcript());
    let r = dabir(
        &env,
        &dir,
        &["attach", "ESF-PC-1403-99", scan.to_str().unwrap()],
    );
    assert_eq!(r.code, 2, "{}", r.transcript());
    let r = dabir(&env, &dir, &["attach", "ESF-PC", "/nonexistent/decree.pdf"]);
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(
        r.stderr.contains("/nonexistent/decree.pdf"),
        "{}",
        r.transcript()
    );
    // A dry run shows the commit and writes nothing.
    let r = dabir(
        &env,
        &dir,
        &[
            "attach",
            "ESF-PC",
            scan.to_str().unwrap(),
            "--kind",
            "decree",
            "--dry-run",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert!(
        r.stdout
            .contains("Binary file b/attachments/committees/ESF-PC/decree-"),
        "{}",
        r.stdout
    );
    assert_eq!(env.git(&dir, &["rev-parse", "HEAD"]).stdout, head);
    assert_eq!(env.git(&dir, &["status", "--porcelain"]).stdout, "");
}

#[test]
fn altered_missing_and_unreferenced_attachments_each_give_their_finding() {
    let env = TestEnv::new();
    let dir = repo(&env);
    let path = attach(&env, &dir, b"the signed minutes");
    let record = format!("meetings/1403/{MEETING}.yaml");
    std::fs::write(dir.join(&path), b"the signed minutez").unwrap();
    assert_eq!(
        attachment_findings(&env, &dir),
        vec![format!("R-ATT-2 {record}")]
    );
    std::fs::remove_file(dir.join(&path)).unwrap();
    assert_eq!(
        attachment_findings(&env, &dir),
        vec![format!("R-ATT-1 {record}")]
    );
    let stray = format!("attachments/meetings/1403/{MEETING}/copied-by-hand.pdf");
    std::fs::write(dir.join(&stray), b"scan").unwrap();
    assert_eq!(
        attachment_findings(&env, &dir),
        vec![format!("R-ATT-3 {stray}"), format!("R-ATT-1 {record}")]
    );
    // The same at a revision, read from git objects.
    let r = dabir(&env, &dir, &["check", "--rev", "HEAD", "--as-of", AS_OF]);
    assert_eq!(r.code, 0, "{}", r.transcript());
}

#[test]
fn the_hash_cache_sees_a_file_rewritten_with_its_old_modification_time() {
    let env = TestEnv::new();
    let dir = repo(&env);
    let path = attach(&env, &dir, b"the signed minutes, first scan");
    // Older than the racy window, so the first check caches the hash.
    std::thread::sleep(std::time::Duration::from_millis(1200));
    assert_eq!(attachment_findings(&env, &dir), Vec::<String>::new());
    assert!(dir.join(".git/dabir/check-cache/attachments.bin").is_file());
    assert_eq!(attachment_findings(&env, &dir), Vec::<String>::new());
    // Same size, other bytes, in place, modification time set back.
    let file = dir.join(&path);
    let mtime = std::fs::metadata(&file).unwrap().modified().unwrap();
    std::fs::write(&file, b"the signed minutes, other scan").unwrap();
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    assert_eq!(std::fs::metadata(&file).unwrap().modified().unwrap(), mtime);
    assert_eq!(
        attachment_findings(&env, &dir),
        vec![format!("R-ATT-2 meetings/1403/{MEETING}.yaml")]
    );
}

#[test]
fn check_works_on_git_lfs_pointer_files() {
    let env = TestEnv::new();
    let dir = repo(&env);
    let scan = b"a scan kept in git LFS".to_vec();
    let path = attach(&env, &dir, &scan);
    // What a clone without the LFS objects holds: the pointer file.
    let pointer = |oid: &str, size: usize| {
        format!("version https://git-lfs.github.com/spec/v1\noid sha256:{oid}\nsize {size}\n")
    };
    std::fs::write(dir.join(&path), pointer(&sha256(&scan), scan.len())).unwrap();
    assert_eq!(attachment_findings(&env, &dir), Vec::<String>::new());
    std::fs::write(
        dir.join(&path),
        pointer(&sha256(b"another scan"), scan.len()),
    )
    .unwrap();
    assert_eq!(
        attachment_findings(&env, &dir),
        vec![format!("R-ATT-2 meetings/1403/{MEETING}.yaml")]
    );
}
