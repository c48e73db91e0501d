//! `check`: read every record once, validate it against its schema, its id and file,
//! and every reference it makes; then run the cross-record rules; report everything.
//!
//! The pipeline is built for a national repository of 100,000 records:
//! 1. the walk lists files; ids come from file names, so the reference index is complete
//!    before any file is parsed;
//! 2. records are grouped by province (the id prefix) and each group is parsed in
//!    parallel, each file exactly once (YAML -> JSON value -> schema -> typed record);
//! 3. the cross-record rules run on one province at a time, which is then dropped, so
//!    memory is bounded by the largest province, not the country;
//! 4. positions are resolved at the end, re-reading only files with findings.
//!
//! With a [`cache::CheckCache`] (a git work tree's root), a file whose fingerprint has not
//! changed since a run that parsed it cleanly is not read: its record comes from the
//! cache, and the id, reference and cross-record checks run on it as on any other.

pub mod attachments;
pub mod cache;

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;

use crate::diag::{self, Anchor, Finding, Summary};
use crate::model::config::CONFIG_FILE;
use crate::model::id::{province_of, validate_id};
use crate::model::{Config, JDate, Kind, Record};
use crate::repo::{self, EntryType, Listed, RepoError, Source};
use crate::rules::waiver::{FILE, Waiver, WaiversFile};
use crate::schema::Schemas;
use crate::yaml::{self, Problem, ProblemKind};
use crate::{rules, tr};

/// What `check` needs besides the repository.
#[derive(Clone, Copy)]
pub struct Options<'a> {
    /// The date every date-dependent rule is judged at.
    pub as_of: JDate,
    /// Git history of the repository, for the rules that read it (R-MTG-9); `None` outside
    /// git or with `--no-history`.
    pub history: Option<&'a rules::history::History>,
    /// Run the domain rules (R-COM, R-MTG, ...); off, only the file format, schemas, ids
    /// and references are checked.
    pub domain_rules: bool,
    /// The check cache (see [`cache`]); `None` reads and writes no cache.
    pub cache: Option<&'a cache::CheckCache>,
}

/// The result of a check.
pub struct Outcome {
    pub config: Config,
    pub findings: Vec<Finding>,
    pub summary: Summary,
}

/// The id index built from file names: id -> (kind, path).
pub type Index = HashMap<String, (Kind, String)>;

/// Check a whole repository.
pub fn run(source: &dyn Source, opts: Options<'_>) -> Result<Outcome, RepoError> {
    run_inner(source, opts, None)
}

/// Check a whole repository and keep its records (for `brief`, which shows them next to
/// the findings). Memory then grows with the repository, not the largest province.
pub fn run_keeping(
    source: &dyn Source,
    opts: Options<'_>,
) -> Result<(Outcome, Vec<(String, Record)>), RepoError> {
    let mut kept = Vec::new();
    let outcome = run_inner(source, opts, Some(&mut kept))?;
    Ok((outcome, kept))
}

/// One province's record files: path, kind, id (the file stem).
type Group<'l> = Vec<(&'l str, Kind, &'l str)>;

