//! One action, one transaction, one commit (the write path of `docs/architecture.md`).
//!
//! 1. Take the tool lock (not for `--dry-run`), open the repository at its own root,
//!    refuse a mid-merge state, read HEAD.
//! 2. Load the province's records from HEAD's tree: the files through the listing kept
//!    by directory tree id, the records through the blob-id cache (decoded on other
//!    threads while the config is read; the git index is read beside it too).
//! 3. Apply the action in memory ([`Tx`]): it reads records and stages new versions.
//! 4. Validate the whole new state: each changed record is written by the YAML writer and
//!    read back through the same code as `check` (schema, typed model, dates), its id and
//!    place and every reference it makes are checked, locked minutes stay as they are,
//!    and `rules::run` runs on the old and the new state: an error the new state has and
//!    the old did not refuses the write, naming the rule.
//! 5. Refuse if a touched file is dirty or staged; then blobs, tree, commit (CAS), work
//!    tree files, index entries, cache.
//!
//! A refusal happens before step 5 writes anything, so the work tree, the index and HEAD
//! stay byte-identical.
//!
//! The action returns an [`Action`] (`store/action.rs`), whose message is the commit's.
//! `dabir init` commits through step 5 too ([`run_first`]): its first commit has no
//! parent, so the branch is created rather than moved and the journal says so. A crash in step 5 leaves HEAD at the old or the new commit (the
//! ref update is atomic); files are replaced by rename.

use std::cell::OnceCell;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use git2::{ObjectType, Oid, Repository, Tree};
use rayon::prelude::*;

use super::cache::{self, Cache};
use super::listing::{self, Listed, Listing};
use super::{Action, StoreError, failpoint, git, journal, lock, refuse, sign, write};
use crate::check;
use crate::diag::{Finding, Severity};
use crate::model::config::CONFIG_FILE;
use crate::model::id::{province_of, validate_id};
use crate::model::{Config, JDate, Kind, Lang, Record};
use crate::repo::{EntryType, RepoError, Source};
use crate::rules;
use crate::tr;

/// What the caller decides.
#[derive(Clone, Debug)]
pub struct Options {
    /// A directory inside the records repository (the root is discovered from it).
    pub dir: PathBuf,
    /// The date rules are judged at.
    pub as_of: JDate,
    pub dry_run: bool,
    /// `Name <email>`, instead of git's configured identity.
    pub author: Option<String>,
    /// The language of the commit message (default: the repository's).
    pub lang: Option<Lang>,
    /// `--sign` (`Some(true)`) / `--no-sign` (`Some(false)`); `None`: `commit.gpgsign`.
    pub sign: Option<bool>,
}

/// The result of a write.
pub struct Outcome {
    /// The new commit; `None` for a dry run.
    pub commit: Option<Oid>,
    pub message: String,
    /// A unified diff of the changed files.
    pub diff: String,
    pub lang: Lang,
    pub root: PathBuf,
}

/// The records an action reads and the versions it stages.
pub struct Tx<'s> {
    pub config: &'s Config,
    pub as_of: JDate,
    pub today: JDate,
    /// The province as the rules see it: from the cache, free texts may be left out
    /// ([`Record::without_prose`]).
    records: &'s [(String, Record)],
    /// `records[i]` whole, parsed from its blob the first time an action reads it (boxed:
    /// an action reads a few of thousands).
    full: Vec<OnceCell<Option<Box<Record>>>>,
    load: &'s dyn Fn(usize) -> Option<Record>,
    by_id: HashMap<&'s str, usize>,
    staged: BTreeMap<String, (String, Record)>,
    order: Vec<String>,
    elsewhere: &'s dyn Fn(Kind, &str) -> bool,
    /// A record of another province, parsed from HEAD (the national programme a
    /// province's progress is recorded against).
    read_elsewhere: &'s dyn Fn(Kind, &str) -> Option<Record>,
    /// Files other than records the commit adds (attachments), by path.
    added_files: BTreeMap<String, Vec<u8>>,
}

macro_rules! typed_edit {
    ($($fn:ident, $get:ident, $variant:ident, $ty:ty;)*) => {
        $(
            /// Stage a new version of the record `id` of this kind and edit it.
            pub fn $fn(&mut self, id: &str) -> Result<&mut $ty, StoreError> {
                match self.edit(id, Kind::$variant)? {
                    Record::$variant(x) => Ok(x),
                    _ => unreachable!("edit checks the kind"),
                }
            }
            /// The record `id` of this kind as staged so far.
            pub fn $get(&self, id: &str) -> Result<&$ty, StoreError> {
                match self.get(id) {
                    Some(Record::$variant(x)) => Ok(x),
                    _ => Err(self.missing(Kind::$variant, id)),
                }
            }
        )*
    };
}

/// The refusal for an id that names no record of `kind`, with the ids it may have meant.
fn missing(kind: Kind, id: &str, near: &[&str]) -> StoreError {
    let path = kind.path_of(id).unwrap_or_else(|_| id.to_string());
    let fa = kind.name_fa();
    let mut e = refuse(
        "R-REF-1",
        path,
        tr!(
            "no {kind} has the id `{id}`",
            "هیچ {fa} با شناسه «{id}» نیست"
        ),
    );
    let (en, fa) = if near.is_empty() {
        (
            format!("`dabir list {kind} --query NAME` finds an id from a name"),
            format!("`dabir list {kind} --query نام` شناسه را از روی نام می‌یابد"),
        )
    } else {
        let list = near.join(", ");
        (
            format!("did you mean {list}?"),
            format!("منظورتان {} بود؟", near.join("، ")),
        )
    };
    if let StoreError::Refused { help, .. } = &mut e {
        *help = Some(crate::diag::Text { en, fa });
    }
    e
}

impl<'s> Tx<'s> {
    /// The refusal for an id that names no record of `kind`, suggesting the ids of that
    /// kind it may have meant.
    fn missing(&self, kind: Kind, id: &str) -> StoreError {
        let known = self
            .by_id
            .iter()
            .filter(|(_, i)| self.records[**i].1.kind() == kind)
            .map(|(k, _)| *k)
            .chain(
                self.staged
                    .iter()
                    .filter(|(_, (_, r))| r.kind() == kind)
                    .map(|(k, _)| k.as_str()),
            );
        missing(kind, id, &crate::model::id::nearest(id, known))
    }

    /// The record `id`, whole, as staged so far.
    pub fn get(&self, id: &str) -> Option<&Record> {
        match self.staged.get(id) {
            Some((_, r)) => Some(r),
            None => self.full_at(*self.by_id.get(id)?),
        }
    }

    fn full_at(&self, i: usize) -> Option<&Record> {
        self.full[i]
            .get_or_init(|| (self.load)(i).map(Box::new))
            .as_deref()
    }

