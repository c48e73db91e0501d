//! Committees and memberships: R-COM-1..4 and R-SC-1 (seeds 000, 001).
//!
//! Seats are judged on the `--as-of` date with [`Committee::members_on`]; a membership's
//! history stays in the record, so a seat that was filled last year and is empty today is
//! a gap today. Who holds a seat is told by the category of the body the membership names
//! (a person whose membership body is the governorate is the deputy for planning's seat,
//! one whose body is the industrial-estates company is its CEO's seat).

use std::collections::{HashMap, HashSet};

use super::{Context, Rule, RuleDoc};
use crate::diag::{Finding, Severity};
use crate::model::committee::{CommitteeKind, Role};
use crate::model::decision::DecisionStatus;
use crate::model::{BodyCategory, Committee, Decision, JDate, Kind};
use crate::{rule, tr};

pub static RULES: &[RuleDoc] = &[
    RuleDoc {
        id: "R-COM-1",
        severity: Severity::Error,
        title: (
            "chair and secretary of the provincial committee",
            "رئیس و دبیر کمیته استانی",
        ),
        doc: (
            "On the as-of date a provincial committee has exactly one current membership with role `chair`, held for a body of category `governorate` (the governor's deputy for planning), and exactly one with role `secretary`, held for a body of category `industrial-estates` (the CEO of the provincial industrial-estates company). A missing seat, a second holder, or a seat held for another body is an error.\n\nWhy: seeds 000 (P-CL02, members list) and 001 (provincial committee) name the deputy for planning of the governor as chair (رئیس) and the CEO of the industrial-estates company as secretary (دبیر); agendas, invitations and dispatch letters depend on who holds these seats.\n\nExample: the chair's membership names `ESF-B-SMT` (category `industry-mine-trade`) instead of the governorate: `R-COM-1` at `/memberships/0/body`.",
            "در تاریخ ارزیابی، کمیته استانی باید دقیقاً یک عضویت جاری با نقش «رئیس» داشته باشد که برای نهادی از دسته «استانداری» است (معاون برنامه‌ریزی استاندار)، و دقیقاً یک عضویت جاری با نقش «دبیر» برای نهادی از دسته «شرکت شهرک‌های صنعتی» (مدیرعامل شرکت شهرک‌های صنعتی استان). نبودِ این جایگاه، دو دارنده برای آن، یا دارنده‌ای از نهاد دیگر خطاست.\n\nچرا: سندهای ۰۰۰ (P-CL02، فهرست اعضا) و ۰۰۱ (کمیته استانی) معاون برنامه‌ریزی استاندار را رئیس و مدیرعامل شرکت شهرک‌های صنعتی استان را دبیر کمیته می‌دانند؛ دستور جلسه، دعوت‌نامه و نامه ابلاغ مصوبات به دارندگان همین جایگاه‌ها وابسته است.\n\nنمونه: عضویتِ رئیس به جای استانداری نهاد ESF-B-SMT (صنعت، معدن و تجارت) را نام برده است: R-COM-1 در ‎/memberships/0/body‎.",
        ),
    },
    RuleDoc {
        id: "R-COM-2",
        severity: Severity::Warning,
        title: (
            "required member body without a current member",
            "نهاد عضو الزامی بدون عضو جاری",
        ),
        doc: (
            "For each required member body of the provincial committee (governorate, industrial-estates company, industry-mine-trade, cooperatives-labour, economy-finance, agriculture jihad, cultural heritage and tourism, chamber of commerce, Bank of Industry & Mine, guild assemblies) there is at least one membership current on the as-of date held for a body of that category. Other banks and \"others as needed\" are optional. A warning, not an error: the gap is a fact of the world (a head left and the new decree is not issued yet), not a mistake in the records, but the committee is incomplete until it is filled.\n\nWhy: seed 000 (P-CL02) lists the member bodies; seed 001 adds the representative of the provincial guild assemblies.\n\nExample: the membership of the head of the Agriculture Jihad organisation ended on 1404-03-01 and no one replaced it: `R-COM-2` at `/memberships` of the committee.",
            "برای هر نهاد عضو الزامی کمیته استانی (استانداری، شرکت شهرک‌های صنعتی، صنعت، معدن و تجارت، تعاون، کار و رفاه اجتماعی، امور اقتصادی و دارایی، جهاد کشاورزی، میراث فرهنگی و گردشگری، اتاق بازرگانی، بانک صنعت و معدن، مجامع امور صنفی) باید دست‌کم یک عضویت جاری در تاریخ ارزیابی برای نهادی از همان دسته باشد. سایر بانک‌ها و «سایر نهادها بنا به اقتضا» اختیاری‌اند. هشدار است نه خطا: خالی‌ماندن جایگاه واقعیتی بیرونی است (رئیس نهاد رفته و حکم جانشین هنوز صادر نشده)، نه اشتباه در سوابق؛ ولی تا پر نشود ترکیب کمیته ناقص است.\n\nچرا: سند ۰۰۰ (P-CL02) نهادهای عضو را برمی‌شمارد و سند ۰۰۱ نماینده مجامع امور صنفی استان را می‌افزاید.\n\nنمونه: عضویت رئیس سازمان جهاد کشاورزی در ۱۴۰۴-۰۳-۰۱ پایان یافته و کسی جایگزین نشده است: R-COM-2 در ‎/memberships‎ کمیته.",
        ),
    },
    RuleDoc {
        id: "R-COM-3",
        severity: Severity::Error,
        title: ("membership decree and dates", "حکم و تاریخ‌های عضویت"),
        doc: (
            "Every membership of a provincial committee records its appointment decree (`decree`: number and date) issued by the deputy for planning; in every committee a decree is dated on or before the seat's `start` (a seat begins on its decree), a membership's `end` is after its `start`, an ended membership says why (`end_reason`), and an `end_reason` has an `end`. History is never deleted: a member who leaves gets an end date and the successor a new membership.\n\nWhy: seed 000 (P-CL02): the decrees of the members are issued by the deputy for planning of the governorate in coordination with the industrial-estates company.\n\nExample: a membership without `decree:` gives `R-COM-3` at `/memberships/4`; `end: 1402-01-10` before `start: 1403-05-01` gives `R-COM-3` at `/memberships/4/end`.",
            "هر عضویت در کمیته استانی باید حکم انتصاب خود (decree: شماره و تاریخ) صادره از معاون برنامه‌ریزی را ثبت کند؛ در هر کمیته‌ای تاریخ حکم پس از آغاز عضویت نیست (عضویت با حکم آغاز می‌شود)، تاریخ پایان عضویت باید پس از تاریخ آغاز باشد، عضویت پایان‌یافته باید علت پایان (end_reason) داشته باشد و علت پایان بدون تاریخ پایان معنا ندارد. سابقه هرگز پاک نمی‌شود: عضو رفته تاریخ پایان می‌گیرد و جانشین عضویت تازه.\n\nچرا: سند ۰۰۰ (P-CL02): احکام اعضای کمیته استانی با هماهنگی شرکت شهرک‌های صنعتی استان و توسط معاون برنامه‌ریزی استانداری صادر می‌شود.\n\nنمونه: عضویتی بدون decree به R-COM-3 در ‎/memberships/4‎ می‌انجامد؛ end: 1402-01-10 پیش از start: 1403-05-01 به R-COM-3 در ‎/memberships/4/end‎.",
        ),
    },
    RuleDoc {
        id: "R-COM-4",
        severity: Severity::Error,
        title: (
            "expert committee: members, and proposals until adopted",
            "کمیته کارشناسی: اعضا، و پیشنهاد تا پیش از تصویب",
        ),
        doc: (
            "The expert committee sits under a provincial committee (`parent`); its current members sit for member bodies of that provincial committee: a body with a seat on it, now or in its history, or of a category whose seat is required (a seat vacant today, R-COM-2, does not make the body's expert a stranger), or the industrial-estates company, which holds its secretariat. Its decisions are proposals: they bind only once a decision of the provincial committee `adopts` them. So it is an error when: a cluster stage's evidence, a plan's approval or budget revision, or an agenda item's `decision:` (follow-up) cites an expert-committee decision not adopted by a provincial decision taken on or before that date; an expert-committee decision carries a dispatch letter (it is not sent for execution) or is marked `done` while no provincial decision adopts it; `adopts:` names something that is not an expert-committee decision, or is written on a decision that is not the provincial committee's; an agenda item's `proposal:` is not an expert-committee decision.\n\nWhy: seed 000 (P-CL02, note 1): the expert committee's members are experts and representatives of the member bodies, and it sends its results to the committee \"for tabling and approval\" (جهت طرح و تصویب).\n\nExample: cluster `ESF-CL-GOLAB` records stage F3-1 with `evidence: {decision: ESF-EC-1403-02-D1}`, an expert decision no provincial decision adopts: `R-COM-4` at `/stages/1/evidence/decision`.",
            "کمیته کارشناسی زیر یک کمیته استانی است (parent) و اعضای جاری آن باید نماینده نهادهای عضو همان کمیته استانی باشند: نهادی که اکنون یا در گذشته در آن کرسی داشته، یا از دسته‌ای که کرسی‌اش الزامی است (کرسی خالیِ امروز، R-COM-2، کارشناس آن نهاد را بیگانه نمی‌کند)، یا شرکت شهرک‌های صنعتی که دبیرخانه را دارد. مصوبات آن پیشنهادند و تنها وقتی لازم‌الاجرا می‌شوند که مصوبه‌ای از کمیته استانی آن‌ها را بپذیرد (adopts). پس این‌ها خطاست: مستند یک مرحله خوشه، تصویب یا اصلاح بودجه برنامه عمل، یا بند پیگیری (decision) در دستور جلسه به مصوبه کمیته کارشناسی‌ای استناد کند که تا آن تاریخ هیچ مصوبه‌ای از کمیته استانی آن را نپذیرفته است؛ مصوبه کمیته کارشناسی نامه ابلاغ داشته باشد (برای اجرا فرستاده نمی‌شود) یا انجام‌شده ثبت شود در حالی که هیچ مصوبه‌ای از کمیته استانی آن را نپذیرفته است؛ adopts به چیزی جز مصوبه کمیته کارشناسی اشاره کند یا در مصوبه‌ای جز مصوبات کمیته استانی آمده باشد؛ بند proposal در دستور جلسه مصوبه کمیته کارشناسی نباشد.\n\nچرا: سند ۰۰۰ (P-CL02، تبصره ۱): اعضای کمیته کارشناسی کارشناسان و نمایندگان نهادهای عضو کمیته استانی‌اند و نتایج آن «جهت طرح و تصویب» به کمیته فرستاده می‌شود.\n\nنمونه: خوشه ESF-CL-GOLAB مرحله F3-1 را با مستند مصوبه کارشناسی ESF-EC-1403-02-D1 ثبت کرده که هیچ مصوبه‌ای از کمیته استانی آن را نپذیرفته است: R-COM-4 در ‎/stages/1/evidence/decision‎.",
        ),
    },
    RuleDoc {
        id: "R-SC-1",
        severity: Severity::Error,
        title: ("steering council composition", "ترکیب شورای راهبری خوشه"),
        doc: (
            "Every cluster that has reached implementation (F13) has a steering council: a committee of `kind: steering` naming it (`cluster`). A steering council names its cluster and, on the as-of date, has exactly three current members with role `cluster-actor`, exactly one `chair` sitting for the broker organisation (the config's `broker`, or else a body of category `industrial-estates`), and exactly one `secretary` who is the cluster's current CDA (the person of the cluster's `cda` appointment current on that date), and exactly one `ta` seat, held by the cluster's current TA where it has one.\n\nWhy: seed 001 (steering council) and P-CL03: a council is formed for each cluster as its development project is put into action; the head of the broker organisation chairs, the cluster development agent is secretary, and three cluster actors represent all actors.\n\nExample: a council with four cluster actors gives `R-SC-1` at the fourth one's `/memberships/7/role`.",
            "هر خوشه‌ای که به مرحله اجرا (F13) رسیده باید شورای راهبری داشته باشد: کمیته‌ای از نوع steering که آن خوشه را نام ببرد (cluster). شورای راهبری باید خوشه خود را نام ببرد و در تاریخ ارزیابی دقیقاً سه عضو جاری با نقش «فعال خوشه»، دقیقاً یک «رئیس» از سازمان کارگزار (broker در پیکربندی، وگرنه نهادی از دسته شرکت شهرک‌های صنعتی) و دقیقاً یک «دبیر» داشته باشد که عامل توسعه جاری همان خوشه است (شخصِ انتصاب cda جاری خوشه در آن تاریخ)، و دقیقاً یک کرسی «مشاور-ناظر فنی» (ta) که اگر خوشه مشاور-ناظر جاری دارد، همان شخص آن را دارد.\n\nچرا: سند ۰۰۱ (شورای راهبری) و P-CL03: این شورا همزمان با به اجرا درآمدن پروژه توسعه هر خوشه تشکیل می‌شود؛ رئیس سازمان کارگزار رئیس شوراست، عامل توسعه خوشه دبیر آن، و سه نفر از فعالان خوشه به نمایندگی از همه فعالان عضو آن‌اند.\n\nنمونه: شورایی با چهار فعال خوشه به R-SC-1 در نقش چهارمی، ‎/memberships/7/role‎، می‌انجامد.",
        ),
    },
];

