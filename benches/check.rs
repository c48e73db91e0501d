//! `cargo bench --bench check`: how fast `dabir check` is, measured from outside as whole
//! processes, against the I/O floor of the same files. See `benches/README.md`.
//!
//! Settings (environment variables):
//! - `DABIR_BENCH_RECORDS` (100000): the national data set;
//! - `DABIR_BENCH_PROVINCE` (3000): the one-province data set;
//! - `DABIR_BENCH_PAIRS` (5): measured rounds; each round runs floor, check -j 1,
//!   check -j N, and the province checks, one after the other, so every ratio is paired;
//! - `DABIR_BENCH_JOBS` (all cores): N for the parallel run;
//! - `DABIR_BENCH_PROVINCE_RUNS` (3): province runs of each command per round;
//! - `DABIR_BENCH_SEED` (1403), `DABIR_BENCH_DATA` (`target/bench-data`);
//! - `DABIR_BENCH_RECHECK_PAIRS` (`DABIR_BENCH_PAIRS`): rounds of the re-check figure;
//! - `DABIR_BENCH_ONLY=recheck`: measure the re-check figure alone.
//!
//! Re-check after one edit (`benches/README.md`): the national data set is made the root
//! of a git work tree (`git init`, nothing committed) so `check` keeps its cache in
//! `.git/dabir/check-cache/`; one run warms it, then each round edits one record (a
//! comment line added or removed, so it stays valid), waits past the cache's one-second
//! racy window (as a person would), and runs `check` paired with the I/O floor. Every
//! other figure runs `check --no-cache`.
//!
//! Data sets are generated once by `benches/gen` and cached under
//! `DABIR_BENCH_DATA/<records>-p<provinces>-s<seed>-v<generator version>/`.
//! `--generate DIR RECORDS [PROVINCES]` writes a data set anywhere and exits.
//! The binary measured is the `dabir` that cargo builds for this bench
//! (`target/release/dabir`). The I/O floor is this same program started again with
//! `--walk DIR`, so both sides pay for a process start.

#[path = "gen/mod.rs"]
mod synth;

use std::collections::BTreeMap;
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

