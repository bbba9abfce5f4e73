//! `fauxport serve`: the Labelbox-compatible export server.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use fauxport_gen::replay::DEFAULT_MAX_LINE_BYTES;
use fauxport_gen::world::ClockSpec;
use fauxport_gen::{World, WorldSpec};
use fauxport_server::config::{AdminAccess, DEFAULT_JOURNAL_CAPACITY};
use fauxport_server::export::{DEFAULT_MAX_TASKS, DEFAULT_PAGE_CACHE_BYTES};
use fauxport_server::http::{KEY_PLACEHOLDER, public_key, python_snippet};
use fauxport_server::limits::Limits;
use fauxport_server::scenario::Scenario;
use fauxport_server::scenario::registry::DefaultScenario;
use fauxport_server::{AppState, ServerConfig};

use crate::exit_codes::Unreadable;

/// Arguments of `fauxport serve`. Two choices are one or the other: where rows come from (a
/// world file, or an export to replay), and how the admin API is open (to a token, or not at all).
#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("rows_from").args(["world", "from"]))]
#[command(group = clap::ArgGroup::new("admin").args(["admin_token", "no_admin"]))]
pub(crate) struct Args {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080", env = "FAUXPORT_ADDR")]
    addr: SocketAddr,
    /// Base URL that page links start with, when clients reach the server through a proxy.
    #[arg(long, env = "FAUXPORT_PUBLIC_URL")]
    public_url: Option<String>,
    /// The seed of the default world.
    #[arg(long, default_value_t = 42, env = "FAUXPORT_SEED")]
    seed: u64,
    /// Rows per project of the default world (at most 100000000).
    #[arg(long, default_value_t = 2000, env = "FAUXPORT_ROWS",
          value_parser = clap::value_parser!(u64).range(0..=fauxport_gen::world::MAX_PROJECT_ROWS))]
    rows: u64,
    /// A world description (TOML) instead of the default world. It may name a corpus of your own
    /// prompts and responses (`corpus = "prompts.jsonl"`) and per-project ontology files
    /// (`ontology = "ontology.json"`), relative to it; see docs/worlds.md ("Bring your own content").
    #[arg(long, value_name = "FILE", env = "FAUXPORT_WORLD")]
    world: Option<PathBuf>,
    /// Replay this NDJSON export (e.g. an anonymised real one) instead of generating rows.
    /// Lines that cannot be replayed are listed at start with their line numbers.
    #[arg(long, value_name = "FILE", env = "FAUXPORT_FROM")]
    from: Option<PathBuf>,
    /// With --from: the longest line indexed, in bytes (default 64 MiB). A longer line is
    /// listed at start and left out, skipped without being held in memory.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_LINE_BYTES,
          value_parser = clap::value_parser!(u64).range(1..), requires = "from")]
    max_line_bytes: u64,
    /// A world that moves: a clock runs from the world's `[clock]` section (by default from the
    /// world's end date, at real time, with 30 days of history and 30 to come), new rows arrive
    /// and labels are created, reviewed and reworked as it advances, and each export sees the
    /// world at the moment it was created. `GET`/`PUT /__admin/clock {"now": "..."}` read and
    /// set the clock. Not with --from.
    #[arg(long, env = "FAUXPORT_LIVE")]
    live: bool,
    /// Lines per page of an export stream.
    #[arg(long, default_value_t = 1000, env = "FAUXPORT_PAGE_ROWS")]
    page_rows: u64,
    /// Minimum time an export task stays IN_PROGRESS, in milliseconds.
    #[arg(long, default_value_t = 0, env = "FAUXPORT_TASK_DELAY_MS")]
    task_delay_ms: u64,
    /// An accepted API key (repeatable); replaces the default key. Scenario keys
    /// (`fauxport:<scenario>[:<seed>]`) are then refused unless --scenario-keys is given too.
    #[arg(long = "api-key", env = "FAUXPORT_API_KEY", value_delimiter = ',')]
    api_keys: Vec<String>,
    /// Accept scenario keys (`fauxport:<scenario>[:<seed>]`) besides the --api-key keys (without
    /// --api-key they are always accepted).
    #[arg(long, env = "FAUXPORT_SCENARIO_KEYS")]
    scenario_keys: bool,
    /// Accept any API key.
    #[arg(long, env = "FAUXPORT_ANY_KEY")]
    any_key: bool,
    /// Largest GraphQL request body, in bytes.
    #[arg(long, default_value_t = 1 << 20)]
    max_body_bytes: usize,
    /// Megabytes of rendered pages kept for repeated downloads (a repeated page is then a memory
    /// copy); 0 turns the cache off. Bytes never change: a page that does not fit is rendered.
    #[arg(long, value_name = "MB", default_value_t = DEFAULT_PAGE_CACHE_BYTES >> 20, env = "FAUXPORT_PAGE_CACHE_MB", value_parser = clap::value_parser!(u64).range(0..=65_536))]
    page_cache_mb: u64,
    /// Secret page URLs and portable task ids are signed with; random for each start when not
    /// given. Replicas behind one load balancer must share it (and the world), so that any of
    /// them answers for any task.
    #[arg(long, env = "FAUXPORT_URL_SECRET")]
    url_secret: Option<String>,
    /// How long page URLs stay valid, in seconds.
    #[arg(long, default_value_t = 3600)]
    url_ttl_secs: u64,
    /// How many requests the admin API's journal keeps (the oldest are evicted first); 0 turns
    /// the journal off.
    #[arg(long, default_value_t = DEFAULT_JOURNAL_CAPACITY, env = "FAUXPORT_JOURNAL_CAPACITY")]
    journal_capacity: usize,
    /// How many export tasks are kept (the oldest are forgotten first). A forgotten task whose
    /// id is portable is rebuilt when it is asked for again; others are then unknown.
    #[arg(long, default_value_t = DEFAULT_MAX_TASKS as u64, env = "FAUXPORT_MAX_TASKS", value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    max_tasks: u64,
    /// Open the admin API (`/__admin`) to any peer that sends `Authorization: Bearer TOKEN`;
    /// without it only callers on this machine may use it. The dashboard takes it in its URL:
    /// `/__admin/ui#token=TOKEN`.
    #[arg(long, value_name = "TOKEN", env = "FAUXPORT_ADMIN_TOKEN")]
    admin_token: Option<String>,
    /// Turn the admin API (`/__admin`) off: its routes answer 404.
    #[arg(long, env = "FAUXPORT_NO_ADMIN")]
    no_admin: bool,
    /// Open connections at most (keep it below `ulimit -n`); one more is answered 503 with
    /// `Retry-After: 1` and closed, except a `GET /healthz`, answered 200.
    #[arg(long, default_value_t = 8192, env = "FAUXPORT_MAX_CONNECTIONS", value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    max_connections: u64,
    /// Seconds a request's headers (and an idle connection's next request) and its body may
    /// take to arrive: slow headers close the connection, a slow body is answered 408.
    #[arg(long, value_name = "SECS", default_value_t = 30, env = "FAUXPORT_REQUEST_TIMEOUT_SECS", value_parser = clap::value_parser!(u64).range(1..=3600))]
    request_timeout_secs: u64,
    /// Seconds a stop (SIGTERM, Ctrl-C) lets open responses finish before it cuts them and exits.
    #[arg(long, value_name = "SECS", default_value_t = 10, env = "FAUXPORT_SHUTDOWN_GRACE_SECS", value_parser = clap::value_parser!(u64).range(0..=3600))]
    shutdown_grace_secs: u64,
    /// Write the base URL (`http://127.0.0.1:PORT`) to this file once listening.
    #[arg(long, value_name = "FILE")]
    port_file: Option<PathBuf>,
    /// The scenario of requests that do not choose one (by key `fauxport:<name>[:<seed>]` or
    /// header `x-fauxport-scenario`): `NAME` or `NAME:SEED`. `fauxport scenarios` lists them.
    #[arg(long, value_name = "NAME[:SEED]", env = "FAUXPORT_SCENARIO")]
    scenario: Option<String>,
    /// Load scenarios from TOML files (repeatable), besides the built-ins.
    #[arg(
        long = "scenario-file",
        value_name = "FILE",
        env = "FAUXPORT_SCENARIO_FILES",
        value_delimiter = ','
    )]
    scenario_files: Vec<PathBuf>,
    /// The deepest nesting of fields a GraphQL query may have (fragments expanded); deeper
    /// queries get GRAPHQL_VALIDATION_FAILED naming the limit.
    #[arg(long, value_name = "N", default_value_t = Limits::default().query_depth, env = "FAUXPORT_MAX_QUERY_DEPTH", value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=1000))]
    max_query_depth: usize,
    /// The most fields a GraphQL document may select once its fragments are expanded (an alias
    /// is one more field); checked before the query runs, so a fragment bomb costs one walk.
    #[arg(long, value_name = "N", default_value_t = Limits::default().query_fields, env = "FAUXPORT_MAX_QUERY_FIELDS", value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=1_000_000))]
    max_query_fields: usize,
    /// The GraphQL engine's complexity limit (each field costs 1).
    #[arg(long, value_name = "N", default_value_t = Limits::default().query_complexity, env = "FAUXPORT_MAX_QUERY_COMPLEXITY", value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=1_000_000))]
    max_query_complexity: usize,
    /// Export table passes one API key may have running at once; more get the rate-limit error
    /// (HTTP 429).
    #[arg(long, value_name = "N", default_value_t = Limits::default().running_exports_per_key, env = "FAUXPORT_MAX_RUNNING_EXPORTS_PER_KEY", value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=100_000))]
    max_running_exports_per_key: usize,
    /// The largest `first:` a list or connection (batches, projects, datasets, createdTasks)
    /// accepts.
    #[arg(long, value_name = "N", default_value_t = Limits::default().page_size, env = "FAUXPORT_MAX_PAGE_SIZE", value_parser = clap::value_parser!(u32).range(1..))]
    max_page_size: u32,
    /// The longest API key accepted, in bytes; longer keys get AUTHENTICATION_ERROR naming the
    /// limit.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().key_bytes, env = "FAUXPORT_MAX_KEY_BYTES", value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(16..=1_048_576))]
    max_key_bytes: usize,
}

