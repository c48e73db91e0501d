//! The national benchmark (issue 14): `cargo bench --bench national`.
//!
//! The check benchmark's generator (`benches/gen`) writes the 100,000-record national set
//! (31 provinces); it is split into 31 province repositories, each committed once, and a
//! national repository adds each as a remote and fetches it (`dabir national add`,
//! `dabir national fetch`). Then, in alternating pairs (default 5, `DABIR_BENCH_PAIRS`):
//!
//! 1. `national check --no-cache` (every province from git objects) against `check
//!    --no-cache` on the same records checked out in one tree. Target: at most 1.5x.
//! 2. With warm caches, after one province changed one record (committed and fetched
//!    before each round): `national check` against reading that province's tree from
//!    git objects (`git archive` of its branch). Target: at most 2x.
//! 3. `dabir sync` with nothing to do against `git fetch` from the same remote.
//!    Target: at most 1.5x.
//!
//! Repositories are built under `target/bench-repos/` and reused by later runs.
//! `DABIR_BENCH_ONLY=rollup|warm|sync` runs only that figure.

#[path = "gen/mod.rs"]
mod synth;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

fn hermetic<'c>(c: &'c mut Command, home: &Path) -> &'c mut Command {
    c.env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", home)
        .env("GIT_AUTHOR_NAME", "کارشناس دبیرخانه")
        .env("GIT_AUTHOR_EMAIL", "clerk@esf.example")
        .env("GIT_COMMITTER_NAME", "کارشناس دبیرخانه")
        .env("GIT_COMMITTER_EMAIL", "clerk@esf.example")
        .stdin(Stdio::null())
}

fn git(dir: &Path) -> Command {
    let mut c = Command::new("git");
    c.arg("-C").arg(dir);
    hermetic(&mut c, dir.parent().unwrap_or(dir));
    c
}

fn dabir(dir: &Path, as_of: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dabir"));
    c.arg("-C")
        .arg(dir)
        .args(["--as-of", as_of, "--format", "json"]);
    hermetic(&mut c, dir.parent().unwrap_or(dir));
    c
}

