//! Printed documents: the minutes (صورتجلسه), the invitation (دعوت‌نامه), a decision's
//! dispatch letter (نامه ابلاغ) and the pre-meeting dossier, as PDF.
//!
//! Typesetting happens inside the binary with typst ([`world`] is its closed world). The
//! data of a document is built here in Rust from the records ([`data`]), one typed
//! struct serialised to JSON, with every date, number and name already written out in
//! the document's language; the templates (`src/print/templates/*.typ`, embedded) only
//! lay it out. A province overrides them, and adds fonts, in its own repository under
//! [`OVERRIDE_DIR`] (README, "Printed documents").

pub mod data;
pub mod load;
pub mod world;

use std::path::Path;

use serde::Serialize;
use typst::foundations::{Bytes, Smart};
use typst::syntax::Source;
use typst::{World, WorldExt};

use crate::diag::Text;
use crate::model::{Config, JDate, Kind, Lang};
use crate::tr;

pub use load::Loader;

/// The folder of a records repository holding its own templates (`print/minutes.typ`,
/// ...) and fonts (`print/fonts/*.ttf`), which take the place of the built-in ones.
pub const OVERRIDE_DIR: &str = "print";

/// The built-in templates, by file name.
const TEMPLATES: [(&str, &str); 5] = [
    ("common.typ", include_str!("templates/common.typ")),
    ("minutes.typ", include_str!("templates/minutes.typ")),
    ("invitation.typ", include_str!("templates/invitation.typ")),
    ("letter.typ", include_str!("templates/letter.typ")),
    ("dossier.typ", include_str!("templates/dossier.typ")),
];

/// The bundled font, Vazirmatn (SIL Open Font License, `src/print/fonts/OFL.txt`).
const FONTS: [&[u8]; 2] = [
    include_bytes!("fonts/Vazirmatn-Regular.ttf"),
    include_bytes!("fonts/Vazirmatn-Bold.ttf"),
];

/// The documents `dabir print` makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Doc {
    Minutes,
    Invitation,
    Letter,
    Dossier,
}

impl Doc {
    /// The template's file name.
    pub fn template(self) -> &'static str {
        match self {
            Doc::Minutes => "minutes.typ",
            Doc::Invitation => "invitation.typ",
            Doc::Letter => "letter.typ",
            Doc::Dossier => "dossier.typ",
        }
    }

    /// The default output file for the record `id`.
    pub fn file_name(self, id: &str) -> String {
        match self {
            Doc::Minutes => format!("{id}-minutes.pdf"),
            Doc::Invitation => format!("{id}-invitation.pdf"),
            Doc::Letter => format!("{id}-letter.pdf"),
            Doc::Dossier => format!("{id}-dossier.pdf"),
        }
    }
}

/// Why a document could not be printed.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error("`{id}` is not a valid id: {why}")]
    BadId { id: String, why: String },
    #[error("no record has the id `{0}`")]
    NoRecord(String),
    #[error("`{id}` is a {} record, not a {}", .actual.name(), .expected.name())]
    WrongKind {
        id: String,
        actual: Kind,
        expected: Kind,
    },
    #[error("{path}: {rule}: the record is not valid (dabir check)")]
    Invalid {
        path: String,
        rule: String,
        message: Option<Text>,
    },
    #[error("{path}: {why}")]
    Io { path: String, why: String },
    /// The letterhead logo is outside the repository or not a file.
    #[error("dabir.yaml: letterhead.logo `{0}` must name a file inside the repository")]
    BadLogo(String),
    /// The template failed: `file:line:column: message`.
    #[error("{0}")]
    Template(String),
}

impl PrintError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let t = match self {
            PrintError::BadId { id, why } => {
                tr!(
                    "`{id}` is not a valid id: {why}",
                    "«{id}» شناسه درستی نیست: {why}"
                )
            }
            PrintError::NoRecord(id) => tr!(
                "no record has the id `{id}`",
                "هیچ سابقه‌ای با شناسه «{id}» نیست"
            ),
            PrintError::WrongKind {
                id,
                actual,
                expected,
            } => {
                let (a, e, afa, efa) = (
                    actual.name(),
                    expected.name(),
                    actual.name_fa(),
                    expected.name_fa(),
                );
                tr!(
                    "`{id}` is a {a} record, not a {e}",
                    "«{id}» سابقه {afa} است، نه {efa}"
                )
            }
            PrintError::Invalid {
                path,
                rule,
                message,
            } => {
                let m = message.as_ref().map(|m| m.get(lang)).unwrap_or_default();
                tr!(
                    "{path}: {rule}: {m} (run dabir check)",
                    "{path}: {rule}: {m} (dabir check را اجرا کنید)"
                )
            }
            PrintError::Io { path, why } => tr!("{path}: {why}", "{path}: {why}"),
            PrintError::BadLogo(p) => tr!(
                "dabir.yaml: letterhead.logo `{p}` must name a file inside the repository",
                "dabir.yaml: نشان سربرگ (letterhead.logo) «{p}» باید پرونده‌ای درون مخزن باشد"
            ),
            PrintError::Template(m) => tr!("template: {m}", "قالب: {m}"),
        };
        t.get(lang).to_string()
    }

    /// Whether the request was wrong (exit 2) rather than the environment (exit 3).
    pub fn is_usage(&self) -> bool {
        !matches!(self, PrintError::Io { .. } | PrintError::Template(_))
    }
}

