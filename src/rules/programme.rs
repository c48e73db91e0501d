//! The annual programme (R-PRG-1..3, `docs/domain.md`, "The annual programme"): a
//! province's progress judged against the programme it names.
//!
//! The programme is a national record (`NAT-PG-1404`) and the progress a province's
//! (`ESF-PGP-1404`), so unlike the other families, which see one province at a time,
//! these rules run once over the whole repository, after every province is loaded
//! (`check.rs`). What they allow is decided in the model,
//! [`crate::model::ProgrammeProgress::problems`], which `dabir programme progress`
//! applies too.

use std::collections::HashMap;

use crate::diag::{Anchor, Finding, Severity};
use crate::model::{Programme, ProgrammeProgress};

pub static RULES: &[super::RuleDoc] = &[
    super::RuleDoc {
        id: "R-PRG-1",
        severity: Severity::Error,
        title: (
            "progress on an axis not in the programme",
            "پیشرفت محوری که در برنامه نیست",
        ),
        doc: (
            "A province's progress on the annual programme names an axis number the programme does not have, or a season outside the programme's year. The national organisation's annual programme (seed 004) is a list of numbered axes, each with its responsible national unit, target and indicator; a figure is only meaningful against one of them.\n\nExample: `progress/1404/ESF-PGP-1404.yaml`: programme NAT-PG-1404 has no axis 40 (its axes: 1, 2, ..., 13).",
            "پیشرفت استان در برنامه سالانه شماره محوری را نام می‌برد که برنامه ندارد، یا فصلی بیرون از سال برنامه را. برنامه سالانه سازمان (بذر ۰۰۴) فهرستی از محورهای شماره‌دار است که هر کدام واحد مسئول ملی، هدف و شاخص دارند؛ رقم تنها در برابر یکی از آن‌ها معنا دارد.\n\nنمونه: `progress/1404/ESF-PGP-1404.yaml`: برنامه NAT-PG-1404 محور ۴۰ ندارد.",
        ),
    },
    super::RuleDoc {
        id: "R-PRG-2",
        severity: Severity::Error,
        title: ("cumulative figure decreases", "کاهش رقم تجمعی"),
        doc: (
            "The figures of an axis are cumulative (the total reached by the end of each season), so a season's figure is never lower than an earlier season's, and a season has one figure per axis. A lower figure means an earlier one was wrong: correct it with `dabir edit`, saying why in the note.\n\nExample: the cumulative figure of axis 3 goes down: 40 in 1404-Q1, 30 in 1404-Q2.",
            "رقم‌های هر محور تجمعی‌اند (جمع تا پایان هر فصل)، پس رقم یک فصل هرگز از رقم فصل پیشین کمتر نیست و هر فصل برای هر محور یک رقم دارد. رقم کمتر یعنی رقم پیشین نادرست بوده است: آن را با `dabir edit` و با ذکر دلیل در یادداشت اصلاح کنید.\n\nنمونه: رقم تجمعی محور ۳ کاهش یافته است: ۴۰ در 1404-Q1 و ۳۰ در 1404-Q2.",
        ),
    },
    super::RuleDoc {
        id: "R-PRG-3",
        severity: Severity::Warning,
        title: (
            "progress above the target without a note",
            "پیشرفت بیش از هدف بی‌یادداشت",
        ),
        doc: (
            "A figure above its axis's target for the year is possible (a province can do more than was planned) but is also the usual sign of a wrong unit (tomans for rials) or an extra zero, so it needs a note saying why.\n\nExample: axis 1 reports 6000000000000 in 1404-Q2, above its target 5000000000000 (ریال), without a note saying why.",
            "رقمی بیش از هدف سالانه محور ممکن است (استان بیش از برنامه انجام داده است) ولی نشانه رایج یکای نادرست (تومان به جای ریال) یا صفر اضافه هم هست، پس یادداشتی می‌خواهد که چرا.\n\nنمونه: محور ۱ در فصل 1404-Q2 رقم ۶۰۰۰۰۰۰۰۰۰۰۰۰ را گزارش کرده که از هدف ۵۰۰۰۰۰۰۰۰۰۰۰۰ (ریال) بیشتر است.",
        ),
    },
];

/// Every progress record judged against the programme it names, when that programme is
/// among `programmes` (a missing one is R-REF-1's, an unreadable one its file's).
pub fn run(
    programmes: &[(String, Programme)],
    progress: &[(String, ProgrammeProgress)],
) -> Vec<Finding> {
    let by_id: HashMap<&str, &Programme> =
        programmes.iter().map(|(_, p)| (p.id.as_str(), p)).collect();
    let mut out = Vec::new();
    for (path, g) in progress {
        let Some(p) = by_id.get(g.programme.as_str()) else {
            continue;
        };
        for problem in g.problems(p) {
            out.push(
                Finding::new(
                    problem.rule,
                    if problem.error {
                        Severity::Error
                    } else {
                        Severity::Warning
                    },
                    path.as_str(),
                    Anchor::Value(problem.pointer),
                    problem.message,
                )
                .record(g.id.clone()),
            );
        }
    }
    out
}