pub fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for (path, c) in ctx.committees() {
        match c.kind {
            CommitteeKind::Provincial => {
                chair_and_secretary(ctx, path, c, out);
                required_bodies(ctx, path, c, out);
            }
            CommitteeKind::Expert => expert_members(ctx, path, c, out),
            CommitteeKind::Steering => steering(ctx, path, c, out),
            _ => {}
        }
        membership_dates(ctx, path, c, out);
    }
    proposals(ctx, out);
    councils(ctx, out);
}

/// Every cluster under implementation has its own steering council (R-SC-1).
fn councils(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let steered: HashSet<&str> = ctx
        .committees()
        .filter(|(_, c)| c.kind == CommitteeKind::Steering)
        .filter_map(|(_, c)| c.cluster.as_deref())
        .collect();
    if ctx.any_unreadable(Kind::Committee) {
        return; // The council may be the committee that could not be read.
    }
    for (path, cl) in ctx.clusters() {
        let Some(since) = cl.stages.iter().position(|s| s.stage.in_implementation()) else {
            continue;
        };
        if ctx.as_of < cl.stages[since].date || steered.contains(cl.id.as_str()) {
            continue;
        }
        let (id, date) = (&cl.id, cl.stages[since].date);
        out.push(ctx.finding(rule!("R-SC-1"), path, &format!("/stages/{since}/stage"), id, tr!(
            "`{id}` is under implementation since {date} but has no steering council (a committee of kind `steering` naming it)",
            "خوشه «{id}» از {date} در مرحله اجراست ولی شورای راهبری ندارد (کمیته‌ای از نوع steering که این خوشه را نام ببرد)"
        )));
    }
}

