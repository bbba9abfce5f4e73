//! `fauxport check -- <client command>`: runs a client against a fauxport server under every
//! scenario of the matrix and says what it got wrong.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use fauxport_check::{CheckConfig, CheckError, report, snapshot};

use super::serve::load_scenarios;
use crate::exit_codes::{self, Usage};

/// Arguments of `fauxport check`.
#[derive(Debug, clap::Args)]
#[command(after_help = CONTRACT)]
pub(crate) struct Args {
    /// Scenarios to run, comma-separated (default: every scenario of check's matrix; see
    /// `fauxport scenarios`).
    #[arg(long, value_delimiter = ',')]
    scenarios: Vec<String>,
    /// Also know the scenarios in these TOML files (run them by naming them in --scenarios).
    #[arg(long = "scenario-file", value_name = "FILE", value_delimiter = ',')]
    scenario_files: Vec<PathBuf>,
    /// The seed of the world and of the scenarios' faults.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Rows per project (at most 100000000).
    #[arg(long, default_value_t = 240, value_parser = clap::value_parser!(u64).range(0..=fauxport_gen::world::MAX_PROJECT_ROWS))]
    rows: u64,
    /// Lines per page.
    #[arg(long, default_value_t = 50)]
    page_rows: u64,
    /// Which project of the default world the client exports: 0 prompt-response creation,
    /// 1 prompt creation, 2 response creation, 3 conversational preference.
    #[arg(long, default_value_t = 0)]
    project: usize,
    /// How many scenarios run at once (1-64). Each has its own API key, so faults, call
    /// counters and the journal stay per scenario, and the report keeps the matrix's order.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=64))]
    parallel: u16,
    /// Time limit per scenario, in seconds. The command runs in its own process group (Unix),
    /// killed whole on the limit and at the end of each run.
    #[arg(long, default_value_t = 180)]
    timeout_secs: u64,
    /// Write a JUnit XML report here.
    #[arg(long, value_name = "FILE")]
    junit: Option<PathBuf>,
    /// Write the whole report as JSON here.
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Compare the client's behaviour with the snapshots in DIR (one per scenario, written
    /// when missing; a difference fails the check and is written beside it as `.snap.new`).
    #[arg(long, value_name = "DIR")]
    snapshots: Option<PathBuf>,
    /// With --snapshots: replace snapshots that differ.
    #[arg(long, requires = "snapshots")]
    accept: bool,
    /// Keep each run's files (rows, errors, exception, stdout, stderr) here; default: a
    /// temporary directory, removed when every scenario passes.
    #[arg(long, value_name = "DIR")]
    work_dir: Option<PathBuf>,
    /// The client command and its arguments.
    #[arg(last = true, required = true, value_name = "CLIENT COMMAND")]
    command: Vec<String>,
}

const CONTRACT: &str = "\
The client is run once per scenario with these environment variables:
  FAUXPORT_ENDPOINT       GraphQL URL (http://127.0.0.1:PORT/graphql)
  FAUXPORT_BASE_URL       http://127.0.0.1:PORT (the SDK's rest_endpoint is $FAUXPORT_BASE_URL/api/v1)
  FAUXPORT_API_KEY        fauxport:<scenario>:<seed>, which selects the scenario
  FAUXPORT_PROJECT_ID     the project to export
  FAUXPORT_SCENARIO, FAUXPORT_SEED   for information
  FAUXPORT_ROWS_OUT       write every result row received here, one JSON object per line
  FAUXPORT_ERRORS_OUT     write every error line received here (create it, even empty, if you read the errors stream)
  FAUXPORT_EXCEPTION_OUT  on failure, write {\"type\": \"...\", \"message\": \"...\"} here
  FAUXPORT_WORK_DIR       a scratch directory
It exits 0 when it believes it exported everything, non-zero when it surfaces a failure.

Exit codes: 0 every scenario passed; 1 at least one failed (or a snapshot differs);
2 usage error (unknown scenario, bad scenario file); 4 the server or the client could not start.";

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (work_dir, temporary) = match &args.work_dir {
        Some(d) => (d.clone(), false),
        None => (
            std::env::temp_dir().join(format!("fauxport-check-{}", std::process::id())),
            true,
        ),
    };
    let mut config = CheckConfig::new(args.command.clone(), work_dir.clone());
    config.scenarios = args.scenarios.clone();
    config.scenario_files = load_scenarios(&args.scenario_files)?;
    config.seed = args.seed;
    config.rows = args.rows;
    config.page_rows = args.page_rows;
    config.project = args.project;
    config.timeout = Duration::from_secs(args.timeout_secs.max(1));
    config.parallel = usize::from(args.parallel);

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the runtime")?;
    eprintln!("fauxport check: {}", args.command.join(" "));
    let result = runtime.block_on(fauxport_check::run(&config, |r| {
        eprintln!(
            "  {:<18} {:<4}  {} ({:.1} s)",
            r.scenario,
            if r.passed { "pass" } else { "FAIL" },
            r.outcome,
            r.run.seconds
        );
    }));
    let report = match result {
        Ok(r) => r,
        Err(CheckError::Usage(m)) => return Err(Usage(m).into()),
        Err(e @ CheckError::Io(_)) => return Err(e.into()),
    };
    println!("{}", report::table(&report));
    let mut ok = report.passed();
    if let Some(path) = &args.junit {
        std::fs::write(path, report::junit(&report))
            .with_context(|| format!("writing {}", path.display()))?;
    }
    if let Some(path) = &args.json {
        let text = serde_json::to_string_pretty(&report::json(&report))?;
        std::fs::write(path, text + "\n").with_context(|| format!("writing {}", path.display()))?;
    }
    if let Some(dir) = &args.snapshots {
        for s in &report.scenarios {
            let outcome = snapshot::compare(dir, s, args.accept)
                .with_context(|| format!("writing snapshots in {}", dir.display()))?;
            match outcome {
                snapshot::Outcome::Unchanged => {}
                snapshot::Outcome::Written => {
                    println!(
                        "snapshot written: {}",
                        snapshot::path(dir, &s.scenario).display()
                    );
                }
                snapshot::Outcome::Accepted => {
                    println!(
                        "snapshot accepted: {}",
                        snapshot::path(dir, &s.scenario).display()
                    );
                }
                snapshot::Outcome::Changed(lines) => {
                    ok = false;
                    println!(
                        "snapshot differs: {} (new one beside it as .snap.new; --accept replaces it)",
                        snapshot::path(dir, &s.scenario).display()
                    );
                    for l in lines {
                        println!("    {l}");
                    }
                }
            }
        }
    }
    if temporary && report.passed() {
        let _ = std::fs::remove_dir_all(&work_dir);
    } else {
        println!("each run's files: {}", work_dir.display());
    }
    Ok(exit_codes::verdict(ok))
}
