//! Checkpoints: a signed, append-only log of where a branch stood, so that a rewritten
//! past is found even when every new commit is signed.
//!
//! `dabir checkpoint` appends one line to `checkpoints.yaml` on the ref
//! `refs/dabir/checkpoints` (outside the branch it records, so `git reset` on the branch
//! leaves it alone) and makes one signed commit of it on top of the previous one:
//!
//! ```yaml
//! checkpoints:
//!   - {n: 1, province: ESF, branch: refs/heads/main, commit: 1a2b…, height: 12, date: "1404-09-15", signer: "SHA256:…"}
//! ```
//!
//! `audit` checks that each commit of the log only appends to the file before it and is
//! signed by a key that verifies (R-AUD-14), and that every checkpoint of the audited
//! branch still names an ancestor of its head; it names the first one that does not
//! (R-AUD-13). A clone fetches the log with
//! `git fetch origin 'refs/dabir/*:refs/dabir/*'`.

use git2::{Oid, Repository};
use serde::Deserialize;

use super::verify::{self, Verdict};
use crate::diag::{Anchor, Finding};
use crate::model::JDate;
use crate::store::StoreError;
use crate::store::action::{Action, Point};
use crate::store::sign::{SigFormat, Signer};
use crate::tr;

/// The ref the log is kept on.
pub const REF: &str = "refs/dabir/checkpoints";
/// The file inside the log's commits.
pub const FILE: &str = "checkpoints.yaml";

#[derive(Clone, Debug, Deserialize)]
pub struct Checkpoint {
    pub n: u64,
    pub province: String,
    pub branch: String,
    pub commit: String,
    pub height: u64,
    pub date: JDate,
    pub signer: String,
}

#[derive(Deserialize)]
struct LogFile {
    checkpoints: Vec<Checkpoint>,
}

fn parse(bytes: &[u8]) -> Option<Vec<Checkpoint>> {
    let parsed = crate::yaml::parse(bytes).ok()?;
    serde_json::from_value::<LogFile>(parsed.value)
        .ok()
        .map(|f| f.checkpoints)
}

/// The log file's bytes at a commit of the log.
fn file_at(repo: &Repository, commit: &git2::Commit<'_>) -> Option<Vec<u8>> {
    let tree = commit.tree().ok()?;
    let entry = tree.get_name(FILE)?;
    Some(repo.find_blob(entry.id()).ok()?.content().to_vec())
}

/// What `dabir checkpoint` recorded.
pub struct Recorded {
    pub checkpoint: Checkpoint,
    pub log_commit: Oid,
}

/// Append a checkpoint of the current branch and commit it, signed, to the log.
pub fn record(
    repo: &Repository,
    province: &str,
    today: JDate,
    author: &git2::Signature<'_>,
    committer: &git2::Signature<'_>,
) -> Result<Recorded, StoreError> {
    let signer = Signer::from_config(repo, Some(true))?.expect("asked to sign");
    let head_ref = repo.head()?;
    let position = Position {
        province: province.to_string(),
        branch: head_ref.name().unwrap_or("HEAD").to_string(),
        commit: head_ref.peel_to_commit()?.id(),
    };
    let (mut recorded, log_commit) = append(repo, &[position], today, author, committer, &signer)?;
    Ok(Recorded {
        checkpoint: recorded.remove(0),
        log_commit,
    })
}

/// Where a branch stands, to be recorded.
pub struct Position {
    pub province: String,
    /// The full ref name: `refs/heads/main` in a province, `refs/remotes/KHR/main` for a
    /// province the national office countersigns.
    pub branch: String,
    pub commit: Oid,
}

