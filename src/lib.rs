//! dabir (دبیر, "secretary") keeps the records of Iran's provincial business-cluster
//! development committees as YAML files in a git repository, validates them against JSON
//! Schemas and the domain rules of `docs/domain.md`, and records every secretariat action as one
//! auditable git commit.
//!
//! The modules, in the order a record flows through them:
//! - [`model`]: the record kinds, Solar Hijri dates, Persian text, ids; no IO.
//! - [`yaml`]: the only place that parses YAML, with the hostile-input guards and spans.
//! - [`schema`]: the embedded JSON Schemas, compiled once.
//! - [`repo`]: finding and reading a records repository (work tree or a git revision).
//! - [`diag`]: findings as data, with their rule ids and exact locations.
//! - [`check`]: the whole-repository check.
//! - [`render`]: human, JSON and SARIF renderings of findings, and of the brief.
//! - [`brief`]: the pre-meeting brief as data, derived from one check run.
//! - [`rules`]: the rule registry and the cross-record rules, one file per family.
//! - [`commands`] and [`cli`]: the command line.
//! - [`store`]: writing: every write action typed once (`store::action`), the YAML
//!   writer, the lock, the git commit path, transactions.
//! - [`print`]: the printed documents (minutes, letters, the dossier) as PDF, via typst.
//! - [`national`]: the national roll-up of every province, read from git objects.
//! - [`sync`]: a repository and its git remote brought into step (`dabir sync`).
//! - [`site`]: the records as a static web site; [`progress`]: the progress bar on stderr.
//! - [`fuzzing`]: the fuzz targets' bodies (`fuzz/`).
//! - [`error`] (how a command fails) and [`pointer`] (JSON pointers), used throughout.
//!
//! `docs/architecture.md` draws the layers and the read and write paths.
//!
//! Lints: `cargo clippy --all-targets` is kept free of warnings with clippy's default
//! set, and one lint allowed for the whole crate: `result_large_err`. The errors here
//! (`StoreError`, `CliError`) carry a rule id and a message in two languages; they are
//! made at most once per command, on the way out, so boxing them would only add noise.
//! One pedantic lint is on: `too_many_lines`, with `clippy.toml` setting its threshold
//! to 120 lines; a longer function is split into named steps.

#![allow(clippy::result_large_err)]
#![warn(clippy::too_many_lines)]

pub mod audit;
pub mod brief;
pub mod cachefile;
pub mod check;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod diag;
pub mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod model;
pub mod national;
pub mod pointer;
pub mod print;
pub mod progress;
pub mod render;
pub mod repo;
pub mod rules;
pub mod schema;
pub mod site;
pub mod store;
pub mod sync;
pub mod yaml;

#[cfg(test)]
mod layers;
