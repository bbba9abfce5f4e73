//! The wiremock responders: [`GraphqlResponder`] answers the export protocol's GraphQL
//! operations, [`PageResponder`] serves the page files its answers link to. Both share one
//! in-memory task store: an export mutation renders its streams at once and keeps them, cut into
//! pages, until the responders are dropped.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use fauxport_gen::{Stream, World};
use fauxport_model::{Cuid, Timestamp};
use fauxport_server::errors::ApiError;
use fauxport_server::export::project_export;
use fauxport_server::export::tables::selection;
use serde_json::{Map, Value, json};
use wiremock::{Request, Respond, ResponseTemplate};

use crate::truth;
use fauxport_model::protocol::Operation;

/// Page files are served under this path: `/fauxport/pages/{task}/{RESULT|ERRORS}/{page}`.
pub const PAGE_PATH_PREFIX: &str = "/fauxport/pages/";

/// What both responders share.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) world: Arc<World>,
    pub(crate) page_rows: u64,
    pub(crate) tasks: Arc<TaskStore>,
}

/// The tasks export mutations created.
#[derive(Debug, Default)]
pub(crate) struct TaskStore {
    by_id: Mutex<BTreeMap<String, Arc<MockTask>>>,
    created: AtomicU64,
}

impl TaskStore {
    /// How many export tasks were created.
    pub(crate) fn created(&self) -> u64 {
        self.created.load(Ordering::Relaxed)
    }

    fn insert(&self, task: MockTask) -> Arc<MockTask> {
        let task = Arc::new(task);
        self.by_id
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(task.id.clone(), Arc::clone(&task));
        task
    }

    fn get(&self, id: &str) -> Option<Arc<MockTask>> {
        self.by_id
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(id)
            .cloned()
    }
}

/// An export task: always `COMPLETE`, its streams rendered and cut into pages.
#[derive(Debug)]
struct MockTask {
    id: String,
    name: Option<String>,
    created_ms: i64,
    result: StreamPages,
    errors: StreamPages,
}

impl MockTask {
    fn stream(&self, stream: Stream) -> &StreamPages {
        match stream {
            Stream::Result => &self.result,
            Stream::Errors => &self.errors,
        }
    }
}

/// A stream's pages: line-aligned, at most `page_rows` lines each.
#[derive(Debug, Default)]
struct StreamPages {
    total_size: u64,
    total_lines: u64,
    pages: Vec<PageBytes>,
}

#[derive(Debug)]
struct PageBytes {
    /// Byte offset of its first byte in the stream.
    offset: u64,
    /// Line number of its first line in the stream.
    line: u64,
    lines: u64,
    bytes: Vec<u8>,
}

impl StreamPages {
    fn cut(lines: Vec<Vec<u8>>, page_rows: u64) -> StreamPages {
        let mut pages = StreamPages::default();
        for line in lines {
            let start_new = pages.pages.last().is_none_or(|p| p.lines >= page_rows);
            if start_new {
                pages.pages.push(PageBytes {
                    offset: pages.total_size,
                    line: pages.total_lines,
                    lines: 0,
                    bytes: Vec::new(),
                });
            }
            if let Some(page) = pages.pages.last_mut() {
                page.lines += 1;
                page.bytes.extend_from_slice(&line);
            }
            pages.total_size += line.len() as u64;
            pages.total_lines += 1;
        }
        pages
    }

    /// The page holding byte `offset`.
    fn at_offset(&self, offset: u64) -> Option<(usize, &PageBytes)> {
        let i = self
            .pages
            .partition_point(|p| p.offset + p.bytes.len() as u64 <= offset);
        self.pages.get(i).map(|p| (i, p))
    }

    /// The page holding line `line`.
    fn at_line(&self, line: u64) -> Option<(usize, &PageBytes)> {
        let i = self.pages.partition_point(|p| p.line + p.lines <= line);
        self.pages.get(i).map(|p| (i, p))
    }
}

