//! The JSON Schemas of `schema/`, embedded in the binary and compiled once per process.
//!
//! The same files serve the clerk's editor (each record may start with a
//! `# yaml-language-server: $schema=...` modeline) and this program. Cross-file `$ref`s
//! are relative (`common.schema.json#/$defs/date`); here they resolve against a private
//! base URI and are answered from the embedded copies, so nothing is ever fetched.

use std::collections::HashMap;
use std::sync::OnceLock;

use jsonschema::error::ValidationErrorKind;
use jsonschema::{Retrieve, Uri, Validator};
use serde_json::Value;

use crate::diag::{Anchor, Text};
use crate::model::Kind;
use crate::tr;

const BASE: &str = "https://dabir.invalid/schema/";

/// Every schema file, by file name.
pub const FILES: [(&str, &str); 16] = [
    (
        "common.schema.json",
        include_str!("../schema/common.schema.json"),
    ),
    (
        "config.schema.json",
        include_str!("../schema/config.schema.json"),
    ),
    (
        "body.schema.json",
        include_str!("../schema/body.schema.json"),
    ),
    (
        "person.schema.json",
        include_str!("../schema/person.schema.json"),
    ),
    (
        "committee.schema.json",
        include_str!("../schema/committee.schema.json"),
    ),
    (
        "meeting.schema.json",
        include_str!("../schema/meeting.schema.json"),
    ),
    (
        "decision.schema.json",
        include_str!("../schema/decision.schema.json"),
    ),
    (
        "cluster.schema.json",
        include_str!("../schema/cluster.schema.json"),
    ),
    (
        "plan.schema.json",
        include_str!("../schema/plan.schema.json"),
    ),
    (
        "report.schema.json",
        include_str!("../schema/report.schema.json"),
    ),
    (
        "review.schema.json",
        include_str!("../schema/review.schema.json"),
    ),
    (
        "dispute.schema.json",
        include_str!("../schema/dispute.schema.json"),
    ),
    (
        "programme.schema.json",
        include_str!("../schema/programme.schema.json"),
    ),
    (
        "progress.schema.json",
        include_str!("../schema/progress.schema.json"),
    ),
    (
        "waivers.schema.json",
        include_str!("../schema/waivers.schema.json"),
    ),
    (
        "policy.schema.json",
        include_str!("../schema/policy.schema.json"),
    ),
];

/// The schema file name of a kind.
pub fn file_of(kind: Kind) -> String {
    format!("{}.schema.json", kind.name())
}

struct Embedded;

impl Retrieve for Embedded {
    fn retrieve(
        &self,
        uri: &Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let name = uri
            .as_str()
            .strip_prefix(BASE)
            .ok_or("only embedded schemas are available")?;
        let (_, text) = FILES
            .iter()
            .find(|(n, _)| *n == name)
            .ok_or("no such embedded schema")?;
        Ok(serde_json::from_str(text)?)
    }
}

fn compile(name: &str) -> Validator {
    let (_, text) = FILES
        .iter()
        .find(|(n, _)| *n == name)
        .expect("embedded schema");
    let schema: Value =
        serde_json::from_str(text).expect("embedded schemas are valid JSON (tested)");
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .with_base_uri(format!("{BASE}{name}"))
        .with_retriever(Embedded)
        .build(&schema)
        .expect("embedded schemas compile (tested)")
}

/// The compiled validators, one per kind plus the config, each compiled on first use:
/// a write validates one or two kinds, and compiling all of them would cost a whole
/// process more than the write itself.
pub struct Schemas {
    kinds: Vec<(Kind, OnceLock<Validator>)>,
    config: OnceLock<Validator>,
    waivers: OnceLock<Validator>,
    policy: OnceLock<Validator>,
}

