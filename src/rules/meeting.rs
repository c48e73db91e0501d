//! Meetings, agendas, minutes and decisions: R-MTG-1..9 (seed 000, P-CL02 "holding the
//! meetings of the provincial committee" and "duties").
//!
//! Everything is judged against the committee's memberships *on the meeting's date*
//! ([`Committee::members_on`]), never today's: a member who left since still counts for a
//! meeting they attended. The seat holders (chair, secretary) are found the same way.
//! R-MTG-2, -3, -5 and -7 are the provincial committee's (the seed says how *its* meetings
//! are called and followed up); attendance, minutes and quorum (R-MTG-4, -8) hold for
//! every committee that keeps memberships. R-MTG-9 reads git history through
//! [`super::history`].

use std::collections::{BTreeMap, HashMap, HashSet};

use super::committee::{category, committee_kind_of, seat_holder};
use super::history::{self, Change};
use super::{Context, Rule, RuleDoc};
use crate::diag::{Finding, Severity};
use crate::model::committee::{CommitteeKind, Role};
use crate::model::decision::{DecisionStatus, FollowupKind, Topic};
use crate::model::meeting::{MeetingState, Minutes};
use crate::model::{
    BodyCategory, Committee, Decision, JDate, Kind, Meeting, Membership, Record, Text,
};
use crate::{rule, tr};

