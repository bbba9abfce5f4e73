//! The harness: the real server on `127.0.0.1:0` over the default world, clients with short
//! back-offs, and the ground truth rendered directly by `fauxport-gen`.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use fauxport_client::{
    Client, ClientError, ExportParams, ExportRequest, ExportTask, RetryPolicy, StreamKind,
};
use fauxport_gen::{RowFormat, Selection, Stream, World, WorldSpec};
use fauxport_model::filters::parse_search_query;
use fauxport_server::config::DEFAULT_API_KEY;
use fauxport_server::{AppState, ServerConfig};
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// The API key of the happy path.
pub(crate) const KEY: &str = DEFAULT_API_KEY;
/// The world's seed.
pub(crate) const SEED: u64 = 42;
/// Rows per project.
pub(crate) const ROWS: u64 = 300;
/// Lines per page: small, so every stream spans several pages.
pub(crate) const PAGE_ROWS: u64 = 50;
/// The project whose rows sometimes fail to export (a non-empty ERRORS stream).
pub(crate) const ERRORS_PROJECT: usize = 2;
/// How often tests poll a task.
pub(crate) const POLL: Duration = Duration::from_millis(10);
/// How long tests wait for a task.
pub(crate) const WAIT: Duration = Duration::from_secs(30);

/// Short back-offs, so retries cost milliseconds.
pub(crate) fn fast_retry() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 5,
        initial: Duration::from_millis(5),
        max_delay: Duration::from_millis(40),
        deadline: Duration::from_secs(10),
        seed: SEED,
    }
}

/// The real server, serving on a socket until [`TestServer::stop`].
pub(crate) struct TestServer {
    /// Where it listens.
    pub(crate) addr: SocketAddr,
    /// Its world, for the ground truth.
    pub(crate) world: Arc<World>,
    /// Its state: the journal, the scenarios.
    pub(crate) state: AppState,
    stop: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<fauxport_server::Stopped>>,
}

impl TestServer {
    /// Seed 42, 300 rows per project, pages of 50 lines.
    pub(crate) async fn start() -> TestServer {
        let world = World::new(WorldSpec::default_world(SEED, ROWS)).expect("the default world");
        let mut config = ServerConfig::for_seed(SEED);
        config.export.page_rows = PAGE_ROWS;
        let state = AppState::new(world, config).expect("valid scenario settings");
        let world = Arc::clone(&state.world);
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("a local address");
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(fauxport_server::serve(listener, state.clone(), async {
            let _ = stopped.await;
        }));
        TestServer {
            addr,
            world,
            state,
            stop,
            task,
        }
    }

    /// The GraphQL endpoint.
    pub(crate) fn endpoint(&self) -> String {
        format!("http://{}/graphql", self.addr)
    }

    /// A client of this server with `key` and short back-offs.
    pub(crate) fn client(&self, key: &str) -> Client {
        Client::new(&self.endpoint(), key).with_retry(fast_retry())
    }

    /// The id of project `p`.
    pub(crate) fn project_id(&self, p: usize) -> String {
        self.world.projects[p].id.as_str().to_owned()
    }

    /// Signals shutdown and waits for the server to finish.
    pub(crate) async fn stop(self) {
        let _ = self.stop.send(());
        tokio::time::timeout(Duration::from_secs(10), self.task)
            .await
            .expect("the server stops after the shutdown signal")
            .expect("the server task did not panic")
            .expect("serve returns Ok");
    }
}

/// A request with `params` and the filter list `filters`.
pub(crate) fn request(params: ExportParams, filters: Value) -> ExportRequest {
    ExportRequest {
        params,
        filters,
        task_name: None,
    }
}

/// A stream as `fauxport-gen` writes it: the bytes and the parsed rows.
pub(crate) struct Truth {
    /// The NDJSON bytes the server must serve.
    pub(crate) bytes: Vec<u8>,
    /// One value per line.
    pub(crate) rows: Vec<Value>,
}

/// `stream` of project `p` with the request's params and filters, rendered by `fauxport-gen`.
pub(crate) fn truth(world: &World, p: usize, request: &ExportRequest, stream: Stream) -> Truth {
    let filters = parse_search_query(&request.filters)
        .unwrap_or_else(|e| panic!("test filters must parse: {e}"));
    let rows = world.rows(p).unwrap_or_else(|| panic!("no project {p}"));
    let selection = Selection {
        params: request.params.clone(),
        filters,
        stream,
        format: RowFormat::V2,
        at: None,
    };
    let mut bytes = Vec::new();
    for i in 0..rows.len() {
        rows.write_selected(i, &selection, &mut bytes);
    }
    let rows = bytes
        .split(|&b| b == b'\n')
        .filter(|line| !line.is_empty())
        .map(|line| serde_json::from_slice(line).expect("the generator writes JSON lines"))
        .collect();
    Truth { bytes, rows }
}

/// Exports `project_id` with `request`, waits, and collects the stream `kind`.
pub(crate) async fn exported(
    client: &Client,
    project_id: &str,
    request: &ExportRequest,
    kind: StreamKind,
) -> Vec<Value> {
    let task = export_and_wait(client, project_id, request)
        .await
        .unwrap_or_else(|e| panic!("export of {project_id}: {e}"));
    client
        .collect(&task, kind)
        .await
        .unwrap_or_else(|e| panic!("{} of {project_id}: {e}", kind.as_str()))
}

/// Creates the export and waits for it: the task, or the first error.
pub(crate) async fn export_and_wait(
    client: &Client,
    project_id: &str,
    request: &ExportRequest,
) -> Result<ExportTask, ClientError> {
    let task = client.export_project(project_id, request).await?;
    client.wait(&task, POLL, WAIT).await?;
    Ok(task)
}
