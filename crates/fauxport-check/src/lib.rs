//! `fauxport check`: runs a client command against a live fauxport server once per scenario
//! and says what it got wrong.
//!
//! For each scenario the harness gives the client the environment in [`client::env`] (an API
//! key selecting the scenario, the project, output paths), waits for it, then compares what it
//! wrote with the ground truth (the task it created, rendered again: [`compare`]) and its
//! requests with the journal ([`calls`]). The verdict follows the scenario's expectation:
//! `complete` (every row exactly once, errors read, exit 0), `surface` (a visible failure) or
//! `complete-or-surface`; never a silent partial export; no hammering.

pub mod calls;
pub mod client;
pub mod compare;
pub mod report;
pub mod snapshot;
pub mod truth;
mod verdict;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use fauxport_gen::{World, WorldSpec};
use fauxport_server::export::TaskStatus;
use fauxport_server::journal::Filter;
use fauxport_server::scenario::Scenario;
use fauxport_server::scenario::registry::DefaultScenario;
use fauxport_server::{AppState, ServerConfig};
use futures_util::StreamExt;
use serde::Serialize;

use client::Invocation;
use verdict::judge;
pub use verdict::{Problem, ScenarioReport};

/// What to check.
#[derive(Debug, Clone)]
pub struct CheckConfig {
    /// The client command and its arguments.
    pub command: Vec<String>,
    /// Scenario names; empty: every scenario in check's default matrix.
    pub scenarios: Vec<String>,
    /// Extra scenarios (from files).
    pub scenario_files: Vec<Scenario>,
    /// The seed of the world and of the scenarios' faults.
    pub seed: u64,
    /// Rows per project.
    pub rows: u64,
    /// Lines per page.
    pub page_rows: u64,
    /// Which project the client exports (index in the default world: 0 prompt-response
    /// creation, 1 prompt creation, 2 response creation, 3 conversational preference).
    pub project: usize,
    /// Time limit per scenario.
    pub timeout: Duration,
    /// Where each run's files go (`<dir>/<scenario>/`).
    pub work_dir: PathBuf,
    /// How many scenarios run at once (at least 1). Each scenario has its own API key, so
    /// its faults, call counters and journal entries are its own whatever runs beside it.
    pub parallel: usize,
}

impl CheckConfig {
    /// Defaults: seed 42, 240 rows in pages of 50 (five pages, the last short), project 0,
    /// 180 s per scenario, one scenario at a time.
    pub fn new(command: Vec<String>, work_dir: PathBuf) -> CheckConfig {
        CheckConfig {
            command,
            scenarios: Vec::new(),
            scenario_files: Vec::new(),
            seed: 42,
            rows: 240,
            page_rows: 50,
            project: 0,
            timeout: Duration::from_secs(180),
            work_dir,
            parallel: 1,
        }
    }
}

/// Why a check could not run at all.
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    /// Bad settings: an unknown scenario, a clashing scenario file, a bad project index.
    #[error("{0}")]
    Usage(String),
    /// The server or the client could not be started.
    #[error("{0}")]
    Io(String),
}

/// The whole check.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    /// The client command.
    pub command: Vec<String>,
    /// The seed.
    pub seed: u64,
    /// One report per scenario, in the order run.
    pub scenarios: Vec<ScenarioReport>,
}

impl CheckReport {
    /// Whether every scenario passed.
    pub fn passed(&self) -> bool {
        self.scenarios.iter().all(|s| s.passed)
    }
}

