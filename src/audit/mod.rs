//! `dabir audit`: who changed what, under which authority, read from the git history.
//!
//! One walk over the commits of `--rev` (default `HEAD`) not reachable from `--since`,
//! oldest first. Each commit is judged by the policy (`policy.yaml`, [`policy`]) of its
//! first parent, as sequoia-git and gittuf judge: a policy change is valid only if the
//! previous policy let its signer change the policy, and the first policy only if its
//! signer is a trust root pinned outside the history (`--trust`, or git config
//! `dabir.trust`). Signatures are verified once per commit, in parallel ([`verify`]);
//! a revoked key's window ends on its revocation date, so what it signed before stays
//! valid. Approved minutes changed afterwards are found by R-MTG-9's own comparison
//! (`rules::meeting`), not a second one. Recorded checkpoints ([`checkpoint`]) must still
//! be ancestors of the audited head.
//!
//! Every finding names its rule (`R-AUD-n`, stable), the commit, and the file it is about.

pub mod checkpoint;
pub mod policy;
pub mod verify;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use git2::{Oid, Repository, Sort};
use rayon::prelude::*;

use crate::diag::{Anchor, Finding, Text};
use crate::model::id::province_of;
use crate::model::{JDate, Kind, Record, Role as SeatRole};
use crate::rules::Rule;
use crate::store::action::{ActionName, TRAILER_ACTION, TRAILER_DECISION};
use crate::tr;
use policy::{Act, Policy};
use verify::Verdict;

/// What the audit needs besides the repository.
pub struct Options<'a> {
    /// A directory of the records repository (the records root or inside it).
    pub dir: &'a Path,
    /// The head audited (default `HEAD`).
    pub rev: Option<&'a str>,
    /// Audit only commits not reachable from this one.
    pub since: Option<&'a str>,
    /// Trust-root fingerprints given on the command line; git config `dabir.trust` adds
    /// more.
    pub trust: &'a [String],
    pub as_of: JDate,
}