/// The id index from file names (a second file claiming an id is R-ID-2) and the record
/// files grouped by province, the national registry (`NAT`) first: every other province
/// resolves the national ids it names through it (`rules::Context::with_national`), so it
/// is loaded before them and its files are part of their cache keys. Strays are reported.
fn index_and_groups<'l>(
    listed: &'l [Listed],
    findings: &mut Vec<Finding>,
) -> (Index, Vec<(String, Group<'l>)>) {
    let mut index: Index = HashMap::with_capacity(listed.len());
    let mut groups: BTreeMap<String, Group<'_>> = BTreeMap::new();
    for l in listed {
        match l {
            Listed::Stray { path, what } => findings.push(stray(path, *what)),
            Listed::Record { path, kind, stem } => {
                if validate_id(stem).is_ok() {
                    if let Some((other_kind, other)) = index.get(stem.as_str()) {
                        findings.push(
                            Finding::error(
                                "R-ID-2",
                                path.clone(),
                                Anchor::Value("/id".into()),
                                tr!(
                                    "the id `{stem}` is already used by {other} ({other_kind})",
                                    "شناسه «{stem}» پیش‌تر در {other} به کار رفته است"
                                ),
                            )
                            .record(stem.clone()),
                        );
                    } else {
                        index.insert(stem.clone(), (*kind, path.clone()));
                    }
                }
                groups
                    .entry(province_of(stem).to_string())
                    .or_default()
                    .push((path, *kind, stem));
            }
        }
    }

    let mut groups: Vec<(String, Group<'l>)> = groups.into_iter().collect();
    groups.sort_by_key(|(p, _)| p != NATIONAL);
    (index, groups)
}

fn run_inner(
    source: &dyn Source,
    opts: Options<'_>,
    mut keep: Option<&mut Vec<(String, Record)>>,
) -> Result<Outcome, RepoError> {
    let mut findings = Vec::new();
    let config = load_config(source, &mut findings)?;
    let listed = repo::list(source)?;

    let (index, groups) = index_and_groups(&listed, &mut findings);

    let files = listed
        .iter()
        .filter(|l| matches!(l, Listed::Record { .. }))
        .count();
    let base_key = opts.cache.map(|_| base_key(source, &listed, &opts));
    // Every attachment the records name, checked against the files once all are known.
    let mut claims = Vec::new();
    // The annual programme and every province's progress on it, judged together once
    // all provinces are loaded (rules/programme.rs): they are of different provinces.
    let mut programmes = Vec::new();
    let mut progress = Vec::new();
    // The national registry (`NAT-` records: a national repository's own, or the
    // read-only copy a province keeps) comes first (`index_and_groups`).
    let has_national = groups.first().is_some_and(|(p, _)| p == NATIONAL);
    let mut national: Vec<(String, Record)> = Vec::new();
    let mut national_key: Option<u64> = None;
    let mut national_unreadable: Vec<(String, Kind)> = Vec::new();
    for (province, group) in groups {
        let is_national = province == NATIONAL;
        let programme_kinds = is_national
            || group
                .iter()
                .any(|(_, k, _)| matches!(k, Kind::Programme | Kind::Progress));
        let stamps: Vec<Option<repo::Fingerprint>> = match opts.cache {
            Some(_) => group
                .par_iter()
                .map(|&(path, _, _)| source.fingerprint(path))
                .collect(),
            None => vec![None; group.len()],
        };
        // The province's findings from the cache, when nothing they depend on changed
        // (`brief` needs the records themselves, so it always loads).
        let key = opts.cache.zip(base_key).and_then(|(c, base)| {
            let base = if is_national || !has_national {
                base
            } else {
                mix(base, national_key?)
            };
            group_key(c, base, &province, &group, &stamps)
        });
        if is_national {
            national_key = key;
        }
        if let (Some(c), Some(key), None, false) = (opts.cache, key, keep.as_ref(), programme_kinds)
            && let Some((hit, named)) = c.findings_and_claims(&province, key)
        {
            findings.extend(hit);
            claims.extend(named);
            continue;
        }
        let mut found = Vec::new();
        let cached = opts.cache.map(|c| (c, c.load(&province)));
        let records = load_group(source, &config, &index, cached, &group, stamps, &mut found);
        if opts.domain_rules {
            let national = (!is_national).then_some(national.as_slice());
            found.extend(domain_rules(
                &config,
                &opts,
                &group,
                &records,
                national,
                &mut national_unreadable,
            ));
            for (path, r) in &records {
                match r {
                    Record::Programme(p) => programmes.push((path.clone(), p.clone())),
                    Record::Progress(g) => progress.push((path.clone(), g.clone())),
                    _ => {}
                }
            }
        }
        let named = attachments::claims(&records);
        if let (Some(c), Some(key)) = (opts.cache, key) {
            diag::resolve(&mut found, |p| source.read(p).ok());
            c.save_findings_and_claims(&province, key, &found, &named);
        }
        claims.extend(named);
        findings.extend(found);
        if is_national {
            national.clone_from(&records);
        }
        if let Some(k) = keep.as_deref_mut() {
            k.extend(records);
        }
    }

    findings.extend(rules::programme::run(&programmes, &progress));
    findings.extend(attachments::check(source, &claims, opts.cache));

    // Waivers apply to everything found, once it is all collected.
    let waivers = load_waivers(source, |id| index.get(id).map(|(k, _)| *k), &mut findings);
    rules::waiver::apply(&waivers, opts.as_of, &mut findings);

    diag::resolve(&mut findings, |p| source.read(p).ok());
    diag::sort(&mut findings);
    let summary = Summary::of(files, &findings);
    Ok(Outcome {
        config,
        findings,
        summary,
    })
}

/// The domain rules over one province group's `records`. The national registry's own
/// group (`national` is `None`) keeps the ids of its files that did not load in
/// `national_unreadable`; every other group resolves the national ids it names through
/// `national` and counts those files as unreadable too, so that a reference to one is
/// not reported as a missing record.
fn domain_rules(
    config: &Config,
    opts: &Options<'_>,
    group: &Group<'_>,
    records: &[(String, Record)],
    national: Option<&[(String, Record)]>,
    national_unreadable: &mut Vec<(String, Kind)>,
) -> Vec<Finding> {
    let loaded: HashSet<&str> = records.iter().map(|(_, r)| r.id()).collect();
    let unreadable: Vec<(String, Kind)> = group
        .iter()
        .filter(|(_, _, stem)| !loaded.contains(stem))
        .map(|&(_, kind, stem)| (stem.to_string(), kind))
        .collect();
    if national.is_none() {
        national_unreadable.clone_from(&unreadable);
    }
    let unreadable = unreadable.into_iter().chain(
        national
            .map(|_| national_unreadable.clone())
            .into_iter()
            .flatten(),
    );
    let ctx = rules::Context::new(config, opts.as_of, records)
        .with_national(national.unwrap_or_default())
        .with_history(opts.history)
        .with_unreadable(unreadable);
    rules::run(&ctx)
}

fn stray(path: &str, what: EntryType) -> Finding {
    if what == EntryType::Symlink {
        Finding::error(
            "R-FILE-2",
            path,
            Anchor::File,
            tr!(
                "`{path}` is a symbolic link; links are never followed",
                "«{path}» پیوند نمادین است؛ پیوندها دنبال نمی‌شوند"
            ),
        )
    } else {
        Finding::warning("R-FILE-1", path, Anchor::File, tr!(
            "`{path}` is not where a record belongs and is not read",
            "«{path}» جای سابقه نیست و خوانده نمی‌شود"
        ))
        .help(tr!(
            "records are `<dir>/<ID>.yaml`, or `<dir>/<YYYY>/<ID>.yaml` for meetings, decisions, reports and reviews",
            "سوابق در ‎<dir>/<ID>.yaml‎ هستند و جلسه‌ها، مصوبات، گزارش‌ها و بررسی‌ها در ‎<dir>/<YYYY>/<ID>.yaml‎"
        ))
    }
}

/// Read `dabir.yaml`. A missing one means this is not a repository; an invalid one is a
/// finding, and defaults stand in.
pub fn load_config(source: &dyn Source, findings: &mut Vec<Finding>) -> Result<Config, RepoError> {
    let bytes = source.read(CONFIG_FILE)?;
    let fallback = Config::new("", "");
    let parsed = match yaml::parse(&bytes) {
        Ok(p) => p,
        Err(problems) => {
            findings.extend(problems.iter().map(|p| problem_finding(CONFIG_FILE, p)));
            return Ok(fallback);
        }
    };
    findings.extend(
        parsed
            .warnings
            .iter()
            .map(|p| problem_finding(CONFIG_FILE, p)),
    );
    let violations = Schemas::get().validate(None, &parsed.value);
    if !violations.is_empty() {
        findings.extend(
            violations
                .into_iter()
                .map(|v| Finding::error("R-CFG-1", CONFIG_FILE, v.anchor, v.message)),
        );
        return Ok(fallback);
    }
    match serde_path_to_error::deserialize::<_, Config>(&parsed.value) {
        Ok(c) => Ok(c),
        Err(e) => {
            let msg = e.inner().to_string();
            findings.push(Finding::error(
                "R-CFG-1",
                CONFIG_FILE,
                Anchor::Value(pointer_of(e.path())),
                tr!("{msg}", "{msg}"),
            ));
            Ok(fallback)
        }
    }
}

/// Turn a YAML problem into a finding.
/// The finding for a file refused from its size, before it was read (R-YAML-6).
pub fn too_large(file: &str, size: u64) -> Finding {
    let p = Problem {
        rule: "R-YAML-6",
        warning: false,
        kind: ProblemKind::TooLarge {
            size: usize::try_from(size).unwrap_or(usize::MAX),
        },
        span: None,
        related: None,
    };
    problem_finding(file, &p)
}

pub fn problem_finding(file: &str, p: &Problem) -> Finding {
    let max = yaml::MAX_RECORD_BYTES;
    let message = match &p.kind {
        ProblemKind::TooLarge { size } => tr!(
            "the file is {size} bytes, over the limit of {max} bytes for a record",
            "پرونده {size} بایت است و از سقف {max} بایت برای یک سابقه بیشتر است"
        ),
        ProblemKind::InvalidUtf8 => tr!(
            "the file is not valid UTF-8 here",
            "پرونده در این‌جا UTF-8 معتبر نیست"
        ),
        ProblemKind::Nul => tr!("the file contains a NUL byte", "پرونده بایت NUL دارد"),
        ProblemKind::Bom => tr!(
            "the file starts with a byte-order mark",
            "پرونده با نشانه ترتیب بایت (BOM) آغاز می‌شود"
        ),
        ProblemKind::Crlf => tr!(
            "the file has Windows (CRLF) line ends",
            "پرونده پایان سطر ویندوزی (CRLF) دارد"
        ),
        ProblemKind::Anchor => tr!(
            "anchors are not allowed in records",
            "لنگر (anchor) در سوابق مجاز نیست"
        ),
        ProblemKind::Alias => tr!(
            "aliases are not allowed in records",
            "نام مستعار (alias) در سوابق مجاز نیست"
        ),
        ProblemKind::Tag { tag } => tr!(
            "the tag `{tag}` is not allowed in records",
            "برچسب «{tag}» در سوابق مجاز نیست"
        ),
        ProblemKind::MultipleDocuments => tr!(
            "the file holds more than one YAML document",
            "پرونده بیش از یک سند YAML دارد"
        ),
        ProblemKind::UnquotedDate { text } => tr!(
            "the date {text} is not quoted: YAML 1.1 readers (PyYAML) take it for a Gregorian timestamp and fail; write \"{text}\"",
            "تاریخ {text} در گیومه نیست: خواننده‌های YAML 1.1 (مانند PyYAML) آن را تاریخ میلادی می‌گیرند و خطا می‌دهند؛ بنویسید \"{text}\""
        ),
        ProblemKind::TooDeep { limit } => tr!(
            "collections nest more than {limit} levels deep here; a record never does",
            "مجموعه‌ها در این‌جا بیش از {limit} سطح تودرتو شده‌اند؛ هیچ سابقه‌ای چنین نیست"
        ),
        ProblemKind::NotFinite { text } => tr!(
            "`{text}` is a number that is not finite, which no field holds; quote it if it is text",
            "«{text}» عددی نامتناهی است و هیچ فیلدی آن را نمی‌پذیرد؛ اگر متن است آن را در گیومه بگذارید"
        ),
        ProblemKind::DuplicateKey { key } => tr!(
            "the key `{key}` appears twice",
            "کلید «{key}» دو بار آمده است"
        ),
        ProblemKind::Syntax { message } => tr!("{message}", "خطای نحوی YAML: {message}"),
        ProblemKind::NotAMapping => tr!(
            "a record must be a mapping of keys to values",
            "سابقه باید نگاشتی از کلید به مقدار باشد"
        ),
    };
    let anchor = p.span.map_or(Anchor::File, Anchor::Bytes);
    let mut f = Finding::new(
        p.rule,
        if p.warning {
            diag::Severity::Warning
        } else {
            diag::Severity::Error
        },
        file,
        anchor,
        message,
    );
    if let Some(first) = p.related {
        f = f.related(
            Anchor::Bytes(first),
            tr!("first written here", "نخستین بار این‌جا آمده است"),
        );
    }
    f
}

/// Read `waivers.yaml` (`rules::waiver`) if the repository has one; problems with it become findings.
/// `kind_of` tells the kind of a record id (the check's index), for the `decision`s.
pub fn load_waivers(
    source: &dyn Source,
    kind_of: impl Fn(&str) -> Option<Kind>,
    findings: &mut Vec<Finding>,
) -> Vec<Waiver> {
    let present = source
        .entries("")
        .map(|e| e.iter().any(|(n, t)| n == FILE && *t == EntryType::File))
        .unwrap_or(false);
    if !present {
        return Vec::new();
    }
    let Ok(bytes) = source.read(FILE) else {
        return Vec::new();
    };
    let parsed = match crate::yaml::parse(&bytes) {
        Ok(p) => p,
        Err(problems) => {
            findings.extend(problems.iter().map(|p| problem_finding(FILE, p)));
            return Vec::new();
        }
    };
    findings.extend(parsed.warnings.iter().map(|p| problem_finding(FILE, p)));
    let violations = Schemas::get().validate_waivers(&parsed.value);
    if !violations.is_empty() {
        findings.extend(
            violations
                .into_iter()
                .map(|v| Finding::error("R-SCH-1", FILE, v.anchor, v.message)),
        );
        return Vec::new();
    }
    let file: WaiversFile = match serde_path_to_error::deserialize(&parsed.value) {
        Ok(f) => f,
        Err(e) => {
            let msg = e.inner().to_string();
            let pointer = pointer_of(e.path());
            findings.push(Finding::error(
                "R-DATE-1",
                FILE,
                Anchor::Value(pointer),
                tr!("{msg}", "تاریخ نادرست: {msg}"),
            ));
            return Vec::new();
        }
    };
    for (i, w) in file.waivers.iter().enumerate() {
        let d = &w.decision;
        if kind_of(d) != Some(Kind::Decision) {
            findings.push(Finding::error(
                "R-REF-1",
                FILE,
                Anchor::Value(format!("/waivers/{i}/decision")),
                tr!(
                    "no decision has the id `{d}`",
                    "هیچ مصوبه‌ای با شناسه «{d}» نیست"
                ),
            ));
        }
    }
    file.waivers
}

/// A JSON pointer from a serde path.
fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => out.push_str(&format!("/{index}")),
            Segment::Map { key } => out = crate::pointer::child(&out, key),
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    out
}

/// What every province's findings depend on besides its own files: the config, the
/// reference index (every record path), and the options of the run.
fn base_key(source: &dyn Source, listed: &[Listed], opts: &Options<'_>) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    source.read(CONFIG_FILE).ok().hash(&mut h);
    for l in listed {
        if let Listed::Record { path, .. } = l {
            path.hash(&mut h);
        }
    }
    opts.as_of.to_string().hash(&mut h);
    opts.domain_rules.hash(&mut h);
    opts.history
        .map(|h| h.start().as_bytes().to_vec())
        .hash(&mut h);
    h.finish()
}

/// Two keys as one.
fn mix(a: u64, b: u64) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (a, b).hash(&mut h);
    h.finish()
}