fn main() {
    let args: Vec<String> = env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--walk") {
        walk(Path::new(&args[i + 1]));
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--generate") {
        // `--generate DIR RECORDS [PROVINCES]`: write a data set and say what it holds.
        let records: usize = args[i + 2].parse().expect("RECORDS");
        let provinces = args
            .get(i + 3)
            .and_then(|p| p.parse().ok())
            .unwrap_or(synth::default_provinces(records));
        let stats = synth::generate(
            Path::new(&args[i + 1]),
            records,
            provinces,
            setting("DABIR_BENCH_SEED", 1403) as u64,
        )
        .expect("generate");
        print_stats(&stats);
        return;
    }

    let records = setting("DABIR_BENCH_RECORDS", 100_000);
    let province = setting("DABIR_BENCH_PROVINCE", 3_000);
    let pairs = setting("DABIR_BENCH_PAIRS", 5).max(1);
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let jobs = setting("DABIR_BENCH_JOBS", cores);
    let seed = setting("DABIR_BENCH_SEED", 1403) as u64;
    let data = env::var_os("DABIR_BENCH_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data"));

    let nat = dataset(&data, records, synth::default_provinces(records), seed);
    let prov = dataset(&data, province, 1, seed);
    let me = env::current_exe().expect("own path");

    println!("dabir check benchmark");
    println!("  binary   {DABIR}");
    println!("  machine  {} cores, {}", cores, machine());
    println!(
        "  national {} records, {:.1} MB, {} provinces, as of {} ({})",
        nat.stats.records,
        mb(nat.stats.bytes),
        nat.stats.provinces,
        nat.stats.as_of,
        nat.dir.display()
    );
    println!(
        "  province {} records, {:.1} MB, as of {} ({})",
        prov.stats.records,
        mb(prov.stats.bytes),
        prov.stats.as_of,
        prov.dir.display()
    );
    println!(
        "  rounds   {pairs}; parallel run with -j {jobs}; load average at start {}",
        loadavg()
    );
    println!();

    if env::var("DABIR_BENCH_ONLY").is_ok_and(|v| v == "recheck") {
        recheck(
            &nat,
            &me,
            jobs,
            setting("DABIR_BENCH_RECHECK_PAIRS", pairs).max(1),
        );
        return;
    }

    // What the data makes dabir say, once; also warms the page cache.
    for set in [&nat, &prov] {
        let out = Command::new(DABIR)
            .args(check_args(set, jobs))
            .output()
            .expect("run dabir");
        let code = out.status.code().unwrap_or(-1);
        let mut by_rule: BTreeMap<(String, String), usize> = BTreeMap::new();
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap_or_default();
            let rule = v["rule"].as_str().unwrap_or("?").to_string();
            let sev = v["severity"].as_str().unwrap_or("?").to_string();
            *by_rule.entry((rule, sev)).or_default() += 1;
        }
        let n: usize = by_rule.values().sum();
        println!(
            "findings on {} records: {n} (exit {code})",
            set.stats.records
        );
        for ((rule, sev), k) in &by_rule {
            println!("  {rule:<12} {sev:<8} {k}");
        }
        let loader = by_rule.keys().any(|(r, s)| {
            s == "error"
                && ["R-YAML", "R-SCH", "R-ID", "R-REF", "R-DATE", "R-FILE"]
                    .iter()
                    .any(|p| r.starts_with(p))
        });
        if !(code == 0 || code == 1) || loader {
            eprintln!(
                "the generated data must load cleanly (exit 0/1, no schema, id or reference errors)"
            );
            eprintln!("{}", String::from_utf8_lossy(&out.stderr));
            std::process::exit(1);
        }
    }
    println!();

    // Warm up each command once.
    let floor_cmd = |dir: &Path| {
        let mut c = Command::new(&me);
        c.arg("--walk").arg(dir);
        c
    };
    let check_cmd = |set: &Dataset, j: usize| {
        let mut c = Command::new(DABIR);
        c.args(check_args(set, j));
        c
    };
    run(&mut floor_cmd(&nat.dir));
    run(&mut check_cmd(&nat, 1));

    let mut m: BTreeMap<&str, Vec<Run>> = BTreeMap::new();
    let province_runs = setting("DABIR_BENCH_PROVINCE_RUNS", 3).max(1);
    for round in 0..pairs {
        let t0 = Instant::now();
        m.entry("floor")
            .or_default()
            .push(run(&mut floor_cmd(&nat.dir)));
        m.entry("check1")
            .or_default()
            .push(run(&mut check_cmd(&nat, 1)));
        m.entry("checkN")
            .or_default()
            .push(run(&mut check_cmd(&nat, jobs)));
        for _ in 0..province_runs {
            m.entry("pfloor")
                .or_default()
                .push(run(&mut floor_cmd(&prov.dir)));
            m.entry("p1")
                .or_default()
                .push(run(&mut check_cmd(&prov, 1)));
            m.entry("pN")
                .or_default()
                .push(run(&mut check_cmd(&prov, jobs)));
        }
        eprintln!(
            "round {}/{pairs}: floor {:.3} s, -j 1 {:.3} s, -j {jobs} {:.3} s, province -j 1 {:.3} s ({:.0} s)",
            round + 1,
            m["floor"][round].secs,
            m["check1"][round].secs,
            m["checkN"][round].secs,
            m["p1"][round * province_runs].secs,
            t0.elapsed().as_secs_f64()
        );
    }

    let n = nat.stats.records as f64;
    let bytes = nat.stats.bytes as f64;
    let pn = prov.stats.records as f64;
    println!(
        "{:<38} {:>3} {:>9} {:>15} {:>9} {:>10} {:>7} {:>8}",
        "measure (whole process)",
        "n",
        "median s",
        "min-max s",
        "cpu s",
        "records/s",
        "MB/s",
        "peak MiB"
    );
    let row = |label: &str, runs: &[Run], recs: f64, bytes: f64| {
        let secs: Vec<f64> = runs.iter().map(|r| r.secs).collect();
        let cpu: Vec<f64> = runs.iter().map(|r| r.cpu).collect();
        let rss = runs.iter().map(|r| r.maxrss_kib).max().unwrap_or(0);
        let med = median(&secs);
        println!(
            "{:<38} {:>3} {:>9.3} {:>15} {:>9.3} {:>10.0} {:>7.1} {:>8.1}",
            label,
            runs.len(),
            med,
            format!("{:.3}-{:.3}", min(&secs), max(&secs)),
            median(&cpu),
            recs / med,
            bytes / 1e6 / med,
            rss as f64 / 1024.0
        );
    };
    let pbytes = prov.stats.bytes as f64;
    row(
        &format!("I/O floor: walk+read+UTF-8, {}", short(n)),
        &m["floor"],
        n,
        bytes,
    );
    row(
        &format!("dabir check -j 1, {}", short(n)),
        &m["check1"],
        n,
        bytes,
    );
    row(
        &format!("dabir check -j {jobs}, {}", short(n)),
        &m["checkN"],
        n,
        bytes,
    );
    row(
        &format!("I/O floor, province {}", short(pn)),
        &m["pfloor"],
        pn,
        pbytes,
    );
    row(
        &format!("dabir check -j 1, province {}", short(pn)),
        &m["p1"],
        pn,
        pbytes,
    );
    row(
        &format!("dabir check -j {jobs}, province {}", short(pn)),
        &m["pN"],
        pn,
        pbytes,
    );
    println!();

    let ratio_by = |a: &str, b: &str, f: fn(&Run) -> f64| {
        let r: Vec<f64> = m[a].iter().zip(&m[b]).map(|(x, y)| f(x) / f(y)).collect();
        (median(&r), min(&r), max(&r))
    };
    let ratio = |a: &str, b: &str| ratio_by(a, b, |r| r.secs);
    let (f, fmin, fmax) = ratio("check1", "floor");
    let (fc, fcmin, fcmax) = ratio_by("check1", "floor", |r| r.cpu);
    let (s, smin, smax) = ratio("check1", "checkN");
    let (oc, ocmin, ocmax) = ratio_by("checkN", "check1", |r| r.cpu);
    let peak = m["check1"]
        .iter()
        .chain(&m["checkN"])
        .map(|r| r.maxrss_kib)
        .max()
        .unwrap_or(0) as f64
        / 1024.0;
    let p1 = median(&m["p1"].iter().map(|r| r.secs).collect::<Vec<_>>());
    let pj = median(&m["pN"].iter().map(|r| r.secs).collect::<Vec<_>>());
    let load = loadavg();
    println!("load average at the end: {load}");
    if load
        .split_whitespace()
        .next()
        .and_then(|l| l.parse::<f64>().ok())
        .is_some_and(|l| l > cores as f64 * 0.75)
    {
        println!(
            "WARNING: the machine was busy with other work; wall-clock figures and the -j speed-up are"
        );
        println!(
            "         unreliable. Trust the CPU-time ratio, and re-run on a quiet machine for the rest."
        );
    }
    println!();
    let verdict = |ok: bool| if ok { "ok" } else { "MISSED" };
    println!(
        "{:<44} {:>9} {:>15} {:>10} {}",
        "target (paired median ratio over rounds)", "value", "min-max", "target", ""
    );
    println!(
        "{:<44} {:>8.1}x {:>15} {:>10} {}",
        "check -j 1 / I/O floor",
        f,
        format!("{fmin:.1}-{fmax:.1}"),
        "<= 20x",
        verdict(f <= 20.0)
    );
    println!(
        "{:<44} {:>8.1}x {:>15} {:>10} {}",
        "  the same in CPU time (robust to load)",
        fc,
        format!("{fcmin:.1}-{fcmax:.1}"),
        "",
        ""
    );
    println!(
        "{:<44} {:>8.2}x {:>15} {:>10} {}",
        format!("check -j 1 / check -j {jobs} (wall)"),
        s,
        format!("{smin:.2}-{smax:.2}"),
        ">= 1.7x",
        verdict(s >= 1.7)
    );
    println!(
        "{:<44} {:>8.2}x {:>15} {:>10} {}",
        format!("  CPU time -j {jobs} / -j 1 (parallel overhead)"),
        oc,
        format!("{ocmin:.2}-{ocmax:.2}"),
        "",
        ""
    );
    println!(
        "{:<44} {:>8.1}M {:>15} {:>10} {}",
        "peak RSS of check (max over runs)",
        peak,
        "",
        "<= 256 MiB",
        verdict(peak <= 256.0)
    );
    println!(
        "{:<44} {:>8.3}s {:>15} {:>10} {}",
        format!("province {} check -j 1 (median)", short(pn)),
        p1,
        "",
        "<= 0.5 s",
        verdict(p1 <= 0.5)
    );
    println!(
        "{:<44} {:>8.3}s {:>15} {:>10} {}",
        format!("province {} check -j {jobs} (median)", short(pn)),
        pj,
        "",
        "<= 0.5 s",
        verdict(pj <= 0.5)
    );
    println!();
    recheck(
        &nat,
        &me,
        jobs,
        setting("DABIR_BENCH_RECHECK_PAIRS", pairs).max(1),
    );
}

