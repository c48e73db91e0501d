//! Disputes between cluster actors: R-DIS-1 (seed 002).

use super::{Context, RuleDoc};
use crate::diag::{Finding, Severity, Text};
use crate::model::dispute::{Dispute, DisputeStatus, Outcome};
use crate::{rule, tr};

pub static RULES: &[RuleDoc] = &[RuleDoc {
    id: "R-DIS-1",
    severity: Severity::Error,
    title: (
        "disputes go to the province first",
        "اختلاف نخست در کارگروه استانی",
    ),
    doc: (
        "What: a dispute with a national step has a provincial step whose outcome is `no-agreement`, decided before (or on) the day of the national referral; the provincial step goes to a provincial body and the national one to a national body, told by their place in the regulations and not by the record's `kind` (both working groups are `working-group`): national are the national policy council and the working group whose secretariat (`secretariat`, or its secretary's body) is TPO; a step is not referred before the dispute was raised nor decided before it was referred; the status agrees with the steps: `resolved` needs an outcome (an agreement in the province, or the national step's decision), and a dispute settled by a provincial agreement or decided nationally is not `open`.\n\
         Why: seed 002: a dispute between cluster actors is raised first in the provincial working group; only if no agreement is reached there does it go to the national (TPO) working group; it cannot skip the provincial step (docs/domain.md R-DIS-1).\n\
         Example: `national:` referred on 1404-03-01 while `provincial:` has no outcome, or was decided on 1404-03-10.",
        "چه: اختلافی که گام ملی دارد، گام استانی با نتیجه no-agreement دارد که پیش از ارجاع ملی (یا همان روز) تصمیمش گرفته شده؛ گام استانی نزد نهادی استانی و گام ملی نزد نهادی ملی است، که با جایگاهشان در مقررات شناخته می‌شوند نه با kind سابقه (هر دو کارگروه working-group هستند): ملی‌ها شورای ملی سیاستگذاری و کارگروهی‌اند که دبیرخانه‌اش (secretariat، یا نهاد دبیر آن) سازمان توسعه تجارت است؛ هیچ گامی پیش از طرح اختلاف ارجاع نشده و پیش از ارجاع تصمیم‌گیری نشده است؛ وضعیت با گام‌ها می‌خواند: resolved نیازمند نتیجه است (توافق در استان یا تصمیم گام ملی) و اختلافی که با توافق استانی یا تصمیم ملی حل شده open نیست.\n\
         چرا: سند ۰۰۲: اختلاف میان کنشگران خوشه نخست در کارگروه استانی طرح می‌شود و تنها اگر آنجا توافق نشود به کارگروه ملی (سازمان توسعه تجارت) می‌رود؛ گام استانی را نمی‌توان جا انداخت.\n\
         نمونه: گام ملی در ۱۴۰۴/۰۳/۰۱ ارجاع شده در حالی که گام استانی نتیجه ندارد یا در ۱۴۰۴/۰۳/۱۰ تصمیم گرفته است.",
    ),
}];

pub fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for (path, d) in ctx.disputes() {
        let id = &d.id;
        let mut push =
            |pointer: &str, msg| out.push(ctx.finding(rule!("R-DIS-1"), path, pointer, id, msg));
        steps_in_order(ctx, d, &mut push);
        national_after_provincial(d, &mut push);
        status_matches_steps(d, &mut push);
    }
}

