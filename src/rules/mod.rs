//! The rule registry: every finding's id, severity and documentation, and the
//! cross-record checks run over one province's records.
//!
//! Rule ids are stable: scripts, waivers and fixtures name them. The `R-YAML`, `R-SCH`,
//! `R-DATE`, `R-ID`, `R-REF` and `R-FILE` families are the loader's own (file format and
//! integrity); the others are the domain's rules (docs/domain.md).

pub mod attachment;
pub mod audit;
pub mod cluster;
pub mod committee;
pub mod dispute;
pub mod history;
pub mod identity;
pub mod meeting;
pub mod money;
pub mod national;
pub mod programme;
pub mod report;
pub mod waiver;

use std::collections::HashMap;

use crate::diag::{Anchor, Finding, Severity, Text};
use crate::model::{
    Body, Cluster, Committee, Config, Decision, Dispute, JDate, Meeting, Person, Plan, Record,
    Report, Review,
};

/// What a rule is, for `dabir rules` and `dabir explain`.
pub struct RuleDoc {
    pub id: &'static str,
    pub severity: Severity,
    pub title: (&'static str, &'static str),
    /// What it checks, why, the source, an example: English then Persian.
    pub doc: (&'static str, &'static str),
}

impl RuleDoc {
    pub fn title(&self) -> Text {
        Text::new(self.title.0, self.title.1)
    }
}

