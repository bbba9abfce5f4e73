//! [`FauxportServer`]: the real fauxport server, in-process on `127.0.0.1:0`, with the ground
//! truth of its world at hand.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use fauxport_gen::world::WorldError;
use fauxport_gen::{World, WorldSpec};
use fauxport_server::config::DEFAULT_API_KEY;
use fauxport_server::scenario::registry::{DefaultScenario, KEY_PREFIX};
use fauxport_server::{AppState, ServerConfig};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::truth::{self, GroundTruth, ProjectInfo};

/// How long [`FauxportServer::shutdown`] waits for open requests to finish.
const SHUTDOWN_LIMIT: Duration = Duration::from_secs(10);

/// Why a server could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StartError {
    /// The world spec is invalid.
    #[error("invalid world: {0}")]
    World(#[from] WorldError),
    /// `127.0.0.1:0` could not be bound.
    #[error("cannot listen on 127.0.0.1: {0}")]
    Bind(#[source] std::io::Error),
    /// The scenario settings are invalid, or the builder's scenario does not exist.
    #[error("scenario: {0}")]
    Scenario(String),
}

/// Why a server did not stop cleanly.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ShutdownError {
    /// The server failed while serving.
    #[error("the server failed: {0}")]
    Serve(#[source] std::io::Error),
    /// The server task panicked or was cancelled.
    #[error("the server task ended abnormally: {0}")]
    Task(#[source] tokio::task::JoinError),
    /// Open requests did not finish in time; the server was aborted.
    #[error("the server did not stop within {0:?} of the shutdown signal")]
    Timeout(Duration),
}

/// How to start a [`FauxportServer`]: world, page size, scenario and settings.
#[derive(Debug)]
pub struct FauxportServerBuilder {
    seed: u64,
    rows: u64,
    spec: Option<WorldSpec>,
    page_rows: Option<u64>,
    scenario: Option<String>,
    scenario_seed: Option<u64>,
    configure: Configures,
}

/// A change to the server's settings, applied at start.
type Configure = Box<dyn FnOnce(&mut ServerConfig) + Send>;

/// The changes given to [`FauxportServerBuilder::configure`], in order; shown by their count.
#[derive(Default)]
struct Configures(Vec<Configure>);

impl std::fmt::Debug for Configures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} change(s)", self.0.len())
    }
}

impl Default for FauxportServerBuilder {
    fn default() -> Self {
        FauxportServerBuilder {
            seed: 42,
            rows: 100,
            spec: None,
            page_rows: None,
            scenario: None,
            scenario_seed: None,
            configure: Configures::default(),
        }
    }
}

impl FauxportServerBuilder {
    /// The seed every byte derives from (default 42).
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Rows per project of the default world (default 100).
    pub fn rows(mut self, rows: u64) -> Self {
        self.rows = rows;
        self
    }

    /// Serves this world instead of the default one (one project of each kind); its own seed
    /// and row counts win over [`seed`](Self::seed) and [`rows`](Self::rows).
    pub fn world(mut self, spec: WorldSpec) -> Self {
        self.spec = Some(spec);
        self
    }

    /// Lines per page file (default: the server's, 1000).
    pub fn page_rows(mut self, page_rows: u64) -> Self {
        self.page_rows = Some(page_rows);
        self
    }

    /// The scenario [`FauxportServer::api_key`] selects (`happy`, `failed-task`, `slow-task`, ...;
    /// the server resolves the name on every request, and refuses unknown names as an invalid key).
    pub fn scenario(mut self, name: impl Into<String>) -> Self {
        self.scenario = Some(name.into());
        self
    }

    /// A seed for the scenario's faults, sent as `fauxport:<scenario>:<seed>` (only with
    /// [`scenario`](Self::scenario)).
    pub fn scenario_seed(mut self, seed: u64) -> Self {
        self.scenario_seed = Some(seed);
        self
    }

    /// Changes any other server setting before start (applied after the builder's own).
    /// Settings the server refuses make [`start`](Self::start) fail with [`StartError::Scenario`].
    pub fn configure(mut self, f: impl FnOnce(&mut ServerConfig) + Send + 'static) -> Self {
        self.configure.0.push(Box::new(f));
        self
    }

