//! What the tests share: starting and stopping the server, a client with short back-offs, the
//! export flow, and reading a stream's page files byte for byte.

use std::time::Duration;

use fauxport_client::{
    Client, ClientError, ExportParams, ExportRequest, ExportTask, PageInfo, RetryPolicy, StreamKind,
};
use fauxport_testkit::{FauxportServer, FauxportServerBuilder};
use serde_json::Value;

/// How often tests poll a task.
const POLL: Duration = Duration::from_millis(10);
/// How long tests wait for a task.
const WAIT: Duration = Duration::from_secs(30);

/// A client of `endpoint` with `key` and retries that cost milliseconds.
pub(crate) fn client(endpoint: &str, key: &str) -> Client {
    Client::new(endpoint, key).with_retry(RetryPolicy {
        max_attempts: 5,
        initial: Duration::from_millis(5),
        max_delay: Duration::from_millis(40),
        deadline: Duration::from_secs(10),
        seed: 42,
    })
}

/// The server `builder` describes, started (a test that cannot start it has nothing to test).
pub(crate) async fn started(builder: FauxportServerBuilder) -> FauxportServer {
    builder.start().await.expect("the server starts")
}

/// Shuts `server` down and asserts it stopped cleanly.
pub(crate) async fn stop(server: FauxportServer) {
    server.shutdown().await.expect("a clean shutdown");
}

/// A client of `server` with its API key (so its scenario) and retries that cost milliseconds.
pub(crate) fn client_of(server: &FauxportServer) -> Client {
    client(&server.graphql_url(), server.api_key())
}

/// A request with `params`, no filter.
pub(crate) fn request(params: ExportParams) -> ExportRequest {
    ExportRequest {
        params,
        ..ExportRequest::default()
    }
}

/// A request with `params` and the SDK filter list `filters`.
pub(crate) fn filtered(params: ExportParams, filters: Value) -> ExportRequest {
    ExportRequest {
        params,
        filters,
        task_name: None,
    }
}

/// Creates the export of `project` and waits until it is done.
pub(crate) async fn export_and_wait(
    client: &Client,
    project: &str,
    request: &ExportRequest,
) -> Result<ExportTask, ClientError> {
    let task = client.export_project(project, request).await?;
    client.wait(&task, POLL, WAIT).await?;
    Ok(task)
}

/// The RESULT rows of an export of `project` made with `request`.
pub(crate) async fn rows_of(client: &Client, project: &str, request: &ExportRequest) -> Vec<Value> {
    let task = export_and_wait(client, project, request)
        .await
        .expect("the export");
    client
        .collect(&task, StreamKind::Result)
        .await
        .expect("the rows")
}

/// The GraphQL endpoint of a wiremock server.
pub(crate) fn endpoint(mock: &wiremock::MockServer) -> String {
    format!("{}/graphql", mock.uri())
}

/// Both streams of a full export of `project` with every param on.
pub(crate) async fn read_all(client: &Client, project: &str) -> (Vec<Value>, Vec<Value>) {
    let task = export_and_wait(client, project, &request(ExportParams::all()))
        .await
        .unwrap_or_else(|e| panic!("export of {project}: {e}"));
    let rows = client
        .collect(&task, StreamKind::Result)
        .await
        .unwrap_or_else(|e| panic!("RESULT of {project}: {e}"));
    let errors = client
        .collect(&task, StreamKind::Errors)
        .await
        .unwrap_or_else(|e| panic!("ERRORS of {project}: {e}"));
    (rows, errors)
}

/// A stream read the SDK's way, keeping what the client's row stream hides: every page lookup
/// and the raw bytes of every page file.
pub(crate) struct RawStream {
    /// The page lookups, in order.
    pub(crate) pages: Vec<PageInfo>,
    /// The page files, concatenated.
    pub(crate) bytes: Vec<u8>,
}

/// Reads `stream` of `task` page by page (header, then lookups by offset and plain `GET`s).
pub(crate) async fn read_raw(client: &Client, task: &ExportTask, stream: StreamKind) -> RawStream {
    let mut raw = RawStream {
        pages: Vec::new(),
        bytes: Vec::new(),
    };
    let header = client.header(task, stream).await.expect("the header");
    let Some(header) = header else {
        return raw;
    };
    let http = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("a plain HTTP client");
    while (raw.bytes.len() as u64) < header.total_size {
        let offset = raw.bytes.len() as u64;
        let page = client
            .page(task, stream, offset)
            .await
            .expect("the page lookup")
            .unwrap_or_else(|| panic!("no page at offset {offset}"));
        let body = http
            .get(&page.file)
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .expect("the page file")
            .bytes()
            .await
            .expect("the page body");
        assert_eq!(
            body.len() as u64,
            page.offsets.end() - page.offsets.start() + 1,
            "page at {offset}: the file holds exactly its byte range"
        );
        raw.bytes.extend_from_slice(&body);
        raw.pages.push(page);
    }
    assert_eq!(raw.bytes.len() as u64, header.total_size, "totalSize");
    raw
}