/// The loader's rules.
pub static FILE_RULES: &[RuleDoc] = &[
    RuleDoc {
        id: "R-YAML-1",
        severity: Severity::Error,
        title: ("YAML syntax error", "خطای نحوی YAML"),
        doc: (
            "The file is not well-formed YAML, or its top level is not a mapping of keys to values. Every record is one YAML mapping. Example: an unclosed `[` or a line indented with a tab.",
            "پرونده YAML درست‌ساختی نیست، یا سطح بالای آن نگاشت کلید به مقدار نیست. هر سابقه یک نگاشت YAML است. نمونه: «[» بسته‌نشده یا تورفتگی با تب.",
        ),
    },
    RuleDoc {
        id: "R-YAML-2",
        severity: Severity::Error,
        title: ("duplicate key", "کلید تکراری"),
        doc: (
            "A key appears twice in one mapping, at any depth. Most YAML readers silently keep the last value, so an auditor and the program could read different records; dabir refuses the file and names both lines.",
            "یک کلید دو بار در یک نگاشت آمده است. بیشتر خوانندگان YAML بی‌صدا مقدار آخر را نگه می‌دارند و حسابرس و برنامه ممکن است دو سابقه متفاوت بخوانند؛ دبیر پرونده را نمی‌پذیرد و هر دو سطر را نام می‌برد.",
        ),
    },
    RuleDoc {
        id: "R-YAML-3",
        severity: Severity::Error,
        title: ("anchor or alias", "لنگر یا نام مستعار"),
        doc: (
            "Anchors (`&a`) and aliases (`*a`) are not allowed in records: a record must say what it says where it says it, and a few kilobytes of aliases can expand to gigabytes. They are found by a scan that never expands them.",
            "لنگر (&a) و نام مستعار (*a) در سوابق مجاز نیست: هر سابقه باید همان‌جا که می‌گوید بگوید، و چند کیلوبایت نام مستعار می‌تواند به گیگابایت‌ها باز شود.",
        ),
    },
    RuleDoc {
        id: "R-YAML-4",
        severity: Severity::Error,
        title: ("YAML tag", "برچسب YAML"),
        doc: (
            "Tags such as `!include` or `!!binary` are not allowed: they would silently change what a value means.",
            "برچسب‌هایی مانند ‎!include‎ مجاز نیستند: معنای مقدار را بی‌صدا تغییر می‌دهند.",
        ),
    },
    RuleDoc {
        id: "R-YAML-5",
        severity: Severity::Error,
        title: ("several documents", "چند سند در یک پرونده"),
        doc: (
            "A record file holds exactly one YAML document; a second `---` starts another, which is not allowed.",
            "هر پرونده سابقه دقیقاً یک سند YAML دارد؛ «---» دوم سند دیگری آغاز می‌کند که مجاز نیست.",
        ),
    },
    RuleDoc {
        id: "R-YAML-6",
        severity: Severity::Error,
        title: ("file too large", "پرونده بیش از اندازه بزرگ"),
        doc: (
            "A record file is larger than 1 MiB. The size is checked before parsing, so a huge file costs nothing. Split long texts into their own records.",
            "پرونده سابقه بزرگ‌تر از ۱ مگابایت است. اندازه پیش از خواندن بررسی می‌شود.",
        ),
    },
    RuleDoc {
        id: "R-YAML-7",
        severity: Severity::Error,
        title: ("not UTF-8 text", "متن UTF-8 نیست"),
        doc: (
            "The file is not valid UTF-8 or contains a NUL byte. Save records as UTF-8 (an editor's \"Unicode (UTF-8)\").",
            "پرونده UTF-8 معتبر نیست یا بایت NUL دارد. سوابق را با کدگذاری UTF-8 ذخیره کنید.",
        ),
    },
    RuleDoc {
        id: "R-YAML-8",
        severity: Severity::Warning,
        title: ("byte-order mark or CRLF", "نشانه ترتیب بایت یا CRLF"),
        doc: (
            "The file starts with a byte-order mark or has Windows (CRLF) line ends. It is read, but dabir writes records without either, so the next write changes every line; convert the file once.",
            "پرونده با نشانه ترتیب بایت آغاز می‌شود یا پایان سطر ویندوزی دارد. خوانده می‌شود، ولی دبیر بدون آن‌ها می‌نویسد.",
        ),
    },
    RuleDoc {
        id: "R-YAML-9",
        severity: Severity::Error,
        title: ("nested too deeply", "تودرتوی بیش از اندازه"),
        doc: (
            "Collections (lists and mappings) nest more than 64 levels deep. No record nests more than six; the depth is checked before parsing, because a parser's time grows with the square of the nesting, so a file of nested brackets costs nothing.",
            "مجموعه‌ها (فهرست‌ها و نگاشت‌ها) بیش از ۶۴ سطح تودرتو شده‌اند. هیچ سابقه‌ای بیش از شش سطح ندارد؛ عمق پیش از تجزیه بررسی می‌شود.",
        ),
    },
    RuleDoc {
        id: "R-YAML-10",
        severity: Severity::Warning,
        title: ("unquoted date", "تاریخ بدون گیومه"),
        doc: (
            "A value shaped like a date (`1404-02-31`) is written without quotes. dabir reads it as text (YAML 1.2), but YAML 1.1 readers such as PyYAML take it for a Gregorian timestamp and fail on days like 1404-02-31, so scripts reading the records crash. Quote it: `\"1404-02-31\"`; dabir's writer always does.",
            "مقداری به شکل تاریخ (1404-02-31) بدون گیومه نوشته شده است. دبیر آن را متن می‌خواند (YAML 1.2)، ولی خواننده‌های YAML 1.1 مانند PyYAML آن را تاریخ میلادی می‌گیرند و خطا می‌دهند. آن را در گیومه بنویسید.",
        ),
    },
    RuleDoc {
        id: "R-SCH-1",
        severity: Severity::Error,
        title: ("schema violation", "ناسازگاری با طرح‌واره"),
        doc: (
            "The record does not match its JSON Schema in `schema/`: a missing or unknown key, a value of the wrong type or shape. Editors that read the `yaml-language-server` modeline show the same errors while typing.",
            "سابقه با طرح‌واره JSON خود در schema/ نمی‌خواند: کلید الزامی نیامده، کلید ناشناخته، یا نوع و شکل مقدار نادرست است.",
        ),
    },
    RuleDoc {
        id: "R-DATE-1",
        severity: Severity::Error,
        title: ("no such Solar Hijri date", "تاریخ خورشیدی نادرست"),
        doc: (
            "A date has the right shape but is not a day of the Solar Hijri calendar, e.g. 1404-12-30 (1404 is not a leap year) or 1403-07-31 (the second half-year has 30-day months).",
            "تاریخ شکل درستی دارد ولی روزی از تقویم خورشیدی نیست؛ مانند ۱۴۰۴-۱۲-۳۰ (۱۴۰۴ کبیسه نیست) یا ۱۴۰۳-۰۷-۳۱.",
        ),
    },
    RuleDoc {
        id: "R-ID-1",
        severity: Severity::Error,
        title: ("unsafe or malformed id", "شناسه نادرست یا ناامن"),
        doc: (
            "A record id (and so its file name) must be upper-case ASCII letters, digits and `-`, starting with the province code: `ESF-PC-1403-02`. Anything else (`../x`, `.git`, spaces, Persian letters, lower case) is refused before any file is touched.",
            "شناسه سابقه (و نام پرونده آن) باید از حروف بزرگ لاتین، رقم و «-» باشد و با کد استان آغاز شود. هر چیز دیگری پیش از دست‌زدن به پرونده‌ای رد می‌شود.",
        ),
    },
    RuleDoc {
        id: "R-ID-2",
        severity: Severity::Error,
        title: ("id and file disagree", "ناهمخوانی شناسه و پرونده"),
        doc: (
            "A record's `id` must equal its file name, and the file must sit where the layout puts that id (`meetings/1403/ESF-PC-1403-02.yaml`); no two records may share an id.",
            "شناسه سابقه باید با نام پرونده یکی باشد و پرونده همان‌جا باشد که چیدمان برای آن شناسه تعیین می‌کند؛ دو سابقه نباید شناسه یکسان داشته باشند.",
        ),
    },
    RuleDoc {
        id: "R-ID-3",
        severity: Severity::Error,
        title: ("meeting id of another year", "شناسه جلسه از سالی دیگر"),
        doc: (
            "A meeting's id carries the Solar Hijri year it is held in (`ESF-PC-1403-02`: the second meeting of 1403), and its decisions and its folder (`meetings/1403/`) follow it, so a meeting dated in another year (`date: \"1404-01-20\"`) would be counted, filed and numbered in the wrong year. Correct the date, or record the meeting under an id of its year.",
            "شناسه جلسه سال خورشیدی برگزاری آن را دارد (ESF-PC-1403-02: دومین جلسه ۱۴۰۳) و مصوبات و پوشه آن (meetings/1403/) از آن پیروی می‌کنند؛ جلسه‌ای با تاریخی در سال دیگر در سال نادرست شمرده، بایگانی و شماره‌گذاری می‌شود. تاریخ را درست کنید یا جلسه را با شناسه‌ای از سال خودش ثبت کنید.",
        ),
    },
    RuleDoc {
        id: "R-ID-4",
        severity: Severity::Error,
        title: ("id of another province", "شناسه استانی دیگر"),
        doc: (
            "Every id starts with the code of the province whose records the repository keeps (`province` in `dabir.yaml`): a record `KHR-P-001` in Isfahan's repository would collide with Khorasan's own record when the national office rolls the provinces up. A national repository (`province: NAT`) holds every province's records and is exempt; the national records a province copies (the national registry's bodies and committees, `dabir national vendor`; the annual programme and the bodies it names, `dabir programme adopt`) keep their `NAT-` ids, and are a read-only copy: any other write that creates or changes a `NAT-` record in a province is refused with this rule.",
            "هر شناسه با کد استانی آغاز می‌شود که مخزن سوابق آن را نگه می‌دارد (province در dabir.yaml)؛ سابقه KHR-P-001 در مخزن اصفهان هنگام گردآوری ملی با سابقه خود خراسان برخورد می‌کند. مخزن ملی (province: NAT) سوابق همه استان‌ها را دارد و از این قاعده معاف است؛ سوابق ملی‌ای که استان رونوشت می‌کند (نهادها و کمیته‌های ثبت ملی، `dabir national vendor`؛ برنامه سالانه و نهادهای آن، `dabir programme adopt`) شناسه‌های NAT- خود را نگه می‌دارند و رونوشتی فقط‌خواندنی‌اند: هر نوشتن دیگری که در استان سابقه NAT- بسازد یا تغییر دهد با همین قاعده رد می‌شود.",
        ),
    },
    RuleDoc {
        id: "R-REF-1",
        severity: Severity::Error,
        title: ("broken reference", "ارجاع شکسته"),
        doc: (
            "A record names another record (a person, body, committee, cluster, meeting, decision...) that does not exist, or exists as a different kind.",
            "سابقه به سابقه دیگری (شخص، نهاد، کمیته، خوشه، جلسه، مصوبه...) ارجاع می‌دهد که وجود ندارد یا از نوع دیگری است.",
        ),
    },
    RuleDoc {
        id: "R-REF-2",
        severity: Severity::Error,
        title: (
            "national id the province cannot resolve",
            "شناسه ملی که استان نمی‌یابد",
        ),
        doc: (
            "A province's record names a national record by its national id (`NAT-B-ISIPO`, `NAT-B-TPO`, the national working group `NAT-WG`: the ids `dabir init --national` gives them), and the province holds no copy of the national registry, or its copy lacks that id. The national bodies and committees are the national office's records; a province keeps a read-only copy of them (same folders, `NAT-` ids) and refers to them, instead of keeping its own copies of ISIPO and TPO. The fix is to get the registry, not to add a record: `dabir national vendor --remote national` (the national office's repository as a git remote, `git remote add national <URL>`), or `dabir national vendor <DIR>` from a copy of it. A write that names such an id is refused by the same rule. In a national repository (`province: NAT`) a missing `NAT-` record is R-REF-1.\n\nExample: `disputes/ESF-DS-1404-01.yaml` names `NAT-WG` at `/national/committee` and the province has no `committees/NAT-WG.yaml`.",
            "سابقه‌ای از استان با شناسه ملی به سابقه‌ای ملی ارجاع می‌دهد (NAT-B-ISIPO، NAT-B-TPO، کارگروه ملی NAT-WG: شناسه‌هایی که `dabir init --national` به آن‌ها می‌دهد) و استان رونوشتی از ثبت ملی ندارد، یا رونوشتش آن شناسه را ندارد. نهادها و کمیته‌های ملی سوابق دفتر ملی‌اند؛ استان رونوشتی فقط‌خواندنی از آن‌ها نگه می‌دارد (همان پوشه‌ها، شناسه‌های NAT-) و به آن‌ها ارجاع می‌دهد، به جای نگه‌داشتن نسخه‌های خود از سازمان صنایع کوچک و سازمان توسعه تجارت. راه درست آوردن ثبت ملی است، نه افزودن سابقه: `dabir national vendor --remote national` (مخزن دفتر ملی به‌عنوان مخزن راه دور git، `git remote add national <URL>`)، یا `dabir national vendor <DIR>` از رونوشتی از آن. نوشتنی که چنین شناسه‌ای را نام ببرد با همین قاعده رد می‌شود. در مخزن ملی (province: NAT) نبودِ سابقه NAT- همان R-REF-1 است.\n\nنمونه: disputes/ESF-DS-1404-01.yaml در ‎/national/committee‎ به NAT-WG ارجاع می‌دهد و استان پرونده committees/NAT-WG.yaml را ندارد.",
        ),
    },
    RuleDoc {
        id: "R-FILE-1",
        severity: Severity::Warning,
        title: ("file outside the layout", "پرونده بیرون از چیدمان"),
        doc: (
            "A file or folder inside a record directory where no record belongs (a `.yml` file, a backup, a folder at the wrong depth). It is not read.",
            "پرونده یا پوشه‌ای در شاخه سوابق که جای سابقه نیست (پسوند ‎.yml‎، نسخه پشتیبان، پوشه در عمق نادرست). خوانده نمی‌شود.",
        ),
    },
    RuleDoc {
        id: "R-FILE-2",
        severity: Severity::Error,
        title: ("symbolic link", "پیوند نمادین"),
        doc: (
            "A symbolic link inside a record directory. dabir never follows links: a record is a plain file in the repository.",
            "پیوند نمادین در شاخه سوابق. دبیر هرگز پیوندها را دنبال نمی‌کند.",
        ),
    },
    RuleDoc {
        id: "R-CFG-1",
        severity: Severity::Error,
        title: ("invalid repository config", "پیکربندی نادرست"),
        doc: (
            "`dabir.yaml` does not match `schema/config.schema.json`; defaults are used for what it should set.",
            "پرونده dabir.yaml با طرح‌واره پیکربندی نمی‌خواند؛ برای آنچه باید تعیین کند مقادیر پیش‌فرض به کار می‌رود.",
        ),
    },
    RuleDoc {
        id: "R-EDIT-1",
        severity: Severity::Error,
        title: (
            "edit of a record changed meanwhile",
            "ویرایش سابقه‌ای که در این میان تغییر کرده",
        ),
        doc: (
            "`dabir edit` commits only on top of the record as it opened it. When another write changed the record while the editor was open, the fields only one side changed are merged; a field both changed refuses the edit, naming the fields, and the other write stays. Example: a `body rename` lands while an edit of the same body's name is open.",
            "`dabir edit` تنها روی همان سابقه‌ای که گشوده ثبت می‌کند. اگر در مدتی که ویرایشگر باز است نوشتن دیگری سابقه را تغییر دهد، فیلدهایی که تنها یک طرف تغییر داده ادغام می‌شوند؛ فیلدی که هر دو تغییر داده‌اند ویرایش را با نام بردن فیلدها رد می‌کند و نوشتن دیگر می‌ماند. نمونه: در مدتی که ویرایش نام یک نهاد باز است، `body rename` همان نهاد ثبت می‌شود.",
        ),
    },
];