/// Whether a committee is national by its place in the regulations (R-DIS-1), whatever
/// its record's `kind` says of its type: the national policy council, or a working group
/// whose secretariat is TPO (seed 002: the national working group is TPO's; a province's
/// is its export-development working group). The secretariat is the committee's
/// `secretariat`, or else the body of its latest secretary seat.
/// `None` when it cannot be told: the secretariat's body could not be read.
pub(crate) fn is_national(ctx: &Context<'_>, c: &Committee) -> Option<bool> {
    match c.kind {
        CommitteeKind::National => Some(true),
        CommitteeKind::WorkingGroup => {
            let secretariat = c.secretariat.as_deref().or_else(|| {
                c.memberships
                    .iter()
                    .filter(|m| m.role == Role::Secretary)
                    .max_by_key(|m| m.start)
                    .map(|m| m.body.as_str())
            });
            if secretariat.is_some_and(|b| ctx.is_unreadable(b)) {
                return None;
            }
            Some(secretariat.is_some_and(|b| category(ctx, b) == Some(BodyCategory::Tpo)))
        }
        _ => Some(false),
    }
}

/// The category of a body, if the body exists.
pub(crate) fn category(ctx: &Context<'_>, body: &str) -> Option<BodyCategory> {
    ctx.body(body).map(|(_, b)| b.category)
}

/// A category's name in English and Persian, for messages.
pub(crate) fn category_name(c: BodyCategory) -> (&'static str, &'static str) {
    let en = match c {
        BodyCategory::Governorate => "the governorate (deputy for planning)",
        BodyCategory::IndustrialEstates => "the provincial industrial-estates company",
        BodyCategory::IndustryMineTrade => "the industry, mine and trade organisation",
        BodyCategory::CooperativesLabour => {
            "the cooperatives, labour and social welfare organisation"
        }
        BodyCategory::EconomyFinance => "the economic affairs and finance organisation",
        BodyCategory::AgricultureJihad => "the agriculture jihad organisation",
        BodyCategory::HeritageTourism => "the cultural heritage and tourism organisation",
        BodyCategory::Chamber => "the chamber of commerce, industries and mines",
        BodyCategory::BankIndustryMine => "the Bank of Industry and Mine",
        BodyCategory::Bank => "a bank",
        BodyCategory::GuildAssembly => "the guild assemblies",
        BodyCategory::Isipo => "ISIPO",
        BodyCategory::Tpo => "TPO",
        BodyCategory::SupportInstitution => "a support institution",
        BodyCategory::Cda => "a cluster development agent firm",
        BodyCategory::Ta => "a technical advisor-supervisor firm",
        BodyCategory::ClusterFirm => "a cluster firm",
        BodyCategory::Other => "another body",
    };
    (en, c.name_fa())
}

/// The current holders of `role` on `date`: (index in `memberships`, membership).
pub(crate) fn holders(c: &Committee, role: Role, date: JDate) -> Vec<usize> {
    c.memberships
        .iter()
        .enumerate()
        .filter(|(_, m)| m.role == role && m.current_on(date))
        .map(|(i, _)| i)
        .collect()
}

/// The person holding the single `role` seat on `date`, if exactly one does.
pub(crate) fn seat_holder(c: &Committee, role: Role, date: JDate) -> Option<&str> {
    match holders(c, role, date).as_slice() {
        [i] => Some(c.memberships[*i].person.as_str()),
        _ => None,
    }
}

/// The pointer of a committee's membership list (or the kind, when it has none).
fn memberships_pointer(c: &Committee) -> &'static str {
    if c.memberships.is_empty() {
        "/kind"
    } else {
        "/memberships"
    }
}