/// Append one checkpoint per position to the log, in one commit signed by `signer`, and
/// move the log's ref (compare-and-swap on its old value).
pub fn append(
    repo: &Repository,
    positions: &[Position],
    today: JDate,
    author: &git2::Signature<'_>,
    committer: &git2::Signature<'_>,
    signer: &Signer,
) -> Result<(Vec<Checkpoint>, Oid), StoreError> {
    let previous = repo
        .find_reference(REF)
        .ok()
        .and_then(|r| r.peel_to_commit().ok());
    let mut bytes = previous
        .as_ref()
        .and_then(|c| file_at(repo, c))
        .unwrap_or_else(|| b"checkpoints:\n".to_vec());
    let first = parse(&bytes).map_or(0, |c| c.len() as u64) + 1;
    let fingerprint = signer_fingerprint(signer);
    let mut recorded = Vec::new();
    for (i, p) in positions.iter().enumerate() {
        let mut walk = repo.revwalk()?;
        walk.push(p.commit)?;
        walk.simplify_first_parent()?;
        let cp = Checkpoint {
            n: first + i as u64,
            province: p.province.clone(),
            branch: p.branch.clone(),
            commit: p.commit.to_string(),
            height: walk.count() as u64,
            date: today,
            signer: fingerprint.clone(),
        };
        bytes.extend_from_slice(
            format!(
                "  - {{n: {}, province: {}, branch: {}, commit: {}, height: {}, date: \"{today}\", signer: \"{fingerprint}\"}}\n",
                cp.n, cp.province, cp.branch, cp.commit, cp.height
            )
            .as_bytes(),
        );
        recorded.push(cp);
    }
    let blob = repo.blob(&bytes)?;
    let mut tb = repo.treebuilder(None)?;
    tb.insert(FILE, blob, 0o100644)?;
    let tree = repo.find_tree(tb.write()?)?;
    let action = Action::Checkpoint {
        first,
        points: recorded
            .iter()
            .map(|cp| Point {
                n: cp.n,
                province: cp.province.clone(),
                branch: cp.branch.clone(),
                commit: cp.commit.clone(),
                height: cp.height,
            })
            .collect(),
        date: today,
    };
    // Its subject is ASCII, the same in either language.
    let message = action.message(&[], crate::model::Lang::En, today);
    let parents: Vec<&git2::Commit<'_>> = previous.iter().collect();
    let oid = crate::store::git::commit_object(
        repo,
        author,
        committer,
        &message,
        &tree,
        &parents,
        Some(signer),
    )?;
    let log = format!("checkpoint (dabir): {first}");
    match previous {
        Some(p) => repo.reference_matching(REF, oid, true, p.id(), &log)?,
        None => repo.reference(REF, oid, false, &log)?,
    };
    Ok((recorded, oid))
}

/// The latest checkpoint the log holds for `branch` (a full ref name).
pub fn latest(repo: &Repository, branch: &str) -> Option<Checkpoint> {
    let tip = repo.find_reference(REF).ok()?.peel_to_commit().ok()?;
    parse(&file_at(repo, &tip)?)?
        .into_iter()
        .rev()
        .find(|cp| cp.branch == branch)
}

/// The fingerprint of the key git's config signs with, from its public half: a literal
/// key, the `.pub` file beside a key file, or the OpenPGP key named.
fn signer_fingerprint(signer: &Signer) -> String {
    let key = signer.key.clone().unwrap_or_default();
    if signer.format != SigFormat::Ssh {
        return super::policy::openpgp_fingerprint(&key);
    }
    let literal = key.strip_prefix("key::").unwrap_or(&key);
    if let Some(f) = super::policy::ssh_fingerprint(literal) {
        return f;
    }
    let path = match key.strip_prefix("~/") {
        Some(rest) => {
            std::path::PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(rest)
        }
        None => std::path::PathBuf::from(&key),
    };
    let public = if key.ends_with(".pub") {
        path
    } else {
        let mut p = path.into_os_string();
        p.push(".pub");
        p.into()
    };
    std::fs::read_to_string(public)
        .ok()
        .and_then(|t| super::policy::ssh_fingerprint(&t))
        .unwrap_or_default()
}

