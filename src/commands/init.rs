//! `dabir init`: a new records repository: the config, the schemas, the layout, the
//! first commit.

use std::path::Path;

use git2::Repository;

use crate::commands::{CliError, Globals, Status};
use crate::model::config::CONFIG_FILE;
use std::io::Write as _;

use crate::model::committee::{Committee, CommitteeKind, QuorumRule};
use crate::model::{Config, Kind, Lang, Record};
use crate::store::{StoreError, git, write};
use crate::tr;

/// Create a new records repository in the directory (-C, default: the current one):
/// dabir.yaml with the province, schema/ for editors, the record folders, the provincial
/// committee (`<CODE>-PC`, so that `dabir brief` has its committee from the start),
/// `git init` and a first commit; then print what to record next. Refuses a directory
/// that already holds dabir.yaml.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The province code every record id starts with (ESF, KHR, ...).
    #[arg(long, value_name = "CODE")]
    pub province: String,
    /// The province's name in Persian (اصفهان).
    #[arg(long, value_name = "NAME")]
    pub name: String,
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
    let province = args.province.trim().to_ascii_uppercase();
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
    // Before any file is written: a signer git's config asks for must exist.
    let signer =
        crate::store::sign::Signer::from_config(&repo, args.sign.wanted()).map_err(fail)?;
    let config = Config {
        iso_code: args.iso.clone(),
        language: lang,
        ..Config::new(province.clone(), args.name.trim())
    };
    let mut files: Vec<(String, Vec<u8>)> = vec![(
        CONFIG_FILE.into(),
        write::config_to_yaml(&config).into_bytes(),
    )];
    for (name, text) in crate::schema::FILES {
        files.push((format!("schema/{name}"), text.as_bytes().to_vec()));
    }
    files.push((".gitattributes".into(), b"*.yaml text eol=lf\n".to_vec()));
    // The provincial committee every province has (R-COM-1): the brief's committee; its
    // members are appointed next.
    let pc = format!("{province}-PC");
    let committee = Record::Committee(Committee {
        id: pc.clone(),
        kind: CommitteeKind::Provincial,
        name: format!(
            "کمیته استانی توسعه خوشه‌های کسب‌وکار استان {}",
            args.name.trim()
        ),
        parent: None,
        cluster: None,
        quorum: QuorumRule::Majority,
        memberships: vec![],
        attachments: vec![],
        secretariat: None,
    });
    let pc_path = Kind::Committee
        .path_of(&pc)
        .map_err(|e| CliError::Usage(e.to_string()))?;
    files.push((pc_path, write::to_yaml(&committee).into_bytes()));
    for (rel, bytes) in &files {
        git::write_atomic(&dir.join(rel), bytes).map_err(fail)?;
    }
    // The record folders (git keeps no empty folder; they are there for the clerk).
    for kind in Kind::ALL {
        std::fs::create_dir_all(dir.join(kind.dir()))?;
    }
    let commit = first_commit(
        &repo,
        &files,
        &config,
        args.author.as_deref(),
        lang,
        signer.as_ref(),
    )
    .map_err(fail)?;
    if !g.quiet {
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
        writeln!(
            o,
            "{}",
            tr!(
                "next: the bodies (`dabir body add {p}-B-SHT --category industrial-estates ...`), the people (`dabir person add {p}-P-001 ...`), the committee's chair, secretary and members (`dabir member appoint {pc} --role chair|secretary|member ...`), then its first meeting (`dabir meeting schedule {pc}-YYYY-01 --committee {pc} --date ...`); `dabir check` says what is still missing",
                "گام بعد: نهادها (`dabir body add {p}-B-SHT --category industrial-estates ...`)، اشخاص (`dabir person add {p}-P-001 ...`)، رئیس، دبیر و اعضای کمیته (`dabir member appoint {pc} --role chair|secretary|member ...`) و سپس نخستین جلسه (`dabir meeting schedule {pc}-YYYY-01 --committee {pc} --date ...`)؛ `dabir check` می‌گوید چه کم است"
            )
            .get(lang)
        )?;
    }
    Ok(Status::Clean)
}

fn first_commit(
    repo: &Repository,
    files: &[(String, Vec<u8>)],
    config: &Config,
    author: Option<&str>,
    lang: Lang,
    signer: Option<&crate::store::sign::Signer>,
) -> Result<git2::Oid, StoreError> {
    let mut index = repo.index()?;
    for (rel, _) in files {
        index.add_path(Path::new(rel))?;
    }
    index.write()?;
    let tree = repo.find_tree(index.write_tree()?)?;
    let (author, committer) = git::signatures(repo, author)?;
    let (p, name) = (&config.province, &config.province_name);
    let subject = tr!(
        "Start the records repository of {name} ({p})",
        "راه‌اندازی مخزن سوابق استان {name} ({p})"
    );
    let today = crate::clock::today()
        .map_err(|e| StoreError::Usage(crate::tr!("{e}", "زمان DABIR_NOW خوانده نشد: {e}")))?;
    let message = format!(
        "{}\n\nDabir-Action: init\nDabir-Record: {p}\nDabir-Date: {today}\n",
        subject.get(lang)
    );
    let parent = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
    let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
    let oid = git::commit_object(repo, &author, &committer, &message, &tree, &parents, signer)?;
    // HEAD names the branch even before it has a commit.
    let head = repo.find_reference("HEAD")?;
    let branch = head
        .symbolic_target()
        .ok()
        .flatten()
        .unwrap_or("refs/heads/main")
        .to_string();
    let subject = message.lines().next().unwrap_or_default();
    repo.reference(&branch, oid, true, &format!("commit (initial): {subject}"))?;
    Ok(oid)
}
