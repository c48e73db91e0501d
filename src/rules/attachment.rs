//! Attachments (R-ATT): the files `dabir attach` stores under `attachments/`, and the
//! signed scan approved minutes should have.
//!
//! R-ATT-1..3 compare the files with what the records say; they run after every province
//! is checked, in [`crate::check::attachments`], since an attachment can change while its
//! record does not. R-ATT-4 reads records only and runs here with the other domain rules.

use crate::diag::{Finding, Severity};
use crate::model::AttachmentKind;
use crate::{rule, tr};

use super::{Context, RuleDoc};

pub static RULES: &[RuleDoc] = &[
    RuleDoc {
        id: "R-ATT-1",
        severity: Severity::Error,
        title: ("attachment missing", "پیوست ناموجود"),
        doc: (
            "A record names an attached file (`attachments/...` under `attachments:`) that is not in the repository, is not a regular file (a symbolic link is never followed), or lies outside the record's own folder (`attachments/<the record's path without .yaml>/`). The signed scan, the decree or the sent letter is the legal record; the YAML only describes it. Fix: restore the file from git (`git checkout -- <file>`, or `git lfs pull` when the attachments are kept in git LFS), or attach it again with `dabir attach`.\n\nExample: `ESF-PC-1403-02` names `attachments/meetings/1403/ESF-PC-1403-02/signed-minutes-0123456789ab.pdf`, which was deleted: R-ATT-1 at `/attachments/0/file`.",
            "سابقه‌ای پرونده پیوستی را نام می‌برد (زیر attachments:) که در مخزن نیست، پرونده عادی نیست (پیوند نمادین دنبال نمی‌شود) یا بیرون از پوشه خود سابقه است (attachments/<مسیر سابقه بدون ‎.yaml‎>/). صورتجلسه امضاشده، حکم یا نامه ارسال‌شده سند رسمی است و YAML تنها آن را وصف می‌کند. چاره: پرونده را از git بازگردانید (git checkout یا git lfs pull) یا دوباره با dabir attach پیوست کنید.\n\nنمونه: جلسه ESF-PC-1403-02 پرونده‌ای را نام می‌برد که پاک شده است: R-ATT-1 در ‎/attachments/0/file‎.",
        ),
    },
    RuleDoc {
        id: "R-ATT-2",
        severity: Severity::Error,
        title: ("attachment altered", "پیوست دگرگون‌شده"),
        doc: (
            "An attached file's size or SHA-256 differs from those its record keeps: the scan was replaced or damaged after it was attached. A git LFS pointer file (the attachments kept in LFS but not fetched) is compared by the object id and size it names, which are the file's SHA-256 and size. The hash of a file is cached by its size, modification time, change time and inode (`.git/dabir/check-cache/attachments.bin`), so only changed files are read again.\n\nExample: the signed minutes of `ESF-PC-1403-02` were rescanned and the file overwritten: R-ATT-2 at `/attachments/0/sha256`. Restore the attached file, or attach the new scan as another attachment.",
            "اندازه یا چکیده SHA-256 پرونده پیوست با آنچه در سابقه آمده یکی نیست: پویش پس از پیوست جایگزین یا خراب شده است. پرونده اشاره‌گر git LFS با شناسه و اندازه‌ای که نام می‌برد سنجیده می‌شود. چکیده هر پرونده با اندازه، زمان تغییر و inode آن نگه داشته می‌شود تا تنها پرونده‌های تغییرکرده دوباره خوانده شوند.\n\nنمونه: صورتجلسه امضاشده ESF-PC-1403-02 دوباره پویش و روی پرونده نوشته شده است: R-ATT-2 در ‎/attachments/0/sha256‎.",
        ),
    },
    RuleDoc {
        id: "R-ATT-3",
        severity: Severity::Warning,
        title: ("unreferenced attachment", "پیوست بی‌سابقه"),
        doc: (
            "A file under `attachments/` that no record names: copied in by hand, or left behind when its record changed. Nothing vouches for it. Fix: attach it with `dabir attach` (which stores it in the record's folder with its hash), or remove it.\n\nExample: `attachments/meetings/1403/ESF-PC-1403-02/scan.pdf` copied in by hand: R-ATT-3 on that file.",
            "پرونده‌ای زیر attachments/ که هیچ سابقه‌ای آن را نام نمی‌برد: دستی رونوشت شده یا پس از تغییر سابقه‌اش جا مانده است. چاره: آن را با dabir attach پیوست کنید یا پاک کنید.\n\nنمونه: attachments/meetings/1403/ESF-PC-1403-02/scan.pdf که دستی گذاشته شده است: R-ATT-3 روی همان پرونده.",
        ),
    },
    RuleDoc {
        id: "R-ATT-4",
        severity: Severity::Warning,
        title: ("signed minutes not attached", "صورتجلسه امضاشده پیوست نشده"),
        doc: (
            "Minutes approved more than `signed_minutes_days` days ago (set in `dabir.yaml`; unset, this is not checked) whose meeting has no `signed-minutes` attachment. A meeting is not on record until its signed minutes are archived. Fix: `dabir attach <MEETING> scan.pdf --kind signed-minutes`.\n\nExample: with `signed_minutes_days: 14`, the minutes of `ESF-PC-1404-01` approved on 1404-02-10 and no scan on 1404-03-01: R-ATT-4 at `/minutes/approved_on`.",
            "صورتجلسه‌ای که بیش از signed_minutes_days روز (در dabir.yaml؛ اگر تنظیم نشده باشد بررسی نمی‌شود) پیش تأیید شده و جلسه‌اش پیوست signed-minutes ندارد. جلسه تا صورتجلسه امضاشده‌اش بایگانی نشود در سوابق کامل نیست. چاره: dabir attach <MEETING> scan.pdf --kind signed-minutes.\n\nنمونه: با signed_minutes_days: 14، صورتجلسه ESF-PC-1404-01 که در ۱۴۰۴-۰۲-۱۰ تأیید شده و تا ۱۴۰۴-۰۳-۰۱ پویشی ندارد: R-ATT-4 در ‎/minutes/approved_on‎.",
        ),
    },
];

/// R-ATT-4: approved minutes whose signed scan is overdue.
pub fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(days) = ctx.config.signed_minutes_days else {
        return;
    };
    for (path, m) in ctx.meetings() {
        let Some(approved) = m.minutes.as_ref().and_then(|x| x.approved_on) else {
            continue;
        };
        let due = approved.add_days(i64::from(days));
        if ctx.as_of <= due
            || m.attachments
                .iter()
                .any(|a| a.kind == AttachmentKind::SignedMinutes)
        {
            continue;
        }
        let (id, late) = (&m.id, due.days_until(ctx.as_of));
        out.push(ctx.finding(
            rule!("R-ATT-4"),
            path,
            "/minutes/approved_on",
            id,
            tr!(
                "the minutes of {id} were approved on {approved} and their signed scan is not attached, {late} days after the {days} days allowed",
                "صورتجلسه {id} در {approved} تأیید شده و نسخه امضاشده آن {late} روز پس از مهلت {days} روزه هنوز پیوست نشده است"
            ),
        ));
    }
}
