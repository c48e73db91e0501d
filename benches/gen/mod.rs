//! A deterministic generator of synthetic records repositories in dabir's own format,
//! for the benchmark (`benches/check.rs`). It is bench code, not part of the library:
//! records are built with the model types (`dabir::model::*`), turned into JSON values
//! and written as block YAML by a small emitter ([`yaml`]), one record per file at
//! [`Kind::path_of`].
//!
//! Each province gets the record mix of `benches/README.md`:
//! its bodies and people, the provincial committee, its expert committee, the export
//! working group and a steering council per cluster, with decreed memberships (some
//! replaced on the way); then, year by year, 2-12 provincial meetings and three
//! steering-council meetings per cluster with agendas approved before the meeting,
//! invitations, minutes (7-12 attendees, all members on the day, some substitutes) and
//! 3-8 decisions each, dispatched and followed up; an action plan per cluster in
//! implementation (10-30 activities, 1-3 budget lines each with their money trail,
//! revisions citing a review and a decision); quarterly reports, supervisor reviews and
//! disputes. Text fields are Persian. Records average about 4 KB.
//!
//! The same `(records, provinces, seed)` always gives the same bytes.

#![allow(dead_code)]

pub mod text;
pub mod yaml;

use std::collections::{BTreeMap, HashSet};
use std::io;
use std::path::Path;

use dabir::model::cluster::{Appointment, Assessment, Criteria, Criterion, Stage, StageStep};
use dabir::model::committee::{CommitteeKind, EndReason, Membership, QuorumRule, Role};
use dabir::model::decision::{Dispatch, Followup, FollowupKind, Topic};
use dabir::model::dispute::{DisputeStatus, DisputeStep, Outcome};
use dabir::model::meeting::{Agenda, AgendaItem, Attendee, Invitation, MeetingState, Minutes};
use dabir::model::plan::{Activity, BudgetLine, CostKind, MoneyStep, MoneyStepKind, Revision};
use dabir::model::report::Progress;
use dabir::model::{
    Body, BodyCategory, Cluster, Committee, Decision, DecisionStatus, Dispute, Evidence, JDate,
    Kind, Letter, Meeting, Person, Plan, Record, Report, Review,
};

use text::fa_digits;

/// Bump when the output changes, so cached data sets are regenerated.
pub const VERSION: u32 = 4;

/// Whether `schema/decision.schema.json` admits `topics` (the model has it).
const TOPICS_IN_SCHEMA: bool = true;

/// The first year with meetings; memberships and cluster histories start before it.
const START_YEAR: i64 = 1398;

/// xorshift64*: small, fast, deterministic; plenty for shaping test data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        let mut r = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        for _ in 0..4 {
            r.next();
        }
        r
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
    pub fn int(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % ((hi - lo + 1) as u64)) as i64
    }
    pub fn usize(&mut self, lo: usize, hi: usize) -> usize {
        self.range(lo as u64, hi as u64) as usize
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    pub fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[(self.next() % xs.len() as u64) as usize]
    }
    /// `n` distinct indices of `0..len`, in increasing order.
    pub fn sample(&mut self, len: usize, n: usize) -> Vec<usize> {
        let mut idx: Vec<usize> = (0..len).collect();
        for i in 0..n.min(len) {
            let j = i + (self.next() % (len - i) as u64) as usize;
            idx.swap(i, j);
        }
        idx.truncate(n.min(len));
        idx.sort_unstable();
        idx
    }
}

/// Days in a simplified calendar of 12 months of 29 days: every such day exists in the
/// Solar Hijri calendar, and order is kept.
type T = i64;
const YEAR: T = 12 * 29;

fn t_of(year: i64, month: i64, day: i64) -> T {
    (year - 1200) * YEAR + (month - 1) * 29 + (day - 1)
}
fn jd(t: T) -> JDate {
    let y = 1200 + t.div_euclid(YEAR);
    let r = t.rem_euclid(YEAR);
    JDate::new(y as u16, (r / 29 + 1) as u8, (r % 29 + 1) as u8).expect("days 1-29 always exist")
}
fn year_of(t: T) -> i64 {
    1200 + t.div_euclid(YEAR)
}

/// What a generated data set holds.
#[derive(Clone, Debug, Default)]
pub struct Stats {
    pub records: usize,
    pub bytes: u64,
    pub provinces: usize,
    /// A date after every generated event: pass it as `--as-of`.
    pub as_of: String,
    /// Records and bytes per kind.
    pub by_kind: BTreeMap<&'static str, (usize, u64)>,
}

/// The number of provinces a data set of `records` gets by default: about 3,000 records
/// each, at most the 31 real provinces (more codes are made up past that).
pub fn default_provinces(records: usize) -> usize {
    records.div_ceil(3_300).clamp(1, 31)
}

/// Write a repository of exactly `records` records in `provinces` provinces under `root`
/// (which must be empty or absent).
pub fn generate(root: &Path, records: usize, provinces: usize, seed: u64) -> io::Result<Stats> {
    assert!(
        provinces >= 1 && records / provinces >= 400,
        "need at least 400 records per province"
    );
    std::fs::create_dir_all(root)?;
    let mut stats = Stats {
        provinces,
        ..Stats::default()
    };
    let mut w = Writer {
        root,
        made: HashSet::new(),
        stats: &mut stats,
    };
    let mut as_of = 0;
    for p in 0..provinces {
        let (code, name) = province(p);
        let budget = records / provinces + usize::from(p < records % provinces);
        let mut g = Prov::new(
            &code,
            &name,
            seed ^ (p as u64 + 1).wrapping_mul(0xA24B_AED4_963E_E407),
            budget,
        );
        let last = g.run();
        as_of = as_of.max(last);
        g.finish(&mut w)?;
    }
    let config = if provinces == 1 {
        let (code, name) = province(0);
        format!(
            "province: \"{code}\"\nprovince_name: \"{name}\"\nlanguage: \"fa\"\nbroker: \"{code}-B-SSI\"\nreport_grace_days: 30\ndispatch_days: 14\n"
        )
    } else {
        "province: \"NAT\"\nprovince_name: \"دبیرخانه ملی\"\nlanguage: \"fa\"\nreport_grace_days: 30\ndispatch_days: 14\n".to_string()
    };
    std::fs::write(root.join("dabir.yaml"), config)?;
    stats.as_of = jd(as_of).to_string();
    Ok(stats)
}

fn province(p: usize) -> (String, String) {
    let (code, name) = text::PROVINCES[p % 31];
    if p < 31 {
        (code.to_string(), name.to_string())
    } else {
        // Past the real provinces: a made-up code and name, still unique.
        let suffix = (b'A' + (p / 31 - 1) as u8 % 26) as char;
        (
            format!("{code}{suffix}"),
            format!("{name} {}", fa_digits((p / 31) as u64)),
        )
    }
}

struct Writer<'a> {
    root: &'a Path,
    made: HashSet<String>,
    stats: &'a mut Stats,
}