pub static RULES: &[RuleDoc] = &[
    RuleDoc {
        id: "R-MTG-1",
        severity: Severity::Error,
        title: (
            "two provincial meetings a year, about six months apart",
            "دست‌کم دو جلسه استانی در سال با فاصله حدود شش ماه",
        ),
        doc: (
            "Every Solar Hijri year that is over (before the as-of year) has at least two held meetings of each provincial committee: an error otherwise. In the as-of year, fewer than two meetings held or scheduled is a warning (there is still time). Two consecutive held meetings more than `meeting_gap_days` apart (config, default 210) are a warning at the later meeting's date. Years are counted from the committee's first year (its earliest membership or meeting); a first year that starts in the second half-year is not counted, since two meetings six months apart no longer fit in it.\n\nWhy: seed 000 (P-CL02, holding the meetings): \"normally at least two meetings of the provincial committee a year, six months apart, are necessary\".\n\nExample: in 1403 only `ESF-PC-1403-01` was held: `R-MTG-1` at the committee's `/id` for 1403.",
            "هر سال خورشیدیِ سپری‌شده (پیش از سال تاریخ ارزیابی) باید دست‌کم دو جلسه برگزارشده از هر کمیته استانی داشته باشد؛ وگرنه خطاست. در سال جاری، کمتر از دو جلسه برگزارشده یا برنامه‌ریزی‌شده هشدار است (هنوز فرصت هست). فاصله دو جلسه برگزارشده پیاپی بیش از meeting_gap_days روز (پیکربندی، پیش‌فرض ۲۱۰) در تاریخ جلسه دوم هشدار است. سال‌ها از نخستین سال کمیته (نخستین عضویت یا جلسه) شمرده می‌شوند؛ اگر نخستین سال از نیمه دوم سال آغاز شده باشد شمرده نمی‌شود، چون دو جلسه با فاصله شش ماه دیگر در آن نمی‌گنجد.\n\nچرا: سند ۰۰۰ (P-CL02، تشکیل جلسات): «به طور معمول سالیانه برگزاری حداقل ۲ جلسه کمیته استانی با فاصله زمانی شش ماهه ضروری است».\n\nنمونه: در سال ۱۴۰۳ تنها جلسه ESF-PC-1403-01 برگزار شده است: R-MTG-1 در ‎/id‎ کمیته برای ۱۴۰۳.",
        ),
    },
    RuleDoc {
        id: "R-MTG-2",
        severity: Severity::Error,
        title: (
            "agenda proposed by the company, approved by the chair before the meeting",
            "دستور جلسه با پیشنهاد شرکت و تأیید رئیس پیش از جلسه",
        ),
        doc: (
            "A provincial committee meeting that was held had an agenda approved (`agenda.approved_on`) on or before its date; the agenda was proposed by a body of category `industrial-estates` (`agenda.proposed_by`), approved by the person holding the chair seat on the approval date (`agenda.approved_by`), and not approved before it was proposed. A scheduled meeting whose agenda is not yet approved is not a finding here (the brief shows it).\n\nWhy: seed 000 (P-CL02): \"the agendas are set on the proposal and coordination of the industrial-estates company and with the approval of the deputy for planning of the governorate\"; a meeting cannot be held on an agenda nobody approved.\n\nExample: `ESF-PC-1403-02` was held on 1403-08-20 but `agenda.approved_on` is 1403-08-25: `R-MTG-2` at `/agenda/approved_on`.",
            "جلسه برگزارشده کمیته استانی باید دستور جلسه‌ای داشته باشد که در تاریخ جلسه یا پیش از آن تأیید شده است (agenda.approved_on)؛ دستور را نهادی از دسته شرکت شهرک‌های صنعتی پیشنهاد کرده باشد (agenda.proposed_by)، دارنده جایگاه رئیس در تاریخ تأیید آن را تأیید کرده باشد (agenda.approved_by) و تأیید پیش از پیشنهاد نباشد. جلسه برنامه‌ریزی‌شده‌ای که دستورش هنوز تأیید نشده در این قاعده یافته نیست (در گزارش پیش از جلسه می‌آید).\n\nچرا: سند ۰۰۰ (P-CL02): «دستور جلسات ... با پیشنهاد و هماهنگی شرکت شهرک‌های صنعتی استان و با تأیید معاون برنامه‌ریزی استانداری تعیین می‌گردد»؛ جلسه را نمی‌توان با دستوری تأییدنشده برگزار کرد.\n\nنمونه: جلسه ESF-PC-1403-02 در ۱۴۰۳-۰۸-۲۰ برگزار شده ولی تاریخ تأیید دستور ۱۴۰۳-۰۸-۲۵ است: R-MTG-2 در ‎/agenda/approved_on‎.",
        ),
    },
    RuleDoc {
        id: "R-MTG-3",
        severity: Severity::Error,
        title: ("official invitation by the chair", "دعوت رسمی رئیس"),
        doc: (
            "A held provincial committee meeting records its invitation (`invitation`: the letter's number and date), signed (`invitation.signed_by`) by the person holding the chair seat on the letter's date, and dated on or before the meeting.\n\nWhy: seed 000 (P-CL02): \"the members attend the meetings on the official invitation of the deputy for planning of the governor\"; the meetings \"are held with the official invitation of the deputy for planning\".\n\nExample: the invitation of `ESF-PC-1404-01` is signed by the industrial-estates CEO: `R-MTG-3` at `/invitation/signed_by`.",
            "جلسه برگزارشده کمیته استانی باید دعوت‌نامه خود را ثبت کند (invitation: شماره و تاریخ نامه) که دارنده جایگاه رئیس در تاریخ نامه آن را امضا کرده (invitation.signed_by) و تاریخش پیش از جلسه یا همان روز است.\n\nچرا: سند ۰۰۰ (P-CL02): «اعضای کمیته استانی ... بنا به دعوت رسمی معاون برنامه‌ریزی استاندار در جلسات حضور خواهند داشت».\n\nنمونه: دعوت‌نامه جلسه ESF-PC-1404-01 را مدیرعامل شرکت شهرک‌ها امضا کرده است: R-MTG-3 در ‎/invitation/signed_by‎.",
        ),
    },
    RuleDoc {
        id: "R-MTG-4",
        severity: Severity::Error,
        title: (
            "minutes: recorder, attendance against membership, decisions",
            "صورتجلسه: تنظیم‌کننده، حضور در برابر عضویت، مصوبات",
        ),
        doc: (
            "A held meeting has minutes once `dispatch_days` have passed since it; they are recorded (`minutes.recorded_by`) by the person holding the secretary seat on the meeting date. Attendance is checked against the committee's memberships on the meeting date: an attendee who was not a member then and sat for no one; a registered substitute who attended without saying for whom (`on_behalf_of`); an `on_behalf_of` naming someone who was not a member; an absentee who was not a member, or who is also listed as attending; a member neither attending, nor listed absent, nor represented by a substitute. Nobody is listed twice among the attendees, sat for twice, or sat for while attending in person. The decisions listed in the minutes point back to the meeting (`meeting:`), and a decision of a meeting is listed in its minutes. A cancelled meeting keeps no minutes and no decision names it; a decision's follow-ups are dated on or after its meeting.\n\nWhy: seed 000 (P-CL02): the output of the meetings is recorded in minutes by the industrial-estates company as the meeting's secretary: date, attendees and absentees, the items discussed, the decisions taken.\n\nExample: `ESF-P-012`, the registered substitute of `ESF-P-007`, attended `ESF-PC-1403-02` without `on_behalf_of: ESF-P-007`: `R-MTG-4` at `/minutes/attendees/5/person`, and `ESF-P-007` is unaccounted for.",
            "جلسه برگزارشده پس از گذشت dispatch_days روز باید صورتجلسه داشته باشد که دارنده جایگاه دبیر در تاریخ جلسه آن را تنظیم کرده است (minutes.recorded_by). حضور در برابر عضویت‌های کمیته در تاریخ جلسه سنجیده می‌شود: حاضری که آن روز عضو نبوده و جانشین کسی هم نبوده؛ جانشین ثبت‌شده‌ای که بی‌آنکه بگوید به جای چه کسی (on_behalf_of) حاضر شده؛ on_behalf_of که به غیرعضو اشاره می‌کند؛ غایبی که عضو نبوده یا در حاضران هم آمده؛ عضوی که نه حاضر است، نه غایب ثبت شده و نه جانشینی به جای او آمده. هیچ‌کس دو بار در حاضران نمی‌آید، دو جانشین به جای یک نفر نمی‌نشینند و کسی که خود حاضر است جانشین ندارد. مصوبات فهرست‌شده در صورتجلسه باید به همان جلسه برگردند (meeting) و هر مصوبه جلسه در صورتجلسه آن آمده باشد. جلسه لغوشده صورتجلسه ندارد و هیچ مصوبه‌ای به آن برنمی‌گردد؛ تاریخ پیگیری‌های مصوبه از جلسه آن پیش‌تر نیست.\n\nچرا: سند ۰۰۰ (P-CL02): خروجی جلسات در قالب صورتجلسه توسط شرکت شهرک‌های صنعتی استان (به عنوان دبیر جلسه) ثبت می‌شود: تاریخ، حاضران و غایبان، موارد مطروحه و تصمیمات متخذه.\n\nنمونه: «ESF-P-012» جانشین ثبت‌شده «ESF-P-007» بی on_behalf_of: ESF-P-007 در جلسه ESF-PC-1403-02 حاضر شده است: R-MTG-4 در ‎/minutes/attendees/5/person‎، و «ESF-P-007» نه حاضر است، نه غایب و نه جانشینی دارد.",
        ),
    },
    RuleDoc {
        id: "R-MTG-5",
        severity: Severity::Error,
        title: (
            "decisions sent for execution by official letter",
            "ابلاغ مصوبات با نامه رسمی",
        ),
        doc: (
            "A decision of a held provincial committee meeting names its responsible bodies (the schema requires at least one) and, once `dispatch_days` (config, default 14) have passed since the meeting, records the chair's dispatch letter (`dispatch`): missing by then is a warning (it is late, not wrong). A letter dated before the meeting, or whose recipients leave out a responsible body, is an error. Approved minutes record the copy sent to ISIPO (`minutes.isipo_copy`) within the same days: missing is a warning.\n\nWhy: seed 000 (P-CL02): the decisions in the minutes are sent for execution to the member bodies by official letter of the deputy for planning, and the company sends a copy of the minutes to ISIPO.\n\nExample: `ESF-PC-1403-02-D3` of a meeting on 1403-08-20 has no `dispatch` on 1403-09-15: `R-MTG-5` (warning) at `/responsible`.",
            "مصوبه جلسه برگزارشده کمیته استانی باید نهادهای مسئول اجرا را نام ببرد (طرح‌واره دست‌کم یکی را الزام می‌کند) و پس از گذشت dispatch_days روز (پیکربندی، پیش‌فرض ۱۴) از جلسه، نامه ابلاغ رئیس (dispatch) را ثبت کرده باشد؛ نبودِ آن در این هنگام هشدار است (دیرکرد است نه اشتباه). نامه‌ای با تاریخ پیش از جلسه، یا نامه‌ای که گیرندگانش یکی از نهادهای مسئول را ندارد، خطاست. صورتجلسه تأییدشده نیز باید ارسال نسخه‌ای برای سازمان صنایع کوچک و شهرک‌های صنعتی ایران (minutes.isipo_copy) را در همین مهلت ثبت کند؛ نبودِ آن هشدار است.\n\nچرا: سند ۰۰۰ (P-CL02): تصمیمات مندرج در صورتجلسات با نامه رسمی معاون برنامه‌ریزی استانداری جهت اجرا به نهادهای عضو ارسال می‌شود و شرکت شهرک‌ها نسخه‌ای از صورتجلسات را برای سازمان می‌فرستد.\n\nنمونه: مصوبه ESF-PC-1403-02-D3 از جلسه ۱۴۰۳-۰۸-۲۰ در ۱۴۰۳-۰۹-۱۵ هنوز نامه ابلاغ ندارد: R-MTG-5 (هشدار) در ‎/responsible‎.",
        ),
    },
    RuleDoc {
        id: "R-MTG-6",
        severity: Severity::Error,
        title: (
            "overdue decisions, and on the next agenda",
            "مصوبات معوق و آمدن آن‌ها در دستور جلسه بعد",
        ),
        doc: (
            "A decision still `open` after its deadline is overdue: a warning at its `deadline`. A decision marked `done` with no `done` follow-up saying when and by whom is a warning at its `status`. An approved agenda of a provincial committee meeting that leaves out a decision of that committee which was overdue on the meeting's date (open then, deadline before it; a decision closed by a follow-up dated after the meeting counts as open then) is an error: the agenda must carry an item with `decision:` naming it.\n\nWhy: docs/domain.md R-MTG-6 and seed 000 (P-CL02, supreme oversight): a decision stays open until reported done, and open decisions past their deadline belong on the next meeting's agenda.\n\nExample: `ESF-PC-1403-01-D2` had its deadline on 1403-06-31 and was still open when the agenda of `ESF-PC-1403-02` (1403-08-20) was approved without it: `R-MTG-6` at that meeting's `/agenda/items`.",
            "مصوبه‌ای که پس از مهلتش هنوز «باز» است معوق است: هشدار در deadline آن. مصوبه‌ای که «انجام‌شده» ثبت شده ولی هیچ پیگیری done نمی‌گوید چه زمانی و به دست چه کسی انجام شده، هشدار در status آن است. دستور جلسه تأییدشده یک جلسه کمیته استانی که مصوبه‌ای از همان کمیته را که در تاریخ جلسه معوق بوده (آن روز باز و مهلتش گذشته؛ مصوبه‌ای که پیگیری بستنش پس از جلسه تاریخ خورده آن روز باز شمرده می‌شود) از قلم انداخته، خطاست: دستور باید بندی با decision همان مصوبه داشته باشد.\n\nچرا: docs/domain.md R-MTG-6 و سند ۰۰۰ (P-CL02، نظارت عالی): مصوبه تا گزارش انجام باز می‌ماند و مصوبات معوق جایشان در دستور جلسه بعد است.\n\nنمونه: مهلت مصوبه ESF-PC-1403-01-D2 در ۱۴۰۳-۰۶-۳۱ سر آمده و هنگام تأیید دستور جلسه ESF-PC-1403-02 (۱۴۰۳-۰۸-۲۰) هنوز باز بوده، ولی در دستور نیامده است: R-MTG-6 در ‎/agenda/items‎ آن جلسه.",
        ),
    },
    RuleDoc {
        id: "R-MTG-7",
        severity: Severity::Error,
        title: (
            "annual priorities and resource forecast",
            "اولویت‌های سالانه و پیش‌بینی منابع مالی",
        ),
        doc: (
            "For every Solar Hijri year that is over (counted as in R-MTG-1), each provincial committee took at least one decision with topic `annual-priorities` and one with topic `resource-forecast`, at a meeting held that year.\n\nWhy: seed 000 (P-CL02, duties): the committee approves the priorities of cluster development (yearly) and forecasts the financial resources the province's cluster programme needs.\n\nExample: no decision of 1403 has `topics: [resource-forecast]`: `R-MTG-7` at the committee's `/id`.",
            "برای هر سال خورشیدیِ سپری‌شده (به همان شمارش R-MTG-1) هر کمیته استانی باید دست‌کم یک مصوبه با موضوع annual-priorities (اولویت‌های سالانه) و یکی با موضوع resource-forecast (پیش‌بینی منابع مالی) در جلسه‌ای برگزارشده در همان سال داشته باشد.\n\nچرا: سند ۰۰۰ (P-CL02، وظایف): تصویب اولویت‌ها در توسعه خوشه‌ها (به طور سالیانه) و پیش‌بینی منابع مالی مورد نیاز بر اساس برنامه توسعه خوشه‌های استان.\n\nنمونه: هیچ مصوبه سال ۱۴۰۳ موضوع resource-forecast ندارد: R-MTG-7 در ‎/id‎ کمیته.",
        ),
    },
    RuleDoc {
        id: "R-MTG-8",
        severity: Severity::Error,
        title: ("quorum", "حد نصاب"),
        doc: (
            "A held meeting with minutes had its quorum: the members on the meeting date who attended in person or through a substitute (`on_behalf_of`), counted once each, reach the committee's `quorum` rule (`majority`: more than half; `two-thirds`: at least two thirds) of the members on that date.\n\nWhy: the committee record sets the quorum rule (docs/domain.md, R-COM and R-MTG); decisions of a meeting without quorum are not the committee's decisions.\n\nExample: 5 of 12 members attended `ESF-PC-1404-01` under `quorum: majority` (7 needed): `R-MTG-8` at `/minutes/attendees`.",
            "جلسه برگزارشده‌ای که صورتجلسه دارد باید به حد نصاب رسیده باشد: اعضای کمیته در تاریخ جلسه که خود یا جانشینشان (on_behalf_of) حاضر بوده‌اند، هر کدام یک بار، باید به قاعده quorum کمیته برسند (majority: بیش از نیمی از اعضا؛ two-thirds: دست‌کم دو سوم اعضا در آن تاریخ).\n\nچرا: قاعده حد نصاب در سابقه کمیته تعیین می‌شود؛ تصمیمات جلسه بدون حد نصاب تصمیم کمیته نیست.\n\nنمونه: از ۱۲ عضو تنها ۵ نفر در جلسه ESF-PC-1404-01 با quorum: majority حاضر بوده‌اند (۷ نفر لازم است): R-MTG-8 در ‎/minutes/attendees‎.",
        ),
    },
    RuleDoc {
        id: "R-MTG-9",
        severity: Severity::Error,
        title: (
            "approved minutes changed after approval",
            "تغییر صورتجلسه پس از تأیید",
        ),
        doc: (
            "Read from git history (skipped with `check --no-history`, or outside a git repository): a meeting whose minutes are approved now must not have been changed in any commit whose parent already had its minutes approved (everything except the later `minutes.isipo_copy` and `attachments` is locked), and a decision of such a meeting must not have had its `meeting`, `text`, `responsible` or `deadline` changed by a commit whose parent already had the meeting's minutes approved. The write commands refuse such changes (`store::txn`); this rule finds those made by hand or by other tools. Approving the minutes and recording the decisions in the same commit is fine; later follow-ups, dispatch letters and status changes are fine. Each offending commit is reported once per record, at the first changed value, with the commit, its date and author. A change back to the content as approved (a `git revert` of a tamper) is not reported. A change that was corrected later stays in history: waive it (waivers.yaml) with the decision that accepted the correction.\n\nHow: one first-parent walk from HEAD (or `--rev`) compares the tree ids of `meetings/` and `decisions/` with the parent's and descends only into changed subtrees; only changed files of records that are locked now are parsed.\n\nWhy: docs/domain.md R-MTG-4 and R-MTG-9: approved minutes are locked; follow-up lives in the decision records. Auditors read history; an edit to approved minutes changes what the committee decided.\n\nExample: commit `1a2b3c4` changed `minutes/summary` of `ESF-PC-1403-02` after its approval on 1403-08-27: `R-MTG-9` at `/minutes/summary`.",
            "از تاریخچه git خوانده می‌شود (با check --no-history یا بیرون از مخزن git کنار گذاشته می‌شود): جلسه‌ای که صورتجلسه‌اش اکنون تأییدشده است نباید در هیچ کامیتی تغییر کرده باشد که در والدِ آن صورتجلسه از پیش تأیید شده بوده (همه چیز جز minutes.isipo_copy و attachments که بعدتر می‌آیند قفل است)، و جلسه، متن، نهادهای مسئول یا مهلت مصوبه‌های چنین جلسه‌ای نباید در کامیتی تغییر کرده باشد که در والدِ آن صورتجلسه جلسه تأیید شده بوده است. فرمان‌های نوشتن دبیر چنین تغییری را نمی‌پذیرند؛ این قاعده تغییرهای دستی یا با ابزارهای دیگر را می‌یابد. تأیید صورتجلسه و ثبت مصوبات در یک کامیت رواست؛ پیگیری‌ها، نامه ابلاغ و تغییر وضعیت بعدی رواست. هر کامیت خطاکار برای هر سابقه یک بار، در نخستین مقدار تغییرکرده، با شناسه، تاریخ و نویسنده کامیت گزارش می‌شود. تغییری که محتوای تأییدشده را بازمی‌گرداند (git revert یک دستکاری) گزارش نمی‌شود. تغییری که بعدتر اصلاح شده در تاریخچه می‌ماند: آن را با مصوبه‌ای که اصلاح را پذیرفته در waivers.yaml معاف کنید.\n\nروش: یک پیمایش والد-نخست از HEAD (یا ‎--rev‎) شناسه درخت‌های meetings/ و decisions/ را با والد مقایسه می‌کند و تنها به زیردرخت‌های تغییرکرده فرو می‌رود؛ تنها پرونده‌های تغییرکرده سوابقی که اکنون قفل‌اند خوانده می‌شوند.\n\nچرا: صورتجلسه تأییدشده قفل است و پیگیری در سوابق مصوبات ثبت می‌شود. حسابرسان تاریخچه را می‌خوانند؛ ویرایش صورتجلسه تأییدشده آنچه کمیته تصمیم گرفته را دگرگون می‌کند.\n\nنمونه: کامیت 1a2b3c4 خلاصه صورتجلسه ESF-PC-1403-02 را پس از تأیید آن در ۱۴۰۳-۰۸-۲۷ تغییر داده است: R-MTG-9 در ‎/minutes/summary‎.",
        ),
    },
];

