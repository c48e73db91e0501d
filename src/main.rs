//! The `dabir` binary: parse the command line, run, and map the outcome to the exit code.
//! This is the only place that exits.

use std::process::ExitCode;

use clap::Parser;
use dabir::cli::{self, Cli, Status};
use dabir::model::Lang;

/// Parsing and the caches allocate many small strings; mimalloc does that in about half
/// the time of glibc's allocator (benches/README.md).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Every write path (records, `init`, `sync`, `unlock`) fsyncs what libgit2 writes.
    dabir::store::fsync::configure();
    let code = run();
    if std::env::var_os("DABIR_TRACE").is_some() {
        trace_peak_memory();
    }
    code
}

/// The process's own peak resident memory (`VmHWM`, Linux), for the benchmarks and the
/// hostile-input tests: the parent's `wait4` figure also counts the memory of the
/// process that spawned dabir, since `exec` carries the old peak over.
fn trace_peak_memory() {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    if let Some(kb) = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
    {
        eprintln!("dabir-trace peak: {kb} KB");
    }
}

fn run() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            // In Persian mode an argument error is said in Persian (help stays clap's).
            let fa = (e.use_stderr() && dabir::render::args::lang_of(&args) == Lang::Fa)
                .then(|| dabir::render::args::persian(&e))
                .flatten();
            match fa {
                Some(text) => eprint!("{text}"),
                None => {
                    let _ = e.print();
                }
            }
            return ExitCode::from(code);
        }
    };
    match cli::run(cli) {
        Ok(Status::Clean) => ExitCode::SUCCESS,
        Ok(Status::Findings) => ExitCode::from(1),
        Err(cli::CliError::Closed) => ExitCode::SUCCESS,
        Err(e) => {
            let code = e.exit_code();
            let lang = dabir::render::args::lang_of(&args);
            eprintln!(
                "{:?}",
                miette::Report::new(dabir::error::Shown { error: e, lang })
            );
            ExitCode::from(code)
        }
    }
}