impl Writer<'_> {
    fn write(&mut self, r: &Record) -> io::Result<()> {
        let kind = r.kind();
        let path = kind
            .path_of(r.id())
            .map_err(|e| io::Error::other(format!("{}: {e}", r.id())))?;
        let dir = &path[..path.rfind('/').unwrap()];
        if self.made.insert(dir.to_string()) {
            std::fs::create_dir_all(self.root.join(dir))?;
        }
        let value = each_value(r);
        let text = yaml::to_yaml(&value);
        std::fs::write(self.root.join(&path), &text)?;
        self.stats.records += 1;
        self.stats.bytes += text.len() as u64;
        let e = self.stats.by_kind.entry(kind.name()).or_default();
        e.0 += 1;
        e.1 += text.len() as u64;
        Ok(())
    }
}

/// The record's inner value (files hold it untagged).
fn each_value(r: &Record) -> serde_json::Value {
    let v = match r {
        Record::Body(x) => serde_json::to_value(x),
        Record::Person(x) => serde_json::to_value(x),
        Record::Committee(x) => serde_json::to_value(x),
        Record::Meeting(x) => serde_json::to_value(x),
        Record::Decision(x) => serde_json::to_value(x),
        Record::Cluster(x) => serde_json::to_value(x),
        Record::Plan(x) => serde_json::to_value(x),
        Record::Report(x) => serde_json::to_value(x),
        Record::Review(x) => serde_json::to_value(x),
        Record::Dispute(x) => serde_json::to_value(x),
        Record::Programme(x) => serde_json::to_value(x),
        Record::Progress(x) => serde_json::to_value(x),
    };
    v.expect("model types serialize")
}

fn letter(rng: &mut Rng, t: T) -> Letter {
    Letter {
        number: text::letter_number(rng),
        date: jd(t),
    }
}

/// What becomes of a decision, decided when it is taken.
#[derive(Clone, Copy)]
enum Fate {
    Done(T),
    Open,
    CarriedOver,
    Cancelled(T),
}

struct Dec {
    d: Decision,
    committee: usize,
    meeting_t: T,
    deadline: T,
    fate: Fate,
}

/// Indices of committees in `Prov::committees`.
const PC: usize = 0;
const EC: usize = 1;
const WG: usize = 2;
const NWG: usize = 3;

struct ClusterGen {
    c: Cluster,
    num: usize,
    implementing: bool,
    firms: [String; 3],
    cda_person: String,
    cda_body: String,
    sc: usize,
    plan: Option<usize>,
    reviews: Vec<(String, T)>,
    review_seq: BTreeMap<i64, usize>,
}

/// One province being generated.
struct Prov {
    code: String,
    name: String,
    rng: Rng,
    budget: usize,
    count: usize,
    /// Records that are final when made.
    done: Vec<Record>,
    person_seq: usize,
    people_names: HashSet<String>,
    head: BTreeMap<String, String>,
    deputy: BTreeMap<String, String>,
    expert: BTreeMap<String, String>,
    supervisors: Vec<String>,
    committees: Vec<Committee>,
    clusters: Vec<ClusterGen>,
    decisions: Vec<Dec>,
    meetings: Vec<(usize, T, String)>,
    plans: Vec<Plan>,
    proposals: Vec<String>,
    meeting_seq: BTreeMap<(usize, i64), usize>,
    dispute_seq: usize,
    last_t: T,
}

/// A thing that happens in a year, in date order.
enum Event {
    Meeting(usize),
    Plan(usize),
    Report(usize, u8),
    Review(usize),
    Dispute,
}

impl Prov {
    fn new(code: &str, name: &str, seed: u64, budget: usize) -> Prov {
        Prov {
            code: code.to_string(),
            name: name.to_string(),
            rng: Rng::new(seed),
            budget,
            count: 0,
            done: Vec::new(),
            person_seq: 0,
            people_names: HashSet::new(),
            head: BTreeMap::new(),
            deputy: BTreeMap::new(),
            expert: BTreeMap::new(),
            supervisors: Vec::new(),
            committees: Vec::new(),
            clusters: Vec::new(),
            decisions: Vec::new(),
            meetings: Vec::new(),
            plans: Vec::new(),
            proposals: Vec::new(),
            meeting_seq: BTreeMap::new(),
            dispute_seq: 0,
            last_t: t_of(START_YEAR, 1, 1),
        }
    }

    fn id(&self, rest: &str) -> String {
        format!("{}-{rest}", self.code)
    }

    fn push(&mut self, r: Record) {
        self.count += 1;
        self.done.push(r);
    }

    fn person(&mut self, body: &str, position: &str) -> String {
        self.person_seq += 1;
        let id = self.id(&format!("P-{:04}", self.person_seq));
        let name = loop {
            let n = format!(
                "{} {}",
                self.rng.pick(text::FIRST_NAMES),
                self.rng.pick(text::LAST_NAMES)
            );
            if self.people_names.insert(n.clone()) {
                break n;
            }
        };
        self.push(Record::Person(Person {
            id: id.clone(),
            name,
            body: Some(body.to_string()),
            position: Some(position.to_string()),
        }));
        id
    }

    fn body(
        &mut self,
        short: &str,
        name: String,
        category: BodyCategory,
        head_position: &str,
    ) -> String {
        let id = self.id(&format!("B-{short}"));
        let note = self.rng.chance(30).then(|| {
            format!(
                "نشانی دبیرخانه: {} {}",
                self.rng.pick(text::COUNTIES),
                text::matter(&mut self.rng)
            )
        });
        self.push(Record::Body(Body {
            id: id.clone(),
            name,
            category,
            parent: None,
            note,
        }));
        let h = self.person(&id, head_position);
        self.head.insert(id.clone(), h);
        id
    }

    fn b(&self, short: &str) -> String {
        self.id(&format!("B-{short}"))
    }
    fn h(&self, short: &str) -> String {
        self.head[&self.b(short)].clone()
    }