/// Answers the export protocol's GraphQL operations ([`Operation`]) over a world: export
/// mutations create `COMPLETE` tasks at once, page lookups link to the [`PageResponder`] of the
/// same [`LabelboxExport`](crate::LabelboxExport) on the host the request came to.
///
/// It answers the operations of an SDK export itself (`ExportProject`, `User`, `CreatedTasks`,
/// `Header`, `FileFromOffset`, `FileFromLine`, `Project`), so it can sit behind one catch-all
/// mock as well as behind one mock per operation. Other queries get a
/// `GRAPHQL_VALIDATION_FAILED` error.
#[derive(Debug, Clone)]
pub struct GraphqlResponder {
    pub(crate) shared: Arc<Shared>,
}

/// Serves the page files [`GraphqlResponder`]'s lookups link to (`GET` under
/// [`PAGE_PATH_PREFIX`]); unknown pages are 404.
#[derive(Debug, Clone)]
pub struct PageResponder {
    pub(crate) shared: Arc<Shared>,
}

impl Respond for GraphqlResponder {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let Ok(body) = serde_json::from_slice::<Value>(&request.body) else {
            return refusal(&ApiError::parse_failed("the request body is not JSON"));
        };
        let query = body
            .get("query")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let variables = body.get("variables").unwrap_or(&Value::Null);
        let refused = || {
            refusal(&ApiError::validation_failed(
                "fauxport-testkit's mock answers only the export protocol's operations",
            ))
        };
        let Some(operation) = Operation::of_query(query) else {
            return refused();
        };
        let answer = match operation {
            Operation::ExportProject => self.export(variables),
            Operation::User => Ok(json!({ "user": user(&self.shared.world) })),
            Operation::CreatedTasks => Ok(self.created_tasks(variables)),
            Operation::Header => self.header(variables),
            Operation::FileFromOffset => self.file(request, variables, Lookup::Offset),
            Operation::FileFromLine => self.file(request, variables, Lookup::Line),
            Operation::Project => Ok(project(&self.shared.world, variables)),
            Operation::ExportCatalog
            | Operation::Task
            | Operation::Projects
            | Operation::Dataset
            | Operation::Datasets
            | Operation::Organization
            | Operation::ProjectBatches => return refused(),
        };
        match answer {
            Ok(data) => ResponseTemplate::new(200).set_body_json(json!({ "data": data })),
            Err(e) => refusal(&e),
        }
    }
}