/// Every rule, loader's and domain's.
pub fn all() -> impl Iterator<Item = &'static RuleDoc> {
    FILE_RULES
        .iter()
        .chain(FAMILIES.iter().flat_map(|(rules, _)| rules.iter()))
        .chain(programme::RULES.iter())
        .chain(waiver::RULES.iter())
        .chain(national::RULES.iter())
        .chain(audit::RULES.iter())
}

/// The documentation of a rule.
pub fn doc(id: &str) -> Option<&'static RuleDoc> {
    all().find(|r| r.id.eq_ignore_ascii_case(id))
}

/// A rule of the registry, looked up when dabir is compiled: [`rule!`](crate::rule)
/// with an id the registry lacks does not compile, so a finding made through a `Rule`
/// can carry neither an unknown id nor a severity the registry does not give it.
#[derive(Clone, Copy)]
pub struct Rule(&'static RuleDoc);

impl Rule {
    /// The registered rule `id`; in a const (as [`rule!`](crate::rule) evaluates it), an
    /// unknown id is a compile error.
    pub const fn new(id: &str) -> Rule {
        match registered(id) {
            Some(d) => Rule(d),
            None => panic!("rule id not in the registry (src/rules/)"),
        }
    }

    pub fn id(self) -> &'static str {
        self.0.id
    }

    /// The severity it reports with.
    pub fn severity(self) -> Severity {
        self.0.severity
    }
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.id)
    }
}