/// The key of one province's findings: `base` and every file's fingerprint; `None` when a
/// file has no fingerprint or one too recent to trust (see [`cache`]).
fn group_key(
    cache: &cache::CheckCache,
    base: u64,
    province: &str,
    group: &[(&str, Kind, &str)],
    stamps: &[Option<repo::Fingerprint>],
) -> Option<u64> {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    base.hash(&mut h);
    province.hash(&mut h);
    for (&(path, _, _), stamp) in group.iter().zip(stamps) {
        let stamp = (*stamp).filter(|s| cache.cacheable(s))?;
        path.hash(&mut h);
        stamp.hash(&mut h);
    }
    Some(h.finish())
}

/// Load one province group (`stamps`: its files' fingerprints, when there is a cache):
/// every record from the cache when its file is unchanged, else read and parsed; then the id and reference checks on each. Findings are pushed in
/// the group's file order, each file's parse findings before its id and reference ones.
fn load_group(
    source: &dyn Source,
    config: &Config,
    index: &Index,
    cache: Option<(&cache::CheckCache, cache::Province)>,
    group: &[(&str, Kind, &str)],
    stamps: Vec<Option<repo::Fingerprint>>,
    findings: &mut Vec<Finding>,
) -> Vec<(String, Record)> {
    let (cache, mut cached) = cache.unzip();
    let hits: Vec<Option<Record>> = match cached.as_mut() {
        Some(c) => group
            .iter()
            .zip(&stamps)
            .map(|(&(path, kind, _), s)| c.take(path, (*s)?, kind))
            .collect(),
        None => vec![None; group.len()],
    };
    // Per file: the parse's findings, the record, the id and reference findings.
    let loaded: Vec<(Vec<Finding>, Option<Record>, Vec<Finding>)> = group
        .par_iter()
        .zip(hits)
        .map(|(&(path, kind, stem), hit)| {
            let (parse, record) = match hit {
                Some(r) => (Vec::new(), Some(r)),
                None => read_record(source, path, kind),
            };
            let links = record
                .as_ref()
                .map(|r| check_record(config, index, path, kind, stem, r))
                .unwrap_or_default();
            (parse, record, links)
        })
        .collect();

    let mut records = Vec::with_capacity(loaded.len());
    // Cacheable: parsed with no finding at all, with a fingerprint that is not racy.
    let mut clean = Vec::new();
    for ((&(path, _, _), (parse, record, links)), stamp) in group.iter().zip(loaded).zip(stamps) {
        if let (true, Some(stamp), Some(c)) = (record.is_some(), stamp, cache)
            && parse.is_empty()
            && c.cacheable(&stamp)
        {
            clean.push((records.len(), stamp));
        }
        findings.extend(parse);
        findings.extend(links);
        if let Some(r) = record {
            records.push((path.to_string(), r));
        }
    }
    if let Some(c) = cached {
        let entries: Vec<(&str, repo::Fingerprint, &Record)> = clean
            .iter()
            .map(|&(i, s)| (records[i].0.as_str(), s, &records[i].1))
            .collect();
        c.save(&entries);
    }
    records
}

