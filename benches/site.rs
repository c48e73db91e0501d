//! `cargo bench --bench site`: how fast `dabir site` builds the 3,000-record province
//! and the 100,000-record national set (targets: under 2 s and under 30 s on the 2-core
//! machine), against `dabir check --no-cache` on the same data in the same rounds, and
//! how fast a rebuild with nothing changed is (it writes no file), and the peak memory of a
//! build. See `benches/README.md`.
//!
//! Settings: `DABIR_BENCH_RECORDS` (100000), `DABIR_BENCH_PROVINCE` (3000),
//! `DABIR_BENCH_PAIRS` (3), `DABIR_BENCH_SEED` (1403), `DABIR_BENCH_DATA`
//! (`target/bench-data`, shared with `--bench check`, whose data sets it reuses).

#[path = "gen/mod.rs"]
mod synth;

use std::env;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

const DABIR: &str = env!("CARGO_BIN_EXE_dabir");

fn setting(name: &str, default: usize) -> usize {
    env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The data set under `data` (the same folder and marker as `--bench check`), generated
/// if missing; returns its folder and its as-of date.
fn dataset(data: &Path, records: usize, seed: u64) -> (PathBuf, String) {
    let provinces = synth::default_provinces(records);
    let dir = data.join(format!(
        "{records}-p{provinces}-s{seed}-v{}",
        synth::VERSION
    ));
    let done = dir.join(".bench-complete");
    if let Ok(text) = std::fs::read_to_string(&done)
        && let Some(as_of) = text.split_whitespace().nth(3)
    {
        return (dir, as_of.to_string());
    }
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("remove a partial data set");
    }
    eprintln!("generating {records} records under {} ...", dir.display());
    let s = synth::generate(&dir, records, provinces, seed).expect("generate");
    std::fs::write(
        &done,
        format!("{} {} {} {}\n", s.records, s.bytes, s.provinces, s.as_of),
    )
    .expect("mark complete");
    (dir, s.as_of)
}

/// Run a command to completion and return its wall time in seconds and its peak memory
/// in MB (dabir's own, as `DABIR_TRACE` reports it).
fn timed(args: &[&str]) -> (f64, f64) {
    let t = Instant::now();
    let out = Command::new(DABIR)
        .args(args)
        .env("NO_COLOR", "1")
        .env("DABIR_TRACE", "1")
        .stdin(Stdio::null())
        .output()
        .expect("dabir runs");
    let secs = t.elapsed().as_secs_f64();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "dabir {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let peak_kb: f64 = String::from_utf8_lossy(&out.stderr)
        .lines()
        .find_map(|l| {
            l.strip_prefix("dabir-trace peak: ")?
                .strip_suffix(" KB")?
                .parse()
                .ok()
        })
        .unwrap_or(0.0);
    (secs, peak_kb / 1024.0)
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

fn main() {
    if env::args().any(|a| a == "--list") {
        return;
    }
    let pairs = setting("DABIR_BENCH_PAIRS", 3).max(1);
    let seed = setting("DABIR_BENCH_SEED", 1403) as u64;
    let data = env::var_os("DABIR_BENCH_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data"));
    let out_root = tempfile::tempdir().expect("temp dir");
    println!("dabir site benchmark: {pairs} rounds, medians (min..max)");
    for (label, records, target) in [
        ("province", setting("DABIR_BENCH_PROVINCE", 3_000), 2.0),
        ("national", setting("DABIR_BENCH_RECORDS", 100_000), 30.0),
    ] {
        let (dir, as_of) = dataset(&data, records, seed);
        let d = dir.to_str().unwrap();
        let (mut fresh, mut again, mut check, mut peak) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for round in 0..pairs {
            let out = out_root.path().join(format!("{label}-{round}"));
            let o = out.to_str().unwrap();
            let common = ["-C", d, "--as-of", &as_of, "--quiet"];
            let mut args = common.to_vec();
            args.extend(["check", "--no-cache", "--no-history"]);
            check.push(timed(&args).0);
            let mut args = common.to_vec();
            args.extend(["site", "--no-history", "-o", o]);
            let (secs, mb) = timed(&args);
            fresh.push(secs);
            peak.push(mb);
            again.push(timed(&args).0);
            // The sites are removed together at the end, not round by round: on ext4,
            // creating files just after thousands were deleted makes the kernel skip
            // each recently freed inode one by one (`recently_deleted`), which cost the
            // next round up to 3 s of system time here and measured the disk's
            // bookkeeping, not dabir (benches/README.md).
        }
        let (f, a, c) = (
            median(fresh.clone()),
            median(again.clone()),
            median(check.clone()),
        );
        let span = |xs: &[f64]| {
            format!(
                "{:.2}..{:.2}",
                xs.iter().copied().fold(f64::MAX, f64::min),
                xs.iter().copied().fold(0.0, f64::max)
            )
        };
        println!(
            "{label:<9} {records:>7} records: site {f:.2} s ({}) target < {target} s {} | rebuild, nothing changed {a:.2} s ({}) | check --no-cache {c:.2} s ({}) | site/check {:.2}x | peak memory {:.0} MB",
            span(&fresh),
            if f < target { "met" } else { "MISSED" },
            span(&again),
            span(&check),
            f / c,
            median(peak)
        );
    }
}