/// The registered rule with this id (exactly as registered), found at compile time.
const fn registered(id: &str) -> Option<&'static RuleDoc> {
    const fn same(a: &str, b: &str) -> bool {
        let (a, b) = (a.as_bytes(), b.as_bytes());
        if a.len() != b.len() {
            return false;
        }
        let mut i = 0;
        while i < a.len() {
            if a[i] != b[i] {
                return false;
            }
            i += 1;
        }
        true
    }
    const fn find(docs: &'static [RuleDoc], id: &str) -> Option<&'static RuleDoc> {
        let mut i = 0;
        while i < docs.len() {
            if same(docs[i].id, id) {
                return Some(&docs[i]);
            }
            i += 1;
        }
        None
    }
    let mut i = 0;
    while i < FAMILIES.len() {
        if let Some(d) = find(FAMILIES[i].0, id) {
            return Some(d);
        }
        i += 1;
    }
    let others: [&'static [RuleDoc]; 5] = [
        FILE_RULES,
        programme::RULES,
        waiver::RULES,
        national::RULES,
        audit::RULES,
    ];
    let mut i = 0;
    while i < others.len() {
        if let Some(d) = find(others[i], id) {
            return Some(d);
        }
        i += 1;
    }
    None
}

/// The registered rule `$id`, checked when dabir is compiled: `rule!("R-MTG-1")`.
///
/// ```compile_fail
/// let _ = dabir::rule!("R-NOT-REGISTERED");
/// ```
#[macro_export]
macro_rules! rule {
    ($id:literal) => {{
        const RULE: $crate::rules::Rule = $crate::rules::Rule::new($id);
        RULE
    }};
}

