//! The test harness: a server over the default world, HTTP and GraphQL helpers that go through
//! the router without a socket, the SDK's export flow step by step, and the ground truth rendered
//! directly by `fauxport-gen`.

use std::net::SocketAddr;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Request};
use fauxport_gen::{RowFormat, Selection, Stream, World, WorldSpec};
use fauxport_model::ExportParams;
use fauxport_model::filters::parse_search_query;
use fauxport_server::config::{AdminAccess, DEFAULT_API_KEY};
use fauxport_server::{AppState, ServerConfig};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

use crate::sdk;

/// The API key every happy-path test uses.
pub(crate) const KEY: &str = DEFAULT_API_KEY;
/// The world's seed.
pub(crate) const SEED: u64 = 42;
/// Rows per project.
pub(crate) const ROWS: u64 = 300;
/// Lines per page: small, so every stream spans several pages.
pub(crate) const PAGE_ROWS: u64 = 50;
/// The project whose rows sometimes fail to export (a non-empty ERRORS stream).
pub(crate) const ERRORS_PROJECT: usize = 2;

/// The settings every test starts from: seed 42, pages of 50 lines, and one URL secret (not a
/// random one per server), so that any two servers made from it are replicas.
pub(crate) fn config() -> ServerConfig {
    let mut config = ServerConfig::for_seed(SEED);
    config.export.page_rows = PAGE_ROWS;
    config.url_secret = b"the tests' shared URL secret".to_vec();
    config
}

/// A server made from [`config`] whose admin API is `access`.
pub(crate) fn with_admin(access: AdminAccess) -> Server {
    let mut config = config();
    config.admin = access;
    Server::new(config)
}

/// The admin token the tests configure (`AdminAccess::Token`), and the header that presents it.
pub(crate) const TOKEN: &str = "t0ken";
pub(crate) const BEARER_TOKEN: (&str, &str) = ("authorization", "Bearer t0ken");

/// A peer on another machine, and the `Host` it asks for: what the admin guard refuses unless a
/// token is configured and presented.
pub(crate) const REMOTE: Option<&str> = Some("192.0.2.7:40000");
pub(crate) const REMOTE_HOST: (&str, &str) = ("host", "fauxport.internal");

/// The default world: one project of each kind, 300 rows each.
pub(crate) fn world() -> World {
    World::new(WorldSpec::default_world(SEED, ROWS)).expect("the default world is valid")
}

/// A server (state and router) over the default world.
pub(crate) struct Server {
    /// The state, for the world and the settings.
    pub(crate) state: AppState,
    /// The router every request goes through.
    pub(crate) app: Router,
}

static SHARED: LazyLock<Server> = LazyLock::new(|| Server::new(config()));

/// The server most tests share (tasks are independent, so sharing is safe).
pub(crate) fn server() -> &'static Server {
    &SHARED
}

/// A response, fully read.
#[derive(Debug)]
pub(crate) struct Response {
    /// The HTTP status.
    pub(crate) status: u16,
    /// The headers.
    pub(crate) headers: HeaderMap,
    /// The body.
    pub(crate) body: Vec<u8>,
}

impl Response {
    /// The body as JSON (panics with the body when it is not JSON).
    pub(crate) fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "body is not JSON ({e}): {}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    /// Asserts an HTTP 200 (showing the body otherwise) whose body is `expected`, which must not
    /// be empty (an empty expectation would prove nothing).
    #[track_caller]
    pub(crate) fn assert_serves(&self, expected: &[u8], what: &str) {
        assert_eq!(
            self.status,
            200,
            "{what}: {}",
            String::from_utf8_lossy(&self.body)
        );
        assert!(!expected.is_empty(), "{what}: nothing expected");
        assert!(self.body == expected, "{what}: the bytes differ");
    }
}

/// A page as `exportFileFromOffset` / `exportFileFromLine` describe it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FileInfo {
    /// Inclusive byte range.
    pub(crate) offsets: (u64, u64),
    /// Inclusive line range.
    pub(crate) lines: (u64, u64),
    /// The absolute URL of the page's bytes.
    pub(crate) file: String,
}

impl FileInfo {
    fn from_json(v: &Value) -> FileInfo {
        FileInfo {
            offsets: (num(&v["offsets"]["start"]), num(&v["offsets"]["end"])),
            lines: (num(&v["lines"]["start"]), num(&v["lines"]["end"])),
            file: v["file"]
                .as_str()
                .unwrap_or_else(|| panic!("`file` is not a string: {v}"))
                .to_owned(),
        }
    }
}