/// Why an audit could not run.
#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error("{0}")]
    BadRev(String),
    #[error("git: {0}")]
    Git(#[from] git2::Error),
    #[error("{0}")]
    NotARepo(String),
    #[error(transparent)]
    Repo(#[from] crate::repo::RepoError),
}

/// An audit's findings and how many commits it read.
pub struct Outcome {
    pub findings: Vec<Finding>,
    pub commits: usize,
}

/// One commit, as the sequential pass reads it.
struct Item {
    oid: Oid,
    time: i64,
    date: Option<JDate>,
    author: String,
    /// The latest committer time of its parents.
    parent_time: Option<i64>,
    /// The policy in force: its first parent's.
    policy: Option<Arc<Result<Policy, Text>>>,
    /// The policy this commit writes, when it changes policy.yaml.
    new_policy: Option<Arc<Result<Policy, Text>>>,
    /// Records-root-relative paths changed (against the first parent).
    changed: Vec<String>,
    action: Option<String>,
    merge: bool,
    authority: Option<Authority>,
    second_root: Option<Oid>,
    sig: Option<(Vec<u8>, Vec<u8>)>,
}

/// What a `Dabir-Decision` trailer names, read from the commit's own tree.
struct Authority {
    decision: String,
    /// Whether the decision exists and its minutes were approved on or before the date.
    approved_on: Option<Option<JDate>>,
    committee: Option<String>,
    /// People holding the committee's secretary seat on the commit's date.
    secretaries: Vec<String>,
}

/// The keys trusted to sign: `--trust`, then git's `dabir.trust`.
fn trusted(repo: &Repository, opts: &Options<'_>) -> Vec<String> {
    let mut trust: Vec<String> = opts.trust.to_vec();
    if let Ok(cfg) = repo.config()
        && let Ok(mut entries) = cfg.multivar("dabir.trust", None)
    {
        while let Some(Ok(e)) = entries.next() {
            if let Ok(v) = e.value() {
                trust.push(v.to_string());
            }
        }
    }
    trust
}

/// The OpenPGP program git's config names (`gpg` by default).
fn gpg_program(repo: &Repository) -> String {
    repo.config()
        .ok()
        .and_then(|c| {
            c.get_string("gpg.openpgp.program")
                .or_else(|_| c.get_string("gpg.program"))
                .ok()
        })
        .unwrap_or_else(|| "gpg".into())
}

/// Run the audit.
pub fn run(opts: &Options<'_>) -> Result<Outcome, AuditError> {
    git2::opts::strict_hash_verification(false);
    let repo = Repository::discover(opts.dir)?;
    let prefix = prefix_of(&repo, opts.dir)?;
    let head = resolve(&repo, opts.rev.unwrap_or("HEAD"))?;
    let since = opts.since.map(|s| resolve(&repo, s)).transpose()?;
    let trust = trusted(&repo, opts);
    let gpg = gpg_program(&repo);

    let mut walk = repo.revwalk()?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE)?;
    walk.push(head)?;
    if let Some(s) = since {
        walk.hide(s)?;
    }
    let mut policies: HashMap<Oid, Arc<Result<Policy, Text>>> = HashMap::new();
    let mut roots: HashMap<Oid, Oid> = HashMap::new();
    let mut items = Vec::new();
    for oid in walk {
        let oid = oid?;
        let commit = repo.find_commit(oid)?;
        let tree = commit.tree()?;
        let parent = commit.parent(0).ok();
        let parent_tree = parent.as_ref().map(|p| p.tree()).transpose()?;
        let policy_at =
            |t: &git2::Tree<'_>, cache: &mut HashMap<Oid, Arc<Result<Policy, Text>>>| {
                let entry = t
                    .get_path(Path::new(&format!("{prefix}{}", policy::FILE)))
                    .ok()?;
                let id = entry.id();
                if let Some(p) = cache.get(&id) {
                    return Some(p.clone());
                }
                let blob = repo.find_blob(id).ok()?;
                let p = Arc::new(Policy::parse(blob.content()));
                cache.insert(id, p.clone());
                Some(p)
            };
        let policy = parent_tree
            .as_ref()
            .and_then(|t| policy_at(t, &mut policies));
        let mine = policy_at(&tree, &mut policies);
        let new_policy = match (&policy, &mine) {
            (Some(a), Some(b)) if Arc::ptr_eq(a, b) => None,
            (_, m) => m.clone(),
        };
        let changed = changed_paths(&repo, parent_tree.as_ref(), &tree, &prefix)?;
        let message = commit.message_raw_bytes();
        let message = String::from_utf8_lossy(message);
        let trailer = |key: &str| {
            git2::message_trailers_strs(&message).ok().and_then(|t| {
                t.iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(key))
                    .map(|(_, v)| v.trim().to_string())
            })
        };
        let date = commit_date(commit.time().seconds());
        let authority = trailer(TRAILER_DECISION)
            .filter(|_| {
                changed.iter().any(|p| {
                    p.starts_with("decisions/")
                        || p.starts_with("plans/")
                        || p.starts_with("committees/")
                })
            })
            .map(|d| authority(&repo, &tree, &prefix, &d, date));
        let parents: Vec<Oid> = commit.parent_ids().collect();
        let root = match parents.first() {
            None => oid,
            Some(p) => root_of(&repo, *p, &mut roots)?,
        };
        roots.insert(oid, root);
        let mut second_root = None;
        for p in parents.iter().skip(1) {
            let r = root_of(&repo, *p, &mut roots)?;
            if r != root {
                second_root = Some(r);
            }
        }
        let parent_time = commit
            .parents()
            .map(|p| p.committer().when().seconds())
            .max();
        items.push(Item {
            oid,
            time: commit.committer().when().seconds(),
            date,
            author: commit.author().name().unwrap_or_default().to_string(),
            parent_time,
            policy,
            new_policy,
            changed,
            action: trailer(TRAILER_ACTION),
            merge: parents.len() > 1,
            authority,
            second_root,
            sig: verify::extract(&repo, oid),
        });
    }
    let commits = items.len();
    let mut findings = judge_all(&items, &gpg, &trust);

    // Approved minutes changed afterwards: R-MTG-9's own comparison, over the audited
    // head, keeping what the audited commits did.
    let walked: HashSet<String> = items.iter().map(|i| i.oid.to_string()).collect();
    findings.extend(
        locked_changes(opts, &head.to_string())?
            .into_iter()
            .filter(|f| f.commit.as_ref().is_some_and(|c| walked.contains(c))),
    );
    findings.extend(checkpoint::verify(&repo, head, &gpg, &trust)?);
    Ok(Outcome { findings, commits })
}

