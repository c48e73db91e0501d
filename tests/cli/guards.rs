//! Every guard a write command enforces is enforced on `dabir edit` too, with the same
//! rule id: for each, the command is refused, and an edit making the same transition by
//! hand is refused with the same rule and writes nothing (`model::guard`).

use std::path::{Path, PathBuf};

use crate::common::*;

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

/// The command `args` is refused with `rule`; `dabir edit id` whose editor runs
/// `script` on the file ("$1") is refused with `rule` too; nothing is committed.
fn guarded(args: &[&str], id: &str, script: &str, rule: &str) {
    let env = TestEnv::new();
    let dir = repo(&env);
    let before = head(&env, &dir);
    let d = dir.to_str().unwrap();
    let mut all = vec!["-C", d, "--lang", "en"];
    all.extend_from_slice(args);
    let r = env.run(&all);
    assert_eq!(r.code, 2, "{args:?}: {}", r.transcript());
    assert!(
        r.stderr.contains(&format!("refused by {rule} ")),
        "{args:?}: {}",
        r.transcript()
    );

    let seen = env.path().join("seen");
    let editor = env.path().join("editor.sh");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\nif grep -q '^# dabir: ' \"$1\"; then grep '^# dabir: ' \"$1\" > '{}'; exit 1; fi\n{script}\n",
            seen.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let out = env
        .dabir()
        .env("EDITOR", &editor)
        .args(["-C", d, "--lang", "en", "edit", id])
        .output()
        .unwrap();
    let seen = std::fs::read_to_string(&seen).unwrap_or_default();
    assert_eq!(
        out.status.code(),
        Some(2),
        "edit {id}: {seen}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        seen.contains(&format!("refused by {rule} ")),
        "edit {id}: want {rule}, saw: {seen}"
    );
    assert_eq!(head(&env, &dir), before, "nothing committed");
    assert_eq!(env.git(&dir, &["status", "--porcelain"]).stdout, "");
}

#[test]
fn an_approved_agenda_is_not_proposed_again() {
    guarded(
        &[
            "meeting",
            "propose-agenda",
            "ESF-PC-1404-02",
            "--by",
            "ESF-B-SHAHRAK",
            "--item",
            "دستور تازه",
        ],
        "ESF-PC-1404-02",
        r#"sed -i 's/^      title: گزارش پیشرفت برنامه عمل خوشه گلاب و گزارش ناظر$/      title: دستور تازه/' "$1""#,
        "R-MTG-2",
    );
}

#[test]
fn an_agenda_is_not_approved_twice() {
    guarded(
        &[
            "meeting",
            "approve-agenda",
            "ESF-PC-1404-02",
            "--by",
            "ESF-P-001",
        ],
        "ESF-PC-1404-02",
        r#"sed -i 's/^  approved_on: "1404-09-08"/  approved_on: "1404-09-09"/' "$1""#,
        "R-MTG-2",
    );
}

#[test]
fn the_minutes_of_a_meeting_not_held_are_not_approved() {
    guarded(
        &["meeting", "approve-minutes", "ESF-PC-1404-02"],
        "ESF-PC-1404-02",
        r#"printf 'minutes:\n  recorded_by: ESF-P-002\n  attendees:\n    - person: ESF-P-001\n  summary: خلاصه\n  approved_on: "1404-09-14"\n' >> "$1""#,
        "R-MTG-4",
    );
}

#[test]
fn minutes_are_not_approved_twice() {
    guarded(
        &["meeting", "approve-minutes", "ESF-PC-1404-01"],
        "ESF-PC-1404-01",
        r#"sed -i 's/^  approved_on: "1404-03-14"/  approved_on: "1404-03-15"/' "$1""#,
        "R-MTG-9",
    );
}

#[test]
fn approved_minutes_are_not_recorded_again() {
    guarded(
        &[
            "meeting",
            "minutes",
            "ESF-PC-1404-01",
            "--recorded-by",
            "ESF-P-002",
            "--attendee",
            "ESF-P-001",
            "--summary",
            "خلاصه تازه",
        ],
        "ESF-PC-1404-01",
        r#"sed -i 's/^  recorded_by: .*/  recorded_by: ESF-P-001/' "$1""#,
        "R-MTG-9",
    );
}

#[test]
fn a_decision_is_not_dispatched_twice() {
    guarded(
        &[
            "decision",
            "dispatch",
            "ESF-PC-1403-02-D1",
            "--letter",
            "۱۲۳",
        ],
        "ESF-PC-1403-02-D1",
        r#"sed -i 's/^    number: "۷۲۸۰۱\/۱۱۰"/    number: "۱۲۳"/' "$1""#,
        "R-MTG-5",
    );
}

