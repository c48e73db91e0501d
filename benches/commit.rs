//! The write-path benchmark (issue 4): `cargo bench --bench commit`.
//!
//! 1. Recording progress on one decision (`dabir decision progress`) as a whole process,
//!    validation included, against `git add F && git commit` on the same repository, in
//!    alternating pairs: a 5,000-record province repository and the 100,000-record
//!    national one (31 provinces; a write loads only its own province), both made by
//!    the check benchmark's generator (`benches/gen`), realistic records of 4 KB on
//!    average, and written on the day after their last event. Target: at most 2x git.
//! 2. `dabir log <ID>` against `git log --oneline -- FILE` on a 10,000-commit province
//!    repository (target: at most 50 ms) and, unless `DABIR_BENCH_300K=0`, on a
//!    300,000-commit national one made with `git fast-import` (target: at most 1.5x git
//!    with a changed-path commit-graph; dabir writes that graph on its first `log`).
//!
//! `DABIR_BENCH_BIN=PATH` measures that `dabir` binary instead of the one cargo built (two
//! builds compared back to back, each copied out of the shared target directory).
//!
//! Every figure is the median of alternating pairs (default 15, `DABIR_BENCH_PAIRS`);
//! the ratio is the median of the per-pair ratios, which holds when the machine's speed
//! drifts (`benches/README.md`). Repositories are generated under
//! `target/bench-repos/` and reused by later runs.

#[path = "gen/mod.rs"]
mod synth;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use dabir::model::{Config, JDate};
use dabir::store::write;

const PROVINCES: [&str; 31] = [
    "ESF", "THR", "KHR", "FRS", "AZS", "AZG", "ARD", "ALB", "BSH", "CHB", "GLS", "GIL", "HMD",
    "HRM", "ILM", "KRN", "KRM", "KHS", "KHN", "KHZ", "KBD", "KRD", "LRS", "MZN", "MKZ", "QZV",
    "QOM", "SMN", "SIS", "YZD", "ZJN",
];

const TEXT: &str = "بررسی پیشرفت برنامه عمل خوشه و گزارش عامل توسعه خوشه درباره آموزش، بازاریابی، حضور در نمایشگاه‌های خارجی و تأمین مالی بنگاه‌های عضو؛ مقرر شد دستگاه‌های مسئول گزارش اقدامات خود را در مهلت مقرر به دبیرخانه ارسال کنند.";

fn git(dir: &Path) -> Command {
    let mut c = Command::new("git");
    c.arg("-C").arg(dir);
    hermetic(&mut c, dir);
    c
}

fn hermetic(c: &mut Command, dir: &Path) {
    c.env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir.parent().unwrap_or(dir))
        .env("GIT_AUTHOR_NAME", "کارشناس دبیرخانه")
        .env("GIT_AUTHOR_EMAIL", "clerk@esf.example")
        .env("GIT_COMMITTER_NAME", "کارشناس دبیرخانه")
        .env("GIT_COMMITTER_EMAIL", "clerk@esf.example")
        .stdin(Stdio::null());
}

fn must(c: &mut Command) {
    let out = c.output().expect("runs");
    assert!(
        out.status.success(),
        "{c:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn config() -> Config {
    Config {
        province: "ESF".into(),
        province_name: "اصفهان".into(),
        iso_code: None,
        language: Default::default(),
        broker: None,
        report_grace_days: 30,
        dispatch_days: 14,
        meeting_gap_days: 210,
        supervisor_expiry_days: 30,
        stall_days: 365,
        stages: Default::default(),
        signed_minutes_days: None,
        letterhead: None,
    }
}

/// A records repository of `records` records in `provinces` provinces (ESF first) from
/// the generator of the check benchmark (`benches/gen`), committed once. Returns the
/// date after its last event: the benchmark's "today" (`DABIR_NOW`).
fn build_repo(dir: &Path, records: usize, provinces: usize) -> JDate {
    let ready = dir.join(".git/dabir-bench-ready");
    if let Some(d) = std::fs::read_to_string(&ready)
        .ok()
        .and_then(|s| JDate::parse(s.trim()).ok())
    {
        return d;
    }
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    let t = Instant::now();
    let stats = synth::generate(dir, records, provinces, 1403).expect("generate the records");
    must(git(dir).args(["init", "-q", "-b", "main"]));
    must(git(dir).args(["add", "-A"]));
    must(git(dir).args(["commit", "-q", "-m", "records"]));
    std::fs::write(&ready, &stats.as_of).unwrap();
    eprintln!(
        "  built {} ({} records, {} provinces) in {:.1} s",
        dir.display(),
        stats.records,
        stats.provinces,
        t.elapsed().as_secs_f64()
    );
    JDate::parse(&stats.as_of).expect("the generator's date")
}

/// `DABIR_NOW` for noon of `day` in Iran.
fn noon_of(day: JDate) -> String {
    let (y, m, d) = day.to_gregorian();
    format!("{y:04}-{m:02}-{d:02}T12:00:00+03:30")
}

fn time(c: &mut Command) -> Duration {
    let t = Instant::now();
    let out = c.output().expect("runs");
    let e = t.elapsed();
    assert!(
        out.status.success(),
        "{c:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    e
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn pairs() -> usize {
    std::env::var("DABIR_BENCH_PAIRS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(15)
        .max(11)
}

/// The `dabir` measured: `DABIR_BENCH_BIN` (a copy of another build, to compare two
/// builds back to back with the same harness), or the one cargo built with the bench.
fn dabir_bin() -> PathBuf {
    std::env::var_os("DABIR_BENCH_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_dabir")))
}

fn dabir(dir: &Path) -> Command {
    let mut c = Command::new(dabir_bin());
    c.arg("-C").arg(dir);
    hermetic(&mut c, dir);
    c
}

/// Open decisions of ESF in `dir`, the ones a clerk records progress on.
fn open_decisions(dir: &Path) -> Vec<String> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir.join("decisions"))
        .unwrap()
        .flat_map(|year| std::fs::read_dir(year.unwrap().path()).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_str().unwrap().starts_with("ESF-"))
        .collect();
    v.sort();
    v.into_iter()
        .filter(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .lines()
                .any(|l| l == "status: \"open\"" || l == "status: open")
        })
        .map(|p| p.file_stem().unwrap().to_str().unwrap().to_string())
        .collect()
}