/// Run to the end; the seconds it took. Exit 0 and 1 (findings) are both fine.
fn time(c: &mut Command) -> f64 {
    let t = Instant::now();
    let out = c
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .expect("runs");
    let e = t.elapsed().as_secs_f64();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{c:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    e
}

fn must(c: &mut Command) {
    let out = c.output().expect("runs");
    assert!(
        out.status.success(),
        "{c:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
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

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The whole set in one tree (the checked-out side), and the date after its last event.
fn build_set(dir: &Path, records: usize) -> String {
    let ready = dir.join(".dabir-bench-ready");
    if let Ok(d) = std::fs::read_to_string(&ready) {
        return d.trim().to_string();
    }
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    let stats =
        synth::generate(dir, records, synth::default_provinces(records), 1403).expect("generate");
    must(git(dir).args(["init", "-q", "-b", "main"]));
    must(git(dir).args(["add", "-A"]));
    must(git(dir).args(["commit", "-q", "-m", "records"]));
    std::fs::write(&ready, &stats.as_of).unwrap();
    stats.as_of
}

/// Every file of `set` whose name starts with `CODE-`, plus the config, per province.
fn split(set: &Path, out: &Path) -> Vec<String> {
    let ready = out.join(".dabir-bench-ready");
    if let Ok(s) = std::fs::read_to_string(&ready) {
        return s.split_whitespace().map(str::to_string).collect();
    }
    let _ = std::fs::remove_dir_all(out);
    let config = std::fs::read_to_string(set.join("dabir.yaml")).unwrap();
    let mut codes = std::collections::BTreeSet::new();
    fn walk(dir: &Path, root: &Path, f: &mut dyn FnMut(&Path, &str)) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            let rel = p.strip_prefix(root).unwrap().to_str().unwrap().to_string();
            if rel.starts_with('.') {
                continue;
            }
            if p.is_dir() {
                walk(&p, root, f);
            } else {
                f(&p, &rel);
            }
        }
    }
    walk(set, set, &mut |p, rel| {
        let name = p.file_name().unwrap().to_str().unwrap();
        let Some((code, _)) = name.split_once('-') else {
            return;
        };
        if !rel.contains('/') {
            return;
        }
        codes.insert(code.to_string());
        let to = out.join(code).join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::hard_link(p, &to).unwrap();
    });
    for code in &codes {
        let dir = out.join(code);
        let own: String = config
            .lines()
            .map(|l| {
                if l.starts_with("province:") {
                    format!("province: {code}")
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        std::fs::write(dir.join("dabir.yaml"), own + "\n").unwrap();
        must(git(&dir).args(["init", "-q", "-b", "main"]));
        must(git(&dir).args(["add", "-A"]));
        must(git(&dir).args(["commit", "-q", "-m", "records"]));
    }
    let codes: Vec<String> = codes.into_iter().collect();
    std::fs::write(&ready, codes.join(" ")).unwrap();
    codes
}

fn national(hq: &Path, provinces: &Path, codes: &[String], as_of: &str) {
    if hq.join(".git/dabir-bench-ready").exists() {
        return;
    }
    let _ = std::fs::remove_dir_all(hq);
    std::fs::create_dir_all(hq).unwrap();
    must(git(hq).args(["init", "-q", "-b", "main"]));
    for code in codes {
        let url = provinces.join(code);
        must(dabir(hq, as_of).args(["national", "add", code, url.to_str().unwrap()]));
    }
    must(dabir(hq, as_of).args(["national", "fetch"]));
    std::fs::write(hq.join(".git/dabir-bench-ready"), "").unwrap();
}

fn report(label: &str, ours: &[f64], theirs: &[f64], against: &str, target: f64) {
    let ratios: Vec<f64> = ours.iter().zip(theirs).map(|(a, b)| a / b).collect();
    let r = median(ratios);
    println!(
        "{label}: {:.0} ms vs {against} {:.0} ms = {r:.2}x (target <= {target}x: {})",
        median(ours.to_vec()) * 1e3,
        median(theirs.to_vec()) * 1e3,
        if r <= target { "met" } else { "MISSED" }
    );
}

fn main() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-repos");
    let records = setting("DABIR_BENCH_RECORDS", 100_000);
    let pairs = setting("DABIR_BENCH_PAIRS", 5).max(1);
    let set = base.join(format!("national-set-{records}"));
    let split_dir = base.join(format!("national-provinces-{records}"));
    let hq = base.join(format!("national-hq-{records}"));
    let t = Instant::now();
    let as_of = build_set(&set, records);
    let codes = split(&set, &split_dir);
    national(&hq, &split_dir, &codes, &as_of);
    println!(
        "dabir national benchmark: {records} records, {} provinces, as of {as_of}",
        codes.len()
    );
    println!(
        "  (data ready in {:.1} s; {pairs} pairs)",
        t.elapsed().as_secs_f64()
    );

    let only = std::env::var("DABIR_BENCH_ONLY").unwrap_or_default();
    let run = |figure: &str| only.is_empty() || only == figure;

    // 1. The roll-up from git objects against check on the checked-out records.
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for _ in 0..if run("rollup") { pairs } else { 0 } {
        ours.push(time(dabir(&hq, &as_of).args([
            "national",
            "check",
            "--no-cache",
        ])));
        theirs.push(time(dabir(&set, &as_of).args(["check", "--no-cache"])));
    }
    if run("rollup") {
        report(
            "national check, every province from git objects",
            &ours,
            &theirs,
            "check (checked out)",
            1.5,
        );
    }

    // 2. Warm caches, one province changed one record since.
    let esf = split_dir.join(&codes[0]);
    // Warm the caches (the national set has findings: exit 1 is fine).
    time(dabir(&hq, &as_of).args(["national", "check"]));
    let person = std::fs::read_dir(esf.join("people"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for round in 0..if run("warm") { pairs } else { 0 } {
        let text = std::fs::read_to_string(&person).unwrap();
        std::fs::write(&person, format!("{}# round {round}\n", text)).unwrap();
        must(git(&esf).args(["commit", "-q", "-am", "one record"]));
        must(dabir(&hq, &as_of).args(["national", "fetch", "--province", &codes[0]]));
        ours.push(time(dabir(&hq, &as_of).args(["national", "check"])));
        let branch = format!("refs/remotes/{}/main", codes[0]);
        theirs.push(time(git(&hq).args(["archive", &branch])));
    }
    if run("warm") {
        report(
            "national check, warm, one province changed",
            &ours,
            &theirs,
            "git archive of that province",
            2.0,
        );
    }
    if !run("sync") {
        return;
    }

    // 3. sync with nothing to do against git fetch.
    let clerk: PathBuf = base.join(format!("national-clerk-{records}"));
    if !clerk.exists() {
        must(git(&base).args([
            "clone",
            "-q",
            esf.to_str().unwrap(),
            clerk.to_str().unwrap(),
        ]));
    }
    must(dabir(&clerk, &as_of).arg("sync"));
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for _ in 0..pairs.max(11) {
        ours.push(time(dabir(&clerk, &as_of).arg("sync")));
        theirs.push(time(git(&clerk).args(["fetch", "-q", "origin"])));
    }
    report("sync with nothing to do", &ours, &theirs, "git fetch", 1.5);
}
