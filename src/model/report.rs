//! Quarterly progress reports of the CDA and the executors (R-REP-1) and the supervisor's
//! periodic reviews (R-REP-2).

use serde::{Deserialize, Serialize};

use super::common::Refs;
use super::date::JDate;
use super::id::Kind;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    /// The plan activity (`A1`).
    pub activity: String,
    /// Percent done at the end of the season.
    pub percent: u8,
    #[serde(default)]
    pub note: Option<String>,
}

/// A quarterly report: a cluster, a Solar Hijri year and season.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub id: String,
    pub cluster: String,
    /// The plan reported on.
    #[serde(default)]
    pub plan: Option<String>,
    pub year: u16,
    /// The season, 1-4.
    pub quarter: u8,
    /// Who sent it (the CDA or an executor).
    pub reporter: String,
    pub received_on: JDate,
    #[serde(default)]
    pub progress: Vec<Progress>,
    /// The reasons and bottlenecks where progress lags, in Persian.
    #[serde(default)]
    pub bottlenecks: Vec<String>,
}

impl Report {
    pub fn refs<'a>(&'a self, r: &mut Refs<'a>) {
        r.add("/cluster", Kind::Cluster, &self.cluster);
        r.opt("/plan", Kind::Plan, &self.plan);
        r.add("/reporter", Kind::Person, &self.reporter);
    }
}

/// A supervisor's review of programme performance and economic return.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub id: String,
    pub cluster: String,
    pub supervisor: String,
    pub date: JDate,
    /// Performance found, in Persian.
    pub performance: String,
    #[serde(default)]
    pub economic_return: Option<String>,
    #[serde(default)]
    pub proposals: Vec<String>,
    /// The committees (secretariats) it was sent to.
    #[serde(default)]
    pub sent_to: Vec<String>,
}

impl Review {
    pub fn refs<'a>(&'a self, r: &mut Refs<'a>) {
        r.add("/cluster", Kind::Cluster, &self.cluster);
        r.add("/supervisor", Kind::Person, &self.supervisor);
        r.all("/sent_to", Kind::Committee, &self.sent_to);
    }
}
