//! `dabir site`, `dabir completions`, `dabir man`, `--color` and the progress bar: the
//! site of the sample province (pages, charts, history with trailers, findings and brief
//! linked, the search index), an incremental rebuild that rewrites only what changed, a
//! national site, and the CLI's finishing touches.

use std::path::{Path, PathBuf};

use crate::common::*;

/// The sample in its own git repository, as a secretariat keeps it.
pub fn sample_repo(env: &TestEnv) -> PathBuf {
    let dir = env.copy_of(&sample(), "esf");
    for args in [
        &["init", "-q"][..],
        &["add", "-A"],
        &["commit", "-qm", "records"],
    ] {
        let r = env.git(&dir, args);
        assert_eq!(r.code, 0, "{}", r.transcript());
    }
    dir
}

fn site(env: &TestEnv, dir: &Path, out: &Path, extra: &[&str]) -> Run {
    let mut args = vec![
        "-C",
        dir.to_str().unwrap(),
        "site",
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    env.run(&args)
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn site_of_the_sample_province() {
    let env = TestEnv::new();
    let dir = sample_repo(&env);
    let r = env.run(&[
        "-C",
        dir.to_str().unwrap(),
        "decision",
        "progress",
        "ESF-PC-1403-02-D3",
        "--note",
        "نامه پیگیری فرستاده شد",
    ]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    let out = env.path().join("site");
    let r = site(&env, &dir, &out, &[]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert_eq!(
        r.stderr, "",
        "no progress bar when stderr is not a terminal"
    );

    let index = read(&out.join("index.html"));
    assert!(index.contains("<html lang=\"fa\" dir=\"rtl\">"));
    // Six charts, each an image with a title and a description, and its numbers.
    assert_eq!(index.matches("role=\"img\"").count(), 6, "{index}");
    assert_eq!(index.matches("<desc id=").count(), 6);
    assert_eq!(index.matches("<details>").count(), 6);
    assert!(index.contains("R-MTG-1"));
    assert!(
        !index.contains("<script"),
        "the overview needs no JavaScript"
    );
    // Supervisors expiring link their cluster.
    assert!(index.contains("href=\"r/ESF-CL-GOLAB.html\""));

    // One page per record; a meeting links its committee and its decisions.
    let meeting = read(&out.join("r/ESF-PC-1403-02.html"));
    assert!(meeting.contains("href=\"../r/ESF-PC.html\""));
    assert!(meeting.contains("href=\"../r/ESF-PC-1403-02-D3.html\""));
    for id in [
        "ESF-PC",
        "ESF-CL-GOLAB",
        "ESF-PL-GOLAB-1403",
        "ESF-PC-1403-02-D3",
    ] {
        assert!(out.join(format!("r/{id}.html")).is_file(), "{id}");
    }
    // A decision's history: the commit, its author, its action and decision trailers.
    let decision = read(&out.join("r/ESF-PC-1403-02-D3.html"));
    let history = &decision[decision.find("تاریخچه").unwrap()..];
    assert!(history.contains("decision.progress"), "{history}");
    assert!(history.contains("کارشناس دبیرخانه"));
    assert!(history.contains("۱۴۰۴-۰۹-۱۵"));
    assert!(decision.contains("نامه پیگیری فرستاده شد"));
    // It is named by its meeting, and shows its finding.
    assert!(decision.contains("href=\"../r/ESF-PC-1403-02.html\""));

    // Findings and the brief link their records.
    let findings = read(&out.join("findings-ESF.html"));
    assert!(findings.contains("R-MTG-6"));
    assert!(findings.contains("href=\"r/ESF-PC-1403-02-D3.html\""));
    let brief = read(&out.join("brief-ESF.html"));
    assert!(brief.contains("href=\"r/ESF-PC"), "{brief}");

    // The search index: ids and names with their keys as check normalises them.
    let index_js = read(&out.join("search-index.js"));
    assert!(index_js.contains("\"ي\":\"ی\""));
    assert!(index_js.contains("\"ESF-CL-GOLAB\""));
    assert!(read(&out.join("search.html")).contains("<noscript>"));

    // English.
    let en = env.path().join("site-en");
    let r = site(&env, &dir, &en, &["--lang", "en"]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    let index = read(&en.join("index.html"));
    assert!(index.contains("<html lang=\"en\" dir=\"ltr\">"));
    assert!(index.contains("Provincial committee meetings held per year"));
}

#[test]
fn a_rebuild_rewrites_only_the_pages_that_changed() {
    let env = TestEnv::new();
    let dir = sample_repo(&env);
    let out = env.path().join("site");
    let first = site(&env, &dir, &out, &["--quiet"]);
    assert_eq!(first.code, 0, "{}", first.transcript());
    let total: usize = first.stdout.trim().parse().unwrap();
    assert!(total > 140, "{total}");
    let again = site(&env, &dir, &out, &["--quiet"]);
    assert_eq!(again.stdout.trim(), "0", "nothing changed, nothing written");

    let untouched = out.join("r/ESF-B-SMT.html");
    let before = std::fs::metadata(&untouched).unwrap().modified().unwrap();
    let r = env.run(&[
        "-C",
        dir.to_str().unwrap(),
        "decision",
        "progress",
        "ESF-PC-1403-02-D3",
        "--note",
        "یک",
    ]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    let after = site(&env, &dir, &out, &["--quiet"]);
    assert_eq!(after.code, 0, "{}", after.transcript());
    let written: usize = after.stdout.trim().parse().unwrap();
    assert!((1..=3).contains(&written), "{written} pages rewritten");
    assert!(read(&out.join("r/ESF-PC-1403-02-D3.html")).contains("یک"));
    assert_eq!(
        std::fs::metadata(&untouched).unwrap().modified().unwrap(),
        before
    );
}

#[test]
fn a_folder_dabir_did_not_write_is_refused() {
    let env = TestEnv::new();
    let dir = sample_repo(&env);
    let out = env.path().join("mine");
    write(&out, "notes.txt", "mine");
    let r = site(&env, &dir, &out, &[]);
    assert_eq!(r.code, 2, "{}", r.transcript());
    // In Persian, as the default language: the renderer may wrap the line anywhere.
    let flat: String = r.stderr.split_whitespace().filter(|w| *w != "│").collect();
    assert!(
        flat.contains(".dabir-site") && flat.contains("خالینیست"),
        "{}",
        r.stderr
    );
    assert_eq!(read(&out.join("notes.txt")), "mine");
    assert!(!out.join("index.html").exists());
}

/// Copy every record of `from` into `to` with the province code `ESF` replaced by `code`.
fn copy_as_province(from: &Path, to: &Path, code: &str) {
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().replace("ESF", code);
        if e.file_type().unwrap().is_dir() {
            copy_as_province(&e.path(), &to.join(&name), code);
        } else if name.ends_with(".yaml") && name != "dabir.yaml" && name != "waivers.yaml" {
            let text = read(&e.path()).replace("ESF-", &format!("{code}-"));
            write(to, &name, text);
        }
    }
}

#[test]
fn a_national_repository_gets_a_national_overview() {
    let env = TestEnv::new();
    let dir = env.path().join("nat");
    copy_as_province(&sample(), &dir, "ESF");
    copy_as_province(&sample(), &dir, "THR");
    write(
        &dir,
        "dabir.yaml",
        "province: \"NAT\"\nprovince_name: \"دبیرخانه ملی\"\nlanguage: \"fa\"\n",
    );
    let out = env.path().join("site");
    let r = site(&env, &dir, &out, &[]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    let index = read(&out.join("index.html"));
    assert!(index.contains("نمای کشور"), "{index}");
    assert!(index.contains("href=\"prov-ESF.html\""));
    assert!(index.contains("href=\"prov-THR.html\""));
    let thr = read(&out.join("prov-THR.html"));
    assert!(thr.contains("href=\"r/THR-CL-GOLAB.html\""));
    assert!(out.join("r/THR-PC-1403-02.html").is_file());
    assert!(out.join("findings-THR.html").is_file());
}

#[test]
fn completions_and_man_page_come_from_the_command_definitions() {
    let env = TestEnv::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let r = env.run(&["completions", shell]);
        assert_eq!(r.code, 0, "{shell}: {}", r.transcript());
        assert!(r.stdout.contains("site"), "{shell}");
        assert!(r.stdout.contains("approve-minutes"), "{shell}");
    }
    assert_eq!(env.run(&["completions", "tcsh"]).code, 2);
    let man = env.run(&["man"]);
    assert_eq!(man.code, 0, "{}", man.transcript());
    assert!(
        man.stdout.starts_with(".ie") || man.stdout.contains(".TH dabir"),
        "{}",
        man.stdout
    );
    assert!(man.stdout.contains("completions"));
    let dir = env.path().join("man1");
    let r = env.run(&["man", "--out", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert!(read(&dir.join("dabir-site.1")).contains(".TH dabir-site"));
    assert!(dir.join("dabir-meeting-approve-minutes.1").is_file());
}

#[test]
fn color_follows_the_flag_and_no_color() {
    let env = TestEnv::new();
    let dir = sample_repo(&env);
    let d = dir.to_str().unwrap();
    let check = |extra: &[&str]| {
        let mut args = vec!["-C", d, "--as-of", "1404-09-15", "check", "--lang", "en"];
        args.extend_from_slice(extra);
        env.run(&args)
    };
    let always = check(&["--color", "always"]);
    assert!(always.stdout.contains("\x1b["), "{}", always.stdout);
    let never = check(&["--color", "never"]);
    assert!(!never.stdout.contains('\x1b'), "{}", never.stdout);
    // auto: not a terminal here, so no colour.
    assert!(!check(&[]).stdout.contains('\x1b'));
    assert_eq!(env.run(&["--color", "sometimes", "rules"]).code, 2);
}

/// On a terminal (a pseudo-terminal from `script`), `auto` colours unless NO_COLOR is
/// set, and the progress bar shows on stderr unless `--quiet`.
#[test]
fn on_a_terminal_color_and_progress_show_unless_told_not_to() {
    if !Path::new("/usr/bin/script").exists() {
        eprintln!("SKIPPED: `script` (util-linux) is needed for a pseudo-terminal");
        return;
    }
    let env = TestEnv::new();
    let dir = sample_repo(&env);
    let bin = env!("CARGO_BIN_EXE_dabir");
    let tty = |cmd: &str, no_color: bool| -> String {
        let mut c = std::process::Command::new("script");
        c.args(["-qefc", cmd, "/dev/null"])
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", env.path())
            .env("DABIR_NOW", NOW)
            .env("TERM", "xterm")
            .env("GIT_CONFIG_NOSYSTEM", "1");
        if no_color {
            c.env("NO_COLOR", "1");
        }
        let o = c.output().expect("script runs");
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let check = format!(
        "{bin} -C {} --as-of 1404-09-15 check --lang en 2>/dev/null",
        dir.display()
    );
    assert!(tty(&check, false).contains("\x1b["));
    assert!(!tty(&check, true).contains("\x1b["));
    let out = env.path().join("site");
    let build = format!(
        "{bin} -C {} site -o {} 2>&1 >/dev/null",
        dir.display(),
        out.display()
    );
    let shown = tty(&build, true);
    assert!(
        !shown.trim().is_empty(),
        "a progress bar on the terminal: {shown:?}"
    );
    let quiet = format!(
        "{bin} -C {} site --quiet -o {} 2>&1 >/dev/null",
        dir.display(),
        out.display()
    );
    assert_eq!(tty(&quiet, true).trim(), "");
}