/// Runs the check: starts a server on `127.0.0.1:0`, runs the client once per scenario (up to
/// `config.parallel` at once), stops the server. Reports come in the matrix's order whatever
/// order the runs end in; `progress` hears about each in that order.
pub async fn run(
    config: &CheckConfig,
    mut progress: impl FnMut(&ScenarioReport),
) -> Result<CheckReport, CheckError> {
    let world = World::new(WorldSpec::default_world(config.seed, config.rows))
        .map_err(|e| CheckError::Usage(e.0))?;
    let project_id = world
        .projects
        .get(config.project)
        .map(|p| p.id.as_str().to_owned())
        .ok_or_else(|| {
            CheckError::Usage(format!(
                "project: {} is not a project index of the default world (0-{})",
                config.project,
                world.projects.len() - 1
            ))
        })?;
    let mut server_config = ServerConfig::for_seed(config.seed);
    server_config.export.page_rows = config.page_rows.max(1);
    server_config.scenario_files = config.scenario_files.clone();
    server_config.journal_capacity = 200_000;
    let state = AppState::new(world, server_config).map_err(|e| CheckError::Usage(e.0))?;
    let scenarios = select(&state, &config.scenarios)?;

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| CheckError::Io(format!("cannot listen on 127.0.0.1: {e}")))?;
    let base_url = format!(
        "http://{}",
        listener
            .local_addr()
            .map_err(|e| CheckError::Io(e.to_string()))?
    );
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(fauxport_server::serve(listener, state.clone(), async {
        let _ = stopped.await;
    }));

    let mut reports = Vec::new();
    let mut failure = None;
    let mut runs = futures_util::stream::iter(scenarios)
        .map(|scenario| {
            let (state, base_url, project_id) = (&state, &base_url, &project_id);
            async move { run_one(config, state, &scenario, base_url, project_id).await }
        })
        .buffered(config.parallel.max(1));
    while let Some(result) = runs.next().await {
        match result {
            Ok(report) => {
                progress(&report);
                reports.push(report);
            }
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
    }
    // Dropping the runs still in flight kills their clients (`kill_on_drop`).
    drop(runs);
    let _ = stop.send(());
    let _ = server.await;
    if let Some(e) = failure {
        return Err(e);
    }
    Ok(CheckReport {
        command: config.command.clone(),
        seed: config.seed,
        scenarios: reports,
    })
}

/// The scenarios to run, by name, or the default matrix.
fn select(state: &AppState, names: &[String]) -> Result<Vec<Arc<Scenario>>, CheckError> {
    if names.is_empty() {
        return Ok(state
            .scenarios
            .list()
            .into_iter()
            .map(|(s, _)| s)
            .filter(|s| s.in_check)
            .collect());
    }
    names
        .iter()
        .map(|n| {
            state.scenarios.get(n).ok_or_else(|| {
                CheckError::Usage(format!(
                    "--scenarios: no scenario named {n:?}; known: {}",
                    state.scenarios.names().join(", ")
                ))
            })
        })
        .collect()
}

async fn run_one(
    config: &CheckConfig,
    state: &AppState,
    scenario: &Scenario,
    base_url: &str,
    project_id: &str,
) -> Result<ScenarioReport, CheckError> {
    let api_key = DefaultScenario {
        name: scenario.name.clone(),
        seed: Some(config.seed),
    }
    .api_key();
    let dir = config.work_dir.join(&scenario.name);
    let _ = std::fs::remove_dir_all(&dir);
    let run = client::run(&Invocation {
        command: &config.command,
        base_url,
        api_key: &api_key,
        project_id,
        scenario: &scenario.name,
        seed: config.seed,
        dir: &dir,
        timeout: config.timeout,
    })
    .await
    .map_err(|e| {
        CheckError::Io(format!(
            "cannot run the client {:?}: {e}",
            config.command.join(" ")
        ))
    })?;
    let entries = state
        .journal
        .snapshot(
            &Filter {
                api_key: Some(api_key.clone()),
                ..Filter::default()
            },
            None,
        )
        .entries;
    let calls = calls::summarise(&entries);
    let task = calls.tasks.last().and_then(|id| state.exports.get(id));
    // The page pass of a task the client abandoned may still be running: wait for it.
    if let Some(t) = &task {
        t.settle(Duration::from_secs(120)).await;
    }
    let status = task.as_ref().map(|t| t.status());
    // Only a COMPLETE task has rows a client should have; the others have none to deliver.
    let truth = task.filter(|t| t.status() == TaskStatus::Complete);
    let files = run.files.clone();
    // Rendering the truth again and reading the client's files is blocking work: off the
    // runtime, so that the server and the other scenarios' runs go on meanwhile.
    let ((rows, rows_digest), errors) = tokio::task::spawn_blocking(move || {
        let rows = compare::compare_rows(truth.as_deref(), &files.rows)
            .map_err(|e| CheckError::Io(format!("reading {}: {e}", files.rows.display())))?;
        let errors = compare::compare_errors(truth.as_deref(), &files.errors)
            .map_err(|e| CheckError::Io(format!("reading {}: {e}", files.errors.display())))?;
        Ok::<_, CheckError>((rows, errors))
    })
    .await
    .map_err(|e| CheckError::Io(format!("comparing the client's files: {e}")))??;
    let mut report = ScenarioReport {
        scenario: scenario.name.clone(),
        description: scenario.description.clone(),
        expect: scenario.expect,
        passed: false,
        outcome: "completed",
        problems: Vec::new(),
        run,
        api_key,
        task_status: status.map(|s| s.as_str().to_owned()),
        rows,
        rows_digest,
        errors,
        calls,
    };
    let wrote_rows = report.run.files.rows.exists();
    judge(&mut report, wrote_rows);
    Ok(report)
}