/// Each step referred after the dispute was raised, decided after it was referred, and
/// before the right level of body.
fn steps_in_order(ctx: &Context<'_>, d: &Dispute, push: &mut dyn FnMut(&str, Text)) {
    for (field, step) in [("provincial", &d.provincial), ("national", &d.national)] {
        let Some(s) = step else { continue };
        let (r, raised) = (s.referred_on, d.raised_on);
        let field_fa = if field == "provincial" {
            "استانی"
        } else {
            "ملی"
        };
        if r < raised {
            push(
                &format!("/{field}/referred_on"),
                tr!(
                    "the {field} step is referred on {r}, before the dispute was raised on {raised}",
                    "گام {field_fa} در {r} ارجاع شده، پیش از طرح اختلاف در {raised}"
                ),
            );
        }
        if let Some(dec) = s.decided_on
            && dec < r
        {
            push(
                &format!("/{field}/decided_on"),
                tr!(
                    "the {field} step is decided on {dec}, before it was referred on {r}",
                    "گام {field_fa} در {dec} تصمیم گرفته شده، پیش از ارجاع آن در {r}"
                ),
            );
        }
        if let Some((_, c)) = ctx.committee(&s.committee)
            && let Some(national) = super::committee::is_national(ctx, c)
        {
            let cid = &c.id;
            if field == "provincial" && national {
                push(
                    "/provincial/committee",
                    tr!(
                        "the provincial step goes to {cid}, a national body (the national council, or a working group whose secretariat is TPO)",
                        "گام استانی نزد {cid} رفته که نهادی ملی است (شورای ملی، یا کارگروهی که دبیرخانه‌اش سازمان توسعه تجارت است)"
                    ),
                );
            }
            if field == "national" && !national {
                push(
                    "/national/committee",
                    tr!(
                        "the national step goes to {cid}, which is neither the national council nor the national working group (a working group whose secretariat is TPO; if {cid} is that, record its `secretariat`)",
                        "گام ملی نزد {cid} رفته که نه شورای ملی است و نه کارگروه ملی (کارگروهی که دبیرخانه‌اش سازمان توسعه تجارت است؛ اگر {cid} همان است، دبیرخانه آن را در secretariat ثبت کنید)"
                    ),
                );
            }
        }
    }
}

/// A national step only after a provincial no-agreement, and after its date.
fn national_after_provincial(d: &Dispute, push: &mut dyn FnMut(&str, Text)) {
    if let Some(n) = &d.national {
        let nr = n.referred_on;
        match &d.provincial {
            None => push(
                "/national",
                tr!(
                    "the dispute went to the national working group on {nr} without a provincial step",
                    "اختلاف در {nr} بدون گام استانی به کارگروه ملی رفته است"
                ),
            ),
            Some(p) if p.outcome != Some(Outcome::NoAgreement) => {
                let pointer = if p.outcome.is_some() {
                    "/provincial/outcome"
                } else {
                    "/provincial"
                };
                push(
                    pointer,
                    tr!(
                        "the dispute went national on {nr}, but the provincial step did not end in no-agreement",
                        "اختلاف در {nr} به کارگروه ملی رفته، ولی گام استانی به عدم توافق نرسیده است"
                    ),
                );
            }
            Some(p) => match p.decided_on {
                Some(pd) if pd > nr => push(
                    "/national/referred_on",
                    tr!(
                        "the dispute went national on {nr}, before the provincial no-agreement of {pd}",
                        "اختلاف در {nr} به کارگروه ملی رفته، پیش از عدم توافق استانی در {pd}"
                    ),
                ),
                None => push(
                    "/provincial",
                    tr!(
                        "the provincial no-agreement has no date (decided_on), so the national referral of {nr} cannot be shown to follow it",
                        "عدم توافق استانی تاریخ (decided_on) ندارد، پس پیروی ارجاع ملی {nr} از آن نشان داده نمی‌شود"
                    ),
                ),
                _ => {}
            },
        }
    }
}