pub fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut by_committee: BTreeMap<&str, Vec<(&str, &Meeting)>> = BTreeMap::new();
    for (path, m) in ctx.meetings() {
        by_committee
            .entry(m.committee.as_str())
            .or_default()
            .push((path, m));
    }
    for list in by_committee.values_mut() {
        list.sort_by_key(|(_, m)| (m.date, m.id.as_str()));
    }
    // Decisions by the meeting that took them.
    let mut decisions_of: HashMap<&str, Vec<(&str, &Decision)>> = HashMap::new();
    for (path, d) in ctx.decisions() {
        decisions_of
            .entry(d.meeting.as_str())
            .or_default()
            .push((path, d));
    }

    for (path, c) in ctx.committees() {
        let meetings = by_committee
            .get(c.id.as_str())
            .map(Vec::as_slice)
            .unwrap_or_default();
        // Counting meetings and decisions concludes nothing while one could not be read.
        if c.kind == CommitteeKind::Provincial && !ctx.any_unreadable(Kind::Meeting) {
            yearly(ctx, path, c, meetings, &decisions_of, out);
            overdue_on_agenda(ctx, c, meetings, &decisions_of, out);
        }
        for &(mpath, m) in meetings {
            if m.state == MeetingState::Cancelled && m.minutes.is_some() {
                let id = &m.id;
                out.push(ctx.finding(
                    rule!("R-MTG-4"),
                    mpath,
                    "/minutes",
                    id,
                    tr!(
                        "`{id}` is cancelled but keeps minutes: a meeting that was not held has no minutes nor decisions",
                        "جلسه «{id}» لغو شده ولی صورتجلسه دارد: جلسه‌ای که برگزار نشده صورتجلسه و مصوبه ندارد"
                    ),
                ));
            }
            if m.state != MeetingState::Held {
                continue;
            }
            if c.kind == CommitteeKind::Provincial {
                agenda(ctx, mpath, c, m, out);
                invitation(ctx, mpath, c, m, out);
                isipo_copy(ctx, mpath, m, out);
            }
            minutes(ctx, mpath, c, m, out);
        }
    }
    for (path, d) in ctx.decisions() {
        decision(ctx, path, d, out);
    }
    if let Some(h) = ctx.history {
        locked_changes(ctx, h, out);
    }
}