    /// Bodies, people, committees and clusters: made once per province.
    fn setup(&mut self) {
        use BodyCategory as C;
        let n = self.name.clone();
        let required = [
            (
                "GOV",
                format!("استانداری {n}"),
                C::Governorate,
                "معاون برنامه‌ریزی و توسعه استاندار",
            ),
            (
                "SSI",
                format!("شرکت شهرک‌های صنعتی استان {n}"),
                C::IndustrialEstates,
                "مدیرعامل",
            ),
            (
                "SMT",
                format!("سازمان صنعت، معدن و تجارت استان {n}"),
                C::IndustryMineTrade,
                "رئیس سازمان",
            ),
            (
                "TKR",
                format!("اداره کل تعاون، کار و رفاه اجتماعی استان {n}"),
                C::CooperativesLabour,
                "مدیرکل",
            ),
            (
                "EQD",
                format!("اداره کل امور اقتصادی و دارایی استان {n}"),
                C::EconomyFinance,
                "مدیرکل",
            ),
            (
                "JKS",
                format!("سازمان جهاد کشاورزی استان {n}"),
                C::AgricultureJihad,
                "رئیس سازمان",
            ),
            (
                "MHG",
                format!("اداره کل میراث فرهنگی، گردشگری و صنایع دستی استان {n}"),
                C::HeritageTourism,
                "مدیرکل",
            ),
            (
                "OTQ",
                format!("اتاق بازرگانی، صنایع، معادن و کشاورزی {n}"),
                C::Chamber,
                "رئیس اتاق",
            ),
            (
                "BSM",
                format!("بانک صنعت و معدن، شعبه استان {n}"),
                C::BankIndustryMine,
                "مدیر شعبه",
            ),
            (
                "MAS",
                format!("اتاق اصناف مرکز استان {n}"),
                C::GuildAssembly,
                "رئیس اتاق اصناف",
            ),
            (
                "TPO",
                format!("سازمان توسعه تجارت ایران، نمایندگی استان {n}"),
                C::Tpo,
                "نماینده سازمان",
            ),
            (
                "ISIPO",
                "سازمان صنایع کوچک و شهرک‌های صنعتی ایران".to_string(),
                C::Isipo,
                "معاون توسعه خوشه‌ها",
            ),
            (
                "BNK1",
                format!("بانک ملی ایران، مدیریت شعب استان {n}"),
                C::Bank,
                "مدیر شعب",
            ),
            (
                "BNK2",
                format!("بانک توسعه تعاون استان {n}"),
                C::Bank,
                "مدیر شعب",
            ),
            (
                "SUP1",
                format!("صندوق ضمانت سرمایه‌گذاری صنایع کوچک، نمایندگی {n}"),
                C::SupportInstitution,
                "مدیر نمایندگی",
            ),
            (
                "SUP2",
                format!("پارک علم و فناوری {n}"),
                C::SupportInstitution,
                "رئیس پارک",
            ),
            (
                "SUP3",
                format!("دانشگاه صنعتی {n}"),
                C::SupportInstitution,
                "معاون پژوهشی",
            ),
            (
                "SUP4",
                format!("صندوق نوآوری و شکوفایی، کارگزاری {n}"),
                C::SupportInstitution,
                "مدیر کارگزاری",
            ),
        ];
        for (short, name, cat, pos) in required {
            self.body(short, name, cat, pos);
        }
        for i in 1..=4 {
            let ln = self.rng.pick(text::LAST_NAMES);
            self.body(
                &format!("CDA{i}"),
                format!("شرکت مشاوران توسعه خوشه {ln} {n}"),
                C::Cda,
                "مدیرعامل و عامل توسعه خوشه",
            );
        }
        for i in 1..=2 {
            let ln = self.rng.pick(text::LAST_NAMES);
            self.body(
                &format!("TA{i}"),
                format!("مهندسین مشاور {ln}"),
                C::Ta,
                "مشاور-ناظر فنی",
            );
        }
        // Deputies (registered substitutes) and experts of the committee seats.
        for short in [
            "GOV", "SSI", "SMT", "TKR", "EQD", "JKS", "MHG", "OTQ", "BSM", "MAS", "TPO", "BNK1",
            "SUP1",
        ] {
            let b = self.b(short);
            let d = self.person(&b, "معاون");
            self.deputy.insert(b, d);
        }
        for short in ["SMT", "SSI", "TPO", "OTQ", "BSM", "SUP1", "JKS", "MHG"] {
            let b = self.b(short);
            let e = self.person(&b, "کارشناس مسئول توسعه خوشه‌ها");
            self.expert.insert(b, e);
        }
        for i in 0..3 {
            let b = self.b(&format!("TA{}", i % 2 + 1));
            let s = self.person(&b, "ناظر خوشه");
            self.supervisors.push(s);
        }

        // Committees.
        let t0 = t_of(START_YEAR, 1, 1);
        let seats: Vec<(String, Role)> = [
            ("GOV", Role::Chair),
            ("SSI", Role::Secretary),
            ("SMT", Role::Member),
            ("TKR", Role::Member),
            ("EQD", Role::Member),
            ("JKS", Role::Member),
            ("MHG", Role::Member),
            ("OTQ", Role::Member),
            ("BSM", Role::Member),
            ("MAS", Role::Member),
            ("TPO", Role::Member),
            ("BNK1", Role::Member),
            ("SUP1", Role::SupportRep),
        ]
        .into_iter()
        .map(|(s, r)| (self.b(s), r))
        .collect();
        let mut ms = Vec::new();
        for (body, role) in seats {
            let person = self.head[&body].clone();
            let substitute = self.deputy.get(&body).cloned();
            self.seat(&mut ms, &body, role, person, substitute, t0, true);
        }
        let pc = Committee {
            attachments: Vec::new(),
            id: self.id("PC"),
            kind: CommitteeKind::Provincial,
            name: format!("کمیته استانی توسعه خوشه‌های کسب‌وکار استان {n}"),
            parent: None,
            cluster: None,
            secretariat: None,
            quorum: QuorumRule::Majority,
            memberships: ms,
        };
        self.committees.push(pc);

        let mut ms = Vec::new();
        for (i, short) in ["SMT", "SSI", "TPO", "OTQ", "BSM", "SUP1", "JKS", "MHG"]
            .into_iter()
            .enumerate()
        {
            let body = self.b(short);
            let role = match i {
                0 => Role::Chair,
                1 => Role::Secretary,
                _ => Role::Expert,
            };
            let person = self.expert[&body].clone();
            self.seat(&mut ms, &body, role, person, None, t0, false);
        }
        self.committees.push(Committee {
            attachments: Vec::new(),
            id: self.id("EC"),
            kind: CommitteeKind::Expert,
            name: format!("کمیته کارشناسی توسعه خوشه‌های استان {n}"),
            parent: Some(self.id("PC")),
            cluster: None,
            secretariat: None,
            quorum: QuorumRule::Majority,
            memberships: ms,
        });

        let mut ms = Vec::new();
        for (i, short) in [
            "SMT", "TPO", "SSI", "OTQ", "BSM", "EQD", "SUP1", "SUP2", "BNK1",
        ]
        .into_iter()
        .enumerate()
        {
            let body = self.b(short);
            let role = match i {
                0 => Role::Chair,
                1 => Role::Secretary,
                _ => Role::Member,
            };
            let person = self.head[&body].clone();
            self.seat(&mut ms, &body, role, person, None, t0, false);
        }
        self.committees.push(Committee {
            attachments: Vec::new(),
            id: self.id("WG"),
            kind: CommitteeKind::WorkingGroup,
            name: format!("کارگروه توسعه خوشه‌های صادرات‌گرای استان {n}"),
            parent: Some(self.id("PC")),
            cluster: None,
            secretariat: None,
            quorum: QuorumRule::Majority,
            memberships: ms,
        });
        let mut ms = Vec::new();
        let (isipo, tpo) = (self.b("ISIPO"), self.b("TPO"));
        let (hi, ht) = (self.head[&isipo].clone(), self.head[&tpo].clone());
        self.seat(&mut ms, &tpo, Role::Chair, ht, None, t0, false);
        self.seat(&mut ms, &isipo, Role::Secretary, hi, None, t0, false);
        self.committees.push(Committee {
            attachments: Vec::new(),
            id: self.id("NWG"),
            kind: CommitteeKind::National,
            name: "کارگروه ملی توسعه خوشه‌های صادرات‌گرا".to_string(),
            parent: None,
            cluster: None,
            secretariat: None,
            quorum: QuorumRule::Majority,
            memberships: ms,
        });

        // Clusters, their firms and steering councils.
        let products = self.rng.sample(text::PRODUCTS.len(), 20);
        for (k, &pi) in products.iter().enumerate() {
            self.cluster(k + 1, text::PRODUCTS[pi]);
        }
    }

