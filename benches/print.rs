//! `cargo bench --bench print`: how fast `dabir print` is, whole processes of the release
//! binary. See `benches/README.md`, "print".
//!
//! The data is the largest province of the 100,000-record national set: the generator
//! (`benches/gen`) gives province 0 of that set 3,226 records from the seed
//! `seed ^ 1·K`, and a one-province set of 3,226 records is made from the same seed
//! and budget, so it holds the same records (only `dabir.yaml` differs). It is cached
//! under `DABIR_BENCH_DATA` like the `check` bench's sets.
//!
//! Measured, each `DABIR_BENCH_RUNS` (7) times, interleaved:
//! - `print minutes` of a meeting with 12 attendees and 8 decisions (the first such
//!   meeting of the set; target under 0.5 s);
//! - `print dossier` of the province's last provincial-committee meeting (under 2 s),
//!   next to `brief --meeting` of the same meeting, which builds the same data without
//!   typesetting it: their ratio is the cost of the PDF.

#[path = "gen/mod.rs"]
mod synth;

use std::env;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use dabir::model::Meeting;
use dabir::model::committee::CommitteeKind;

const DABIR: &str = env!("CARGO_BIN_EXE_dabir");

/// Records of the largest province of the 100,000-record set (100000 / 31, rounded up).
const LARGEST_PROVINCE: usize = 3_226;

fn setting(name: &str, default: usize) -> usize {
    env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let runs = setting("DABIR_BENCH_RUNS", 7).max(1);
    let seed = setting("DABIR_BENCH_SEED", 1403) as u64;
    let data = env::var_os("DABIR_BENCH_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data"));
    let (dir, as_of) = dataset(&data, LARGEST_PROVINCE, seed);

    let meetings = meetings(&dir);
    let minutes = meetings
        .iter()
        .find(|m| {
            m.minutes
                .as_ref()
                .is_some_and(|x| x.attendees.len() == 12 && x.decisions.len() == 8)
        })
        .expect("a meeting with 12 attendees and 8 decisions");
    let committees = committees(&dir);
    let dossier = meetings
        .iter()
        .filter(|m| {
            committees
                .iter()
                .any(|(id, k)| *id == m.committee && *k == CommitteeKind::Provincial)
        })
        .max_by_key(|m| m.date)
        .expect("a provincial-committee meeting");

    let out = tempdir();
    let dir_s = dir.to_str().expect("UTF-8 path");
    let base = |args: &[&str]| {
        let mut c = Command::new(DABIR);
        c.args(["-C", dir_s, "--as-of", &as_of]).args(args);
        c
    };
    let m_out = out.join("minutes.pdf");
    let d_out = out.join("dossier.pdf");
    let jobs: Vec<(&str, Command)> = vec![
        (
            "print minutes",
            base(&[
                "print",
                "minutes",
                &minutes.id,
                "-o",
                m_out.to_str().unwrap(),
            ]),
        ),
        (
            "print dossier",
            base(&[
                "print",
                "dossier",
                &dossier.id,
                "-o",
                d_out.to_str().unwrap(),
            ]),
        ),
        (
            "brief (same meeting)",
            base(&["--format", "json", "brief", "--meeting", &dossier.id]),
        ),
    ];

    println!("dabir print benchmark");
    println!("  binary   {DABIR}");
    println!(
        "  data     {LARGEST_PROVINCE} records (the 100,000-record set's largest province), as of {as_of} ({})",
        dir.display()
    );
    println!(
        "  minutes  {} ({} attendees, {} decisions)",
        minutes.id,
        minutes.minutes.as_ref().map_or(0, |x| x.attendees.len()),
        minutes.minutes.as_ref().map_or(0, |x| x.decisions.len())
    );
    println!("  dossier  {}", dossier.id);
    println!("  runs     {runs} of each, interleaved, after one warm-up run");
    println!();

    let mut jobs = jobs;
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); jobs.len()];
    for round in 0..=runs {
        for (i, (_, cmd)) in jobs.iter_mut().enumerate() {
            let t = timed(cmd);
            if round > 0 {
                times[i].push(t);
            }
        }
    }
    for p in [&m_out, &d_out] {
        let pages = pages(p);
        println!("  {}: {} bytes, {pages} page(s)", p.display(), file_len(p));
    }
    println!();
    println!("| command | median | min | max | target |");
    println!("|---|---|---|---|---|");
    let targets = [Some(0.5), Some(2.0), None];
    for ((name, _), (ts, target)) in jobs.iter().zip(times.iter().zip(targets)) {
        let med = median(ts);
        let target = match target {
            Some(t) => format!(
                "≤ {t} s: {:.2}x of it, {}",
                med / t,
                if med <= t { "ok" } else { "MISSED" }
            ),
            None => "—".to_string(),
        };
        println!(
            "| {name} | {med:.3} s | {:.3} s | {:.3} s | {target} |",
            min(ts),
            max(ts)
        );
    }
    println!();
    println!(
        "dossier / brief of the same meeting: {:.2}x (the typesetting's share)",
        median(&times[1]) / median(&times[2])
    );
    let _ = std::fs::remove_dir_all(&out);
}

