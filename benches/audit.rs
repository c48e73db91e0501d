//! The audit benchmark (issue 15): `cargo bench --bench audit`.
//!
//! A copy of `sample-province` with a signing policy, then 10,000 commits (default;
//! `DABIR_BENCH_AUDIT_COMMITS`), each a real SSH signature (ed25519, namespace `git`, the
//! SSHSIG format `ssh-keygen -Y sign` writes) over the commit object, with dabir's
//! trailers, each changing one person record. The key is made by `ssh-keygen`; the
//! commits are signed in process with its private half so the history is built in
//! seconds (the signatures are the same bytes `ssh-keygen` would write: ed25519 is
//! deterministic).
//!
//! 1. `dabir audit --since HEAD~1000` against `git log --show-signature HEAD~1000..HEAD`
//!    (git verifying each signature through `ssh-keygen -Y verify` and an
//!    allowed-signers file) over the same 1,000 commits, in alternating pairs; the ratio
//!    is the median of the per-pair ratios. Target: at most 3x git.
//! 2. A full `dabir audit` of the whole history (median of the same number of runs).
//!
//! Every figure is a whole process, as a user runs it. The repository is made under
//! `target/bench-repos/` and reused by later runs.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use git2::{Repository, Signature, Time};

fn hermetic<'c>(c: &'c mut Command, home: &Path) -> &'c mut Command {
    c.env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", home)
        .env("GIT_AUTHOR_NAME", "کارشناس دبیرخانه")
        .env("GIT_AUTHOR_EMAIL", "clerk@esf.example")
        .env("GIT_COMMITTER_NAME", "کارشناس دبیرخانه")
        .env("GIT_COMMITTER_EMAIL", "clerk@esf.example")
        .env("DABIR_NOW", "2025-12-06T09:30:00+03:30")
        .stdin(Stdio::null())
}

fn must(c: &mut Command) -> String {
    let out = c.output().expect("runs");
    assert!(
        out.status.success(),
        "{c:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let t = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &t);
        } else {
            std::fs::copy(e.path(), &t).unwrap();
        }
    }
}

/// Sign a commit buffer as `ssh-keygen -Y sign -n git` does.
fn sign(key: &ssh_key::PrivateKey, data: &[u8]) -> String {
    ssh_key::SshSig::sign(key, "git", ssh_key::HashAlg::Sha512, data)
        .unwrap()
        .to_pem(ssh_key::LineEnding::LF)
        .unwrap()
}

/// The repository, its trust-root fingerprint and the allowed-signers file.
fn build(base: &Path, commits: usize) -> (PathBuf, String) {
    let dir = base.join(format!("audit-{commits}"));
    let key_path = base.join("audit-key");
    let ready = dir.join(".git/dabir-bench-ready");
    if let Ok(fpr) = std::fs::read_to_string(&ready) {
        return (dir, fpr.trim().to_string());
    }
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_file(&key_path);
    let _ = std::fs::remove_file(key_path.with_extension("pub"));
    let t = Instant::now();
    must(
        Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", "", "-C", "clerk", "-f"])
            .arg(&key_path),
    );
    let public = std::fs::read_to_string(key_path.with_extension("pub")).unwrap();
    let key = ssh_key::PrivateKey::read_openssh_file(&key_path).unwrap();
    let fpr = key
        .public_key()
        .fingerprint(ssh_key::HashAlg::Sha256)
        .to_string();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-province"),
        &dir,
    );
    std::fs::write(
        dir.join("policy.yaml"),
        format!(
            "signers:\n  - key: {}\n    person: ESF-P-002\n    roles: [chair, secretary]\n    provinces: [ESF]\n    from: \"1400-01-01\"\n",
            public.trim()
        ),
    )
    .unwrap();
    std::fs::write(
        base.join("allowed_signers"),
        format!("clerk@esf.example {}", public.trim()),
    )
    .unwrap();
    let repo = Repository::init(&dir).unwrap();
    let mut index = repo.index().unwrap();
    index
        .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
        .unwrap();
    index.write().unwrap();
    let mut tree_id = index.write_tree().unwrap();
    let person = "people/ESF-P-001.yaml";
    let original = std::fs::read_to_string(dir.join(person)).unwrap();
    // 1404-01-01 onwards, one commit every 20 minutes.
    let start = 1_742_502_600i64;
    let mut parent: Option<git2::Oid> = None;
    for n in 0..=commits {
        let when = Time::new(start + n as i64 * 1200, 210);
        let who = Signature::new("کارشناس دبیرخانه", "clerk@esf.example", &when).unwrap();
        if n > 0 {
            let text = format!("{original}# {n}\n");
            let blob = repo.blob(text.as_bytes()).unwrap();
            let root = repo.find_tree(tree_id).unwrap();
            let people_id = root.get_name("people").unwrap().id();
            let mut people = repo
                .treebuilder(Some(&repo.find_tree(people_id).unwrap()))
                .unwrap();
            people.insert("ESF-P-001.yaml", blob, 0o100644).unwrap();
            let people = people.write().unwrap();
            let mut top = repo.treebuilder(Some(&root)).unwrap();
            top.insert("people", people, 0o040000).unwrap();
            tree_id = top.write().unwrap();
        }
        let tree = repo.find_tree(tree_id).unwrap();
        let message = if n == 0 {
            "records and policy\n\nDabir-Action: init\nDabir-Record: ESF\n".to_string()
        } else {
            format!(
                "Rename person ESF-P-001 ({n})\n\nDabir-Action: person.rename\nDabir-Record: ESF-P-001\nDabir-Date: 1404-01-01\n"
            )
        };
        let parents: Vec<git2::Commit<'_>> = parent
            .iter()
            .map(|p| repo.find_commit(*p).unwrap())
            .collect();
        let refs: Vec<&git2::Commit<'_>> = parents.iter().collect();
        let buf = repo
            .commit_create_buffer(&who, &who, &message, &tree, &refs)
            .unwrap();
        let sig = sign(&key, &buf);
        let oid = repo
            .commit_signed(std::str::from_utf8(&buf).unwrap(), &sig, None)
            .unwrap();
        parent = Some(oid);
    }
    repo.reference("refs/heads/main", parent.unwrap(), true, "bench")
        .unwrap();
    repo.set_head("refs/heads/main").unwrap();
    must(
        Command::new("git")
            .arg("-C")
            .arg(&dir)
            .args(["reset", "-q", "--hard"]),
    );
    must(Command::new("git").arg("-C").arg(&dir).args(["gc", "-q"]));
    std::fs::write(&ready, &fpr).unwrap();
    eprintln!(
        "  built {} ({} signed commits) in {:.1} s",
        dir.display(),
        commits + 1,
        t.elapsed().as_secs_f64()
    );
    (dir, fpr)
}