/// Read and parse one record file (the part the cache stands in for).
fn read_record(source: &dyn Source, path: &str, kind: Kind) -> (Vec<Finding>, Option<Record>) {
    let mut findings = Vec::new();
    let bytes = match source.read(path) {
        Ok(b) => b,
        Err(RepoError::TooLarge { size, .. }) => {
            findings.push(too_large(path, size));
            return (findings, None);
        }
        Err(e) => {
            findings.push(Finding::error(
                "R-YAML-7",
                path,
                Anchor::File,
                tr!("cannot read the file: {e}", "پرونده خوانده نشد: {e}"),
            ));
            return (findings, None);
        }
    };
    let record = parse_record(path, kind, &bytes, &mut findings);
    (findings, record)
}

/// Check a record's id against its file name and place, and that every reference it makes
/// resolves in the index. Never cached: it depends on the other files.
fn check_record(
    config: &Config,
    index: &Index,
    path: &str,
    kind: Kind,
    stem: &str,
    record: &Record,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let id = record.id();
    if let Err(e) = validate_id(id) {
        findings.push(
            Finding::error("R-ID-1", path, Anchor::Value("/id".into()), {
                let e_fa = e.fa();
                tr!(
                    "`{id}` is not a valid record id: {e}",
                    "«{id}» شناسه معتبری نیست: {e_fa}"
                )
            })
            .record(id),
        );
    } else if id != stem {
        findings.push(
            Finding::error(
                "R-ID-2",
                path,
                Anchor::Value("/id".into()),
                tr!(
                    "the record's id `{id}` differs from its file name `{stem}.yaml`",
                    "شناسه سابقه «{id}» با نام پرونده «{stem}.yaml» یکی نیست"
                ),
            )
            .record(id),
        );
    } else if let Ok(expected) = kind.path_of(id) {
        if expected != path {
            findings.push(
                Finding::error(
                    "R-ID-2",
                    path,
                    Anchor::Value("/id".into()),
                    tr!(
                        "the record `{id}` belongs at `{expected}`",
                        "جای سابقه «{id}» در «{expected}» است"
                    ),
                )
                .record(id),
            );
        }
    } else {
        findings.push(Finding::error("R-ID-1", path, Anchor::Value("/id".into()), tr!(
            "the id `{id}` of a {kind} must carry its Solar Hijri year (like ESF-PC-1403-01)",
            "شناسه «{id}» باید سال خورشیدی را در خود داشته باشد (مانند ESF-PC-1403-01)"
        )).record(id));
    }
    findings.extend(id_rules(config, path, record));
    // Looked at only for a national id that does not resolve (rare, and the index is big).
    let registry = || index.keys().any(|k| province_of(k) == NATIONAL);
    for r in record.refs() {
        let found = index.get(r.id).map(|(k, p)| (*k, p.as_str()));
        if let Some(u) = unresolved(config, r.id, r.kind, found, &registry) {
            findings.push(
                Finding::error(u.rule, path, Anchor::Value(r.pointer), u.message)
                    .record(id)
                    .help(u.help),
            );
        }
    }
    findings
}