/// One holder of a single seat, of the expected body category (R-COM-1).
fn single_seat(
    ctx: &Context<'_>,
    path: &str,
    c: &Committee,
    role: Role,
    want: &[BodyCategory],
    rule: Rule,
    out: &mut Vec<Finding>,
) {
    let date = ctx.as_of;
    let id = &c.id;
    let (r_en, r_fa) = role.names();
    let h = holders(c, role, date);
    if h.is_empty() {
        out.push(ctx.finding(
            rule,
            path,
            memberships_pointer(c),
            id,
            tr!(
                "`{id}` has no {r_en} on {date}",
                "کمیته «{id}» در تاریخ {date} {r_fa} ندارد"
            ),
        ));
        return;
    }
    for &i in &h[1..] {
        let first = &c.memberships[h[0]].person;
        out.push(ctx.finding(
            rule,
            path,
            &format!("/memberships/{i}/role"),
            id,
            tr!(
                "`{id}` has a second {r_en} on {date}; `{first}` already holds the seat",
                "کمیته «{id}» در تاریخ {date} {r_fa} دوم دارد؛ «{first}» هم‌اکنون این جایگاه را دارد"
            ),
        ));
    }
    for &i in &h {
        let m = &c.memberships[i];
        let cat = category(ctx, &m.body);
        if cat.is_some_and(|cat| !want.contains(&cat)) {
            let body = &m.body;
            let (w_en, w_fa) = category_name(want[0]);
            out.push(ctx.finding(
                rule,
                path,
                &format!("/memberships/{i}/body"),
                id,
                tr!(
                    "the {r_en} of `{id}` sits for `{body}`, but the seat belongs to {w_en}",
                    "{r_fa} کمیته «{id}» از سوی «{body}» نشسته است، ولی این جایگاه از آنِ {w_fa} است"
                ),
            ));
        }
    }
}

fn chair_and_secretary(ctx: &Context<'_>, path: &str, c: &Committee, out: &mut Vec<Finding>) {
    single_seat(
        ctx,
        path,
        c,
        Role::Chair,
        &[BodyCategory::Governorate],
        rule!("R-COM-1"),
        out,
    );
    single_seat(
        ctx,
        path,
        c,
        Role::Secretary,
        &[BodyCategory::IndustrialEstates],
        rule!("R-COM-1"),
        out,
    );
}

fn required_bodies(ctx: &Context<'_>, path: &str, c: &Committee, out: &mut Vec<Finding>) {
    let date = ctx.as_of;
    let present: HashSet<BodyCategory> = c
        .members_on(date)
        .filter_map(|m| category(ctx, &m.body))
        .collect();
    if c.members_on(date).any(|m| ctx.is_unreadable(&m.body)) {
        return; // A member's body could not be read, so its category is not known.
    }
    let id = &c.id;
    for want in BodyCategory::REQUIRED_PROVINCIAL {
        if !present.contains(&want) {
            let (en, fa) = category_name(want);
            out.push(ctx.finding(
                rule!("R-COM-2"),
                path,
                memberships_pointer(c),
                id,
                tr!(
                    "`{id}` has no current member for {en} on {date}: the seat is vacant",
                    "کمیته «{id}» در تاریخ {date} عضو جاری از {fa} ندارد و این جایگاه خالی است"
                ),
            ));
        }
    }
}

fn membership_dates(ctx: &Context<'_>, path: &str, c: &Committee, out: &mut Vec<Finding>) {
    let id = &c.id;
    for (i, m) in c.memberships.iter().enumerate() {
        let person = &m.person;
        if c.kind == CommitteeKind::Provincial && m.decree.is_none() {
            out.push(ctx.finding(rule!("R-COM-3"), path, &format!("/memberships/{i}"), id, tr!(
                "the membership of `{person}` in `{id}` records no appointment decree (number and date)",
                "عضویت «{person}» در کمیته «{id}» حکم انتصاب (شماره و تاریخ) ندارد"
            )));
        }
        if let Some(decree) = &m.decree
            && decree.date > m.start
        {
            let (dd, start) = (decree.date, m.start);
            out.push(ctx.finding(
                rule!("R-COM-3"),
                path,
                &format!("/memberships/{i}/decree/date"),
                id,
                tr!(
                    "the decree of `{person}` in `{id}` is dated {dd}, after the seat began on {start}: a seat starts on its decree, not before it",
                    "حکم «{person}» در کمیته «{id}» تاریخ {dd} دارد که پس از آغاز عضویت ({start}) است: عضویت با حکم آغاز می‌شود، نه پیش از آن"
                ),
            ));
        }
        if let Some(end) = m.end {
            let start = m.start;
            if end <= start {
                out.push(ctx.finding(
                    rule!("R-COM-3"),
                    path,
                    &format!("/memberships/{i}/end"),
                    id,
                    tr!(
                        "the membership of `{person}` ends on {end}, not after its start {start}",
                        "عضویت «{person}» در {end} پایان می‌یابد که پس از آغاز آن ({start}) نیست"
                    ),
                ));
            }
            if m.end_reason.is_none() {
                out.push(ctx.finding(rule!("R-COM-3"), path, &format!("/memberships/{i}/end"), id, tr!(
                    "the membership of `{person}` ended on {end} without an `end_reason`",
                    "عضویت «{person}» در {end} پایان یافته ولی علت پایان (end_reason) ثبت نشده است"
                )));
            }
        } else if m.end_reason.is_some() {
            out.push(ctx.finding(
                rule!("R-COM-3"),
                path,
                &format!("/memberships/{i}/end_reason"),
                id,
                tr!(
                    "the membership of `{person}` has an `end_reason` but no `end` date",
                    "عضویت «{person}» علت پایان دارد ولی تاریخ پایان (end) ندارد"
                ),
            ));
        }
    }
}

