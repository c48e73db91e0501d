//! The documentation of the history's rules (`R-AUD-*`), which `dabir audit` judges
//! over the commits (`crate::audit`), not over one state of the records.

use super::RuleDoc;
use crate::diag::Severity;

/// The audit's rules.
pub static RULES: &[RuleDoc] = &[
    RuleDoc {
        id: "R-AUD-1",
        severity: Severity::Error,
        title: ("unsigned commit", "کامیت بی‌امضا"),
        doc: (
            "A commit carries no signature. Anyone with write access can commit under any name; only a signature by a key the policy knows says who made a change. Turn signing on with git's own settings (`git config commit.gpgsign true`, `gpg.format ssh`, `user.signingkey`): every dabir write is then signed.\n\nExample: the import commit `1a2b3c4d5e` made by `git commit` without `-S`: `R-AUD-1`.",
            "کامیتی امضا ندارد. هر کس دسترسی نوشتن دارد می‌تواند به هر نامی کامیت کند؛ تنها امضا با کلیدی که سیاست امضا می‌شناسد می‌گوید تغییر را چه کسی داده است. امضا را با تنظیمات خود git روشن کنید (commit.gpgsign، gpg.format ssh، user.signingkey) تا هر نوشتن دبیر امضا شود.\n\nنمونه: کامیت ورود سوابق که بی ‎-S‎ ساخته شده: R-AUD-1.",
        ),
    },
    RuleDoc {
        id: "R-AUD-2",
        severity: Severity::Error,
        title: ("signature does not verify", "امضای نادرست"),
        doc: (
            "A commit's signature does not match its content (the commit was altered after signing, or the signature is forged), or could not be checked (an OpenPGP key missing from the keyring, an unknown signature format).\n\nExample: a commit whose message was changed after it was signed: `R-AUD-2`.",
            "امضای کامیت با محتوای آن نمی‌خواند (کامیت پس از امضا دگرگون شده یا امضا ساختگی است) یا وارسی‌شدنی نیست (کلید OpenPGP در دسته‌کلید نیست، قالب امضا ناشناخته است).\n\nنمونه: کامیتی که پیامش پس از امضا تغییر کرده: R-AUD-2.",
        ),
    },
    RuleDoc {
        id: "R-AUD-3",
        severity: Severity::Error,
        title: ("key unknown to the policy", "کلید ناشناخته برای سیاست امضا"),
        doc: (
            "A commit is signed by a key that the policy in force (policy.yaml of the commit's parent) does not list; before any policy exists, by a key that is not a trust root.\n\nExample: a clerk's personal key never added to policy.yaml: `R-AUD-3`.",
            "کامیت با کلیدی امضا شده که سیاست امضای جاری (policy.yaml والد کامیت) آن را نمی‌شناسد؛ پیش از هر سیاستی، با کلیدی که ریشه اعتماد نیست.\n\nنمونه: کلید شخصی کارشناسی که هرگز به policy.yaml افزوده نشده: R-AUD-3.",
        ),
    },
    RuleDoc {
        id: "R-AUD-4",
        severity: Severity::Error,
        title: ("key acting outside its role", "کلید بیرون از نقش خود"),
        doc: (
            "The signer's roles in the policy do not allow what the commit does, or the commit changes a record kind outside the signer's `kinds`. Roles: clerk (record writes except approvals), secretary (record writes, approvals, the config), chair (approvals, the config, the policy), national (the policy, checkpoints). Approvals are `meeting.approve-agenda` and `meeting.approve-minutes`; the config is dabir.yaml and waivers.yaml.\n\nExample: a clerk's key signs `meeting.approve-minutes`: `R-AUD-4`.",
            "نقش‌های امضاکننده در سیاست امضا کار کامیت را روا نمی‌دارد، یا کامیت نوعی از سابقه را تغییر داده که در kinds امضاکننده نیست. نقش‌ها: clerk (نوشتن سوابق جز تأییدها)، secretary (نوشتن سوابق، تأییدها، پیکربندی)، chair (تأییدها، پیکربندی، سیاست امضا)، national (سیاست امضا، نقطه‌های وارسی).\n\nنمونه: کلید کارشناس meeting.approve-minutes را امضا کرده: R-AUD-4.",
        ),
    },
    RuleDoc {
        id: "R-AUD-5",
        severity: Severity::Error,
        title: ("key acting outside its province", "کلید بیرون از استان خود"),
        doc: (
            "The commit changes a record whose id starts with a province code not in the signer's `provinces`. A province's copy of the national registry (`NAT-` records written by `dabir national vendor` or `dabir programme adopt`, or in a commit not made by dabir, which R-AUD-10 flags) is not counted as another province's.\n\nExample: a key for `[TEH]` signs a change to `people/ESF-P-900.yaml`: `R-AUD-5`.",
            "کامیت سابقه‌ای را تغییر داده که کد استان شناسه‌اش در provinces امضاکننده نیست. رونوشت ثبت ملی در استان (سوابق NAT- که `dabir national vendor` یا `dabir programme adopt` نوشته، یا کامیتی که دبیر نساخته و R-AUD-10 آن را نشان می‌دهد) سابقه استانی دیگر شمرده نمی‌شود.\n\nنمونه: کلیدی برای [TEH] تغییر people/ESF-P-900.yaml را امضا کرده: R-AUD-5.",
        ),
    },
    RuleDoc {
        id: "R-AUD-6",
        severity: Severity::Error,
        title: ("key used outside its window", "کلید بیرون از بازه اعتبار"),
        doc: (
            "The commit's date (Iran time) is before the signer's `from`, after its `until`, or on or after its `revoked` date. Revoking a key ends its window: what it signed before stays valid.\n\nExample: a key revoked on 1404-06-01 signs on 1404-09-15: `R-AUD-6`.",
            "تاریخ کامیت (به وقت ایران) پیش از from امضاکننده، پس از until، یا در روز revoked یا پس از آن است. ابطال کلید بازه‌اش را می‌بندد: آنچه پیش‌تر امضا کرده معتبر می‌ماند.\n\nنمونه: کلیدی که ۱۴۰۴-۰۶-۰۱ باطل شده در ۱۴۰۴-۰۹-۱۵ امضا کرده: R-AUD-6.",
        ),
    },
    RuleDoc {
        id: "R-AUD-7",
        severity: Severity::Error,
        title: (
            "policy change without authority",
            "تغییر سیاست امضا بی‌اختیار",
        ),
        doc: (
            "A commit changes policy.yaml but its signer is not allowed to by the previous policy (a key with role chair or national, in its window); or it writes the first policy without being signed by a trust root (`dabir audit --trust FINGERPRINT`, or `git config --global --add dabir.trust FINGERPRINT`); or the policy it writes does not match `schema/policy.schema.json`. The commits after an unauthorised policy change are still judged by that policy, so the finding is where the trust broke.\n\nExample: a clerk's key adds an outsider's key to policy.yaml: `R-AUD-7`.",
            "کامیت policy.yaml را تغییر داده ولی سیاست پیشین به امضاکننده‌اش چنین اجازه‌ای نمی‌دهد (کلیدی با نقش chair یا national در بازه اعتبارش)؛ یا نخستین سیاست را بی امضای ریشه اعتماد نوشته است (‎dabir audit --trust‎ یا ‎git config --global --add dabir.trust‎)؛ یا سیاستی که نوشته با طرح‌واره policy نمی‌خواند.\n\nنمونه: کلید کارشناس کلید یک بیگانه را به policy.yaml افزوده: R-AUD-7.",
        ),
    },
    RuleDoc {
        id: "R-AUD-8",
        severity: Severity::Error,
        title: (
            "decision trailer without a decision in force",
            "استناد به مصوبه‌ای که در آن تاریخ نبوده",
        ),
        doc: (
            "A commit that changes a decision, a plan (budget lines) or a committee (memberships) names in its `Dabir-Decision` trailer a decision that does not exist in that commit, or whose meeting's minutes were not approved on or before the commit's date.\n\nExample: `Dabir-Decision: ESF-PC-1404-03-D1` on a commit of 1404-06-10 while that meeting's minutes were approved on 1404-07-02: `R-AUD-8`.",
            "کامیتی که مصوبه، برنامه (ردیف‌های بودجه) یا کمیته (عضویت‌ها) را تغییر داده در دنباله Dabir-Decision به مصوبه‌ای استناد کرده که در آن کامیت نیست، یا صورتجلسه جلسه‌اش تا تاریخ کامیت تأیید نشده بوده است.\n\nنمونه: Dabir-Decision: ESF-PC-1404-03-D1 در کامیت ۱۴۰۴-۰۶-۱۰ در حالی که صورتجلسه آن جلسه ۱۴۰۴-۰۷-۰۲ تأیید شده: R-AUD-8.",
        ),
    },
    RuleDoc {
        id: "R-AUD-9",
        severity: Severity::Error,
        title: (
            "signer outside the deciding committee's secretariat",
            "امضاکننده بیرون از دبیرخانه کمیته",
        ),
        doc: (
            "A commit with a `Dabir-Decision` trailer (a change to a decision, a plan or a committee) is signed by a key whose person did not hold the secretary seat of the deciding committee on the commit's date and is not listed for that committee's secretariat (`committees:` in policy.yaml).\n\nExample: a key of `ESF-P-004` (a member body's deputy) dispatches a decision of `ESF-PC`: `R-AUD-9`.",
            "کامیتی با دنباله Dabir-Decision (تغییر مصوبه، برنامه یا کمیته) با کلید شخصی امضا شده که در تاریخ کامیت دبیر کمیته تصمیم‌گیر نبوده و در committees سیاست امضا برای دبیرخانه آن کمیته نیامده است.\n\nنمونه: کلید ESF-P-004 مصوبه ESF-PC را ابلاغ کرده: R-AUD-9.",
        ),
    },
    RuleDoc {
        id: "R-AUD-10",
        severity: Severity::Warning,
        title: ("commit not made by dabir", "کامیتی که دبیر نساخته"),
        doc: (
            "A commit that changes files of the records repository has no `Dabir-Action` trailer: it was made by hand or by another tool, without dabir's validation. Flagged for review, not rejected. Merge commits are not flagged (their commits are audited one by one).\n\nExample: `git commit -am 'fix typo'` on a meeting: `R-AUD-10`.",
            "کامیتی که پرونده‌های مخزن سوابق را تغییر داده دنباله Dabir-Action ندارد: دستی یا با ابزار دیگری و بی وارسی دبیر ساخته شده است. برای بازبینی نشان داده می‌شود، رد نمی‌شود. کامیت‌های ادغام نشان داده نمی‌شوند.\n\nنمونه: ‎git commit -am 'fix typo'‎ روی یک جلسه: R-AUD-10.",
        ),
    },
    RuleDoc {
        id: "R-AUD-11",
        severity: Severity::Error,
        title: ("backdated commit", "کامیت با تاریخ پیشین"),
        doc: (
            "A commit's committer date is earlier than its parent's: its date was set back (to fit inside a revoked key's window, or to look earlier than a decision).\n\nExample: a commit dated 1404-05-01 on top of one dated 1404-09-15: `R-AUD-11`.",
            "تاریخ کامیت‌کننده کامیتی پیش از تاریخ والدش است: تاریخ آن به عقب برده شده (تا در بازه کلید باطل‌شده بگنجد یا پیش از مصوبه‌ای بنماید).\n\nنمونه: کامیتی به تاریخ ۱۴۰۴-۰۵-۰۱ روی کامیتی به تاریخ ۱۴۰۴-۰۹-۱۵: R-AUD-11.",
        ),
    },
    RuleDoc {
        id: "R-AUD-12",
        severity: Severity::Error,
        title: ("merge of a second root", "ادغام ریشه دوم"),
        doc: (
            "A merge brings in a history that starts from another root commit: records from an unrelated repository were merged in (`git merge --allow-unrelated-histories`).\n\nExample: merging a copy of the records made with a fresh `git init`: `R-AUD-12`.",
            "ادغامی تاریخچه‌ای را آورده که از کامیت ریشه دیگری آغاز می‌شود: سوابق مخزنی بی‌پیوند ادغام شده است.\n\nنمونه: ادغام رونوشتی از سوابق که با git init تازه ساخته شده: R-AUD-12.",
        ),
    },
    RuleDoc {
        id: "R-AUD-13",
        severity: Severity::Error,
        title: (
            "checkpoint no longer in history",
            "نقطه وارسی بیرون از تاریخچه",
        ),
        doc: (
            "A checkpoint recorded by `dabir checkpoint` (refs/dabir/checkpoints) names a commit of the audited branch that is no longer an ancestor of its head: the past was rewritten (`git reset`, `rebase`, a forced push) after the checkpoint, even if every new commit is signed. The first such checkpoint is named.\n\nExample: checkpoint 3 recorded commit `1a2b3c4d5e` at height 12; the branch was reset and re-committed: `R-AUD-13`.",
            "نقطه وارسی‌ای که dabir checkpoint ثبت کرده (refs/dabir/checkpoints) کامیتی از شاخه حسابرسی‌شده را نام می‌برد که دیگر نیای سر شاخه نیست: گذشته پس از آن نقطه بازنویسی شده است (git reset، rebase، push اجباری)، حتی اگر همه کامیت‌های تازه امضا داشته باشند. نخستین نقطه چنین نام برده می‌شود.\n\nنمونه: نقطه ۳ کامیت 1a2b3c4d5e را در ارتفاع ۱۲ ثبت کرده و شاخه بازنشانی و دوباره کامیت شده: R-AUD-13.",
        ),
    },
    RuleDoc {
        id: "R-AUD-14",
        severity: Severity::Error,
        title: (
            "checkpoint log altered or unsigned",
            "دفتر نقطه‌های وارسی دستکاری‌شده یا بی‌امضا",
        ),
        doc: (
            "The checkpoint log (refs/dabir/checkpoints) is append-only and signed: each of its commits adds lines to the previous file and is signed by a key the policy knows. A commit of the log that removes or changes an earlier line, is unsigned, or whose signature does not verify, is reported.\n\nExample: the log's second commit rewrote the first checkpoint's commit id: `R-AUD-14`.",
            "دفتر نقطه‌های وارسی (refs/dabir/checkpoints) تنها‌افزودنی و امضاشده است: هر کامیت آن سطرهایی به پرونده پیشین می‌افزاید و با کلیدی که سیاست می‌شناسد امضا شده است. کامیتی از دفتر که سطر پیشینی را بردارد یا تغییر دهد، بی‌امضا باشد یا امضایش درست نباشد گزارش می‌شود.\n\nنمونه: کامیت دوم دفتر شناسه کامیت نقطه نخست را بازنویسی کرده: R-AUD-14.",
        ),
    },
];
