//! `fauxport`: a fake of Labelbox's export API for LLM prompt/response data, and a contract-test
//! harness. See the README for the commands and ARCHITECTURE.md for the code map.

mod cmd;
mod exit_codes;
mod replay_file;
mod world_file;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// A fake of Labelbox's export API for LLM prompt/response data, and a contract-test harness.
#[derive(Debug, Parser)]
#[command(name = "fauxport", version, about, long_about = None)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the Labelbox-compatible export server on a generated world.
    Serve(cmd::serve::Args),
    /// Ask a running server's `GET /healthz`: exit 0 when it answers 200, 1 otherwise (the
    /// container's health check).
    Healthcheck(cmd::healthcheck::Args),
    /// Write deterministic NDJSON export rows.
    Generate(cmd::generate::Args),
    /// Check NDJSON export rows against the contract (schema and semantic invariants).
    Validate(cmd::validate::Args),
    /// Print the JSON Schema of the contract.
    Schema(cmd::schema::Args),
    /// Regenerate (or check) the committed fixtures in `fixtures/`.
    Fixtures(cmd::fixtures::Args),
    /// List the fault scenarios (or print one's definition).
    Scenarios(cmd::scenarios::Args),
    /// Run a client command against fauxport under every scenario and say what it got wrong.
    Check(cmd::check::Args),
    /// Export a project with fauxport's Rust client (check's Rust reference client).
    Fetch(cmd::fetch::Args),
    /// Load-test a server: N virtual clients export under a scenario mix; throughput, latency
    /// percentiles, failures, and every row checked against the truth.
    Load(cmd::load::Args),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(cmd::completions::Args),
    /// Print the man page, or write one per command into a folder.
    Man(cmd::man::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Commands that only write a stream: a reader that stops early (`| head`) is not a failure.
    let producer = matches!(
        cli.command,
        Command::Generate(_)
            | Command::Schema(_)
            | Command::Scenarios(_)
            | Command::Completions(_)
            | Command::Man(_)
    );
    let result = match cli.command {
        Command::Serve(args) => cmd::serve::run(args),
        Command::Healthcheck(args) => cmd::healthcheck::run(args),
        Command::Generate(args) => cmd::generate::run(args),
        Command::Validate(args) => cmd::validate::run(args),
        Command::Schema(args) => cmd::schema::run(args),
        Command::Fixtures(args) => cmd::fixtures::run(args),
        Command::Scenarios(args) => cmd::scenarios::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Fetch(args) => cmd::fetch::run(args),
        Command::Load(args) => cmd::load::run(args),
        Command::Completions(args) => cmd::completions::run(args),
        Command::Man(args) => cmd::man::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) if producer && exit_codes::closed_output(&err) => ExitCode::from(exit_codes::OK),
        Err(err) => {
            eprintln!("fauxport: error: {err:#}");
            exit_codes::failure(&err)
        }
    }
}
