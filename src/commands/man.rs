//! `dabir man`: the manual page, generated from the clap definitions (clap_mangen), so it
//! never drifts from the commands.

use std::io::Write;
use std::path::PathBuf;

use crate::commands::{CliError, Status};

/// Print the manual page (roff) of dabir, or with `--out DIR` write one page per command
/// (`dabir.1`, `dabir-check.1`, `dabir-meeting-schedule.1`, ...).
///
/// `dabir man | man -l -` reads it; `dabir man --out /usr/local/share/man/man1` installs it.
#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// Write every command's page into this folder instead.
    #[arg(long = "out", short = 'o', value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// `cmd`: dabir's whole command line (`crate::cli::Cli`), which calls this.
pub fn run(cmd: clap::Command, args: ManArgs) -> Result<Status, CliError> {
    match args.out {
        None => {
            let mut buf = Vec::new();
            clap_mangen::Man::new(cmd).render(&mut buf)?;
            let mut out = std::io::stdout().lock();
            out.write_all(&buf)?;
            out.flush()?;
        }
        Some(dir) => {
            std::fs::create_dir_all(&dir)?;
            clap_mangen::generate_to(cmd, &dir)?;
        }
    }
    Ok(Status::Clean)
}