/// The re-check figure: `check` after one edit, with the cache warm, against the I/O floor.
fn recheck(nat: &Dataset, me: &Path, jobs: usize, pairs: usize) {
    if !nat.dir.join(".git").is_dir() {
        let ok = Command::new("git")
            .args(["init", "-q"])
            .current_dir(&nat.dir)
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "git init {}", nat.dir.display());
    }
    // The first record file of the data set, in `bodies/` (always present).
    let edited = std::fs::read_dir(nat.dir.join("bodies"))
        .expect("bodies/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .min()
        .expect("a body record");
    let original = std::fs::read(&edited).expect("read the edited record");
    let args: Vec<String> = check_args(nat, jobs)
        .into_iter()
        .filter(|a| a != "--no-cache")
        .collect();
    let check = || {
        let mut c = Command::new(DABIR);
        c.args(&args);
        c
    };
    let floor = || {
        let mut c = Command::new(me);
        c.arg("--walk").arg(&nat.dir);
        c
    };
    // Warm the cache (the first run parses everything) and the page cache.
    let warm = run(&mut check());
    run(&mut floor());
    eprintln!("re-check: cache warmed in {:.3} s", warm.secs);
    let (mut rc, mut fl) = (Vec::new(), Vec::new());
    for round in 0..pairs {
        let mut text = original.clone();
        if round % 2 == 0 {
            text.extend_from_slice(format!("# edited in round {round}\n").as_bytes());
        }
        std::fs::write(&edited, &text).expect("edit a record");
        std::thread::sleep(std::time::Duration::from_millis(1100));
        // Alternate which side goes first, so neither always runs on a colder cache.
        if round % 2 == 0 {
            rc.push(run(&mut check()));
            fl.push(run(&mut floor()));
        } else {
            fl.push(run(&mut floor()));
            rc.push(run(&mut check()));
        }
        eprintln!(
            "re-check round {}/{pairs}: check {:.3} s, floor {:.3} s",
            round + 1,
            rc[round].secs,
            fl[round].secs
        );
    }
    std::fs::write(&edited, &original).expect("restore the edited record");
    let secs = |v: &[Run]| v.iter().map(|r| r.secs).collect::<Vec<_>>();
    let ratios: Vec<f64> = rc.iter().zip(&fl).map(|(a, b)| a.secs / b.secs).collect();
    let cpu: Vec<f64> = rc.iter().zip(&fl).map(|(a, b)| a.cpu / b.cpu).collect();
    let r = median(&ratios);
    let peak = rc.iter().map(|r| r.maxrss_kib).max().unwrap_or(0) as f64 / 1024.0;
    println!(
        "re-check after one edit, {} records, -j {jobs}, cache warm ({pairs} rounds)",
        nat.stats.records
    );
    println!(
        "  check  median {:.3} s ({:.3}-{:.3}), cpu {:.3} s, peak {:.1} MiB",
        median(&secs(&rc)),
        min(&secs(&rc)),
        max(&secs(&rc)),
        median(&rc.iter().map(|r| r.cpu).collect::<Vec<_>>()),
        peak
    );
    println!(
        "  floor  median {:.3} s ({:.3}-{:.3})",
        median(&secs(&fl)),
        min(&secs(&fl)),
        max(&secs(&fl))
    );
    println!(
        "{:<44} {:>8.2}x {:>15} {:>10} {}",
        "re-check after one edit / I/O floor",
        r,
        format!("{:.2}-{:.2}", min(&ratios), max(&ratios)),
        "<= 1.5x",
        if r <= 1.5 { "ok" } else { "MISSED" }
    );
    println!(
        "{:<44} {:>8.2}x {:>15}",
        "  the same in CPU time",
        median(&cpu),
        format!("{:.2}-{:.2}", min(&cpu), max(&cpu))
    );
}

