//! `dabir national add`: a province as a git remote of the national repository.

use crate::cli::{CliError, Globals, Status};
use crate::tr;

/// Add a province: a git remote named by its code (`KHR`), whose records `national
/// fetch` brings in and `national check` / `national brief` roll up.
#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The province code: 2 to 4 upper-case letters, the prefix of its record ids (`KHR`).
    pub code: String,
    /// Where its repository is: any URL or path `git fetch` understands.
    pub url: String,
}

pub fn run(g: &Globals, args: AddArgs) -> Result<Status, CliError> {
    let lang = super::super::lang_of(g);
    if !crate::national::is_code(&args.code) {
        let code = &args.code;
        return Err(CliError::Usage(
            tr!(
                "`{code}` is not a province code: 2 to 4 upper-case letters, as in `KHR`",
                "«{code}» کد استان نیست: ۲ تا ۴ حرف بزرگ لاتین، مانند KHR"
            )
            .get(lang)
            .to_string(),
        ));
    }
    let repo = super::open(g)?;
    if repo.find_remote(&args.code).is_ok() {
        let code = &args.code;
        return Err(CliError::Usage(
            tr!(
                "province {code} is already added (`git remote get-url {code}`)",
                "استان {code} پیش‌تر افزوده شده است (`git remote get-url {code}`)"
            )
            .get(lang)
            .to_string(),
        ));
    }
    repo.remote(&args.code, &args.url)
        .map_err(|e| CliError::CouldNotRun(format!("git: {}", e.message())))?;
    let code = &args.code;
    eprintln!(
        "{}",
        tr!(
            "added province {code}; bring its records in with `dabir national fetch`",
            "استان {code} افزوده شد؛ سوابقش را با `dabir national fetch` دریافت کنید"
        )
        .get(lang)
    );
    Ok(Status::Clean)
}