/// Resolved only when a step records how it ended; open only while none does.
fn status_matches_steps(d: &Dispute, push: &mut dyn FnMut(&str, Text)) {
    let provincial_agreement = d
        .provincial
        .as_ref()
        .is_some_and(|p| p.outcome == Some(Outcome::Agreement));
    let national_decided = d.national.as_ref().is_some_and(|n| n.outcome.is_some());
    match d.status {
        DisputeStatus::Resolved if !provincial_agreement && !national_decided => push(
            "/status",
            tr!(
                "the dispute is marked resolved, but no step records an agreement or a national decision",
                "اختلاف حل‌شده ثبت شده، ولی هیچ گامی توافق یا تصمیم ملی را ثبت نکرده است"
            ),
        ),
        DisputeStatus::Open if provincial_agreement || national_decided => push(
            "/status",
            tr!(
                "the dispute is still open, but its steps record how it ended",
                "اختلاف هنوز باز ثبت شده، ولی گام‌های آن پایانش را ثبت کرده‌اند"
            ),
        ),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Kind;
    use crate::rules::money::tests::findings_of;

    const COMMITTEES: [(Kind, &str, &str); 2] = [
        (
            Kind::Committee,
            "committees/ESF-WG.yaml",
            "id: ESF-WG\nkind: working-group\nname: کارگروه\nquorum: majority\n",
        ),
        (
            Kind::Committee,
            "committees/ESF-NAT.yaml",
            "id: ESF-NAT\nkind: national\nname: شورای ملی\nquorum: majority\n",
        ),
    ];

    fn check(dispute: &str) -> Vec<(&'static str, String)> {
        let mut recs = COMMITTEES.to_vec();
        let d = format!(
            "id: ESF-DS-1\nparties: [ESF-B-A, ESF-B-B]\nsubject: اختلاف\nraised_on: 1404-01-10\n{dispute}"
        );
        recs.push((Kind::Dispute, "disputes/ESF-DS-1.yaml", &d));
        findings_of(super::run, &recs, "1404-09-15")
            .into_iter()
            .map(|(r, p, _)| (r, p))
            .collect()
    }

    #[test]
    fn the_working_groups_are_told_apart_by_their_secretariat_not_their_kind() {
        // Both are `working-group`; the one whose secretariat is TPO is the national one.
        let tpo = "id: ESF-B-TPO\nname: سازمان توسعه تجارت\ncategory: tpo\n";
        let nwg = "id: ESF-NWG\nkind: working-group\nname: کارگروه ملی\nsecretariat: ESF-B-TPO\nquorum: majority\n";
        let run = |dispute: &str| {
            let mut recs = COMMITTEES.to_vec();
            recs.push((Kind::Body, "bodies/ESF-B-TPO.yaml", tpo));
            recs.push((Kind::Committee, "committees/ESF-NWG.yaml", nwg));
            let d = format!(
                "id: ESF-DS-1\nparties: [ESF-B-A, ESF-B-B]\nsubject: اختلاف\nraised_on: 1404-01-10\n{dispute}"
            );
            recs.push((Kind::Dispute, "disputes/ESF-DS-1.yaml", &d));
            findings_of(super::run, &recs, "1404-09-15")
                .into_iter()
                .map(|(r, p, _)| (r, p))
                .collect::<Vec<_>>()
        };
        let ok = "status: open\nprovincial: {committee: ESF-WG, referred_on: 1404-01-20, outcome: no-agreement, decided_on: 1404-02-10}\nnational: {committee: ESF-NWG, referred_on: 1404-02-20}\n";
        assert_eq!(run(ok), []);
        let provincial_at_national = "status: open\nprovincial: {committee: ESF-NWG, referred_on: 1404-01-20, outcome: no-agreement, decided_on: 1404-02-10}\nnational: {committee: ESF-NAT, referred_on: 1404-02-20}\n";
        assert_eq!(
            run(provincial_at_national),
            [("R-DIS-1", "/provincial/committee".to_string())]
        );
        let national_at_provincial = "status: open\nprovincial: {committee: ESF-WG, referred_on: 1404-01-20, outcome: no-agreement, decided_on: 1404-02-10}\nnational: {committee: ESF-WG, referred_on: 1404-02-20}\n";
        assert_eq!(
            run(national_at_provincial),
            [("R-DIS-1", "/national/committee".to_string())]
        );
    }

    #[test]
    fn national_only_after_a_provincial_no_agreement() {
        let ok = "status: open\nprovincial: {committee: ESF-WG, referred_on: 1404-01-20, outcome: no-agreement, decided_on: 1404-02-10}\nnational: {committee: ESF-NAT, referred_on: 1404-02-20}\n";
        assert_eq!(check(ok), []);
        let skipped = "status: open\nnational: {committee: ESF-NAT, referred_on: 1404-02-20}\n";
        assert_eq!(check(skipped), [("R-DIS-1", "/national".to_string())]);
        let early = "status: open\nprovincial: {committee: ESF-WG, referred_on: 1404-01-20, outcome: no-agreement, decided_on: 1404-03-10}\nnational: {committee: ESF-NAT, referred_on: 1404-02-20}\n";
        assert_eq!(
            check(early),
            [("R-DIS-1", "/national/referred_on".to_string())]
        );
        let agreed = "status: open\nprovincial: {committee: ESF-WG, referred_on: 1404-01-20, outcome: agreement, decided_on: 1404-02-10}\n";
        assert_eq!(check(agreed), [("R-DIS-1", "/status".to_string())]);
    }
}