struct Dataset {
    dir: PathBuf,
    stats: synth::Stats,
}

fn check_args(set: &Dataset, jobs: usize) -> Vec<String> {
    vec![
        "check".into(),
        "-C".into(),
        set.dir.display().to_string(),
        "--as-of".into(),
        set.stats.as_of.clone(),
        "--format".into(),
        "json".into(),
        "-j".into(),
        jobs.to_string(),
        // Every figure but the re-check measures a full check.
        "--no-cache".into(),
    ]
}

/// The cached data set, generated if missing.
fn dataset(data: &Path, records: usize, provinces: usize, seed: u64) -> Dataset {
    let dir = data.join(format!(
        "{records}-p{provinces}-s{seed}-v{}",
        synth::VERSION
    ));
    let done = dir.join(".bench-complete");
    if let Ok(text) = std::fs::read_to_string(&done) {
        let mut it = text.split_whitespace();
        let mut next = || it.next().unwrap_or_default().to_string();
        let (records, bytes, provinces, as_of) = (next(), next(), next(), next());
        if let (Ok(records), Ok(bytes), Ok(provinces)) =
            (records.parse(), bytes.parse(), provinces.parse())
        {
            return Dataset {
                dir,
                stats: synth::Stats {
                    records,
                    bytes,
                    provinces,
                    as_of,
                    by_kind: BTreeMap::new(),
                },
            };
        }
    }
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("remove a partial data set");
    }
    eprintln!(
        "generating {records} records in {provinces} province(s) under {} ...",
        dir.display()
    );
    let t = Instant::now();
    let stats = synth::generate(&dir, records, provinces, seed).expect("generate data");
    eprintln!("  done in {:.1} s", t.elapsed().as_secs_f64());
    print_stats(&stats);
    std::fs::write(
        &done,
        format!(
            "{} {} {} {}\n",
            stats.records, stats.bytes, stats.provinces, stats.as_of
        ),
    )
    .expect("mark data set complete");
    Dataset { dir, stats }
}

