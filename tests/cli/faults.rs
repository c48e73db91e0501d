//! Disk faults: a write on a full disk, at many fill levels, on a small tmpfs the test
//! mounts (as root; elsewhere it says loudly that it skipped). Whatever the fill level,
//! the write ends with HEAD and the work tree agreeing, or with a message naming
//! `dabir unlock`, after which they agree; `git fsck --strict` is clean and `check`
//! passes; and no write starts while a journal awaits recovery.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{self, TestEnv};

/// A tmpfs of `kb` KiB at `dir`, unmounted on drop.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, kb: u64) -> Option<Tmpfs> {
        std::fs::create_dir_all(dir).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kb}k"), "tmpfs"])
            .arg(dir)
            .output()
            .ok()?
            .status
            .success();
        ok.then(|| Tmpfs(dir.to_path_buf()))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// Fill the file system holding `dir` to the last byte, then free `free` bytes.
fn fill(dir: &Path, free: u64) -> PathBuf {
    let p = dir.join("filler");
    let mut f = std::fs::File::create(&p).unwrap();
    let block = vec![0u8; 4096];
    let mut written = 0u64;
    loop {
        match f.write(&block) {
            Ok(0) | Err(_) => break,
            Ok(n) => written += n as u64,
        }
    }
    drop(f);
    std::fs::OpenOptions::new()
        .write(true)
        .open(&p)
        .unwrap()
        .set_len(written.saturating_sub(free))
        .unwrap();
    p
}

fn head(env: &TestEnv, dir: &Path) -> String {
    env.git(dir, &["rev-parse", "HEAD"])
        .stdout
        .trim()
        .to_string()
}

/// HEAD, the index and the work tree agree, and the repository is sound.
fn sound(env: &TestEnv, dir: &Path, what: &str) {
    let status = env.git(dir, &["status", "--porcelain", "--untracked-files=no"]);
    assert_eq!(
        status.stdout, "",
        "{what}: work tree or index differ from HEAD"
    );
    let fsck = env.git(dir, &["fsck", "--strict", "--no-progress"]);
    assert_eq!(fsck.code, 0, "{what}: {}", fsck.stderr);
    let check = env.run(&["check", "-C", dir.to_str().unwrap(), "--no-history"]);
    assert_eq!(check.code, 0, "{what}: {}", check.stdout);
}

#[test]
fn a_write_on_a_full_disk_loses_nothing_at_any_fill_level() {
    let env = TestEnv::new();
    let Some(fs) = Tmpfs::mount(&env.path().join("disk"), 3072) else {
        eprintln!(
            "\n*** SKIPPED a_write_on_a_full_disk_loses_nothing_at_any_fill_level: \
             cannot mount a tmpfs here (needs root) ***\n"
        );
        return;
    };
    let dir = fs.0.join("esf");
    common::copy_dir(&common::sample(), &dir);
    env.git(&dir, &["init", "-q", "-b", "main"]);
    env.git(&dir, &["add", "-A"]);
    env.git(&dir, &["commit", "-qm", "records"]);
    let d = dir.to_str().unwrap().to_string();
    let mut outcomes = Vec::new();
    for (i, free) in [
        0u64, 1, 512, 4096, 8192, 16384, 32768, 65536, 131072, 262144,
    ]
    .into_iter()
    .enumerate()
    {
        let before = head(&env, &dir);
        let filler = fill(&fs.0, free);
        let id = format!("ESF-P-{}", 950 + i);
        let run = env.run_with(
            &[("DABIR_FSYNC", "on")],
            &["person", "add", &id, "--name", "نام آزمایشی", "-C", &d],
        );
        std::fs::remove_file(&filler).unwrap();
        let after = head(&env, &dir);
        let what = format!("{free} bytes free: exit {}: {}", run.code, run.stderr);
        match run.code {
            0 => assert_ne!(before, after, "{what}"),
            3 if run.stderr.contains("dabir unlock") => {
                let unlock = env.run(&["unlock", "-C", &d]);
                assert_eq!(unlock.code, 0, "{what}; unlock: {}", unlock.stderr);
            }
            3 | 2 => assert_eq!(before, after, "{what}: HEAD moved without saying how back"),
            _ => panic!("{what}"),
        }
        sound(&env, &dir, &what);
        assert!(
            !dir.join(".git/dabir.lock").exists(),
            "{what}: the lock was left"
        );
        outcomes.push(run.code);
    }
    // The disk was full for some and roomy for others.
    assert!(
        outcomes.contains(&0) && outcomes.iter().any(|&c| c != 0),
        "{outcomes:?}"
    );
}

