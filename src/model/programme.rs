//! The annual programme of the national organisation (`docs/domain.md`, "The annual
//! programme", seed 004) and each province's quarterly progress on its axes
//! (R-PRG-1..3).
//!
//! The programme lives in the national repository (`programmes/NAT-PG-1404.yaml`); a
//! province keeps a copy of it (`dabir programme adopt`) and records its progress in
//! `progress/YYYY/ESF-PGP-1404.yaml`. Progress is cumulative: each season's figure is
//! the total reached by the end of that season. What a progress record may hold against
//! its programme is decided once, in [`ProgrammeProgress::problems`]: `check` reports
//! its problems and `dabir programme progress` refuses a figure that adds an error.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::common::Refs;
use super::date::JDate;
use super::guard::Refusal;
use super::id::Kind;
use super::message::Text;
use crate::tr;

/// One numbered axis (محور) of the programme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Axis {
    /// Its number in the programme (1, 2, ...).
    pub number: u16,
    /// What it is, in Persian.
    pub title: String,
    /// The national unit responsible for it (a body id).
    pub responsible: String,
    /// The year's target, in `unit`; `None` until the national office sets it (seed 004
    /// states only some; `docs/domain.md`).
    #[serde(default)]
    pub target: Option<u64>,
    /// What is counted, in Persian.
    pub indicator: String,
    /// The unit of the target and of every figure (ریال, واحد, ...).
    pub unit: String,
}

/// The year's programme: its numbered axes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    pub id: String,
    /// The Solar Hijri year it is for.
    pub year: u16,
    /// Its title, in Persian.
    pub title: String,
    pub axes: Vec<Axis>,
}

/// The province code of the national repository's records (`dabir init --national`).
pub const NATIONAL: &str = "NAT";

impl Programme {
    /// The id of the national programme of a year (`NAT-PG-1404`).
    pub fn id_for(year: u16) -> String {
        format!("{NATIONAL}-PG-{year}")
    }

    pub fn refs<'a>(&'a self, r: &mut Refs<'a>) {
        for (i, a) in self.axes.iter().enumerate() {
            r.add(format!("/axes/{i}/responsible"), Kind::Body, &a.responsible);
        }
    }

    /// The axis numbered `n`.
    pub fn axis(&self, n: u16) -> Option<&Axis> {
        self.axes.iter().find(|a| a.number == n)
    }
}

/// A season of a Solar Hijri year, written `1404-Q2`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Season {
    pub year: u16,
    /// 1-4: months 1-3, 4-6, 7-9, 10-12.
    pub quarter: u8,
}

impl Season {
    /// The last season that ended before `date` (on 1404-09-15: 1404-Q2).
    pub fn ended_before(date: JDate) -> Season {
        let q = (date.month() - 1) / 3;
        if q == 0 {
            Season {
                year: date.year() - 1,
                quarter: 4,
            }
        } else {
            Season {
                year: date.year(),
                quarter: q,
            }
        }
    }
}

impl fmt::Display for Season {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-Q{}", self.year, self.quarter)
    }
}

impl FromStr for Season {
    type Err = String;
    fn from_str(s: &str) -> Result<Season, String> {
        let t = super::text::ascii_digits(s.trim()).to_ascii_uppercase();
        let bad = || format!("`{s}` is not a season like 1404-Q2");
        let (y, q) = t.split_once("-Q").ok_or_else(bad)?;
        let year: u16 = y.parse().map_err(|_| bad())?;
        let quarter: u8 = q.parse().map_err(|_| bad())?;
        if !(1200..=1700).contains(&year) || !(1..=4).contains(&quarter) || y.len() != 4 {
            return Err(bad());
        }
        Ok(Season { year, quarter })
    }
}

impl TryFrom<String> for Season {
    type Error = String;
    fn try_from(s: String) -> Result<Season, String> {
        s.parse()
    }
}

impl From<Season> for String {
    fn from(s: Season) -> String {
        s.to_string()
    }
}

/// A province's cumulative figure on one axis at the end of one season.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AxisProgress {
    pub axis: u16,
    pub season: Season,
    /// The total reached by the end of the season, in the axis's unit.
    pub value: u64,
    /// Why, in Persian (required when the figure passes the target, R-PRG-3).
    #[serde(default)]
    pub note: Option<String>,
    pub recorded_on: JDate,
}

