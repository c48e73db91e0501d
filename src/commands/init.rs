//! `dabir init`: a new records repository: the config, the schemas, the layout, the
//! first commit.

use git2::Repository;

use crate::commands::{CliError, Globals, Status};
use crate::model::config::CONFIG_FILE;
use std::io::Write as _;

use crate::model::committee::{Committee, CommitteeKind, QuorumRule};
use crate::model::{Config, Kind, Lang, Record};
use crate::store::{Action, StoreError, git, txn, write};
use crate::tr;

/// Create a new records repository in the directory (-C, default: the current one):
/// dabir.yaml with the province, schema/ for editors, the record folders, the provincial
/// committee (`<CODE>-PC`, so that `dabir brief` has its committee from the start),
/// `git init` and a first commit; then print what to record next. Refuses a directory
/// that already holds dabir.yaml. With `--national`, the national office's repository
/// instead (prefix NAT): the national council and the national working group, the
/// national bodies, and the annual programme with seed 004's axes.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The province code every record id starts with (ESF, KHR, ...).
    #[arg(long, value_name = "CODE", required_unless_present = "national")]
    pub province: Option<String>,
    /// The province's name in Persian (اصفهان).
    #[arg(long, value_name = "NAME", required_unless_present = "national")]
    pub name: Option<String>,
    /// The national office's repository (province code NAT); provinces are then added
    /// as remotes with `dabir national add`.
    #[arg(long, conflicts_with_all = ["province", "name", "iso"])]
    pub national: bool,
    /// With --national: the year of the annual programme (default: the as-of year).
    #[arg(long, requires = "national")]
    pub year: Option<u16>,
    /// ISO 3166-2 code of the province (IR-10).
    #[arg(long, value_name = "CODE")]
    pub iso: Option<String>,
    /// The author, "Name <email>" (default: git's user.name and user.email).
    #[arg(long, value_name = "NAME <EMAIL>")]
    pub author: Option<String>,
    #[command(flatten)]
    pub sign: super::SignOpts,
}

pub fn run(g: &Globals, args: InitArgs) -> Result<Status, CliError> {
    let lang = g.lang.unwrap_or(Lang::Fa);
    let fail = |e: StoreError| e.into_cli(lang);
    let dir = std::path::absolute(&g.dir)?;
    let (province, name) = if args.national {
        (
            crate::model::programme::NATIONAL.to_string(),
            national::NAME.to_string(),
        )
    } else {
        (
            args.province
                .as_deref()
                .unwrap_or_default()
                .trim()
                .to_ascii_uppercase(),
            args.name.as_deref().unwrap_or_default().trim().to_string(),
        )
    };
    let ok = (2..=6).contains(&province.len()) && province.bytes().all(|b| b.is_ascii_uppercase());
    if !ok {
        return Err(CliError::Usage(
            tr!(
                "--province must be 2-6 letters A-Z (like ESF)",
                "‎--province‎ باید ۲ تا ۶ حرف لاتین باشد (مانند ESF)"
            )
            .get(lang)
            .into(),
        ));
    }
    if dir.join(CONFIG_FILE).exists() {
        let d = dir.display();
        return Err(CliError::Usage(
            tr!(
                "{d} already holds a records repository ({CONFIG_FILE}); nothing was changed",
                "در {d} مخزن سوابق ({CONFIG_FILE}) هست؛ چیزی تغییر نکرد"
            )
            .get(lang)
            .into(),
        ));
    }
    std::fs::create_dir_all(&dir)?;
    let repo = if dir.join(".git").exists() {
        git::open_root(&dir).map_err(fail)?
    } else {
        Repository::init(&dir).map_err(|e| fail(e.into()))?
    };
    let config = Config {
        iso_code: args.iso.clone(),
        language: lang,
        ..Config::new(province.clone(), &name)
    };
    let mut files: Vec<(String, Vec<u8>)> = vec![(
        CONFIG_FILE.into(),
        write::config_to_yaml(&config).into_bytes(),
    )];
    for (name, text) in crate::schema::FILES {
        files.push((format!("schema/{name}"), text.as_bytes().to_vec()));
    }
    files.push((".gitattributes".into(), b"*.yaml text eol=lf\n".to_vec()));
    let first: Vec<Record> = if args.national {
        national::records(args.year.unwrap_or(g.as_of()?.year()))
    } else {
        // The provincial committee every province has (R-COM-1): the brief's committee;
        // its members are appointed next.
        vec![Record::Committee(Committee {
            id: format!("{province}-PC"),
            kind: CommitteeKind::Provincial,
            name: format!("کمیته استانی توسعه خوشه‌های کسب‌وکار استان {name}"),
            parent: None,
            cluster: None,
            quorum: QuorumRule::Majority,
            memberships: vec![],
            attachments: vec![],
            secretariat: None,
        })]
    };
    for r in &first {
        let path = r
            .kind()
            .path_of(r.id())
            .map_err(|e| CliError::Usage(e.to_string()))?;
        files.push((path, write::to_yaml(r).into_bytes()));
    }
    // The same commit step as every write (the signer git's config asks for is found
    // before anything is written); the files reach the work tree after the commit.
    let who = (args.author.as_deref(), args.sign.wanted(), lang);
    let action = Action::Init {
        province: province.clone(),
        name: name.clone(),
    };
    let commit = txn::run_first(&repo, who, files, &action, std::slice::from_ref(&province))
        .map_err(fail)?;
    // The record folders (git keeps no empty folder; they are there for the clerk).
    for kind in Kind::ALL {
        std::fs::create_dir_all(dir.join(kind.dir()))?;
    }
    if !g.quiet {
        report(&commit, &province, &dir, args.national, lang)?;
    }
    Ok(Status::Clean)
}