/// Why a reference does not resolve, as `check` reports it and every write refuses it
/// (one rule, one place).
pub struct Unresolved {
    /// R-REF-1 (a broken reference), or R-REF-2 (a national id a province cannot
    /// resolve: it lacks the national registry, or its copy lacks the id).
    pub rule: &'static str,
    pub message: crate::diag::Text,
    pub help: crate::diag::Text,
}

/// The reference to `target`, which must be a `want`, given what the repository holds
/// under that id (`found`: its kind and file), or `None` when it resolves. `registry`
/// tells whether the repository holds a copy of the national registry (any `NAT-`
/// record); it is asked only about a national id that does not resolve.
pub fn unresolved(
    config: &Config,
    target: &str,
    want: Kind,
    found: Option<(Kind, &str)>,
    registry: &dyn Fn() -> bool,
) -> Option<Unresolved> {
    let want_fa = want.name_fa();
    let message = match found {
        Some((k, _)) if k == want => return None,
        Some((k, p)) => {
            let k_fa = k.name_fa();
            tr!(
                "`{target}` is a {k} ({p}), not a {want}",
                "«{target}» یک {k_fa} است ({p})، نه {want_fa}"
            )
        }
        None if province_of(target) == NATIONAL && config.province != NATIONAL => {
            return Some(national_unresolved(target, want, registry()));
        }
        None => {
            let want_any = crate::model::text::indefinite(want_fa);
            tr!(
                "no {want} has the id `{target}`",
                "هیچ {want_any} با شناسه «{target}» نیست"
            )
        }
    };
    let help = match want.path_of(target) {
        Ok(p) => tr!("expected the file {p}", "پرونده {p} انتظار می‌رفت"),
        Err(_) => tr!("ids look like ESF-P-001", "شناسه‌ها مانند ESF-P-001 هستند"),
    };
    Some(Unresolved {
        rule: "R-REF-1",
        message,
        help,
    })
}