type RunFn = fn(&Context<'_>, &mut Vec<Finding>);

/// The rule families: their documentation and their check.
static FAMILIES: &[(&[RuleDoc], RunFn)] = &[
    (committee::RULES, committee::run),
    (meeting::RULES, meeting::run),
    (cluster::RULES, cluster::run),
    (money::RULES, money::run),
    (report::RULES, report::run),
    (dispute::RULES, dispute::run),
    (identity::RULES, identity::run),
    (attachment::RULES, attachment::run),
];

/// What the cross-record rules see: the config, the date they are judged at, and one
/// province's records with the files they came from, indexed.
pub struct Context<'a> {
    pub config: &'a Config,
    pub as_of: JDate,
    pub records: &'a [(String, Record)],
    /// Git history of the record directories, when checked in a git repository (R-MTG-9).
    pub history: Option<&'a history::History>,
    by_id: HashMap<&'a str, (&'a str, &'a Record)>,
    /// Ids of records whose file is there but could not be read (a YAML or schema
    /// error, reported on that file). A rule never concludes anything from their absence,
    /// so one broken file does not cascade into findings on others.
    unreadable: HashMap<String, crate::model::Kind>,
}

macro_rules! typed_access {
    ($($get:ident, $all:ident, $variant:ident, $ty:ty;)*) => {
        $(
            /// The record of this kind with `id`, and its file.
            pub fn $get(&self, id: &str) -> Option<(&'a str, &'a $ty)> {
                match self.by_id.get(id) {
                    Some((path, Record::$variant(x))) => Some((*path, x)),
                    _ => None,
                }
            }
            /// Every record of this kind, with its file, in path order.
            pub fn $all(&self) -> impl Iterator<Item = (&'a str, &'a $ty)> + 'a {
                self.records.iter().filter_map(|(p, r)| match r {
                    Record::$variant(x) => Some((p.as_str(), x)),
                    _ => None,
                })
            }
        )*
    };
}

