//! What a clerk needs day to day (issue 11): output read through a pipe that closes
//! early, finding records by name, refusals that name the fixing command, and a
//! committee's year kept with the commands alone.

use std::path::{Path, PathBuf};
use std::process::Stdio;

use crate::common::*;

/// A copy of the sample province in its own git repository, committed once.
fn sample_repo(env: &TestEnv) -> PathBuf {
    let dir = env.copy_of(&sample(), "esf");
    for args in [
        &["init", "-q"][..],
        &["add", "-A"],
        &["commit", "-q", "-m", "records"],
    ] {
        let r = env.git(&dir, args);
        assert_eq!(r.code, 0, "git {args:?}: {}", r.transcript());
    }
    dir
}

/// Run `dabir ARGS` in `dir` with its stdout closed before it writes anything, as
/// `dabir ... | head -1` closes it after one line.
fn with_stdout_closed(env: &TestEnv, dir: &Path, args: &[&str]) -> Run {
    let mut child = env
        .dabir()
        .current_dir(dir)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dabir runs");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("dabir ends");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::new(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn a_closed_stdout_is_a_normal_end() {
    let env = TestEnv::new();
    let dir = sample_repo(&env);
    for args in [
        &["show", "ESF-PC-1403-02-D3"][..],
        &["log", "ESF-PC-1403-02-D3"],
        &["--lang", "en", "check", "--as-of", "1404-09-15"],
        &["--format", "json", "check", "--as-of", "1404-09-15"],
        &["rules"],
        &["explain", "R-MTG-6"],
    ] {
        let r = with_stdout_closed(&env, &dir, args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.transcript());
        assert_eq!(r.stderr, "", "{args:?}");
    }
}
