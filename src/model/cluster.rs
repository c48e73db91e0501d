//! Business clusters: the nine selection criteria (R-CLU-1), the lifecycle F3..F15 with
//! the evidence of every step (R-CLU-2, R-CLU-3), and the appointments of the CDA, the
//! TA and the yearly supervisor (R-SUP-1).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::common::{Evidence, Letter, Refs};
use super::date::JDate;
use super::id::Kind;

/// A lifecycle stage of seed 003's process table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Stage {
    /// Initial list.
    F3,
    /// Criteria assessment.
    #[serde(rename = "F3-1")]
    F3_1,
    /// Feasibility plan (طرح توجیهی).
    #[serde(rename = "F3-3")]
    F3_3,
    /// Its evaluation.
    #[serde(rename = "F3-4")]
    F3_4,
    /// Secondary list on national priorities.
    F6,
    /// Cluster databank.
    F7,
    /// Cluster licence (پروانه خوشه), issued by TPO.
    F8,
    /// Action programme submitted.
    F9,
    /// Reviewed in the provincial working group.
    #[serde(rename = "F9-1")]
    F9_1,
    /// Approved in the provincial working group.
    #[serde(rename = "F9-2")]
    F9_2,
    /// Approved nationally, where beyond provincial authority.
    #[serde(rename = "F9-3")]
    F9_3,
    /// Specialised support package proposed.
    F10,
    /// Approved and communicated.
    F11,
    /// Resources allocated.
    F12,
    /// Implementation.
    F13,
    /// Monitoring.
    F14,
    /// Revision.
    F15,
}

impl Stage {
    pub const ALL: [Stage; 17] = [
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
        Stage::F9_3,
        Stage::F10,
        Stage::F11,
        Stage::F12,
        Stage::F13,
        Stage::F14,
        Stage::F15,
    ];

    /// The stages that may follow this one (R-CLU-2): the next in order; F9-3 may be
    /// passed over when the programme is within provincial authority; a revision (F15)
    /// goes back to implementation (F13).
    pub fn successors(self) -> &'static [Stage] {
        match self {
            Stage::F3 => &[Stage::F3_1],
            Stage::F3_1 => &[Stage::F3_3],
            Stage::F3_3 => &[Stage::F3_4],
            Stage::F3_4 => &[Stage::F6],
            Stage::F6 => &[Stage::F7],
            Stage::F7 => &[Stage::F8],
            Stage::F8 => &[Stage::F9],
            Stage::F9 => &[Stage::F9_1],
            Stage::F9_1 => &[Stage::F9_2],
            Stage::F9_2 => &[Stage::F9_3, Stage::F10],
            Stage::F9_3 => &[Stage::F10],
            Stage::F10 => &[Stage::F11],
            Stage::F11 => &[Stage::F12],
            Stage::F12 => &[Stage::F13],
            Stage::F13 => &[Stage::F14],
            Stage::F14 => &[Stage::F15],
            Stage::F15 => &[Stage::F13],
        }
    }

    /// Whether a cluster at this stage is under implementation (R-SUP-1, R-REP-1).
    pub fn in_implementation(self) -> bool {
        matches!(self, Stage::F13 | Stage::F14 | Stage::F15)
    }

    pub fn code(self) -> &'static str {
        match self {
            Stage::F3 => "F3",
            Stage::F3_1 => "F3-1",
            Stage::F3_3 => "F3-3",
            Stage::F3_4 => "F3-4",
            Stage::F6 => "F6",
            Stage::F7 => "F7",
            Stage::F8 => "F8",
            Stage::F9 => "F9",
            Stage::F9_1 => "F9-1",
            Stage::F9_2 => "F9-2",
            Stage::F9_3 => "F9-3",
            Stage::F10 => "F10",
            Stage::F11 => "F11",
            Stage::F12 => "F12",
            Stage::F13 => "F13",
            Stage::F14 => "F14",
            Stage::F15 => "F15",
        }
    }

    /// The stage named by `code` (`F3-1`, `f13`).
    pub fn from_code(code: &str) -> Option<Stage> {
        Stage::ALL
            .into_iter()
            .find(|s| s.code().eq_ignore_ascii_case(code.trim()))
    }

    /// The Persian name of the stage.
    pub fn name_fa(self) -> &'static str {
        match self {
            Stage::F3 => "فهرست اولیه",
            Stage::F3_1 => "ارزیابی معیارها",
            Stage::F3_3 => "طرح توجیهی",
            Stage::F3_4 => "ارزیابی طرح توجیهی",
            Stage::F6 => "فهرست ثانویه بر پایه اولویت‌های ملی",
            Stage::F7 => "بانک اطلاعات خوشه",
            Stage::F8 => "پروانه خوشه",
            Stage::F9 => "ارائه برنامه عمل",
            Stage::F9_1 => "بررسی در کارگروه استانی",
            Stage::F9_2 => "تصویب در کارگروه استانی",
            Stage::F9_3 => "تصویب در کارگروه ملی",
            Stage::F10 => "پیشنهاد بسته حمایتی تخصصی",
            Stage::F11 => "تصویب و ابلاغ بسته حمایتی",
            Stage::F12 => "تخصیص منابع",
            Stage::F13 => "اجرا",
            Stage::F14 => "پایش",
            Stage::F15 => "بازنگری",
        }
    }

    /// The English name of the stage.
    pub fn name_en(self) -> &'static str {
        match self {
            Stage::F3 => "initial list",
            Stage::F3_1 => "criteria assessment",
            Stage::F3_3 => "feasibility plan",
            Stage::F3_4 => "feasibility evaluation",
            Stage::F6 => "secondary list on national priorities",
            Stage::F7 => "cluster databank",
            Stage::F8 => "cluster licence",
            Stage::F9 => "action programme submitted",
            Stage::F9_1 => "reviewed by the provincial working group",
            Stage::F9_2 => "approved by the provincial working group",
            Stage::F9_3 => "approved by the national working group",
            Stage::F10 => "support package proposed",
            Stage::F11 => "support package approved and communicated",
            Stage::F12 => "resources allocated",
            Stage::F13 => "implementation",
            Stage::F14 => "monitoring",
            Stage::F15 => "revision",
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Who may issue the evidence of a lifecycle step (R-CLU-3): body categories for an
/// issuer's letter, committee kinds for a decision. The built-in table is
/// `src/rules/stages.yaml`; a province adds to it in `dabir.yaml` (`stages:`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageIssuers {
    #[serde(default)]
    pub bodies: Vec<super::body::BodyCategory>,
    #[serde(default)]
    pub committees: Vec<super::committee::CommitteeKind>,
}

