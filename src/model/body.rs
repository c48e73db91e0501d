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
    /// The one Persian name of the category, in every message, table and brief
    /// (the glossary of `docs/domain.md`).
    pub fn name_fa(self) -> &'static str {
        match self {
            BodyCategory::Governorate => "استانداری (معاون برنامه‌ریزی)",
            BodyCategory::IndustrialEstates => "شرکت شهرک‌های صنعتی",
            BodyCategory::IndustryMineTrade => "سازمان صنعت، معدن و تجارت",
            BodyCategory::CooperativesLabour => "اداره کل تعاون، کار و رفاه اجتماعی",
            BodyCategory::EconomyFinance => "اداره کل امور اقتصادی و دارایی",
            BodyCategory::AgricultureJihad => "سازمان جهاد کشاورزی",
            BodyCategory::HeritageTourism => "اداره کل میراث فرهنگی و گردشگری",
            BodyCategory::Chamber => "اتاق بازرگانی، صنایع و معادن",
            BodyCategory::BankIndustryMine => "بانک صنعت و معدن",
            BodyCategory::Bank => "بانک",
            BodyCategory::GuildAssembly => "مجمع امور صنفی",
            BodyCategory::Isipo => "سازمان صنایع کوچک و شهرک‌های صنعتی ایران",
            BodyCategory::Tpo => "سازمان توسعه تجارت",
            BodyCategory::SupportInstitution => "نهاد پشتیبان",
            BodyCategory::Cda => "شرکت عامل توسعه خوشه",
            BodyCategory::Ta => "مشاور-ناظر فنی",
            BodyCategory::ClusterFirm => "بنگاه خوشه",
            BodyCategory::Other => "نهاد دیگر",
        }
    }

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