/// R-REF-2: a province names a national id (`NAT-...`) it has no record of. The record
/// is the national office's; the province is missing its copy of the registry (or an
/// up-to-date one), not a record of its own.
fn national_unresolved(target: &str, want: Kind, registry: bool) -> Unresolved {
    let want_fa = want.name_fa();
    let message = if registry {
        tr!(
            "`{target}` is a national id, and this province's copy of the national registry has no {want} `{target}`",
            "«{target}» شناسه‌ای ملی است و رونوشت ثبت ملی در این استان {want_fa} «{target}» را ندارد"
        )
    } else {
        tr!(
            "`{target}` is a national id, and this province holds no copy of the national registry to resolve it",
            "«{target}» شناسه‌ای ملی است و این استان رونوشتی از ثبت ملی ندارد که آن را بیابد"
        )
    };
    let help = tr!(
        "get the national registry: `dabir national vendor --remote national` (a git remote of the national office's repository: `git remote add national <URL>`), or `dabir national vendor <DIR>` from a copy of it; then check again",
        "ثبت ملی را بیاورید: `dabir national vendor --remote national` (مخزن دفتر ملی به‌عنوان مخزن راه دور git: `git remote add national <URL>`)، یا `dabir national vendor <DIR>` از رونوشتی از آن؛ سپس دوباره بررسی کنید"
    );
    Unresolved {
        rule: "R-REF-2",
        message,
        help,
    }
}