    /// A seat held from `start`, perhaps handed to a successor later on.
    #[allow(clippy::too_many_arguments)]
    fn seat(
        &mut self,
        ms: &mut Vec<Membership>,
        body: &str,
        role: Role,
        person: String,
        substitute: Option<String>,
        start: T,
        may_change: bool,
    ) {
        let start = start
            + if matches!(role, Role::Chair | Role::Secretary) {
                0
            } else {
                self.rng.int(0, 5)
            };
        let decree = Some(letter(&mut self.rng, start));
        let replaced = may_change && role != Role::Chair && self.rng.chance(30);
        let end = replaced.then(|| t_of(START_YEAR, 1, 1) + self.rng.int(60, 2 * YEAR));
        ms.push(Membership {
            person,
            body: body.to_string(),
            role,
            decree,
            start: jd(start),
            end: end.map(jd),
            end_reason: end.map(|_| {
                if self.rng.chance(70) {
                    EndReason::Replaced
                } else {
                    EndReason::LeftPost
                }
            }),
            substitute: substitute.clone(),
        });
        if let Some(end) = end {
            let successor = self.person(body, "سرپرست");
            ms.push(Membership {
                person: successor,
                body: body.to_string(),
                role,
                decree: Some(letter(&mut self.rng, end)),
                start: jd(end),
                end: None,
                end_reason: None,
                substitute,
            });
        }
    }

    fn cluster(&mut self, num: usize, product: &str) {
        use BodyCategory as C;
        let county = self.rng.pick(text::COUNTIES);
        let ln = self.rng.pick(text::LAST_NAMES);
        let firms = [
            self.body(
                &format!("F{num:02}A"),
                format!("شرکت تعاونی تولیدکنندگان {product} {county}"),
                C::ClusterFirm,
                "مدیرعامل",
            ),
            self.body(
                &format!("F{num:02}B"),
                format!("انجمن صنفی {product} {county} ({})", fa_digits(num as u64)),
                C::ClusterFirm,
                "رئیس هیئت‌مدیره",
            ),
            self.body(
                &format!("F{num:02}C"),
                format!("شرکت {ln} {product} {county}"),
                C::ClusterFirm,
                "مدیرعامل",
            ),
        ];
        let id = self.id(&format!("CL-{num:02}"));
        let implementing = num <= 16;
        let cda_body = self.b(&format!("CDA{}", num % 4 + 1));
        let cda_person = self.head[&cda_body].clone();
        let ta_body = self.b(&format!("TA{}", num % 2 + 1));
        let ta_person = self.head[&ta_body].clone();

        // The lifecycle so far: F3 a few years back, to F13 (or an earlier stage).
        let mut stages = vec![
            Stage::F3,
            Stage::F3_1,
            Stage::F3_3,
            Stage::F3_4,
            Stage::F6,
            Stage::F7,
            Stage::F8,
            Stage::F9,
            Stage::F9_1,
            Stage::F9_2,
        ];
        if self.rng.chance(30) {
            stages.push(Stage::F9_3);
        }
        stages.extend([Stage::F10, Stage::F11, Stage::F12, Stage::F13]);
        if !implementing {
            stages.truncate(self.rng.usize(4, 11));
        }
        let mut t = t_of(START_YEAR - 4, 1, 1) + self.rng.int(0, 200);
        let step = (t_of(START_YEAR, 1, 3) - t) / (stages.len() as i64 - 1);
        let mut steps = Vec::new();
        let mut assessed = None;
        for s in stages {
            // Who issues each step's document, as seed 003 has it (src/rules/stages.yaml).
            let issuer = match s {
                Stage::F3 | Stage::F3_4 | Stage::F9_1 | Stage::F9_2 | Stage::F10 => "SMT",
                Stage::F3_1
                | Stage::F6
                | Stage::F7
                | Stage::F8
                | Stage::F9_3
                | Stage::F11
                | Stage::F14
                | Stage::F15 => "TPO",
                Stage::F3_3 | Stage::F9 => "CDA",
                Stage::F12 => "EQD",
                _ => "SSI",
            };
            let issuer = if issuer == "CDA" {
                cda_body.clone()
            } else {
                self.b(issuer)
            };
            if s == Stage::F3_1 {
                assessed = Some(t);
            }
            steps.push(StageStep {
                stage: s,
                date: jd(t),
                evidence: Evidence {
                    decision: None,
                    issuer: Some(issuer),
                    letter: Some(letter(&mut self.rng, t)),
                    title: Some(format!(
                        "نامه {} درباره {} خوشه {product}",
                        text::matter(&mut self.rng),
                        s.name_fa()
                    )),
                },
            });
            t += step;
        }
        let by = self.b("TPO");
        if implementing {
            // In implementation from the first generated year on.
            steps.last_mut().expect("stages").date = jd(t_of(START_YEAR, 1, 3));
        }
        let assessment = if let Some(t) = assessed {
            let rng = &mut self.rng;
            let mut crit = || Criterion {
                met: rng.chance(90),
                note: rng
                    .chance(40)
                    .then(|| format!("بر پایه بازدید میدانی از واحدهای {product} در {county}")),
            };
            Some(Assessment {
                date: jd(t),
                by,
                criteria: Criteria {
                    concentration: crit(),
                    related_products: crit(),
                    legal_entity: crit(),
                    export_share: crit(),
                    capacity: crit(),
                    value_added: crit(),
                    advantage: crit(),
                    networks: crit(),
                    social_capital: crit(),
                },
            })
        } else {
            None
        };
        let appointed = t_of(START_YEAR - 2, 2, 1) + self.rng.int(0, 100);
        let (ssi_head, wg_chair) = (self.h("SSI"), self.h("SMT"));
        let cda = {
            vec![Appointment {
                person: cda_person.clone(),
                body: Some(cda_body.clone()),
                appointed_by: ssi_head.clone(),
                letter: letter(&mut self.rng, appointed),
                start: jd(appointed),
                end: None,
            }]
        };
        let ta = if implementing {
            vec![Appointment {
                person: ta_person.clone(),
                body: Some(ta_body.clone()),
                appointed_by: ssi_head.clone(),
                letter: letter(&mut self.rng, appointed + 5),
                start: jd(appointed + 5),
                end: None,
            }]
        } else {
            Vec::new()
        };
        let mut supervisors = Vec::new();
        for y in [START_YEAR].into_iter().filter(|_| implementing) {
            let s = self.supervisors[num % 3].clone();
            let b = self.b(&format!("TA{}", num % 2 + 1));
            supervisors.push(Appointment {
                person: s,
                body: Some(b),
                appointed_by: wg_chair.clone(),
                letter: letter(&mut self.rng, t_of(y, 1, 2)),
                start: jd(t_of(y, 1, 3)),
                end: Some(jd(t_of(y + 1, 1, 2))),
            });
        }
        let c = Cluster {
            id: id.clone(),
            name: format!("خوشه {product} {county}"),
            product: product.to_string(),
            county: county.to_string(),
            firms: Some(self.rng.range(25, 400) as u32),
            assessment,
            stages: steps,
            cda,
            ta,
            supervisors,
        };

        // Its steering council: the broker's head chairs, the CDA is secretary, three actors.
        let mut ms = Vec::new();
        let t0 = t_of(START_YEAR, 1, 1);
        let seats = [
            (self.b("SSI"), Role::Chair, ssi_head),
            (cda_body.clone(), Role::Secretary, cda_person.clone()),
            (
                firms[0].clone(),
                Role::ClusterActor,
                self.head[&firms[0]].clone(),
            ),
            (
                firms[1].clone(),
                Role::ClusterActor,
                self.head[&firms[1]].clone(),
            ),
            (
                firms[2].clone(),
                Role::ClusterActor,
                self.head[&firms[2]].clone(),
            ),
            (ta_body, Role::Ta, ta_person),
            (self.b("SUP1"), Role::SupportRep, self.h("SUP1")),
            (self.b("SUP2"), Role::SupportRep, self.h("SUP2")),
            (self.b("SMT"), Role::Member, self.h("SMT")),
            (self.b("BSM"), Role::Member, self.h("BSM")),
        ];
        for (body, role, person) in seats {
            self.seat(&mut ms, &body, role, person, None, t0, false);
        }
        let sc = self.committees.len();
        self.committees.push(Committee {
            attachments: Vec::new(),
            id: self.id(&format!("SC-{num:02}")),
            kind: CommitteeKind::Steering,
            name: format!("شورای راهبری توسعه خوشه {product} {county}"),
            parent: None,
            cluster: Some(id),
            secretariat: None,
            quorum: QuorumRule::Majority,
            memberships: ms,
        });
        self.clusters.push(ClusterGen {
            c,
            num,
            implementing,
            firms,
            cda_person,
            cda_body,
            sc,
            plan: None,
            reviews: Vec::new(),
            review_seq: BTreeMap::new(),
        });
    }