/// The first year a committee is counted from (R-MTG-1, R-MTG-7).
fn first_counted_year(c: &Committee, meetings: &[(&str, &Meeting)]) -> Option<u16> {
    let first = c
        .memberships
        .iter()
        .map(|m| m.start)
        .chain(meetings.iter().map(|(_, m)| m.date))
        .min()?;
    Some(if first.month() > 6 {
        first.year() + 1
    } else {
        first.year()
    })
}

fn yearly(
    ctx: &Context<'_>,
    path: &str,
    c: &Committee,
    meetings: &[(&str, &Meeting)],
    decisions_of: &HashMap<&str, Vec<(&str, &Decision)>>,
    out: &mut Vec<Finding>,
) {
    let id = &c.id;
    let held: Vec<&(&str, &Meeting)> = meetings
        .iter()
        .filter(|(_, m)| m.state == MeetingState::Held && m.date <= ctx.as_of)
        .collect();
    if let Some(first) = first_counted_year(c, meetings) {
        let now = ctx.as_of.year();
        for year in first..=now {
            let n = held.iter().filter(|(_, m)| m.date.year() == year).count();
            if year < now {
                if n < 2 {
                    out.push(ctx.finding(rule!("R-MTG-1"), path, "/id", id, tr!(
                        "`{id}` held {n} meeting(s) in {year}; at least two a year are required",
                        "کمیته «{id}» در سال {year} {n} جلسه برگزار کرده است؛ دست‌کم دو جلسه در سال لازم است"
                    )));
                }
                for (topic, en, fa) in [
                    (
                        Topic::AnnualPriorities,
                        "the annual priorities of cluster development",
                        "اولویت‌های سالانه توسعه خوشه‌ها",
                    ),
                    (
                        Topic::ResourceForecast,
                        "the forecast of financial resources",
                        "پیش‌بینی منابع مالی",
                    ),
                ] {
                    let found = held
                        .iter()
                        .filter(|(_, m)| m.date.year() == year)
                        .any(|(_, m)| {
                            decisions_of
                                .get(m.id.as_str())
                                .is_some_and(|ds| ds.iter().any(|(_, d)| d.topics.contains(&topic)))
                        });
                    if !found && !ctx.any_unreadable(Kind::Decision) {
                        out.push(ctx.finding(
                            rule!("R-MTG-7"),
                            path,
                            "/id",
                            id,
                            tr!(
                                "`{id}` took no decision on {en} in {year}",
                                "کمیته «{id}» در سال {year} مصوبه‌ای درباره {fa} ندارد"
                            ),
                        ));
                    }
                }
            } else {
                let planned = meetings
                    .iter()
                    .filter(|(_, m)| m.date.year() == year)
                    .filter(|(_, m)| match m.state {
                        MeetingState::Held => m.date <= ctx.as_of,
                        MeetingState::Scheduled => true,
                        MeetingState::Cancelled => false,
                    })
                    .count();
                if planned < 2 {
                    out.push(
                        ctx.finding(rule!("R-MTG-1"), path, "/id", id, tr!(
                            "`{id}` has {planned} meeting(s) held or scheduled in {year}; at least two a year are required",
                            "کمیته «{id}» در سال {year} {planned} جلسه برگزارشده یا برنامه‌ریزی‌شده دارد؛ دست‌کم دو جلسه در سال لازم است"
                        ))
                        .with_severity(Severity::Warning),
                    );
                }
            }
        }
    }
    let gap = i64::from(ctx.config.meeting_gap_days);
    for pair in held.windows(2) {
        let ((_, a), (bpath, b)) = (pair[0], pair[1]);
        let days = a.date.days_until(b.date);
        if days > gap {
            let (aid, bid) = (&a.id, &b.id);
            out.push(
                ctx.finding(rule!("R-MTG-1"), bpath, "/date", bid, tr!(
                    "{days} days passed between `{aid}` and `{bid}`, more than the {gap} days allowed",
                    "میان جلسه «{aid}» و «{bid}» {days} روز فاصله افتاده که از {gap} روز مجاز بیشتر است"
                ))
                .with_severity(Severity::Warning),
            );
        }
    }
}

/// When a decision is overdue (R-MTG-6): on every date after its deadline and before it
/// was closed (`None`: it is open, so for good); `None` when it never is (no deadline, or
/// closed with no dated closing follow-up).
fn overdue_span(d: &Decision) -> Option<(JDate, Option<JDate>)> {
    let deadline = d.deadline?;
    let until = match d.status {
        DecisionStatus::Open => None,
        _ => Some(
            d.followups
                .iter()
                .filter(|f| {
                    matches!(
                        f.kind,
                        FollowupKind::Done | FollowupKind::Cancelled | FollowupKind::CarriedOver
                    )
                })
                .map(|f| f.date)
                .max()?,
        ),
    };
    Some((deadline, until))
}

/// Whether a decision was overdue on `date`.
#[cfg(test)]
fn overdue_at(d: &Decision, date: JDate) -> bool {
    overdue_span(d)
        .is_some_and(|(deadline, until)| deadline < date && until.is_none_or(|until| until > date))
}

/// R-MTG-6 on agendas: an approved agenda names every decision of the committee's earlier
/// meetings that is overdue on the meeting date. One sweep over the meetings in date
/// order: a decision is overdue from the day after both its meeting and its deadline
/// until it is closed, so it enters the set once and leaves it for good.
fn overdue_on_agenda(
    ctx: &Context<'_>,
    c: &Committee,
    meetings: &[(&str, &Meeting)],
    decisions_of: &HashMap<&str, Vec<(&str, &Decision)>>,
    out: &mut Vec<Finding>,
) {
    // (after which date it is overdue, until which date (open: for good), decision),
    // in the order of their meetings and then of the decisions of each.
    let mut pending: Vec<(JDate, Option<JDate>, &Decision)> = Vec::new();
    for &(_, e) in meetings {
        for &(_, d) in decisions_of.get(e.id.as_str()).into_iter().flatten() {
            if let Some((deadline, until)) = overdue_span(d) {
                pending.push((deadline.max(e.date), until, d));
            }
        }
    }
    // Indices into `pending`, by when they become overdue.
    let mut by_start: Vec<usize> = (0..pending.len()).collect();
    by_start.sort_by_key(|&i| pending[i].0);
    let mut next = by_start.iter().peekable();
    let mut active: Vec<usize> = Vec::new();
    for &(path, m) in meetings {
        while let Some(&&i) = next.peek() {
            if pending[i].0 >= m.date {
                break;
            }
            active.push(i);
            next.next();
        }
        // Meetings come in date order: what is closed by this one stays closed.
        active.retain(|&i| pending[i].1.is_none_or(|until| until > m.date));
        let Some(agenda) = &m.agenda else { continue };
        if agenda.approved_on.is_none() || m.state == MeetingState::Cancelled {
            continue;
        }
        let on_agenda: HashSet<&str> = agenda
            .items
            .iter()
            .filter_map(|i| i.decision.as_deref())
            .collect();
        active.sort_unstable();
        let mid = &m.id;
        for &i in &active {
            let d = pending[i].2;
            if on_agenda.contains(d.id.as_str()) {
                continue;
            }
            let (did, deadline, date) =
                (&d.id, d.deadline.expect("overdue has a deadline"), m.date);
            let cid = &c.id;
            out.push(ctx.finding(rule!("R-MTG-6"), path, "/agenda/items", mid, tr!(
                "the approved agenda of `{mid}` ({date}) leaves out `{did}` of `{cid}`, overdue since its deadline {deadline}",
                "دستور جلسه تأییدشده «{mid}» ({date}) مصوبه «{did}» را که از مهلتش ({deadline}) گذشته و معوق است، ندارد"
            )).help(tr!(
                "add it to the agenda: `dabir meeting propose-agenda {mid} --by BODY --item '{did}: TITLE'` with the other items, then `dabir meeting approve-agenda {mid}`",
                "آن را به دستور جلسه بیفزایید: `dabir meeting propose-agenda {mid} --by BODY --item '{did}: عنوان'` همراه با بندهای دیگر و سپس `dabir meeting approve-agenda {mid}`"
            )));
        }
    }
}

