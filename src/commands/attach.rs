//! `dabir attach <RECORD> <FILE>`: store a signed scan, a decree or a sent letter in the
//! repository under `attachments/`, with its SHA-256 and size in the record, in one
//! commit (R-ATT-1..3 check them afterwards).

use std::path::PathBuf;

use sha2::{Digest, Sha256};

use crate::commands::{CliError, Globals, Status, parse_date};
use crate::model::attachment::{self, Attachment, AttachmentKind};
use crate::model::{JDate, Kind};
use crate::store::{Action, StoreError, refuse};
use crate::tr;

use super::{WriteOpts, enum_arg, write};

/// Attach a file (a signed scan of the minutes, a decree, a sent letter) to a committee,
/// meeting or decision: the file is stored under `attachments/` in the record's folder and
/// its SHA-256 and size are recorded in the record, in one commit.
#[derive(Debug, clap::Args)]
pub struct AttachArgs {
    /// The record (a committee, meeting or decision id).
    pub record: String,
    /// The file to attach.
    pub file: PathBuf,
    /// What the file is: signed-minutes, invitation, letter, decree, evidence, other
    /// (default: signed-minutes for a meeting, letter for a decision, decree for a
    /// committee).
    #[arg(long, value_name = "KIND", value_parser = enum_arg::<AttachmentKind>)]
    pub kind: Option<AttachmentKind>,
    /// The day it is attached (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<JDate>,
    #[command(flatten)]
    pub write: WriteOpts,
}

/// The SHA-256 of `bytes`, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

pub fn run(g: &Globals, a: AttachArgs) -> Result<Status, CliError> {
    let shown = a.file.display().to_string();
    let lang = super::lang_of(g);
    let unreadable = |e: std::io::Error| {
        CliError::Usage(
            tr!("{shown}: {e}", "پرونده {shown} خوانده نشد: {e}")
                .get(lang)
                .to_string(),
        )
    };
    let meta = std::fs::metadata(&a.file).map_err(unreadable)?;
    if !meta.is_file() {
        return Err(CliError::Usage(
            tr!("{shown}: not a regular file", "{shown} پرونده عادی نیست")
                .get(lang)
                .to_string(),
        ));
    }
    let bytes = std::fs::read(&a.file).map_err(unreadable)?;
    let sha256 = sha256_hex(&bytes);
    let size = bytes.len() as u64;
    let original = a
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| !n.trim().is_empty());
    let id = a.record.clone();
    write(g, &a.write, &id.clone(), move |tx| {
        let kind = tx.get(&id).map(|r| r.kind()).ok_or_else(|| {
            refuse(
                "R-REF-1",
                id.clone(),
                tr!(
                    "no record has the id `{id}`",
                    "هیچ سابقه‌ای با شناسه «{id}» نیست"
                ),
            )
        })?;
        let what = a.kind.unwrap_or(match kind {
            Kind::Meeting => AttachmentKind::SignedMinutes,
            Kind::Decision => AttachmentKind::Letter,
            _ => AttachmentKind::Decree,
        });
        let record_path = kind.path_of(&id).unwrap_or_else(|_| id.clone());
        let path =
            attachment::path_for(kind, &id, what, &sha256, original.as_deref().unwrap_or(""))
                .map_err(|e| StoreError::Usage(crate::tr!("{e}", "پیوست پذیرفته نیست: {e}")))?;
        let date = a.date.unwrap_or(tx.today);
        let record = tx.edit(&id, kind)?;
        let Some(list) = record.attachments_mut() else {
            let k_fa = kind.name_fa();
            return Err(refuse(
                "R-ATT-1",
                record_path,
                tr!(
                    "a {kind} carries no attachments; attach files to a committee, a meeting or a decision",
                    "{k_fa} پیوست نمی‌پذیرد؛ پرونده‌ها را به کمیته، جلسه یا مصوبه پیوست کنید"
                ),
            ));
        };
        if let Some(same) = list.iter().find(|x| x.sha256 == sha256) {
            let file = &same.file;
            return Err(refuse(
                "R-ATT-3",
                record_path,
                tr!(
                    "this file is already attached to {id} as `{file}`",
                    "این پرونده پیش‌تر به {id} پیوست شده است: «{file}»"
                ),
            ));
        }
        let attachment = Attachment {
            kind: what,
            file: path.clone(),
            sha256: sha256.clone(),
            size,
            added: date,
            original_name: original.clone(),
        };
        list.push(attachment.clone());
        tx.add_file(path, bytes)?;
        Ok(Action::Attach { id, attachment })
    })
}