/// Each commit's signature verified, then judged, in parallel.
fn judge_all(items: &[Item], gpg: &str, trust: &[String]) -> Vec<Finding> {
    let verdicts: Vec<Verdict> = items
        .par_iter()
        .map(|i| match &i.sig {
            None => Verdict::Unsigned,
            Some((sig, data)) => verify::verify(sig, data, gpg),
        })
        .collect();
    items
        .par_iter()
        .zip(verdicts.par_iter())
        .flat_map_iter(|(item, verdict)| judge(item, verdict, trust))
        .collect()
}

/// R-MTG-9's findings at `rev`.
fn locked_changes(opts: &Options<'_>, rev: &str) -> Result<Vec<Finding>, AuditError> {
    let root = crate::repo::discover(opts.dir).unwrap_or_else(|_| opts.dir.to_path_buf());
    let Some(history) = crate::rules::history::History::open(&root, Some(rev))? else {
        return Ok(Vec::new());
    };
    let source = crate::repo::open(opts.dir, Some(rev))?;
    let outcome = crate::check::run(
        &*source,
        crate::check::Options {
            as_of: opts.as_of,
            history: Some(&history),
            domain_rules: true,
            cache: None,
        },
    )?;
    Ok(outcome
        .findings
        .into_iter()
        .filter(|f| f.rule == "R-MTG-9")
        .collect())
}

fn resolve(repo: &Repository, rev: &str) -> Result<Oid, AuditError> {
    repo.revparse_single(rev)
        .and_then(|o| o.peel_to_commit())
        .map(|c| c.id())
        .map_err(|e| AuditError::BadRev(format!("{rev}: {}", e.message())))
}

/// The records root inside the git work tree, `""` or `sample-province/`.
fn prefix_of(repo: &Repository, dir: &Path) -> Result<String, AuditError> {
    let root = crate::repo::discover(dir).unwrap_or_else(|_| dir.to_path_buf());
    let Some(workdir) = repo.workdir() else {
        return Ok(String::new());
    };
    let (Ok(root), Ok(workdir)) = (root.canonicalize(), workdir.canonicalize()) else {
        return Ok(String::new());
    };
    let rel = root
        .strip_prefix(&workdir)
        .map_err(|_| AuditError::NotARepo(root.display().to_string()))?;
    let mut prefix = String::new();
    for c in rel.components() {
        prefix.push_str(&c.as_os_str().to_string_lossy());
        prefix.push('/');
    }
    Ok(prefix)
}

/// The paths (records-root-relative) a commit changed against its first parent.
fn changed_paths(
    repo: &Repository,
    old: Option<&git2::Tree<'_>>,
    new: &git2::Tree<'_>,
    prefix: &str,
) -> Result<Vec<String>, git2::Error> {
    let mut o = git2::DiffOptions::new();
    if !prefix.is_empty() {
        o.pathspec(prefix);
    }
    let diff = repo.diff_tree_to_tree(old, Some(new), Some(&mut o))?;
    Ok(diff
        .deltas()
        .filter_map(|d| {
            let p = d.new_file().path().or(d.old_file().path())?;
            let p = p.to_str()?;
            p.strip_prefix(prefix).map(str::to_string)
        })
        .collect())
}

/// The root commit reached by first parents from `oid`, remembered for every commit on
/// the way.
fn root_of(repo: &Repository, oid: Oid, roots: &mut HashMap<Oid, Oid>) -> Result<Oid, git2::Error> {
    let mut path = Vec::new();
    let mut at = oid;
    let root = loop {
        if let Some(r) = roots.get(&at) {
            break *r;
        }
        path.push(at);
        match repo.find_commit(at)?.parent_id(0) {
            Ok(p) => at = p,
            Err(_) => break at,
        }
    };
    for c in path {
        roots.insert(c, root);
    }
    Ok(root)
}

