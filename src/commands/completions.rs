//! `dabir completions <SHELL>`: the shell completion script, generated from the clap
//! definitions (clap_complete), so it never drifts from the commands.

use crate::commands::{CliError, Status};

/// Print the completion script for a shell.
///
/// bash: `dabir completions bash > /etc/bash_completion.d/dabir`;
/// zsh: `dabir completions zsh > "${fpath[1]}/_dabir"`;
/// fish: `dabir completions fish > ~/.config/fish/completions/dabir.fish`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `cmd`: dabir's whole command line (`crate::cli::Cli`), which calls this.
pub fn run(mut cmd: clap::Command, args: CompletionsArgs) -> Result<Status, CliError> {
    let mut out = std::io::stdout().lock();
    clap_complete::generate(args.shell, &mut cmd, "dabir", &mut out);
    Ok(Status::Clean)
}