fn agenda(ctx: &Context<'_>, path: &str, c: &Committee, m: &Meeting, out: &mut Vec<Finding>) {
    let (id, date) = (&m.id, m.date);
    let Some(a) = &m.agenda else {
        out.push(ctx.finding(
            rule!("R-MTG-2"),
            path,
            "/state",
            id,
            tr!(
                "`{id}` was held on {date} without a recorded agenda",
                "جلسه «{id}» در {date} بدون دستور جلسه ثبت‌شده برگزار شده است"
            ),
        ));
        return;
    };
    if category(ctx, &a.proposed_by).is_some_and(|k| k != BodyCategory::IndustrialEstates) {
        let by = &a.proposed_by;
        out.push(ctx.finding(rule!("R-MTG-2"), path, "/agenda/proposed_by", id, tr!(
            "the agenda of `{id}` was proposed by `{by}`, not by the industrial-estates company",
            "دستور جلسه «{id}» را «{by}» پیشنهاد کرده است، نه شرکت شهرک‌های صنعتی استان"
        )));
    }
    match (a.approved_on, &a.approved_by) {
        (None, _) => out.push(ctx.finding(
            rule!("R-MTG-2"),
            path,
            "/agenda",
            id,
            tr!(
                "`{id}` was held on {date} on an agenda that was never approved",
                "جلسه «{id}» در {date} با دستوری برگزار شده که هرگز تأیید نشده است"
            ),
        )),
        (Some(on), by) => {
            if on > date {
                out.push(ctx.finding(rule!("R-MTG-2"), path, "/agenda/approved_on", id, tr!(
                    "the agenda of `{id}` was approved on {on}, after the meeting was held on {date}",
                    "دستور جلسه «{id}» در {on} تأیید شده، پس از برگزاری جلسه در {date}"
                )));
            }
            let proposed = a.proposed_on;
            if on < proposed {
                out.push(ctx.finding(rule!("R-MTG-2"), path, "/agenda/approved_on", id, tr!(
                    "the agenda of `{id}` was approved on {on}, before it was proposed on {proposed}",
                    "دستور جلسه «{id}» در {on} تأیید شده، پیش از پیشنهاد آن در {proposed}"
                )));
            }
            let chair = seat_holder(c, Role::Chair, on);
            match by {
                None => out.push(ctx.finding(
                    rule!("R-MTG-2"),
                    path,
                    "/agenda/approved_on",
                    id,
                    tr!(
                        "the agenda of `{id}` does not say who approved it (`approved_by`)",
                        "در دستور جلسه «{id}» تأییدکننده (approved_by) ثبت نشده است"
                    ),
                )),
                Some(by) if chair.is_some_and(|ch| ch != by) => {
                    let ch = chair.unwrap_or_default();
                    out.push(ctx.finding(rule!("R-MTG-2"), path, "/agenda/approved_by", id, tr!(
                        "the agenda of `{id}` was approved by `{by}`, but the chair on {on} was `{ch}`",
                        "دستور جلسه «{id}» را «{by}» تأیید کرده، ولی رئیس کمیته در {on} «{ch}» بوده است"
                    )));
                }
                _ => {}
            }
        }
    }
}

fn invitation(ctx: &Context<'_>, path: &str, c: &Committee, m: &Meeting, out: &mut Vec<Finding>) {
    let (id, date) = (&m.id, m.date);
    let Some(inv) = &m.invitation else {
        out.push(ctx.finding(
            rule!("R-MTG-3"),
            path,
            "/state",
            id,
            tr!(
                "`{id}` was held on {date} but no invitation letter is recorded",
                "جلسه «{id}» در {date} برگزار شده ولی دعوت‌نامه‌ای برای آن ثبت نشده است"
            ),
        ));
        return;
    };
    let on = inv.letter.date;
    if on > date {
        out.push(ctx.finding(
            rule!("R-MTG-3"),
            path,
            "/invitation/letter/date",
            id,
            tr!(
                "the invitation to `{id}` is dated {on}, after the meeting on {date}",
                "دعوت‌نامه جلسه «{id}» تاریخ {on} دارد که پس از جلسه ({date}) است"
            ),
        ));
    }
    let by = &inv.signed_by;
    if let Some(chair) = seat_holder(c, Role::Chair, on).filter(|ch| ch != by) {
        out.push(ctx.finding(rule!("R-MTG-3"), path, "/invitation/signed_by", id, tr!(
            "the invitation to `{id}` is signed by `{by}`, but the chair on {on} was `{chair}`",
            "دعوت‌نامه جلسه «{id}» را «{by}» امضا کرده، ولی رئیس کمیته در {on} «{chair}» بوده است"
        )));
    }
}

/// R-MTG-4 and R-MTG-8 on a held meeting's minutes: recorded in time and by the secretary,
/// everyone present a member or a member's substitute, every member accounted for, the
/// quorum met, and the decisions listed pointing back.
fn minutes(ctx: &Context<'_>, path: &str, c: &Committee, m: &Meeting, out: &mut Vec<Finding>) {
    let (id, date) = (&m.id, m.date);
    let Some(min) = &m.minutes else {
        let days = ctx.config.dispatch_days;
        if date.add_days(i64::from(days)) < ctx.as_of {
            out.push(ctx.finding(
                rule!("R-MTG-4"),
                path,
                "/state",
                id,
                tr!(
                    "`{id}` was held on {date} and has no minutes {days} days later",
                    "جلسه «{id}» در {date} برگزار شده و {days} روز پس از آن هنوز صورتجلسه ندارد"
                ),
            ));
        }
        return;
    };
    if c.memberships.is_empty() {
        return;
    }
    let s = Sitting {
        ctx,
        path,
        c,
        m,
        min,
        members: c.members_on(date).collect(),
        attending: min.attendees.iter().map(|a| a.person.as_str()).collect(),
    };
    s.recorded_by(out);
    let represented = s.represented(out);
    s.listed_once(out);
    s.absentees(out);
    s.unaccounted(&represented, out);
    s.quorum(&represented, out);
    s.decisions_point_back(out);
}

/// A held meeting's minutes and the committee's members on its date.
struct Sitting<'a, 'c> {
    ctx: &'a Context<'c>,
    path: &'a str,
    c: &'a Committee,
    m: &'a Meeting,
    min: &'a Minutes,
    members: Vec<&'a Membership>,
    /// Everyone the minutes list as present.
    attending: HashSet<&'a str>,
}