/// A stream read the way the SDK reads it.
#[derive(Debug)]
pub(crate) struct Streamed {
    /// Header `totalSize`.
    pub(crate) total_size: u64,
    /// Header `totalLines`.
    pub(crate) total_lines: u64,
    /// The pages, in order, with their bodies.
    pub(crate) pages: Vec<(FileInfo, Vec<u8>)>,
    /// Every page body, concatenated.
    pub(crate) bytes: Vec<u8>,
}

/// A task made by an export mutation, after polling.
#[derive(Debug)]
pub(crate) struct Finished {
    /// The task id.
    pub(crate) id: String,
    /// `isStreamable` from the mutation.
    pub(crate) streamable: bool,
    /// The task object from the last poll (status no longer `IN_PROGRESS`).
    pub(crate) task: Value,
}

/// A number sent as an integer or a numeric string (the SDK accepts both).
pub(crate) fn num(v: &Value) -> u64 {
    match v {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
    .unwrap_or_else(|| panic!("expected a non-negative number, found {v}"))
}

/// `path?query` of an absolute URL (the router serves paths, not hosts).
pub(crate) fn path_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.find('/').map_or("/", |i| &rest[i..])
}

/// The nine project `params` the SDK always sends, from [`ExportParams`].
pub(crate) fn params_input(p: &ExportParams) -> Value {
    p.graphql_input()
}

/// The variables of `exportDataRowsInProjectPyApi` as SDK 7.17.0 sends them (`export()`).
pub(crate) fn export_variables(project_id: &str, params: &ExportParams, query: Value) -> Value {
    json!({"input": {
        "taskName": null,
        "isStreamableReady": true,
        "filters": {"projectId": project_id, "searchQuery": {"scope": null, "query": query}},
        "params": params_input(params),
        "streamable": true,
    }})
}

/// A few param combinations: none, all, and a mix.
pub(crate) fn params_combos() -> Vec<(&'static str, ExportParams)> {
    let mut some = ExportParams::none();
    some.data_row_details = true;
    some.label_details = true;
    some.project_details = true;
    let mut media = ExportParams::all();
    media.media_type_override = Some("LLM".to_owned());
    vec![
        ("none", ExportParams::none()),
        ("all", ExportParams::all()),
        ("some", some),
        ("all+media", media),
    ]
}

/// What `fauxport-gen` writes for `stream` of project `p` with `params` and the filters of
/// `query` (the `searchQuery.query` list): the bytes the server must serve.
pub(crate) fn truth(
    world: &World,
    p: usize,
    params: &ExportParams,
    query: &Value,
    stream: Stream,
) -> Vec<u8> {
    let filters =
        parse_search_query(query).unwrap_or_else(|e| panic!("test filters must parse: {e}"));
    let rows = world.rows(p).unwrap_or_else(|| panic!("no project {p}"));
    let selection = Selection {
        params: params.clone(),
        filters,
        stream,
        format: RowFormat::V2,
        at: None,
    };
    let mut out = Vec::new();
    for i in 0..rows.len() {
        rows.write_selected(i, &selection, &mut out);
    }
    out
}

/// Lines of NDJSON bytes.
pub(crate) fn count_lines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}

/// The wire name of a stream.
pub(crate) fn stream_name(stream: Stream) -> &'static str {
    match stream {
        Stream::Result => "RESULT",
        Stream::Errors => "ERRORS",
    }
}

impl Server {
    /// A server over the default world with `config`.
    pub(crate) fn new(config: ServerConfig) -> Server {
        Server::over(world(), config)
    }

    /// A server over any world (a replayed one, say) with `config`.
    pub(crate) fn over(world: World, config: ServerConfig) -> Server {
        let state = AppState::new(world, config).expect("valid scenario settings");
        Server {
            app: fauxport_server::app(state.clone()),
            state,
        }
    }

    /// The world.
    pub(crate) fn world(&self) -> &World {
        &self.state.world
    }

    /// The id of project `p`.
    pub(crate) fn project_id(&self, p: usize) -> String {
        self.world().projects[p].id.as_str().to_owned()
    }

    /// The variables of an export of project `p` with no params and no filter.
    pub(crate) fn bare_export(&self, p: usize) -> Value {
        export_variables(&self.project_id(p), &ExportParams::none(), json!([]))
    }

