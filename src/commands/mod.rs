//! One module per command: an `XxxArgs` struct (its doc comment is the `--help` text) and
//! a `run` function that translates between the terminal and the domain.

pub mod check;
pub mod explain;
pub mod rules;