impl Schemas {
    /// The process-wide compiled schemas.
    pub fn get() -> &'static Schemas {
        static CELL: OnceLock<Schemas> = OnceLock::new();
        CELL.get_or_init(|| Schemas {
            kinds: Kind::ALL.iter().map(|&k| (k, OnceLock::new())).collect(),
            config: OnceLock::new(),
            waivers: OnceLock::new(),
            policy: OnceLock::new(),
        })
    }

    fn validator(&self, kind: Option<Kind>) -> &Validator {
        match kind {
            None => self.config.get_or_init(|| compile("config.schema.json")),
            Some(k) => {
                let cell = &self
                    .kinds
                    .iter()
                    .find(|(x, _)| *x == k)
                    .expect("every kind has a schema")
                    .1;
                cell.get_or_init(|| compile(&file_of(k)))
            }
        }
    }

    /// Validate `waivers.yaml`; empty when valid.
    pub fn validate_waivers(&self, value: &Value) -> Vec<Violation> {
        let waivers = self.waivers.get_or_init(|| compile("waivers.schema.json"));
        if waivers.is_valid(value) {
            return Vec::new();
        }
        waivers
            .iter_errors(value)
            .map(|e| violation("waivers.schema.json", &e))
            .collect()
    }

    /// Validate `policy.yaml`; empty when valid.
    pub fn validate_policy(&self, value: &Value) -> Vec<Violation> {
        let policy = self.policy.get_or_init(|| compile("policy.schema.json"));
        if policy.is_valid(value) {
            return Vec::new();
        }
        policy
            .iter_errors(value)
            .map(|e| violation("policy.schema.json", &e))
            .collect()
    }

    /// Validate a record of `kind` (or the config, for `None`); empty when valid.
    pub fn validate(&self, kind: Option<Kind>, value: &Value) -> Vec<Violation> {
        let v = self.validator(kind);
        if v.is_valid(value) {
            return Vec::new();
        }
        let file = kind.map_or_else(|| "config.schema.json".to_string(), file_of);
        v.iter_errors(value).map(|e| violation(&file, &e)).collect()
    }
}

/// One schema violation, with where to point and what to say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    pub pointer: String,
    pub keyword: String,
    pub anchor: Anchor,
    pub message: Text,
}

/// The schema documents, parsed once, by file name.
fn documents() -> &'static HashMap<&'static str, Value> {
    static DOCS: OnceLock<HashMap<&'static str, Value>> = OnceLock::new();
    DOCS.get_or_init(|| {
        FILES
            .iter()
            .map(|(name, text)| {
                let doc = serde_json::from_str(text).expect("embedded schemas are valid JSON");
                (*name, doc)
            })
            .collect()
    })
}

/// The Persian name a schema description gives a field: the first parenthesis holding
/// Persian letters ("The member bodies responsible for executing it (مسئول اجرا), ...").
fn persian_name(description: &str) -> Option<String> {
    let mut rest = description;
    while let Some(open) = rest.find('(') {
        let after = &rest[open + 1..];
        let close = after.find(')')?;
        let inner = &after[..close];
        if inner
            .chars()
            .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
        {
            return Some(inner.trim().to_string());
        }
        rest = &after[close + 1..];
    }
    None
}

/// Follow `$ref`s from `node` in `file` to the schema that says what a value is.
fn resolve<'s>(mut file: &'s str, mut node: &'s Value) -> (&'s str, &'s Value) {
    for _ in 0..8 {
        let Some(r) = node.get("$ref").and_then(Value::as_str) else {
            break;
        };
        let (target, fragment) = r.split_once('#').unwrap_or((r, ""));
        if !target.is_empty() {
            match documents().get_key_value(target) {
                Some((name, _)) => file = name,
                None => break,
            }
        }
        match documents()[file].pointer(fragment) {
            Some(n) => node = n,
            None => break,
        }
    }
    (file, node)
}

/// What a field is called, in words a clerk reads: its key and, from its schema's
/// description, its Persian name; the kind of value it holds (the `$def` it refers to).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Field {
    pub key: String,
    pub fa: Option<String>,
    /// The Persian and English names of the value's type (a date, a record id), when the
    /// field refers to a shared definition.
    pub value: Option<(String, String)>,
}