    /// The kind of record `id` in this province, as staged so far.
    fn kind_of(&self, id: &str) -> Option<Kind> {
        match self.staged.get(id) {
            Some((_, r)) => Some(r.kind()),
            None => self.by_id.get(id).map(|&i| self.records[i].1.kind()),
        }
    }

    /// Whether a record `id` of `kind` exists (in this province or, for ids of other
    /// provinces, anywhere in HEAD).
    pub fn exists(&self, kind: Kind, id: &str) -> bool {
        match self.kind_of(id) {
            Some(k) => k == kind,
            None => (self.elsewhere)(kind, id),
        }
    }

    fn note(&mut self, id: &str) {
        if !self.order.iter().any(|x| x == id) {
            self.order.push(id.to_string());
        }
    }

    /// Stage a new version of `id` (which must be a `kind`) and return it for editing.
    pub fn edit(&mut self, id: &str, kind: Kind) -> Result<&mut Record, StoreError> {
        if !self.staged.contains_key(id) {
            let Some(&i) = self.by_id.get(id) else {
                return Err(self.missing(kind, id));
            };
            let path = &self.records[i].0;
            let rec = match self.full_at(i) {
                Some(r) if r.kind() == kind => r.clone(),
                Some(_) => return Err(self.missing(kind, id)),
                None => {
                    return Err(StoreError::Usage(tr!(
                        "internal error: {path} no longer reads as the record it was",
                        "خطای درونی دبیر: {path} دیگر همان سابقه پیشین خوانده نمی‌شود"
                    )));
                }
            };
            self.staged.insert(id.to_string(), (path.clone(), rec));
        }
        self.note(id);
        let (_, rec) = self.staged.get_mut(id).expect("just staged");
        if rec.kind() != kind {
            return Err(missing(kind, id, &[]));
        }
        Ok(rec)
    }

    /// Replace the record with the same id and kind as `record`.
    /// Replace a record whole (as `dabir edit` does): each transition it makes goes
    /// through the guard of the command that makes it ([`Record::transition`]).
    pub fn replace(&mut self, record: Record) -> Result<(), StoreError> {
        let id = record.id().to_string();
        let kind = record.kind();
        let old = self.edit(&id, kind)?;
        old.transition(&record)?;
        *old = record;
        Ok(())
    }

    /// Stage a new record; its id must be new.
    pub fn create(&mut self, record: Record) -> Result<(), StoreError> {
        let id = record.id().to_string();
        let kind = record.kind();
        let path = kind.path_of(&id).map_err(|e| {
            refuse(
                "R-ID-1",
                id.clone(),
                tr!(
                    "`{id}` is not a valid record id: {e}",
                    "«{id}» شناسه معتبری نیست: {e}"
                ),
            )
        })?;
        if self.kind_of(&id).is_some() || Kind::ALL.iter().any(|k| (self.elsewhere)(*k, &id)) {
            return Err(refuse(
                "R-ID-2",
                path,
                tr!(
                    "the id `{id}` is already used",
                    "شناسه «{id}» پیش‌تر به کار رفته است"
                ),
            ));
        }
        self.staged.insert(id.clone(), (path, record));
        self.note(&id);
        Ok(())
    }

    typed_edit! {
        body_mut, body, Body, crate::model::Body;
        person_mut, person, Person, crate::model::Person;
        committee_mut, committee, Committee, crate::model::Committee;
        meeting_mut, meeting, Meeting, crate::model::Meeting;
        decision_mut, decision, Decision, crate::model::Decision;
        cluster_mut, cluster, Cluster, crate::model::Cluster;
        plan_mut, plan, Plan, crate::model::Plan;
        report_mut, report, Report, crate::model::Report;
        review_mut, review, Review, crate::model::Review;
        dispute_mut, dispute, Dispute, crate::model::Dispute;
        progress_mut, progress_record, Progress, crate::model::ProgrammeProgress;
    }

    /// The programme `id` (a national record, so usually of another province) as HEAD
    /// has it, or as staged.
    pub fn programme(&self, id: &str) -> Result<crate::model::Programme, StoreError> {
        let found = match self.get(id) {
            Some(r) => Some(r.clone()),
            None => (self.read_elsewhere)(Kind::Programme, id),
        };
        match found {
            Some(Record::Programme(p)) => Ok(p),
            _ => Err(missing(Kind::Programme, id, &[])),
        }
    }

    /// The ids of this province's records of `kind`, as staged so far.
    pub fn ids_of(&self, kind: Kind) -> Vec<String> {
        let mut ids: Vec<String> = self
            .records
            .iter()
            .filter(|(_, r)| r.kind() == kind)
            .map(|(_, r)| r.id().to_string())
            .filter(|id| !self.staged.contains_key(id))
            .chain(
                self.staged
                    .iter()
                    .filter(|(_, (_, r))| r.kind() == kind)
                    .map(|(id, _)| id.clone()),
            )
            .collect();
        ids.sort();
        ids
    }

    /// Add a file that is not a record (an attachment) in the same commit. The path must
    /// be new in HEAD and lie under `attachments/`; its bytes are committed as they are.
    pub fn add_file(&mut self, path: String, bytes: Vec<u8>) -> Result<(), StoreError> {
        let dir = crate::model::attachment::ATTACHMENTS_DIR;
        let safe = path
            .strip_prefix(dir)
            .is_some_and(|rest| rest.starts_with('/'))
            && path
                .split('/')
                .all(|part| !part.is_empty() && !part.starts_with('.'));
        if !safe {
            return Err(StoreError::Usage(tr!(
                "internal error: {path} is not a path under {dir}/",
                "خطای درونی دبیر: {path} مسیری درون {dir}/ نیست"
            )));
        }
        self.added_files.insert(path, bytes);
        Ok(())
    }

    /// Refuse unless `id` is a decision (for `--decision`).
    pub fn require(&self, kind: Kind, id: &str) -> Result<(), StoreError> {
        if self.exists(kind, id) {
            Ok(())
        } else {
            Err(self.missing(kind, id))
        }
    }
}

/// R-PRG-1 and R-PRG-2 on every progress record the action staged (`dabir edit` as much
/// as `programme progress`): judged against its programme by the model's one judgement
/// (`ProgrammeProgress::problems`, docs/domain.md "The annual programme"), an error the
/// old version did not have refuses the write. The per-province rules cannot see the
/// programme, which is a national record.
fn progress_against_programme(tx: &Tx<'_>) -> Result<(), StoreError> {
    for id in &tx.order {
        let Some((path, Record::Progress(new))) = tx.staged.get(id) else {
            continue;
        };
        let Ok(programme) = tx.programme(&new.programme) else {
            continue; // a missing programme is R-REF-1's, checked with every reference
        };
        let old: Vec<(&str, String)> = match tx.by_id.get(id.as_str()).and_then(|&i| tx.full_at(i))
        {
            Some(Record::Progress(old)) => old
                .problems(&programme)
                .into_iter()
                .filter(|p| p.error)
                .map(|p| (p.rule, p.message.en))
                .collect(),
            _ => Vec::new(),
        };
        if let Some(p) = new
            .problems(&programme)
            .into_iter()
            .find(|p| p.error && !old.contains(&(p.rule, p.message.en.clone())))
        {
            return Err(refuse(p.rule, path.clone(), p.message));
        }
    }
    Ok(())
}

