//! Writing records: every secretariat action is one validated, audited git commit.
//!
//! - [`action`]: every write action once: its name and the commit message it makes;
//! - [`write`]: the YAML writer (stable, minimal, safely quoted files);
//! - [`lock`]: the tool lock held from reading HEAD to the end of the commit;
//! - [`git`]: the only git2 code for writing: tree along the changed paths, a
//!   compare-and-swap branch update, the index entries kept in step;
//! - [`journal`]: what a write is committing, so `dabir unlock` can finish or undo the
//!   write of a writer that crashed;
//! - [`fsync`]: what a write forces to the disk, and `DABIR_FSYNC=off`;
//! - [`cache`]: typed records keyed by git blob id, so a write parses only what changed;
//! - [`txn`]: load, apply one action in memory, validate the whole new state (schemas,
//!   references, `rules::run` before and after), then write and commit once.

pub mod action;
pub mod cache;
pub mod failpoint;
pub mod fsync;
pub mod git;
pub mod journal;
pub mod listing;
pub mod lock;
pub mod sign;
pub mod txn;
pub mod write;

use std::path::PathBuf;

use crate::diag::Text;
use crate::model::Lang;
use crate::tr;

pub use action::{Action, ActionName};
pub use txn::{Options, Outcome, Tx};

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
    #[error("{}", .0.en)]
    Usage(Text),
    /// The request is wrong, said in both languages.
    #[error("{}", .0.en)]
    Invalid(Text),
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
    /// A journal of an interrupted write is there: `dabir unlock` first.
    #[error("an interrupted write awaits recovery; run `dabir unlock`")]
    Interrupted,
    /// The commit was made but the work tree or the index could not be brought to it.
    #[error(
        "commit {commit} was made, but the work tree could not follow ({cause}); run `dabir unlock`"
    )]
    Landed { commit: String, cause: String },
    /// git's config asks for a signature and the signer could not make it.
    #[error("{0}")]
    Sign(String),
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
                | StoreError::Invalid(_)
                | StoreError::Sign(_)
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
                    "به استناد قاعده {rule} پذیرفته نشد ({file}): {fa}"
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
            StoreError::Interrupted => tr!(
                "an earlier write was interrupted before it finished (.git/dabir/journal); run `dabir unlock` to finish or undo it, then run the command again; nothing was written",
                "نوشتن پیشین پیش از پایان قطع شده است (.git/dabir/journal)؛ `dabir unlock` را اجرا کنید تا آن را تمام یا بازگردانی کند، سپس فرمان را دوباره اجرا کنید؛ چیزی نوشته نشد"
            ),
            StoreError::Landed { commit, cause } => tr!(
                "commit {commit} was made, but the work tree and the index could not be brought to it ({cause}); free space if the disk is full, then run `dabir unlock` to finish it",
                "کامیت {commit} ساخته شد ولی درخت کاری و نمایه به آن نرسیدند ({cause})؛ اگر دیسک پر است جا باز کنید، سپس `dabir unlock` را اجرا کنید تا کار تمام شود"
            ),
            StoreError::Lock(l) => lock_text(l),
            StoreError::Invalid(t) | StoreError::Usage(t) => t.clone(),
            StoreError::Moved(m) => tr!(
                "the branch moved while writing ({m}); run the command again",
                "شاخه در میانه نوشتن جابه‌جا شد ({m})؛ فرمان را دوباره اجرا کنید"
            ),
            StoreError::Git(e) => {
                let m = e.message();
                tr!("git: {m}", "خطای git: {m}")
            }
            StoreError::Io { path, source } => {
                let p = path.display();
                tr!("{p}: {source}", "خواندن یا نوشتن {p} نشد: {source}")
            }
            StoreError::Sign(why) => tr!(
                "the commit could not be signed as git's config asks (commit.gpgsign, gpg.format, user.signingkey): {why}; nothing was written (`--no-sign` writes unsigned)",
                "کامیت چنان‌که پیکربندی git می‌خواهد امضا نشد (commit.gpgsign، gpg.format، user.signingkey): {why}؛ چیزی نوشته نشد (با ‎--no-sign‎ بی‌امضا نوشته می‌شود)"
            ),
            other => {
                let s = other.to_string();
                tr!("{s}", "{s}")
            }
        }
    }

    /// The error as the command line reports it, in `lang`, numbers as its reader
    /// expects them (amounts grouped by thousands, Persian digits in Persian).
    pub fn into_cli(self, lang: Lang) -> crate::error::CliError {
        let msg = crate::model::text::human_numbers(self.text().get(lang), lang);
        self.cli_kind(msg)
    }

    /// The command-line error of this kind saying `message`: a refusal by a rule keeps
    /// its rule id; other refusals are usage errors (both exit 2); the rest could not
    /// run (exit 3).
    pub fn cli_kind(&self, message: String) -> crate::error::CliError {
        use crate::error::CliError;
        match self {
            StoreError::Refused { rule, .. } => CliError::Refused {
                rule: rule.clone(),
                message,
            },
            e if e.is_refusal() => CliError::Usage(message),
            _ => CliError::CouldNotRun(message),
        }
    }
}

/// The lock's errors in both languages; the holder's time in Persian is Solar Hijri, in
/// Tehran, to the second.
fn lock_text(l: &lock::LockError) -> Text {
    use lock::LockError;
    match l {
        LockError::Busy(h) => {
            let (pid, host, since) = (h.pid, &h.host, &h.since);
            let since_fa = crate::clock::tehran_fa(since);
            tr!(
                "another dabir (pid {pid}, host {host}, since {since}) is writing to this repository; try again in a moment",
                "دبیر دیگری (فرایند {pid} روی میزبان {host}، از {since_fa}) در حال نوشتن در این مخزن است؛ اندکی بعد دوباره بکوشید"
            )
        }
        LockError::Stale { path, holder: h } => {
            let (p, pid, host, since) = (path.display(), h.pid, &h.host, &h.since);
            let since_fa = crate::clock::tehran_fa(since);
            tr!(
                "a stale lock {p} was left by pid {pid} on host {host} at {since}, which is no longer running (a crash?); run `dabir unlock`: it finishes or undoes the write that was interrupted",
                "قفل رهاشده {p} را فرایند {pid} روی میزبان {host} در {since_fa} گذاشته که دیگر در کار نیست (از کار افتاده؟)؛ `dabir unlock` را اجرا کنید: نوشتن نیمه‌کاره را کامل یا بازگردانی می‌کند"
            )
        }
        LockError::Foreign { path, holder: h } => {
            let (p, pid, host, since) = (path.display(), h.pid, &h.host, &h.since);
            let since_fa = crate::clock::tehran_fa(since);
            tr!(
                "the lock {p} is held from host {host} (pid {pid}, since {since}); if that writer is gone, run `dabir unlock --force`",
                "قفل {p} را میزبان {host} (فرایند {pid}، از {since_fa}) گرفته است؛ اگر آن نویسنده دیگر در کار نیست، `dabir unlock --force` را اجرا کنید"
            )
        }
        LockError::Io { path, source } => {
            let p = path.display();
            tr!(
                "the lock {p} cannot be read or written: {source}",
                "قفل {p} خوانده یا نوشته نمی‌شود: {source}"
            )
        }
    }
}