fn time(c: &mut Command, ok: &[i32]) -> Duration {
    let t = Instant::now();
    let out = c.output().expect("runs");
    let e = t.elapsed();
    assert!(
        ok.contains(&out.status.code().unwrap_or(-1)),
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

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let pairs: usize = std::env::var("DABIR_BENCH_PAIRS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(7);
    let commits: usize = std::env::var("DABIR_BENCH_AUDIT_COMMITS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let target =
        PathBuf::from(std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into()));
    must(Command::new("cargo").args(["build", "--release", "--quiet", "--bin", "dabir"]));
    let dabir = std::fs::canonicalize(target.join("release/dabir")).unwrap();
    let base = target.join("bench-repos");
    std::fs::create_dir_all(&base).unwrap();
    let base = std::fs::canonicalize(base).unwrap();
    let (dir, fpr) = build(&base, commits);
    let home = base.join("audit-home");
    std::fs::create_dir_all(&home).unwrap();
    let allowed = base.join("allowed_signers");

    let since = "HEAD~1000";
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    let mut ratios = Vec::new();
    for _ in 0..pairs {
        let a = time(
            hermetic(&mut Command::new(&dabir), &home)
                .arg("-C")
                .arg(&dir)
                .args([
                    "--format", "json", "audit", "--since", since, "--trust", &fpr,
                ]),
            &[0],
        )
        .as_secs_f64();
        let g = time(
            hermetic(&mut Command::new("git"), &home)
                .arg("-C")
                .arg(&dir)
                .arg("-c")
                .arg(format!("gpg.ssh.allowedSignersFile={}", allowed.display()))
                .args(["log", "--show-signature", &format!("{since}..HEAD")]),
            &[0],
        )
        .as_secs_f64();
        ours.push(a);
        theirs.push(g);
        ratios.push(a / g);
    }
    println!(
        "audit --since over 1,000 signed commits: dabir {:.1} ms, git log --show-signature {:.1} ms, ratio {:.3}x (median of {pairs} pairs; target <= 3x)",
        median(ours) * 1e3,
        median(theirs) * 1e3,
        median(ratios)
    );
    let mut full = Vec::new();
    for _ in 0..pairs.min(5) {
        full.push(
            time(
                hermetic(&mut Command::new(&dabir), &home)
                    .arg("-C")
                    .arg(&dir)
                    .args(["--format", "json", "audit", "--trust", &fpr]),
                &[0],
            )
            .as_secs_f64(),
        );
    }
    println!(
        "full audit of {} signed commits: {:.1} ms (median of {} runs)",
        commits + 1,
        median(full.clone()) * 1e3,
        full.len()
    );
}