/// A source that reads only the config blob of HEAD.
struct ConfigBlob(Vec<u8>);

impl Source for ConfigBlob {
    fn entries(&self, _: &str) -> Result<Vec<(String, EntryType)>, RepoError> {
        Ok(Vec::new())
    }
    fn read(&self, path: &str) -> Result<Vec<u8>, RepoError> {
        if path == CONFIG_FILE {
            Ok(self.0.clone())
        } else {
            Err(RepoError::Io {
                path: path.into(),
                source: std::io::ErrorKind::NotFound.into(),
            })
        }
    }
    fn label(&self) -> String {
        "HEAD".into()
    }
    fn fingerprint(&self, _: &str) -> Option<crate::repo::Fingerprint> {
        None
    }
}

/// Phase timings on stderr when `DABIR_TRACE` is set (for the benchmark).
struct Trace(Option<std::cell::Cell<std::time::Instant>>);

impl Trace {
    fn new() -> Trace {
        Trace(
            std::env::var_os("DABIR_TRACE")
                .map(|_| std::cell::Cell::new(std::time::Instant::now())),
        )
    }
    fn mark(&self, what: &str) {
        if let Some(t) = &self.0 {
            let now = std::time::Instant::now();
            let rss = std::fs::read_to_string("/proc/self/statm")
                .ok()
                .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
                .map_or(0, |pages| (pages * 4096) >> 20);
            eprintln!(
                "dabir-trace {what}: {:.2} ms, rss {rss} MiB",
                (now - t.get()).as_secs_f64() * 1e3
            );
            t.set(now);
        }
    }
}

/// Work started on another thread, waited for where its result is needed. If the
/// thread panicked, the panic continues here.
struct Background<T>(std::thread::JoinHandle<T>);

impl<T: Send + 'static> Background<T> {
    fn spawn(f: impl FnOnce() -> T + Send + 'static) -> Background<T> {
        Background(std::thread::spawn(f))
    }
    fn wait(self) -> T {
        self.0
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p))
    }
}

/// A git index opened on its own (no repository owns it) and handed whole to the thread
/// that goes on to use it.
struct SendIndex(git2::Index);

// SAFETY: libgit2 objects may be used from any thread as long as no two threads use one
// at once (libgit2's threading.md; git2 marks `Repository` `Send` on the same ground).
// This index belongs to no repository, shares no state, and the opening thread drops
// every other handle to it before the receiving thread touches it.
unsafe impl Send for SendIndex {}

/// How many freshly parsed blobs make a write rewrite the cache.
const CACHE_REWRITE: usize = 16;

/// A province's records as the rules see them, in listing order, with their blobs; the
/// blobs that are not valid records; how many blobs were parsed afresh.
struct Loaded {
    records: Vec<(String, Record)>,
    oids: Vec<Oid>,
    invalid: Vec<(Oid, Kind)>,
    fresh: usize,
    /// Whether the write rewrites the record cache after its commit.
    rewrite_cache: bool,
}

/// Take each listed file's record from the cache where it has it; parse the others from
/// their blobs, in parallel.
fn load_records(
    repo: &Repository,
    listed: &[Listed],
    mut cache: Cache,
) -> Result<Loaded, git2::Error> {
    let slots: Vec<Option<cache::Slot>> =
        listed.iter().map(|l| cache.claim(l.oid, l.kind)).collect();
    let odb = repo.odb()?;
    // A blob larger than a record may be is never read (R-YAML-6): it is not a record.
    let misses = listed
        .iter()
        .zip(&slots)
        .filter(|(_, slot)| slot.is_none())
        .map(
            |(l, _)| match crate::repo::blob_capped(repo, &odb, l.oid, &l.path) {
                Ok(bytes) => Ok((l, Some(bytes))),
                Err(RepoError::TooLarge { .. }) => Ok((l, None)),
                Err(RepoError::Git(e)) => Err(e),
                Err(e) => Err(git2::Error::from_str(&e.to_string())),
            },
        )
        .collect::<Result<Vec<_>, git2::Error>>()?;
    let parsed: Vec<cache::Parsed> = misses
        .par_iter()
        .map(|(l, bytes)| {
            let bytes = bytes.as_deref()?;
            check::parse_record(&l.path, l.kind, bytes, &mut Vec::new())
        })
        .collect();
    let fresh = parsed.len();
    let mut parsed = parsed.into_iter();
    let mut out = Loaded {
        records: Vec::with_capacity(listed.len()),
        oids: Vec::with_capacity(listed.len()),
        invalid: Vec::new(),
        fresh,
        rewrite_cache: false,
    };
    for (l, slot) in listed.iter().zip(slots) {
        let record = match slot {
            Some(slot) => cache.take(slot),
            None => parsed.next().expect("one parse per miss"),
        };
        match record {
            Some(r) => {
                out.records.push((l.path.clone(), r));
                out.oids.push(l.oid);
            }
            None => out.invalid.push((l.oid, l.kind)),
        }
    }
    Ok(out)
}

fn blob_at(tree: &Tree<'_>, path: &str) -> Option<Oid> {
    tree.get_path(Path::new(path))
        .ok()
        .filter(|e| e.kind() == Some(ObjectType::Blob))
        .map(|e| e.id())
}

/// Findings are compared by rule, file and record, counted: the wording of a finding
/// may change as a record fills in (a committee missing its chair and secretary, then
/// only its secretary), and the pointer of a list item moves as items are added.
type Key = (String, String, Option<String>);
type Counts = HashMap<Key, usize>;

fn key(f: &Finding) -> Key {
    (f.rule.to_string(), f.file.clone(), f.record.clone())
}

/// The error findings, counted by key.
fn counts(findings: &[Finding]) -> Counts {
    let mut c = Counts::new();
    for f in findings.iter().filter(|f| f.severity == Severity::Error) {
        *c.entry(key(f)).or_default() += 1;
    }
    c
}

/// The identity of a province's state: its files and blobs, the config, the date.
/// The files count as a set: the sum of one hash per file, so the listing's order (a
/// file added by this write comes last, the next listing puts it in its place) does not
/// matter.
fn state_key<'p>(
    files: impl Iterator<Item = (&'p str, Oid)>,
    config: Oid,
    national: u64,
    as_of: JDate,
) -> u64 {
    use std::hash::{Hash, Hasher};
    let files = files.fold(0u64, |sum, (p, o)| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        p.hash(&mut h);
        o.as_bytes().hash(&mut h);
        sum.wrapping_add(h.finish())
    });
    let mut h = std::collections::hash_map::DefaultHasher::new();
    files.hash(&mut h);
    config.as_bytes().hash(&mut h);
    national.hash(&mut h);
    as_of.to_string().hash(&mut h);
    h.finish()
}

