//! `dabir national vendor`: copy the national registry (the bodies, committees and
//! people of the `NAT` prefix, as `dabir init --national` makes them) into a province's
//! repository, as a read-only copy its records refer to by national id (R-REF-2, R-ID-4).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::check;
use crate::commands::{CliError, Globals, Status};
use crate::commands::{WriteOpts, write};
use crate::model::id::province_of;
use crate::model::{Kind, Lang, Record};
use crate::repo::{self, Listed, Source};
use crate::store::action::Action;
use crate::store::{StoreError, refuse};
use crate::tr;

/// The kinds of record the national registry holds.
const KINDS: [Kind; 3] = [Kind::Body, Kind::Person, Kind::Committee];

/// Copy the national registry into this province, unchanged, in one commit (`Dabir-Action:
/// national.vendor`): the national bodies (ISIPO as `NAT-B-ISIPO`, TPO as `NAT-B-TPO`,
/// ...), the national committees (`NAT-NC`, the national working group `NAT-WG`) and their
/// people, into the same folders. The province's records then name them by these ids;
/// no other write changes them. Run it again to bring the copy up to date. From a
/// national repository's directory (DIR), or, with `--remote NAME`, from a git remote
/// of this repository (fetched with the `git` program, read from git objects).
#[derive(Debug, clap::Args)]
pub struct VendorArgs {
    /// The national repository's directory (made by `dabir init --national`).
    #[arg(
        value_name = "DIR",
        required_unless_present = "remote",
        conflicts_with = "remote"
    )]
    pub from: Option<PathBuf>,
    /// A git remote of this repository that is the national office's repository
    /// (`git remote add national <URL>`); its HEAD is fetched and read.
    #[arg(long, value_name = "NAME")]
    pub remote: Option<String>,
    #[command(flatten)]
    pub write: WriteOpts,
}

/// The national registry as read from its source.
struct Registry {
    /// Where it came from, for the commit message (a directory, or `REMOTE (commit)`).
    label: String,
    records: Vec<Record>,
}

pub fn run(g: &Globals, a: VendorArgs) -> Result<Status, CliError> {
    let lang = super::super::lang_of(g);
    let registry = match (&a.remote, &a.from) {
        (Some(remote), _) => from_remote(g, remote, lang)?,
        (None, Some(dir)) => from_dir(dir, lang)?,
        (None, None) => unreachable!("clap requires DIR or --remote"),
    };
    let Registry { label, records } = registry;
    if records.is_empty() {
        return Err(CliError::Usage(
            tr!(
                "{label} holds no national bodies or committees (NAT-...)",
                "در {label} هیچ نهاد یا کمیته ملی (NAT-...) نیست"
            )
            .get(lang)
            .to_string(),
        ));
    }
    let first = records[0].id().to_string();
    write(g, &a.write, &first, |tx| {
        let mut changed = Vec::new();
        for r in records {
            if tx.exists(r.kind(), r.id()) {
                let old = tx.edit(r.id(), r.kind())?;
                if *old != r {
                    changed.push(r.id().to_string());
                    *old = r;
                }
            } else {
                changed.push(r.id().to_string());
                tx.create(r)?;
            }
        }
        if changed.is_empty() {
            return Err(StoreError::Invalid(tr!(
                "the copy of the national registry is already as {label} has it",
                "رونوشت ثبت ملی هم‌اکنون همان است که در {label} هست"
            )));
        }
        Ok(Action::NationalVendor {
            from: label,
            records: changed.len(),
        })
    })
}

/// The registry in a national repository's work tree.
fn from_dir(dir: &Path, lang: Lang) -> Result<Registry, CliError> {
    let root = repo::discover(dir)?;
    let source = repo::open(&root, None)?;
    read(&*source, root.display().to_string(), lang)
}

/// The registry at the HEAD of a git remote, fetched by the `git` program (so the
/// user's own credentials and config apply, as for `sync`) into a private ref and read
/// from git objects.
fn from_remote(g: &Globals, remote: &str, lang: Lang) -> Result<Registry, CliError> {
    let root = repo::discover(&g.dir)?;
    let git = git2::Repository::discover(&root)
        .map_err(|e| CliError::CouldNotRun(format!("git: {}", e.message())))?;
    if git.find_remote(remote).is_err() {
        return Err(CliError::Usage(
            tr!(
                "this repository has no git remote `{remote}`; add the national office's repository first: `git remote add {remote} <URL>`",
                "این مخزن مخزن راه دوری به نام «{remote}» ندارد؛ نخست مخزن دفتر ملی را بیفزایید: `git remote add {remote} <URL>`"
            )
            .get(lang)
            .to_string(),
        ));
    }
    // Outside `refs/dabir/`, which `git push origin 'refs/dabir/*'` shares.
    let private = format!("refs/dabir-national/{remote}");
    let spec = format!("+HEAD:{private}");
    let args = crate::sync::private_fetch(remote, &spec);
    let out = Command::new("git")
        .arg("--git-dir")
        .arg(git.path())
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()?;
    if !out.status.success() {
        let why = String::from_utf8_lossy(&out.stderr).trim().to_string();
        let command = format!("git {}", args.join(" "));
        return Err(CliError::CouldNotRun(
            tr!(
                "could not fetch the national registry (`{command}`): {why}",
                "ثبت ملی دریافت نشد (`{command}`): {why}"
            )
            .get(lang)
            .to_string(),
        ));
    }
    let source = repo::rev::GitRev::open(&root, &private)?;
    let short = source.commit.to_string()[..10].to_string();
    read(&source, format!("{remote} ({short})"), lang)
}

/// Every national body, person and committee of a national repository, parsed as
/// `check` parses them; a file that does not read as its record refuses the copy.
fn read(source: &dyn Source, label: String, lang: Lang) -> Result<Registry, CliError> {
    let mut findings = Vec::new();
    let config = check::load_config(source, &mut findings)?;
    if config.province != check::NATIONAL {
        let p = &config.province;
        return Err(CliError::Usage(
            tr!(
                "{label} is not a national repository (its dabir.yaml keeps the records of {p}); give the national office's repository, made by `dabir init --national`",
                "{label} مخزن ملی نیست (dabir.yaml آن سوابق {p} را نگه می‌دارد)؛ مخزن دفتر ملی را بدهید که با `dabir init --national` ساخته شده است"
            )
            .get(lang)
            .to_string(),
        ));
    }
    let mut records = Vec::new();
    for l in repo::list(source)? {
        let Listed::Record { path, kind, stem } = l else {
            continue;
        };
        if !KINDS.contains(&kind) || province_of(&stem) != check::NATIONAL {
            continue;
        }
        let bytes = source.read(&path)?;
        let mut found = Vec::new();
        match check::parse_record(&path, kind, &bytes, &mut found) {
            Some(r) if r.id() == stem => records.push(r),
            _ => {
                let shown = format!("{label}: {path}");
                let e = match found.into_iter().next() {
                    Some(f) => refuse(f.rule, shown, f.message),
                    None => refuse(
                        "R-ID-2",
                        shown.clone(),
                        tr!(
                            "{shown} does not hold {stem}",
                            "{shown} سابقه {stem} را ندارد"
                        ),
                    ),
                };
                return Err(e.into_cli(lang));
            }
        }
    }
    Ok(Registry { label, records })
}
