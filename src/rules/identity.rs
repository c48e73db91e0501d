//! Identity: names of people and of bodies that are the same name once Persian spelling
//! variants are set aside (R-NAME-1; docs/domain.md, "Language, dates, money"). References that do not
//! resolve are the loader's R-REF-1.

use std::collections::HashMap;

use super::{Context, RuleDoc};
use crate::diag::{Finding, Severity};
use crate::model::text::name_key;
use crate::{rule, tr};

pub static RULES: &[RuleDoc] = &[RuleDoc {
    id: "R-NAME-1",
    severity: Severity::Warning,
    title: (
        "same name after Persian normalisation",
        "نام یکسان پس از یکسان‌سازی نوشتار فارسی",
    ),
    doc: (
        "Two people, or two bodies, whose names are the same once compared by `name_key`: Arabic letter forms mapped to Persian ones (ي/ی, ك/ک, ة/ه), Persian and Arabic-Indic digits to ASCII, and zero-width non-joiners and their garbled forms (¬), other joiners, diacritics, spaces and punctuation dropped. Each record after the first (in file order) is reported, naming the first. A warning: two people may truly share a name (waive it), but usually the same person or body was entered twice, and their memberships, attendance and decisions are split between two ids.\n\nWhy: docs/domain.md, \"Language, dates, money\": the sources mix ي/ی and ك/ک and drop or garble the ZWNJ (خوشه‌ها, خوشه¬ها, خوشهها); names that differ only so are the same name.\n\nExample: `ESF-B-SHAHRAK` «شرکت شهرک‌های صنعتی اصفهان» and `ESF-B-SHAHRAK2` «شركت شهركهاي صنعتي اصفهان»: `R-NAME-1` at the second one's `/name`.",
        "دو شخص یا دو نهاد که نامشان پس از مقایسه با name_key یکی است: شکل‌های عربی حروف به فارسی برگردانده می‌شوند (ي/ی، ك/ک، ة/ه)، رقم‌های فارسی و عربی به رقم لاتین، و نیم‌فاصله و شکل‌های خراب آن (¬)، دیگر نویسه‌های اتصال، اعراب، فاصله و نشانه‌گذاری کنار گذاشته می‌شوند. هر سابقه پس از نخستین (به ترتیب پرونده‌ها) با نام بردن از نخستین گزارش می‌شود. هشدار است: ممکن است دو نفر به‌راستی هم‌نام باشند (معافش کنید)، ولی بیشتر یک شخص یا نهاد دو بار ثبت شده و عضویت‌ها، حضورها و مصوبات او میان دو شناسه پخش شده است.\n\nچرا: docs/domain.md «زبان، تاریخ، پول»: منابع ي/ی و ك/ک را درهم به کار می‌برند و نیم‌فاصله را می‌اندازند یا خراب می‌کنند (خوشه‌ها، خوشه¬ها، خوشهها)؛ نام‌هایی که تنها در این‌ها فرق دارند یک نام‌اند.\n\nنمونه: ESF-B-SHAHRAK «شرکت شهرک‌های صنعتی اصفهان» و ESF-B-SHAHRAK2 «شركت شهركهاي صنعتي اصفهان»: R-NAME-1 در ‎/name‎ دومی.",
    ),
}];

pub fn run(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    collisions(
        ctx,
        ctx.people()
            .map(|(p, x)| (p, x.id.as_str(), x.name.as_str())),
        ("person", "شخص"),
        out,
    );
    collisions(
        ctx,
        ctx.bodies()
            .map(|(p, x)| (p, x.id.as_str(), x.name.as_str())),
        ("body", "نهاد"),
        out,
    );
}

fn collisions<'a>(
    ctx: &Context<'_>,
    items: impl Iterator<Item = (&'a str, &'a str, &'a str)>,
    what: (&str, &str),
    out: &mut Vec<Finding>,
) {
    let (w_en, w_fa) = what;
    let mut first: HashMap<String, (&str, &str)> = HashMap::new();
    for (path, id, name) in items {
        let key = name_key(name);
        if key.is_empty() {
            continue;
        }
        match first.get(&key) {
            Some(&(other, other_name)) => out.push(ctx.finding(rule!("R-NAME-1"), path, "/name", id, tr!(
                "the {w_en} `{id}` «{name}» has the same name as `{other}` «{other_name}» once spelling variants are set aside",
                "نام {w_fa} «{id}» («{name}») با نام «{other}» («{other_name}») پس از یکسان‌سازی نوشتار یکی است"
            )).help(tr!(
                "if they are one {w_en}, keep one record and point every reference at it; if two, waive this finding",
                "اگر یک {w_fa} است یک سابقه نگه دارید و همه ارجاع‌ها را به آن برگردانید؛ اگر دو {w_fa} جداست این یافته را معاف کنید"
            ))),
            None => {
                first.insert(key, (id, name));
            }
        }
    }
}