/// The first error of `after` that `before` did not have, other than those about a
/// record this write creates: a record is entered step by step (a committee, then its
/// chair, then its secretary; a meeting, then its agenda, its approval, its minutes),
/// and what it still lacks is for `check` and the brief to report, not a reason to
/// refuse its first step. A write that breaks an existing record is refused.
fn new_errors<'f>(mut seen: Counts, after: &'f [Finding], created: &[&str]) -> Option<&'f Finding> {
    for f in after.iter().filter(|f| f.severity == Severity::Error) {
        let n = seen.entry(key(f)).or_default();
        if *n > 0 {
            *n -= 1;
        } else if !f.record.as_deref().is_some_and(|r| created.contains(&r)) {
            return Some(f);
        }
    }
    None
}

/// Today's date (`DABIR_NOW` when set), which dates an action that names no date.
fn today() -> Result<JDate, StoreError> {
    crate::clock::today()
        .map_err(|e| StoreError::Usage(tr!("{e}", "زمان DABIR_NOW خوانده نشد: {e}")))
}

/// Run `action` as one transaction. `province_of_id` names a record of the province the
/// action is about (its code is the id's prefix); empty means the repository's own.
pub fn run<F>(opts: &Options, province_of_id: &str, action: F) -> Result<Outcome, StoreError>
where
    F: FnOnce(&mut Tx<'_>) -> Result<Action, StoreError>,
{
    let trace = Trace::new();
    let (root, repo, lock) = open_locked(opts)?;
    let git_dir = repo.path().to_path_buf();
    trace.mark("open+lock");
    let early = EarlyReads::spawn(&git_dir, province_of_id);
    let (branch, head) = git::head(&repo)?;
    let head_commit = repo.find_commit(head)?;
    let tree = head_commit.tree()?;
    let (config_oid, config) = config_at(&repo, &tree)?;
    let lang = opts.lang.unwrap_or(config.language);
    let province = early
        .province
        .clone()
        .unwrap_or_else(|| config.province.clone());
    trace.mark("config");
    let files_of = ProvinceFiles::new(&git_dir, &province);
    let (listing, listed, mut loaded) =
        load_province(&repo, &tree, &province, &files_of, early.cache, &trace)?;
    let national = National::load(&repo, &tree, &git_dir, &province, opts.dry_run)?;
    trace.mark("national");
    let today = today()?;
    let province_now = Province {
        config: &config,
        records: &loaded.records,
        oids: &loaded.oids,
        repo: &repo,
        tree: &tree,
        national: &national,
    };
    let st = stage(&province_now, opts.as_of, today, action)?;
    trace.mark("action");
    let mut files = record_files(&province_now, &st, &tree)?;
    let binary: Vec<String> = st.added_files.keys().cloned().collect();
    attachment_files(st.added_files, &tree, &mut files)?;
    trace.mark("validate changed");
    let old_key = state_key(
        listed.iter().map(|l| (l.path.as_str(), l.oid)),
        config_oid,
        national.key,
        opts.as_of,
    );
    trace.mark("state key");
    let before = findings_before(
        &files_of.findings,
        old_key,
        &config,
        opts.as_of,
        &loaded.records,
        &national.records,
    );
    trace.mark("before");
    let created = apply_staged(&mut loaded, &st.staged, &st.order);
    trace.mark("apply");
    let after = rules_after(
        &config,
        opts.as_of,
        &loaded.records,
        &national.records,
        &trace,
    );
    refuse_new_errors(before, &after, &created)?;
    trace.mark("rules after");
    let mut outcome = Outcome {
        commit: None,
        message: st.action.message(&st.order, lang, today),
        diff: diff(&repo, &files, &binary)?,
        lang,
        root,
    };
    if opts.dry_run {
        return Ok(outcome);
    }
    trace.mark("message+diff");
    let mut index = early.index.wait()?.0;
    repo.set_index(&mut index)?;
    refuse_dirty(&repo, &index, &files)?;
    let who = Who::of(&repo, opts.author.as_deref(), opts.sign)?;
    trace.mark("index+dirty");
    let (new_tree, commit, written) =
        commit_files(&repo, &git_dir, Some((head, &tree)), &files, |t| {
            who.commit(&repo, (&branch, Some(head)), t, &outcome.message)
        })?;
    trace.mark("commit");
    // The findings of the new state, the "before" of the next write.
    let new_key = state_key_after(&listed, &written, config_oid, national.key, opts.as_of);
    save_findings_after(&files_of.findings, new_key, &after);
    // For the next write, while the work tree and the index are brought in step: the
    // listing of the new tree (only the directories this commit changed are read again)
    // and, when it is due, the record cache (HEAD's blobs now). Otherwise the records are
    // freed on a thread nobody waits for, as the process is about to end.
    let next_listing = repo
        .find_tree(new_tree)
        .and_then(|t| Listing::of(&repo, &t, &province, listing));
    let saving = Background::spawn(move || {
        save_listing_and_cache(files_of, next_listing, loaded, &written);
    });
    let worktree: Vec<(String, Vec<u8>)> = files.into_iter().map(|(p, b, _)| (p, b)).collect();
    // The branch has moved: a failure now (a full disk) keeps the journal, and says so.
    failpoint::hit("after-ref")
        .and_then(|()| git::sync_worktree(&repo, &mut index, &worktree))
        .map_err(|e| StoreError::Landed {
            commit: commit.to_string(),
            cause: e.to_string(),
        })?;
    journal::end(&git_dir);
    trace.mark("worktree+index");
    saving.wait();
    drop(lock);
    trace.mark("cache save");
    git::after_commit(&git_dir, &outcome.root, commit);
    trace.mark("after commit");
    outcome.commit = Some(commit);
    Ok(outcome)
}

/// `dabir init`: the first commit of a records repository, through step 5 of every write
/// (the tool lock, the journal, blobs, tree, the branch created by compare-and-swap, then
/// the work tree and the index). `repo` is opened at its root; its branch is usually
/// unborn (the commit has no parent), or has commits of something other than records.
/// `author`, `sign` and `lang` are those of [`Options`]; `records` names the
/// `Dabir-Record` trailers. Nothing is validated: the caller writes
/// only what `dabir init` makes.
pub fn run_first(
    repo: &Repository,
    (author, sign, lang): (Option<&str>, Option<bool>, Lang),
    files: Vec<(String, Vec<u8>)>,
    action: &Action,
    records: &[String],
) -> Result<Oid, StoreError> {
    let git_dir = repo.path().to_path_buf();
    // Before anything is written: a signer git's config asks for must exist.
    let who = Who::of(repo, author, sign)?;
    let lock = lock::acquire(&git_dir, lock::WAIT)?;
    if journal::pending(&git_dir) {
        return Err(StoreError::Interrupted);
    }
    let (branch, head) = git::head_or_unborn(repo)?;
    let head_tree = head.map(|h| repo.find_commit(h)?.tree()).transpose()?;
    let today = today()?;
    let message = action.message(records, lang, today);
    let files: Vec<File> = files
        .into_iter()
        .map(|(path, bytes)| {
            let old = head_tree.as_ref().and_then(|t| blob_at(t, &path));
            (path, bytes, old)
        })
        .collect();
    let parent = head.zip(head_tree.as_ref());
    let (_, commit, _) = commit_files(repo, &git_dir, parent, &files, |t| {
        who.commit(repo, (&branch, head), t, &message)
    })?;
    let worktree: Vec<(String, Vec<u8>)> = files.into_iter().map(|(p, b, _)| (p, b)).collect();
    let mut index = repo.index()?;
    git::sync_worktree(repo, &mut index, &worktree).map_err(|e| StoreError::Landed {
        commit: commit.to_string(),
        cause: e.to_string(),
    })?;
    journal::end(&git_dir);
    drop(lock);
    if let Some(root) = repo.workdir() {
        git::after_commit(&git_dir, root, commit);
    }
    Ok(commit)
}

/// A file the commit writes: its path, its bytes, and its blob in HEAD if it has one.
type File = (String, Vec<u8>, Option<Oid>);

/// Step 1: the repository at its own root, not mid-merge, the tool lock taken (not for
/// `--dry-run`), and no interrupted write waiting for `dabir unlock`.
fn open_locked(opts: &Options) -> Result<(PathBuf, Repository, Option<lock::Lock>), StoreError> {
    let root = crate::repo::discover(&opts.dir)?;
    let repo = git::open_root(&root)?;
    git::check_state(&repo)?;
    let git_dir = repo.path().to_path_buf();
    let lock = if opts.dry_run {
        None
    } else {
        Some(lock::acquire(&git_dir, lock::WAIT)?)
    };
    if !opts.dry_run && journal::pending(&git_dir) {
        return Err(StoreError::Interrupted);
    }
    Ok((root, repo, lock))
}

/// Two reads that need neither the config nor the tree, run beside the main thread: the
/// git index, and the record cache when the action names its province (the cache is
/// keyed by blob id, so reading it early is never wrong).
struct EarlyReads {
    index: Background<Result<SendIndex, git2::Error>>,
    /// The province the action names, if it names one.
    province: Option<String>,
    cache: Option<Background<Cache>>,
}

impl EarlyReads {
    fn spawn(git_dir: &Path, province_of_id: &str) -> EarlyReads {
        let index_file = git_dir.join("index");
        let index = Background::spawn(move || git2::Index::open(&index_file).map(SendIndex));
        // Ids are upper case; a mistyped `esf-pc` still loads its province, so the
        // refusal can say which id was meant.
        let province =
            (!province_of_id.is_empty()).then(|| province_of(province_of_id).to_ascii_uppercase());
        let cache = province.as_deref().map(|p| {
            let file = cache::path(git_dir, p);
            Background::spawn(move || Cache::load(&file))
        });
        EarlyReads {
            index,
            province,
            cache,
        }
    }
}

/// The files dabir keeps for a province beside the repository: the listing by directory
/// tree id, the record cache by blob id, and the findings of the last state.
struct ProvinceFiles {
    listing: PathBuf,
    cache: PathBuf,
    findings: PathBuf,
}

impl ProvinceFiles {
    fn new(git_dir: &Path, province: &str) -> ProvinceFiles {
        let cache = cache::path(git_dir, province);
        ProvinceFiles {
            listing: listing::path(git_dir, province),
            findings: cache.with_extension("findings"),
            cache,
        }
    }
}

/// Step 2: the province's records, listed by directory, cached by blob id, parsed only
/// when new.
fn load_province(
    repo: &Repository,
    tree: &Tree<'_>,
    province: &str,
    files: &ProvinceFiles,
    early_cache: Option<Background<Cache>>,
    trace: &Trace,
) -> Result<(Listing, Vec<Listed>, Loaded), StoreError> {
    let listing = Listing::of(repo, tree, province, Listing::load(&files.listing))?;
    let listed: Vec<Listed> = listing.files().collect();
    trace.mark("list");
    let cache = match early_cache {
        Some(pending) => pending.wait(),
        None => Cache::load(&files.cache),
    };
    trace.mark("cache decode");
    let mut loaded = load_records(repo, &listed, cache)?;
    // Rewriting the cache costs more than parsing a few files, so it is rewritten once
    // enough blobs were parsed afresh (each write adds one or two); until then the old
    // file still answers for every blob it names, and it is keyed by content, so a
    // stale file is never wrong, only less complete.
    loaded.rewrite_cache = loaded.fresh >= CACHE_REWRITE || !files.cache.exists();
    Ok((listing, listed, loaded))
}

/// The config, from HEAD's tree; an error in it refuses every write.
fn config_at(repo: &Repository, tree: &Tree<'_>) -> Result<(Oid, Config), StoreError> {
    let config_oid = blob_at(tree, CONFIG_FILE)
        .ok_or_else(|| {
            StoreError::Usage(tr!(
                "{CONFIG_FILE} is not committed; commit it first (`git add {CONFIG_FILE}`, `git commit`)",
                "{CONFIG_FILE} در git ثبت نشده است؛ نخست آن را ثبت کنید (`git add {CONFIG_FILE}` و `git commit`)"
            ))
        })?;
    let mut cfg_findings = Vec::new();
    let config = check::load_config(
        &ConfigBlob(repo.find_blob(config_oid)?.content().to_vec()),
        &mut cfg_findings,
    )?;
    if let Some(f) = cfg_findings.iter().find(|f| f.severity == Severity::Error) {
        return Err(refuse(f.rule, CONFIG_FILE, f.message.clone()));
    }
    Ok((config_oid, config))
}

/// The province as HEAD has it, for the action and the checks of what it staged.
struct Province<'p> {
    config: &'p Config,
    records: &'p [(String, Record)],
    oids: &'p [Oid],
    repo: &'p Repository,
    /// HEAD's tree, for the records of other provinces.
    tree: &'p Tree<'p>,
    /// The national registry the province's records name by national id.
    national: &'p National,
}