fn expert_members(ctx: &Context<'_>, path: &str, c: &Committee, out: &mut Vec<Finding>) {
    let id = &c.id;
    let parent = c
        .parent
        .as_deref()
        .and_then(|p| ctx.committee(p))
        .map(|(_, p)| p);
    if c.parent.as_deref().is_some_and(|p| ctx.is_unreadable(p)) {
        return; // The parent's own file has the error.
    }
    let Some(parent) = parent.filter(|p| p.kind == CommitteeKind::Provincial) else {
        let pointer = if c.parent.is_some() {
            "/parent"
        } else {
            "/kind"
        };
        out.push(ctx.finding(
            rule!("R-COM-4"),
            path,
            pointer,
            id,
            tr!(
                "the expert committee `{id}` does not sit under a provincial committee (`parent`)",
                "کمیته کارشناسی «{id}» زیر یک کمیته استانی (parent) نیست"
            ),
        ));
        return;
    };
    let date = ctx.as_of;
    // A member body is one with a seat on the parent, now or in its history, or of a
    // category whose seat the regulations require: a seat that is vacant today (R-COM-2,
    // a warning) does not make that body's expert a stranger.
    let member_bodies: HashSet<&str> = parent.memberships.iter().map(|m| m.body.as_str()).collect();
    let pid = &parent.id;
    for (i, m) in c.memberships.iter().enumerate() {
        if !m.current_on(date) || member_bodies.contains(m.body.as_str()) {
            continue;
        }
        if ctx.is_unreadable(&m.body) {
            continue;
        }
        if category(ctx, &m.body).is_some_and(|cat| {
            cat == BodyCategory::IndustrialEstates
                || BodyCategory::REQUIRED_PROVINCIAL.contains(&cat)
        }) {
            continue;
        }
        let (person, body) = (&m.person, &m.body);
        out.push(ctx.finding(rule!("R-COM-4"), path, &format!("/memberships/{i}/body"), id, tr!(
            "`{person}` sits on the expert committee for `{body}`, which is not a member body of `{pid}`",
            "«{person}» از سوی «{body}» در کمیته کارشناسی نشسته است، ولی این نهاد عضو کمیته «{pid}» نیست"
        )));
    }
}

fn steering(ctx: &Context<'_>, path: &str, c: &Committee, out: &mut Vec<Finding>) {
    let id = &c.id;
    let date = ctx.as_of;
    let actors = holders(c, Role::ClusterActor, date);
    if actors.len() != 3 {
        let n = actors.len();
        let pointer = match actors.get(3) {
            Some(i) => format!("/memberships/{i}/role"),
            None => memberships_pointer(c).to_string(),
        };
        out.push(ctx.finding(rule!("R-SC-1"), path, &pointer, id, tr!(
            "the steering council `{id}` has {n} cluster actors on {date}; it must have exactly three",
            "شورای راهبری «{id}» در تاریخ {date} {n} فعال خوشه دارد؛ باید دقیقاً سه نفر باشند"
        )));
    }
    let broker = ctx.config.broker.as_deref();
    let is_broker = |body: &str| match broker {
        Some(b) => b == body,
        None => category(ctx, body) == Some(BodyCategory::IndustrialEstates),
    };
    if let Some(i) = steering_seat(ctx, path, c, Role::Chair, ("chair", "رئیس"), date, out) {
        let body = &c.memberships[i].body;
        if !is_broker(body) {
            out.push(ctx.finding(
                rule!("R-SC-1"),
                path,
                &format!("/memberships/{i}/body"),
                id,
                tr!(
                    "the chair of `{id}` sits for `{body}`, not for the broker organisation",
                    "رئیس شورای «{id}» از سوی «{body}» است، نه سازمان کارگزار"
                ),
            ));
        }
    }
    let ta_seat = steering_seat(
        ctx,
        path,
        c,
        Role::Ta,
        ("technical advisor-supervisor (TA)", "مشاور-ناظر فنی"),
        date,
        out,
    );
    let Some(cluster_id) = c.cluster.as_deref() else {
        out.push(ctx.finding(
            rule!("R-SC-1"),
            path,
            "/kind",
            id,
            tr!(
                "the steering council `{id}` does not name its cluster (`cluster`)",
                "شورای راهبری «{id}» خوشه خود (cluster) را نام نبرده است"
            ),
        ));
        return;
    };
    if ctx.is_unreadable(cluster_id) {
        return; // Its CDA and TA are not known; the cluster's own file has the error.
    }
    let cluster = ctx.cluster(cluster_id).map(|(_, cl)| cl);
    let cda = cluster
        .and_then(|cl| cl.cda.iter().rev().find(|a| a.current_on(date)))
        .map(|a| a.person.as_str());
    let ta = cluster
        .and_then(|cl| cl.ta.iter().rev().find(|a| a.current_on(date)))
        .map(|a| a.person.as_str());
    if let Some(i) = ta_seat {
        let person = &c.memberships[i].person;
        if let Some(ta) = ta
            && ta != person
        {
            out.push(ctx.finding(rule!("R-SC-1"), path, &format!("/memberships/{i}/person"), id, tr!(
                "the TA seat of `{id}` is held by `{person}`, but the current TA of `{cluster_id}` is `{ta}`",
                "جایگاه مشاور-ناظر فنی شورای «{id}» را «{person}» دارد، ولی مشاور-ناظر فنی جاری خوشه «{cluster_id}» «{ta}» است"
            )));
        }
    }
    if let Some(i) = steering_seat(
        ctx,
        path,
        c,
        Role::Secretary,
        ("secretary", "دبیر"),
        date,
        out,
    ) {
        let person = &c.memberships[i].person;
        if cda != Some(person.as_str()) {
            let msg = match cda {
                Some(cda) => tr!(
                    "the secretary of `{id}` is `{person}`, but the current CDA of `{cluster_id}` is `{cda}`",
                    "دبیر شورای «{id}» «{person}» است، ولی عامل توسعه جاری خوشه «{cluster_id}» «{cda}» است"
                ),
                None => tr!(
                    "the secretary of `{id}` must be the CDA of `{cluster_id}`, which has no current CDA on {date}",
                    "دبیر شورای «{id}» باید عامل توسعه خوشه «{cluster_id}» باشد، ولی این خوشه در تاریخ {date} عامل توسعه جاری ندارد"
                ),
            };
            out.push(ctx.finding(
                rule!("R-SC-1"),
                path,
                &format!("/memberships/{i}/person"),
                id,
                msg,
            ));
        }
    }
}

/// The one holder of a steering-council seat on `date` (R-SC-1): a missing seat and
/// every second holder are reported; the first holder's membership index is returned.
fn steering_seat(
    ctx: &Context<'_>,
    path: &str,
    c: &Committee,
    role: Role,
    (en, fa): (&str, &str),
    date: JDate,
    out: &mut Vec<Finding>,
) -> Option<usize> {
    let id = &c.id;
    let held = holders(c, role, date);
    let Some((&first, rest)) = held.split_first() else {
        out.push(ctx.finding(
            rule!("R-SC-1"),
            path,
            memberships_pointer(c),
            id,
            tr!(
                "the steering council `{id}` has no {en} on {date}",
                "شورای راهبری «{id}» در تاریخ {date} {fa} ندارد"
            ),
        ));
        return None;
    };
    for j in rest {
        out.push(ctx.finding(
            rule!("R-SC-1"),
            path,
            &format!("/memberships/{j}/role"),
            id,
            tr!(
                "the steering council `{id}` has a second {en} on {date}",
                "شورای راهبری «{id}» در تاریخ {date} {fa} دوم دارد"
            ),
        ));
    }
    Some(first)
}

