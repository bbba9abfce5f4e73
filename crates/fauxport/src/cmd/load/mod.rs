//! `fauxport load`: N virtual clients run the whole export flow against a fauxport server (an
//! in-process one by default), each export under a scenario of a mix, and the run reports
//! throughput, latency percentiles per call kind, failures by kind, and every row checked
//! against the ground truth.

mod driver;
mod plan;
mod report;
mod stats;
mod truth;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use fauxport_client::{Client, ExportParams};
use fauxport_gen::{World, WorldSpec};
use fauxport_server::scenario::{Expect, Scenario};
use fauxport_server::{AppState, ServerConfig};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::json;

use self::driver::{Planned, Setup};
use self::plan::Weighted;
use self::report::Verdict;
use self::stats::Live;
use super::fetch::poll_secs;
use super::serve::load_scenarios;
use crate::exit_codes::{self, Usage};

/// Arguments of `fauxport load`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXIT_CODES)]
pub(crate) struct Args {
    /// Virtual clients, each a tokio task running exports one after another.
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    clients: u32,
    /// Start the clients evenly over this time (e.g. 10s).
    #[arg(long, default_value = "0s", value_parser = plan::duration)]
    ramp_up: Duration,
    /// Run this long (30s, 2m, 500ms); exports still running then are cut short and counted
    /// as started, not finished. Default 30s, unless --exports is given.
    #[arg(long, value_parser = positive_duration)]
    duration: Option<Duration>,
    /// Start this many exports in all, then stop when they have finished.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    exports: Option<u64>,
    /// Every export under this scenario (`fauxport scenarios` lists them).
    #[arg(long, conflicts_with = "mix")]
    scenario: Option<String>,
    /// Exports under a mix of scenarios by weight, e.g. happy=8,flaky-pages=1,slow-task=1.
    #[arg(long, value_parser = mix_arg)]
    mix: Option<Mix>,
    /// Also know the scenarios in these TOML files.
    #[arg(long = "scenario-file", value_name = "FILE", value_delimiter = ',')]
    scenario_files: Vec<PathBuf>,
    /// Use the plain download (`/projects/{id}/export.ndjson`) instead of the export protocol.
    #[arg(long)]
    plain: bool,
    /// A running server's GraphQL endpoint; default: a server started in-process.
    #[arg(long, value_name = "URL")]
    endpoint: Option<String>,
    /// The project to export: its index or id (default: the world's first project).
    #[arg(long, value_name = "INDEX|ID")]
    project: Option<String>,
    /// Export params: all, none, or SDK names separated by commas (label_details,attachments).
    #[arg(long, default_value = "all", value_parser = ExportParams::from_names)]
    params: ExportParams,
    /// The seed of the world (in-process, or to rebuild the truth of --endpoint's world) and of
    /// the scenarios' faults.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Rows per project of the default world (at most 100000000).
    #[arg(long, default_value_t = 2000, value_parser = clap::value_parser!(u64).range(0..=fauxport_gen::world::MAX_PROJECT_ROWS))]
    rows: u64,
    /// Lines per page (in-process server).
    #[arg(long, default_value_t = 1000)]
    page_rows: u64,
    /// Seconds between task polls (0.1 to 3600; the SDK polls every 2 s).
    #[arg(long, default_value_t = 2.0, value_parser = poll_secs)]
    poll_secs: f64,
    /// Do not check rows against the truth (e.g. --endpoint serves a world file or a replay).
    #[arg(long)]
    no_verify: bool,
    /// Print the report as one JSON object instead of the table.
    #[arg(long)]
    json: bool,
}

const EXIT_CODES: &str = "\
Exit codes: 0 every finished export verified (or --no-verify) and none failed unexpectedly;
1 rows lost, duplicated or altered in at least one export; 2 usage error (bad flags, unknown
scenario or project); 4 the in-process server could not start, or --endpoint did not answer
the world check; 5 exports failed under a scenario a correct client completes (e.g. happy). Failures a scenario expects (failed-task) are
counted by kind, not an error.";

/// `--mix`'s value (a newtype: clap takes a bare `Vec` for a repeated flag).
#[derive(Debug, Clone)]
struct Mix(Vec<Weighted>);