impl Province<'_> {
    /// Whether a record of this kind and id is in HEAD's tree, in any province.
    fn elsewhere(&self, kind: Kind, id: &str) -> bool {
        kind.path_of(id)
            .ok()
            .is_some_and(|p| blob_at(self.tree, &p).is_some())
    }

    /// That record, read (a national programme, for the province's progress).
    fn read_elsewhere(&self, kind: Kind, id: &str) -> Option<Record> {
        let path = kind.path_of(id).ok()?;
        let blob = self.repo.find_blob(blob_at(self.tree, &path)?).ok()?;
        check::parse_record(&path, kind, blob.content(), &mut Vec::new())
    }
}

/// The national registry (`NAT-` records) in HEAD, when the action is about another
/// province: the rules resolve the national ids it names through it
/// (`rules::Context::with_national`), so its blobs are part of the state's key.
struct National {
    records: Vec<(String, Record)>,
    /// Whether any `NAT-` record file is there (a copy of the registry is held).
    held: bool,
    key: u64,
}

impl National {
    fn load(
        repo: &Repository,
        tree: &Tree<'_>,
        git_dir: &Path,
        province: &str,
        dry_run: bool,
    ) -> Result<National, StoreError> {
        if province == check::NATIONAL {
            return Ok(National {
                records: Vec::new(),
                held: false,
                key: 0,
            });
        }
        let files = ProvinceFiles::new(git_dir, check::NATIONAL);
        let listing = Listing::of(repo, tree, check::NATIONAL, Listing::load(&files.listing))?;
        if !dry_run {
            let _ = listing.save(&files.listing);
        }
        let listed: Vec<Listed> = listing.files().collect();
        let key = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            for l in &listed {
                (l.path.as_str(), l.oid.as_bytes()).hash(&mut h);
            }
            h.finish()
        };
        // Parsed once, then taken from its own record cache by blob id, as a province's.
        let loaded = load_records(repo, &listed, Cache::load(&files.cache))?;
        if loaded.fresh > 0 && !dry_run {
            let entries = loaded
                .records
                .iter()
                .zip(&loaded.oids)
                .map(|((_, rec), oid)| (*oid, rec.kind(), Some(rec.clone())))
                .chain(loaded.invalid.iter().map(|(oid, kind)| (*oid, *kind, None)));
            let _ = Cache::save(&files.cache, entries);
        }
        Ok(National {
            records: loaded.records,
            held: !listed.is_empty(),
            key,
        })
    }
}

