//! The record model: one module per kind of record, serde types and invariants, no IO.
//!
//! Every record is one YAML file; [`Record`] is the sum of the kinds and [`Kind`] maps
//! each to its directory and schema. Dates are [`JDate`] (Solar Hijri), money is [`Rial`].

pub mod attachment;
pub mod body;
pub mod cluster;
pub mod committee;
pub mod common;
pub mod config;
pub mod date;
pub mod decision;
pub mod dispute;
pub mod guard;
pub mod id;
pub mod lock;
pub mod meeting;
pub mod message;
pub mod person;
pub mod plan;
pub mod programme;
pub mod report;
pub mod text;

pub use attachment::{Attachment, AttachmentKind};
pub use body::{Body, BodyCategory};
pub use cluster::{Cluster, Stage};
pub use committee::{Committee, CommitteeKind, Membership, Role};
pub use common::{Evidence, Letter, Ref, Refs, Rial};
pub use config::{Config, Lang};
pub use date::JDate;
pub use decision::{Decision, DecisionStatus};
pub use dispute::Dispute;
pub use guard::Refusal;
pub use id::Kind;
pub use meeting::Meeting;
pub use message::Text;
pub use person::Person;
pub use plan::Plan;
pub use programme::{Programme, ProgrammeProgress};
pub use report::{Report, Review};

use serde::{Deserialize, Serialize};

/// The name in `lang` of a pair (English, Persian).
pub fn pick(names: (&'static str, &'static str), lang: Lang) -> &'static str {
    match lang {
        Lang::En => names.0,
        Lang::Fa => names.1,
    }
}

/// A record of any kind. Serialized externally tagged (`{"meeting": {...}}`) so caches
/// can read it back; record files hold the inner value alone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Record {
    Body(Body),
    Person(Person),
    Committee(Committee),
    Meeting(Meeting),
    Decision(Decision),
    Cluster(Cluster),
    Plan(Plan),
    Report(Report),
    Review(Review),
    Dispute(Dispute),
    Programme(Programme),
    Progress(ProgrammeProgress),
}

/// Apply `$f` to the record inside whatever variant `$r` is.
macro_rules! each_kind {
    ($r:expr, $x:ident => $e:expr) => {
        match $r {
            Record::Body($x) => $e,
            Record::Person($x) => $e,
            Record::Committee($x) => $e,
            Record::Meeting($x) => $e,
            Record::Decision($x) => $e,
            Record::Cluster($x) => $e,
            Record::Plan($x) => $e,
            Record::Report($x) => $e,
            Record::Review($x) => $e,
            Record::Dispute($x) => $e,
            Record::Programme($x) => $e,
            Record::Progress($x) => $e,
        }
    };
}

impl Record {
    /// Deserialize a record of `kind` from a parsed document.
    pub fn deserialize_kind<'de, D: serde::Deserializer<'de>>(
        kind: Kind,
        d: D,
    ) -> Result<Record, D::Error> {
        Ok(match kind {
            Kind::Body => Record::Body(Body::deserialize(d)?),
            Kind::Person => Record::Person(Person::deserialize(d)?),
            Kind::Committee => Record::Committee(Committee::deserialize(d)?),
            Kind::Meeting => Record::Meeting(Meeting::deserialize(d)?),
            Kind::Decision => Record::Decision(Decision::deserialize(d)?),
            Kind::Cluster => Record::Cluster(Cluster::deserialize(d)?),
            Kind::Plan => Record::Plan(Plan::deserialize(d)?),
            Kind::Report => Record::Report(Report::deserialize(d)?),
            Kind::Review => Record::Review(Review::deserialize(d)?),
            Kind::Dispute => Record::Dispute(Dispute::deserialize(d)?),
            Kind::Programme => Record::Programme(Programme::deserialize(d)?),
            Kind::Progress => Record::Progress(ProgrammeProgress::deserialize(d)?),
        })
    }