/// The id rules that need the repository's config: R-ID-3 (a meeting id's year is its
/// date's year) and R-ID-4 (an id starts with the repository's province code; a national
/// repository, `province: NAT` in `dabir.yaml`, holds every province's records). `check`
/// and every write (`store::txn`) call this one function, so a write can never commit
/// what `check` reports (docs/architecture.md, "The write path", step 4).
pub fn id_rules(config: &Config, path: &str, record: &Record) -> Vec<Finding> {
    let mut findings = Vec::new();
    let id = record.id();
    if validate_id(id).is_err() {
        return findings; // R-ID-1 already says what is wrong with it
    }
    let province = province_of(id);
    let home = config.province.as_str();
    // A national repository keeps every province's ids; a province keeps its own and
    // the national records it adopted (the annual programme and the bodies it names,
    // docs/domain.md "The annual programme").
    if home != NATIONAL && province != home && province != NATIONAL {
        findings.push(
            Finding::error(
                "R-ID-4",
                path,
                Anchor::Value("/id".into()),
                tr!(
                    "`{id}` is an id of the province {province}, but this repository keeps the records of {home} (`province` in dabir.yaml)",
                    "«{id}» شناسه‌ای از استان {province} است، ولی این مخزن سوابق {home} را نگه می‌دارد (province در dabir.yaml)"
                ),
            )
            .record(id)
            .help(tr!(
                "ids start with the province code: {home}-...",
                "شناسه‌ها با کد استان آغاز می‌شوند: {home}-..."
            )),
        );
    }
    if let Record::Meeting(m) = record
        && let Some(year) = crate::model::id::year_of(id)
        && year != m.date.year()
    {
        let date = m.date;
        let held = date.year();
        findings.push(
            Finding::error(
                "R-ID-3",
                path,
                Anchor::Value("/date".into()),
                tr!(
                    "the meeting `{id}` carries the year {year} but is dated {date}, in {held}",
                    "شناسه جلسه «{id}» سال {year} را دارد ولی تاریخ آن {date} در سال {held} است"
                ),
            )
            .record(id)
            .help(tr!(
                "a meeting's id carries the Solar Hijri year it is held in; correct the date, or file the meeting under an id of {held}",
                "شناسه جلسه سال خورشیدی برگزاری آن را دارد؛ تاریخ را درست کنید یا جلسه را با شناسه‌ای از سال {held} ثبت کنید"
            )),
        );
    }
    findings
}

