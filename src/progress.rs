//! A progress bar on stderr for long runs (site builds, big checks): hidden when stderr is
//! not a terminal or with `--quiet`, so scripts and logs never see it.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::diag::Text;
use crate::model::Lang;

/// The bar of one run (a spinner until the amount of work is known).
pub struct Progress {
    bar: ProgressBar,
    lang: Lang,
}

impl Progress {
    /// A bar drawn on stderr, or a hidden one when `quiet` or stderr is not a terminal.
    pub fn new(quiet: bool, lang: Lang) -> Progress {
        let visible = !quiet && std::io::stderr().is_terminal();
        Progress::with_target(
            if visible {
                ProgressDrawTarget::stderr()
            } else {
                ProgressDrawTarget::hidden()
            },
            lang,
        )
    }

    fn with_target(target: ProgressDrawTarget, lang: Lang) -> Progress {
        let bar = ProgressBar::with_draw_target(None, target);
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        Progress { bar, lang }
    }

    /// Whether anything is drawn.
    pub fn is_hidden(&self) -> bool {
        self.bar.is_hidden()
    }

    /// What the run is doing now.
    pub fn message(&self, what: Text) {
        self.bar.set_message(what.get(self.lang).to_string());
    }

    /// Start counting `total` steps of `what`.
    pub fn start(&self, total: u64, what: Text) {
        self.bar.set_length(total);
        self.bar.set_position(0);
        self.bar.set_style(
            ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        self.message(what);
    }

    pub fn inc(&self, n: u64) {
        self.bar.inc(n);
    }

    /// Clear the bar from the terminal.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quiet_hides_the_bar() {
        assert!(Progress::new(true, Lang::En).is_hidden());
    }
}