fn mix_arg(text: &str) -> Result<Mix, String> {
    plan::mix(text).map(Mix)
}

/// A duration that is not zero.
fn positive_duration(text: &str) -> Result<Duration, String> {
    match plan::duration(text)? {
        d if d.is_zero() => Err(format!("a duration must be more than zero, found {text:?}")),
        d => Ok(d),
    }
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the runtime")?;
    let (verdict, text) = runtime.block_on(load(&args))?;
    println!("{text}");
    Ok(ExitCode::from(match verdict {
        Verdict::Ok => exit_codes::OK,
        Verdict::RowsWrong => exit_codes::INVALID,
        Verdict::UnexpectedFailures => exit_codes::FAILED_EXPORTS,
    }))
}

/// The run: the server, the truth, the clients, the report.
async fn load(args: &Args) -> anyhow::Result<(Verdict, String)> {
    let world = World::new(WorldSpec::default_world(args.seed, args.rows))
        .map_err(|e| Usage(format!("the world: {}", e.0)))?;
    let mut config = ServerConfig::for_seed(args.seed);
    config.export.page_rows = args.page_rows.max(1);
    config.scenario_files = load_scenarios(&args.scenario_files)?;
    let state = AppState::new(world, config).map_err(|e| Usage(e.to_string()))?;
    let mix = match (&args.mix, &args.scenario) {
        (Some(Mix(mix)), _) => mix.clone(),
        (None, Some(name)) => plan::mix(name).map_err(|e| Usage(format!("--scenario: {e}")))?,
        (None, None) => plan::mix("happy").map_err(Usage)?,
    };
    let scenarios = mix
        .iter()
        .map(|w| {
            state.scenarios.get(&w.name).ok_or_else(|| {
                Usage(format!(
                    "no scenario named {:?}; known: {}",
                    w.name,
                    state.scenarios.names().join(", ")
                ))
            })
        })
        .collect::<Result<Vec<Arc<Scenario>>, Usage>>()?;
    let project = project(&state.world, args.project.as_deref())?;
    let project_id = state.world.projects[project].id.as_str().to_owned();

    // The server: started here, or a running one whose world must be ours to verify.
    let (endpoint, stop, server) = match &args.endpoint {
        Some(url) => (url.clone(), None, None),
        None => {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .context("cannot listen on 127.0.0.1")?;
            let url = format!("http://{}/graphql", listener.local_addr()?);
            let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
            let server = tokio::spawn(fauxport_server::serve(listener, state.clone(), async {
                let _ = stopped.await;
            }));
            (url, Some(stop), Some(server))
        }
    };
    let verification_off = if args.no_verify {
        Some("--no-verify".to_owned())
    } else if args.endpoint.is_some() {
        same_world(&endpoint, &state).await?
    } else {
        None
    };
    let truths = match verification_off {
        None => truth::build(&state, &scenarios, project, &args.params)
            .await
            .map_err(|e| anyhow::anyhow!("the ground truth: {e}"))?
            .into_iter()
            .map(Some)
            .collect(),
        Some(_) => vec![None; scenarios.len()],
    };
    let setup = Arc::new(Setup {
        endpoint: endpoint.clone(),
        project: project_id.clone(),
        params: args.params.clone(),
        plain: args.plain,
        clients: args.clients,
        ramp_up: args.ramp_up,
        duration: match (args.duration, args.exports) {
            (None, None) => Some(Duration::from_secs(30)),
            (d, _) => d,
        },
        exports: args.exports,
        poll: Duration::from_secs_f64(args.poll_secs),
        seed: args.seed,
        order: plan::order(&mix),
        scenarios: scenarios
            .iter()
            .zip(truths)
            .map(|(s, truth)| Planned {
                name: s.name.clone(),
                // The plain download meets the scenario as the paged flow does.
                completes: s.expect == Expect::Complete,
                truth,
            })
            .collect(),
    });
    let live = Arc::new(Live::default());
    let progress = progress(&live, args.exports);
    let outcome = driver::run(setup, Arc::clone(&live)).await;
    if let Some((bar, ticker)) = progress {
        ticker.abort();
        bar.finish_and_clear();
    }
    let cx = report::Context {
        mode: if args.plain { "plain" } else { "paged" },
        clients: args.clients,
        server: if stop.is_some() {
            "in-process".to_owned()
        } else {
            endpoint
        },
        project: project_id,
        verification_off,
        peak_rss_mb: if stop.is_some() {
            report::peak_rss_mb()
        } else {
            None
        },
    };
    if let (Some(stop), Some(server)) = (stop, server) {
        let _ = stop.send(());
        let _ = tokio::time::timeout(Duration::from_secs(10), server).await;
    }
    let text = if args.json {
        report::json(&outcome, &cx).to_string()
    } else {
        report::table(&outcome, &cx)
    };
    Ok((report::verdict(&outcome), text))
}