    /// Builds the world, binds `127.0.0.1:0` and serves on the current tokio runtime until the
    /// server is dropped or [`FauxportServer::shutdown`] is called.
    pub async fn start(self) -> Result<FauxportServer, StartError> {
        let spec = self
            .spec
            .unwrap_or_else(|| WorldSpec::default_world(self.seed, self.rows));
        let mut config = ServerConfig::for_seed(spec.seed);
        if let Some(page_rows) = self.page_rows {
            config.export.page_rows = page_rows;
        }
        for f in self.configure.0 {
            f(&mut config);
        }
        let state = AppState::new(World::new(spec)?, config)
            .map_err(|e| StartError::Scenario(e.to_string()))?;
        // The ground truth is the world the scenario's rows come from: the server's own, or
        // the one a content scenario (hostile-content, partial-errors, ...) derives from it.
        let world = match &self.scenario {
            None => Arc::clone(&state.world),
            Some(name) => {
                let scenario = state.scenarios.get(name).ok_or_else(|| {
                    StartError::Scenario(format!(
                        "no scenario named {name:?}; known: {}",
                        state.scenarios.names().join(", ")
                    ))
                })?;
                state
                    .scenarios
                    .world_for(&scenario)
                    .map_err(StartError::Scenario)?
            }
        };
        let listener = TcpListener::bind(("127.0.0.1", 0))
            .await
            .map_err(StartError::Bind)?;
        let addr = listener.local_addr().map_err(StartError::Bind)?;
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(fauxport_server::serve(listener, state, async {
            // A dropped sender stops the server as well.
            let _ = stopped.await;
        }));
        let api_key = match &self.scenario {
            None => DEFAULT_API_KEY.to_owned(),
            Some(name) => DefaultScenario {
                name: name.clone(),
                seed: self.scenario_seed,
            }
            .api_key(),
        };
        Ok(FauxportServer {
            addr,
            api_key,
            projects: truth::projects(&world),
            world,
            stop: Some(stop),
            task: Some(task),
        })
    }
}

/// The real fauxport server, serving in-process on `127.0.0.1` (a free port) on the tokio
/// runtime that started it. Dropping it signals a graceful shutdown; [`shutdown`](Self::shutdown)
/// also waits for it. What an export of it must hold comes from [`GroundTruth`].
#[derive(Debug)]
pub struct FauxportServer {
    addr: SocketAddr,
    api_key: String,
    world: Arc<World>,
    projects: Vec<ProjectInfo>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<std::io::Result<fauxport_server::Stopped>>>,
}

impl FauxportServer {
    /// A builder: seed 42, the default world with 100 rows per project, the server's page size,
    /// no scenario.
    pub fn builder() -> FauxportServerBuilder {
        FauxportServerBuilder::default()
    }

    /// Starts a server with every default.
    pub async fn start() -> Result<FauxportServer, StartError> {
        FauxportServer::builder().start().await
    }

    /// Where it listens.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The GraphQL endpoint, `http://127.0.0.1:<port>/graphql` (what the SDK's `endpoint=` takes).
    pub fn graphql_url(&self) -> String {
        format!("{}/graphql", self.base_url())
    }

    /// The API key to send: `fauxport:<scenario>[:<seed>]` when a scenario was chosen, else the
    /// server's default key (the happy path).
    pub fn api_key(&self) -> &str {
        &self.api_key
    }

    /// The key that selects another scenario on this same server (scenarios are per request).
    pub fn api_key_for(&self, scenario: &str) -> String {
        format!("{KEY_PREFIX}{scenario}")
    }

    /// Signals a graceful shutdown and waits (at most 10 s) for open requests to finish.
    pub async fn shutdown(mut self) -> Result<(), ShutdownError> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let Some(mut task) = self.task.take() else {
            return Ok(());
        };
        match tokio::time::timeout(SHUTDOWN_LIMIT, &mut task).await {
            Ok(Ok(Ok(_))) => Ok(()),
            Ok(Ok(Err(e))) => Err(ShutdownError::Serve(e)),
            Ok(Err(e)) => Err(ShutdownError::Task(e)),
            Err(_) => {
                task.abort();
                Err(ShutdownError::Timeout(SHUTDOWN_LIMIT))
            }
        }
    }
}

/// The truth of the world it serves under the builder's scenario.
impl GroundTruth for FauxportServer {
    fn world(&self) -> &Arc<World> {
        &self.world
    }

    fn projects(&self) -> &[ProjectInfo] {
        &self.projects
    }
}

impl Drop for FauxportServer {
    /// Signals a graceful shutdown; the server finishes open requests on its runtime.
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