/// `NAME` or `NAME:SEED`.
pub(crate) fn parse_selector(text: &str) -> anyhow::Result<DefaultScenario> {
    DefaultScenario::parse(text)
        .map_err(|why| crate::exit_codes::Usage(format!("--scenario {text:?}: {why}")).into())
}

/// Reads and checks scenario files.
pub(crate) fn load_scenarios(paths: &[PathBuf]) -> anyhow::Result<Vec<Scenario>> {
    paths
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Unreadable(format!("cannot read {}: {e}", path.display())))?;
            Scenario::from_toml(&text)
                .map_err(|e| crate::exit_codes::Usage(format!("{}: {e}", path.display())).into())
        })
        .collect()
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    // Request logs: quiet by default, `RUST_LOG=info` shows one line per request.
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
    if args.live && args.from.is_some() {
        return Err(crate::exit_codes::Usage(
            "--live cannot be used with --from: a replayed export is a recording of one moment, \
             it has no clock to move (FAUXPORT_LIVE and FAUXPORT_FROM count as the flags)"
                .into(),
        )
        .into());
    }
    let world = match (&args.from, &args.world) {
        (Some(path), _) => replay_world(path, args.seed, args.max_line_bytes)?,
        (None, Some(path)) => {
            let mut file = crate::world_file::read(path)?;
            file.spec = live(file.spec, args.live);
            crate::world_file::build(path, file)?
        }
        (None, None) => World::new(live(
            WorldSpec::default_world(args.seed, args.rows),
            args.live,
        ))?,
    };
    let mut config = ServerConfig::for_seed(world.seed());
    config.public_url = args.public_url.clone();
    if !args.api_keys.is_empty() {
        config.api_keys = args.api_keys.clone();
    }
    config.scenario_keys = args.api_keys.is_empty() || args.scenario_keys;
    config.any_key = args.any_key;
    config.admin = match (&args.admin_token, args.no_admin) {
        (_, true) => AdminAccess::Off,
        (Some(token), false) => AdminAccess::Token(token.clone()),
        (None, false) => AdminAccess::Loopback,
    };
    config.max_body_bytes = args.max_body_bytes;
    config.url_ttl = Duration::from_secs(args.url_ttl_secs);
    if let Some(secret) = &args.url_secret {
        config.url_secret = secret.clone().into_bytes();
    }
    config.export.page_rows = args.page_rows.max(1);
    config.export.task_delay = Duration::from_millis(args.task_delay_ms);
    config.export.page_cache_bytes = args.page_cache_mb << 20;
    config.journal_capacity = args.journal_capacity;
    config.export.max_tasks = usize::try_from(args.max_tasks).unwrap_or(usize::MAX);
    config.scenario_files = load_scenarios(&args.scenario_files)?;
    config.default_scenario = args.scenario.as_deref().map(parse_selector).transpose()?;
    config.live = args.live;
    config.connections.max = usize::try_from(args.max_connections).unwrap_or(usize::MAX);
    config.connections.request_timeout = Duration::from_secs(args.request_timeout_secs);
    config.connections.shutdown_grace = Duration::from_secs(args.shutdown_grace_secs);
    config.limits = Limits {
        query_depth: args.max_query_depth,
        query_fields: args.max_query_fields,
        query_complexity: args.max_query_complexity,
        running_exports_per_key: args.max_running_exports_per_key,
        page_size: args.max_page_size,
        key_bytes: args.max_key_bytes,
        ..Limits::default()
    };
    let state =
        AppState::new(world, config).map_err(|e| crate::exit_codes::Usage(e.to_string()))?;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the runtime")?;
    let result = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("cannot listen on {}", args.addr))?;
        let local = listener.local_addr()?;
        let base = args
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{local}"));
        banner(
            &state,
            &base,
            local.ip().is_loopback(),
            args.url_secret.is_some(),
        );
        if let Some(path) = &args.port_file {
            std::fs::write(path, &base).with_context(|| format!("writing {}", path.display()))?;
        }
        let stopped = fauxport_server::serve(listener, state, shutdown())
            .await
            .context("serving")?;
        match stopped.cut {
            0 => eprintln!("fauxport: stopped"),
            n => eprintln!(
                "fauxport: stopped; {n} connection(s) still open after the {} s grace were cut",
                args.shutdown_grace_secs
            ),
        }
        Ok(ExitCode::SUCCESS)
    });
    // Work still running on the blocking pool (a table pass of an export nobody waits for any
    // more) is abandoned, not waited for: the process exits now.
    runtime.shutdown_timeout(Duration::from_millis(100));
    result
}