fn bench_commit(label: &str, dir: &Path, today: JDate) {
    let n = pairs();
    let now = noon_of(today);
    // Progress reports on open decisions; they stay open, so every run finds them again.
    let open = open_decisions(dir);
    assert!(
        !open.is_empty(),
        "no open decision of ESF in {}",
        dir.display()
    );
    let mut open = open.iter().cycle();
    let mut progress = |i: usize| {
        let id = open.next().expect("cycles");
        let note = format!("گزارش پیشرفت شماره {i} دریافت شد");
        time(
            dabir(dir)
                .env("DABIR_NOW", &now)
                .args(["decision", "progress", id, "--note", &note]),
        )
    };
    // Warm up: the first write builds the blob-id cache.
    let t = progress(0);
    eprintln!(
        "  first write (builds the cache): {:.0} ms",
        t.as_secs_f64() * 1e3
    );
    // git commits a file outside the records, so dabir's kept findings stay valid, as
    // they do when the clerk writes only through dabir (a foreign commit that changes
    // the province's records makes the next write run the rules on the old state too).
    let target = "notes.txt";
    let (mut a, mut b, mut r) = (Vec::new(), Vec::new(), Vec::new());
    for i in 1..=n {
        let ta = progress(i);
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(dir.join(target))
            .unwrap();
        writeln!(f, "# {i}").unwrap();
        drop(f);
        let t0 = Instant::now();
        must(git(dir).args(["add", target]));
        must(git(dir).args(["commit", "-q", "-m", &format!("edit {i}")]));
        let tb = t0.elapsed();
        a.push(ta.as_secs_f64() * 1e3);
        b.push(tb.as_secs_f64() * 1e3);
        r.push(ta.as_secs_f64() / tb.as_secs_f64());
    }
    println!(
        "{label}: dabir decision progress {:.1} ms, git add F && git commit {:.1} ms, ratio {:.2} (median of {n} pairs; target <= 2.00)",
        median(a),
        median(b),
        median(r)
    );
}