impl Respond for PageResponder {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let page = request
            .url
            .path()
            .strip_prefix(PAGE_PATH_PREFIX)
            .and_then(|rest| {
                let mut parts = rest.split('/');
                let (task, stream, page) = (parts.next()?, parts.next()?, parts.next()?);
                let stream = Stream::from_wire(stream)?;
                let page: usize = page.parse().ok()?;
                let task = self.shared.tasks.get(task)?;
                let bytes = task.stream(stream).pages.get(page)?.bytes.clone();
                Some(bytes)
            });
        match page {
            Some(bytes) => ResponseTemplate::new(200).set_body_raw(bytes, "application/x-ndjson"),
            None => ResponseTemplate::new(404).set_body_string("no such page\n"),
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Lookup {
    Offset,
    Line,
}

impl GraphqlResponder {
    /// `exportDataRowsInProject(input)`: the server's own reading of the input (the same
    /// checks, the same errors), then both streams rendered and cut into pages.
    fn export(&self, variables: &Value) -> Result<Value, ApiError> {
        let shared = &self.shared;
        let world = &shared.world;
        let spec = project_export(world, variables.get("input").unwrap_or(&Value::Null))?;
        let n = shared.tasks.created.fetch_add(1, Ordering::Relaxed);
        let created_ms = world.end_ms + 1_000 * n as i64;
        let id = Cuid::from_parts(
            created_ms as u64,
            n,
            0x7e57,
            fauxport_gen::rng::hash_key(&[world.seed(), n]),
        )
        .0;
        let render = |stream| {
            StreamPages::cut(
                truth::lines(world, spec.projects[0], &selection(&spec, stream)),
                shared.page_rows.max(1),
            )
        };
        let task = shared.tasks.insert(MockTask {
            id,
            name: spec.task_name.clone(),
            created_ms,
            result: render(Stream::Result),
            errors: render(Stream::Errors),
        });
        Ok(json!({ "exportDataRowsInProject": { "taskId": task.id, "isStreamable": true } }))
    }

    /// `user(where: {id}) { createdTasks(where: {id}) }`: the task, or `[]` (never an error:
    /// the SDK needs exactly one task or an empty list).
    fn created_tasks(&self, variables: &Value) -> Value {
        let id = variables
            .get("taskId")
            .or_else(|| variables.get("param_0"))
            .and_then(Value::as_str)
            .unwrap_or_default();
        let tasks: Vec<Value> = self
            .shared
            .tasks
            .get(id)
            .map(|task| {
                json!({
                    "id": task.id,
                    "name": task.name,
                    "type": "export-data-rows",
                    "status": "COMPLETE",
                    "completionPercentage": 100.0,
                    "createdAt": datetime(task.created_ms),
                    "updatedAt": datetime(task.created_ms),
                    "metadata": null,
                    "result": null,
                    "errors": null,
                })
            })
            .into_iter()
            .collect();
        json!({ "user": { "createdTasks": tasks } })
    }

    /// The task and stream a `task(where: $where) { ...(streamType: $streamType) }` names.
    fn task_stream(&self, variables: &Value) -> Result<(Arc<MockTask>, Stream), ApiError> {
        let id = variables
            .get("where")
            .and_then(|w| w.get("id"))
            .and_then(Value::as_str)
            .ok_or_else(|| ApiError::bad_input("where.id", "missing task id"))?;
        let stream = variables
            .get("streamType")
            .and_then(Value::as_str)
            .and_then(Stream::from_wire)
            .ok_or_else(|| ApiError::bad_input("streamType", "expected RESULT or ERRORS"))?;
        let task = self
            .shared
            .tasks
            .get(id)
            .ok_or_else(|| ApiError::not_found("Task", id))?;
        Ok((task, stream))
    }

    /// `exportMetadataHeader`: the totals, `null` for an empty stream.
    fn header(&self, variables: &Value) -> Result<Value, ApiError> {
        let (task, stream) = self.task_stream(variables)?;
        let pages = task.stream(stream);
        let header = (pages.total_lines > 0)
            .then(|| json!({ "totalSize": pages.total_size, "totalLines": pages.total_lines }));
        Ok(json!({ "task": { "exportMetadataHeader": header } }))
    }

    /// `exportFileFromOffset` / `exportFileFromLine`: the page holding the position, `null`
    /// past the end.
    fn file(
        &self,
        request: &Request,
        variables: &Value,
        lookup: Lookup,
    ) -> Result<Value, ApiError> {
        let (task, stream) = self.task_stream(variables)?;
        let (argument, field) = match lookup {
            Lookup::Offset => ("offset", "exportFileFromOffset"),
            Lookup::Line => ("line", "exportFileFromLine"),
        };
        let at = variables.get(argument).and_then(number).ok_or_else(|| {
            ApiError::bad_input(
                argument,
                "expected a non-negative integer (or numeric string)",
            )
        })?;
        let pages = task.stream(stream);
        let found = match lookup {
            Lookup::Offset => pages.at_offset(at),
            Lookup::Line => pages.at_line(at),
        };
        let file = found.map(|(i, page)| {
            let size = page.bytes.len() as u64;
            json!({
                // Numeric strings, as the server sends them.
                "offsets": {
                    "start": page.offset.to_string(),
                    "end": (page.offset + size - 1).to_string(),
                },
                "lines": {
                    "start": page.line.to_string(),
                    "end": (page.line + page.lines - 1).to_string(),
                },
                "file": format!(
                    "{}{PAGE_PATH_PREFIX}{}/{}/{i}",
                    base_url(request),
                    task.id,
                    stream.wire_name()
                ),
            })
        });
        let mut answer = Map::new();
        answer.insert(field.to_owned(), file.unwrap_or(Value::Null));
        Ok(json!({ "task": answer }))
    }
}

/// `http://host:port` of the mock server the request reached: the `Host` header (wiremock's
/// request URL carries no port for ordinary requests), else the URL's host.
fn base_url(request: &Request) -> String {
    let host = request
        .headers
        .get("host")
        .and_then(|h| h.to_str().ok())
        .map(str::to_owned)
        .unwrap_or_else(|| {
            let host = request.url.host_str().unwrap_or("127.0.0.1");
            match request.url.port() {
                Some(port) => format!("{host}:{port}"),
                None => host.to_owned(),
            }
        });
    format!("http://{host}")
}

/// A non-negative integer sent as a number or a numeric string.
fn number(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// Labelbox's datetime format: `2024-05-01T12:00:00.000Z`.
fn datetime(ms: i64) -> String {
    let mut s = Timestamp::from_millis(ms).0;
    s.truncate(23);
    s.push('Z');
    s
}

/// The API user, with every field either SDK version selects (and `timezone`).
fn user(world: &World) -> Value {
    let u = &world.user;
    let local = u.email.split('@').next().unwrap_or_default();
    let joined = datetime(world.org.created_ms + 60_000);
    json!({
        "id": u.id.as_str(),
        "email": u.email,
        "name": local.replace('.', " "),
        "nickname": local,
        "picture": null,
        "intercomHash": null,
        "isExternalUser": false,
        "isViewer": false,
        "lastLoginAt": datetime(world.end_ms),
        "createdAt": joined,
        "updatedAt": joined,
        "timezone": "UTC",
    })
}

/// `project(where: {id: $param_0})`: every field either SDK version selects; `null` when
/// unknown (the SDK raises `ResourceNotFoundError`).
fn project(world: &World, variables: &Value) -> Value {
    let id = variables
        .get("param_0")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let project = world.project_by_id(id).map(|p| {
        json!({
            "id": p.id.as_str(),
            "name": p.name,
            "description": format!("A fauxport {} project", p.spec.kind.slug()),
            "createdAt": datetime(p.created_ms),
            "updatedAt": datetime(world.end_ms),
            "setupComplete": datetime(p.created_ms + 95_000),
            "lastActivityTime": datetime(world.end_ms),
            "autoAuditNumberOfLabels": p.spec.consensus,
            "autoAuditPercentage": 1.0,
            "dataRowCount": p.spec.rows,
            "allowedMediaType": "LLM",
            "editorTaskType": null,
            "uploadType": null,
            "modelSetupComplete": null,
            "isBenchmarkEnabled": false,
            "isConsensusEnabled": p.spec.consensus > 1,
            "queueMode": "BATCH",
        })
    });
    json!({ "project": project })
}

/// `e` as the server sends it: the table's status and the GraphQL error body.
fn refusal(e: &ApiError) -> ResponseTemplate {
    ResponseTemplate::new(e.http_status()).set_body_json(e.body())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(n: usize) -> Vec<u8> {
        let mut l = vec![b'x'; n];
        l.push(b'\n');
        l
    }

    #[test]
    fn pages_are_line_aligned_and_lookups_find_them() {
        let pages = StreamPages::cut(vec![line(2), line(3), line(4), line(1), line(5)], 2);
        let shape: Vec<(u64, u64, u64, usize)> = pages
            .pages
            .iter()
            .map(|p| (p.offset, p.line, p.lines, p.bytes.len()))
            .collect();
        assert_eq!(shape, [(0, 0, 2, 7), (7, 2, 2, 7), (14, 4, 1, 6)]);
        assert_eq!((pages.total_size, pages.total_lines), (20, 5));
        let at = |o| pages.at_offset(o).map(|(i, _)| i);
        assert_eq!(
            [at(0), at(6), at(7), at(13), at(14), at(19), at(20)],
            [Some(0), Some(0), Some(1), Some(1), Some(2), Some(2), None]
        );
        let at = |l| pages.at_line(l).map(|(i, _)| i);
        assert_eq!(
            [at(0), at(1), at(2), at(4), at(5)],
            [Some(0), Some(0), Some(1), Some(2), None]
        );
    }

    #[test]
    fn an_empty_stream_has_no_pages() {
        let pages = StreamPages::cut(Vec::new(), 10);
        assert!(pages.pages.is_empty());
        assert_eq!(pages.at_offset(0).map(|(i, _)| i), None);
    }
}
