//! How a command fails, as a type: the kind decides the exit code (`main`), the message
//! is already in the chosen language. The library's own errors (`StoreError`,
//! `RepoError`, ...) convert into it; nothing here knows about the terminal or clap.

/// A command that could not do its job.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The request itself is wrong: exit 2.
    #[error("{0}")]
    Usage(String),
    /// A rule forbids the write (nothing was written): exit 2, as a usage error, but its
    /// diagnostic code is the rule's id.
    #[error("{message}")]
    Refused { rule: String, message: String },
    /// The environment failed: exit 3.
    #[error("{0}")]
    CouldNotRun(String),
    /// Whoever read the output stopped reading (`dabir show ID | head -1`): a normal
    /// end, exit 0.
    #[error("stdout closed")]
    Closed,
}

impl CliError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage(_) | CliError::Refused { .. } => 2,
            CliError::CouldNotRun(_) => 3,
            CliError::Closed => 0,
        }
    }
}

impl CliError {
    /// The diagnostic code: the kind of error, or for a refusal the rule's id.
    fn code(&self) -> Option<&str> {
        match self {
            CliError::Usage(_) => Some("dabir::usage"),
            CliError::Refused { rule, .. } => Some(rule),
            CliError::CouldNotRun(_) => Some("dabir::could_not_run"),
            CliError::Closed => None,
        }
    }
}

impl miette::Diagnostic for CliError {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        CliError::code(self).map(|c| Box::new(c) as Box<dyn std::fmt::Display>)
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
            // A rule id reads the same in both languages.
            (CliError::Refused { rule, .. }, _) => rule.as_str(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use miette::Diagnostic;

    #[test]
    fn a_refusal_is_its_own_kind_coded_by_its_rule() {
        let e = CliError::Refused {
            rule: "R-MTG-2".into(),
            message: "refused".into(),
        };
        assert_eq!(e.exit_code(), 2);
        assert_eq!(e.code().map(|c| c.to_string()).as_deref(), Some("R-MTG-2"));
        for lang in [crate::model::Lang::En, crate::model::Lang::Fa] {
            let shown = Shown {
                error: CliError::Refused {
                    rule: "R-MTG-2".into(),
                    message: "refused".into(),
                },
                lang,
            };
            assert_eq!(
                shown.code().map(|c| c.to_string()).as_deref(),
                Some("R-MTG-2")
            );
        }
        let usage = CliError::Usage("bad flag".into());
        assert_eq!(usage.exit_code(), 2);
        assert_eq!(
            Diagnostic::code(&usage).map(|c| c.to_string()).as_deref(),
            Some("dabir::usage")
        );
    }
}