/// What the action staged.
struct Staged {
    action: Action,
    staged: BTreeMap<String, (String, Record)>,
    order: Vec<String>,
    /// The whole old version of every record the action changed (for R-MTG-9).
    old: HashMap<String, Record>,
    added_files: BTreeMap<String, Vec<u8>>,
}

/// Step 3: the action, in memory.
fn stage<F>(p: &Province<'_>, as_of: JDate, today: JDate, action: F) -> Result<Staged, StoreError>
where
    F: FnOnce(&mut Tx<'_>) -> Result<Action, StoreError>,
{
    let records = p.records;
    let load = |i: usize| {
        let (path, rec) = &records[i];
        let blob = p.repo.find_blob(p.oids[i]).ok()?;
        check::parse_record(path, rec.kind(), blob.content(), &mut Vec::new())
    };
    let elsewhere = |kind: Kind, id: &str| p.elsewhere(kind, id);
    let read_elsewhere = |kind: Kind, id: &str| p.read_elsewhere(kind, id);
    // Two files may claim one id (R-ID-2): an action works on the one where the
    // layout puts that id.
    let mut by_id: HashMap<&str, usize> = HashMap::with_capacity(records.len());
    for (i, (path, r)) in records.iter().enumerate() {
        if let Some(old) = by_id.insert(r.id(), i)
            && r.kind().path_of(r.id()).is_ok_and(|p| p != *path)
        {
            by_id.insert(r.id(), old);
        }
    }
    let mut tx = Tx {
        config: p.config,
        as_of,
        today,
        records,
        full: vec![OnceCell::new(); records.len()],
        load: &load,
        by_id,
        staged: BTreeMap::new(),
        order: Vec::new(),
        elsewhere: &elsewhere,
        read_elsewhere: &read_elsewhere,
        added_files: BTreeMap::new(),
    };
    let done = action(&mut tx)?;
    progress_against_programme(&tx)?;
    let old: HashMap<String, Record> = tx
        .order
        .iter()
        .filter_map(|id| {
            Some((
                id.clone(),
                tx.full[*tx.by_id.get(id.as_str())?]
                    .get()?
                    .as_deref()?
                    .clone(),
            ))
        })
        .collect();
    if tx.staged.is_empty() {
        return Err(StoreError::Invalid(tr!(
            "nothing to change",
            "تغییری در کار نیست"
        )));
    }
    Ok(Staged {
        action: done,
        staged: tx.staged,
        order: tx.order,
        old,
        added_files: tx.added_files,
    })
}

/// R-ID-3, R-ID-4 on a changed record: the loader's own function, as `check` runs it;
/// an error the record already had before this write does not refuse it
/// (docs/architecture.md, "The write path", step 4).
fn id_rules_refusal(
    config: &Config,
    path: &str,
    old: Option<&Record>,
    rec: &Record,
) -> Result<(), StoreError> {
    let had: Vec<&str> = old
        .map(|o| {
            check::id_rules(config, path, o)
                .iter()
                .map(|f| f.rule)
                .collect()
        })
        .unwrap_or_default();
    if let Some(f) = check::id_rules(config, path, rec)
        .into_iter()
        .find(|f| f.severity == Severity::Error && !had.contains(&f.rule))
    {
        let mut e = refuse(f.rule, path.to_string(), f.message.clone());
        if let (StoreError::Refused { help, .. }, Some(h)) = (&mut e, &f.help) {
            *help = Some(h.clone());
        }
        return Err(e);
    }
    Ok(())
}

/// Step 4, each changed record: written, read back as `check` reads it, placed,
/// referenced, and its locked minutes unchanged.
fn record_files(p: &Province<'_>, st: &Staged, tree: &Tree<'_>) -> Result<Vec<File>, StoreError> {
    national_read_only(p.config, st)?;
    let mut files: Vec<File> = Vec::new();
    for id in &st.order {
        let (path, rec) = &st.staged[id];
        let text = write::to_yaml(rec);
        let mut findings = Vec::new();
        let back = check::parse_record(path, rec.kind(), text.as_bytes(), &mut findings);
        if let Some(f) = findings.iter().find(|f| f.severity == Severity::Error) {
            return Err(refuse(f.rule, path.clone(), f.message.clone()));
        }
        id_rules_refusal(p.config, path, st.old.get(id), rec)?;
        if back.as_ref() != Some(rec) {
            return Err(StoreError::Usage(tr!(
                "internal error: {path} does not read back as written",
                "خطای درونی دبیر: {path} چنان‌که نوشته شد خوانده نمی‌شود"
            )));
        }
        if let Err(e) = validate_id(id) {
            return Err(refuse(
                "R-ID-1",
                path.clone(),
                tr!(
                    "`{id}` is not a valid record id: {e}",
                    "«{id}» شناسه معتبری نیست: {e}"
                ),
            ));
        }
        refuse_missing_refs(p, &st.staged, path, rec)?;
        locked_minutes(p.records, st.old.get(id), rec, path)?;
        files.push((path.clone(), text.into_bytes(), blob_at(tree, path)));
    }
    Ok(files)
}

/// R-ID-4: in a province, the national records (`NAT-` ids) are a read-only copy of the
/// national registry; no write but the copy itself creates or changes one.
fn national_read_only(config: &Config, st: &Staged) -> Result<(), StoreError> {
    if config.province == check::NATIONAL || st.action.name().copies_national() {
        return Ok(());
    }
    let Some(id) = st
        .order
        .iter()
        .find(|id| province_of(id) == check::NATIONAL)
    else {
        return Ok(());
    };
    let (path, _) = &st.staged[id];
    let mut e = refuse(
        "R-ID-4",
        path.clone(),
        tr!(
            "`{id}` is a record of the national registry, which this province keeps as a read-only copy: only `dabir national vendor` changes it",
            "«{id}» سابقه‌ای از ثبت ملی است که این استان رونوشتی فقط‌خواندنی از آن دارد: تنها `dabir national vendor` آن را تغییر می‌دهد"
        ),
    );
    if let StoreError::Refused { help, .. } = &mut e {
        *help = Some(tr!(
            "ask the national office to change it in the national repository, then copy the registry again (`dabir national vendor --remote national`)",
            "از دفتر ملی بخواهید آن را در مخزن ملی تغییر دهد و سپس ثبت ملی را دوباره رونوشت کنید (`dabir national vendor --remote national`)"
        ));
    }
    Err(e)
}

/// Every reference the record makes names a record of the right kind: staged, in the
/// province, or elsewhere in HEAD's tree (R-REF-1).
fn refuse_missing_refs(
    p: &Province<'_>,
    staged: &BTreeMap<String, (String, Record)>,
    path: &str,
    rec: &Record,
) -> Result<(), StoreError> {
    for r in rec.refs() {
        let exists = match staged.get(r.id) {
            Some((_, x)) => x.kind() == r.kind,
            None => match p.records.iter().position(|(_, x)| x.id() == r.id) {
                Some(i) => p.records[i].1.kind() == r.kind,
                None => p.elsewhere(r.kind, r.id),
            },
        };
        if exists {
            continue;
        }
        // Named, but as another kind, or not at all: check's own judgement (R-REF-1, or
        // R-REF-2 for a national id the province cannot resolve).
        let found = match staged.get(r.id) {
            Some((fp, x)) => Some((x.kind(), fp.as_str())),
            None => p
                .records
                .iter()
                .find(|(_, x)| x.id() == r.id)
                .map(|(fp, x)| (x.kind(), fp.as_str())),
        };
        let held = p.national.held;
        let registry = || held;
        let Some(u) = check::unresolved(p.config, r.id, r.kind, found, &registry) else {
            continue;
        };
        let pointer = &r.pointer;
        let message = u.message;
        let (en, fa) = (&message.en, &message.fa);
        let mut e = refuse(
            u.rule,
            path.to_string(),
            tr!("{pointer}: {en}", "{pointer}: {fa}"),
        );
        if let StoreError::Refused { help, .. } = &mut e {
            *help = Some(u.help);
        }
        return Err(e);
    }
    Ok(())
}

/// Files that are not records (attachments): new paths only, committed as they are.
fn attachment_files(
    added_files: BTreeMap<String, Vec<u8>>,
    tree: &Tree<'_>,
    files: &mut Vec<File>,
) -> Result<(), StoreError> {
    for (path, bytes) in added_files {
        if blob_at(tree, &path).is_some() {
            return Err(refuse(
                "R-ATT-3",
                path.clone(),
                tr!(
                    "`{path}` is already in the repository",
                    "«{path}» پیش‌تر در مخزن هست"
                ),
            ));
        }
        files.push((path, bytes, None));
    }
    Ok(())
}

/// The findings of the old state: kept by the last write when it left this very state,
/// otherwise the rules run on it.
fn findings_before(
    findings_file: &Path,
    old_key: u64,
    config: &Config,
    as_of: JDate,
    records: &[(String, Record)],
    national: &[(String, Record)],
) -> Counts {
    match cache::load_findings(findings_file, old_key) {
        Some(c) => c
            .into_iter()
            .map(|(r, f, rec, n)| ((r, f, rec), n as usize))
            .collect(),
        None => counts(&rules::run(
            &rules::Context::new(config, as_of, records).with_national(national),
        )),
    }
}

/// The new state: each staged record in place of its file's old version, or added.
/// Returns the ids of the records added.
fn apply_staged<'o>(
    loaded: &mut Loaded,
    staged: &BTreeMap<String, (String, Record)>,
    order: &'o [String],
) -> Vec<&'o str> {
    let mut created: Vec<&str> = Vec::new();
    for id in order {
        let (path, rec) = staged[id].clone();
        match loaded.records.iter().position(|(p, _)| *p == path) {
            Some(i) => loaded.records[i].1 = rec,
            None => {
                created.push(id);
                loaded.records.push((path, rec));
                loaded.oids.push(Oid::ZERO_SHA1);
            }
        }
    }
    created
}

