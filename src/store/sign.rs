//! Signing dabir's commits exactly as `git commit -S` signs them.
//!
//! git's own settings decide: `commit.gpgsign` turns signing on (`--sign` / `--no-sign`
//! override it for one write), `gpg.format` picks `openpgp` (the default), `ssh` or
//! `x509`, `user.signingkey` names the key, and `gpg.program` / `gpg.openpgp.program`,
//! `gpg.ssh.program`, `gpg.x509.program` name the program. The program gets the commit
//! object as git would have written it and returns the signature, which becomes the
//! commit's `gpgsig` header (libgit2's `commit_create_buffer` + `commit_signed`). dabir
//! never reads or holds key material: a key file's path or a literal public key is
//! passed on to the program, whose agent or keyring holds the secret.
//!
//! As in git: with SSH, `user.signingkey` is a path to a key file (`~/` expanded), or a
//! literal public key (`ssh-ed25519 AAAA…`, or `key::…`), then written to a temporary
//! file and signed through the agent (`-U`); unset, `gpg.ssh.defaultKeyCommand`'s first
//! line is used. With OpenPGP or X.509 the key defaults to the committer's
//! `Name <email>`, and the program must report `[GNUPG:] SIG_CREATED`.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use git2::Repository;

use super::StoreError;

/// The signature formats git knows (`gpg.format`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SigFormat {
    OpenPgp,
    Ssh,
    X509,
}

/// The program and key git's config names.
#[derive(Clone, Debug)]
pub struct Signer {
    pub format: SigFormat,
    pub program: String,
    /// `user.signingkey`, or what stands for it.
    pub key: Option<String>,
    /// `gpg.ssh.defaultKeyCommand`.
    default_key_command: Option<String>,
}

impl Signer {
    /// The signer git's config asks for: `want` is `--sign` (`Some(true)`), `--no-sign`
    /// (`Some(false)`) or neither (then `commit.gpgsign` decides). `None`: no signing.
    pub fn from_config(
        repo: &Repository,
        want: Option<bool>,
    ) -> Result<Option<Signer>, StoreError> {
        let config = repo.config()?.snapshot()?;
        let on = match want {
            Some(w) => w,
            None => config.get_bool("commit.gpgsign").unwrap_or(false),
        };
        if !on {
            return Ok(None);
        }
        let text = |k: &str| config.get_string(k).ok().filter(|s| !s.is_empty());
        let format = match text("gpg.format").as_deref() {
            None | Some("openpgp") => SigFormat::OpenPgp,
            Some("ssh") => SigFormat::Ssh,
            Some("x509") => SigFormat::X509,
            Some(other) => {
                return Err(StoreError::Sign(format!(
                    "gpg.format {other:?} is not openpgp, ssh or x509"
                )));
            }
        };
        let program = match format {
            SigFormat::OpenPgp => text("gpg.openpgp.program")
                .or_else(|| text("gpg.program"))
                .unwrap_or_else(|| "gpg".into()),
            SigFormat::Ssh => text("gpg.ssh.program").unwrap_or_else(|| "ssh-keygen".into()),
            SigFormat::X509 => text("gpg.x509.program").unwrap_or_else(|| "gpgsm".into()),
        };
        Ok(Some(Signer {
            format,
            program,
            key: text("user.signingkey"),
            default_key_command: text("gpg.ssh.defaultKeyCommand"),
        }))
    }

    /// The signature of `payload` (a commit object), ASCII-armoured. `committer` is the
    /// `Name <email>` an OpenPGP key defaults to.
    pub fn sign(&self, payload: &[u8], committer: &str) -> Result<String, StoreError> {
        match self.format {
            SigFormat::Ssh => self.sign_ssh(payload),
            SigFormat::OpenPgp | SigFormat::X509 => self.sign_gpg(payload, committer),
        }
    }

    fn sign_gpg(&self, payload: &[u8], committer: &str) -> Result<String, StoreError> {
        let key = self.key.clone().unwrap_or_else(|| committer.to_string());
        let mut child = Command::new(&self.program)
            .args(["--status-fd=2", "-bsau", &key])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| self.failed(&e.to_string()))?;
        // A program that exits without reading is reported by its status below.
        let _ = child.stdin.take().expect("piped").write_all(payload);
        let out = child
            .wait_with_output()
            .map_err(|e| self.failed(&e.to_string()))?;
        let status = String::from_utf8_lossy(&out.stderr);
        let created = format!("\n{status}").contains("\n[GNUPG:] SIG_CREATED ");
        if !out.status.success() || !created {
            return Err(self.failed(status.trim()));
        }
        String::from_utf8(out.stdout).map_err(|_| self.failed("the signature is not text"))
    }

    fn sign_ssh(&self, payload: &[u8]) -> Result<String, StoreError> {
        let key = match &self.key {
            Some(k) => k.clone(),
            None => self.default_key()?,
        };
        let dir = tempfile::tempdir().map_err(|e| self.failed(&e.to_string()))?;
        let literal = key
            .strip_prefix("key::")
            .or_else(|| key.starts_with("ssh-").then_some(key.as_str()));
        let key_file = match literal {
            Some(k) => {
                let p = dir.path().join("key.pub");
                std::fs::write(&p, format!("{k}\n")).map_err(|e| self.failed(&e.to_string()))?;
                p
            }
            None => expand_home(&key),
        };
        let buffer = dir.path().join("commit");
        std::fs::write(&buffer, payload).map_err(|e| self.failed(&e.to_string()))?;
        let mut cmd = Command::new(&self.program);
        cmd.args(["-Y", "sign", "-n", "git", "-f"]).arg(&key_file);
        if literal.is_some() {
            cmd.arg("-U");
        }
        let out = cmd
            .arg(&buffer)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| self.failed(&e.to_string()))?;
        if !out.status.success() {
            return Err(self.failed(String::from_utf8_lossy(&out.stderr).trim()));
        }
        let mut sig_path = buffer.into_os_string();
        sig_path.push(".sig");
        std::fs::read_to_string(&sig_path).map_err(|e| self.failed(&e.to_string()))
    }

    /// `gpg.ssh.defaultKeyCommand`'s first line, when `user.signingkey` is unset.
    fn default_key(&self) -> Result<String, StoreError> {
        let none = || {
            StoreError::Sign(
                "either user.signingkey or gpg.ssh.defaultKeyCommand needs to be configured".into(),
            )
        };
        let cmd = self.default_key_command.as_deref().ok_or_else(none)?;
        let out = Command::new("sh")
            .args(["-c", cmd])
            .stdin(Stdio::null())
            .output()
            .map_err(|e| self.failed(&e.to_string()))?;
        let text = String::from_utf8_lossy(&out.stdout);
        match text.lines().next().map(str::trim) {
            Some(k) if out.status.success() && !k.is_empty() => Ok(k.to_string()),
            _ => Err(none()),
        }
    }

    fn failed(&self, why: &str) -> StoreError {
        StoreError::Sign(format!("{} failed to sign the data: {why}", self.program))
    }
}

/// `~/x` as git interpolates it.
fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}