    /// `GET path` with these headers, as if from `peer` (`None`: in-process, no peer address,
    /// which the admin guard treats as this machine).
    pub(crate) async fn get_as(
        &self,
        path: &str,
        peer: Option<&str>,
        headers: &[(&str, &str)],
    ) -> Response {
        let mut request = Request::get(path);
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        let mut request = request.body(Body::empty()).expect("a request");
        if let Some(peer) = peer {
            let peer: SocketAddr = peer.parse().expect("an address");
            request.extensions_mut().insert(ConnectInfo(peer));
        }
        self.send(request).await
    }

    /// Sends one request through the router and reads the whole response.
    pub(crate) async fn send(&self, request: Request<Body>) -> Response {
        let response = self
            .app
            .clone()
            .oneshot(request)
            .await
            .unwrap_or_else(|e| match e {});
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .expect("the body is readable")
            .to_bytes()
            .to_vec();
        Response {
            status,
            headers,
            body,
        }
    }

    /// `POST path` with raw bytes and, when given, `Authorization: Bearer <key>`.
    pub(crate) async fn post(&self, path: &str, key: Option<&str>, body: Vec<u8>) -> Response {
        let mut request = Request::post(path)
            .header("content-type", "application/json")
            .header("host", "fauxport.test");
        if let Some(key) = key {
            request = request.header("authorization", format!("Bearer {key}"));
        }
        self.send(request.body(Body::from(body)).expect("a valid request"))
            .await
    }

    /// `GET url` (absolute or a path), without any auth, as the SDK fetches pages.
    pub(crate) async fn get(&self, url: &str) -> Response {
        let request = Request::get(path_of(url)).header("host", "fauxport.test");
        self.send(request.body(Body::empty()).expect("a valid request"))
            .await
    }

    /// Posts `{"query", "variables"}` to `path`: the HTTP status and the JSON body.
    pub(crate) async fn gql_at(
        &self,
        path: &str,
        key: &str,
        query: &str,
        variables: Value,
    ) -> (u16, Value) {
        let body = json!({"query": query, "variables": variables})
            .to_string()
            .into_bytes();
        let response = self.post(path, Some(key), body).await;
        (response.status, response.json())
    }

    /// Posts `{"query", "variables"}` to `/graphql`.
    pub(crate) async fn gql(&self, key: &str, query: &str, variables: Value) -> (u16, Value) {
        self.gql_at("/graphql", key, query, variables).await
    }

    /// `data` of a GraphQL call that must succeed: HTTP 200 and no `errors`.
    pub(crate) async fn data(&self, key: &str, query: &str, variables: Value) -> Value {
        let (status, body) = self.gql(key, query, variables).await;
        assert!(
            status == 200 && body.get("errors").is_none(),
            "{query}\n→ HTTP {status}: {body:#}"
        );
        body["data"].clone()
    }

    /// The API user's id (`GetUserPyApi`, as `Task.get_task` does).
    pub(crate) async fn user_id(&self, key: &str) -> String {
        let data = self.data(key, sdk::GET_USER_V7, json!({})).await;
        data["user"]["id"].as_str().expect("user.id").to_owned()
    }

    /// The export mutation: `(taskId, isStreamable)`.
    pub(crate) async fn start_export(&self, key: &str, variables: Value) -> (String, bool) {
        let data = self
            .data(key, sdk::EXPORT_DATA_ROWS_IN_PROJECT, variables)
            .await;
        let created = &data["exportDataRowsInProject"];
        let id = created["taskId"]
            .as_str()
            .unwrap_or_else(|| panic!("no taskId: {data}"))
            .to_owned();
        (
            id,
            created["isStreamable"]
                .as_bool()
                .unwrap_or_else(|| panic!("no isStreamable: {data}")),
        )
    }