#[test]
fn a_closed_decision_takes_no_follow_up() {
    guarded(
        &[
            "decision",
            "progress",
            "ESF-PC-1403-02-D1",
            "--note",
            "پیگیری",
        ],
        "ESF-PC-1403-02-D1",
        r#"sed -i 's/^status: done$/status: open/' "$1""#,
        "R-MTG-6",
    );
}

#[test]
fn a_provincial_outcome_is_not_recorded_twice() {
    guarded(
        &[
            "dispute",
            "provincial-outcome",
            "ESF-DS-1404-01",
            "--outcome",
            "agreement",
        ],
        "ESF-DS-1404-01",
        r#"sed -i 's/^  outcome: no-agreement$/  outcome: agreement/' "$1""#,
        "R-DIS-1",
    );
}

#[test]
fn a_dispute_is_not_escalated_twice() {
    guarded(
        &[
            "dispute",
            "escalate",
            "ESF-DS-1404-01",
            "--committee",
            "ESF-NWG",
        ],
        "ESF-DS-1404-01",
        r#"sed -i 's/^  referred_on: "1404-05-10"/  referred_on: "1404-05-11"/' "$1""#,
        "R-DIS-1",
    );
}

#[test]
fn a_dispute_is_escalated_only_after_no_agreement() {
    guarded(
        &[
            "dispute",
            "escalate",
            "ESF-DS-1403-01",
            "--committee",
            "ESF-NWG",
        ],
        "ESF-DS-1403-01",
        r#"printf 'national:\n  committee: ESF-NWG\n  referred_on: "1403-07-01"\n' >> "$1""#,
        "R-DIS-1",
    );
}

#[test]
fn a_dispute_is_not_resolved_twice() {
    guarded(
        &[
            "dispute",
            "resolve",
            "ESF-DS-1403-01",
            "--resolution",
            "توافق تازه",
        ],
        "ESF-DS-1403-01",
        r#"sed -i 's/^resolution: .*/resolution: "توافق تازه"/' "$1""#,
        "R-DIS-1",
    );
}

/// R-ID-3 on the write path: `edit` moving a meeting into another year is refused by the
/// same check `check` runs (`check::id_rules`); nothing is committed.
#[test]
fn a_meeting_is_not_moved_into_another_year() {
    let env = TestEnv::new();
    let dir = repo(&env);
    let before = head(&env, &dir);
    let editor = env.path().join("editor.sh");
    let seen = env.path().join("seen");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\nif grep -q '^# dabir: ' \"$1\"; then grep '^# dabir: ' \"$1\" > '{}'; exit 1; fi\nsed -i 's/^date: .*/date: \"1405-01-20\"/' \"$1\"\n",
            seen.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let d = dir.to_str().unwrap();
    let out = env
        .dabir()
        .env("EDITOR", &editor)
        .args(["-C", d, "--lang", "en", "edit", "ESF-PC-1404-02"])
        .output()
        .unwrap();
    let seen = std::fs::read_to_string(&seen).unwrap_or_default();
    assert_eq!(
        out.status.code(),
        Some(2),
        "{seen}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(seen.contains("refused by R-ID-3 "), "saw: {seen}");
    assert_eq!(head(&env, &dir), before, "nothing committed");
    assert_eq!(env.git(&dir, &["status", "--porcelain"]).stdout, "");
}

/// R-ID-4 on the write path: a body of another province is refused; nothing committed.
#[test]
fn a_record_of_another_province_is_not_added() {
    let env = TestEnv::new();
    let dir = repo(&env);
    let before = head(&env, &dir);
    let d = dir.to_str().unwrap();
    let r = env.run(&[
        "-C",
        d,
        "--lang",
        "en",
        "body",
        "add",
        "--name",
        "بانک نمونه",
        "--category",
        "bank",
        "KHR-B-NEW",
    ]);
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(
        r.stderr.contains("refused by R-ID-4 "),
        "{}",
        r.transcript()
    );
    assert_eq!(head(&env, &dir), before, "nothing committed");
    let r = env.run(&[
        "-C",
        d,
        "--lang",
        "en",
        "body",
        "add",
        "--name",
        "بانک نمونه",
        "--category",
        "bank",
        "ESF-B-NEW",
    ]);
    assert_eq!(r.code, 0, "{}", r.transcript());
}