/// The rules on the new state.
fn rules_after(
    config: &Config,
    as_of: JDate,
    records: &[(String, Record)],
    national: &[(String, Record)],
    trace: &Trace,
) -> Vec<Finding> {
    let ctx = rules::Context::new(config, as_of, records).with_national(national);
    trace.mark("context");
    let after = rules::run(&ctx);
    drop(ctx);
    trace.mark("rules");
    after
}

/// An error the new state adds refuses the write, naming its rule.
fn refuse_new_errors(
    before: Counts,
    after: &[Finding],
    created: &[&str],
) -> Result<(), StoreError> {
    if let Some(f) = new_errors(before, after, created) {
        let mut e = refuse(f.rule, f.file.clone(), f.message.clone());
        if let (StoreError::Refused { help, .. }, Some(h)) = (&mut e, &f.help) {
            *help = Some(h.clone());
        }
        return Err(e);
    }
    Ok(())
}

/// The unified diff of the files the commit writes.
fn diff(repo: &Repository, files: &[File], binary: &[String]) -> Result<String, StoreError> {
    let mut diff = String::new();
    for (path, bytes, old) in files {
        if binary.contains(path) {
            let n = bytes.len();
            diff.push_str(&format!(
                "--- /dev/null\n+++ b/{path}\nBinary file b/{path} ({n} bytes)\n"
            ));
            continue;
        }
        let old_text = match old {
            Some(oid) => String::from_utf8_lossy(repo.find_blob(*oid)?.content()).into_owned(),
            None => String::new(),
        };
        let new_text = String::from_utf8_lossy(bytes).into_owned();
        let (a, b) = (
            if old.is_some() {
                format!("a/{path}")
            } else {
                "/dev/null".into()
            },
            format!("b/{path}"),
        );
        diff.push_str(
            &similar::TextDiff::from_lines(&old_text, &new_text)
                .unified_diff()
                .context_radius(3)
                .header(&a, &b)
                .to_string(),
        );
    }
    Ok(diff)
}