/// Say what was made and what to do next.
fn report(
    commit: &git2::Oid,
    province: &str,
    dir: &std::path::Path,
    national: bool,
    lang: Lang,
) -> std::io::Result<()> {
    let d = dir.display();
    let short = &commit.to_string()[..10];
    let mut o = std::io::stdout().lock();
    writeln!(
        o,
        "[{short}] {}",
        tr!(
            "records repository of {province} at {d}",
            "مخزن سوابق {province} در {d}"
        )
        .get(lang)
    )?;
    let p = &province;
    let next = if national {
        tr!(
            "next: the provinces as git remotes (`dabir national add ESF <URL>`, then `dabir national fetch`); each province adopts the annual programme (`dabir programme adopt {d}`) and records its progress (`dabir programme progress AXIS --season YYYY-Qn --value N`); `dabir national brief` rolls them up",
            "گام بعد: استان‌ها به‌عنوان مخزن راه دور (`dabir national add ESF <URL>` و سپس `dabir national fetch`)؛ هر استان برنامه سالانه را می‌پذیرد (`dabir programme adopt {d}`) و پیشرفت خود را ثبت می‌کند (`dabir programme progress AXIS --season YYYY-Qn --value N`)؛ `dabir national brief` همه را جمع می‌بندد"
        )
    } else {
        let pc = format!("{p}-PC");
        tr!(
            "next: the bodies (`dabir body add {p}-B-SHT --category industrial-estates ...`; ISIPO, TPO and the national working group come with the national registry: `git remote add national <URL>`, `dabir national vendor --remote national`), the people (`dabir person add {p}-P-001 ...`), the committee's chair, secretary and members (`dabir member appoint {pc} --role chair|secretary|member ...`), then its first meeting (`dabir meeting schedule {pc}-YYYY-01 --committee {pc} --date ...`); `dabir check` says what is still missing",
            "گام بعد: نهادها (`dabir body add {p}-B-SHT --category industrial-estates ...`؛ سازمان صنایع کوچک، سازمان توسعه تجارت و کارگروه ملی با ثبت ملی می‌آیند: `git remote add national <URL>` و `dabir national vendor --remote national`)، اشخاص (`dabir person add {p}-P-001 ...`)، رئیس، دبیر و اعضای کمیته (`dabir member appoint {pc} --role chair|secretary|member ...`) و سپس نخستین جلسه (`dabir meeting schedule {pc}-YYYY-01 --committee {pc} --date ...`)؛ `dabir check` می‌گوید چه کم است"
        )
    };
    writeln!(o, "{}", next.get(lang))?;
    Ok(())
}

/// The national office's first records (`init --national`): the bodies of the national
/// council (seed 001, `docs/domain.md` "The bodies"), the national council and the
/// national working group, and the annual programme with the axes seed 004 names
/// (`docs/domain.md`, "The annual programme").
mod national {
    use crate::model::committee::{Committee, CommitteeKind, QuorumRule};
    use crate::model::programme::{Axis, NATIONAL};
    use crate::model::{Body, BodyCategory, Programme, Record};

    /// The repository's name in `dabir.yaml`.
    pub const NAME: &str = "دفتر ملی توسعه خوشه‌های کسب‌وکار";

    /// The national bodies: (id part, category, Persian name), the national council's
    /// members in seed 001's order.
    const BODIES: [(&str, BodyCategory, &str); 13] = [
        (
            "ISIPO",
            BodyCategory::Isipo,
            "سازمان صنایع کوچک و شهرک‌های صنعتی ایران",
        ),
        (
            "MIMT",
            BodyCategory::IndustryMineTrade,
            "وزارت صنعت، معدن و تجارت",
        ),
        ("TPO", BodyCategory::Tpo, "سازمان توسعه تجارت ایران"),
        (
            "IMIDRO",
            BodyCategory::Other,
            "سازمان توسعه و نوسازی معادن و صنایع معدنی ایران",
        ),
        ("MOI", BodyCategory::Other, "وزارت کشور"),
        (
            "MCLS",
            BodyCategory::CooperativesLabour,
            "وزارت تعاون، کار و رفاه اجتماعی",
        ),
        (
            "MEF",
            BodyCategory::EconomyFinance,
            "وزارت امور اقتصادی و دارایی",
        ),
        ("MAJ", BodyCategory::AgricultureJihad, "وزارت جهاد کشاورزی"),
        (
            "ICCIMA",
            BodyCategory::Chamber,
            "اتاق بازرگانی، صنایع و معادن ایران",
        ),
        ("IRIB", BodyCategory::Other, "سازمان صدا و سیمای کشور"),
        (
            "GUILDS",
            BodyCategory::GuildAssembly,
            "شورای عالی اصناف کشور",
        ),
        (
            "MCHT",
            BodyCategory::HeritageTourism,
            "سازمان میراث فرهنگی و گردشگری کشور",
        ),
        ("CBI", BodyCategory::Bank, "بانک مرکزی"),
    ];