/// Expert-committee decisions and their adoption (R-COM-4).
pub(crate) struct Proposals {
    /// Expert decision id -> the earliest date a provincial decision adopting it was taken.
    adopted: HashMap<String, Option<JDate>>,
    /// Decisions whose committee is not known because its meeting's or committee's file
    /// could not be read: neither proposals nor not, so nothing is concluded of them.
    unknown: HashSet<String>,
    /// Some decision or meeting could not be read, so an adoption may be unseen.
    incomplete: bool,
}

impl Proposals {
    pub(crate) fn new(ctx: &Context<'_>) -> Proposals {
        let mut adopted: HashMap<String, Option<JDate>> = HashMap::new();
        let mut unknown = HashSet::new();
        for (_, d) in ctx.decisions() {
            if committee_kind_of(ctx, d) == Some(CommitteeKind::Expert) {
                adopted.entry(d.id.clone()).or_insert(None);
            } else if kind_unreadable(ctx, d) {
                unknown.insert(d.id.clone());
            }
        }
        for (_, d) in ctx.decisions() {
            let Some(target) = &d.adopts else { continue };
            // A decision of a committee that could not be read is taken at its word.
            if committee_kind_of(ctx, d) != Some(CommitteeKind::Provincial)
                && !kind_unreadable(ctx, d)
            {
                continue;
            }
            let Some(date) = ctx.meeting(&d.meeting).map(|(_, m)| m.date) else {
                continue;
            };
            if let Some(slot) = adopted.get_mut(target) {
                *slot = Some(slot.map_or(date, |s| s.min(date)));
            }
        }
        let incomplete = ctx.any_unreadable(Kind::Decision) || ctx.any_unreadable(Kind::Meeting);
        Proposals {
            adopted,
            unknown,
            incomplete,
        }
    }

    /// Whether nothing can be said of `decision`, its committee's file being unreadable.
    pub(crate) fn is_unknown(&self, decision: &str) -> bool {
        self.unknown.contains(decision)
    }

    pub(crate) fn is_proposal(&self, decision: &str) -> bool {
        self.adopted.contains_key(decision)
    }

    /// Whether `decision` is an expert proposal that no provincial decision adopted on or
    /// before `date`.
    /// Never while a decision or meeting could not be read: its adoption may be there.
    pub(crate) fn unadopted_on(&self, decision: &str, date: JDate) -> bool {
        !self.incomplete
            && self
                .adopted
                .get(decision)
                .is_some_and(|a| a.is_none_or(|a| a > date))
    }
}

/// Whether a decision's committee is not known because the file of its meeting or of
/// that meeting's committee could not be read.
pub(crate) fn kind_unreadable(ctx: &Context<'_>, d: &Decision) -> bool {
    match ctx.meeting(&d.meeting) {
        None => ctx.is_unreadable(&d.meeting),
        Some((_, m)) => ctx.committee(&m.committee).is_none() && ctx.is_unreadable(&m.committee),
    }
}

/// The kind of committee whose meeting took a decision.
pub(crate) fn committee_kind_of(ctx: &Context<'_>, d: &Decision) -> Option<CommitteeKind> {
    let (_, m) = ctx.meeting(&d.meeting)?;
    ctx.committee(&m.committee).map(|(_, c)| c.kind)
}

fn proposals(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let p = Proposals::new(ctx);
    let unadopted = |cited: &str,
                     date: JDate,
                     path: &str,
                     pointer: String,
                     record: &str,
                     what: (&str, &str),
                     out: &mut Vec<Finding>| {
        if p.unadopted_on(cited, date) {
            let (w_en, w_fa) = what;
            out.push(ctx.finding(rule!("R-COM-4"), path, &pointer, record, tr!(
                "{w_en} cites `{cited}`, an expert-committee proposal no provincial decision had adopted by {date}",
                "{w_fa} به «{cited}» استناد می‌کند که پیشنهاد کمیته کارشناسی است و تا {date} هیچ مصوبه‌ای از کمیته استانی آن را نپذیرفته است"
            )).help(tr!(
                "cite the provincial decision that adopts it (`adopts: {cited}`), or table it for adoption",
                "به مصوبه استانی‌ای که آن را می‌پذیرد (adopts: {cited}) استناد کنید یا آن را برای تصویب در دستور جلسه بگذارید"
            )));
        }
    };
    for (path, cl) in ctx.clusters() {
        for (i, s) in cl.stages.iter().enumerate() {
            if let Some(d) = &s.evidence.decision {
                let stage = s.stage.code();
                unadopted(
                    d,
                    s.date,
                    path,
                    format!("/stages/{i}/evidence/decision"),
                    &cl.id,
                    (
                        &format!("the evidence of stage {stage}"),
                        &format!("مستند مرحله {stage}"),
                    ),
                    out,
                );
            }
        }
    }
    for (path, plan) in ctx.plans() {
        if let Some(d) = &plan.approved_by {
            unadopted(
                d,
                ctx.as_of,
                path,
                "/approved_by".into(),
                &plan.id,
                ("the plan's approval", "تصویب برنامه عمل"),
                out,
            );
        }
        for (i, r) in plan.revisions.iter().enumerate() {
            unadopted(
                &r.decision,
                r.date,
                path,
                format!("/revisions/{i}/decision"),
                &plan.id,
                ("the budget revision", "اصلاح بودجه"),
                out,
            );
        }
    }
    for (path, m) in ctx.meetings() {
        let Some(agenda) = &m.agenda else { continue };
        for (i, item) in agenda.items.iter().enumerate() {
            if let Some(d) = &item.decision {
                unadopted(
                    d,
                    m.date,
                    path,
                    format!("/agenda/items/{i}/decision"),
                    &m.id,
                    ("a follow-up item of the agenda", "بند پیگیری دستور جلسه"),
                    out,
                );
            }
            if let Some(d) = &item.proposal
                && ctx.decision(d).is_some()
                && !p.is_proposal(d)
                && !p.is_unknown(d)
            {
                out.push(ctx.finding(
                    rule!("R-COM-4"),
                    path,
                    &format!("/agenda/items/{i}/proposal"),
                    &m.id,
                    tr!(
                        "`{d}` is tabled as a proposal but is not an expert-committee decision",
                        "«{d}» به عنوان پیشنهاد در دستور آمده ولی مصوبه کمیته کارشناسی نیست"
                    ),
                ));
            }
        }
    }
    proposals_in_decisions(ctx, &p, out);
}

