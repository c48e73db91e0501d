//! One module per command: an `XxxArgs` struct (its doc comment is the `--help` text) and
//! a `run` function that translates between the terminal and the domain.
//!
//! Write commands share [`WriteOpts`] (`--dry-run`, `--author`) and [`write`], which runs
//! one transaction ([`crate::store::txn`]) and prints the commit it made.

pub mod attach;
pub mod audit;
pub mod body;
pub mod brief;
pub mod calendar;
pub mod check;
pub mod checkpoint;
pub mod cluster;
pub mod committee;
pub mod completions;
pub mod decision;
pub mod dispute;
pub mod edit;
pub mod explain;
pub mod export;
pub mod init;
pub mod list;
pub mod log;
pub mod man;
pub mod meeting;
pub mod member;
pub mod national;
pub mod person;
pub mod plan;
pub mod print;
pub mod programme;
pub mod report;
pub mod rules;
pub mod show;
pub mod site;
pub mod sync;
pub mod unlock;

use std::io::Write as _;

use serde::de::DeserializeOwned;

use std::io::IsTerminal;
use std::path::PathBuf;

pub use crate::error::CliError;
use crate::model::{JDate, Lang, Letter};
use crate::render::{Format, Style};

use crate::rules::history::History;
use crate::store::{self, Action, StoreError, Tx};

/// Parse a Solar Hijri date from the command line (Persian digits and `/` accepted).
pub fn parse_date(s: &str) -> Result<JDate, String> {
    JDate::parse(s).map_err(|e| e.to_string())
}

/// How a command ended, mapped to the exit code by `main`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Clean,
    Findings,
}

/// Flags every command shares, resolved.
pub struct Globals {
    pub dir: PathBuf,
    pub format: Format,
    pub lang: Option<Lang>,
    pub as_of: Option<JDate>,
    pub quiet: bool,
    pub color: ColorChoice,
}

/// When to colour output (`--color`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless the NO_COLOR environment variable is set (and not empty).
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour a stream that is (or is not) a terminal.
    pub fn enabled(self, terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

impl Globals {
    /// The date rules are judged at.
    pub fn as_of(&self) -> Result<JDate, CliError> {
        match self.as_of {
            Some(d) => Ok(d),
            None => Ok(crate::clock::today()?),
        }
    }

    /// How to show output, given the repository's preferred language.
    pub fn style(&self, repo_lang: Lang) -> Style {
        Style {
            format: self.format,
            lang: self.lang.unwrap_or(repo_lang),
            color: self.color.enabled(std::io::stdout().is_terminal()),
            quiet: self.quiet,
        }
    }
}

/// Flags every write command takes.
#[derive(Debug, Clone, clap::Args)]
pub struct WriteOpts {
    /// Show the commit that would be made (message and diff) and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The author, "Name <email>" (default: git's user.name and user.email).
    #[arg(long, value_name = "NAME <EMAIL>")]
    pub author: Option<String>,
    #[command(flatten)]
    pub sign: SignOpts,
}

/// `--sign` / `--no-sign`: whether the commit is signed, over git's `commit.gpgsign`.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct SignOpts {
    /// Sign the commit as `git commit -S` would (gpg.format, user.signingkey), even
    /// without commit.gpgsign.
    #[arg(long, overrides_with = "no_sign")]
    pub sign: bool,
    /// Do not sign the commit, even with commit.gpgsign.
    #[arg(long, overrides_with = "sign")]
    pub no_sign: bool,
}

impl SignOpts {
    /// `Some(true)`: sign; `Some(false)`: do not; `None`: as `commit.gpgsign` says.
    pub fn wanted(self) -> Option<bool> {
        match (self.sign, self.no_sign) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        }
    }
}

/// The language messages are shown in: `--lang`, else the repository's, else Persian.
pub fn lang_of(g: &Globals) -> Lang {
    if let Some(l) = g.lang {
        return l;
    }
    // Only `language` is read: validating the whole config against its schema (which
    // `check` reports on) costs a schema compilation, more than some commands' own work
    // (`sync` with nothing to do).
    crate::repo::discover(&g.dir)
        .ok()
        .and_then(|root| {
            let bytes = crate::repo::read_capped(
                &root.join(crate::model::config::CONFIG_FILE),
                crate::model::config::CONFIG_FILE,
            )
            .ok()?;
            let value = crate::yaml::parse(&bytes).ok()?.value;
            serde_json::from_value::<Lang>(value.get("language")?.clone()).ok()
        })
        .unwrap_or_default()
}

/// Run one write as a transaction about the records of `id`'s province, and print the
/// commit (or, with `--dry-run`, the message and diff of the commit it would make).
pub fn write<F>(g: &Globals, w: &WriteOpts, id: &str, action: F) -> Result<Status, CliError>
where
    F: FnOnce(&mut Tx<'_>) -> Result<Action, StoreError>,
{
    let opts = store::Options {
        dir: g.dir.clone(),
        as_of: g.as_of()?,
        dry_run: w.dry_run,
        author: w.author.clone(),
        lang: g.lang,
        sign: w.sign.wanted(),
    };
    match store::txn::run(&opts, id, action) {
        Ok(out) => {
            let stdout = std::io::stdout();
            let mut o = stdout.lock();
            match out.commit {
                None => {
                    writeln!(o, "{}", out.message)?;
                    write!(o, "{}", out.diff)?;
                }
                Some(c) if g.quiet => writeln!(o, "{c}")?,
                Some(c) => {
                    let subject = out.message.lines().next().unwrap_or_default();
                    let short = &c.to_string()[..10];
                    writeln!(o, "[{short}] {subject}")?;
                }
            }
            Ok(Status::Clean)
        }
        Err(e) => Err(e.into_cli(lang_of(g))),
    }
}

/// Parse a value of a model enum from its kebab-case name (`no-agreement`).
pub fn enum_arg<T: DeserializeOwned>(s: &str) -> Result<T, String> {
    serde_json::from_value(serde_json::Value::String(s.trim().to_string()))
        .map_err(|e| e.to_string())
}

/// A letter from its number and date flags, when the number is given.
pub fn letter(number: &Option<String>, date: Option<JDate>, today: JDate) -> Option<Letter> {
    number.as_ref().map(|n| Letter {
        number: n.clone(),
        date: date.unwrap_or(today),
    })
}

/// A comma-separated list of ids.
pub fn ids(s: &str) -> Vec<String> {
    s.split([',', '،'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

/// The git history the history rules read (R-MTG-9), from `rev` or `HEAD`; `None` outside
/// git.
pub(crate) fn history(g: &Globals, rev: Option<&str>) -> Result<Option<History>, CliError> {
    let root = crate::repo::discover(&g.dir).unwrap_or_else(|_| g.dir.clone());
    History::open(&root, rev).map_err(|e| CliError::CouldNotRun(format!("git: {e}")))
}
