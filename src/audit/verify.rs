//! Who signed a commit: the signature in its `gpgsig` header checked against the commit
//! object without it, as `git verify-commit` checks it.
//!
//! SSH signatures (`-----BEGIN SSH SIGNATURE-----`) are verified here, in process, with
//! the public key the signature carries (the `ssh-key` crate: the SSHSIG format, namespace
//! `git`); whether that key may sign is the policy's question, answered by its
//! fingerprint. OpenPGP signatures go to the program git's config names (`gpg.program`,
//! default `gpg`) with `--status-fd=1 --verify`, as git does, and the fingerprint comes
//! from its `VALIDSIG` line; a key missing from the keyring cannot be verified.

use std::io::Write as _;
use std::process::{Command, Stdio};

use git2::{Oid, Repository};

/// What a commit's signature says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Unsigned,
    /// A good signature by the key with this fingerprint.
    Good(String),
    /// A signature that does not verify, and why.
    Bad(String),
    /// A signature that could not be checked here (no key in the keyring, no program).
    Unverifiable(String),
}

/// The signature and the signed data of a commit, if it is signed.
pub fn extract(repo: &Repository, oid: Oid) -> Option<(Vec<u8>, Vec<u8>)> {
    let (sig, data) = repo.extract_signature(&oid, None).ok()?;
    Some((sig.to_vec(), data.to_vec()))
}

/// Check a signature over `data`. `gpg` is the OpenPGP program.
pub fn verify(sig: &[u8], data: &[u8], gpg: &str) -> Verdict {
    let text = String::from_utf8_lossy(sig);
    if text
        .trim_start()
        .starts_with("-----BEGIN SSH SIGNATURE-----")
    {
        return verify_ssh(&text, data);
    }
    if text
        .trim_start()
        .starts_with("-----BEGIN PGP SIGNATURE-----")
    {
        return verify_gpg(sig, data, gpg);
    }
    Verdict::Unverifiable("not an SSH or OpenPGP signature".into())
}

/// The fingerprint of the key an SSH signature carries, without verifying it.
pub fn ssh_signer(sig: &str) -> Option<String> {
    let s = ssh_key::SshSig::from_pem(sig.trim()).ok()?;
    Some(
        s.public_key()
            .fingerprint(ssh_key::HashAlg::Sha256)
            .to_string(),
    )
}

fn verify_ssh(sig: &str, data: &[u8]) -> Verdict {
    let s = match ssh_key::SshSig::from_pem(sig.trim()) {
        Ok(s) => s,
        Err(e) => return Verdict::Bad(format!("unreadable SSH signature: {e}")),
    };
    if s.namespace() != "git" {
        let n = s.namespace();
        return Verdict::Bad(format!("signed for namespace {n:?}, not \"git\""));
    }
    let key = ssh_key::PublicKey::from(s.public_key().clone());
    match key.verify("git", data, &s) {
        Ok(()) => Verdict::Good(key.fingerprint(ssh_key::HashAlg::Sha256).to_string()),
        Err(ssh_key::Error::AlgorithmUnknown | ssh_key::Error::AlgorithmUnsupported { .. }) => {
            Verdict::Unverifiable(format!("{} signatures are not supported", s.algorithm()))
        }
        Err(e) => Verdict::Bad(e.to_string()),
    }
}

fn verify_gpg(sig: &[u8], data: &[u8], program: &str) -> Verdict {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => return Verdict::Unverifiable(e.to_string()),
    };
    let sig_file = dir.path().join("sig");
    if let Err(e) = std::fs::write(&sig_file, sig) {
        return Verdict::Unverifiable(e.to_string());
    }
    let child = Command::new(program)
        .args(["--status-fd=1", "--keyid-format=long", "--verify"])
        .arg(&sig_file)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => return Verdict::Unverifiable(format!("{program}: {e}")),
    };
    let _ = child.stdin.take().expect("piped").write_all(data);
    let out = match child.wait_with_output() {
        Ok(o) => o,
        Err(e) => return Verdict::Unverifiable(format!("{program}: {e}")),
    };
    let status = String::from_utf8_lossy(&out.stdout);
    let line = |tag: &str| {
        status
            .lines()
            .find_map(|l| {
                l.strip_prefix("[GNUPG:] ")
                    .and_then(|l| l.strip_prefix(tag))
            })
            .map(str::to_string)
    };
    if let Some(bad) = line("BADSIG ") {
        return Verdict::Bad(format!("bad OpenPGP signature ({bad})"));
    }
    if let Some(valid) = line("VALIDSIG ") {
        // VALIDSIG <fpr> <date> <time> <expire> <ver> <res> <pk> <hash> <class> <primary fpr>
        let f: Vec<&str> = valid.split_whitespace().collect();
        let fpr = f.get(9).or(f.first()).copied().unwrap_or_default();
        return Verdict::Good(fpr.to_ascii_uppercase());
    }
    if let Some(missing) = line("NO_PUBKEY ").or_else(|| line("ERRSIG ")) {
        return Verdict::Unverifiable(format!(
            "the OpenPGP key {} is not in the keyring",
            missing.split_whitespace().next().unwrap_or_default()
        ));
    }
    Verdict::Unverifiable(String::from_utf8_lossy(&out.stderr).trim().to_string())
}
