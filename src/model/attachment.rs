//! Attachments: the signed scan of the minutes, decrees, sent letters. The file lives in
//! the repository under `attachments/`, at a path derived from the record's id; the
//! record keeps its SHA-256 and size, so `check` can tell a missing, altered or
//! unreferenced file (R-ATT-1..3).

use serde::{Deserialize, Serialize};

use super::date::JDate;
use super::id::{IdError, Kind};

/// The folder every attachment lives under.
pub const ATTACHMENTS_DIR: &str = "attachments";

/// What an attached file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AttachmentKind {
    /// The signed scan of the minutes (صورتجلسه امضاشده).
    SignedMinutes,
    /// The signed invitation letter (دعوت‌نامه).
    Invitation,
    /// A sent letter, such as a decision's dispatch letter (نامه).
    Letter,
    /// A decree (حکم), such as a member's appointment.
    Decree,
    /// A report or other supporting document (مستند).
    Evidence,
    /// Anything else (سایر).
    Other,
}

impl AttachmentKind {
    pub const ALL: [AttachmentKind; 6] = [
        AttachmentKind::SignedMinutes,
        AttachmentKind::Invitation,
        AttachmentKind::Letter,
        AttachmentKind::Decree,
        AttachmentKind::Evidence,
        AttachmentKind::Other,
    ];

    /// The kebab-case name, as in records and file names.
    pub fn name(self) -> &'static str {
        match self {
            AttachmentKind::SignedMinutes => "signed-minutes",
            AttachmentKind::Invitation => "invitation",
            AttachmentKind::Letter => "letter",
            AttachmentKind::Decree => "decree",
            AttachmentKind::Evidence => "evidence",
            AttachmentKind::Other => "other",
        }
    }

    pub fn name_fa(self) -> &'static str {
        match self {
            AttachmentKind::SignedMinutes => "صورتجلسه امضاشده",
            AttachmentKind::Invitation => "دعوت‌نامه",
            AttachmentKind::Letter => "نامه",
            AttachmentKind::Decree => "حکم",
            AttachmentKind::Evidence => "مستند",
            AttachmentKind::Other => "پیوست",
        }
    }
}

/// One attached file, as its record names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    pub kind: AttachmentKind,
    /// The repository-relative path, inside the record's folder ([`folder_of`]).
    pub file: String,
    /// The SHA-256 of the file's bytes, 64 lower-case hex digits.
    pub sha256: String,
    /// The file's size in bytes.
    pub size: u64,
    /// The day it was attached.
    pub added: JDate,
    /// The name the file had when it was attached.
    #[serde(default)]
    pub original_name: Option<String>,
}

/// The folder of the attachments of record `id` of `kind`: its record path under
/// `attachments/` without `.yaml` (`attachments/meetings/1403/ESF-PC-1403-02`).
pub fn folder_of(kind: Kind, id: &str) -> Result<String, IdError> {
    let path = kind.path_of(id)?;
    let stem = path.strip_suffix(".yaml").unwrap_or(&path);
    Ok(format!("{ATTACHMENTS_DIR}/{stem}"))
}

/// The path a file gets when attached: `<folder>/<kind>-<first 12 hex of its hash>.<ext>`,
/// the extension lower-cased from the original name when it is 1-8 ASCII letters or digits,
/// else `bin`. Content-addressed, so attaching one file twice lands on one path.
pub fn path_for(
    record_kind: Kind,
    id: &str,
    kind: AttachmentKind,
    sha256: &str,
    original: &str,
) -> Result<String, IdError> {
    let ext = std::path::Path::new(original)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .filter(|e| (1..=8).contains(&e.len()) && e.bytes().all(|b| b.is_ascii_alphanumeric()))
        .unwrap_or_else(|| "bin".to_string());
    let short = &sha256[..12.min(sha256.len())];
    Ok(format!(
        "{}/{}-{short}.{ext}",
        folder_of(record_kind, id)?,
        kind.name()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachment_paths_follow_the_record() {
        let sha = "0123456789abcdef".repeat(4);
        assert_eq!(
            path_for(
                Kind::Meeting,
                "ESF-PC-1403-02",
                AttachmentKind::SignedMinutes,
                &sha,
                "Scan.PDF"
            )
            .unwrap(),
            "attachments/meetings/1403/ESF-PC-1403-02/signed-minutes-0123456789ab.pdf"
        );
        assert_eq!(
            path_for(
                Kind::Committee,
                "ESF-PC",
                AttachmentKind::Decree,
                &sha,
                "حکم"
            )
            .unwrap(),
            "attachments/committees/ESF-PC/decree-0123456789ab.bin"
        );
        assert!(
            path_for(
                Kind::Committee,
                "../x",
                AttachmentKind::Decree,
                &sha,
                "a.pdf"
            )
            .is_err()
        );
    }
}