/// The cached one-province data set (shared with the `check` bench's cache layout),
/// generated if missing; its directory and as-of date.
fn dataset(data: &Path, records: usize, seed: u64) -> (PathBuf, String) {
    let dir = data.join(format!("{records}-p1-s{seed}-v{}", synth::VERSION));
    let done = dir.join(".bench-complete");
    if let Some(as_of) = std::fs::read_to_string(&done)
        .ok()
        .and_then(|t| t.split_whitespace().nth(3).map(str::to_string))
    {
        return (dir, as_of);
    }
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("remove a partial data set");
    }
    eprintln!("generating {records} records under {} ...", dir.display());
    let s = synth::generate(&dir, records, 1, seed).expect("generate data");
    std::fs::write(
        &done,
        format!("{} {} {} {}\n", s.records, s.bytes, s.provinces, s.as_of),
    )
    .expect("mark data set complete");
    (dir, s.as_of)
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(yaml_files(&p));
        } else if p.extension().is_some_and(|x| x == "yaml") {
            out.push(p);
        }
    }
    out.sort();
    out
}

fn meetings(root: &Path) -> Vec<Meeting> {
    yaml_files(&root.join("meetings"))
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("read a meeting");
            yaml_serde::from_str(&text).expect("a meeting")
        })
        .collect()
}

fn committees(root: &Path) -> Vec<(String, CommitteeKind)> {
    yaml_files(&root.join("committees"))
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("read a committee");
            let c: dabir::model::Committee = yaml_serde::from_str(&text).expect("a committee");
            (c.id, c.kind)
        })
        .collect()
}

fn tempdir() -> PathBuf {
    let p = env::temp_dir().join(format!("dabir-print-bench-{}", std::process::id()));
    std::fs::create_dir_all(&p).expect("temp dir");
    p
}

/// Wall time of one whole process; it must succeed.
fn timed(cmd: &mut Command) -> f64 {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let out = cmd.output().expect("run dabir");
    let secs = start.elapsed().as_secs_f64();
    let code = out.status.code().unwrap_or(-1);
    assert!(
        code == 0 || code == 1,
        "{cmd:?} exited with {code}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    secs
}

fn file_len(p: &Path) -> u64 {
    std::fs::metadata(p).map_or(0, |m| m.len())
}

/// Pages of a PDF, by `pdfinfo` when poppler-utils is installed.
fn pages(p: &Path) -> String {
    Command::new("pdfinfo")
        .arg(p)
        .output()
        .ok()
        .and_then(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().to_string()))
        })
        .unwrap_or_else(|| "?".into())
}

fn median(xs: &[f64]) -> f64 {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn min(xs: &[f64]) -> f64 {
    xs.iter().copied().fold(f64::INFINITY, f64::min)
}

fn max(xs: &[f64]) -> f64 {
    xs.iter().copied().fold(0.0, f64::max)
}