/// A live server's world has a clock: the default `[clock]` section when its spec has none.
fn live(mut spec: WorldSpec, live: bool) -> WorldSpec {
    if live && spec.clock.is_none() {
        spec.clock = Some(ClockSpec::default());
    }
    spec
}

/// Indexes an export file and reports, on stderr, every line it cannot replay.
fn replay_world(path: &std::path::Path, seed: u64, max_line_bytes: u64) -> anyhow::Result<World> {
    let (file, problems) = crate::replay_file::open(path, max_line_bytes)
        .map_err(|e| Unreadable(format!("cannot read {}: {e}", path.display())))?;
    let rows: u64 = file.projects.iter().map(|p| p.len()).sum();
    eprintln!(
        "replaying {}: {rows} rows in {} project(s)",
        path.display(),
        file.projects.len()
    );
    if !problems.is_empty() {
        eprintln!(
            "{} line(s) cannot be replayed and are left out:",
            problems.len()
        );
        for p in problems.iter().take(50) {
            eprintln!("  line {}: {}", p.line, p.message);
        }
        if problems.len() > 50 {
            eprintln!("  ... and {} more", problems.len() - 50);
        }
    }
    Ok(World::from_replay(file, seed)?)
}

/// What the server says when it starts, on stderr. A configured key is printed only when the
/// server listens on a loopback address (anyone who can read this terminal can reach it anyway).
fn banner(state: &AppState, base: &str, loopback: bool, shared_secret: bool) {
    let config = &state.config;
    let key = match (public_key(state), loopback) {
        (Some(key), _) => key.to_owned(),
        (None, true) => config.api_keys.join(", "),
        (None, false) => format!("{KEY_PLACEHOLDER} (the --api-key you gave)"),
    };
    eprintln!(
        "fauxport serving a Labelbox-compatible export API (seed {})",
        state.world.seed()
    );
    eprintln!("  GraphQL:  {base}/graphql");
    let journal = match state.journal.capacity() {
        0 => "journal off".to_owned(),
        n => format!("journal of the last {n} requests"),
    };
    let admin = match &config.admin {
        AdminAccess::Loopback => "callers on this machine only",
        AdminAccess::Token(_) => "any caller with the --admin-token",
        AdminAccess::Off => "off",
    };
    eprintln!("  admin:    {base}/__admin/requests   ({journal}; {admin})");
    if !matches!(config.admin, AdminAccess::Off) {
        let token = match config.admin {
            AdminAccess::Token(_) => "#token=TOKEN",
            _ => "",
        };
        eprintln!("  dashboard: {base}/__admin/ui{token}");
    }
    let scenario_keys = if config.scenario_keys || config.any_key {
        "   (or fauxport:<scenario>[:<seed>], e.g. fauxport:flaky-pages:7)"
    } else {
        "   (scenario keys off: --scenario-keys turns them on)"
    };
    eprintln!("  API key:  {key}{scenario_keys}");
    if !shared_secret {
        eprintln!(
            "  URLs:     signed with a random secret for this start (replicas: share --url-secret)"
        );
    }
    if !loopback {
        eprintln!(
            "  warning:  listening beyond this machine: anyone who can reach {base} can export \
             with the key{}; see docs/serve.md, \"Security\"",
            if config.any_key || config.scenario_keys {
                "s it accepts (any key or scenario keys are on)"
            } else {
                ""
            }
        );
    }
    if let Some(d) = state.scenarios.default_scenario() {
        eprintln!("  scenario: {} by default", d.name);
    }
    if let Some(clock) = &state.clock {
        eprintln!(
            "  clock:    live, now {} at {}x real time (GET/PUT {base}/__admin/clock to read or move it)",
            fauxport_model::Timestamp::from_millis(clock.now_ms()).0,
            clock.speed()
        );
    }
    eprintln!("  projects:");
    for p in &state.world.projects {
        eprintln!(
            "    {}  {:<26} {:>8} rows  {}",
            p.id.as_str(),
            p.spec.kind.slug(),
            p.spec.rows,
            p.name
        );
    }
    let first = state.world.projects.first().map_or("", |p| p.id.as_str());
    let key = public_key(state)
        .or(config
            .api_keys
            .first()
            .map(String::as_str)
            .filter(|_| loopback))
        .unwrap_or(KEY_PLACEHOLDER);
    eprintln!("\nPaste into Python (pip install labelbox):\n");
    eprintln!("{}", python_snippet(base, key, first));
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
