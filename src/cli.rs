//! The command line: global flags, the command list, dispatch, and the exit codes.
//!
//! Exit codes mean one thing each:
//! - 0: clean (no errors; no warnings either under `--strict`);
//! - 1: findings (errors, or warnings under `--strict`; for `brief`, something blocks the meeting);
//! - 2: usage error (bad flags or arguments, a refused write);
//! - 3: could not run (no repository, I/O, git).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::commands;
use crate::model::{JDate, Lang};
use crate::render::Format;

pub use crate::commands::{Globals, Status, parse_date};
pub use crate::error::CliError;

/// dabir (دبیر): the records of the provincial business-cluster development committee,
/// kept as YAML in git.
#[derive(Debug, Parser)]
#[command(name = "dabir", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    /// The records repository (default: the current directory or its nearest ancestor
    /// holding dabir.yaml).
    #[arg(short = 'C', value_name = "DIR", global = true)]
    pub dir: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human, global = true)]
    pub format: Format,
    /// Language of messages (default: the repository's config, else Persian).
    #[arg(long, value_enum, global = true)]
    pub lang: Option<LangArg>,
    /// The date checks are evaluated at, Solar Hijri (default: today in Iran).
    #[arg(long, value_name = "DATE", value_parser = parse_date, global = true)]
    pub as_of: Option<JDate>,
    /// Print only what scripts need: no progress, no finding details for people.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Fa,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Fa => Lang::Fa,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Check(commands::check::CheckArgs),
    Brief(commands::brief::BriefArgs),
    Rules(commands::rules::RulesArgs),
    Explain(commands::explain::ExplainArgs),
    Init(commands::init::InitArgs),
    /// Organisations: add, rename.
    #[command(subcommand)]
    Body(commands::body::BodyCmd),
    /// People: add, rename.
    #[command(subcommand)]
    Person(commands::person::PersonCmd),
    /// Committees: add.
    #[command(subcommand)]
    Committee(commands::committee::CommitteeCmd),
    /// Committee seats: appoint, end, substitute.
    #[command(subcommand)]
    Member(commands::member::MemberCmd),
    /// Meetings: schedule, agenda, invitation, minutes.
    #[command(subcommand)]
    Meeting(commands::meeting::MeetingCmd),
    /// Decisions: dispatch, progress, done, carry-over.
    #[command(subcommand)]
    Decision(commands::decision::DecisionCmd),
    /// Clusters: register, assess, advance one stage.
    #[command(subcommand)]
    Cluster(commands::cluster::ClusterCmd),
    /// Cluster supervisors: appoint for a year.
    #[command(subcommand)]
    Supervisor(commands::cluster::SupervisorCmd),
    /// Action plans: register, revise a budget line, money trail.
    #[command(subcommand)]
    Plan(commands::plan::PlanCmd),
    /// Quarterly reports: receive.
    #[command(subcommand)]
    Report(commands::report::ReportCmd),
    /// Supervisor reviews: record.
    #[command(subcommand)]
    Review(commands::report::ReviewCmd),
    /// Disputes: raise, provincial outcome, escalate, resolve.
    #[command(subcommand)]
    Dispute(commands::dispute::DisputeCmd),
    Edit(commands::edit::EditArgs),
    Show(commands::show::ShowArgs),
    Log(commands::log::LogArgs),
    Unlock(commands::unlock::UnlockArgs),
    Sync(commands::sync::SyncArgs),
    /// The national office: provinces as git remotes, fetched, checked and rolled up.
    #[command(subcommand)]
    National(commands::national::NationalCmd),
    /// Printed documents (PDF): minutes, invitation, dispatch letter, dossier.
    #[command(subcommand)]
    Print(commands::print::PrintCmd),
}

/// Run the parsed command line.
pub fn run(cli: Cli) -> Result<Status, CliError> {
    let globals = Globals {
        dir: cli.dir.unwrap_or_else(|| PathBuf::from(".")),
        format: cli.format,
        lang: cli.lang.map(Lang::from),
        as_of: cli.as_of,
        quiet: cli.quiet,
    };
    match cli.command {
        Command::Check(args) => commands::check::run(&globals, args),
        Command::Brief(args) => commands::brief::run(&globals, args),
        Command::Rules(args) => commands::rules::run(&globals, args),
        Command::Explain(args) => commands::explain::run(&globals, args),
        Command::Init(args) => commands::init::run(&globals, args),
        Command::Body(cmd) => commands::body::run(&globals, cmd),
        Command::Person(cmd) => commands::person::run(&globals, cmd),
        Command::Committee(cmd) => commands::committee::run(&globals, cmd),
        Command::Member(cmd) => commands::member::run(&globals, cmd),
        Command::Meeting(cmd) => commands::meeting::run(&globals, cmd),
        Command::Decision(cmd) => commands::decision::run(&globals, cmd),
        Command::Cluster(cmd) => commands::cluster::run(&globals, cmd),
        Command::Supervisor(cmd) => commands::cluster::run_supervisor(&globals, cmd),
        Command::Plan(cmd) => commands::plan::run(&globals, cmd),
        Command::Report(cmd) => commands::report::run(&globals, cmd),
        Command::Review(cmd) => commands::report::run_review(&globals, cmd),
        Command::Dispute(cmd) => commands::dispute::run(&globals, cmd),
        Command::Edit(args) => commands::edit::run(&globals, args),
        Command::Show(args) => commands::show::run(&globals, args),
        Command::Log(args) => commands::log::run(&globals, args),
        Command::Unlock(args) => commands::unlock::run(&globals, args),
        Command::Print(cmd) => commands::print::run(&globals, cmd),
        Command::Sync(args) => commands::sync::run(&globals, args),
        Command::National(cmd) => commands::national::run(&globals, cmd),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