/// A proposal is not done nor dispatched before a provincial decision adopts it, and
/// only a provincial decision adopts, and only a proposal.
fn proposals_in_decisions(ctx: &Context<'_>, p: &Proposals, out: &mut Vec<Finding>) {
    for (path, d) in ctx.decisions() {
        let id = &d.id;
        if p.is_proposal(id) && d.status == DecisionStatus::Done && p.unadopted_on(id, ctx.as_of) {
            out.push(ctx.finding(rule!("R-COM-4"), path, "/status", id, tr!(
                "`{id}` is an expert-committee proposal marked done, but no provincial decision adopts it: a proposal is carried out only once adopted",
                "«{id}» پیشنهاد کمیته کارشناسی است و انجام‌شده ثبت شده، ولی هیچ مصوبه‌ای از کمیته استانی آن را نپذیرفته است: پیشنهاد تنها پس از تصویب اجرا می‌شود"
            )).help(tr!(
                "table it for adoption by the provincial committee (a decision with `adopts: {id}`)",
                "آن را برای تصویب در دستور جلسه کمیته استانی بگذارید (مصوبه‌ای با adopts: {id})"
            )));
        }
        if p.is_proposal(id) && d.dispatch.is_some() {
            out.push(ctx.finding(rule!("R-COM-4"), path, "/dispatch", id, tr!(
                "`{id}` is an expert-committee proposal and is not sent for execution until a provincial decision adopts it",
                "«{id}» پیشنهاد کمیته کارشناسی است و تا مصوبه استانی آن را نپذیرد برای اجرا ابلاغ نمی‌شود"
            )));
        }
        if let Some(target) = &d.adopts {
            if ctx.decision(target).is_none() {
                continue; // R-REF-1 reports it.
            }
            if p.is_unknown(target) {
                continue;
            }
            if !p.is_proposal(target) {
                out.push(ctx.finding(
                    rule!("R-COM-4"),
                    path,
                    "/adopts",
                    id,
                    tr!(
                        "`{id}` adopts `{target}`, which is not an expert-committee decision",
                        "«{id}» مصوبه «{target}» را می‌پذیرد که مصوبه کمیته کارشناسی نیست"
                    ),
                ));
            } else if committee_kind_of(ctx, d).is_some_and(|k| k != CommitteeKind::Provincial) {
                out.push(ctx.finding(rule!("R-COM-4"), path, "/adopts", id, tr!(
                    "only a provincial committee decision can adopt a proposal; `{id}` is not one",
                    "تنها مصوبه کمیته استانی می‌تواند پیشنهادی را بپذیرد و «{id}» مصوبه کمیته استانی نیست"
                )));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Config, Kind, Record};

    fn record(kind: Kind, yaml: &str) -> (String, Record) {
        let value = crate::yaml::parse(yaml.as_bytes()).unwrap().value;
        let r = Record::deserialize_kind(kind, &value).unwrap();
        (kind.path_of(r.id()).unwrap(), r)
    }

    fn date(s: &str) -> JDate {
        JDate::parse(s).unwrap()
    }

    #[test]
    fn a_proposal_binds_from_the_date_a_provincial_decision_adopts_it() {
        let records = vec![
            record(
                Kind::Committee,
                "id: ESF-PC\nkind: provincial\nname: ک\nquorum: majority\n",
            ),
            record(
                Kind::Committee,
                "id: ESF-EC\nkind: expert\nname: ک\nparent: ESF-PC\nquorum: majority\n",
            ),
            record(
                Kind::Meeting,
                "id: ESF-EC-1403-01\ncommittee: ESF-EC\ndate: '1403-02-01'\nstate: held\n",
            ),
            record(
                Kind::Meeting,
                "id: ESF-PC-1403-01\ncommittee: ESF-PC\ndate: '1403-03-01'\nstate: held\n",
            ),
            record(
                Kind::Decision,
                "id: ESF-EC-1403-01-D1\nmeeting: ESF-EC-1403-01\ntext: پیشنهاد\nresponsible: [ESF-B-SMT]\nstatus: open\n",
            ),
            record(
                Kind::Decision,
                "id: ESF-EC-1403-01-D2\nmeeting: ESF-EC-1403-01\ntext: پیشنهاد\nresponsible: [ESF-B-SMT]\nstatus: open\n",
            ),
            record(
                Kind::Decision,
                "id: ESF-PC-1403-01-D1\nmeeting: ESF-PC-1403-01\ntext: تصویب\nresponsible: [ESF-B-SMT]\nadopts: ESF-EC-1403-01-D1\nstatus: open\n",
            ),
        ];
        let config = Config::new("ESF", "اصفهان");
        let ctx = Context::new(&config, date("1404-01-01"), &records);
        let p = Proposals::new(&ctx);
        assert!(p.is_proposal("ESF-EC-1403-01-D1") && !p.is_proposal("ESF-PC-1403-01-D1"));
        assert!(
            p.unadopted_on("ESF-EC-1403-01-D1", date("1403-02-20")),
            "before the adopting meeting"
        );
        assert!(!p.unadopted_on("ESF-EC-1403-01-D1", date("1403-03-01")));
        assert!(
            p.unadopted_on("ESF-EC-1403-01-D2", date("1404-01-01")),
            "never adopted"
        );
        assert!(
            !p.unadopted_on("ESF-PC-1403-01-D1", date("1403-01-01")),
            "a provincial decision binds"
        );
    }
}

#[cfg(test)]
mod auditor_tests {
    use crate::model::Kind;
    use crate::rules::money::tests::findings_of;

    fn pointers(recs: &[(Kind, &str, &str)]) -> Vec<(&'static str, String)> {
        let mut got: Vec<_> = findings_of(super::run, recs, "1404-09-15")
            .into_iter()
            .map(|(r, p, _)| (r, p))
            .collect();
        got.sort();
        got
    }

    #[test]
    fn a_decree_dated_after_the_seat_began() {
        let c = "id: ESF-WG\nkind: working-group\nname: ک\nquorum: majority\nmemberships:\n  - {person: ESF-P-1, body: ESF-B-1, role: chair, start: 1403-01-10, decree: {number: '1', date: 1403-01-05}}\n  - {person: ESF-P-2, body: ESF-B-1, role: member, start: 1403-01-10, decree: {number: '2', date: 1403-02-01}}\n";
        assert_eq!(
            pointers(&[(Kind::Committee, "committees/ESF-WG.yaml", c)]),
            [("R-COM-3", "/memberships/1/decree/date".to_string())]
        );
    }

    const CLUSTER: &str = "id: ESF-CL-1\nname: خوشه\nproduct: گلاب\ncounty: کاشان\ncda:\n  - {person: ESF-P-CDA, appointed_by: ESF-P-1, letter: {number: '1', date: 1403-01-01}, start: 1403-01-01}\nta:\n  - {person: ESF-P-TA, appointed_by: ESF-P-1, letter: {number: '2', date: 1403-01-01}, start: 1403-01-01}\n";
    const COUNCIL: &str = "id: ESF-SC-1\nkind: steering\ncluster: ESF-CL-1\nname: ش\nquorum: majority\nmemberships:\n  - {person: ESF-P-1, body: ESF-B-SHAHRAK, role: chair, start: 1403-01-01}\n  - {person: ESF-P-CDA, body: ESF-B-CDA, role: secretary, start: 1403-01-01}\n  - {person: ESF-P-A1, body: ESF-B-A1, role: cluster-actor, start: 1403-01-01}\n  - {person: ESF-P-A2, body: ESF-B-A2, role: cluster-actor, start: 1403-01-01}\n  - {person: ESF-P-A3, body: ESF-B-A3, role: cluster-actor, start: 1403-01-01}\n";
    const SHAHRAK: &str = "id: ESF-B-SHAHRAK\nname: شرکت\ncategory: industrial-estates\n";

    #[test]
    fn a_steering_council_without_its_ta() {
        let base = [
            (Kind::Body, "bodies/ESF-B-SHAHRAK.yaml", SHAHRAK),
            (Kind::Cluster, "clusters/ESF-CL-1.yaml", CLUSTER),
        ];
        let mut recs = base.to_vec();
        recs.push((Kind::Committee, "committees/ESF-SC-1.yaml", COUNCIL));
        assert_eq!(pointers(&recs), [("R-SC-1", "/memberships".to_string())]);
        let with_ta = format!(
            "{COUNCIL}  - {{person: ESF-P-TA, body: ESF-B-TA, role: ta, start: 1403-01-01}}\n"
        );
        let mut recs = base.to_vec();
        recs.push((Kind::Committee, "committees/ESF-SC-1.yaml", &with_ta));
        assert_eq!(pointers(&recs), []);
        let other_ta = with_ta.replace("ESF-P-TA, body", "ESF-P-X, body");
        let mut recs = base.to_vec();
        recs.push((Kind::Committee, "committees/ESF-SC-1.yaml", &other_ta));
        assert_eq!(
            pointers(&recs),
            [("R-SC-1", "/memberships/5/person".to_string())]
        );
    }

    const PC: &str = "id: ESF-PC\nkind: provincial\nname: ک\nquorum: majority\nmemberships:\n  - {person: ESF-P-1, body: ESF-B-JAHAD, role: member, start: 1403-01-01, end: 1404-03-01, end_reason: left-post, decree: {number: '1', date: 1403-01-01}}\n";
    const EC: &str = "id: ESF-EC\nkind: expert\nparent: ESF-PC\nname: ک\nquorum: majority\nmemberships:\n  - {person: ESF-P-2, body: ESF-B-JAHAD, role: expert, start: 1403-01-01}\n  - {person: ESF-P-3, body: ESF-B-MIRAS, role: expert, start: 1403-01-01}\n  - {person: ESF-P-4, body: ESF-B-FIRM, role: expert, start: 1403-01-01}\n";

    #[test]
    fn a_vacant_seat_does_not_make_the_bodys_expert_a_stranger() {
        // Jahad's seat on the provincial committee is vacant since 1404-03-01 (R-COM-2),
        // Miras's body never held one but its seat is required; only the firm is a stranger.
        let recs = [
            (
                Kind::Body,
                "bodies/ESF-B-JAHAD.yaml",
                "id: ESF-B-JAHAD\nname: جهاد\ncategory: agriculture-jihad\n",
            ),
            (
                Kind::Body,
                "bodies/ESF-B-MIRAS.yaml",
                "id: ESF-B-MIRAS\nname: میراث\ncategory: heritage-tourism\n",
            ),
            (
                Kind::Body,
                "bodies/ESF-B-FIRM.yaml",
                "id: ESF-B-FIRM\nname: بنگاه\ncategory: cluster-firm\n",
            ),
            (Kind::Committee, "committees/ESF-PC.yaml", PC),
            (Kind::Committee, "committees/ESF-EC.yaml", EC),
        ];
        let got: Vec<_> = pointers(&recs)
            .into_iter()
            .filter(|(r, _)| *r == "R-COM-4")
            .collect();
        assert_eq!(got, [("R-COM-4", "/memberships/2/body".to_string())]);
    }

    #[test]
    fn a_proposal_marked_done_without_adoption() {
        let meeting = "id: ESF-EC-1403-01\ncommittee: ESF-EC\ndate: 1403-02-01\nstate: held\n";
        let proposal = |status: &str| {
            format!(
                "id: ESF-EC-1403-01-D1\nmeeting: ESF-EC-1403-01\ntext: پیشنهاد\nresponsible: [ESF-B-JAHAD]\nstatus: {status}\n"
            )
        };
        let (done, open) = (proposal("done"), proposal("open"));
        let run = |d: &str| {
            let recs = [
                (Kind::Committee, "committees/ESF-PC.yaml", PC),
                (
                    Kind::Committee,
                    "committees/ESF-EC.yaml",
                    "id: ESF-EC\nkind: expert\nparent: ESF-PC\nname: ک\nquorum: majority\n",
                ),
                (Kind::Meeting, "meetings/1403/ESF-EC-1403-01.yaml", meeting),
                (Kind::Decision, "decisions/1403/ESF-EC-1403-01-D1.yaml", d),
            ];
            pointers(&recs)
                .into_iter()
                .filter(|(r, _)| *r == "R-COM-4")
                .collect::<Vec<_>>()
        };
        assert_eq!(run(&done), [("R-COM-4", "/status".to_string())]);
        assert_eq!(run(&open), []);
    }
}