impl Field {
    /// `` `responsible` (مسئول اجرا) ``.
    pub fn en(&self) -> String {
        match &self.fa {
            Some(fa) => format!("`{}` ({fa})", self.key),
            None => format!("`{}`", self.key),
        }
    }
    /// `«مسئول اجرا» (responsible)`.
    pub fn fa(&self) -> String {
        match &self.fa {
            Some(fa) => format!("«{fa}» ({})", self.key),
            None => format!("«{}»", self.key),
        }
    }
}

/// The field at `pointer` in a record validated by the schema file `file`: the nearest
/// key on the way (an item of a list is named by its list).
pub fn field_at(file: &str, pointer: &str) -> Option<Field> {
    let (mut file, mut node) = (
        documents().get_key_value(file)?.0 as &str,
        documents().get(file)?,
    );
    let mut field = None;
    for seg in pointer.split('/').skip(1) {
        let seg = seg.replace("~1", "/").replace("~0", "~");
        let (f, n) = resolve(file, node);
        (file, node) = (f, n);
        if let Some(child) = node.get("properties").and_then(|p| p.get(&seg)) {
            let (vf, target) = resolve(file, child);
            let value = (!std::ptr::eq(target, child))
                .then(|| {
                    let desc = target.get("description").and_then(Value::as_str)?;
                    let title = target.get("title").and_then(Value::as_str)?;
                    Some((persian_name(desc)?, with_article(title)))
                })
                .flatten();
            let _ = vf;
            let fa = child
                .get("description")
                .and_then(Value::as_str)
                .and_then(persian_name);
            field = Some(Field {
                key: seg.clone(),
                fa,
                value,
            });
            node = child;
        } else if seg.parse::<usize>().is_ok() && node.get("items").is_some() {
            node = &node["items"];
        } else {
            return field;
        }
    }
    field
}

/// What the record or object at `pointer` is called: its field, or the record's kind
/// (the schema's title) at the top.
fn owner_at(file: &str, pointer: &str) -> (String, String) {
    match field_at(file, pointer) {
        Some(f) if !pointer.is_empty() => (f.en(), f.fa()),
        _ => {
            let title = documents()
                .get(file)
                .and_then(|d| d.get("title"))
                .and_then(Value::as_str)
                .unwrap_or("record");
            let fa = persian_name(title).unwrap_or_else(|| "سابقه".into());
            let en = title.split(" (").next().unwrap_or(title).to_lowercase();
            (format!("the {en}"), fa)
        }
    }
}

/// A definition's title as a noun phrase: "Record id" -> "a record id", "Amount in
/// rials" -> "an amount in rials", "Solar Hijri date" -> "a Solar Hijri date".
fn with_article(title: &str) -> String {
    let noun = if title.starts_with("Solar") {
        title.to_string()
    } else {
        let mut c = title.chars();
        c.next()
            .map(|f| f.to_lowercase().chain(c).collect())
            .unwrap_or_default()
    };
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {noun}")
}

/// A JSON type in words.
fn type_words(t: &str) -> (&'static str, &'static str) {
    match t {
        "string" => ("text", "متن"),
        "integer" => ("a whole number", "عدد صحیح"),
        "number" => ("a number", "عدد"),
        "array" => ("a list", "فهرست"),
        "object" => ("a mapping of keys to values", "نگاشتی از کلید به مقدار"),
        "boolean" => ("true or false", "true یا false"),
        _ => ("empty", "تهی"),
    }
}