/// `--project`: an index or an id of the world; the first project when absent.
fn project(world: &World, wanted: Option<&str>) -> Result<usize, Usage> {
    let found = match wanted {
        None => world.projects.first().map(|p| p.index),
        Some(text) => match text.parse::<usize>() {
            Ok(i) => world.projects.get(i).map(|p| p.index),
            Err(_) => world.project_by_id(text).map(|p| p.index),
        },
    };
    found.ok_or_else(|| {
        let ids: Vec<&str> = world.projects.iter().map(|p| p.id.as_str()).collect();
        Usage(format!(
            "--project {}: not an index (0-{}) or id of the world ({})",
            wanted.unwrap_or_default(),
            world.projects.len().saturating_sub(1),
            ids.join(", ")
        ))
    })
}

/// Whether the server at `endpoint` serves the world of our seed and rows (same project ids
/// and row counts): `None` when it does, else why verification is off.
async fn same_world(endpoint: &str, state: &AppState) -> anyhow::Result<Option<String>> {
    let client = Client::new(endpoint, "fauxport:happy");
    let data = client
        .graphql(
            "query LoadWorldCheck { projects { id dataRowCount } }",
            json!({}),
        )
        .await
        .with_context(|| format!("asking {endpoint} for its projects"))?;
    let theirs: Vec<(String, u64)> = data["projects"]
        .as_array()
        .map(|ps| {
            ps.iter()
                .map(|p| {
                    let id = p["id"].as_str().unwrap_or_default().to_owned();
                    (id, p["dataRowCount"].as_u64().unwrap_or(u64::MAX))
                })
                .collect()
        })
        .unwrap_or_default();
    let ours: Vec<(String, u64)> = state
        .world
        .projects
        .iter()
        .map(|p| (p.id.as_str().to_owned(), p.spec.rows))
        .collect();
    Ok((theirs != ours).then(|| {
        format!(
            "the server's projects are not those of the default world of --seed {} --rows {} \
             (a world file, a replay, or other flags?)",
            state.world.seed(),
            ours.first().map_or(0, |p| p.1)
        )
    }))
}

/// A live progress line on stderr when it is a terminal: a bar with --exports, else a spinner.
fn progress(
    live: &Arc<Live>,
    exports: Option<u64>,
) -> Option<(ProgressBar, tokio::task::JoinHandle<()>)> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = match exports {
        Some(n) => ProgressBar::new(n).with_style(
            ProgressStyle::with_template("{elapsed_precise} [{bar:30}] {pos}/{len} {msg}")
                .ok()?
                .progress_chars("=> "),
        ),
        None => ProgressBar::new_spinner(),
    };
    let (b, live) = (bar.clone(), Arc::clone(live));
    let ticker = tokio::spawn(async move {
        let started = std::time::Instant::now();
        loop {
            let secs = started.elapsed().as_secs_f64().max(0.001);
            let finished = Live::get(&live.finished);
            b.set_position(finished);
            b.set_message(format!(
                "exports {finished} done ({} failed) of {} started | {} rows ({:.0}/s) | {:.1} MB/s",
                Live::get(&live.failed),
                Live::get(&live.started),
                Live::get(&live.rows),
                Live::get(&live.rows) as f64 / secs,
                Live::get(&live.bytes) as f64 / 1e6 / secs
            ));
            b.tick();
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    });
    Some((bar, ticker))
}
