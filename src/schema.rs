//! The JSON Schemas of `schema/`, embedded in the binary and compiled once per process.
//!
//! The same files serve the clerk's editor (each record may start with a
//! `# yaml-language-server: $schema=...` modeline) and this program. Cross-file `$ref`s
//! are relative (`common.schema.json#/$defs/date`); here they resolve against a private
//! base URI and are answered from the embedded copies, so nothing is ever fetched.

use std::sync::OnceLock;

use jsonschema::error::ValidationErrorKind;
use jsonschema::{Retrieve, Uri, Validator};
use serde_json::Value;

use crate::diag::{Anchor, Text};
use crate::model::Kind;
use crate::tr;

const BASE: &str = "https://dabir.invalid/schema/";

/// Every schema file, by file name.
pub const FILES: [(&str, &str); 14] = [
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
        waivers.iter_errors(value).map(|e| violation(&e)).collect()
    }

    /// Validate `policy.yaml`; empty when valid.
    pub fn validate_policy(&self, value: &Value) -> Vec<Violation> {
        let policy = self.policy.get_or_init(|| compile("policy.schema.json"));
        if policy.is_valid(value) {
            return Vec::new();
        }
        policy.iter_errors(value).map(|e| violation(&e)).collect()
    }

    /// Validate a record of `kind` (or the config, for `None`); empty when valid.
    pub fn validate(&self, kind: Option<Kind>, value: &Value) -> Vec<Violation> {
        let v = self.validator(kind);
        if v.is_valid(value) {
            return Vec::new();
        }
        v.iter_errors(value).map(|e| violation(&e)).collect()
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

fn violation(e: &jsonschema::ValidationError<'_>) -> Violation {
    let pointer = e.instance_path().as_str().to_string();
    let en = e.to_string();
    let (anchor, fa) = match e.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let key = unexpected.first().cloned().unwrap_or_default();
            let fa = format!("کلید «{}» در این‌جا مجاز نیست", unexpected.join("», «"));
            (Anchor::Key(pointer.clone(), key), fa)
        }
        ValidationErrorKind::Required { property } => {
            let p = property.as_str().unwrap_or_default();
            (
                Anchor::Value(pointer.clone()),
                format!("کلید الزامی «{p}» نیامده است"),
            )
        }
        ValidationErrorKind::Pattern { pattern } => (
            Anchor::Value(pointer.clone()),
            format!("مقدار {} با الگوی «{pattern}» نمی‌خواند", e.instance()),
        ),
        ValidationErrorKind::Enum { options } => (
            Anchor::Value(pointer.clone()),
            format!("مقدار {} یکی از مقادیر مجاز نیست: {options}", e.instance()),
        ),
        ValidationErrorKind::Type { kind } => (
            Anchor::Value(pointer.clone()),
            format!("نوع مقدار {} درست نیست؛ باید {kind:?} باشد", e.instance()),
        ),
        ValidationErrorKind::MinItems { limit } => (
            Anchor::Value(pointer.clone()),
            format!("فهرست دست‌کم {limit} مورد لازم دارد"),
        ),
        ValidationErrorKind::MinLength { limit } => (
            Anchor::Value(pointer.clone()),
            format!("متن دست‌کم {limit} نویسه لازم دارد"),
        ),
        ValidationErrorKind::MaxLength { limit } => (
            Anchor::Value(pointer.clone()),
            format!("متن بیش از {limit} نویسه است"),
        ),
        ValidationErrorKind::Minimum { limit }
        | ValidationErrorKind::ExclusiveMinimum { limit } => (
            Anchor::Value(pointer.clone()),
            format!("مقدار {} از کمینه {limit} کمتر است", e.instance()),
        ),
        ValidationErrorKind::Maximum { limit }
        | ValidationErrorKind::ExclusiveMaximum { limit } => (
            Anchor::Value(pointer.clone()),
            format!("مقدار {} از بیشینه {limit} بیشتر است", e.instance()),
        ),
        _ => (
            Anchor::Value(pointer.clone()),
            format!("مقدار با طرح‌واره سازگار نیست: {en}"),
        ),
    };
    Violation {
        keyword: e.kind().keyword().to_string(),
        pointer,
        anchor,
        message: tr!("{en}", "{fa}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
