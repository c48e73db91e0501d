//! `dabir print minutes|invitation|letter|dossier`: the papers the secretariat signs and
//! sends, as PDF, typeset inside the binary ([`crate::print`]).
//!
//! Each subcommand builds its document's data from the records, sets it with its
//! template and writes the PDF in one step: to a temporary file beside the target,
//! renamed into place, so a failed run leaves no file.

pub mod dossier;
pub mod invitation;
pub mod letter;
pub mod minutes;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::commands::{CliError, Globals, Status};
use crate::diag::Severity;
use crate::model::{Config, JDate, Lang};
use crate::print::{self, Assets, Doc, Loader, PrintError};

/// Print the papers of a meeting as PDF: its minutes, its invitation, a decision's
/// dispatch letter, or the dossier members receive before it.
#[derive(Debug, clap::Subcommand)]
pub enum PrintCmd {
    Minutes(minutes::MinutesArgs),
    Invitation(invitation::InvitationArgs),
    Letter(letter::LetterArgs),
    Dossier(dossier::DossierArgs),
}

/// Where to write: the flag every subcommand takes.
#[derive(Debug, Clone, clap::Args)]
pub struct OutArgs {
    /// The PDF to write (default: `<ID>-<document>.pdf` in the current directory).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(g: &Globals, cmd: PrintCmd) -> Result<Status, CliError> {
    match cmd {
        PrintCmd::Minutes(a) => minutes::run(g, a),
        PrintCmd::Invitation(a) => invitation::run(g, a),
        PrintCmd::Letter(a) => letter::run(g, a),
        PrintCmd::Dossier(a) => dossier::run(g, a),
    }
}

/// The repository's root and config, refusing a config with errors.
pub(crate) fn open(g: &Globals) -> Result<(PathBuf, Config, Lang), CliError> {
    let root = crate::repo::discover(&g.dir)?;
    let mut findings = Vec::new();
    let config =
        crate::check::load_config(&crate::repo::WorkTree { root: root.clone() }, &mut findings)?;
    let lang = g.lang.unwrap_or(config.language);
    if let Some(f) = findings.iter().find(|f| f.severity == Severity::Error) {
        return Err(CliError::Usage(format!(
            "{}: {}: {} (dabir check)",
            f.file,
            f.rule,
            f.message.get(lang)
        )));
    }
    Ok((root, config, lang))
}

pub(crate) fn fail(e: PrintError, lang: Lang) -> CliError {
    if e.is_usage() {
        CliError::Usage(e.message(lang))
    } else {
        CliError::CouldNotRun(e.message(lang))
    }
}

/// Print one record's document: read what it needs with a [`Loader`], set it, write it.
pub(crate) fn record_document<T, F>(
    g: &Globals,
    doc: Doc,
    id: &str,
    out: &OutArgs,
    build: F,
) -> Result<Status, CliError>
where
    T: Serialize,
    F: FnOnce(&Loader, &Config, Lang, Option<String>) -> Result<(T, JDate), PrintError>,
{
    let (root, config, lang) = open(g)?;
    let assets = Assets::load(&root, &config).map_err(|e| fail(e, lang))?;
    let loader = Loader::new(&root);
    let (data, date) =
        build(&loader, &config, lang, assets.logo_path()).map_err(|e| fail(e, lang))?;
    emit(g, doc, id, out, &data, &assets, date, lang)
}

/// Set `data` and write the PDF where `out` says.
#[allow(clippy::too_many_arguments)]
pub(crate) fn emit<T: Serialize>(
    g: &Globals,
    doc: Doc,
    id: &str,
    out: &OutArgs,
    data: &T,
    assets: &Assets,
    date: JDate,
    lang: Lang,
) -> Result<Status, CliError> {
    let pdf = print::render(doc, data, assets, date).map_err(|e| fail(e, lang))?;
    let path = out
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(doc.file_name(id)));
    write_file(&path, &pdf)?;
    // The path is printed even with --quiet: it is what a script needs.
    let _ = g;
    writeln!(std::io::stdout().lock(), "{}", path.display())?;
    Ok(Status::Clean)
}

/// Write `bytes` to `path` through a temporary file in the same folder.
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    crate::store::git::write_atomic(path, bytes).map_err(|e| CliError::CouldNotRun(e.to_string()))
}
