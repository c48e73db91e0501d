//! `dabir print`: the PDFs of the sample province, read back with poppler's tools
//! (`pdfinfo`, `pdffonts`, `pdftotext`; Debian's poppler-utils, installed by `.ci/run`).

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::common::{TestEnv, sample, write};

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} runs (poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{name} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Text for comparing: no spaces, no zero-width non-joiners (which text extraction
/// places differently from the source, typst issue 4225) and none of the directional
/// marks `pdftotext` wraps runs of each direction in.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(c, '\u{200C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

/// The PDF at `pdf` is A4, its fonts are all embedded, and its text is returned.
fn read_pdf(pdf: &Path) -> String {
    let p = pdf.to_str().expect("UTF-8 path");
    let info = tool("pdfinfo", &[p]);
    let size = info
        .lines()
        .find(|l| l.starts_with("Page size:"))
        .expect("a page size");
    assert!(size.contains("(A4)"), "{size}");
    let fonts = tool("pdffonts", &[p]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "no fonts: {fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type encoding emb sub uni object ID: `emb` is the fourth from the end.
        assert_eq!(cols[cols.len() - 5], "yes", "a font not embedded: {row}");
    }
    tool("pdftotext", &[p, "-"])
}

fn show(env: &TestEnv, repo: &Path, id: &str) -> Value {
    let r = env.run(&["-C", repo.to_str().unwrap(), "--format", "json", "show", id]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    r.json_lines().remove(0)["record"].clone()
}

fn name_of(env: &TestEnv, repo: &Path, id: &str) -> String {
    show(env, repo, id)["name"]
        .as_str()
        .expect("a name")
        .to_string()
}

fn print(env: &TestEnv, repo: &Path, args: &[&str]) -> crate::common::Run {
    let mut all = vec!["-C", repo.to_str().unwrap(), "print"];
    all.extend_from_slice(args);
    env.run(&all)
}

fn assert_contains(text: &str, want: &str) {
    assert!(
        squash(text).contains(&squash(want)),
        "the PDF's text lacks {want:?}:\n{text}"
    );
}

#[test]
fn print_minutes_holds_the_meeting_its_attendees_decisions_and_date_in_words() {
    let env = TestEnv::new();
    let repo = env.copy_of(&sample(), "esf");
    let r = print(&env, &repo, &["minutes", "ESF-PC-1403-02", "-o", "m.pdf"]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert_eq!(r.stdout.trim(), "m.pdf");
    let text = read_pdf(&env.path().join("m.pdf"));
    assert_contains(&text, "ESF-PC-1403-02");
    assert_contains(&text, "۱۳ آذر ۱۴۰۳");
    assert_contains(&text, "صورتجلسه");
    let meeting = show(&env, &repo, "ESF-PC-1403-02");
    let minutes = &meeting["minutes"];
    for a in minutes["attendees"].as_array().unwrap() {
        assert_contains(&text, &name_of(&env, &repo, a["person"].as_str().unwrap()));
    }
    for a in minutes["absentees"].as_array().unwrap() {
        assert_contains(&text, &name_of(&env, &repo, a.as_str().unwrap()));
    }
    // The substitute, and on whose behalf.
    assert_contains(&text, "به نمایندگی از");
    assert_contains(&text, &name_of(&env, &repo, "ESF-P-007"));
    for d in minutes["decisions"].as_array().unwrap() {
        assert_contains(&text, d.as_str().unwrap());
    }
    // Two pages or more: the page numbers count them.
    assert_contains(&text, "صفحه ۱ از");
}

#[test]
fn print_minutes_defaults_to_a_file_named_after_the_meeting() {
    let env = TestEnv::new();
    let repo = env.copy_of(&sample(), "esf");
    let r = print(&env, &repo, &["minutes", "ESF-WG-1403-01"]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    let text = read_pdf(&env.path().join("ESF-WG-1403-01-minutes.pdf"));
    assert_contains(&text, "ESF-WG-1403-01");
}

#[test]
fn print_invitation_lists_the_members_the_agenda_and_the_letter_number() {
    let env = TestEnv::new();
    let repo = env.copy_of(&sample(), "esf");
    let r = print(
        &env,
        &repo,
        &["invitation", "ESF-PC-1403-02", "-o", "i.pdf"],
    );
    assert_eq!(r.code, 0, "{}", r.transcript());
    let text = read_pdf(&env.path().join("i.pdf"));
    assert_contains(&text, "ESF-PC-1403-02");
    assert_contains(&text, "۱۳ آذر ۱۴۰۳");
    assert_contains(&text, "۶۸۲۴۱/۱۱۰");
    let meeting = show(&env, &repo, "ESF-PC-1403-02");
    for a in meeting["minutes"]["attendees"].as_array().unwrap() {
        if a["on_behalf_of"].is_null() {
            assert_contains(&text, &name_of(&env, &repo, a["person"].as_str().unwrap()));
        }
    }
    assert_contains(&text, "ESF-PC-1403-01-D3");
}

#[test]
fn print_letter_sends_the_decision_to_its_bodies_with_copies() {
    let env = TestEnv::new();
    let repo = env.copy_of(&sample(), "esf");
    let r = print(&env, &repo, &["letter", "ESF-PC-1403-02-D1", "-o", "l.pdf"]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    let text = read_pdf(&env.path().join("l.pdf"));
    assert_contains(&text, "ESF-PC-1403-02-D1");
    assert_contains(&text, "۷۲۸۰۱/۱۱۰");
    assert_contains(&text, "۱۴۰۳/۰۹/۲۴");
    assert_contains(&text, "۱۳ آذر ۱۴۰۳");
    assert_contains(&text, "۳۰ بهمن ۱۴۰۳");
    for b in ["ESF-B-JAHAD", "ESF-B-MIRAS", "NAT-B-ISIPO", "ESF-B-SHAHRAK"] {
        assert_contains(&text, &name_of(&env, &repo, b));
    }
    assert_contains(&text, "رونوشت");
    assert_contains(&text, "پیوست");
    assert_contains(&text, &name_of(&env, &repo, "ESF-P-001"));
}

#[test]
fn print_dossier_lists_every_overdue_decision_the_brief_lists() {
    let env = TestEnv::new();
    let repo = env.copy_of(&sample(), "esf");
    let meeting = "ESF-PC-1404-01";
    let b = env.run(&[
        "-C",
        repo.to_str().unwrap(),
        "--format",
        "json",
        "brief",
        "--meeting",
        meeting,
    ]);
    let brief: Value = serde_json::from_str(&b.stdout).expect("the brief as JSON");
    let overdue: Vec<&str> = brief["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| !d["days_overdue"].is_null())
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert!(!overdue.is_empty(), "the sample has overdue decisions");
    let r = print(&env, &repo, &["dossier", meeting, "-o", "d.pdf"]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    let text = read_pdf(&env.path().join("d.pdf"));
    assert_contains(&text, meeting);
    for id in overdue {
        assert_contains(&text, id);
    }
    for d in brief["decisions"].as_array().unwrap() {
        assert_contains(&text, d["id"].as_str().unwrap());
    }
    assert_contains(&text, "پرونده پیش از جلسه");
}

#[test]
fn print_in_english_runs_left_to_right_with_english_dates() {
    let env = TestEnv::new();
    let repo = env.copy_of(&sample(), "esf");
    let r = env.run(&[
        "-C",
        repo.to_str().unwrap(),
        "--lang",
        "en",
        "print",
        "minutes",
        "ESF-PC-1403-02",
        "-o",
        "m.pdf",
    ]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    let text = read_pdf(&env.path().join("m.pdf"));
    assert!(text.contains("Minutes"), "{text}");
    assert!(text.contains("13 Azar 1403"), "{text}");
    assert!(text.contains("Page 1 of"), "{text}");
    assert!(!text.contains("صورتجلسه"), "{text}");
}

#[test]
fn print_refuses_a_missing_record_and_writes_nothing() {
    let env = TestEnv::new();
    let repo = env.copy_of(&sample(), "esf");
    let r = print(&env, &repo, &["minutes", "ESF-PC-1403-09", "-o", "x.pdf"]);
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(r.stderr.contains("ESF-PC-1403-09"), "{}", r.stderr);
    assert!(r.stderr.contains("هیچ سابقه‌ای"), "{}", r.stderr);
    assert!(!env.path().join("x.pdf").exists());
    let r = print(
        &env,
        &repo,
        &["--lang", "en", "dossier", "ESF-PC-1499-01", "-o", "x.pdf"],
    );
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(
        r.stderr.contains("no record has the id `ESF-PC-1499-01`"),
        "{}",
        r.stderr
    );
    assert!(!env.path().join("x.pdf").exists());
}

#[test]
fn print_refuses_a_record_of_the_wrong_kind_and_writes_nothing() {
    let env = TestEnv::new();
    let repo = env.copy_of(&sample(), "esf");
    let r = print(
        &env,
        &repo,
        &[
            "--lang",
            "en",
            "minutes",
            "ESF-PC-1403-02-D1",
            "-o",
            "x.pdf",
        ],
    );
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(
        r.stderr
            .contains("`ESF-PC-1403-02-D1` is a decision record, not a meeting"),
        "{}",
        r.stderr
    );
    let r = print(&env, &repo, &["letter", "ESF-PC-1403-02", "-o", "x.pdf"]);
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(!env.path().join("x.pdf").exists());
    assert!(std::fs::read_dir(env.path()).unwrap().all(|e| {
        let n = e.unwrap().file_name();
        !n.to_string_lossy().ends_with(".pdf") && !n.to_string_lossy().contains("dabir-tmp")
    }));
}

#[test]
fn print_uses_the_provinces_own_template_and_reports_its_errors_by_line() {
    let env = TestEnv::new();
    let repo = env.copy_of(&sample(), "esf");
    write(
        &repo,
        "print/letter.typ",
        "#import \"/common.typ\": *\n#show: page-setup\nنامه ویژه استان #d.decision\n",
    );
    let r = print(&env, &repo, &["letter", "ESF-PC-1403-02-D1", "-o", "l.pdf"]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    let text = read_pdf(&env.path().join("l.pdf"));
    assert_contains(&text, "نامه ویژه استان");
    write(
        &repo,
        "print/letter.typ",
        "#import \"/common.typ\": *\n\n#d.no_such_field\n",
    );
    let r = print(
        &env,
        &repo,
        &["letter", "ESF-PC-1403-02-D2", "-o", "l2.pdf"],
    );
    assert_eq!(r.code, 3, "{}", r.transcript());
    assert!(r.stderr.contains("letter.typ:3:"), "{}", r.stderr);
    assert!(!env.path().join("l2.pdf").exists());
}

#[test]
fn print_refuses_a_logo_outside_the_repository_or_missing() {
    let env = TestEnv::new();
    let repo = env.copy_of(&sample(), "esf");
    let config = std::fs::read_to_string(repo.join("dabir.yaml")).unwrap();
    write(
        &repo,
        "dabir.yaml",
        config.replace("logo: print/logo.svg", "logo: ../logo.svg"),
    );
    let r = print(
        &env,
        &repo,
        &["--lang", "en", "minutes", "ESF-PC-1403-02", "-o", "m.pdf"],
    );
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(r.stderr.contains("dabir.yaml: R-CFG-1"), "{}", r.stderr);
    assert!(r.stderr.contains("../logo.svg"), "{}", r.stderr);
    assert!(!env.path().join("m.pdf").exists());
    write(
        &repo,
        "dabir.yaml",
        config.replace("logo: print/logo.svg", "logo: print/missing.png"),
    );
    let r = print(
        &env,
        &repo,
        &["--lang", "en", "minutes", "ESF-PC-1403-02", "-o", "m.pdf"],
    );
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(
        r.stderr
            .contains("letterhead.logo `print/missing.png` must name a file"),
        "{}",
        r.stderr
    );
    assert!(!env.path().join("m.pdf").exists());
}