    /// Year after year until the budget is spent; returns the as-of date (as T).
    fn run(&mut self) -> T {
        self.setup();
        let setup = self.count + self.clusters.len() + self.committees.len();
        assert!(
            setup < self.budget,
            "budget {} below the {setup} records of a province's set-up",
            self.budget
        );
        let budget = self.budget - self.clusters.len() - self.committees.len();
        let mut year = START_YEAR;
        'years: loop {
            let y0 = t_of(year, 1, 1);
            let mut events: Vec<(T, Event)> = Vec::new();
            let k = self.rng.usize(2, 12);
            for i in 0..k {
                events.push((
                    y0 + 15 + (i as T * (YEAR - 40)) / k as T + self.rng.int(0, 12),
                    Event::Meeting(PC),
                ));
            }
            for com in [EC, WG] {
                for i in 0..3 {
                    events.push((y0 + 20 + i * 110 + self.rng.int(0, 40), Event::Meeting(com)));
                }
            }
            for c in 0..self.clusters.len() {
                let sc = self.clusters[c].sc;
                for i in 0..3 {
                    events.push((y0 + 25 + i * 110 + self.rng.int(0, 60), Event::Meeting(sc)));
                }
                if self.clusters[c].implementing {
                    events.push((
                        if year == START_YEAR { y0 + 40 } else { y0 + 8 },
                        Event::Plan(c),
                    ));
                    for q in 1..=4u8 {
                        let after = t_of(year, 3 * i64::from(q) + 1, 1);
                        let late = if self.rng.chance(10) {
                            self.rng.int(30, 60)
                        } else {
                            0
                        };
                        events.push((after + self.rng.int(0, 28) + late, Event::Report(c, q)));
                    }
                    for q in [2, 4] {
                        events.push((y0 + q * 87 - self.rng.int(5, 25), Event::Review(c)));
                    }
                }
            }
            events.push((y0 + self.rng.int(60, 300), Event::Dispute));
            events.sort_by_key(|(t, _)| *t);
            for (t, ev) in events {
                let n = match ev {
                    Event::Meeting(_) => self.rng.usize(3, 8),
                    _ => 0,
                };
                let size = 1 + n;
                if self.count + size > budget {
                    break 'years;
                }
                self.last_t = self.last_t.max(t);
                match ev {
                    Event::Meeting(com) => self.meeting(com, t, n),
                    Event::Plan(c) => self.plan(c, year),
                    Event::Report(c, q) => self.report(c, year, q, t),
                    Event::Review(c) => self.review(c, t),
                    Event::Dispute => self.dispute(t),
                }
            }
            year += 1;
            // Next year's supervisors.
            for c in 0..self.clusters.len() {
                if self.clusters[c].implementing {
                    let s = self.supervisors[(c + year as usize) % 3].clone();
                    let b = self.b(&format!("TA{}", (c + year as usize) % 2 + 1));
                    let by = self.h("SMT");
                    let l = letter(&mut self.rng, t_of(year - 1, 12, 25));
                    self.clusters[c].c.supervisors.push(Appointment {
                        person: s,
                        body: Some(b),
                        appointed_by: by,
                        letter: l,
                        start: jd(t_of(year, 1, 3)),
                        end: Some(jd(t_of(year + 1, 1, 2))),
                    });
                }
            }
        }
        // Fill to the exact count with reviews.
        let impl_clusters: Vec<usize> = (0..self.clusters.len())
            .filter(|&c| self.clusters[c].implementing)
            .collect();
        let mut i = 0;
        while self.count < budget {
            let t = self.last_t;
            self.review(impl_clusters[i % impl_clusters.len()], t);
            i += 1;
        }
        self.last_t + 30
    }

    /// The memberships of committee `com` in force at `t`.
    fn members_at(&self, com: usize, t: T) -> Vec<Membership> {
        let d = jd(t);
        self.committees[com].members_on(d).cloned().collect()
    }

    fn role_at(&self, com: usize, t: T, role: Role) -> String {
        self.members_at(com, t)
            .into_iter()
            .find(|m| m.role == role)
            .map(|m| m.person)
            .expect("seat filled")
    }

    fn meeting(&mut self, com: usize, t: T, n_dec: usize) {
        let year = year_of(t);
        let seq = self.meeting_seq.entry((com, year)).or_default();
        *seq += 1;
        let cid = self.committees[com].id.clone();
        let id = format!("{cid}-{year}-{:02}", *seq);
        let first_of_year = *seq == 1;
        let members = self.members_at(com, t);
        let chair = self.role_at(com, t, Role::Chair);
        let secretary = self.role_at(com, t, Role::Secretary);
        let cluster = self.committees[com].cluster.clone();
        let cl = self
            .clusters
            .iter()
            .position(|c| Some(&c.c.id) == cluster.as_ref());

        // Agenda: overdue decisions of this committee first, a tabled proposal, then topics.
        let mut items = Vec::new();
        let overdue: Vec<String> = self
            .decisions
            .iter()
            .filter(|d| d.committee == com && d.deadline < t)
            .filter(|d| match d.fate {
                Fate::Done(done) => done > t,
                Fate::Open => true,
                Fate::CarriedOver | Fate::Cancelled(_) => false,
            })
            .map(|d| d.d.id.clone())
            .collect();
        for d in overdue.iter().rev() {
            items.push(AgendaItem {
                order: 0,
                title: format!("پیگیری مصوبه {d}"),
                decision: Some(d.clone()),
                proposal: None,
                cluster: cluster.clone(),
            });
        }
        let proposal = if com == PC && !self.proposals.is_empty() {
            self.proposals.pop()
        } else {
            None
        };
        if let Some(p) = &proposal {
            items.push(AgendaItem {
                order: 0,
                title: "طرح پیشنهاد کمیته کارشناسی برای تصویب".to_string(),
                decision: None,
                proposal: Some(p.clone()),
                cluster: None,
            });
        }
        let want = self.rng.usize(3, 6);
        while items.len() < want {
            let cluster = cluster.clone().or_else(|| {
                self.rng.chance(50).then(|| {
                    let c = self.rng.usize(0, self.clusters.len() - 1);
                    self.clusters[c].c.id.clone()
                })
            });
            items.push(AgendaItem {
                order: 0,
                title: self.rng.pick(text::AGENDA_TITLES).to_string(),
                decision: None,
                proposal: None,
                cluster,
            });
        }
        for (i, it) in items.iter_mut().enumerate() {
            it.order = i as u32 + 1;
        }
        let proposed = t - self.rng.int(10, 16);
        let approved = t - self.rng.int(5, 8);
        let agenda = Agenda {
            proposed_by: self.b("SSI"),
            proposed_on: jd(proposed),
            approved_by: Some(chair.clone()),
            approved_on: Some(jd(approved)),
            items,
        };
        let sent = approved + self.rng.int(0, 2);
        let invitation = Invitation {
            letter: letter(&mut self.rng, sent),
            signed_by: chair.clone(),
        };

        // Attendance: members on the day, some sitting through their substitutes.
        let needed = self.committees[com].quorum.needed(members.len());
        let present = self
            .rng
            .usize(needed.max(7).min(members.len()), members.len().min(12));
        let mut order: Vec<usize> = (0..members.len()).collect();
        for i in (1..order.len()).rev() {
            let j = self.rng.usize(0, i);
            order.swap(i, j);
        }
        // Chair and secretary always attend.
        order.sort_by_key(|&i| !matches!(members[i].role, Role::Chair | Role::Secretary));
        let mut attendees = Vec::new();
        let mut absentees = Vec::new();
        let mut seen = HashSet::new();
        for (k, &i) in order.iter().enumerate() {
            let m = &members[i];
            if !seen.insert(m.person.clone()) {
                continue;
            }
            if k < present {
                match &m.substitute {
                    Some(s)
                        if !matches!(m.role, Role::Chair | Role::Secretary)
                            && self.rng.chance(15) =>
                    {
                        attendees.push(Attendee {
                            person: s.clone(),
                            on_behalf_of: Some(m.person.clone()),
                        })
                    }
                    _ => attendees.push(Attendee {
                        person: m.person.clone(),
                        on_behalf_of: None,
                    }),
                }
            } else {
                absentees.push(m.person.clone());
            }
        }

        // Decisions.
        let mut ids = Vec::new();
        let bodies: Vec<String> = {
            let mut b: Vec<String> = members.iter().map(|m| m.body.clone()).collect();
            b.sort();
            b.dedup();
            b
        };
        for k in 1..=n_dec {
            let did = format!("{id}-D{k}");
            let nresp = self.rng.usize(1, 3);
            let responsible: Vec<String> = self
                .rng
                .sample(bodies.len(), nresp)
                .into_iter()
                .map(|i| bodies[i].clone())
                .collect();
            let deadline = if com == EC {
                T::MAX
            } else {
                t + self.rng.int(30, 150)
            };
            let fate = match self.rng.range(0, 99) {
                0..=82 => Fate::Done((deadline + self.rng.int(-40, 25)).max(t + 10)),
                83..=84 => Fate::Open,
                85..=93 => Fate::CarriedOver,
                _ => Fate::Cancelled(t + self.rng.int(20, 60)),
            };
            // The first two decisions of the year's first provincial meeting set the
            // annual priorities and the resource forecast (R-MTG-7).
            let mut topics = Vec::new();
            if TOPICS_IN_SCHEMA && com == PC && first_of_year && k <= 2 {
                topics.push(if k == 1 {
                    Topic::AnnualPriorities
                } else {
                    Topic::ResourceForecast
                });
            }
            let sentences = self.rng.usize(5, 8);
            let text = if com == EC {
                format!(
                    "پیشنهاد می‌شود: {}",
                    (0..sentences)
                        .map(|_| text::decision_sentence(&mut self.rng))
                        .collect::<Vec<_>>()
                        .join(" ")
                )
            } else {
                (0..sentences)
                    .map(|_| text::decision_sentence(&mut self.rng))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let adopts = if k == 1 { proposal.clone() } else { None };
            let d = Decision {
                attachments: Vec::new(),
                id: did.clone(),
                meeting: id.clone(),
                text,
                responsible,
                deadline: (com != EC).then(|| jd(deadline)),
                adopts,
                status: DecisionStatus::Open,
                topics,
                dispatch: None,
                followups: Vec::new(),
            };
            if com == EC {
                self.proposals.push(did.clone());
            }
            self.decisions.push(Dec {
                d,
                committee: com,
                meeting_t: t,
                deadline,
                fate,
            });
            ids.push(did);
        }
        self.count += n_dec;

        // Stage moves decided by a steering council.
        if let Some(c) = cl {
            let cg = &mut self.clusters[c];
            let last = cg.c.stage();
            let next = match last {
                Some(Stage::F13) if year > START_YEAR && self.rng.chance(40) => Some(Stage::F14),
                Some(Stage::F14) if year > START_YEAR + 1 && self.rng.chance(15) => {
                    Some(Stage::F15)
                }
                Some(Stage::F15) => Some(Stage::F13),
                _ => None,
            };
            if let Some(s) = next {
                let evidence = if s == Stage::F13 {
                    Evidence {
                        decision: Some(ids[0].clone()),
                        issuer: None,
                        letter: None,
                        title: None,
                    }
                } else {
                    Evidence {
                        decision: None,
                        issuer: Some(format!("{}-B-TPO", self.code)),
                        letter: Some(letter(&mut self.rng, t)),
                        title: Some(format!("نامه سازمان توسعه تجارت درباره {}", s.name_fa())),
                    }
                };
                cg.c.stages.push(StageStep {
                    stage: s,
                    date: jd(t),
                    evidence,
                });
            }
            // A budget revision grounded on this year's review.
            if let (Some(p), Some((review, rt))) = (cg.plan, cg.reviews.last().cloned())
                && year_of(rt) == year
                && rt < t
                && self.rng.chance(35)
            {
                let plan = &mut self.plans[p];
                if !plan.lines.is_empty() {
                    let li = (self.rng.next() % plan.lines.len() as u64) as usize;
                    let line = &plan.lines[li];
                    let pct = self.rng.int(-8, 8);
                    let moved = line
                        .trail
                        .iter()
                        .filter(|m| m.step >= MoneyStepKind::Allocated)
                        .map(|m| m.amount)
                        .max()
                        .unwrap_or(0);
                    let amount = ((line.approved as i64 + line.approved as i64 * pct / 100) as u64
                        / 1_000_000
                        * 1_000_000)
                        .max(moved);
                    let line_id = line.id.clone();
                    plan.revisions.push(Revision {
                        date: jd(t),
                        line: line_id,
                        amount,
                        review,
                        decision: ids[0].clone(),
                        reason: Some(format!(
                            "بر پایه گزارش ناظر: {}",
                            text::matter(&mut self.rng)
                        )),
                    });
                }
            }
        }

        let place = Some(self.rng.pick(text::PLACES).to_string());
        let copied = t + self.rng.int(5, 12);
        let isipo_copy = (com == PC).then(|| letter(&mut self.rng, copied));
        let summary_n = self.rng.usize(8, 16);
        let minutes = Minutes {
            recorded_by: secretary,
            attendees,
            absentees,
            summary: text::minutes(&mut self.rng, summary_n),
            decisions: ids,
            approved_on: Some(jd(t + self.rng.int(3, 10))),
            isipo_copy,
        };
        self.meetings.push((com, t, id.clone()));
        self.push(Record::Meeting(Meeting {
            attachments: Vec::new(),
            id,
            committee: cid,
            date: jd(t),
            state: MeetingState::Held,
            place,
            agenda: Some(agenda),
            invitation: Some(invitation),
            minutes: Some(minutes),
        }));
    }

    fn plan(&mut self, c: usize, year: i64) {
        let num = self.clusters[c].num;
        let id = self.id(&format!("PL-{num:02}-{year}"));
        let sc = self.clusters[c].sc;
        let approved_by = (self.decisions.iter().rev().find(|d| d.committee == sc))
            .or_else(|| self.decisions.iter().rev().find(|d| d.committee == PC))
            .map(|d| d.d.id.clone());
        let (start, end) = (t_of(year, 1, 15), t_of(year, 12, 25));
        let n = self.rng.usize(10, 30);
        let cda = self.clusters[c].cda_body.clone();
        let pool = [
            cda.clone(),
            self.b("SSI"),
            self.b("SMT"),
            self.b("TPO"),
            self.b("SUP1"),
            self.b("SUP2"),
            self.b("OTQ"),
        ];
        let funders = [
            self.b("SUP1"),
            self.b("SUP4"),
            self.b("BSM"),
            self.b("EQD"),
            self.b("SMT"),
            self.b("JKS"),
        ];
        let mut activities = Vec::new();
        let mut lines = Vec::new();
        for i in 1..=n {
            let a_start = start + self.rng.int(0, YEAR / 2);
            let a_end = (a_start + self.rng.int(30, 180)).min(end);
            let nr = self.rng.usize(1, 2);
            let responsible = self
                .rng
                .sample(pool.len(), nr)
                .into_iter()
                .map(|k| pool[k].clone())
                .collect();
            activities.push(Activity {
                id: format!("A{i}"),
                title: format!(
                    "{} در حوزه {}",
                    self.rng.pick(text::ACTIVITIES),
                    text::matter(&mut self.rng)
                ),
                responsible,
                start: jd(a_start),
                end: jd(a_end),
            });
            for k in 0..self.rng.usize(1, 3) {
                let agency = i == 1 && k == 0;
                let approved = self.rng.range(20, 2_000) * 10_000_000;
                let allocated = approved / 100 * self.rng.range(50, 100);
                let paid = allocated / 100 * self.rng.range(40, 100);
                let t_alloc = a_start + self.rng.int(20, 90);
                let t_paid = t_alloc + self.rng.int(15, 80);
                let mut trail = vec![
                    MoneyStep {
                        step: MoneyStepKind::Estimate,
                        amount: approved / 100 * self.rng.range(100, 120),
                        date: jd(start - 30),
                        letter: None,
                    },
                    MoneyStep {
                        step: MoneyStepKind::Approved,
                        amount: approved,
                        date: jd(start),
                        letter: Some(letter(&mut self.rng, start)),
                    },
                    MoneyStep {
                        step: MoneyStepKind::Allocated,
                        amount: allocated,
                        date: jd(t_alloc),
                        letter: Some(letter(&mut self.rng, t_alloc)),
                    },
                    MoneyStep {
                        step: MoneyStepKind::Paid,
                        amount: paid,
                        date: jd(t_paid),
                        letter: Some(letter(&mut self.rng, t_paid)),
                    },
                ];
                trail.truncate(self.rng.usize(2, 4));
                lines.push(BudgetLine {
                    id: format!("L{}", lines.len() + 1),
                    activity: format!("A{i}"),
                    funder: if agency {
                        self.b("SSI")
                    } else {
                        funders[self.rng.usize(0, funders.len() - 1)].clone()
                    },
                    cost: if agency {
                        CostKind::Agency
                    } else {
                        CostKind::Execution
                    },
                    approved,
                    trail,
                });
            }
        }
        let cg = &self.clusters[c];
        let title = format!("برنامه عمل سال {} {}", fa_digits(year as u64), cg.c.name);
        self.plans.push(Plan {
            id,
            cluster: cg.c.id.clone(),
            title,
            approved_by,
            start: jd(start),
            end: jd(end),
            activities,
            lines,
            revisions: Vec::new(),
        });
        self.clusters[c].plan = Some(self.plans.len() - 1);
        self.count += 1;
    }

    fn report(&mut self, c: usize, year: i64, q: u8, t: T) {
        let cg = &self.clusters[c];
        let Some(p) = cg.plan else { return };
        let plan = &self.plans[p];
        let id = self.id(&format!("RP-{:02}-{year}-{q}", cg.num));
        let mut progress = Vec::new();
        for a in &plan.activities {
            let base = u64::from(q) * 25;
            let pct = (base + self.rng.range(0, 30)).saturating_sub(20).min(100) as u8;
            let note = self
                .rng
                .chance(80)
                .then(|| text::discussion_sentence(&mut self.rng));
            progress.push(Progress {
                activity: a.id.clone(),
                percent: pct,
                note,
            });
        }
        let bottlenecks = (0..self.rng.usize(0, 3))
            .map(|_| text::bottleneck(&mut self.rng))
            .collect();
        let r = Report {
            id,
            cluster: cg.c.id.clone(),
            plan: Some(plan.id.clone()),
            year: year as u16,
            quarter: q,
            reporter: cg.cda_person.clone(),
            received_on: jd(t),
            progress,
            bottlenecks,
        };
        self.push(Record::Report(r));
    }

    fn review(&mut self, c: usize, t: T) {
        let year = year_of(t);
        let pc = self.id("PC");
        let cg = &mut self.clusters[c];
        let seq = cg.review_seq.entry(year).or_default();
        *seq += 1;
        let id = format!("{}-RV-{:02}-{year}-{}", self.code, cg.num, *seq);
        let supervisor =
            cg.c.supervisors
                .iter()
                .rev()
                .find(|a| a.current_on(jd(t)))
                .or(cg.c.supervisors.last())
                .map(|a| a.person.clone())
                .expect("implementing clusters have supervisors");
        cg.reviews.push((id.clone(), t));
        let sent_to = vec![self.committees[cg.sc].id.clone(), pc];
        let cluster = cg.c.id.clone();
        let n = self.rng.usize(4, 8);
        let rv = Review {
            id,
            cluster,
            supervisor,
            date: jd(t),
            performance: text::minutes(&mut self.rng, n),
            economic_return: Some(format!(
                "بازده اقتصادی برنامه در این دوره {} درصد برآورد شد؛ {}",
                fa_digits(self.rng.range(3, 40)),
                text::discussion_sentence(&mut self.rng)
            )),
            proposals: (0..self.rng.usize(1, 3))
                .map(|_| text::decision_sentence(&mut self.rng))
                .collect(),
            sent_to,
        };
        self.push(Record::Review(rv));
    }

    fn dispute(&mut self, t: T) {
        let year = year_of(t);
        self.dispute_seq += 1;
        let id = self.id(&format!("DS-{year}-{}", self.dispute_seq));
        let c = self.rng.usize(0, self.clusters.len() - 1);
        let cg = &self.clusters[c];
        let parties = vec![cg.firms[0].clone(), cg.firms[self.rng.usize(1, 2)].clone()];
        let cluster = Some(cg.c.id.clone());
        // The working group's latest decision records the provincial outcome.
        let wg_decision = self
            .decisions
            .iter()
            .rev()
            .find(|d| d.committee == WG && d.meeting_t <= t)
            .map(|d| (d.d.id.clone(), d.meeting_t));
        let raised = wg_decision.as_ref().map_or(t - 40, |(_, mt)| mt - 30);
        let agreement = self.rng.chance(70);
        let provincial = Some(DisputeStep {
            committee: self.id("WG"),
            referred_on: jd(raised + 5),
            outcome: wg_decision.as_ref().map(|_| {
                if agreement {
                    Outcome::Agreement
                } else {
                    Outcome::NoAgreement
                }
            }),
            decided_on: wg_decision.as_ref().map(|(_, mt)| jd(*mt)),
            decision: wg_decision.as_ref().map(|(d, _)| d.clone()),
        });
        let national = (wg_decision.is_some() && !agreement).then(|| DisputeStep {
            committee: self.id("NWG"),
            referred_on: jd(t),
            outcome: None,
            decided_on: None,
            decision: None,
        });
        let resolved = wg_decision.is_some() && agreement;
        let topic = text::matter(&mut self.rng);
        let subject = format!(
            "اختلاف در خصوص {topic}: {}",
            text::discussion_sentence(&mut self.rng)
        );
        let resolution = resolved.then(|| text::decision_sentence(&mut self.rng));
        self.push(Record::Dispute(Dispute {
            id,
            cluster,
            parties,
            subject,
            raised_on: jd(raised),
            status: if resolved {
                DisputeStatus::Resolved
            } else {
                DisputeStatus::Open
            },
            provincial,
            national,
            resolution,
        }));
    }

    /// Settle what depends on the as-of date, then write everything.
    fn finish(mut self, w: &mut Writer<'_>) -> io::Result<()> {
        let as_of = self.last_t + 30;
        for r in std::mem::take(&mut self.done) {
            w.write(&r)?;
        }
        for c in std::mem::take(&mut self.committees) {
            w.write(&Record::Committee(c))?;
        }
        for cg in std::mem::take(&mut self.clusters) {
            w.write(&Record::Cluster(cg.c))?;
        }
        for mut p in std::mem::take(&mut self.plans) {
            for l in &mut p.lines {
                l.trail.retain(|s| s.date <= jd(as_of));
            }
            w.write(&Record::Plan(p))?;
        }
        let meetings = std::mem::take(&mut self.meetings);
        for dec in std::mem::take(&mut self.decisions) {
            let Dec {
                mut d,
                committee,
                meeting_t: t,
                deadline,
                fate,
            } = dec;
            if committee == EC {
                // A proposal: it binds once a provincial decision adopts it.
                w.write(&Record::Decision(d))?;
                continue;
            }
            let sent = t + self.rng.int(2, 12);
            if sent <= as_of {
                d.dispatch = Some(Dispatch {
                    letter: letter(&mut self.rng, sent),
                    recipients: d.responsible.clone(),
                });
            }
            let until = match fate {
                Fate::Done(x) | Fate::Cancelled(x) => x.min(as_of),
                _ => as_of.min(deadline + 60),
            };
            let mut ft = sent + 20;
            while ft < until && d.followups.len() < 4 {
                let note = if self.rng.chance(50) {
                    text::decision_sentence(&mut self.rng)
                } else {
                    format!(
                        "{} {}",
                        text::discussion_sentence(&mut self.rng),
                        text::decision_sentence(&mut self.rng)
                    )
                };
                d.followups.push(Followup {
                    date: jd(ft),
                    kind: FollowupKind::Progress,
                    note,
                    evidence: self.rng.chance(50).then(|| letter(&mut self.rng, ft)),
                    meeting: None,
                });
                ft += self.rng.int(25, 70);
            }
            match fate {
                Fate::Done(x) if x <= as_of => {
                    d.status = DecisionStatus::Done;
                    d.followups.push(Followup {
                        date: jd(x),
                        kind: FollowupKind::Done,
                        note: format!("انجام شد: {}", text::decision_sentence(&mut self.rng)),
                        evidence: Some(letter(&mut self.rng, x)),
                        meeting: None,
                    });
                }
                Fate::Cancelled(x) if x <= as_of => {
                    d.status = DecisionStatus::Cancelled;
                    d.followups.push(Followup {
                        date: jd(x),
                        kind: FollowupKind::Cancelled,
                        note: format!("با تصمیم کمیته منتفی شد: {}", text::matter(&mut self.rng)),
                        evidence: None,
                        meeting: None,
                    });
                }
                Fate::CarriedOver => {
                    if let Some((_, mt, mid)) = meetings
                        .iter()
                        .find(|(c, mt, _)| *c == committee && *mt > t && *mt <= as_of)
                    {
                        d.status = DecisionStatus::CarriedOver;
                        d.followups.push(Followup {
                            date: jd(*mt),
                            kind: FollowupKind::CarriedOver,
                            note: "به جلسه بعد منتقل شد".to_string(),
                            evidence: None,
                            meeting: Some(mid.clone()),
                        });
                    }
                }
                _ => {}
            }
            d.followups.sort_by_key(|f| f.date);
            w.write(&Record::Decision(d))?;
        }
        Ok(())
    }
}

/// Kind of a record path, for callers that walk the tree.
pub fn kind_dirs() -> impl Iterator<Item = &'static str> {
    Kind::ALL.into_iter().map(Kind::dir)
}
