//! The repository config, `dabir.yaml` at the root: what a province sets.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::cluster::StageIssuers;

/// The file name of the config at a records repository's root.
pub const CONFIG_FILE: &str = "dabir.yaml";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Lang {
    #[default]
    Fa,
    En,
}

fn default_grace() -> u32 {
    30
}
fn default_dispatch() -> u32 {
    14
}
fn default_gap() -> u32 {
    210
}
fn default_expiry() -> u32 {
    30
}
fn default_stall() -> u32 {
    365
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The province code every id starts with (`ESF`); `NAT` for a national repository.
    pub province: String,
    /// The province's Persian name.
    pub province_name: String,
    /// ISO 3166-2 code of the province (`IR-10`).
    #[serde(default)]
    pub iso_code: Option<String>,
    /// Language of messages when `--lang` is not given.
    #[serde(default)]
    pub language: Lang,
    /// The broker organisation (today the industrial-estates company), a body id.
    #[serde(default)]
    pub broker: Option<String>,
    /// Days after a season closes before a missing report is overdue (R-REP-1).
    #[serde(default = "default_grace")]
    pub report_grace_days: u32,
    /// Days after a meeting by which decisions must be dispatched (R-MTG-5).
    #[serde(default = "default_dispatch")]
    pub dispatch_days: u32,
    /// Longest acceptable gap between committee meetings, in days (R-MTG-1).
    #[serde(default = "default_gap")]
    pub meeting_gap_days: u32,
    /// Warn this many days before a supervisor's appointment expires (R-SUP-1).
    #[serde(default = "default_expiry")]
    pub supervisor_expiry_days: u32,
    /// A cluster at one stage longer than this is stalled (brief).
    #[serde(default = "default_stall")]
    pub stall_days: u32,
    /// Issuers a province adds to the built-in table of who evidences each lifecycle
    /// step (R-CLU-3), by stage code (`F12`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub stages: BTreeMap<String, StageIssuers>,
    /// Days after approval by which approved minutes should have their signed scan
    /// attached (R-ATT-4); unset, that is not checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_minutes_days: Option<u32>,
    /// The letterhead of printed documents (`dabir print`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub letterhead: Option<Letterhead>,
}

/// The letterhead of printed documents: the organisation's name and an optional logo.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Letterhead {
    /// Its lines, top to bottom: the organisation, then its unit.
    pub lines: Vec<String>,
    /// A logo image (PNG, JPEG or SVG): a path inside the repository.
    #[serde(default)]
    pub logo: Option<String>,
}

impl Config {
    /// A config for `province` with every setting at its default.
    pub fn new(province: impl Into<String>, province_name: impl Into<String>) -> Config {
        Config {
            province: province.into(),
            province_name: province_name.into(),
            iso_code: None,
            language: Lang::default(),
            broker: None,
            report_grace_days: default_grace(),
            dispatch_days: default_dispatch(),
            meeting_gap_days: default_gap(),
            supervisor_expiry_days: default_expiry(),
            stall_days: default_stall(),
            stages: BTreeMap::new(),
            signed_minutes_days: None,
            letterhead: None,
        }
    }
}
