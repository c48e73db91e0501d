//! `dabir checkpoint`: record where the branch stands in the signed, append-only
//! checkpoint log ([`crate::audit::checkpoint`]).

use crate::audit::checkpoint;
use crate::commands::{Globals, Status};
use crate::error::CliError;
use crate::tr;

/// Record (province, branch, commit, height, date, signer) in the signed, append-only
/// checkpoint log (refs/dabir/checkpoints); `audit` then finds any rewrite of the history
/// before it. Signed with git's signing settings (gpg.format, user.signingkey), always.
#[derive(Debug, clap::Args)]
pub struct CheckpointArgs {
    /// The author, "Name <email>" (default: git's user.name and user.email).
    #[arg(long, value_name = "NAME <EMAIL>")]
    pub author: Option<String>,
}

pub fn run(g: &Globals, args: CheckpointArgs) -> Result<Status, CliError> {
    let lang = super::lang_of(g);
    let root = crate::repo::discover(&g.dir)?;
    let repo = crate::store::git::open_root(&root).map_err(|e| e.into_cli(lang))?;
    let mut ignored = Vec::new();
    let config = crate::check::load_config(&crate::repo::WorkTree { root }, &mut ignored)?;
    let (author, committer) = crate::store::git::signatures(&repo, args.author.as_deref())
        .map_err(|e| e.into_cli(lang))?;
    let today = crate::clock::today()?;
    let r = checkpoint::record(&repo, &config.province, today, &author, &committer)
        .map_err(|e| e.into_cli(lang))?;
    let c = &r.checkpoint;
    let (n, short, height, branch) = (c.n, &c.commit[..10], c.height, &c.branch);
    if g.quiet {
        println!("{}", r.log_commit);
    } else {
        println!(
            "{}",
            tr!(
                "checkpoint {n}: {branch} at {short}, height {height}",
                "نقطه وارسی {n}: {branch} در {short}، ارتفاع {height}"
            )
            .get(lang)
        );
    }
    Ok(Status::Clean)
}
