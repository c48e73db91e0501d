//! The command line: global flags, the command list, dispatch, and the exit codes.
//!
//! Exit codes mean one thing each:
//! - 0: clean (no errors; no warnings either under `--strict`);
//! - 1: findings (errors, or warnings under `--strict`; for `brief`, something blocks the meeting);
//! - 2: usage error (bad flags or arguments, a refused write);
//! - 3: could not run (no repository, I/O, git).

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::commands;
use crate::model::{JDate, Lang};
use crate::render::Format;

pub use crate::commands::{ColorChoice, Globals, Status, parse_date};
pub use crate::error::CliError;

/// dabir (دبیر): the records of the provincial business-cluster development committee,
/// kept as YAML in git.
#[derive(Debug, Parser)]
#[command(name = "dabir", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    /// The records repository (default: the current directory or its nearest ancestor
    /// holding dabir.yaml).
    #[arg(
        short = 'C',
        value_name = "DIR",
        global = true,
        help_heading = "Global options"
    )]
    pub dir: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human, global = true, help_heading = "Global options")]
    pub format: Format,
    /// Language of messages (default: the repository's config, else Persian).
    #[arg(long, value_enum, global = true, help_heading = "Global options")]
    pub lang: Option<LangArg>,
    /// The date checks are evaluated at, Solar Hijri (default: today in Iran).
    #[arg(long, value_name = "DATE", value_parser = parse_date, global = true, help_heading = "Global options")]
    pub as_of: Option<JDate>,
    /// Print only what scripts need: no progress, no finding details for people.
    #[arg(short, long, global = true, help_heading = "Global options")]
    pub quiet: bool,
    /// Colour in human output: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto, global = true, help_heading = "Global options")]
    pub color: ColorChoice,
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
    /// Clusters: register, assess, advance one stage, appoint the CDA or TA.
    #[command(subcommand)]
    Cluster(commands::cluster::ClusterCmd),
    /// Cluster supervisors: appoint for a year.
    #[command(subcommand)]
    Supervisor(commands::cluster::SupervisorCmd),
    /// Action plans: register, revise a budget line, money trail.
    #[command(subcommand)]
    Plan(commands::plan::PlanCmd),
    /// The national annual programme: adopt it, record quarterly progress on its axes.
    #[command(subcommand)]
    Programme(commands::programme::ProgrammeCmd),
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
    List(commands::list::ListArgs),
    Sync(commands::sync::SyncArgs),
    /// The national office: provinces as git remotes, fetched, checked and rolled up.
    #[command(subcommand)]
    National(commands::national::NationalCmd),
    Site(commands::site::SiteArgs),
    Completions(commands::completions::CompletionsArgs),
    Man(commands::man::ManArgs),
    Attach(commands::attach::AttachArgs),
    Export(commands::export::ExportArgs),
    Calendar(commands::calendar::CalendarArgs),
    Audit(commands::audit::AuditArgs),
    Checkpoint(commands::checkpoint::CheckpointArgs),
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
        color: cli.color,
    };
    // Error reports (miette) follow the same choice, judged for stderr.
    let color = globals.color.enabled(std::io::stderr().is_terminal());
    let _ = miette::set_hook(Box::new(move |_| {
        Box::new(miette::MietteHandlerOpts::new().color(color).build())
    }));
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
        Command::Programme(cmd) => commands::programme::run(&globals, cmd),
        Command::Report(cmd) => commands::report::run(&globals, cmd),
        Command::Review(cmd) => commands::report::run_review(&globals, cmd),
        Command::Dispute(cmd) => commands::dispute::run(&globals, cmd),
        Command::Edit(args) => commands::edit::run(&globals, args),
        Command::Show(args) => commands::show::run(&globals, args),
        Command::Log(args) => commands::log::run(&globals, args),
        Command::Unlock(args) => commands::unlock::run(&globals, args),
        Command::List(args) => commands::list::run(&globals, args),
        Command::Print(cmd) => commands::print::run(&globals, cmd),
        Command::Sync(args) => commands::sync::run(&globals, args),
        Command::National(cmd) => commands::national::run(&globals, cmd),
        Command::Site(args) => commands::site::run(&globals, args),
        Command::Completions(args) => commands::completions::run(Cli::command(), args),
        Command::Man(args) => commands::man::run(Cli::command(), args),
        Command::Attach(args) => commands::attach::run(&globals, args),
        Command::Export(args) => commands::export::run(&globals, args),
        Command::Calendar(args) => commands::calendar::run(&globals, args),
        Command::Audit(args) => commands::audit::run(&globals, args),
        Command::Checkpoint(args) => commands::checkpoint::run(&globals, args),
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

    /// Every option and argument of every command has a description, none ends in
    /// "..." (an enum's values are all listed), and the global options are shown apart
    /// from the command's own.
    #[test]
    fn every_option_is_described() {
        fn walk(c: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for a in c.get_arguments() {
                let id = a.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
                if help.trim().is_empty() || help.trim_end().ends_with("...") {
                    missing.push(format!("{path} --{id}: {help:?}"));
                }
                if a.is_global_set() && a.get_help_heading() != Some("Global options") {
                    missing.push(format!("{path} --{id}: global, not under Global options"));
                }
            }
            for sub in c.get_subcommands() {
                walk(sub, &format!("{path} {}", sub.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        let mut c = Cli::command();
        c.build();
        walk(&c, "dabir", &mut missing);
        assert!(missing.is_empty(), "{}", missing.join("\n"));
    }

    /// The ids `--help` gives as examples are the README's (the sample province's).
    #[test]
    fn help_examples_are_the_readmes_ids() {
        fn walk(c: &mut clap::Command, out: &mut String) {
            out.push_str(&c.render_long_help().to_string());
            for sub in c.get_subcommands_mut() {
                walk(sub, out);
            }
        }
        let mut help = String::new();
        let mut c = Cli::command();
        c.build();
        walk(&mut c, &mut help);
        let readme = include_str!("../README.md");
        let ids: Vec<&str> = help
            .split(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '-'))
            .filter(|w| w.starts_with("ESF-") && w.len() > 4)
            .map(|w| w.trim_end_matches('-'))
            .collect();
        assert!(!ids.is_empty());
        for id in ids {
            assert!(
                readme.contains(id),
                "{id} is in --help but not in README.md"
            );
        }
    }
}
