//! `dabir national`: the national office's repository, which holds every province as a
//! git remote and rolls them up from git objects ([`crate::national`]).

pub mod add;
pub mod brief;
pub mod check;
pub mod fetch;
pub mod vendor;

use std::path::Path;

use git2::Repository;

use crate::commands::{CliError, Globals, Status};

/// The national office: provinces as git remotes, fetched and rolled up.
#[derive(Debug, clap::Subcommand)]
pub enum NationalCmd {
    Add(add::AddArgs),
    Fetch(fetch::FetchArgs),
    Check(check::CheckArgs),
    Brief(brief::BriefArgs),
    Vendor(vendor::VendorArgs),
}

pub fn run(g: &Globals, cmd: NationalCmd) -> Result<Status, CliError> {
    match cmd {
        NationalCmd::Add(a) => add::run(g, a),
        NationalCmd::Fetch(a) => fetch::run(g, a),
        NationalCmd::Check(a) => check::run(g, a),
        NationalCmd::Brief(a) => brief::run(g, a),
        NationalCmd::Vendor(a) => vendor::run(g, a),
    }
}

/// The national repository: the git repository holding `-C` (a work tree or bare).
fn open(g: &Globals) -> Result<Repository, CliError> {
    Repository::discover(&g.dir).map_err(|e| {
        let (dir, why) = (g.dir.display(), e.message());
        CliError::CouldNotRun(
            crate::tr!(
                "{dir}: not a git repository ({why})",
                "{dir} مخزن git نیست ({why})"
            )
            .get(super::lang_of(g))
            .to_string(),
        )
    })
}

/// Where the national repository's records (or its git directory, when bare) are.
fn root(repo: &Repository) -> &Path {
    repo.workdir().unwrap_or_else(|| repo.path())
}

/// The options shared by `national check` and `national brief`.
#[derive(Debug, Clone, clap::Args)]
pub struct RollupOpts {
    /// Only these provinces (comma-separated codes).
    #[arg(long, value_name = "CODES")]
    pub province: Option<String>,
    /// A province whose latest commit is older than this many days is reported (R-NAT-1).
    #[arg(long, value_name = "DAYS", default_value_t = 45)]
    pub stale_days: i64,
    /// Neither read nor write the per-province cache (`.git/dabir/national/`).
    #[arg(long)]
    pub no_cache: bool,
}

/// Check and roll up the provinces the options select.
fn rollup(g: &Globals, o: &RollupOpts) -> Result<Vec<crate::national::ProvinceResult>, CliError> {
    let repo = open(g)?;
    let opts = crate::national::Options {
        as_of: g.as_of()?,
        only: o.province.as_deref().map(super::ids).unwrap_or_default(),
        stale_days: o.stale_days,
        cache: !o.no_cache,
    };
    let provinces = crate::national::provinces(&repo)
        .map_err(|e| CliError::CouldNotRun(format!("git: {e}")))?;
    if let Some(unknown) = opts
        .only
        .iter()
        .find(|c| !provinces.iter().any(|p| p.code == **c))
    {
        let known: Vec<&str> = provinces.iter().map(|p| p.code.as_str()).collect();
        let known = known.join(", ");
        return Err(CliError::Usage(
            crate::tr!(
                "{unknown} is not a province of this repository (known: {known}); add it with `dabir national add {unknown} <URL>`",
                "{unknown} استانی از این مخزن نیست (استان‌ها: {known})؛ با `dabir national add {unknown} <URL>` بیفزاییدش"
            )
            .get(super::lang_of(g))
            .to_string(),
        ));
    }
    Ok(crate::national::rollup(
        &repo,
        root(&repo),
        provinces,
        &opts,
    )?)
}

/// The text of a file `CODE/path` of a province as rolled up (its `head`), for showing a
/// finding's source line: read from git objects, one file at a time.
fn reader<'r>(
    repo: &'r Repository,
    results: &'r [crate::national::ProvinceResult],
) -> impl Fn(&str) -> Option<Vec<u8>> + 'r {
    let trees = std::cell::RefCell::new(std::collections::HashMap::new());
    move |file: &str| {
        let (code, path) = file.split_once('/')?;
        let mut trees = trees.borrow_mut();
        if !trees.contains_key(code) {
            let head = results.iter().find(|r| r.code == code)?.head.as_deref()?;
            let tree = repo
                .find_commit(git2::Oid::from_str(head).ok()?)
                .and_then(|c| c.tree())
                .ok()?;
            trees.insert(code.to_string(), tree);
        }
        let entry = trees.get(code)?.get_path(Path::new(path)).ok()?;
        // As `check` reads a record: never more than a record may be (R-YAML-6).
        crate::repo::blob_capped(repo, &repo.odb().ok()?, entry.id(), path).ok()
    }
}

/// A table as dabir draws them.
fn table(header: Vec<&str>) -> comfy_table::Table {
    let mut t = comfy_table::Table::new();
    t.load_style(comfy_table::presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(comfy_table::ContentArrangement::Disabled);
    t.set_header(header);
    t
}

/// A count as a person reads it in `lang`.
fn num(n: u64, lang: crate::model::Lang) -> String {
    let s = n.to_string();
    match lang {
        crate::model::Lang::En => s,
        crate::model::Lang::Fa => crate::model::text::persian_digits(&s),
    }
}