/// A schema violation as a finding's anchor and message: what is wrong with the
/// structure here, what is wrong with a value in [`value_message`].
fn violation(file: &str, e: &jsonschema::ValidationError<'_>) -> Violation {
    let pointer = e.instance_path().as_str().to_string();
    let field = field_at(file, &pointer).unwrap_or_else(|| Field {
        key: pointer.rsplit('/').next().unwrap_or_default().to_string(),
        ..Field::default()
    });
    let value = e.instance().to_string();
    let at_value = Anchor::Value(pointer.clone());
    let (anchor, message) = match e.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let key = unexpected.first().cloned().unwrap_or_default();
            let (o_en, o_fa) = owner_at(file, &pointer);
            let (k_en, k_fa) = (unexpected.join("`, `"), unexpected.join("»، «"));
            (
                Anchor::Key(pointer.clone(), key),
                tr!(
                    "`{k_en}` is not a field of {o_en}: check its spelling, or remove it",
                    "«{k_fa}» از فیلدهای {o_fa} نیست: املایش را بررسی کنید یا آن را بردارید"
                ),
            )
        }
        ValidationErrorKind::Required { property } => {
            let p = property.as_str().unwrap_or_default();
            let child = field_at(file, &format!("{pointer}/{p}")).unwrap_or_else(|| Field {
                key: p.to_string(),
                ..Field::default()
            });
            let (c_en, c_fa) = (child.en(), child.fa());
            let (o_en, o_fa) = owner_at(file, &pointer);
            (
                at_value,
                tr!(
                    "{c_en} is missing: {o_en} needs it",
                    "{c_fa} نیامده است: {o_fa} بدون آن کامل نیست"
                ),
            )
        }
        _ => (at_value, value_message(e, &field, &value)),
    };
    Violation {
        keyword: e.kind().keyword().to_string(),
        pointer,
        anchor,
        message,
    }
}