impl<'a> Context<'a> {
    pub fn new(config: &'a Config, as_of: JDate, records: &'a [(String, Record)]) -> Context<'a> {
        let by_id = records
            .iter()
            .map(|(p, r)| (r.id(), (p.as_str(), r)))
            .collect();
        Context {
            config,
            as_of,
            records,
            history: None,
            by_id,
            unreadable: HashMap::new(),
        }
    }

    /// The same context knowing which records are there but could not be read.
    pub fn with_unreadable(
        mut self,
        ids: impl IntoIterator<Item = (String, crate::model::Kind)>,
    ) -> Context<'a> {
        self.unreadable = ids.into_iter().collect();
        self
    }

    /// Whether `id` names a record whose file is there but could not be read.
    pub fn is_unreadable(&self, id: &str) -> bool {
        self.unreadable.contains_key(id)
    }

    /// Whether some record of `kind` could not be read (so a rule that looks for one
    /// of them cannot conclude it is missing).
    pub fn any_unreadable(&self, kind: crate::model::Kind) -> bool {
        self.unreadable.values().any(|k| *k == kind)
    }

    /// The same context resolving ids it does not hold among `national`: the national
    /// registry (bodies and committees of the `NAT` prefix) a province keeps a read-only
    /// copy of (`dabir national vendor`). They are found by id (a decision's responsible
    /// body, a dispute's national working group, an issuer's category), never iterated:
    /// the rules judge the province's own records, not the copy.
    pub fn with_national(mut self, national: &'a [(String, Record)]) -> Context<'a> {
        for (p, r) in national {
            self.by_id.entry(r.id()).or_insert((p.as_str(), r));
        }
        self
    }

    /// The same context with git history for the rules that read it.
    pub fn with_history(mut self, history: Option<&'a history::History>) -> Context<'a> {
        self.history = history;
        self
    }

    typed_access! {
        body, bodies, Body, Body;
        person, people, Person, Person;
        committee, committees, Committee, Committee;
        meeting, meetings, Meeting, Meeting;
        decision, decisions, Decision, Decision;
        cluster, clusters, Cluster, Cluster;
        plan, plans, Plan, Plan;
        report, reports, Report, Report;
        review, reviews, Review, Review;
        dispute, disputes, Dispute, Dispute;
    }

    /// The meetings of a committee, by date.
    pub fn meetings_of(&self, committee: &str) -> Vec<(&'a str, &'a Meeting)> {
        let mut v: Vec<_> = self
            .meetings()
            .filter(|(_, m)| m.committee == committee)
            .collect();
        v.sort_by_key(|(_, m)| (m.date, m.id.as_str()));
        v
    }

    /// A finding of `rule` (with the rule's severity) at a value inside a record.
    pub fn finding(
        &self,
        rule: Rule,
        path: &str,
        pointer: &str,
        record: &str,
        message: Text,
    ) -> Finding {
        Finding::new(
            rule.id(),
            rule.severity(),
            path,
            Anchor::Value(pointer.to_string()),
            message,
        )
        .record(record)
    }
}

/// Run every cross-record rule over one province.
/// The families run in parallel; their findings come out in family order.
pub fn run(ctx: &Context<'_>) -> Vec<Finding> {
    use rayon::prelude::*;
    let trace = std::env::var_os("DABIR_TRACE").is_some();
    let each: Vec<Vec<Finding>> = FAMILIES
        .par_iter()
        .enumerate()
        .map(|(i, (_, check))| {
            let t = std::time::Instant::now();
            let mut out = Vec::new();
            check(ctx, &mut out);
            if trace {
                eprintln!(
                    "dabir-trace rules family {i}: {:.2} ms",
                    t.elapsed().as_secs_f64() * 1e3
                );
            }
            out
        })
        .collect();
    each.concat()
}

#[cfg(test)]
mod tests {
    /// The lookup `rule!` runs when dabir is compiled sees every registry `all()` lists,
    /// and each id once.
    #[test]
    fn every_registered_rule_is_found_once_at_compile_time() {
        let mut seen = std::collections::HashSet::new();
        for d in super::all() {
            assert!(seen.insert(d.id), "{} is registered twice", d.id);
            let r = super::Rule::new(d.id);
            assert_eq!((r.id(), r.severity()), (d.id, d.severity));
        }
        assert_eq!(crate::rule!("R-MTG-1").id(), "R-MTG-1");
    }

    /// Every rule id the code names (findings, refusals, guards) is in the registry, so
    /// none falls through to `explain` with no text (a `rule!` of an unknown id does not
    /// compile; this holds the other literals, refusals and guards, to it).
    #[test]
    fn every_rule_id_in_the_code_is_registered() {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push(p);
                }
            }
        }
        let mut files = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        let mut unknown = Vec::new();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            for (i, _) in text.match_indices("\"R-") {
                let rest = &text[i + 1..];
                let Some(end) = rest.find('"') else { continue };
                let id = &rest[..end];
                let shaped = id.split('-').count() == 3
                    && id.split('-').nth(1).is_some_and(|k| {
                        !k.is_empty() && k.chars().all(|c| c.is_ascii_uppercase())
                    })
                    && id
                        .rsplit('-')
                        .next()
                        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
                if shaped && super::doc(id).is_none() {
                    unknown.push(format!("{}: {id}", f.display()));
                }
            }
        }
        assert!(unknown.is_empty(), "unregistered rule ids: {unknown:?}");
    }
}