/// A province repository whose history touches `file` every `every` commits, by
/// `git fast-import`: `files` files, `commits` commits.
fn build_history(dir: &Path, files: usize, commits: usize, every: usize) -> String {
    let file = "decisions/1404/ESF-PC-1404-001-D1.yaml";
    if dir.join(".git/dabir-bench-ready").exists() {
        return file.into();
    }
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    let t = Instant::now();
    must(git(dir).args(["init", "-q", "-b", "main"]));
    let mut child = git(dir)
        .args(["fast-import", "--quiet"])
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    {
        let mut w = std::io::BufWriter::new(child.stdin.take().unwrap());
        let paths: Vec<String> = (0..files)
            .map(|i| {
                let p = PROVINCES[i % PROVINCES.len()];
                match i % 4 {
                    0 => format!(
                        "meetings/{}/{p}-PC-{}-{:03}.yaml",
                        1395 + (i / 4) % 10,
                        1395 + (i / 4) % 10,
                        i / 40
                    ),
                    1 => format!(
                        "decisions/{}/{p}-PC-{}-{:03}-D{}.yaml",
                        1395 + (i / 4) % 10,
                        1395 + (i / 4) % 10,
                        i / 40,
                        i % 7
                    ),
                    2 => format!(
                        "reports/{}/{p}-RP-{}-{}.yaml",
                        1395 + (i / 4) % 10,
                        i / 4,
                        i % 3
                    ),
                    _ => format!("plans/{p}-PL-{i}.yaml"),
                }
            })
            .collect();
        let mut mark = 0usize;
        let ts0 = 1_600_000_000u64;
        for c in 0..commits {
            mark += 1;
            writeln!(w, "commit refs/heads/main").unwrap();
            writeln!(w, "mark :{mark}").unwrap();
            writeln!(
                w,
                "committer clerk <clerk@esf.example> {} +0330",
                ts0 + c as u64 * 60
            )
            .unwrap();
            let msg =
                format!("ثبت پیگیری {c}\n\nDabir-Action: decision.progress\nDabir-Record: X-{c}\n");
            writeln!(w, "data {}\n{msg}", msg.len()).unwrap();
            if c > 0 {
                writeln!(w, "from :{}", mark - 1).unwrap();
            }
            let mut touch = |path: &str, body: String| {
                writeln!(w, "M 100644 inline {path}\ndata {}\n{body}", body.len()).unwrap();
            };
            if c == 0 {
                touch("dabir.yaml", write::config_to_yaml(&config()));
                for (i, p) in paths.iter().enumerate() {
                    touch(p, format!("id: {i}\ntext: {TEXT}\n"));
                }
                touch(file, format!("id: ESF-PC-1404-001-D1\nrev: {c}\n"));
            } else if c % every == 0 {
                touch(file, format!("id: ESF-PC-1404-001-D1\nrev: {c}\n"));
            } else {
                // Only files in yearly directories change: a commit then rewrites trees
                // of hundreds of entries, not the 25,000 of a flat `plans/`, which would
                // make a 300,000-commit history take hours to generate.
                let i = c * 7919 % paths.len();
                let i = if i % 4 == 3 { i - 1 } else { i };
                touch(&paths[i], format!("id: {c}\ntext: {TEXT}\n"));
            }
        }
        writeln!(w, "done").unwrap();
    }
    assert!(child.wait().unwrap().success());
    // Only the config and the record are needed in the work tree.
    must(git(dir).args(["read-tree", "HEAD"]));
    must(git(dir).args(["checkout", "HEAD", "--", "dabir.yaml", file]));
    std::fs::write(dir.join(".git/dabir-bench-ready"), "").unwrap();
    eprintln!(
        "  built {} ({files} files, {commits} commits) in {:.1} s",
        dir.display(),
        t.elapsed().as_secs_f64()
    );
    file.into()
}

fn bench_log(label: &str, dir: &Path, file: &str, target_ms: Option<f64>) {
    let n = pairs();
    let id = "ESF-PC-1404-001-D1";
    // The first `dabir log` writes the commit-graph with Bloom filters; git uses it too.
    let t = time(dabir(dir).args(["log", id]));
    eprintln!(
        "  first dabir log (writes the commit-graph): {:.0} ms",
        t.as_secs_f64() * 1e3
    );
    let (mut a, mut b, mut r) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..n {
        let ta = time(dabir(dir).args(["log", id]));
        let tb = time(git(dir).args(["log", "--oneline", "--", file]));
        a.push(ta.as_secs_f64() * 1e3);
        b.push(tb.as_secs_f64() * 1e3);
        r.push(ta.as_secs_f64() / tb.as_secs_f64());
    }
    let target = target_ms
        .map(|t| format!(", target <= {t:.0} ms"))
        .unwrap_or_default();
    println!(
        "{label}: dabir log {:.1} ms, git log --oneline -- FILE {:.1} ms, ratio {:.2} (median of {n} pairs; target <= 1.50{target})",
        median(a),
        median(b),
        median(r)
    );
}

fn bench_writes(base: &Path) {
    let p5k = base.join("province-5k-v2");
    let today = build_repo(&p5k, 5_000, 1);
    bench_commit("commit, 5,000-record province", &p5k, today);

    let n100k = base.join("national-100k-v2");
    let today = build_repo(&n100k, 100_000, 31);
    bench_commit("commit, 100,000-file national repository", &n100k, today);
}

fn main() {
    // `cargo bench` passes `--bench`; any other argument filters nothing here.
    let base = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-repos");
    std::fs::create_dir_all(&base).unwrap();
    println!(
        "dabir write benchmark (whole processes, warm cache, {} pairs; {})",
        pairs(),
        dabir_bin().display()
    );

    // `DABIR_BENCH_ONLY=log` runs only the `dabir log` figures.
    let only_log = std::env::var("DABIR_BENCH_ONLY").is_ok_and(|v| v == "log");
    if !only_log {
        bench_writes(&base);
    }

    let h10k = base.join("history-10k");

    let file = build_history(&h10k, 5_000, 10_000, 30);
    bench_log(
        "log, 10,000 commits (5,000 files)",
        &h10k,
        &file,
        Some(50.0),
    );

    if std::env::var("DABIR_BENCH_300K").map_or(true, |v| v != "0") {
        let h300k = base.join("history-300k-v2");
        let file = build_history(&h300k, 20_000, 300_000, 1_000);
        bench_log("log, 300,000 commits (20,000 files)", &h300k, &file, None);
    }
}