/// The message of a violation about a value (its form, type, allowed values or limits),
/// naming the field in words a clerk reads.
fn value_message(e: &jsonschema::ValidationError<'_>, field: &Field, value: &str) -> Text {
    use jsonschema::error::TypeKind;
    let (l_en, l_fa) = (field.en(), field.fa());
    match e.kind() {
        ValidationErrorKind::Pattern { .. } => match &field.value {
            Some((v_fa, v_en)) => tr!(
                "{l_en} must be {v_en}; {value} is not one",
                "{l_fa} باید {v_fa} باشد؛ {value} نیست"
            ),
            None => tr!(
                "{l_en}: {value} does not have the expected form",
                "{l_fa}: {value} شکل درستی ندارد"
            ),
        },
        ValidationErrorKind::Enum { options } => {
            let list: Vec<String> = options
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|o| o.as_str().map_or(o.to_string(), str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            let (o_en, o_fa) = (list.join(", "), list.join("، "));
            tr!(
                "{l_en} cannot be {value}; it is one of: {o_en}",
                "{l_fa} نمی‌تواند {value} باشد؛ یکی از این‌هاست: {o_fa}"
            )
        }
        ValidationErrorKind::Type { kind } => {
            let (t_en, t_fa) = match kind {
                TypeKind::Single(t) => type_words(t.as_str()),
                TypeKind::Multiple(_) => ("of another type", "از نوع دیگری"),
            };
            tr!(
                "{l_en} must be {t_en}, not {value}",
                "{l_fa} باید {t_fa} باشد، نه {value}"
            )
        }
        ValidationErrorKind::MinItems { limit } => {
            if *limit == 1 {
                tr!(
                    "{l_en} needs at least one entry",
                    "{l_fa} دست‌کم یک مورد لازم دارد"
                )
            } else {
                tr!(
                    "{l_en} needs at least {limit} entries",
                    "{l_fa} دست‌کم {limit} مورد لازم دارد"
                )
            }
        }
        ValidationErrorKind::MinProperties { limit } => tr!(
            "{l_en} needs at least {limit} of its fields",
            "{l_fa} دست‌کم {limit} فیلد لازم دارد"
        ),
        ValidationErrorKind::UniqueItems => tr!(
            "{l_en} lists the same entry twice",
            "{l_fa} یک مورد را دو بار آورده است"
        ),
        ValidationErrorKind::MinLength { limit } => {
            if *limit == 1 {
                tr!("{l_en} cannot be empty", "{l_fa} نمی‌تواند خالی باشد")
            } else {
                tr!(
                    "{l_en} needs at least {limit} characters",
                    "{l_fa} دست‌کم {limit} نویسه لازم دارد"
                )
            }
        }
        ValidationErrorKind::MaxLength { limit } => tr!(
            "{l_en} is longer than {limit} characters",
            "{l_fa} از {limit} نویسه بلندتر است"
        ),
        ValidationErrorKind::Minimum { limit }
        | ValidationErrorKind::ExclusiveMinimum { limit } => tr!(
            "{l_en}: {value} is below the least allowed, {limit}",
            "{l_fa}: {value} از کمترین مقدار مجاز ({limit}) کمتر است"
        ),
        ValidationErrorKind::Maximum { limit }
        | ValidationErrorKind::ExclusiveMaximum { limit } => tr!(
            "{l_en}: {value} is above the most allowed, {limit}",
            "{l_fa}: {value} از بیشترین مقدار مجاز ({limit}) بیشتر است"
        ),
        _ => {
            let en = e.to_string();
            tr!("{l_en}: {en}", "{l_fa} با طرح‌واره سازگار نیست: {en}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(kind: Kind, yaml: &str) -> Vec<(String, Text)> {
        let value = crate::yaml::parse(yaml.as_bytes()).unwrap().value;
        Schemas::get()
            .validate(Some(kind), &value)
            .into_iter()
            .map(|v| (v.pointer, v.message))
            .collect()
    }

    #[test]
    fn findings_name_the_field_in_words_in_both_languages() {
        let got = messages(
            Kind::Decision,
            "id: ESF-PC-1403-01-D1\nmeeting: ESF-PC-1403-01\ntext: متن\nresponsible: []\nstatus: opne\n",
        );
        let find = |p: &str| got.iter().find(|(q, _)| q == p).map(|(_, m)| m.clone());
        let responsible = find("/responsible").expect("minItems on responsible");
        assert_eq!(
            responsible.en,
            "`responsible` (مسئول اجرا) needs at least one entry"
        );
        assert_eq!(
            responsible.fa,
            "«مسئول اجرا» (responsible) دست‌کم یک مورد لازم دارد"
        );
        let status = find("/status").expect("enum on status");
        assert!(status.en.starts_with("`status` ("), "{status:?}");
        assert!(status.en.contains("open, done"), "{status:?}");
        let got = messages(
            Kind::Body,
            "id: ESF-B-1\nname: نهاد\ncategory: other\nnmae: x\n",
        );
        assert_eq!(
            got[0].1.en,
            "`nmae` is not a field of the body: check its spelling, or remove it"
        );
        assert!(
            got[0].1.fa.contains("«nmae»") && got[0].1.fa.contains("نهاد"),
            "{got:?}"
        );
        let got = messages(Kind::Body, "id: ESF-B-1\ncategory: other\n");
        assert!(got[0].1.en.starts_with("`name` ("), "{got:?}");
        assert!(
            got[0].1.en.ends_with("is missing: the body needs it"),
            "{got:?}"
        );
        let got = messages(
            Kind::Meeting,
            "id: ESF-PC-1403-01\ncommittee: ESF-PC\ndate: 1403/2/1x\nstate: held\n",
        );
        let date = &got[0].1;
        assert!(date.en.contains("must be a Solar Hijri date"), "{date:?}");
        assert!(date.fa.contains("تاریخ شمسی"), "{date:?}");
        // Every message of every kind is in both languages, and the Persian has no
        // English sentence of the validator in it.
        for (_, m) in messages(
            Kind::Committee,
            "id: x\nkind: 3\nquorum: [a]\nmemberships: {}\n",
        ) {
            assert!(!m.en.is_empty() && !m.fa.is_empty());
            assert!(
                !m.fa.contains("is not") && !m.fa.contains("Additional"),
                "{m:?}"
            );
        }
    }

    #[test]
    fn the_persian_type_error_names_the_type_in_persian() {
        let v = Schemas::get().validate(
            Some(Kind::Person),
            &serde_json::json!({"id": "ESF-P-001", "name": 12}),
        );
        let fa = v[0].message.get(crate::model::Lang::Fa);
        assert!(fa.contains("باید متن باشد"), "{fa}");
        assert!(!fa.contains("Single"), "{fa}");
    }

    #[test]
    fn every_schema_compiles() {
        let s = Schemas::get();
        assert_eq!(s.kinds.len(), Kind::ALL.len());
        for k in Kind::ALL {
            s.validator(Some(k));
        }
        s.validator(None);
        s.validate_waivers(&Value::Null);
    }
}