    pub fn kind(&self) -> Kind {
        match self {
            Record::Body(_) => Kind::Body,
            Record::Person(_) => Kind::Person,
            Record::Committee(_) => Kind::Committee,
            Record::Meeting(_) => Kind::Meeting,
            Record::Decision(_) => Kind::Decision,
            Record::Cluster(_) => Kind::Cluster,
            Record::Plan(_) => Kind::Plan,
            Record::Report(_) => Kind::Report,
            Record::Review(_) => Kind::Review,
            Record::Dispute(_) => Kind::Dispute,
            Record::Programme(_) => Kind::Programme,
            Record::Progress(_) => Kind::Progress,
        }
    }

    pub fn id(&self) -> &str {
        each_kind!(self, x => &x.id)
    }

    /// The record as the domain rules see it: every free Persian text (a decision's text,
    /// minutes' summary, notes, titles, reasons...) replaced by `…`, empty ones left
    /// empty. No rule reads these texts (a test runs every rule fixture both ways), so a
    /// write keeps its records in this form in its cache: a fifth of the bytes to decode.
    /// Never written back: a write edits records parsed afresh from their files.
    pub fn without_prose(mut self) -> Record {
        fn mark(s: &mut String) {
            if !s.is_empty() {
                "…".clone_into(s);
            }
        }
        fn mark_opt(s: &mut Option<String>) {
            if let Some(s) = s {
                mark(s);
            }
        }
        match &mut self {
            Record::Meeting(m) => {
                mark_opt(&mut m.place);
                for i in m.agenda.iter_mut().flat_map(|a| &mut a.items) {
                    mark(&mut i.title);
                }
                if let Some(min) = &mut m.minutes {
                    mark(&mut min.summary);
                }
            }
            Record::Decision(d) => {
                mark(&mut d.text);
                for f in &mut d.followups {
                    mark(&mut f.note);
                }
            }
            Record::Plan(p) => {
                mark(&mut p.title);
                for a in &mut p.activities {
                    mark(&mut a.title);
                }
                for r in &mut p.revisions {
                    mark_opt(&mut r.reason);
                }
            }
            Record::Report(r) => {
                for p in &mut r.progress {
                    mark_opt(&mut p.note);
                }
                r.bottlenecks.iter_mut().for_each(mark);
            }
            Record::Review(r) => {
                mark(&mut r.performance);
                mark_opt(&mut r.economic_return);
                r.proposals.iter_mut().for_each(mark);
            }
            Record::Dispute(d) => {
                mark(&mut d.subject);
                mark_opt(&mut d.resolution);
            }
            Record::Programme(p) => {
                mark(&mut p.title);
                for a in &mut p.axes {
                    mark(&mut a.title);
                    mark(&mut a.indicator);
                }
            }
            Record::Progress(g) => {
                for e in &mut g.entries {
                    mark_opt(&mut e.note);
                }
            }
            Record::Body(_) | Record::Person(_) | Record::Committee(_) | Record::Cluster(_) => {}
        }
        self
    }

    /// The files attached to this record (only committees, meetings and decisions carry
    /// them).
    pub fn attachments(&self) -> &[Attachment] {
        match self {
            Record::Committee(x) => &x.attachments,
            Record::Meeting(x) => &x.attachments,
            Record::Decision(x) => &x.attachments,
            _ => &[],
        }
    }

    /// The attachments of this record, for editing; `None` for a kind that carries none.
    pub fn attachments_mut(&mut self) -> Option<&mut Vec<Attachment>> {
        match self {
            Record::Committee(x) => Some(&mut x.attachments),
            Record::Meeting(x) => Some(&mut x.attachments),
            Record::Decision(x) => Some(&mut x.attachments),
            _ => None,
        }
    }

    /// Every reference this record makes to another, with its JSON pointer.
    pub fn refs(&self) -> Vec<Ref<'_>> {
        let mut r = Refs::default();
        each_kind!(self, x => x.refs(&mut r));
        r.list
    }
}
