//! Action plans (سند برنامه عمل, R-PLAN-1) with budget lines per funder, their revisions
//! (R-BUD-1) and the money trail estimate -> approved -> allocated -> paid (seed 004).

use serde::{Deserialize, Serialize};

use super::common::{Letter, Refs, Rial};
use super::date::JDate;
use super::id::Kind;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    /// Local id within the plan (`A1`).
    pub id: String,
    pub title: String,
    pub responsible: Vec<String>,
    pub start: JDate,
    pub end: JDate,
}

/// Who carries a cost: agency (CDA) costs fall on the broker organisation, execution
/// costs are shared by the support institutions (R-PLAN-2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CostKind {
    Agency,
    Execution,
}

/// A step of the money trail, in the order money moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MoneyStepKind {
    Estimate,
    Approved,
    Allocated,
    Paid,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoneyStep {
    pub step: MoneyStepKind,
    pub amount: Rial,
    pub date: JDate,
    /// The letter, decision or payment order behind it.
    #[serde(default)]
    pub letter: Option<Letter>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetLine {
    /// Local id within the plan (`L1`).
    pub id: String,
    /// The activity it funds.
    pub activity: String,
    /// The body that funds it.
    pub funder: String,
    pub cost: CostKind,
    /// The originally approved amount, the base of the ±10% of R-BUD-1.
    pub approved: Rial,
    #[serde(default)]
    pub trail: Vec<MoneyStep>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    pub date: JDate,
    /// The budget line revised.
    pub line: String,
    /// The line's approved amount after this revision.
    pub amount: Rial,
    /// The supervisor's report that grounds it (R-BUD-1).
    pub review: String,
    /// The decision that made it (R-BUD-1).
    pub decision: String,
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub id: String,
    pub cluster: String,
    pub title: String,
    /// The decision approving the plan.
    #[serde(default)]
    pub approved_by: Option<String>,
    pub start: JDate,
    pub end: JDate,
    pub activities: Vec<Activity>,
    #[serde(default)]
    pub lines: Vec<BudgetLine>,
    #[serde(default)]
    pub revisions: Vec<Revision>,
}

impl Plan {
    /// The approved amount of a line after all its revisions.
    pub fn current_amount(&self, line: &BudgetLine) -> Rial {
        self.revisions
            .iter()
            .rfind(|r| r.line == line.id)
            .map_or(line.approved, |r| r.amount)
    }

    pub fn refs<'a>(&'a self, r: &mut Refs<'a>) {
        r.add("/cluster", Kind::Cluster, &self.cluster);
        r.opt("/approved_by", Kind::Decision, &self.approved_by);
        for (i, a) in self.activities.iter().enumerate() {
            r.all(
                &format!("/activities/{i}/responsible"),
                Kind::Body,
                &a.responsible,
            );
        }
        for (i, l) in self.lines.iter().enumerate() {
            r.add(format!("/lines/{i}/funder"), Kind::Body, &l.funder);
        }
        for (i, rev) in self.revisions.iter().enumerate() {
            r.add(format!("/revisions/{i}/review"), Kind::Review, &rev.review);
            r.add(
                format!("/revisions/{i}/decision"),
                Kind::Decision,
                &rev.decision,
            );
        }
    }
}