    /// The axes seed 004 names (of the 35 it counts): (title, indicator, unit, target).
    /// Only the first states a target: 500 billion tomans, 5,000 billion rials.
    pub const AXES: [(&str, &str, &str, Option<u64>); 13] = [
        (
            "جذب اعتبار برای تأمین برق شهرک‌ها و نواحی صنعتی بر اساس مصوبه مجلس شورای اسلامی",
            "اعتبار جذب‌شده",
            "ریال",
            Some(5_000_000_000_000),
        ),
        (
            "تأمین آب واحدهای صنعتی بر اساس مصوبه مجلس شورای اسلامی",
            "واحد صنعتی آب‌رسانی‌شده",
            "واحد صنعتی",
            None,
        ),
        (
            "نظارت الکترونیکی روی پروژه‌های زیرساخت، از برآورد پروژه تا پرداخت",
            "پروژه زیرساخت زیر نظارت الکترونیکی",
            "پروژه",
            None,
        ),
        ("تأمین مالی از بورس", "تأمین مالی از بورس", "ریال", None),
        (
            "تأمین آب از پساب تصفیه‌خانه‌های فاضلاب",
            "آب تأمین‌شده از پساب",
            "مترمکعب",
            None,
        ),
        (
            "تعیین تکلیف زمین‌های واگذارشده تا پایان سال",
            "قطعه زمین واگذارشده تعیین‌تکلیف‌شده",
            "قطعه",
            None,
        ),
        ("توسعه شرکت‌های پیشران", "شرکت پیشران", "شرکت", None),
        (
            "شناسایی زنجیره‌های تولید",
            "زنجیره تولید شناسایی‌شده",
            "زنجیره",
            None,
        ),
        (
            "برگزاری پاویون‌های نمایشگاهی",
            "پاویون نمایشگاهی برگزارشده",
            "پاویون",
            None,
        ),
        (
            "بسته حمایت از تولید",
            "واحد تولیدی بهره‌مند از بسته",
            "واحد",
            None,
        ),
        (
            "راه‌اندازی سامانه B2B",
            "سامانه راه‌اندازی‌شده",
            "سامانه",
            None,
        ),
        (
            "زیباسازی، مبلمان شهری و فضای سبز در شهرک‌ها و نواحی صنعتی",
            "شهرک و ناحیه صنعتی زیباسازی‌شده",
            "شهرک یا ناحیه",
            None,
        ),
        (
            "برنامه‌ریزی برای احداث واحدهای کارگاهی",
            "واحد کارگاهی احداث‌شده",
            "واحد کارگاهی",
            None,
        ),
    ];

    pub fn records(year: u16) -> Vec<Record> {
        let body = |part: &str| format!("{NATIONAL}-B-{part}");
        let mut out: Vec<Record> = BODIES
            .iter()
            .map(|(part, category, name)| {
                Record::Body(Body {
                    id: body(part),
                    name: (*name).to_string(),
                    category: *category,
                    parent: None,
                    note: None,
                })
            })
            .collect();
        let committee = |part: &str, kind, name: &str, secretariat: &str| {
            Record::Committee(Committee {
                id: format!("{NATIONAL}-{part}"),
                kind,
                name: name.to_string(),
                parent: None,
                cluster: None,
                quorum: QuorumRule::Majority,
                memberships: vec![],
                attachments: vec![],
                secretariat: Some(body(secretariat)),
            })
        };
        out.push(committee(
            "NC",
            CommitteeKind::National,
            "شورای ملی سیاستگذاری توسعه خوشه",
            "ISIPO",
        ));
        // The national working group's secretariat is TPO (R-DIS-1).
        out.push(committee(
            "WG",
            CommitteeKind::WorkingGroup,
            "کارگروه ملی توسعه خوشه‌های صادرات‌گرا",
            "TPO",
        ));
        out.push(Record::Programme(Programme {
            id: Programme::id_for(year),
            year,
            title: "برنامه عملیاتی ویژه سازمان صنایع کوچک و شهرک‌های صنعتی ایران".into(),
            axes: AXES
                .iter()
                .zip(1..)
                .map(|((title, indicator, unit, target), number)| Axis {
                    number,
                    title: (*title).to_string(),
                    responsible: body("ISIPO"),
                    target: *target,
                    indicator: (*indicator).to_string(),
                    unit: (*unit).to_string(),
                })
                .collect(),
        }));
        out
    }
}