/// A commit time as a Solar Hijri date, Iran time.
pub fn commit_date(seconds: i64) -> Option<JDate> {
    use chrono::Datelike;
    let t = chrono::DateTime::from_timestamp(seconds, 0)?.with_timezone(&crate::clock::iran());
    JDate::from_gregorian(t.year(), t.month() as u8, t.day() as u8)
}

/// Read what a `Dabir-Decision` trailer names from the commit's tree.
fn authority(
    repo: &Repository,
    tree: &git2::Tree<'_>,
    prefix: &str,
    decision: &str,
    date: Option<JDate>,
) -> Authority {
    let read = |kind: Kind, id: &str| -> Option<Record> {
        let path = kind.path_of(id).ok()?;
        let entry = tree.get_path(Path::new(&format!("{prefix}{path}"))).ok()?;
        let blob = repo.find_blob(entry.id()).ok()?;
        let mut ignored = Vec::new();
        crate::check::parse_record(&path, kind, blob.content(), &mut ignored)
    };
    let mut a = Authority {
        decision: decision.to_string(),
        approved_on: None,
        committee: None,
        secretaries: Vec::new(),
    };
    let Some(Record::Decision(d)) = read(Kind::Decision, decision) else {
        return a;
    };
    let Some(Record::Meeting(m)) = read(Kind::Meeting, &d.meeting) else {
        a.approved_on = Some(None);
        return a;
    };
    a.approved_on = Some(m.minutes.as_ref().and_then(|x| x.approved_on));
    if let (Some(Record::Committee(c)), Some(date)) = (read(Kind::Committee, &m.committee), date) {
        a.secretaries = c
            .memberships
            .iter()
            .filter(|s| s.role == SeatRole::Secretary && s.current_on(date))
            .map(|s| s.person.clone())
            .collect();
    }
    a.committee = Some(m.committee);
    a
}

/// The findings of one commit: its signature, the policy change it makes, its signer's
/// rights, the authority it names, and where it comes from.
fn judge(item: &Item, verdict: &Verdict, trust: &[String]) -> Vec<Finding> {
    let mut j = Judging::new(item, trust);
    let fingerprint = j.signature(verdict);
    // The policy this commit is judged by, and whether its own policy change holds.
    let in_force: Option<&Policy> = match item.policy.as_deref() {
        Some(Ok(p)) => Some(p),
        _ => None,
    };
    if let Some(new) = &item.new_policy {
        j.policy_change(new, in_force, fingerprint);
    }
    let signer = j.signer(in_force, fingerprint);
    if let Some(s) = signer {
        j.signer_window(s);
        j.signer_acts(s);
        j.signer_records(s);
    }
    if let Some(a) = &item.authority {
        j.authority(a, signer);
    }
    j.provenance();
    j.out
}

/// One commit being judged: what its messages name, and the findings so far.
struct Judging<'a> {
    item: &'a Item,
    trust: &'a [String],
    /// The commit id, shortened.
    short: String,
    /// Its date, Solar Hijri.
    when: String,
    /// The first file it changes (`.` for none): where a finding about the commit points.
    file: String,
    out: Vec<Finding>,
}

