//! `dabir programme adopt`: copy the national annual programme, and the national bodies
//! responsible for its axes, from the national repository into the province's.

use std::path::PathBuf;

use crate::check;
use crate::commands::{CliError, Globals, Status};
use crate::commands::{WriteOpts, write};
use crate::model::{Kind, Programme, Record};
use crate::store::{Action, StoreError, refuse};
use crate::tr;

/// Copy the annual programme (default NAT-PG-<the as-of year>) and the bodies
/// responsible for its axes from the national repository's work tree at DIR into this
/// repository, unchanged, in one commit: the province records its progress against this
/// copy (`dabir programme progress`). Adopting again brings a changed programme up to
/// date. A file that does not read as its record refuses the whole adoption.
#[derive(Debug, clap::Args)]
pub struct AdoptArgs {
    /// The national repository (made by `dabir init --national`).
    #[arg(value_name = "DIR")]
    pub from: PathBuf,
    /// The programme's id.
    #[arg(long, value_name = "PROGRAMME")]
    pub programme: Option<String>,
    #[command(flatten)]
    pub write: WriteOpts,
}

/// Read the record `id` of `kind` from the national repository's work tree.
fn read(from: &std::path::Path, kind: Kind, id: &str) -> Result<Record, StoreError> {
    let path = kind.path_of(id).map_err(|e| {
        refuse(
            "R-ID-1",
            id.to_string(),
            tr!(
                "`{id}` is not a valid record id: {e}",
                "«{id}» شناسه معتبری نیست: {e}"
            ),
        )
    })?;
    let full = from.join(&path);
    let shown = full.display().to_string();
    let bytes = std::fs::read(&full).map_err(|e| {
        refuse(
            "R-REF-1",
            shown.clone(),
            tr!(
                "the national repository has no {kind} {id} ({e})",
                "مخزن ملی {kind} با شناسه {id} ندارد ({e})"
            ),
        )
    })?;
    let mut findings = Vec::new();
    match check::parse_record(&path, kind, &bytes, &mut findings) {
        Some(r) if r.id() == id => Ok(r),
        _ => {
            let f = findings.into_iter().next();
            let (rule, message) = match f {
                Some(f) => (f.rule, f.message),
                None => (
                    "R-ID-2",
                    tr!("{shown} does not hold {id}", "{shown} سابقه {id} را ندارد"),
                ),
            };
            Err(refuse(rule, shown, message))
        }
    }
}

pub fn run(g: &Globals, a: AdoptArgs) -> Result<Status, CliError> {
    let year = g.as_of()?.year();
    let pid = a
        .programme
        .clone()
        .unwrap_or_else(|| Programme::id_for(year));
    write(g, &a.write, &pid.clone(), |tx| {
        let Record::Programme(programme) = read(&a.from, Kind::Programme, &pid)? else {
            unreachable!("read returns the kind it is asked for");
        };
        let mut records = Vec::new();
        for axis in &programme.axes {
            if !records.iter().any(|r: &Record| r.id() == axis.responsible) {
                records.push(read(&a.from, Kind::Body, &axis.responsible)?);
            }
        }
        let n = programme.axes.len();
        records.push(Record::Programme(programme));
        let mut changed = 0;
        for r in records {
            if tx.exists(r.kind(), r.id()) {
                let old = tx.edit(r.id(), r.kind())?;
                if *old != r {
                    *old = r;
                    changed += 1;
                }
            } else {
                tx.create(r)?;
                changed += 1;
            }
        }
        if changed == 0 {
            return Err(StoreError::Invalid(tr!(
                "{pid} is already adopted as the national repository has it",
                "{pid} همان‌گونه که در مخزن ملی است پیش‌تر پذیرفته شده است"
            )));
        }
        Ok(Action::ProgrammeAdopt {
            programme: pid.clone(),
            axes: n,
        })
    })
}