/// One of the nine selection criteria, as assessed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub met: bool,
    #[serde(default)]
    pub note: Option<String>,
}

/// The nine selection criteria of R-CLU-1, in the seed's order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criteria {
    /// (1) geographic concentration of firms.
    pub concentration: Criterion,
    /// (2) similar, related or complementary products.
    pub related_products: Criterion,
    /// (3) an independent legal entity to run the cluster.
    pub legal_entity: Criterion,
    /// (4) past share of national exports or export potential.
    pub export_share: Criterion,
    /// (5) production capacity matching export demand.
    pub capacity: Criterion,
    /// (6) domestic value added.
    pub value_added: Criterion,
    /// (7) comparative and competitive advantages abroad.
    pub advantage: Criterion,
    /// (8) internal networks in the cluster.
    pub networks: Criterion,
    /// (9) a minimum of social capital and management skills.
    pub social_capital: Criterion,
}

impl Criteria {
    /// The nine criteria with their keys, in order.
    pub fn all(&self) -> [(&'static str, &Criterion); 9] {
        [
            ("concentration", &self.concentration),
            ("related_products", &self.related_products),
            ("legal_entity", &self.legal_entity),
            ("export_share", &self.export_share),
            ("capacity", &self.capacity),
            ("value_added", &self.value_added),
            ("advantage", &self.advantage),
            ("networks", &self.networks),
            ("social_capital", &self.social_capital),
        ]
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    pub date: JDate,
    /// The assessing body (the provincial trade organisation, R-CLU-3).
    pub by: String,
    pub criteria: Criteria,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageStep {
    pub stage: Stage,
    pub date: JDate,
    pub evidence: Evidence,
}

/// An appointment of a CDA, a TA or a supervisor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Appointment {
    pub person: String,
    /// The firm the person acts for, if any.
    #[serde(default)]
    pub body: Option<String>,
    /// Who appointed them (for a supervisor, the working group's chair).
    pub appointed_by: String,
    /// The decree or contract.
    pub letter: Letter,
    pub start: JDate,
    #[serde(default)]
    pub end: Option<JDate>,
}

impl Appointment {
    pub fn current_on(&self, date: JDate) -> bool {
        self.start <= date && self.end.is_none_or(|end| date <= end)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cluster {
    pub id: String,
    /// Persian name.
    pub name: String,
    /// The product, in Persian.
    pub product: String,
    /// The county (شهرستان) it is concentrated in.
    pub county: String,
    #[serde(default)]
    pub firms: Option<u32>,
    #[serde(default)]
    pub assessment: Option<Assessment>,
    #[serde(default)]
    pub stages: Vec<StageStep>,
    #[serde(default)]
    pub cda: Vec<Appointment>,
    #[serde(default)]
    pub ta: Vec<Appointment>,
    #[serde(default)]
    pub supervisors: Vec<Appointment>,
}

impl Cluster {
    /// The stage reached last, if any.
    pub fn stage(&self) -> Option<Stage> {
        self.stages.last().map(|s| s.stage)
    }

    /// The stage the cluster was at on `date`.
    pub fn stage_on(&self, date: JDate) -> Option<Stage> {
        self.stages
            .iter()
            .rev()
            .find(|s| s.date <= date)
            .map(|s| s.stage)
    }

    pub fn refs<'a>(&'a self, r: &mut Refs<'a>) {
        if let Some(a) = &self.assessment {
            r.add("/assessment/by", Kind::Body, &a.by);
        }
        for (i, s) in self.stages.iter().enumerate() {
            r.evidence(&format!("/stages/{i}/evidence"), &s.evidence);
        }
        for (field, list) in [
            ("cda", &self.cda),
            ("ta", &self.ta),
            ("supervisors", &self.supervisors),
        ] {
            for (i, a) in list.iter().enumerate() {
                r.add(format!("/{field}/{i}/person"), Kind::Person, &a.person);
                r.opt(format!("/{field}/{i}/body"), Kind::Body, &a.body);
                r.add(
                    format!("/{field}/{i}/appointed_by"),
                    Kind::Person,
                    &a.appointed_by,
                );
            }
        }
    }
}
