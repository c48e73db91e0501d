//! `check` with many attachments against `sha256sum` over the same files.
//!
//! `cargo bench --bench attachments` builds a copy of `sample-province` whose meeting and
//! decision records name `DABIR_BENCH_ATTACHMENTS` files (default 1000) of
//! `DABIR_BENCH_ATTACHMENT_KB` KiB each (default 1024) under `attachments/`, in a
//! git-initialised directory (for the check cache) under `target/bench-data/`. Each round
//! runs, with the files in the page cache:
//! - `sha256sum` over every attachment (one process, one core: the floor);
//! - `dabir check` with the check cache deleted first (every file hashed, all cores);
//! - the same with `-j 1`;
//! - `dabir check` again with the cache of the previous run (nothing changed: no file is
//!   read).
//!
//! It prints the median of `DABIR_BENCH_ROUNDS` rounds (default 5) of each and the ratios
//! to `sha256sum` measured in the same run. See benches/README.md.

use std::env;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const DABIR: &str = env!("CARGO_BIN_EXE_dabir");
const AS_OF: &str = "1404-09-15";

fn setting(name: &str, default: usize) -> usize {
    env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

/// The record files that may carry attachments, with their ids and folders.
fn carriers(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for kind in ["meetings", "decisions"] {
        for year in std::fs::read_dir(dir.join(kind)).unwrap() {
            let year = year.unwrap().path();
            for f in std::fs::read_dir(&year).unwrap() {
                let p = f.unwrap().path();
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                let folder = format!("attachments/{}", rel.strip_suffix(".yaml").unwrap());
                out.push((p, folder));
            }
        }
    }
    out.sort();
    out
}

/// Write the data set; returns the attachment paths.
fn generate(dir: &Path, n: usize, kb: usize) -> Vec<PathBuf> {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-province");
    copy_dir(&sample, dir);
    let carriers = carriers(dir);
    let mut blocks = vec![String::new(); carriers.len()];
    let mut files = Vec::with_capacity(n);
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for i in 0..n {
        let mut bytes = vec![0u8; kb * 1024];
        for chunk in bytes.chunks_mut(8) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let b = x.to_le_bytes();
            chunk.copy_from_slice(&b[..chunk.len()]);
        }
        let c = i % carriers.len();
        let sha = {
            let out = Command::new("sha256sum")
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .spawn()
                .and_then(|mut child| {
                    use std::io::Write;
                    child.stdin.take().unwrap().write_all(&bytes)?;
                    child.wait_with_output()
                })
                .expect("sha256sum");
            String::from_utf8(out.stdout).unwrap()[..64].to_string()
        };
        let rel = format!("{}/evidence-{i:05}.pdf", carriers[c].1);
        let path = dir.join(&rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &bytes).unwrap();
        let _ = write!(
            blocks[c],
            "  - kind: evidence\n    file: {rel}\n    sha256: \"{sha}\"\n    size: {}\n    added: \"1404-09-01\"\n",
            bytes.len()
        );
        files.push(path);
    }
    for ((record, _), block) in carriers.iter().zip(blocks) {
        if block.is_empty() {
            continue;
        }
        let mut text = std::fs::read_to_string(record).unwrap();
        text.push_str("attachments:\n");
        text.push_str(&block);
        std::fs::write(record, text).unwrap();
    }
    assert!(
        Command::new("git")
            .args(["init", "-q"])
            .current_dir(dir)
            .status()
            .unwrap()
            .success()
    );
    files
}

fn time(cmd: &mut Command) -> Duration {
    let t = Instant::now();
    let out = cmd.output().expect("run");
    let d = t.elapsed();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    d
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    if env::args().any(|a| a == "--list") {
        return;
    }
    let n = setting("DABIR_BENCH_ATTACHMENTS", 1000);
    let kb = setting("DABIR_BENCH_ATTACHMENT_KB", 1024);
    let rounds = setting("DABIR_BENCH_ROUNDS", 5).max(1);
    let data = env::var_os("DABIR_BENCH_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data"));
    let dir = data.join(format!("attachments-{n}x{kb}k-v1"));
    let files: Vec<PathBuf> = if dir.join("dabir.yaml").is_file() {
        let mut v = Vec::new();
        let mut stack = vec![dir.join("attachments")];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() { stack.push(p) } else { v.push(p) }
            }
        }
        v
    } else {
        let _ = std::fs::remove_dir_all(&dir);
        eprintln!(
            "generating {n} attachments of {kb} KiB in {}",
            dir.display()
        );
        generate(&dir, n, kb)
    };
    assert_eq!(files.len(), n);
    // Past the racy window of the cache (files modified within a second are not cached).
    std::thread::sleep(Duration::from_millis(1100));
    let cache = dir.join(".git/dabir/check-cache");
    let check = |jobs: Option<&str>| {
        let mut c = Command::new(DABIR);
        c.args([
            "check",
            "-C",
            dir.to_str().unwrap(),
            "--as-of",
            AS_OF,
            "--no-history",
            "--quiet",
        ]);
        if let Some(j) = jobs {
            c.args(["-j", j]);
        }
        c
    };
    // Warm the page cache, and check that the data set is clean of attachment findings.
    time(Command::new("sha256sum").args(&files));
    let out = check(None).args(["--format", "json"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("R-ATT"), "{text}");

    let (mut sum, mut cold, mut cold1, mut warm) = (vec![], vec![], vec![], vec![]);
    for _ in 0..rounds {
        sum.push(time(Command::new("sha256sum").args(&files)));
        let _ = std::fs::remove_dir_all(&cache);
        cold.push(time(&mut check(None)));
        let _ = std::fs::remove_dir_all(&cache);
        cold1.push(time(&mut check(Some("1"))));
        warm.push(time(&mut check(None)));
    }
    let (sum, cold, cold1, warm) = (median(sum), median(cold), median(cold1), median(warm));
    let mb = (n * kb) as f64 / 1024.0;
    let r = |d: Duration| d.as_secs_f64() / sum.as_secs_f64();
    println!("{n} attachments x {kb} KiB ({mb:.0} MiB), median of {rounds} rounds:");
    println!(
        "  sha256sum (1 core)            {:8.3} s",
        sum.as_secs_f64()
    );
    println!(
        "  dabir check, no cache         {:8.3} s  {:.2}x sha256sum",
        cold.as_secs_f64(),
        r(cold)
    );
    println!(
        "  dabir check -j 1, no cache    {:8.3} s  {:.2}x sha256sum",
        cold1.as_secs_f64(),
        r(cold1)
    );
    println!(
        "  dabir check, cache warm       {:8.3} s  {:.2}x sha256sum",
        warm.as_secs_f64(),
        r(warm)
    );
}
