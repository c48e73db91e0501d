//! Waivers: known exceptions to rules, listed in `waivers.yaml` at the repository root.
//!
//! ```yaml
//! # yaml-language-server: $schema=schema/waivers.schema.json
//! waivers:
//!   - rule: R-MTG-1                 # the rule id
//!     record: ESF-PC                # the record whose findings of that rule it excuses
//!     reason: سال نخست تشکیل کمیته   # why, in Persian
//!     decision: ESF-PC-1403-02-D4   # the decision that granted it
//!     expires: 1404-12-29           # the last day it holds (Solar Hijri)
//! ```
//!
//! After every finding is collected, a finding whose rule and record match a waiver that
//! has not expired on the as-of date is reported with severity `waived` (and `waiver` set
//! to the granting decision): it never fails a run. An expired waiver changes nothing but
//! a note on the finding saying it expired. A waiver that matches no finding at all is
//! reported itself (R-WVR-1), so the list does not rot. The file is checked against
//! `schema/waivers.schema.json` (R-SCH-1) and its `decision` must exist (R-REF-1).

use serde::Deserialize;

use super::RuleDoc;
use crate::diag::{Anchor, Finding, Severity, Text};
use crate::model::JDate;
use crate::tr;

/// The file name of the waiver list at a records repository's root.
pub const FILE: &str = "waivers.yaml";

pub static RULES: &[RuleDoc] = &[RuleDoc {
    id: "R-WVR-1",
    severity: Severity::Warning,
    title: (
        "waiver matches no finding",
        "معافیتی که با هیچ یافته‌ای نمی‌خواند",
    ),
    doc: (
        "A waiver in `waivers.yaml` (rule, record, reason, granting decision, expiry) matches no finding of its rule on its record: the problem was fixed, or the rule or record id is mistyped. Remove the waiver or correct it. Waived findings are reported as `waived` and never fail a run; once the waiver's `expires` date is past, they are reported with their own severity again and a note that the waiver expired.\n\nWhy: issue 5 (waivers): a waiver list that nobody prunes hides the next real problem on the same record.\n\nExample: `{rule: R-MTG-1, record: ESF-PC, ...}` while the committee now holds two meetings a year: `R-WVR-1` at `/waivers/0` of `waivers.yaml`.",
        "معافیتی در waivers.yaml (قاعده، سابقه، دلیل، مصوبه اعطاکننده، تاریخ انقضا) با هیچ یافته‌ای از آن قاعده در آن سابقه نمی‌خواند: یا مشکل برطرف شده یا شناسه قاعده یا سابقه نادرست نوشته شده است. معافیت را بردارید یا درست کنید. یافته‌های معاف با وضعیت «معاف» گزارش می‌شوند و هیچ‌گاه اجرا را ناموفق نمی‌کنند؛ پس از گذشت تاریخ expires دوباره با شدت خود و یادداشتی درباره انقضای معافیت گزارش می‌شوند.\n\nچرا: مسئله ۵ (معافیت‌ها): فهرست معافیتی که کسی پیرایشش نکند مشکل واقعی بعدی همان سابقه را پنهان می‌کند.\n\nنمونه: {rule: R-MTG-1, record: ESF-PC, ...} در حالی که کمیته اکنون سالی دو جلسه دارد: R-WVR-1 در ‎/waivers/0‎ پرونده waivers.yaml.",
    ),
}];

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    pub rule: String,
    pub record: String,
    pub reason: String,
    pub decision: String,
    pub expires: JDate,
}

/// The whole `waivers.yaml` (read by `check::load_waivers`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaiversFile {
    pub waivers: Vec<Waiver>,
}

/// Mark the findings the waivers excuse, note expired waivers, and report waivers that
/// match nothing.
pub fn apply(waivers: &[Waiver], as_of: JDate, findings: &mut Vec<Finding>) {
    let mut used = vec![false; waivers.len()];
    for f in findings.iter_mut() {
        if f.rule == RULES[0].id || f.severity == Severity::Waived {
            continue;
        }
        let Some(record) = f.record.as_deref() else {
            continue;
        };
        let matching = waivers
            .iter()
            .enumerate()
            .filter(|(_, w)| w.record == record && w.rule.eq_ignore_ascii_case(f.rule));
        // An unexpired waiver wins over an expired one for the same finding.
        let mut expired: Option<&Waiver> = None;
        let mut active: Option<&Waiver> = None;
        for (i, w) in matching {
            used[i] = true;
            if as_of <= w.expires {
                active.get_or_insert(w);
            } else {
                expired.get_or_insert(w);
            }
        }
        if let Some(w) = active {
            f.severity = Severity::Waived;
            f.waiver = Some(w.decision.clone());
        } else if let Some(w) = expired {
            let (d, e) = (&w.decision, w.expires);
            let note = tr!(
                "the waiver granted by {d} expired on {e}",
                "معافیتی که مصوبه «{d}» داده بود در {e} به پایان رسیده است"
            );
            f.help = Some(match f.help.take() {
                Some(h) => Text::new(
                    format!("{}; {}", h.en, note.en),
                    format!("{}؛ {}", h.fa, note.fa),
                ),
                None => note,
            });
        }
    }
    for (i, w) in waivers.iter().enumerate() {
        if !used[i] {
            let (rule, record) = (&w.rule, &w.record);
            findings.push(Finding::warning("R-WVR-1", FILE, Anchor::Value(format!("/waivers/{i}")), tr!(
                "the waiver of {rule} on `{record}` matches no finding; remove it or correct it",
                "معافیت {rule} برای «{record}» با هیچ یافته‌ای نمی‌خواند؛ آن را بردارید یا درست کنید"
            )));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn waiver(rule: &str, record: &str, expires: &str) -> Waiver {
        Waiver {
            rule: rule.into(),
            record: record.into(),
            reason: "دلیل".into(),
            decision: "ESF-PC-1403-02-D4".into(),
            expires: JDate::parse(expires).unwrap(),
        }
    }

    fn finding(rule: &'static str, record: &str) -> Finding {
        Finding::error(rule, "x.yaml", Anchor::File, tr!("m", "m")).record(record)
    }

    #[test]
    fn waives_until_expiry_then_notes_and_reports_unused() {
        let ws = [
            waiver("R-MTG-1", "ESF-PC", "1404-06-31"),
            waiver("R-COM-2", "ESF-PC", "1405-01-01"),
        ];
        let today = JDate::parse("1404-06-31").unwrap();
        let mut fs = vec![finding("R-MTG-1", "ESF-PC"), finding("R-MTG-1", "ESF-PC2")];
        apply(&ws, today, &mut fs);
        assert_eq!(fs[0].severity, Severity::Waived);
        assert_eq!(fs[0].waiver.as_deref(), Some("ESF-PC-1403-02-D4"));
        assert_eq!(fs[1].severity, Severity::Error);
        assert_eq!(fs.len(), 3);
        assert_eq!((fs[2].rule, fs[2].severity), ("R-WVR-1", Severity::Warning));
        assert_eq!(fs[2].anchor, Anchor::Value("/waivers/1".into()));

        let mut fs = vec![finding("R-MTG-1", "ESF-PC")];
        apply(&ws[..1], today.add_days(1), &mut fs);
        assert_eq!(fs[0].severity, Severity::Error);
        assert!(
            fs[0]
                .help
                .as_ref()
                .unwrap()
                .en
                .contains("expired on 1404-06-31")
        );
        assert_eq!(fs.len(), 1, "an expired waiver that matched is not unused");
    }
}
