//! The `dabir` binary: parse the command line, run, and map the outcome to the exit code.
//! This is the only place that exits.

use std::process::ExitCode;

use clap::Parser;
use dabir::cli::{self, Cli, Status};

/// Parsing and the caches allocate many small strings; mimalloc does that in about half
/// the time of glibc's allocator (benches/README.md).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli::run(cli) {
        Ok(Status::Clean) => ExitCode::SUCCESS,
        Ok(Status::Findings) => ExitCode::from(1),
        Err(cli::CliError::Closed) => ExitCode::SUCCESS,
        Err(e) => {
            let code = e.exit_code();
            eprintln!("{:?}", miette::Report::new(e));
            ExitCode::from(code)
        }
    }
}