fn print_stats(s: &synth::Stats) {
    eprintln!(
        "  {} records, {:.1} MB, {:.0} bytes a record on average, {} provinces, as of {}",
        s.records,
        mb(s.bytes),
        s.bytes as f64 / s.records as f64,
        s.provinces,
        s.as_of
    );
    for (kind, (n, b)) in &s.by_kind {
        eprintln!(
            "    {kind:<10} {n:>7} records  {:>7.0} bytes average",
            *b as f64 / *n as f64
        );
    }
}

/// One whole-process run: wall time and the child's peak resident set.
struct Run {
    secs: f64,
    /// User plus system CPU time of the child.
    cpu: f64,
    maxrss_kib: i64,
}

fn run(cmd: &mut Command) -> Run {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let start = Instant::now();
    let child = cmd.spawn().expect("spawn");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: plain wait4 on our own child with valid out-pointers.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut ru) };
    let secs = start.elapsed().as_secs_f64();
    assert_eq!(r, pid, "wait4");
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    assert!(code == 0 || code == 1, "{cmd:?} exited with {code}");
    drop(child);
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Run {
        secs,
        cpu: tv(ru.ru_utime) + tv(ru.ru_stime),
        maxrss_kib: ru.ru_maxrss,
    }
}

/// The I/O floor: walk the record directories, read every file, check it is UTF-8.
fn walk(root: &Path) {
    fn visit(dir: &Path, files: &mut u64, bytes: &mut u64) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries {
            let e = e.expect("dir entry");
            let t = e.file_type().expect("file type");
            if t.is_dir() {
                visit(&e.path(), files, bytes);
            } else if t.is_file() {
                let data = std::fs::read(e.path()).expect("read");
                assert!(std::str::from_utf8(&data).is_ok(), "not UTF-8");
                *files += 1;
                *bytes += data.len() as u64;
            }
        }
    }
    let (mut files, mut bytes) = (0, 0);
    for d in synth::kind_dirs() {
        visit(&root.join(d), &mut files, &mut bytes);
    }
    println!("{files} files, {bytes} bytes");
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
fn mb(b: u64) -> f64 {
    b as f64 / 1e6
}
fn short(n: f64) -> String {
    if n >= 1000.0 {
        format!("{}k", (n / 1000.0).round())
    } else {
        format!("{n}")
    }
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|t| {
            t.lines().next().map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse::<u64>()
                    .unwrap_or(0)
            })
        })
        .unwrap_or(0);
    format!(
        "{cpu}, {:.0} GiB RAM, {}",
        mem as f64 / 1048576.0,
        env::consts::OS
    )
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|t| t.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}
