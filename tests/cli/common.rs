//! The hermetic test environment: a temporary directory, a cleared environment, a fixed
//! clock (`DABIR_NOW`) and a fixed git author, so outputs and commit ids repeat.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The fixed instant every test runs at: 1404-09-15 (2025-12-06) 09:30 Iran time.
pub const NOW: &str = "2025-12-06T09:30:00+03:30";

pub struct TestEnv {
    pub dir: tempfile::TempDir,
}

/// What a run printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
    /// The JSON Lines of stdout, parsed.
    pub fn json_lines(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).expect("a JSON line"))
            .collect()
    }
    /// Everything a snapshot needs: exit code, stdout, stderr.
    pub fn transcript(&self) -> String {
        format!(
            "exit: {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

impl TestEnv {
    pub fn new() -> TestEnv {
        TestEnv {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A copy of `sample-province` (or any directory) at `name` inside the environment.
    pub fn copy_of(&self, from: &Path, name: &str) -> PathBuf {
        let to = self.dir.path().join(name);
        copy_dir(from, &to);
        to
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// A `dabir` command with a cleared environment, the fixed clock and author, run in
    /// the environment's directory.
    pub fn dabir(&self) -> Command {
        let mut c = Command::new(bin());
        c.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("DABIR_NOW", NOW)
            .env("GIT_AUTHOR_NAME", "کارشناس دبیرخانه")
            .env("GIT_AUTHOR_EMAIL", "clerk@esf.example")
            .env("GIT_COMMITTER_NAME", "کارشناس دبیرخانه")
            .env("GIT_COMMITTER_EMAIL", "clerk@esf.example")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("NO_COLOR", "1")
            // Throwaway repositories need no fsync (a write costs about 100 ms more with
            // it on this machine's disk, RELIABILITY.md "Durability"); the tests of
            // durability, the faults and the races turn it back on with
            // `DABIR_FSYNC=on`.
            .env("DABIR_FSYNC", "off")
            .current_dir(self.dir.path());
        c
    }

    /// Run `dabir ARGS` and capture everything.
    pub fn run(&self, args: &[&str]) -> Run {
        Run::from(self.dabir().args(args).output().expect("dabir runs"))
    }

    /// Run `dabir ARGS` with extra environment variables.
    pub fn run_with(&self, vars: &[(&str, &str)], args: &[&str]) -> Run {
        let mut c = self.dabir();
        c.envs(vars.iter().copied());
        Run::from(c.args(args).output().expect("dabir runs"))
    }

    /// Run plain `git ARGS` in `dir` with the same hermetic environment.
    pub fn git(&self, dir: &Path, args: &[&str]) -> Run {
        let out = Command::new("git")
            .args(args)
            .current_dir(dir)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "کارشناس دبیرخانه")
            .env("GIT_AUTHOR_EMAIL", "clerk@esf.example")
            .env("GIT_COMMITTER_NAME", "کارشناس دبیرخانه")
            .env("GIT_COMMITTER_EMAIL", "clerk@esf.example")
            .env("GIT_AUTHOR_DATE", "2025-12-06T09:30:00+03:30")
            .env("GIT_COMMITTER_DATE", "2025-12-06T09:30:00+03:30")
            .output()
            .expect("git runs");
        Run::from(out)
    }
}

/// The `dabir` the tests run: cargo's, or `DABIR_TEST_BIN` when set (a copy of it, which
/// another build sharing the target directory cannot replace during a long run).
pub fn bin() -> PathBuf {
    std::env::var_os("DABIR_TEST_BIN")
        .map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_dabir")), PathBuf::from)
}

/// The repository's `sample-province`.
pub fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-province")
}

/// Copy a directory tree (files and folders; links are copied as links).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read_dir") {
        let e = e.expect("entry");
        let t = e.file_type().expect("type");
        let dest = to.join(e.file_name());
        if t.is_dir() {
            copy_dir(&e.path(), &dest);
        } else if t.is_symlink() {
            let target = std::fs::read_link(e.path()).expect("link");
            std::os::unix::fs::symlink(target, dest).expect("symlink");
        } else {
            std::fs::copy(e.path(), dest).expect("copy");
        }
    }
}

/// Write `text` to `dir/rel`, creating folders.
pub fn write(dir: &Path, rel: &str, text: impl AsRef<[u8]>) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, text).expect("write");
}

/// An SSH key pair made by `ssh-keygen` in the environment: (private key path, public
/// key line, SHA256 fingerprint).
pub struct Key {
    pub path: PathBuf,
    pub public: String,
    pub fingerprint: String,
}

pub fn ssh_key(env: &TestEnv, name: &str) -> Key {
    let path = env.path().join(format!("key-{name}"));
    let st = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"])
        .arg(&path)
        .status()
        .expect("ssh-keygen runs");
    assert!(st.success());
    let public = std::fs::read_to_string(path.with_file_name(format!("key-{name}.pub")))
        .unwrap()
        .trim()
        .to_string();
    let out = Command::new("ssh-keygen")
        .arg("-lf")
        .arg(&path)
        .output()
        .unwrap();
    let fingerprint = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .nth(1)
        .unwrap()
        .to_string();
    Key {
        path,
        public,
        fingerprint,
    }
}

/// The arguments of `dabir member appoint` to the provincial committee `ESF-PC`.
pub fn appoint_args<'a>(
    person: &'a str,
    body: &'a str,
    role: &'a str,
    decree: &'a str,
    start: &'a str,
) -> [&'a str; 13] {
    [
        "member", "appoint", "ESF-PC", "--person", person, "--body", body, "--role", role,
        "--decree", decree, "--start", start,
    ]
}

/// Plain `git ARGS` in `dir` (the hermetic environment of [`TestEnv::git`]), which must
/// succeed; its stdout.
pub fn git(env: &TestEnv, dir: &Path, args: &[&str]) -> String {
    let r = env.git(dir, args);
    assert_eq!(r.code, 0, "git {args:?}\n{}", r.transcript());
    r.stdout
}

/// `dabir -C DIR ARGS`, captured.
pub fn dabir(env: &TestEnv, dir: &Path, args: &[&str]) -> Run {
    let mut full: Vec<&str> = vec!["-C", dir.to_str().unwrap()];
    full.extend_from_slice(args);
    env.run(&full)
}