impl<'a> Judging<'a> {
    fn new(item: &'a Item, trust: &'a [String]) -> Judging<'a> {
        Judging {
            item,
            trust,
            short: item.oid.to_string()[..10].to_string(),
            when: item.date.map(|d| d.to_string()).unwrap_or_default(),
            file: item
                .changed
                .first()
                .cloned()
                .unwrap_or_else(|| ".".to_string()),
            out: Vec::new(),
        }
    }

    /// A finding of `rule` on `file`, with the commit (and the record the file is).
    fn emit_at(&mut self, rule: Rule, file: &str, msg: Text) {
        let mut f = Finding::new(rule.id(), rule.severity(), file, Anchor::File, msg)
            .commit(self.item.oid.to_string());
        if let Some(id) = record_id(file) {
            f = f.record(id);
        }
        self.out.push(f);
    }

    /// A finding of `rule` on the commit's first file.
    fn emit(&mut self, rule: Rule, msg: Text) {
        let file = self.file.clone();
        self.emit_at(rule, &file, msg);
    }

    fn trusted(&self, f: &str) -> bool {
        self.trust.iter().any(|t| policy::same_key(t, f))
    }

    /// R-AUD-1, R-AUD-2: the signature; the signing key's fingerprint when it verifies.
    fn signature(&mut self, verdict: &'a Verdict) -> Option<&'a str> {
        let (short, when, who) = (&self.short, &self.when, &self.item.author);
        match verdict {
            Verdict::Unsigned => {
                let msg = tr!(
                    "commit {short} ({when}, {who}) is not signed",
                    "کامیت {short} ({when}، {who}) امضا ندارد"
                );
                self.emit(crate::rule!("R-AUD-1"), msg);
                None
            }
            Verdict::Bad(why) | Verdict::Unverifiable(why) => {
                let msg = tr!(
                    "the signature of commit {short} ({when}, {who}) does not verify: {why}",
                    "امضای کامیت {short} ({when}، {who}) درست نیست: {why}"
                );
                self.emit(crate::rule!("R-AUD-2"), msg);
                None
            }
            Verdict::Good(f) => Some(f.as_str()),
        }
    }

    /// R-AUD-7: a commit that writes the policy must write a usable one, signed by a key
    /// the previous policy lets change it (the first policy: by a trust root).
    fn policy_change(
        &mut self,
        new: &Result<Policy, Text>,
        in_force: Option<&Policy>,
        fingerprint: Option<&str>,
    ) {
        let (short, when, who) = (self.short.clone(), self.when.clone(), &self.item.author);
        let pf = policy::FILE;
        let rule = crate::rule!("R-AUD-7");
        if let Err(why) = new {
            let (en, fa) = (&why.en, &why.fa);
            let msg = tr!(
                "commit {short} writes a policy that cannot be used: {en}",
                "کامیت {short} سیاستی نوشته که به کار نمی‌آید: {fa}"
            );
            self.emit_at(rule, pf, msg);
        }
        let msg = match (in_force, fingerprint) {
            (_, None) => tr!(
                "commit {short} ({when}, {who}) changes the policy without a valid signature",
                "کامیت {short} ({when}، {who}) بی امضای درست سیاست امضا را تغییر داده است"
            ),
            (None, Some(f)) if self.trust.is_empty() => tr!(
                "commit {short} writes the first policy, signed by {f}, but no trust root is pinned: pass --trust FINGERPRINT or set git config dabir.trust",
                "کامیت {short} نخستین سیاست را با امضای {f} نوشته ولی ریشه اعتمادی تعیین نشده است: ‎--trust‎ یا git config dabir.trust را بدهید"
            ),
            (None, Some(f)) if !self.trusted(f) => tr!(
                "commit {short} writes the first policy signed by {f}, which is not a trust root",
                "کامیت {short} نخستین سیاست را با امضای {f} نوشته که ریشه اعتماد نیست"
            ),
            (None, Some(_)) => return,
            (Some(p), Some(f)) => {
                let ok = p.signer(f).is_some_and(|s| {
                    s.may(Act::Policy) && self.item.date.is_some_and(|d| s.in_window(d))
                });
                if ok {
                    return;
                }
                tr!(
                    "commit {short} ({when}, {who}) changes the policy, signed by {f}, which the previous policy does not allow to change it",
                    "کامیت {short} ({when}، {who}) سیاست امضا را با امضای {f} تغییر داده که سیاست پیشین چنین اجازه‌ای به آن نمی‌دهد"
                )
            }
        };
        self.emit_at(rule, pf, msg);
    }

    /// R-AUD-3: the signer, by the policy in force (the first policy judges its own
    /// commit when a trust root signed it).
    fn signer(
        &mut self,
        in_force: Option<&'a Policy>,
        fingerprint: Option<&str>,
    ) -> Option<&'a policy::Signer> {
        let item = self.item;
        let judge_by: Option<&Policy> = in_force.or(match item.new_policy.as_deref() {
            Some(Ok(p)) if fingerprint.is_some_and(|f| self.trusted(f)) => Some(p),
            _ => None,
        });
        let (short, when, who) = (&self.short, &self.when, &item.author);
        let msg = match (fingerprint, judge_by) {
            (Some(f), Some(p)) => match p.signer(f) {
                Some(s) => return Some(s),
                None => tr!(
                    "commit {short} ({when}, {who}) is signed by {f}, a key the policy does not know",
                    "کامیت {short} ({when}، {who}) با کلید {f} امضا شده که سیاست امضا آن را نمی‌شناسد"
                ),
            },
            (Some(f), None) if !self.trusted(f) => tr!(
                "commit {short} ({when}, {who}) is signed by {f}, but there is no policy yet and the key is not a trust root",
                "کامیت {short} ({when}، {who}) با کلید {f} امضا شده ولی هنوز سیاستی نیست و کلید ریشه اعتماد نیست"
            ),
            _ => return None,
        };
        self.emit(crate::rule!("R-AUD-3"), msg);
        None
    }

    /// R-AUD-6: the key signed within its window.
    fn signer_window(&mut self, s: &policy::Signer) {
        let Some(d) = self.item.date.filter(|d| !s.in_window(*d)) else {
            return;
        };
        let why = match s.revoked {
            Some(r) if r <= d => tr!("revoked on {r}", "باطل‌شده در {r}"),
            _ => {
                let (from, until) = (s.from, s.until.map(|u| u.to_string()).unwrap_or_default());
                tr!("valid {from}..{until}", "معتبر {from} تا {until}")
            }
        };
        let (short, when, person) = (&self.short, &self.when, &s.person);
        let (en, fa) = (&why.en, &why.fa);
        let msg = tr!(
            "commit {short} ({when}) is signed by the key of {person} outside its window ({en})",
            "کامیت {short} ({when}) با کلید {person} بیرون از بازه اعتبارش امضا شده است ({fa})"
        );
        self.emit(crate::rule!("R-AUD-6"), msg);
    }

    /// R-AUD-4: what the commit does (the config, an approval, a record write) is among
    /// what the key's roles allow.
    fn signer_acts(&mut self, s: &policy::Signer) {
        let item = self.item;
        let mut acts = Vec::new();
        if item
            .changed
            .iter()
            .any(|p| p == crate::model::config::CONFIG_FILE || p == crate::rules::waiver::FILE)
        {
            acts.push(Act::Config);
        }
        match item.action.as_deref().and_then(ActionName::parse) {
            Some(a) if a.is_approval() => acts.push(Act::Approve),
            _ if item.changed.iter().any(|p| record_id(p).is_some()) => acts.push(Act::Record),
            _ => {}
        }
        for act in acts.into_iter().filter(|a| !s.may(*a)) {
            let (short, when, person) = (&self.short, &self.when, &s.person);
            let (en, fa) = (act.name(), act.name_fa());
            let msg = tr!(
                "commit {short} ({when}) is a {en}, which the roles of {person}'s key do not allow",
                "کامیت {short} ({when}) {fa} است که نقش‌های کلید {person} آن را روا نمی‌دارد"
            );
            self.emit(crate::rule!("R-AUD-4"), msg);
        }
    }

    /// R-AUD-4 and R-AUD-5 per changed record: a kind and a province the key may change
    /// (the province once per commit).
    fn signer_records(&mut self, s: &policy::Signer) {
        let mut provinces_reported = false;
        let (short, when, person) = (self.short.clone(), self.when.clone(), &s.person);
        for p in &self.item.changed {
            let Some(id) = record_id(p) else { continue };
            let kind = Kind::from_dir(p.split('/').next().unwrap_or_default());
            if let Some(k) = kind.filter(|k| !s.may_change_kind(*k)) {
                let (en, fa) = (k.name(), k.name_fa());
                let msg = tr!(
                    "commit {short} ({when}) changes {id}, a {en}, a kind the key of {person} may not change",
                    "کامیت {short} ({when}) {id} را تغییر داده، یک {fa}، که کلید {person} اجازه تغییر آن نوع را ندارد"
                );
                self.emit_at(crate::rule!("R-AUD-4"), p, msg);
            }
            let prov = province_of(&id);
            // The national registry a province copies (`NAT-` records, brought in by
            // `national vendor` or `programme adopt`, or with the province's first
            // import) is the national office's content, not an act in another province;
            // any other dabir write of a `NAT-` record is judged (a hand edit is R-AUD-10).
            let national_copy =
                prov == crate::check::NATIONAL
                    && self.item.action.as_deref().is_none_or(|a| {
                        ActionName::parse(a).is_some_and(ActionName::copies_national)
                    });
            if !provinces_reported && !national_copy && !s.provinces.iter().any(|x| x == prov) {
                provinces_reported = true;
                let msg = tr!(
                    "commit {short} ({when}) changes {id} of province {prov}, outside the provinces of {person}'s key",
                    "کامیت {short} ({when}) {id} از استان {prov} را تغییر داده که بیرون از استان‌های کلید {person} است"
                );
                self.emit_at(crate::rule!("R-AUD-5"), p, msg);
            }
        }
    }

    /// R-AUD-8, R-AUD-9: the decision the commit names is in force on its date, and its
    /// signer was in the deciding committee's secretariat.
    fn authority(&mut self, a: &Authority, signer: Option<&policy::Signer>) {
        let (short, when, who, d) = (&self.short, &self.when, &self.item.author, &a.decision);
        let approved = match a.approved_on {
            None => Some(tr!("does not exist", "وجود ندارد")),
            Some(None) => Some(tr!("has no approved minutes", "صورتجلسه تأییدشده ندارد")),
            Some(Some(on)) if self.item.date.is_some_and(|c| on > c) => Some(tr!(
                "was approved only on {on}",
                "تنها در {on} تأیید شده است"
            )),
            Some(Some(_)) => None,
        };
        if let Some(why) = approved {
            let (en, fa) = (&why.en, &why.fa);
            let msg = tr!(
                "commit {short} ({when}, {who}) names decision {d} as its authority, which {en}",
                "کامیت {short} ({when}، {who}) به مصوبه {d} استناد کرده که {fa}"
            );
            self.emit(crate::rule!("R-AUD-8"), msg);
        }
        let (Some(s), Some(c)) = (signer, &a.committee) else {
            return;
        };
        let listed = s.committees.iter().any(|x| x == c);
        if !listed && !a.secretaries.iter().any(|p| p == &s.person) {
            let (short, when, person) = (&self.short, &self.when, &s.person);
            let msg = tr!(
                "commit {short} ({when}) acts on decision {d} of {c}, signed by {person}, who was not in that committee's secretariat on that date",
                "کامیت {short} ({when}) به استناد مصوبه {d} از {c} با امضای {person} ساخته شده که در آن تاریخ در دبیرخانه آن کمیته نبوده است"
            );
            self.emit(crate::rule!("R-AUD-9"), msg);
        }
    }

    /// R-AUD-10, R-AUD-11, R-AUD-12: made by dabir, dated after its parents, one root.
    fn provenance(&mut self) {
        let item = self.item;
        let (short, when, who) = (&self.short, &self.when, &item.author);
        let mut found = Vec::new();
        if item.action.is_none() && !item.merge && !item.changed.is_empty() {
            found.push((
                crate::rule!("R-AUD-10"),
                tr!(
                    "commit {short} ({when}, {who}) was not made by dabir (no Dabir-Action trailer): review it",
                    "کامیت {short} ({when}، {who}) را دبیر نساخته است (دنباله Dabir-Action ندارد): بازبینی شود"
                ),
            ));
        }
        if let Some(pt) = item.parent_time.filter(|pt| item.time < *pt) {
            let parent = commit_date(pt).map(|d| d.to_string()).unwrap_or_default();
            found.push((
                crate::rule!("R-AUD-11"),
                tr!(
                    "commit {short} is dated {when}, before its parent ({parent})",
                    "تاریخ کامیت {short} ({when}) پیش از والد آن ({parent}) است"
                ),
            ));
        }
        if let Some(r) = item.second_root {
            let r = &r.to_string()[..10];
            found.push((
                crate::rule!("R-AUD-12"),
                tr!(
                    "merge {short} ({when}, {who}) brings in a history with another root commit ({r})",
                    "ادغام {short} ({when}، {who}) تاریخچه‌ای با کامیت ریشه دیگری ({r}) آورده است"
                ),
            ));
        }
        for (rule, msg) in found {
            self.emit(rule, msg);
        }
    }
}

/// The record id of a records-root-relative path, when it is a record file.
fn record_id(path: &str) -> Option<String> {
    let dir = path.split('/').next()?;
    Kind::from_dir(dir)?;
    let stem = path.rsplit('/').next()?.strip_suffix(".yaml")?;
    Some(stem.to_string())
}