/// Step 5: every touched file must be clean before anything is written.
fn refuse_dirty(repo: &Repository, index: &git2::Index, files: &[File]) -> Result<(), StoreError> {
    for (path, _, old) in files {
        if let Some(reason) = git::dirty_reason(repo, index, path, *old)? {
            return Err(StoreError::Dirty {
                path: path.clone(),
                reason,
            });
        }
    }
    Ok(())
}

/// Who makes the commit: its author and committer, and the signer git's config asks for.
struct Who {
    author: git2::Signature<'static>,
    committer: git2::Signature<'static>,
    signer: Option<sign::Signer>,
}

impl Who {
    /// `author`: `--author`; `sign`: `--sign`/`--no-sign` (see [`Options`]).
    fn of(repo: &Repository, author: Option<&str>, sign: Option<bool>) -> Result<Who, StoreError> {
        let (author, committer) = git::signatures(repo, author)?;
        let signer = sign::Signer::from_config(repo, sign)?;
        Ok(Who {
            author,
            committer,
            signer,
        })
    }

    /// The commit of `tree` on `branch`, whose tip must still be `head`.
    fn commit(
        &self,
        repo: &Repository,
        (branch, head): (&str, Option<Oid>),
        tree: Oid,
        message: &str,
    ) -> Result<Oid, StoreError> {
        git::commit(
            repo,
            branch,
            head,
            tree,
            &self.author,
            &self.committer,
            message,
            self.signer.as_ref(),
        )
    }
}

/// Write: blobs, the tree along the changed paths, and `commit` on it (a compare-and-swap
/// of the branch), with the journal begun before. `head` is the parent and its tree
/// (`None`: the first commit). Returns the tree, the commit, and each written file: path,
/// new blob, whether HEAD had it.
fn commit_files(
    repo: &Repository,
    git_dir: &Path,
    head: Option<(Oid, &Tree<'_>)>,
    files: &[File],
    commit: impl FnOnce(Oid) -> Result<Oid, StoreError>,
) -> Result<(Oid, Oid, Vec<WrittenFile>), StoreError> {
    let mut changes = Vec::new();
    let mut written: Vec<WrittenFile> = Vec::new();
    for (path, bytes, old) in files {
        let oid = repo.blob(bytes)?;
        written.push((path.clone(), oid, old.is_some()));
        changes.push((path.as_str(), Some(oid)));
    }
    failpoint::hit("after-blobs")?;
    let journaled: Vec<(&str, Oid)> = changes
        .iter()
        .map(|&(p, o)| (p, o.expect("a blob")))
        .collect();
    journal::begin(git_dir, head.map(|(oid, _)| oid), &journaled)?;
    // Until the branch moves, a failure leaves nothing to finish.
    let (new_tree, commit) = git::build_tree(repo, head.map(|(_, tree)| tree), &changes)
        .map_err(StoreError::from)
        .and_then(|t| {
            failpoint::hit("after-tree")?;
            Ok((t, commit(t)?))
        })
        .inspect_err(|_| journal::end(git_dir))?;
    Ok((new_tree, commit, written))
}

/// A written file: path, new blob, whether HEAD had it.
type WrittenFile = (String, Oid, bool);
type Written = [WrittenFile];

/// The blob a file has after the commit: the new one if it was written.
fn now_oid(written: &Written, path: &str, oid: Oid) -> Oid {
    written
        .iter()
        .find(|(p, _, _)| p == path)
        .map_or(oid, |(_, o, _)| *o)
}

/// The key of the state the commit made: every listed file at its blob now, and the
/// files it added.
fn state_key_after(
    listed: &[Listed],
    written: &Written,
    config: Oid,
    national: u64,
    as_of: JDate,
) -> u64 {
    let added: Vec<(String, Oid)> = written
        .iter()
        .filter(|(_, _, had)| !had)
        .map(|(p, o, _)| (p.clone(), *o))
        .collect();
    state_key(
        listed
            .iter()
            .map(|l| (l.path.as_str(), now_oid(written, &l.path, l.oid)))
            .chain(added.iter().map(|(p, o)| (p.as_str(), *o))),
        config,
        national,
        as_of,
    )
}

/// The findings of the new state, kept as the "before" of the next write.
fn save_findings_after(findings_file: &Path, new_key: u64, after: &[Finding]) {
    let kept = counts(after)
        .into_iter()
        .map(|((r, f, rec), n)| (r, f, rec, n as u32))
        .collect();
    let _ = cache::save_findings(findings_file, new_key, kept);
}

/// The listing of the new tree and, when it is due, the record cache (HEAD's blobs now,
/// `written` giving each file's new blob); otherwise the records are freed on a thread
/// nobody waits for, as the process is about to end.
fn save_listing_and_cache(
    files: ProvinceFiles,
    next_listing: Result<Listing, git2::Error>,
    loaded: Loaded,
    written: &Written,
) {
    let Loaded {
        records,
        oids,
        invalid,
        rewrite_cache,
        ..
    } = loaded;
    if let Ok(l) = next_listing {
        let _ = l.save(&files.listing);
    }
    if rewrite_cache {
        let entries = records
            .into_iter()
            .zip(oids)
            .map(|((path, rec), oid)| {
                let oid = now_oid(written, &path, oid);
                (oid, rec.kind(), Some(rec))
            })
            .chain(invalid.into_iter().map(|(oid, kind)| (oid, kind, None)));
        let _ = Cache::save(&files.cache, entries);
    } else {
        std::thread::spawn(move || drop(records));
    }
}

/// Approved minutes are locked (R-MTG-9): a write may not change what
/// [`crate::model::lock`] says approval locks, in a meeting or in its decisions.
/// `old` is the whole previous version of `new`, `records` the province as the rules see
/// it.
fn locked_minutes(
    records: &[(String, Record)],
    old: Option<&Record>,
    new: &Record,
    path: &str,
) -> Result<(), StoreError> {
    let find = |id: &str| records.iter().find(|(_, r)| r.id() == id).map(|(_, r)| r);
    let (meeting, pointer) = match (old, new) {
        (Some(Record::Meeting(old)), Record::Meeting(new)) => {
            (old, crate::model::lock::meeting_change(old, new))
        }
        (Some(Record::Decision(old)), Record::Decision(new)) => {
            let Some(Record::Meeting(meeting)) = find(&old.meeting) else {
                return Ok(());
            };
            (
                meeting,
                crate::model::lock::decision_change(meeting, old, new),
            )
        }
        _ => return Ok(()),
    };
    match pointer {
        None => Ok(()),
        Some(p) => Err(crate::model::lock::refusal(meeting, path.to_string(), &p).into()),
    }
}