    /// The task object (form A, SDK 7.17.0), which must be exactly one.
    pub(crate) async fn task(&self, key: &str, user: &str, task: &str) -> Value {
        let data = self
            .data(
                key,
                sdk::GET_USER_CREATED_TASKS_V7,
                json!({"param_0": task, "param_1": user}),
            )
            .await;
        let tasks = data["user"]["createdTasks"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(tasks.len(), 1, "the SDK needs exactly one task: {data}");
        tasks[0].clone()
    }

    /// Polls the task until its status is not `IN_PROGRESS` (short sleeps, at most 20 s).
    pub(crate) async fn wait(&self, key: &str, user: &str, task: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let t = self.task(key, user, task).await;
            if t["status"] != "IN_PROGRESS" {
                return t;
            }
            assert!(
                Instant::now() < deadline,
                "task {task} still IN_PROGRESS after 20 s"
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    /// The SDK's sequence: mutation, `GetUserPyApi`, task fetch, polling until done.
    pub(crate) async fn export(&self, key: &str, variables: Value) -> Finished {
        let (id, streamable) = self.start_export(key, variables).await;
        let user = self.user_id(key).await;
        let task = self.wait(key, &user, &id).await;
        Finished {
            id,
            streamable,
            task,
        }
    }

    /// `exportMetadataHeader`: `Some((totalSize, totalLines))`, or `None` for a `null` header.
    pub(crate) async fn header(&self, key: &str, task: &str, stream: &str) -> Option<(u64, u64)> {
        let data = self
            .data(
                key,
                sdk::GET_EXPORT_METADATA_HEADER,
                json!({"where": {"id": task}, "streamType": stream}),
            )
            .await;
        let header = &data["task"]["exportMetadataHeader"];
        (!header.is_null()).then(|| (num(&header["totalSize"]), num(&header["totalLines"])))
    }

    /// `exportFileFromOffset` with `offset` exactly as given (the SDK sends a string).
    pub(crate) async fn file_from_offset(
        &self,
        key: &str,
        task: &str,
        stream: &str,
        offset: Value,
    ) -> Option<FileInfo> {
        let vars = json!({"where": {"id": task}, "streamType": stream, "offset": offset});
        self.file_lookup(
            key,
            sdk::GET_EXPORT_FILE_FROM_OFFSET,
            "exportFileFromOffset",
            vars,
        )
        .await
    }

    /// Page `n` (from 0) of `stream`, looked up by offset one page after another as the SDK
    /// does.
    pub(crate) async fn nth_page(&self, key: &str, task: &str, stream: &str, n: usize) -> FileInfo {
        let mut offset = 0;
        for i in 0.. {
            let page = self
                .file_from_offset(key, task, stream, json!(offset.to_string()))
                .await
                .unwrap_or_else(|| panic!("no page {i} of {stream} of {task}"));
            if i == n {
                return page;
            }
            offset = page.offsets.1 + 1;
        }
        unreachable!("the pages run out first")
    }

    /// `exportFileFromLine` with `line` exactly as given (the SDK sends an integer).
    pub(crate) async fn file_from_line(
        &self,
        key: &str,
        task: &str,
        stream: &str,
        line: Value,
    ) -> Option<FileInfo> {
        let vars = json!({"where": {"id": task}, "streamType": stream, "line": line});
        self.file_lookup(
            key,
            sdk::GET_EXPORT_FILE_FROM_LINE,
            "exportFileFromLine",
            vars,
        )
        .await
    }

    /// A page lookup: `query` with `vars`, and the file its `task.<field>` names, if any.
    async fn file_lookup(
        &self,
        key: &str,
        query: &str,
        field: &str,
        vars: Value,
    ) -> Option<FileInfo> {
        let data = self.data(key, query, vars).await;
        let file = &data["task"][field];
        (!file.is_null()).then(|| FileInfo::from_json(file))
    }

    /// Downloads a page, asserting the SDK's length check (`end - start + 1` bytes).
    pub(crate) async fn page(&self, info: &FileInfo) -> Vec<u8> {
        let response = self.get(&info.file).await;
        assert_eq!(
            response.status,
            200,
            "GET {}: {}",
            info.file,
            String::from_utf8_lossy(&response.body)
        );
        let expected = info.offsets.1 - info.offsets.0 + 1;
        assert_eq!(
            response.body.len() as u64,
            expected,
            "expected {expected} bytes from {}",
            info.file
        );
        response.body
    }

    /// `get_buffered_stream(stream)`: the header, then page lookups by offset (sent as a string)
    /// and page downloads until `totalSize`. `None` when the header is `null`.
    pub(crate) async fn read_stream(
        &self,
        key: &str,
        task: &str,
        stream: &str,
    ) -> Option<Streamed> {
        let (total_size, total_lines) = self.header(key, task, stream).await?;
        let mut out = Streamed {
            total_size,
            total_lines,
            pages: Vec::new(),
            bytes: Vec::new(),
        };
        let mut offset = 0;
        while offset < total_size {
            let info = self
                .file_from_offset(key, task, stream, Value::String(offset.to_string()))
                .await
                .unwrap_or_else(|| {
                    panic!("no page at offset {offset} of {total_size} ({stream} of {task})")
                });
            assert_eq!(
                info.offsets.0, offset,
                "a page must start where the previous one ended"
            );
            let body = self.page(&info).await;
            out.bytes.extend_from_slice(&body);
            offset = info.offsets.1 + 1;
            out.pages.push((info, body));
            assert!(out.pages.len() < 10_000, "runaway paging");
        }
        Some(out)
    }
}
