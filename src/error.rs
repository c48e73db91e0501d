//! How a command fails, as a type: the kind decides the exit code (`main`), the message
//! is already in the chosen language. The library's own errors (`StoreError`,
//! `RepoError`, ...) convert into it; nothing here knows about the terminal or clap.

/// A command that could not do its job.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum CliError {
    /// The request itself is wrong: exit 2.
    #[error("{0}")]
    #[diagnostic(code(dabir::usage))]
    Usage(String),
    /// The environment failed: exit 3.
    #[error("{0}")]
    #[diagnostic(code(dabir::could_not_run))]
    CouldNotRun(String),
}

impl CliError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage(_) => 2,
            CliError::CouldNotRun(_) => 3,
        }
    }
}

impl From<crate::repo::RepoError> for CliError {
    fn from(e: crate::repo::RepoError) -> Self {
        match e {
            crate::repo::RepoError::BadRev { .. } => CliError::Usage(e.to_string()),
            _ => CliError::CouldNotRun(e.to_string()),
        }
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError::CouldNotRun(e.to_string())
    }
}

impl From<crate::clock::BadClock> for CliError {
    fn from(e: crate::clock::BadClock) -> Self {
        CliError::Usage(e.to_string())
    }
}