/// A province's progress on the programme of one year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeProgress {
    pub id: String,
    /// The programme (`NAT-PG-1404`).
    pub programme: String,
    #[serde(default)]
    pub entries: Vec<AxisProgress>,
}

/// What a progress record does wrong against its programme: the rule, the JSON pointer
/// of the value, whether it is an error (else a warning), and the message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub rule: &'static str,
    pub pointer: String,
    pub error: bool,
    pub message: Text,
}

impl ProgrammeProgress {
    pub fn refs<'a>(&'a self, r: &mut Refs<'a>) {
        r.add("/programme", Kind::Programme, &self.programme);
    }

    /// The id of a province's progress record for a programme year (`ESF-PGP-1404`).
    pub fn id_for(province: &str, year: u16) -> String {
        format!("{province}-PGP-{year}")
    }

    /// Every problem of this record against `programme` (R-PRG-1: an axis or season not
    /// of the programme; R-PRG-2: a season twice for an axis, or a cumulative figure lower
    /// than an earlier season's; R-PRG-3: a figure above the target without a note).
    pub fn problems(&self, programme: &Programme) -> Vec<Problem> {
        let mut out = Vec::new();
        let pid = &programme.id;
        for (i, e) in self.entries.iter().enumerate() {
            let (n, s) = (e.axis, e.season);
            let Some(axis) = programme.axis(n) else {
                let known = programme
                    .axes
                    .iter()
                    .map(|a| a.number.to_string())
                    .collect::<Vec<_>>()
                    .join(", ");
                out.push(Problem {
                    rule: "R-PRG-1",
                    pointer: format!("/entries/{i}/axis"),
                    error: true,
                    message: tr!(
                        "programme {pid} has no axis {n} (its axes: {known})",
                        "برنامه {pid} محور {n} ندارد (محورهای آن: {known})"
                    ),
                });
                continue;
            };
            if s.year != programme.year {
                let y = programme.year;
                out.push(Problem {
                    rule: "R-PRG-1",
                    pointer: format!("/entries/{i}/season"),
                    error: true,
                    message: tr!(
                        "season {s} is not of programme {pid}, which is for {y}",
                        "فصل {s} از سال برنامه {pid} ({y}) نیست"
                    ),
                });
            }
            // Earlier entries of the same axis: one figure a season, never decreasing.
            for (j, p) in self.entries[..i].iter().enumerate() {
                if p.axis != n {
                    continue;
                }
                let (ps, pv, v) = (p.season, p.value, e.value);
                if p.season == s {
                    out.push(Problem {
                        rule: "R-PRG-2",
                        pointer: format!("/entries/{i}/season"),
                        error: true,
                        message: tr!(
                            "axis {n} already has a figure for {s} (entry {j}); a season has one cumulative figure",
                            "محور {n} برای فصل {s} پیش‌تر رقم دارد (ردیف {j})؛ هر فصل یک رقم تجمعی دارد"
                        ),
                    });
                } else if (p.season < s && p.value > e.value) || (p.season > s && p.value < e.value)
                {
                    out.push(Problem {
                        rule: "R-PRG-2",
                        pointer: format!("/entries/{i}/value"),
                        error: true,
                        message: tr!(
                            "the cumulative figure of axis {n} goes down: {pv} in {ps}, {v} in {s}",
                            "رقم تجمعی محور {n} کاهش یافته است: {pv} در {ps} و {v} در {s}"
                        ),
                    });
                }
            }
            let noted = e.note.as_deref().is_some_and(|t| !t.trim().is_empty());
            if let Some(t) = axis.target.filter(|t| e.value > *t && !noted) {
                let (v, u) = (e.value, &axis.unit);
                out.push(Problem {
                    rule: "R-PRG-3",
                    pointer: format!("/entries/{i}/value"),
                    error: false,
                    message: tr!(
                        "axis {n} reports {v} in {s}, above its target {t} ({u}), without a note saying why",
                        "محور {n} در فصل {s} رقم {v} را گزارش کرده که از هدف {t} ({u}) بیشتر است، بی‌یادداشتی که چرا"
                    ),
                });
            }
        }
        out
    }

    /// Record a season's figure: refused with the rule of the first error it adds
    /// against `programme` (the same judgement `check` makes, [`Self::problems`]).
    pub fn record(&mut self, programme: &Programme, entry: AxisProgress) -> Result<(), Refusal> {
        self.entries.push(entry);
        let at = format!("/entries/{}/", self.entries.len() - 1);
        let added = self
            .problems(programme)
            .into_iter()
            .find(|p| p.error && p.pointer.starts_with(&at));
        match added {
            Some(p) => {
                self.entries.pop();
                Err(Refusal {
                    rule: p.rule,
                    file: Kind::Progress
                        .path_of(&self.id)
                        .unwrap_or_else(|_| self.id.clone()),
                    message: p.message,
                })
            }
            None => Ok(()),
        }
    }

    /// The latest cumulative figure of each axis up to and including `season`.
    pub fn latest(&self, season: Season) -> std::collections::BTreeMap<u16, (Season, u64)> {
        let mut out = std::collections::BTreeMap::new();
        for e in self.entries.iter().filter(|e| e.season <= season) {
            let slot = out.entry(e.axis).or_insert((e.season, e.value));
            if e.season >= slot.0 {
                *slot = (e.season, e.value);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn programme() -> Programme {
        Programme {
            id: "NAT-PG-1404".into(),
            year: 1404,
            title: "برنامه".into(),
            axes: vec![Axis {
                number: 1,
                title: "برق".into(),
                responsible: "NAT-B-ISIPO".into(),
                target: Some(100),
                indicator: "جذب اعتبار".into(),
                unit: "ریال".into(),
            }],
        }
    }

    fn entry(axis: u16, season: &str, value: u64) -> AxisProgress {
        AxisProgress {
            axis,
            season: season.parse().unwrap(),
            value,
            note: None,
            recorded_on: "1404-07-10".parse().unwrap(),
        }
    }

    #[test]
    fn seasons_read_and_order() {
        let s: Season = "۱۴۰۴-q2".parse().unwrap();
        assert_eq!(s.to_string(), "1404-Q2");
        assert!("1404-Q5".parse::<Season>().is_err());
        assert!("1404Q1".parse::<Season>().is_err());
        assert!(s < "1404-Q3".parse().unwrap());
        let d: JDate = "1404-09-15".parse().unwrap();
        assert_eq!(Season::ended_before(d).to_string(), "1404-Q2");
        let d: JDate = "1404-02-01".parse().unwrap();
        assert_eq!(Season::ended_before(d).to_string(), "1403-Q4");
    }

    #[test]
    fn each_problem_and_its_refusal() {
        let p = programme();
        let mut g = ProgrammeProgress {
            id: "ESF-PGP-1404".into(),
            programme: p.id.clone(),
            entries: vec![],
        };
        g.record(&p, entry(1, "1404-Q1", 40)).unwrap();
        let r = g.record(&p, entry(2, "1404-Q2", 10)).unwrap_err();
        assert_eq!(r.rule, "R-PRG-1");
        let r = g.record(&p, entry(1, "1404-Q2", 30)).unwrap_err();
        assert_eq!(r.rule, "R-PRG-2");
        let r = g.record(&p, entry(1, "1404-Q1", 50)).unwrap_err();
        assert_eq!(r.rule, "R-PRG-2");
        let r = g.record(&p, entry(1, "1405-Q1", 50)).unwrap_err();
        assert_eq!(r.rule, "R-PRG-1");
        assert_eq!(g.entries.len(), 1, "a refused figure is not kept");
        // Above the target: a warning only, and none with a note.
        g.record(&p, entry(1, "1404-Q2", 120)).unwrap();
        let w: Vec<_> = g.problems(&p).into_iter().map(|x| x.rule).collect();
        assert_eq!(w, ["R-PRG-3"]);
        g.entries[1].note = Some("جذب اعتبار افزون".into());
        assert!(g.problems(&p).is_empty());
        assert_eq!(g.latest("1404-Q2".parse().unwrap())[&1].1, 120);
        assert_eq!(g.latest("1404-Q1".parse().unwrap())[&1].1, 40);
    }
}