/// The templates, fonts and logo a document is set with.
pub struct Assets {
    templates: Vec<(String, String)>,
    fonts: Vec<Bytes>,
    logo: Option<(String, Bytes)>,
}

impl Assets {
    /// The built-in templates and font, with a province's own from `root`/[`OVERRIDE_DIR`]
    /// in their place, and the logo `dabir.yaml` names.
    pub fn load(root: &Path, config: &Config) -> Result<Assets, PrintError> {
        let dir = root.join(OVERRIDE_DIR);
        let mut templates = Vec::new();
        for (name, text) in TEMPLATES {
            let own = dir.join(name);
            let text = if is_file(&own) {
                std::fs::read_to_string(&own).map_err(|e| PrintError::Io {
                    path: format!("{OVERRIDE_DIR}/{name}"),
                    why: e.to_string(),
                })?
            } else {
                text.to_string()
            };
            templates.push((name.to_string(), text));
        }
        // The province's fonts first: typst takes the first face of a family it finds.
        let mut fonts = Vec::new();
        if let Ok(rd) = std::fs::read_dir(dir.join("fonts")) {
            let mut paths: Vec<_> = rd
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| {
                    is_file(p)
                        && p.extension().and_then(|x| x.to_str()).is_some_and(|x| {
                            matches!(x.to_ascii_lowercase().as_str(), "ttf" | "otf" | "ttc")
                        })
                })
                .collect();
            paths.sort();
            for p in paths {
                let bytes = std::fs::read(&p).map_err(|e| PrintError::Io {
                    path: p.display().to_string(),
                    why: e.to_string(),
                })?;
                fonts.push(Bytes::new(bytes));
            }
        }
        fonts.extend(FONTS.iter().map(|f| Bytes::new(*f)));
        let logo = match config.letterhead.as_ref().and_then(|l| l.logo.as_deref()) {
            None => None,
            Some(rel) => {
                let p = Path::new(rel);
                let inside = p
                    .components()
                    .all(|c| matches!(c, std::path::Component::Normal(_)));
                let full = root.join(p);
                if !inside || !is_file(&full) {
                    return Err(PrintError::BadLogo(rel.to_string()));
                }
                let ext = p
                    .extension()
                    .and_then(|x| x.to_str())
                    .unwrap_or("png")
                    .to_ascii_lowercase();
                let bytes = std::fs::read(&full).map_err(|e| PrintError::Io {
                    path: rel.to_string(),
                    why: e.to_string(),
                })?;
                Some((format!("logo.{ext}"), Bytes::new(bytes)))
            }
        };
        Ok(Assets {
            templates,
            fonts,
            logo,
        })
    }

    /// The virtual path of the logo (`logo.png`), when there is one.
    pub fn logo_path(&self) -> Option<String> {
        self.logo.as_ref().map(|(p, _)| p.clone())
    }
}

/// A regular file, never a symbolic link (as for records, R-FILE-2).
fn is_file(p: &Path) -> bool {
    std::fs::symlink_metadata(p).is_ok_and(|m| m.is_file())
}

/// Set `data` with the template of `doc` and return the PDF. `date` is the document's
/// date, written into the PDF's metadata so the output depends on the records alone.
pub fn render<T: Serialize>(
    doc: Doc,
    data: &T,
    assets: &Assets,
    date: JDate,
) -> Result<Vec<u8>, PrintError> {
    let json = serde_json::to_vec(data).map_err(|e| PrintError::Template(e.to_string()))?;
    let mut files = vec![("/data.json".to_string(), Bytes::new(json))];
    if let Some((p, b)) = &assets.logo {
        files.push((format!("/{p}"), b.clone()));
    }
    let (y, m, d) = date.to_gregorian();
    let world = world::PrintWorld::new(
        &format!("/{}", doc.template()),
        assets
            .templates
            .iter()
            .map(|(n, t)| (format!("/{n}"), t.clone()))
            .collect(),
        files,
        &assets.fonts,
        Some((y, m, d)),
    );
    let warned = typst::compile::<typst_layout::PagedDocument>(&world);
    let document = warned
        .output
        .map_err(|errors| PrintError::Template(diagnostics(&world, &errors)))?;
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom(format!("dabir/{}", doc.template())),
        creator: Smart::Custom(Some(format!("dabir {}", env!("CARGO_PKG_VERSION")))),
        timestamp: typst::foundations::Datetime::from_ymd(y, m, d)
            .map(typst_pdf::Timestamp::new_utc),
        ..Default::default()
    };
    typst_pdf::pdf(&document, &options)
        .map_err(|errors| PrintError::Template(diagnostics(&world, &errors)))
}

/// Typst's errors as `file:line:column: message` lines.
fn diagnostics(world: &world::PrintWorld, errors: &[typst::diag::SourceDiagnostic]) -> String {
    errors
        .iter()
        .map(|e| {
            let place = e.span.id().and_then(|id| {
                let src: Source = world.source(id).ok()?;
                let range = world.range(e.span)?;
                let (line, col) = src.lines().byte_to_line_column(range.start)?;
                Some(format!(
                    "{}:{}:{}: ",
                    id.get().vpath().get_without_slash(),
                    line + 1,
                    col + 1
                ))
            });
            let hints: String = e
                .hints
                .iter()
                .map(|h| format!(" (hint: {})", h.v))
                .collect();
            format!("{}{}{hints}", place.unwrap_or_default(), e.message)
        })
        .collect::<Vec<_>>()
        .join("\n")
}