impl<'a> Sitting<'a, '_> {
    fn is_member(&self, p: &str) -> bool {
        self.members.iter().any(|x| x.person == p)
    }

    /// A finding of `rule` at `pointer` in the meeting's file.
    fn push(&self, out: &mut Vec<Finding>, rule: Rule, pointer: &str, msg: Text) {
        out.push(self.ctx.finding(rule, self.path, pointer, &self.m.id, msg));
    }

    /// The minutes were recorded by the secretary on the meeting's date.
    fn recorded_by(&self, out: &mut Vec<Finding>) {
        let (id, date) = (&self.m.id, self.m.date);
        let Some(sec) = seat_holder(self.c, Role::Secretary, date) else {
            return;
        };
        let by = &self.min.recorded_by;
        if sec != by {
            self.push(out, rule!("R-MTG-4"), "/minutes/recorded_by", tr!(
                "the minutes of `{id}` were recorded by `{by}`, but the secretary on {date} was `{sec}`",
                "صورتجلسه «{id}» را «{by}» تنظیم کرده، ولی دبیر کمیته در {date} «{sec}» بوده است"
            ));
        }
    }

    /// The members present in person or by a substitute; an attendee who is neither a
    /// member nor sat for one is a finding.
    fn represented(&self, out: &mut Vec<Finding>) -> HashSet<&'a str> {
        let (id, date, cid) = (&self.m.id, self.m.date, &self.c.id);
        let mut represented: HashSet<&str> = HashSet::new();
        for (i, a) in self.min.attendees.iter().enumerate() {
            let person = &a.person;
            match &a.on_behalf_of {
                Some(principal) if self.is_member(principal) => {
                    represented.insert(principal);
                }
                Some(principal) => {
                    self.push(out, rule!("R-MTG-4"), &format!("/minutes/attendees/{i}/on_behalf_of"), tr!(
                        "`{person}` sat for `{principal}`, who was not a member of `{cid}` on {date}",
                        "«{person}» به جای «{principal}» حاضر شده که در {date} عضو کمیته «{cid}» نبوده است"
                    ));
                }
                None if self.is_member(person) => {
                    represented.insert(person);
                }
                None => {
                    let substitute_for = self
                        .members
                        .iter()
                        .find(|x| x.substitute.as_deref() == Some(person.as_str()));
                    let msg = match substitute_for {
                        Some(x) => {
                            let principal = &x.person;
                            tr!(
                                "`{person}` is the registered substitute of `{principal}` but the minutes do not say for whom they sat (`on_behalf_of`)",
                                "«{person}» جانشین ثبت‌شده «{principal}» است ولی در صورتجلسه نیامده به جای چه کسی حاضر شده (on_behalf_of)"
                            )
                        }
                        None => tr!(
                            "`{person}` attended `{id}` but was not a member of `{cid}` on {date}, nor sat for one",
                            "«{person}» در جلسه «{id}» حاضر بوده ولی در {date} نه عضو کمیته «{cid}» بوده و نه جانشین عضوی"
                        ),
                    };
                    let pointer = format!("/minutes/attendees/{i}/person");
                    self.push(out, rule!("R-MTG-4"), &pointer, msg);
                }
            }
        }
        represented
    }

    /// Nobody is listed twice, nor sat for twice, nor sat for while present.
    fn listed_once(&self, out: &mut Vec<Finding>) {
        let id = &self.m.id;
        let (mut seen, mut sat_for) = (HashSet::new(), HashSet::new());
        for (i, a) in self.min.attendees.iter().enumerate() {
            let person = &a.person;
            if !seen.insert(person.as_str()) {
                self.push(
                    out,
                    rule!("R-MTG-4"),
                    &format!("/minutes/attendees/{i}/person"),
                    tr!(
                        "`{person}` is listed twice among the attendees of `{id}`",
                        "«{person}» دو بار در حاضران جلسه «{id}» آمده است"
                    ),
                );
            }
            let Some(principal) = &a.on_behalf_of else {
                continue;
            };
            let pointer = format!("/minutes/attendees/{i}/on_behalf_of");
            if self.attending.contains(principal.as_str()) {
                self.push(out, rule!("R-MTG-4"), &pointer, tr!(
                    "`{person}` sat for `{principal}`, who attended `{id}` in person",
                    "«{person}» به جای «{principal}» نشسته، در حالی که «{principal}» خود در جلسه «{id}» حاضر بوده است"
                ));
            } else if !sat_for.insert(principal.as_str()) {
                self.push(
                    out,
                    rule!("R-MTG-4"),
                    &pointer,
                    tr!(
                        "a second substitute sat for `{principal}` at `{id}`",
                        "جانشین دومی به جای «{principal}» در جلسه «{id}» نشسته است"
                    ),
                );
            }
        }
    }

    /// Each absentee was a member, and is not also listed present.
    fn absentees(&self, out: &mut Vec<Finding>) {
        let (id, date) = (&self.m.id, self.m.date);
        for (j, p) in self.min.absentees.iter().enumerate() {
            let msg = if !self.is_member(p) {
                tr!(
                    "`{p}` is listed absent from `{id}` but was not a member on {date}",
                    "«{p}» در جلسه «{id}» غایب ثبت شده ولی در {date} عضو نبوده است"
                )
            } else if self.attending.contains(p.as_str()) {
                tr!(
                    "`{p}` is listed both present and absent in the minutes of `{id}`",
                    "«{p}» در صورتجلسه «{id}» هم حاضر و هم غایب ثبت شده است"
                )
            } else {
                continue;
            };
            self.push(
                out,
                rule!("R-MTG-4"),
                &format!("/minutes/absentees/{j}"),
                msg,
            );
        }
    }

    /// Every member is present, absent or represented.
    fn unaccounted(&self, represented: &HashSet<&str>, out: &mut Vec<Finding>) {
        let (id, date) = (&self.m.id, self.m.date);
        let absent: HashSet<&str> = self.min.absentees.iter().map(String::as_str).collect();
        let pointer = if self.min.absentees.is_empty() {
            "/minutes/attendees"
        } else {
            "/minutes/absentees"
        };
        let mut unaccounted: Vec<&str> = self
            .members
            .iter()
            .map(|x| x.person.as_str())
            .filter(|p| {
                !represented.contains(p) && !self.attending.contains(p) && !absent.contains(p)
            })
            .collect();
        unaccounted.dedup();
        if unaccounted.is_empty() {
            return;
        }
        let list_en = unaccounted
            .iter()
            .map(|p| format!("`{p}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let list_fa = unaccounted
            .iter()
            .map(|p| format!("«{p}»"))
            .collect::<Vec<_>>()
            .join("، ");
        out.push(self.ctx.finding(rule!("R-MTG-4"), self.path, pointer, id, tr!(
            "members on {date} neither present, nor absent, nor represented in the minutes of `{id}`: {list_en}",
            "این اعضا در {date} در صورتجلسه «{id}» نه حاضرند، نه غایب و نه جانشینی دارند: {list_fa}"
        )).help(tr!(
            "name each in `dabir meeting minutes {id}` as `--attendee PERSON`, `--absentee PERSON`, or the member a substitute sat for (`--attendee SUBSTITUTE:MEMBER`)",
            "هر یک را در `dabir meeting minutes {id}` با `--attendee PERSON`، `--absentee PERSON` یا عضوی که جانشین به جای او نشسته (`--attendee SUBSTITUTE:MEMBER`) بیاورید"
        )));
    }

    /// Quorum (R-MTG-8): enough members present in person or by substitute.
    fn quorum(&self, represented: &HashSet<&str>, out: &mut Vec<Finding>) {
        let id = &self.m.id;
        let needed = self.c.quorum.needed(self.members.len());
        let present = represented.len();
        if present < needed {
            let total = self.members.len();
            self.push(out, rule!("R-MTG-8"), "/minutes/attendees", tr!(
                "{present} of {total} members attended `{id}` in person or by substitute; the quorum is {needed}",
                "از {total} عضو تنها {present} نفر خود یا با جانشین در جلسه «{id}» حاضر بوده‌اند؛ حد نصاب {needed} نفر است"
            ));
        }
    }

    /// Each decision the minutes list belongs to this meeting.
    fn decisions_point_back(&self, out: &mut Vec<Finding>) {
        let id = &self.m.id;
        for (i, did) in self.min.decisions.iter().enumerate() {
            if let Some((_, d)) = self.ctx.decision(did)
                && d.meeting != self.m.id
            {
                let other = &d.meeting;
                self.push(
                    out,
                    rule!("R-MTG-4"),
                    &format!("/minutes/decisions/{i}"),
                    tr!(
                        "the minutes of `{id}` list `{did}`, which belongs to `{other}`",
                        "صورتجلسه «{id}» مصوبه «{did}» را آورده که از آنِ جلسه «{other}» است"
                    ),
                );
            }
        }
    }
}

/// The copy of approved minutes to ISIPO (R-MTG-5), a warning once it is late.
fn isipo_copy(ctx: &Context<'_>, path: &str, m: &Meeting, out: &mut Vec<Finding>) {
    if m.isipo_copy_late(ctx.config.dispatch_days, ctx.as_of) {
        let id = &m.id;
        out.push(
            ctx.finding(rule!("R-MTG-5"), path, "/minutes/approved_on", id, tr!(
                "no copy of the approved minutes of `{id}` is recorded as sent to ISIPO (`isipo_copy`)",
                "ارسال نسخه‌ای از صورتجلسه تأییدشده «{id}» برای سازمان صنایع کوچک و شهرک‌های صنعتی ایران (isipo_copy) ثبت نشده است"
            ))
            .with_severity(Severity::Warning),
        );
    }
}

fn decision(ctx: &Context<'_>, path: &str, d: &Decision, out: &mut Vec<Finding>) {
    let id = &d.id;
    let Some((_, m)) = ctx.meeting(&d.meeting) else {
        return;
    };
    let mid = &m.id;
    if m.state == MeetingState::Cancelled {
        out.push(ctx.finding(
            rule!("R-MTG-4"),
            path,
            "/meeting",
            id,
            tr!(
                "`{id}` names `{mid}`, a cancelled meeting that was not held",
                "مصوبه «{id}» به جلسه «{mid}» برمی‌گردد که لغو شده و برگزار نشده است"
            ),
        ));
    } else if let Some(min) = &m.minutes {
        if !min.decisions.iter().any(|x| x == id) {
            out.push(ctx.finding(
                rule!("R-MTG-4"),
                path,
                "/meeting",
                id,
                tr!(
                    "`{id}` names `{mid}`, but its minutes do not list it",
                    "مصوبه «{id}» به جلسه «{mid}» برمی‌گردد ولی صورتجلسه آن این مصوبه را ندارد"
                ),
            ));
        }
    } else if m.state != MeetingState::Held {
        out.push(ctx.finding(
            rule!("R-MTG-4"),
            path,
            "/meeting",
            id,
            tr!(
                "`{id}` names `{mid}`, a scheduled meeting that was not held",
                "مصوبه «{id}» به جلسه «{mid}» برمی‌گردد که هنوز برگزار نشده است"
            ),
        ));
    }
    // Follow-up comes after the meeting that took the decision.
    for (i, f) in d.followups.iter().enumerate() {
        if f.date < m.date {
            let (fd, md) = (f.date, m.date);
            out.push(ctx.finding(
                rule!("R-MTG-4"),
                path,
                &format!("/followups/{i}/date"),
                id,
                tr!(
                    "a follow-up of `{id}` is dated {fd}, before its meeting `{mid}` on {md}",
                    "پیگیری مصوبه «{id}» تاریخ {fd} دارد که پیش از جلسه آن («{mid}»، {md}) است"
                ),
            ));
        }
    }
    // Done says when and by whom (R-MTG-6), a warning.
    if d.status == DecisionStatus::Done && !d.followups.iter().any(|f| f.kind == FollowupKind::Done)
    {
        out.push(
            ctx.finding(
                rule!("R-MTG-6"),
                path,
                "/status",
                id,
                tr!(
                    "`{id}` is marked done, but no `done` follow-up says when and by whom it was done",
                    "مصوبه «{id}» انجام‌شده ثبت شده، ولی هیچ پیگیری «انجام شد» نمی‌گوید چه زمانی و به دست چه کسی انجام شده است"
                ),
            )
            .help(tr!(
                "record it with `dabir decision done {id} --note ... --evidence ...`",
                "آن را با «dabir decision done {id} --note ... --evidence ...» ثبت کنید"
            ))
            .with_severity(Severity::Warning),
        );
    }
    // Overdue (R-MTG-6), a warning.
    if d.overdue_on(ctx.as_of) {
        let deadline = d.deadline.expect("overdue has a deadline");
        let days = deadline.days_until(ctx.as_of);
        out.push(
            ctx.finding(
                rule!("R-MTG-6"),
                path,
                "/deadline",
                id,
                tr!(
                    "`{id}` is still open {days} days after its deadline {deadline}",
                    "مصوبه «{id}» {days} روز پس از مهلتش ({deadline}) هنوز باز است"
                ),
            )
            .with_severity(Severity::Warning),
        );
    }
    dispatch(ctx, path, d, m, out);
}

/// Dispatch (R-MTG-5): a decision of the provincial committee's held meeting is sent to
/// every body responsible, by letter, within the configured days, not before the meeting.
fn dispatch(ctx: &Context<'_>, path: &str, d: &Decision, m: &Meeting, out: &mut Vec<Finding>) {
    let id = &d.id;
    if m.state != MeetingState::Held || committee_kind_of(ctx, d) != Some(CommitteeKind::Provincial)
    {
        return;
    }
    let days = ctx.config.dispatch_days;
    let due = m.date.add_days(i64::from(days));
    match &d.dispatch {
        None if matches!(d.status, DecisionStatus::Open | DecisionStatus::Done)
            && due < ctx.as_of =>
        {
            let date = m.date;
            out.push(
                ctx.finding(
                    rule!("R-MTG-5"),
                    path,
                    "/responsible",
                    id,
                    tr!(
                        "`{id}` of the meeting on {date} has no dispatch letter {days} days later",
                        "مصوبه «{id}» از جلسه {date} پس از {days} روز هنوز نامه ابلاغ ندارد"
                    ),
                )
                .with_severity(Severity::Warning),
            );
        }
        None => {}
        Some(dispatch) => {
            let (on, date) = (dispatch.letter.date, m.date);
            if on < date {
                out.push(ctx.finding(
                    rule!("R-MTG-5"),
                    path,
                    "/dispatch/letter/date",
                    id,
                    tr!(
                        "the dispatch letter of `{id}` is dated {on}, before the meeting on {date}",
                        "نامه ابلاغ مصوبه «{id}» تاریخ {on} دارد که پیش از جلسه ({date}) است"
                    ),
                ));
            }
            for (i, body) in d.responsible.iter().enumerate() {
                if !dispatch.recipients.contains(body) {
                    out.push(ctx.finding(rule!("R-MTG-5"), path, &format!("/responsible/{i}"), id, tr!(
                        "`{body}` is responsible for `{id}` but is not among the dispatch letter's recipients",
                        "«{body}» مسئول اجرای مصوبه «{id}» است ولی در میان گیرندگان نامه ابلاغ نیست"
                    )));
                }
            }
        }
    }
}

/// R-MTG-9: locked content changed after approval, from git history.
fn locked_changes(ctx: &Context<'_>, h: &history::History, out: &mut Vec<Finding>) {
    for (path, m) in ctx.meetings() {
        if !m.minutes_locked() {
            continue;
        }
        let id = &m.id;
        let mut changed: Vec<(&Change, String, Meeting, Meeting)> = Vec::new();
        for change in h.changes_of(path) {
            let (Some(Record::Meeting(old)), Some(Record::Meeting(new))) =
                (h.record(change, false), h.record(change, true))
            else {
                continue;
            };
            if let Some(pointer) = crate::model::lock::meeting_change(&old, &new) {
                changed.push((change, pointer, old, new));
            }
        }
        // The content as approved: before the oldest change made while locked (history
        // is newest first). A change back to it (a `git revert` of a tamper) is none.
        let approved = changed.last().map(|(_, _, old, _)| old.clone());
        for (change, pointer, _, new) in &changed {
            if approved
                .as_ref()
                .is_some_and(|a| a.locked() == new.locked())
            {
                continue;
            }
            out.push(report(ctx, path, pointer, id, change, |commit, when, who| tr!(
                "commit `{commit}` ({when}, {who}) changed `{pointer}` of `{id}` after its minutes were approved",
                "کامیت `{commit}` ({when}، {who}) مقدار «{pointer}» جلسه «{id}» را پس از تأیید صورتجلسه تغییر داده است"
            )));
        }
    }
    for (path, d) in ctx.decisions() {
        let Some((_, m)) = ctx.meeting(&d.meeting) else {
            continue;
        };
        if !m.minutes_locked() {
            continue;
        }
        let id = &d.id;
        let mut changed: Vec<(&Change, String, Decision, Decision)> = Vec::new();
        for change in h.changes_of(path) {
            let (Some(Record::Decision(old)), Some(Record::Decision(new))) =
                (h.record(change, false), h.record(change, true))
            else {
                continue;
            };
            if old.locked() == new.locked() {
                continue;
            }
            // Locked only if the meeting's minutes were approved before this commit.
            let meeting_path = crate::model::Kind::Meeting.path_of(&old.meeting).ok();
            let Some(Record::Meeting(was)) =
                meeting_path.and_then(|p| h.record_at_parent(change, &p))
            else {
                continue;
            };
            if let Some(pointer) = crate::model::lock::decision_change(&was, &old, &new) {
                changed.push((change, pointer, old, new));
            }
        }
        // The locked fields as approved, as for the meeting: a change back is none.
        let approved = changed.last().map(|(_, _, old, _)| old.clone());
        for (change, pointer, _, new) in &changed {
            if approved
                .as_ref()
                .is_some_and(|a| a.locked() == new.locked())
            {
                continue;
            }
            let mid = &m.id;
            out.push(report(ctx, path, pointer, id, change, |commit, when, who| tr!(
                "commit `{commit}` ({when}, {who}) changed `{pointer}` of `{id}` after the minutes of `{mid}` were approved",
                "کامیت `{commit}` ({when}، {who}) مقدار «{pointer}» مصوبه «{id}» را پس از تأیید صورتجلسه «{mid}» تغییر داده است"
            )));
        }
    }
}

fn report(
    ctx: &Context<'_>,
    path: &str,
    pointer: &str,
    id: &str,
    change: &Change,
    msg: impl Fn(&str, &str, &str) -> crate::diag::Text,
) -> Finding {
    let when = change.date.map(|d| d.to_string()).unwrap_or_default();
    let pointer = if pointer.is_empty() { "/id" } else { pointer };
    ctx.finding(
        rule!("R-MTG-9"),
        path,
        pointer,
        id,
        msg(&change.short_id(), &when, &change.author),
    )
    .commit(change.commit.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::decision::Followup;

    fn date(s: &str) -> JDate {
        JDate::parse(s).unwrap()
    }

    fn decision(status: DecisionStatus, deadline: &str, closed: Option<&str>) -> Decision {
        Decision {
            attachments: Vec::new(),
            id: "ESF-PC-1403-01-D1".into(),
            meeting: "ESF-PC-1403-01".into(),
            text: "متن".into(),
            responsible: vec!["ESF-B-SMT".into()],
            deadline: Some(date(deadline)),
            adopts: None,
            status,
            topics: vec![],
            dispatch: None,
            followups: closed
                .map(|c| Followup {
                    date: date(c),
                    kind: FollowupKind::Done,
                    note: "انجام شد".into(),
                    evidence: None,
                    meeting: None,
                })
                .into_iter()
                .collect(),
        }
    }

    #[test]
    fn overdue_on_a_past_date_uses_the_closing_followup() {
        let open = decision(DecisionStatus::Open, "1403-06-31", None);
        assert!(overdue_at(&open, date("1403-08-20")));
        assert!(
            !overdue_at(&open, date("1403-06-31")),
            "due on the deadline itself is not overdue"
        );
        let done_late = decision(DecisionStatus::Done, "1403-06-31", Some("1403-09-10"));
        assert!(
            overdue_at(&done_late, date("1403-08-20")),
            "closed after the meeting: open then"
        );
        let done_early = decision(DecisionStatus::Done, "1403-06-31", Some("1403-07-10"));
        assert!(!overdue_at(&done_early, date("1403-08-20")));
        let done_unknown = decision(DecisionStatus::Done, "1403-06-31", None);
        assert!(!overdue_at(&done_unknown, date("1403-08-20")));
    }

    #[test]
    fn counted_years_skip_a_late_first_year() {
        let c = Committee {
            attachments: Vec::new(),
            id: "ESF-PC".into(),
            kind: CommitteeKind::Provincial,
            name: "کمیته".into(),
            parent: None,
            cluster: None,
            secretariat: None,
            quorum: crate::model::committee::QuorumRule::Majority,
            memberships: vec![],
        };
        let m = Meeting {
            attachments: Vec::new(),
            id: "ESF-PC-1402-01".into(),
            committee: "ESF-PC".into(),
            date: date("1402-09-01"),
            state: MeetingState::Held,
            place: None,
            agenda: None,
            invitation: None,
            minutes: None,
        };
        assert_eq!(first_counted_year(&c, &[("p", &m)]), Some(1403));
    }
}

#[cfg(test)]
mod attendance_tests {
    use crate::model::Kind;
    use crate::rules::money::tests::findings_of;

    const COMMITTEE: &str = "id: ESF-EC\nkind: expert\nname: ک\nquorum: majority\nmemberships:\n  - {person: ESF-P-1, body: ESF-B-1, role: secretary, start: 1403-01-01}\n  - {person: ESF-P-2, body: ESF-B-2, role: expert, start: 1403-01-01, substitute: ESF-P-9}\n  - {person: ESF-P-3, body: ESF-B-3, role: expert, start: 1403-01-01}\n";

    fn meeting(state: &str, minutes: &str) -> String {
        format!(
            "id: ESF-EC-1403-01\ncommittee: ESF-EC\ndate: 1403-05-10\nstate: {state}\n{minutes}"
        )
    }

    fn decision(status: &str, followups: &str) -> String {
        format!(
            "id: ESF-EC-1403-01-D1\nmeeting: ESF-EC-1403-01\ntext: متن\nresponsible: [ESF-B-1]\nstatus: {status}\n{followups}"
        )
    }

    fn run(meeting: &str, decision: &str) -> Vec<(&'static str, String)> {
        let recs = [
            (Kind::Committee, "committees/ESF-EC.yaml", COMMITTEE),
            (Kind::Meeting, "meetings/1403/ESF-EC-1403-01.yaml", meeting),
            (
                Kind::Decision,
                "decisions/1403/ESF-EC-1403-01-D1.yaml",
                decision,
            ),
        ];
        let mut got: Vec<_> = findings_of(super::run, &recs, "1403-09-01")
            .into_iter()
            .map(|(r, p, _)| (r, p))
            .collect();
        got.sort();
        got
    }

    const MINUTES: &str = "minutes:\n  recorded_by: ESF-P-1\n  summary: خلاصه\n  decisions: [ESF-EC-1403-01-D1]\n  attendees:\n    - {person: ESF-P-1}\n    - {person: ESF-P-2}\n    - {person: ESF-P-3}\n";
    const DONE: &str = "followups:\n  - {date: 1403-06-01, kind: done, note: انجام شد}\n";

    #[test]
    fn clean_minutes_give_nothing() {
        assert_eq!(run(&meeting("held", MINUTES), &decision("done", DONE)), []);
    }

    #[test]
    fn a_person_twice_a_principal_present_and_a_second_substitute() {
        let minutes = "minutes:\n  recorded_by: ESF-P-1\n  summary: خلاصه\n  decisions: [ESF-EC-1403-01-D1]\n  attendees:\n    - {person: ESF-P-1}\n    - {person: ESF-P-3}\n    - {person: ESF-P-9, on_behalf_of: ESF-P-3}\n    - {person: ESF-P-1}\n    - {person: ESF-P-8, on_behalf_of: ESF-P-2}\n    - {person: ESF-P-9, on_behalf_of: ESF-P-2}\n";
        let got = run(&meeting("held", minutes), &decision("done", DONE));
        for want in [
            "/minutes/attendees/2/on_behalf_of", // ESF-P-3 attended in person
            "/minutes/attendees/3/person",       // ESF-P-1 twice
            "/minutes/attendees/5/on_behalf_of", // a second substitute for ESF-P-2
            "/minutes/attendees/5/person",       // ESF-P-9 twice
        ] {
            assert!(
                got.contains(&("R-MTG-4", want.to_string())),
                "{want} in {got:?}"
            );
        }
    }

    #[test]
    fn a_cancelled_meeting_keeps_no_minutes_nor_decisions() {
        let got = run(&meeting("cancelled", MINUTES), &decision("done", DONE));
        assert_eq!(
            got,
            [
                ("R-MTG-4", "/meeting".to_string()),
                ("R-MTG-4", "/minutes".to_string())
            ]
        );
    }

    #[test]
    fn a_follow_up_before_its_meeting() {
        let early = "followups:\n  - {date: 1403-05-01, kind: progress, note: پیش از جلسه}\n  - {date: 1403-06-01, kind: done, note: انجام شد}\n";
        assert_eq!(
            run(&meeting("held", MINUTES), &decision("done", early)),
            [("R-MTG-4", "/followups/0/date".to_string())]
        );
    }

    #[test]
    fn done_without_a_done_follow_up_is_a_warning() {
        let progress = "followups:\n  - {date: 1403-06-01, kind: progress, note: در جریان}\n";
        assert_eq!(
            run(&meeting("held", MINUTES), &decision("done", progress)),
            [("R-MTG-6", "/status".to_string())]
        );
        assert_eq!(
            run(&meeting("held", MINUTES), &decision("open", progress)),
            []
        );
    }
}