/// The `province` of a national repository's `dabir.yaml` (docs/domain.md, R-ID-4).
pub const NATIONAL: &str = "NAT";

/// YAML -> value -> schema -> typed record, with findings for whatever fails.
pub fn parse_record(
    path: &str,
    kind: Kind,
    bytes: &[u8],
    findings: &mut Vec<Finding>,
) -> Option<Record> {
    let parsed = match yaml::parse(bytes) {
        Ok(p) => p,
        Err(problems) => {
            findings.extend(problems.iter().map(|p| problem_finding(path, p)));
            return None;
        }
    };
    findings.extend(parsed.warnings.iter().map(|p| problem_finding(path, p)));
    let record_id = parsed
        .value
        .get("id")
        .and_then(|v| v.as_str())
        .map(str::to_string);
    let violations = Schemas::get().validate(Some(kind), &parsed.value);
    if !violations.is_empty() {
        for v in violations {
            let mut f = Finding::error("R-SCH-1", path, v.anchor, v.message);
            f.record = record_id.clone();
            findings.push(f);
        }
        return None;
    }
    match Record::deserialize_kind(kind, &parsed.value) {
        Ok(r) => Some(r),
        Err(_) => {
            // Only now pay for the path: a date the calendar does not have, usually.
            let mut track = serde_path_to_error::Track::new();
            let de = serde_path_to_error::Deserializer::new(&parsed.value, &mut track);
            let msg = Record::deserialize_kind(kind, de)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            let pointer = pointer_of(&track.path());
            let is_date = msg.contains("Solar Hijri") || msg.contains("YYYY-MM-DD");
            let shown = parsed
                .value
                .pointer(&pointer)
                .map(|v| v.to_string())
                .unwrap_or_default();
            let mut f = if is_date {
                Finding::error(
                    "R-DATE-1",
                    path,
                    Anchor::Value(pointer),
                    tr!("{msg}", "{shown} روزی از تقویم خورشیدی نیست"),
                )
            } else {
                Finding::error(
                    "R-SCH-1",
                    path,
                    Anchor::Value(pointer),
                    tr!("{msg}", "مقدار با مدل سابقه سازگار نیست: {msg}"),
                )
            };
            f.record = record_id;
            findings.push(f);
            None
        }
    }
}
