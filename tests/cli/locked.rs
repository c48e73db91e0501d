//! What approved minutes lock (R-MTG-9), judged the same by `edit` and by `check`: for
//! each locked value of a meeting and of its decisions, `dabir edit` changing it is
//! refused with R-MTG-9 and writes nothing, and the same change committed with plain git
//! is what `dabir check` reports as R-MTG-9 at the same value. The later copy to ISIPO and
//! a decision's follow-up are not locked.

use std::path::{Path, PathBuf};

use crate::common::*;

/// A fresh git repository holding a copy of `sample-province`, committed once.
fn repo(env: &TestEnv) -> PathBuf {
    let dir = env.copy_of(&sample(), "province");
    for args in [
        &["init", "-q"][..],
        &["add", "-A"],
        &["commit", "-q", "-m", "Base province"],
    ] {
        let r = env.git(&dir, args);
        assert_eq!(r.code, 0, "git {args:?}: {}", r.transcript());
    }
    dir
}

fn head(env: &TestEnv, dir: &Path) -> String {
    env.git(dir, &["rev-parse", "HEAD"])
        .stdout
        .trim()
        .to_string()
}

/// An `$EDITOR` that applies `sed` to the file; when dabir reopens it with problems, it
/// copies them to `seen` and gives up.
fn sed_editor(env: &TestEnv, sed: &str) -> String {
    let path = env.path().join("editor.sh");
    let seen = env.path().join("seen");
    std::fs::write(
        &path,
        format!(
            "#!/bin/sh\nif grep -q '^# dabir: ' \"$1\"; then grep '^# dabir: ' \"$1\" > '{}'; exit 1; fi\nsed -i '{sed}' \"$1\"\n",
            seen.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let _ = std::fs::remove_file(&seen);
    path.display().to_string()
}

fn edit(env: &TestEnv, dir: &Path, sed: &str, id: &str) -> (Run, String) {
    let editor = sed_editor(env, sed);
    let out = env
        .dabir()
        .env("EDITOR", editor)
        .args(["-C", dir.to_str().unwrap(), "--lang", "en", "edit", id])
        .output()
        .unwrap();
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into(),
        stderr: String::from_utf8_lossy(&out.stderr).into(),
    };
    let seen = std::fs::read_to_string(env.path().join("seen")).unwrap_or_default();
    (run, seen)
}

fn check(env: &TestEnv, dir: &Path) -> Run {
    env.run(&[
        "-C",
        dir.to_str().unwrap(),
        "check",
        "--format",
        "json",
        "--as-of",
        "1404-09-15",
    ])
}

const MEETING: &str = "meetings/1403/ESF-PC-1403-02.yaml";
const DECISION: &str = "decisions/1403/ESF-PC-1403-02-D1.yaml";

/// Every locked value: the record, the file, a `sed` script changing only that value,
/// and the pointer both paths must name.
const LOCKED: &[(&str, &str, &str, &str)] = &[
    (
        "ESF-PC-1403-02",
        MEETING,
        "s/^committee: ESF-PC$/committee: ESF-WG/",
        "/committee",
    ),
    (
        "ESF-PC-1403-02",
        MEETING,
        r#"s/^date: "1403-09-13"/date: "1403-09-14"/"#,
        "/date",
    ),
    (
        "ESF-PC-1403-02",
        MEETING,
        "s/^state: held$/state: cancelled/",
        "/state",
    ),
    (
        "ESF-PC-1403-02",
        MEETING,
        "s/^place: .*/place: سالن شورای استان/",
        "/place",
    ),
    (
        "ESF-PC-1403-02",
        MEETING,
        r#"s/^  approved_on: "1403-09-04"/  approved_on: "1403-09-03"/"#,
        "/agenda/approved_on",
    ),
    (
        "ESF-PC-1403-02",
        MEETING,
        "s/^  signed_by: ESF-P-001$/  signed_by: ESF-P-002/",
        "/invitation/signed_by",
    ),
    (
        "ESF-PC-1403-02",
        MEETING,
        "s/^  recorded_by: ESF-P-002$/  recorded_by: ESF-P-001/",
        "/minutes/recorded_by",
    ),
    (
        "ESF-PC-1403-02",
        MEETING,
        "/^    - person: ESF-P-014$/d",
        "/minutes/attendees/9",
    ),
    (
        "ESF-PC-1403-02",
        MEETING,
        "s/^    - ESF-P-009$/    - ESF-P-014/",
        "/minutes/absentees/0",
    ),
    (
        "ESF-PC-1403-02",
        MEETING,
        "s/^    گزارش پیشرفت برنامه عمل/    گزارش برنامه عمل/",
        "/minutes/summary",
    ),
    (
        "ESF-PC-1403-02",
        MEETING,
        "/^    - ESF-PC-1403-02-D3$/d",
        "/minutes/decisions/2",
    ),
    (
        "ESF-PC-1403-02",
        MEETING,
        r#"s/^  approved_on: "1403-09-17"/  approved_on: "1403-09-16"/"#,
        "/minutes/approved_on",
    ),
    (
        "ESF-PC-1403-02-D1",
        DECISION,
        "s/^meeting: ESF-PC-1403-02$/meeting: ESF-PC-1403-01/",
        "/meeting",
    ),
    (
        "ESF-PC-1403-02-D1",
        DECISION,
        "s/^text: گزارش/text: گزارش کامل/",
        "/text",
    ),
    (
        "ESF-PC-1403-02-D1",
        DECISION,
        "/^  - ESF-B-MIRAS$/d",
        "/responsible/1",
    ),
    (
        "ESF-PC-1403-02-D1",
        DECISION,
        r#"s/^deadline: "1403-11-30"/deadline: "1403-12-15"/"#,
        "/deadline",
    ),
];

/// The case of issue 10: `place` of a meeting whose minutes are approved.
#[test]
fn editing_the_place_of_a_meeting_with_approved_minutes_is_refused() {
    let env = TestEnv::new();
    let dir = repo(&env);
    let before = head(&env, &dir);
    let (r, seen) = edit(&env, &dir, LOCKED[3].2, "ESF-PC-1403-02");
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(
        seen.contains("R-MTG-9") && seen.contains("`/place`"),
        "{seen}"
    );
    assert_eq!(head(&env, &dir), before, "nothing committed");
    let c = check(&env, &dir);
    assert_eq!(c.code, 0, "{}", c.transcript());
}

#[test]
fn every_locked_value_is_refused_by_edit_and_reported_by_check() {
    let env = TestEnv::new();
    let dir = repo(&env);
    let base = head(&env, &dir);
    let mut failures = Vec::new();
    for (id, file, sed, pointer) in LOCKED {
        let (r, seen) = edit(&env, &dir, sed, id);
        let quoted = format!("`{pointer}`");
        if r.code != 2 || !seen.contains("R-MTG-9") || !seen.contains(&quoted) {
            failures.push(format!(
                "edit {id} {pointer}: exit {}: {seen}{}",
                r.code, r.stderr
            ));
        }
        if head(&env, &dir) != base {
            failures.push(format!("edit {id} {pointer} committed"));
        }
        // The same change by hand: check names the same value.
        let f = dir.join(file);
        let r = std::process::Command::new("sed")
            .args(["-i", sed, f.to_str().unwrap()])
            .status()
            .unwrap();
        assert!(r.success());
        assert_eq!(
            env.git(&dir, &["commit", "-qam", "by hand"]).code,
            0,
            "{sed} changed nothing"
        );
        let found: Vec<String> = check(&env, &dir)
            .json_lines()
            .iter()
            .filter(|f| f["rule"] == "R-MTG-9")
            .map(|f| f["message_en"].as_str().unwrap_or_default().to_string())
            .collect();
        if found.len() != 1 || !found[0].contains(&quoted) {
            failures.push(format!("check after {id} {pointer}: {found:?}"));
        }
        assert_eq!(env.git(&dir, &["reset", "-q", "--hard", &base]).code, 0);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_isipo_copy_and_follow_up_stay_open_after_approval() {
    let env = TestEnv::new();
    let dir = repo(&env);
    let before = head(&env, &dir);
    let (r, seen) = edit(
        &env,
        &dir,
        r#"s/^    date: "1403-09-25"/    date: "1403-09-26"/"#,
        "ESF-PC-1403-02",
    );
    assert_eq!(r.code, 0, "{}{seen}", r.transcript());
    let (r, seen) = edit(
        &env,
        &dir,
        "s/^    note: هر دو دستگاه/    note: هر دو دستگاه به‌موقع/",
        "ESF-PC-1403-02-D1",
    );
    assert_eq!(r.code, 0, "{}{seen}", r.transcript());
    assert_eq!(
        env.git(&dir, &["rev-list", "--count", &format!("{before}..HEAD")])
            .stdout
            .trim(),
        "2"
    );
    let c = check(&env, &dir);
    assert_eq!(c.code, 0, "{}", c.transcript());
}