/// The findings of the checkpoint log against `head` (R-AUD-13, R-AUD-14).
pub fn verify(
    repo: &Repository,
    head: Oid,
    gpg: &str,
    trust: &[String],
) -> Result<Vec<Finding>, git2::Error> {
    let mut out = Vec::new();
    let Ok(tip) = repo.find_reference(REF).and_then(|r| r.peel_to_commit()) else {
        return Ok(out);
    };
    let branch = repo
        .head()
        .ok()
        .filter(|h| h.peel_to_commit().is_ok_and(|c| c.id() == head))
        .and_then(|h| h.name().ok().map(str::to_string));
    // The log, oldest first.
    let mut chain = vec![tip.clone()];
    while let Ok(p) = chain.last().expect("non-empty").parent(0) {
        chain.push(p);
    }
    chain.reverse();
    let policy_at_head = repo
        .find_commit(head)
        .ok()
        .and_then(|c| c.tree().ok())
        .and_then(|t| t.get_name(super::policy::FILE).map(|e| e.id()))
        .and_then(|id| repo.find_blob(id).ok())
        .and_then(|b| super::policy::Policy::parse(b.content()).ok());
    let mut before: Vec<u8> = Vec::new();
    for c in &chain {
        let short = &c.id().to_string()[..10];
        let bytes = file_at(repo, c).unwrap_or_default();
        let emit = |out: &mut Vec<Finding>, msg| {
            out.push(
                Finding::new(
                    crate::rule!("R-AUD-14").id(),
                    crate::rule!("R-AUD-14").severity(),
                    REF,
                    Anchor::File,
                    msg,
                )
                .commit(c.id().to_string()),
            );
        };
        if !bytes.starts_with(&before) {
            emit(
                &mut out,
                tr!(
                    "checkpoint log commit {short} changes or removes earlier checkpoints (the log is append-only)",
                    "کامیت {short} دفتر نقطه‌های وارسی نقطه‌های پیشین را تغییر داده یا برداشته است (دفتر تنها‌افزودنی است)"
                ),
            );
        }
        match verify::extract(repo, c.id()).map(|(s, d)| verify::verify(&s, &d, gpg)) {
            None => emit(
                &mut out,
                tr!(
                    "checkpoint log commit {short} is not signed",
                    "کامیت {short} دفتر نقطه‌های وارسی امضا ندارد"
                ),
            ),
            Some(Verdict::Good(f)) => {
                let known = trust.iter().any(|t| super::policy::same_key(t, &f))
                    || policy_at_head
                        .as_ref()
                        .is_some_and(|p| p.signer(&f).is_some());
                if !known {
                    emit(
                        &mut out,
                        tr!(
                            "checkpoint log commit {short} is signed by {f}, a key the policy does not know",
                            "کامیت {short} دفتر نقطه‌های وارسی با کلید {f} امضا شده که سیاست امضا آن را نمی‌شناسد"
                        ),
                    );
                }
            }
            Some(Verdict::Bad(why) | Verdict::Unverifiable(why)) => emit(
                &mut out,
                tr!(
                    "the signature of checkpoint log commit {short} does not verify: {why}",
                    "امضای کامیت {short} دفتر نقطه‌های وارسی درست نیست: {why}"
                ),
            ),
            Some(Verdict::Unsigned) => {}
        }
        before = bytes;
    }
    let Some(branch) = branch else {
        return Ok(out);
    };
    for cp in parse(&before).unwrap_or_default() {
        if cp.branch != branch {
            continue;
        }
        let kept = Oid::from_str(&cp.commit)
            .ok()
            .is_some_and(|c| c == head || repo.graph_descendant_of(head, c).unwrap_or(false));
        if !kept {
            let (n, short, height, date) = (
                cp.n,
                &cp.commit[..cp.commit.len().min(10)],
                cp.height,
                cp.date,
            );
            out.push(
                Finding::new(crate::rule!("R-AUD-13").id(), crate::rule!("R-AUD-13").severity(), REF, Anchor::File, tr!(
                    "checkpoint {n} of {date} recorded {branch} at {short} (height {height}), which is no longer an ancestor of its head: the history was rewritten after it",
                    "نقطه وارسی {n} در {date} شاخه {branch} را در {short} (ارتفاع {height}) ثبت کرده که دیگر نیای سر شاخه نیست: تاریخچه پس از آن بازنویسی شده است"
                ))
                .commit(cp.commit.clone()),
            );
            break;
        }
    }
    Ok(out)
}
