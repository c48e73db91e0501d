//! Writing records: every secretariat action is one validated, audited git commit.
//!
//! - [`write`]: the YAML writer (stable, minimal, safely quoted files);
//! - [`lock`]: the tool lock held from reading HEAD to the end of the commit;
//! - [`git`]: the only git2 code for writing: tree along the changed paths, a
//!   compare-and-swap branch update, the index entries kept in step;
//! - [`journal`]: what a write is committing, so `dabir unlock` can finish or undo the
//!   write of a writer that crashed;
//! - [`cache`]: typed records keyed by git blob id, so a write parses only what changed;
//! - [`txn`]: load, apply one action in memory, validate the whole new state (schemas,
//!   references, `rules::run` before and after), then write and commit once.

pub mod cache;
pub mod git;
pub mod journal;
pub mod listing;
pub mod lock;
pub mod txn;
pub mod write;

use std::path::PathBuf;

use crate::diag::Text;
use crate::model::Lang;
use crate::tr;

pub use txn::{Change, Options, Outcome, Tx};

/// Why a write did not happen. Refusals (the request is wrong or the repository is not
/// in a state to take it) exit 2; failures of the environment exit 3.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A rule forbids the action: nothing was written.
    #[error("{rule}: {}", message.en)]
    Refused {
        rule: String,
        file: String,
        message: Text,
        help: Option<Text>,
    },
    #[error("{0} is not the root of its own git work tree")]
    NotOwnRoot(PathBuf),
    #[error("the repository is in the middle of a {0}")]
    MidOperation(String),
    #[error("HEAD is detached")]
    Detached,
    #[error("{path} is {reason}")]
    Dirty { path: String, reason: &'static str },
    #[error("no author: set user.name and user.email, or pass --author")]
    NoIdentity,
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Lock(#[from] lock::LockError),
    #[error("git: {0}")]
    Git(#[from] git2::Error),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the branch moved while writing ({0}); run the command again")]
    Moved(String),
    #[error(transparent)]
    Repo(#[from] crate::repo::RepoError),
}

/// A refusal naming its rule and file.
pub fn refuse(rule: &str, file: impl Into<String>, message: Text) -> StoreError {
    StoreError::Refused {
        rule: rule.to_string(),
        file: file.into(),
        message,
        help: None,
    }
}

impl From<crate::model::Refusal> for StoreError {
    fn from(r: crate::model::Refusal) -> Self {
        StoreError::Refused {
            rule: r.rule.to_string(),
            file: r.file,
            message: r.message,
            help: None,
        }
    }
}

impl StoreError {
    /// Whether the request was refused (exit 2) rather than the environment failing (3).
    pub fn is_refusal(&self) -> bool {
        matches!(
            self,
            StoreError::Refused { .. }
                | StoreError::NotOwnRoot(_)
                | StoreError::MidOperation(_)
                | StoreError::Detached
                | StoreError::Dirty { .. }
                | StoreError::NoIdentity
                | StoreError::Usage(_)
        )
    }

    /// The message in both languages, with what to do.
    pub fn text(&self) -> Text {
        match self {
            StoreError::Refused {
                rule,
                file,
                message,
                help,
            } => {
                let (en, fa) = (&message.en, &message.fa);
                let mut t = tr!(
                    "refused by {rule} ({file}): {en}",
                    "رد شد به حکم {rule} ({file}): {fa}"
                );
                if let Some(h) = help {
                    t.en.push_str(&format!("\n  help: {}", h.en));
                    t.fa.push_str(&format!("\n  راهنما: {}", h.fa));
                }
                t.en.push_str("\n  nothing was written");
                t.fa.push_str("\n  چیزی نوشته نشد");
                t
            }
            StoreError::NotOwnRoot(p) => {
                let p = p.display();
                tr!(
                    "{p} is not the root of its own git work tree; dabir writes only there, never into an enclosing repository. Copy the records to a new directory and run `git init` there, or `dabir init` for a new repository",
                    "{p} ریشه درخت کاری git خودش نیست؛ دبیر فقط آن‌جا می‌نویسد و هرگز در مخزن دربرگیرنده نه. سوابق را در پوشه تازه‌ای رونوشت کنید و در آن `git init` بزنید، یا برای مخزن تازه `dabir init`"
                )
            }
            StoreError::MidOperation(s) => tr!(
                "the repository is in the middle of a {s}; finish it (`git status` says how) or abort it, then run the command again",
                "مخزن در میانه یک {s} است؛ آن را به پایان برسانید یا لغو کنید (`git status` راه را می‌گوید) و دوباره فرمان را اجرا کنید"
            ),
            StoreError::Detached => tr!(
                "HEAD is detached; check out the branch the records are kept on (`git switch main`)",
                "HEAD به شاخه‌ای اشاره نمی‌کند؛ شاخه سوابق را برگزینید (`git switch main`)"
            ),
            StoreError::Dirty { path, reason } => {
                let fa_reason = match *reason {
                    "modified" => "تغییر کرده و ثبت نشده",
                    "staged" => "تغییری آماده ثبت (staged) دارد",
                    "deleted" => "از درخت کاری پاک شده",
                    "untracked" => "بیرون از git وجود دارد",
                    "conflicted" => "تعارض ادغام دارد",
                    _ => "پرونده عادی نیست",
                };
                tr!(
                    "{path} is {reason} in the work tree; commit or discard that change first (`git diff -- {path}`, `git restore --staged --worktree -- {path}`)",
                    "{path} {fa_reason}؛ نخست آن تغییر را ثبت یا رها کنید (`git diff -- {path}`)"
                )
            }
            StoreError::NoIdentity => tr!(
                "no author: set `git config user.name` and `user.email`, or pass --author \"Name <email>\"",
                "نویسنده معلوم نیست: `git config user.name` و `user.email` را تنظیم کنید یا --author \"نام <email>\" بدهید"
            ),
            other => {
                let s = other.to_string();
                tr!("{s}", "{s}")
            }
        }
    }

    /// The error as the command line reports it, in `lang`.
    pub fn into_cli(self, lang: Lang) -> crate::error::CliError {
        let msg = self.text().get(lang).to_string();
        if self.is_refusal() {
            crate::error::CliError::Usage(msg)
        } else {
            crate::error::CliError::CouldNotRun(msg)
        }
    }
}
