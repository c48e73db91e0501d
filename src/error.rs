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
    /// Whoever read the output stopped reading (`dabir show ID | head -1`): a normal
    /// end, exit 0.
    #[error("stdout closed")]
    Closed,
}

impl CliError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage(_) => 2,
            CliError::CouldNotRun(_) => 3,
            CliError::Closed => 0,
        }
    }
}

impl From<crate::repo::RepoError> for CliError {
    fn from(e: crate::repo::RepoError) -> Self {
        match e {
            crate::repo::RepoError::BadRev { .. } => CliError::Usage(e.to_string()),
            crate::repo::RepoError::TooLarge { .. } => CliError::Usage(e.to_string()),
            _ => CliError::CouldNotRun(e.to_string()),
        }
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return CliError::Closed;
        }
        CliError::CouldNotRun(e.to_string())
    }
}

impl From<crate::clock::BadClock> for CliError {
    fn from(e: crate::clock::BadClock) -> Self {
        CliError::Usage(e.to_string())
    }
}

/// A [`CliError`] as shown to a person in `lang`: in Persian the header that names its
/// kind is Persian too (the message already is).
#[derive(Debug)]
pub struct Shown {
    pub error: CliError,
    pub lang: crate::model::Lang,
}

impl std::fmt::Display for Shown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.error.fmt(f)
    }
}

impl std::error::Error for Shown {}

impl miette::Diagnostic for Shown {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        use crate::model::Lang;
        let code = match (&self.error, self.lang) {
            (CliError::Usage(_), Lang::En) => "dabir::usage",
            (CliError::CouldNotRun(_), Lang::En) => "dabir::could_not_run",
            (CliError::Usage(_), Lang::Fa) => "دبیر: درخواست پذیرفته نشد",
            (CliError::CouldNotRun(_), Lang::Fa) => "دبیر: اجرا نشد",
            // A closed stdout ends quietly (`main` prints nothing for it).
            (CliError::Closed, _) => return None,
        };
        Some(Box::new(code))
    }
}