#[test]
fn no_write_starts_while_a_journal_awaits_recovery() {
    let env = TestEnv::new();
    let dir = env.copy_of(&common::sample(), "esf");
    env.git(&dir, &["init", "-q", "-b", "main"]);
    env.git(&dir, &["add", "-A"]);
    env.git(&dir, &["commit", "-qm", "records"]);
    let d = dir.to_str().unwrap();
    let journal = dir.join(".git/dabir/journal");
    std::fs::create_dir_all(journal.parent().unwrap()).unwrap();
    let text = format!("parent {}\n", head(&env, &dir));
    std::fs::write(&journal, &text).unwrap();
    let run = env.run(&[
        "person",
        "add",
        "ESF-P-990",
        "--name",
        "نام",
        "-C",
        d,
        "--lang",
        "en",
    ]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("dabir unlock"), "{}", run.stderr);
    // The journal is kept for `unlock`, which clears it; then the write goes through.
    assert_eq!(std::fs::read_to_string(&journal).unwrap(), text);
    assert_eq!(env.run(&["unlock", "-C", d]).code, 0);
    let run = env.run(&["person", "add", "ESF-P-990", "--name", "نام", "-C", d]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// A write interrupted at each failpoint of the transaction (`src/store/failpoint.rs`;
/// RELIABILITY.md, "Failpoints"), by an error and by a panic: HEAD is the old commit or
/// the new one; a failure after the branch moved names `dabir unlock` (an error) or
/// leaves the journal (a panic), and `unlock` settles it; then HEAD, the index and the
/// work tree agree, `git fsck --strict` is clean, `check` passes, and the next write
/// goes through. The debug build `cargo test` runs carries the failpoints.
#[test]
fn a_write_interrupted_at_any_failpoint_loses_nothing() {
    let env = TestEnv::new();
    let dir = env.copy_of(&common::sample(), "esf");
    env.git(&dir, &["init", "-q", "-b", "main"]);
    env.git(&dir, &["add", "-A"]);
    env.git(&dir, &["commit", "-qm", "records"]);
    let d = dir.to_str().unwrap().to_string();
    let mut n = 900;
    let mut report = Vec::new();
    for point in dabir::store::failpoint::POINTS {
        for mode in ["error", "panic"] {
            n += 1;
            let id = format!("ESF-P-{n}");
            let before = head(&env, &dir);
            let run = env
                .dabir()
                .env("DABIR_FAILPOINT", format!("{point}:{mode}"))
                .env("DABIR_FSYNC", "on")
                .args(["person", "add", &id, "--name", "نام آزمایشی", "-C", &d])
                .args(["--lang", "en"])
                .output()
                .unwrap();
            let code = run.status.code();
            let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
            let what = format!("{point}:{mode}: exit {code:?}: {stderr}");
            assert_ne!(code, Some(0), "{what}: the failpoint did not fire");
            let after = head(&env, &dir);
            let moved = after != before;
            if moved {
                assert_eq!(
                    env.git(&dir, &["rev-parse", "HEAD~1"]).stdout.trim(),
                    before,
                    "{what}: HEAD is neither the old commit nor its child"
                );
            }
            match mode {
                "error" if moved => {
                    assert_eq!(code, Some(3), "{what}");
                    assert!(stderr.contains("dabir unlock"), "{what}");
                }
                "error" => assert!(matches!(code, Some(2 | 3)), "{what}"),
                _ => assert_eq!(code, Some(101), "{what}: not a panic"),
            }
            // A failure that leaves something to finish says so to the next write too.
            let journal = dir.join(".git/dabir/journal").exists();
            if journal || (mode == "error" && moved) {
                let unlock = env.run(&["unlock", "-C", &d]);
                assert_eq!(unlock.code, 0, "{what}; unlock: {}", unlock.transcript());
            }
            sound(&env, &dir, &what);
            assert!(
                !dir.join(".git/dabir.lock").exists(),
                "{what}: the lock was left"
            );
            // The record is there exactly when HEAD moved; the next write goes through.
            assert_eq!(
                dir.join(format!("people/{id}.yaml")).exists(),
                moved,
                "{what}"
            );
            let next = format!("ESF-P-{}", n + 500);
            let r = env.run(&["person", "add", &next, "--name", "نام دیگر", "-C", &d]);
            assert_eq!(r.code, 0, "{what}; next write: {}", r.transcript());
            report.push(format!(
                "{point}:{mode} exit {code:?} HEAD {} journal {journal}",
                if moved { "new" } else { "old" }
            ));
        }
    }
    eprintln!("failpoints:\n  {}", report.join("\n  "));
}

/// `dir` bind-mounted read-only onto itself (as root; `chmod` does not stop root), undone
/// on drop.
fn read_only_bind(dir: &Path) -> Option<Tmpfs> {
    let run = |args: &[&str]| {
        Command::new("mount")
            .args(args)
            .arg(dir)
            .arg(dir)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !run(&["--bind"]) {
        return None;
    }
    let guard = Tmpfs(dir.to_path_buf());
    let ok = Command::new("mount")
        .args(["-o", "remount,ro,bind"])
        .arg(dir)
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then_some(guard)
}

/// A committed copy of the sample at `dir`.
fn records_at(env: &TestEnv, dir: &Path) {
    common::copy_dir(&common::sample(), dir);
    env.git(dir, &["init", "-q", "-b", "main"]);
    env.git(dir, &["add", "-A"]);
    env.git(dir, &["commit", "-qm", "records"]);
}

/// A write that cannot write (a read-only repository, or only `.git/objects` read-only)
/// could not run: exit 3, the cause named, HEAD, the index and the work tree untouched, no
/// lock or journal left; `check` still reads the repository; once writable again the
/// next write goes through.
#[test]
fn a_read_only_repository_or_object_store_refuses_a_write_and_loses_nothing() {
    let env = TestEnv::new();
    let Some(fs) = Tmpfs::mount(&env.path().join("disk"), 16384) else {
        eprintln!(
            "\n*** SKIPPED a_read_only_repository_or_object_store_refuses_a_write_and_loses_nothing: \
             cannot mount (needs root; chmod does not stop root, so there is no other way) ***\n"
        );
        return;
    };
    let dir = fs.0.join("esf");
    records_at(&env, &dir);
    let d = dir.to_str().unwrap().to_string();
    for (n, (what, target)) in [
        ("the whole repository", fs.0.clone()),
        (".git/objects", dir.join(".git/objects")),
    ]
    .into_iter()
    .enumerate()
    {
        let id = format!("ESF-P-95{n}");
        let before = head(&env, &dir);
        let guard = if target == fs.0 {
            let ok = Command::new("mount")
                .args(["-o", "remount,ro"])
                .arg(&fs.0)
                .output()
                .is_ok_and(|o| o.status.success());
            assert!(ok, "{what}: remount read-only");
            None
        } else {
            Some(read_only_bind(&target).expect("bind mount works where tmpfs did"))
        };
        let run = env.run(&[
            "person", "add", &id, "--name", "نام", "-C", &d, "--lang", "en",
        ]);
        assert_eq!(run.code, 3, "{what}: {}", run.transcript());
        assert!(
            run.stderr.contains("Read-only file system"),
            "{what}: the cause is not named: {}",
            run.stderr
        );
        let check = env.run(&["check", "-C", &d, "--no-history", "--as-of", "1404-09-15"]);
        assert_eq!(check.code, 0, "{what}: check: {}", check.transcript());
        match guard {
            Some(g) => drop(g),
            None => {
                let ok = Command::new("mount")
                    .args(["-o", "remount,rw"])
                    .arg(&fs.0)
                    .status()
                    .is_ok_and(|s| s.success());
                assert!(ok, "{what}: remount read-write");
            }
        }
        assert_eq!(head(&env, &dir), before, "{what}: HEAD moved");
        assert!(!dir.join(".git/dabir.lock").exists(), "{what}: lock left");
        assert!(
            !dir.join(".git/dabir/journal").exists(),
            "{what}: journal left"
        );
        sound(&env, &dir, what);
        let run = env.run(&["person", "add", &id, "--name", "نام", "-C", &d]);
        assert_eq!(run.code, 0, "{what}: writable again: {}", run.transcript());
    }
}

/// The caches cannot be written (a file where `.git/dabir/cache/` and
/// `.git/dabir/check-cache/` belong; this works as root too): they are only caches, so
/// writes and `check` go on without them, and nothing is lost.
#[test]
fn an_unwritable_cache_directory_only_costs_the_cache() {
    let env = TestEnv::new();
    let dir = env.path().join("esf");
    records_at(&env, &dir);
    let d = dir.to_str().unwrap().to_string();
    std::fs::create_dir_all(dir.join(".git/dabir")).unwrap();
    for name in ["cache", "check-cache"] {
        std::fs::write(dir.join(".git/dabir").join(name), "").unwrap();
    }
    for i in 0..2 {
        let before = head(&env, &dir);
        let id = format!("ESF-P-96{i}");
        let run = env.run(&["person", "add", &id, "--name", "نام", "-C", &d]);
        assert_eq!(run.code, 0, "write {i}: {}", run.transcript());
        assert_ne!(head(&env, &dir), before, "write {i}: HEAD did not move");
        let check = env.run(&["check", "-C", &d, "--as-of", "1404-09-15"]);
        assert_eq!(check.code, 0, "check {i}: {}", check.transcript());
        sound(&env, &dir, "cache unwritable");
    }
    assert!(
        dir.join(".git/dabir/cache").is_file(),
        "the file was replaced"
    );
}

/// Durability (RELIABILITY.md, "Durability"), seen from the system calls: a write fsyncs
/// each file before the rename that publishes it and the directory after it (journal,
/// work-tree file), `.git/objects` and the branch's new ref file before the ref moves,
/// and the index with `.git` after it is written; with `DABIR_FSYNC=off`, nothing.
/// Needs `strace` (skipped loudly without it); the write with fsync runs either way.
#[test]
fn a_write_fsyncs_each_file_before_it_is_published() {
    let env = TestEnv::new();
    let dir = env.path().join("esf");
    records_at(&env, &dir);
    let d = dir.to_str().unwrap().to_string();
    let trace = env.path().join("strace");
    let traced = |id: &str, fsync: &str| {
        let mut plain = env.dabir();
        plain.env("DABIR_FSYNC", fsync);
        let mut c = Command::new("strace");
        c.env_clear()
            .envs(plain.get_envs().filter_map(|(k, v)| Some((k, v?))))
            .current_dir(env.path())
            .args(["-f", "-qq", "-y", "-e", "trace=fsync,rename", "-o"])
            .arg(&trace)
            .arg(env!("CARGO_BIN_EXE_dabir"))
            .args(["person", "add", id, "--name", "نام", "-C", &d]);
        c.output()
    };
    let Ok(out) = traced("ESF-P-970", "on") else {
        eprintln!("\n*** SKIPPED the fsync order check: strace is not installed ***\n");
        let r = env.run_with(
            &[("DABIR_FSYNC", "on")],
            &["person", "add", "ESF-P-970", "--name", "نام", "-C", &d],
        );
        assert_eq!(r.code, 0, "{}", r.transcript());
        sound(&env, &dir, "fsync on");
        return;
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    sound(&env, &dir, "fsync on");
    let calls: Vec<String> = std::fs::read_to_string(&trace)
        .unwrap()
        .lines()
        .filter(|l| !l.contains("resumed>"))
        .map(|l| {
            // `PID fsync(3</path>) = 0` -> `fsync(</path>) = 0`, the repository's path cut.
            let l = l.split_once(' ').map_or(l, |(_, rest)| rest.trim_start());
            let l = match (l.strip_prefix("fsync("), l.find('<')) {
                (Some(_), Some(i)) => format!("fsync({}", &l[i..]),
                _ => l.to_string(),
            };
            l.replace(&d, "")
        })
        .collect();
    let at = |prefix: &str| {
        calls
            .iter()
            .position(|c| c.starts_with(prefix))
            .unwrap_or_else(|| panic!("no `{prefix}` in\n{}", calls.join("\n")))
    };
    let order = [
        (
            "fsync(</.git/dabir/.journal.dabir-tmp>",
            "rename(\"/.git/dabir/.journal.dabir-tmp\"",
        ),
        (
            "rename(\"/.git/dabir/.journal.dabir-tmp\"",
            "fsync(</.git/dabir>",
        ),
        ("fsync(</.git/dabir>", "fsync(</.git/objects>"),
        (
            "fsync(</.git/objects>",
            "rename(\"/.git/refs/heads/main.lock\"",
        ),
        (
            "fsync(</.git/refs/heads/main.lock>",
            "rename(\"/.git/refs/heads/main.lock\"",
        ),
        (
            "rename(\"/.git/refs/heads/main.lock\"",
            "fsync(</.git/refs/heads>",
        ),
        (
            "fsync(</people/.ESF-P-970.yaml.dabir-tmp>",
            "rename(\"/people/.ESF-P-970.yaml.dabir-tmp\"",
        ),
        (
            "rename(\"/people/.ESF-P-970.yaml.dabir-tmp\"",
            "fsync(</people>",
        ),
        ("rename(\"/.git/index.lock\"", "fsync(</.git/index>"),
        ("fsync(</.git/index>", "fsync(</.git>"),
    ];
    for (first, then) in order {
        let i = at(first);
        assert!(
            calls[i + 1..].iter().any(|c| c.starts_with(then)),
            "no `{then}` after `{first}`:\n{}",
            calls.join("\n")
        );
    }
    // Every object libgit2 wrote was fsynced before the ref moved.
    let moved = at("rename(\"/.git/refs/heads/main.lock\"");
    let objects = calls[..moved]
        .iter()
        .filter(|c| c.starts_with("fsync(</.git/objects/tmp_object"))
        .count();
    assert!(
        objects >= 3,
        "{objects} objects fsynced:\n{}",
        calls.join("\n")
    );
    eprintln!(
        "one write: {} fsync calls",
        calls.iter().filter(|c| c.starts_with("fsync(")).count()
    );
    // Off: none at all.
    let out = traced("ESF-P-971", "off").unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&trace).unwrap();
    assert!(
        !text.contains("fsync("),
        "DABIR_FSYNC=off still fsyncs:\n{text}"
    );
    sound(&env, &dir, "fsync off");
}
