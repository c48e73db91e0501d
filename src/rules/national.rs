//! The documentation of the national roll-up's own rules (`R-NAT-*`), which
//! `dabir national check` judges per province (`crate::national`).

use super::RuleDoc;
use crate::diag::Severity;

/// The roll-up's own rules.
pub static RULES: &[RuleDoc] = &[
    RuleDoc {
        id: "R-NAT-1",
        severity: Severity::Warning,
        title: ("province not synced", "استان همگام‌نشده"),
        doc: (
            "In a national repository, a province whose latest commit is older than the allowed number of days (`national check --stale-days`, default 45), or that was added but never fetched (an error). The national office reads only what provinces push; a province that stopped syncing makes every national figure about it stale.\n\nExample: `KHR/`: province KHR has not synced for 60 days (allowed: 45).",
            "در مخزن ملی، استانی که آخرین کامیتش از شمار روزهای مجاز کهنه‌تر است (`national check --stale-days`، پیش‌فرض ۴۵)، یا افزوده شده ولی هرگز دریافت نشده است (خطا). دفتر ملی تنها آنچه استان‌ها می‌فرستند را می‌خواند؛ استانی که همگام نمی‌شود همه آمار ملی خود را کهنه می‌کند.\n\nنمونه: `KHR/`: استان KHR شصت روز است همگام نشده است (مجاز: ۴۵).",
        ),
    },
    RuleDoc {
        id: "R-NAT-2",
        severity: Severity::Error,
        title: (
            "province rewrote countersigned history",
            "بازنویسی تاریخچه تأییدشده استان",
        ),
        doc: (
            "In a national repository, `dabir national fetch` countersigns each province's fetched head: it records it in the national office's signed checkpoint log (refs/dabir/checkpoints) and keeps it at refs/dabir/seen/CODE. A province whose later fetched head no longer contains the last countersigned commit has rewritten what the nation has seen (`git reset`, `rebase`, a forced push), even if each of its new commits is signed. Such a head is not countersigned.\n\nExample: `KHR/`: province KHR rewrote history the national office countersigned: its fetched head no longer contains 1a2b3c4d5e.",
            "در مخزن ملی، `dabir national fetch` سرِ دریافت‌شده هر استان را تأیید و امضا می‌کند: آن را در دفتر امضاشده نقطه‌های وارسی دفتر ملی (refs/dabir/checkpoints) ثبت و در refs/dabir/seen/CODE نگه می‌دارد. استانی که سرِ دریافت‌شده بعدی‌اش دیگر آخرین کامیت تأییدشده را در بر ندارد، آنچه را کشور دیده بازنویسی کرده است (git reset، rebase، push اجباری)، حتی اگر همه کامیت‌های تازه‌اش امضا داشته باشند. چنین سری تأیید نمی‌شود.\n\nنمونه: `KHR/`: استان KHR تاریخچه تأییدشده را بازنویسی کرده است: سر دریافت‌شده آن دیگر 1a2b3c4d5e را در بر ندارد.",
        ),
    },
];
