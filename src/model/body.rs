//! Organisations and bodies (ارکان): member bodies of the committees, support
//! institutions, the broker organisation, ISIPO, TPO, CDA and TA firms (seeds 000, 001).

use serde::{Deserialize, Serialize};

use super::common::Refs;

/// What a body is, which decides the seats it may hold (R-COM-1, R-COM-2, R-SC-1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BodyCategory {
    /// The governorate (استانداری), home of the deputy for planning.
    Governorate,
    /// The provincial industrial-estates company (شرکت شهرک‌های صنعتی استان).
    IndustrialEstates,
    IndustryMineTrade,
    CooperativesLabour,
    EconomyFinance,
    AgricultureJihad,
    HeritageTourism,
    /// The provincial Chamber of Commerce, Industries & Mines.
    Chamber,
    /// The provincial Bank of Industry & Mine.
    BankIndustryMine,
    /// Any other bank (optional member).
    Bank,
    /// The provincial guild assemblies (seed 001).
    GuildAssembly,
    /// ISIPO, the national organisation (سازمان صنایع کوچک و شهرک‌های صنعتی ایران).
    Isipo,
    /// TPO, the Trade Promotion Organisation (سازمان توسعه تجارت).
    Tpo,
    /// A support institution (نهاد پشتیبان).
    SupportInstitution,
    /// A cluster development agent firm (عامل توسعه خوشه).
    Cda,
    /// A technical advisor-supervisor firm (مشاور-ناظر فنی).
    Ta,
    /// A firm or association of cluster actors.
    ClusterFirm,
    Other,
}

impl BodyCategory {
    /// Member bodies whose seat on the provincial committee is required (R-COM-2).
    pub const REQUIRED_PROVINCIAL: [BodyCategory; 10] = [
        BodyCategory::Governorate,
        BodyCategory::IndustrialEstates,
        BodyCategory::IndustryMineTrade,
        BodyCategory::CooperativesLabour,
        BodyCategory::EconomyFinance,
        BodyCategory::AgricultureJihad,
        BodyCategory::HeritageTourism,
        BodyCategory::Chamber,
        BodyCategory::BankIndustryMine,
        BodyCategory::GuildAssembly,
    ];
}

/// An organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    pub id: String,
    /// The Persian name.
    pub name: String,
    pub category: BodyCategory,
    /// The body this one belongs to (a provincial office of a national organisation).
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

impl Body {
    pub fn refs<'a>(&'a self, r: &mut Refs<'a>) {
        r.opt("/parent", super::id::Kind::Body, &self.parent);
    }
}
