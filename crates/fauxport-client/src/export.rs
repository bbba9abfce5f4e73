//! Export tasks: creating one, polling it until it ends, and reading a stream's totals.

use std::time::{Duration, Instant};

use fauxport_model::ExportParams;
use serde_json::{Value, json};

use crate::error::ClientError;
use crate::{Client, queries};

/// What to export from a project: the SDK's `project.export(task_name, filters, params)`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExportRequest {
    /// Which optional parts rows carry.
    pub params: ExportParams,
    /// The `searchQuery.query` list the SDK's `build_filters` makes (spec §2.4.2), sent as is;
    /// `null` sends `[]`, no filter.
    pub filters: Value,
    /// The task's name (`null` when not given, as the SDK sends it).
    pub task_name: Option<String>,
}

impl ExportRequest {
    /// The mutation's variables for `project_id`, shaped as SDK 7.17.0 `export()` sends them.
    pub fn variables(&self, project_id: &str) -> Value {
        let p = &self.params;
        let query = match &self.filters {
            Value::Null => json!([]),
            filters => filters.clone(),
        };
        json!({"input": {
            "taskName": self.task_name,
            "isStreamableReady": true,
            "filters": {"projectId": project_id, "searchQuery": {"scope": null, "query": query}},
            "params": p.graphql_input(),
            "streamable": true,
        }})
    }
}

/// An export task the server created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportTask {
    /// The task id.
    pub id: String,
    /// `isStreamable` from the mutation (fauxport always answers `true` except in its
    /// `legacy-export` scenario, whose whole-file URLs this client does not read).
    pub streamable: bool,
}

/// A task's status.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TaskStatus {
    /// `IN_PROGRESS`.
    InProgress,
    /// `COMPLETE`.
    Complete,
    /// `FAILED`.
    Failed,
    /// `CANCELLING`.
    Cancelling,
    /// `CANCELED`.
    Canceled,
    /// Anything else, verbatim.
    Other(String),
}

impl TaskStatus {
    fn parse(s: &str) -> TaskStatus {
        match s {
            "IN_PROGRESS" => TaskStatus::InProgress,
            "COMPLETE" => TaskStatus::Complete,
            "FAILED" => TaskStatus::Failed,
            "CANCELLING" => TaskStatus::Cancelling,
            "CANCELED" => TaskStatus::Canceled,
            other => TaskStatus::Other(other.to_owned()),
        }
    }
}

/// A task as one poll saw it.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskState {
    /// The task id.
    pub id: String,
    /// The task's name.
    pub name: Option<String>,
    /// Its status.
    pub status: TaskStatus,
    /// `completionPercentage`.
    pub completion_percentage: Option<f64>,
    /// `result`: a whole-file URL for non-streamable tasks, else `None`.
    pub result: Option<String>,
    /// `errors`: a whole-file URL for non-streamable tasks with errors, else `None`.
    pub errors: Option<String>,
}

/// Which stream of a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StreamKind {
    /// `RESULT`: the exported rows.
    Result,
    /// `ERRORS`: one line per row that failed to export.
    Errors,
}

impl StreamKind {
    /// The wire name (`TaskStreamType`).
    pub fn as_str(self) -> &'static str {
        match self {
            StreamKind::Result => "RESULT",
            StreamKind::Errors => "ERRORS",
        }
    }
}

/// A stream's totals (`exportMetadataHeader`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    /// Bytes in the stream.
    pub total_size: u64,
    /// NDJSON lines in the stream.
    pub total_lines: u64,
}

impl Client {
    /// Creates an export task for `project_id`, sending `exportDataRowsInProjectPyApi` with the
    /// variables the SDK's `project.export()` sends ([`ExportRequest::variables`]).
    pub async fn export_project(
        &self,
        project_id: &str,
        request: &ExportRequest,
    ) -> Result<ExportTask, ClientError> {
        let data = self
            .graphql(queries::EXPORT_PROJECT, request.variables(project_id))
            .await?;
        let created = field(&data, &["exportDataRowsInProject"])?;
        Ok(ExportTask {
            id: string(
                field(created, &["taskId"])?,
                "exportDataRowsInProject.taskId",
            )?,
            streamable: field(created, &["isStreamable"])?
                .as_bool()
                .ok_or_else(|| {
                    ClientError::Protocol(
                        "exportDataRowsInProject.isStreamable is not a boolean".into(),
                    )
                })?,
        })
    }

    /// The API user's id (`GetUserPyApi`), fetched once per client.
    pub async fn user_id(&self) -> Result<String, ClientError> {
        self.user_id
            .get_or_try_init(|| async {
                let data = self.graphql(queries::GET_USER, json!({})).await?;
                string(field(&data, &["user", "id"])?, "user.id")
            })
            .await
            .cloned()
    }

    /// One look at the task (`GetUserCreatedTasksPyApi`), which must find exactly one task.
    pub async fn task_state(&self, task: &ExportTask) -> Result<TaskState, ClientError> {
        let user = self.user_id().await?;
        let data = self
            .graphql(
                queries::CREATED_TASKS,
                json!({"param_0": task.id, "param_1": user}),
            )
            .await?;
        let tasks = field(&data, &["user", "createdTasks"])?
            .as_array()
            .ok_or_else(|| ClientError::Protocol("user.createdTasks is not a list".into()))?;
        let [found] = tasks.as_slice() else {
            return Err(ClientError::NotFound(format!(
                "task {}: the server listed {} tasks, not exactly one",
                task.id,
                tasks.len()
            )));
        };
        let optional = |name: &str| found.get(name).and_then(Value::as_str).map(str::to_owned);
        Ok(TaskState {
            id: optional("id").unwrap_or_else(|| task.id.clone()),
            name: optional("name"),
            status: TaskStatus::parse(
                found.get("status").and_then(Value::as_str).ok_or_else(|| {
                    ClientError::Protocol(format!("task without a status: {found}"))
                })?,
            ),
            completion_percentage: found.get("completionPercentage").and_then(Value::as_f64),
            result: optional("result"),
            errors: optional("errors"),
        })
    }

    /// Polls the task every `poll` until its status is not `IN_PROGRESS` (the SDK's
    /// `wait_till_done`). A `FAILED` task is [`ClientError::TaskFailed`]; a task still in
    /// progress after `timeout` is [`ClientError::TaskTimeout`].
    pub async fn wait(
        &self,
        task: &ExportTask,
        poll: Duration,
        timeout: Duration,
    ) -> Result<TaskState, ClientError> {
        let started = Instant::now();
        loop {
            let state = self.task_state(task).await?;
            match state.status {
                TaskStatus::InProgress => {}
                TaskStatus::Failed => {
                    return Err(ClientError::TaskFailed {
                        task_id: task.id.clone(),
                    });
                }
                _ => return Ok(state),
            }
            let waited = started.elapsed();
            if waited >= timeout {
                return Err(ClientError::TaskTimeout {
                    task_id: task.id.clone(),
                    waited,
                });
            }
            tokio::time::sleep(poll.min(timeout - waited)).await;
        }
    }

    /// A stream's totals, or `None` for an empty stream (the server answers a `null` header).
    pub async fn header(
        &self,
        task: &ExportTask,
        stream: StreamKind,
    ) -> Result<Option<Header>, ClientError> {
        let data = self
            .graphql(
                queries::HEADER,
                json!({"where": {"id": task.id}, "streamType": stream.as_str()}),
            )
            .await?;
        let header = field(&data, &["task", "exportMetadataHeader"])?;
        if header.is_null() {
            return Ok(None);
        }
        Ok(Some(Header {
            total_size: number(field(header, &["totalSize"])?, "totalSize")?,
            total_lines: number(field(header, &["totalLines"])?, "totalLines")?,
        }))
    }
}

/// `value.a.b...`: every step must be present (the last one may be `null`).
pub(crate) fn field<'v>(value: &'v Value, path: &[&str]) -> Result<&'v Value, ClientError> {
    let mut at = value;
    for (i, name) in path.iter().enumerate() {
        at = at.get(name).ok_or_else(|| {
            ClientError::Protocol(format!("the answer has no `{}`", path[..=i].join(".")))
        })?;
    }
    Ok(at)
}

/// A JSON string.
pub(crate) fn string(value: &Value, what: &str) -> Result<String, ClientError> {
    value
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| ClientError::Protocol(format!("{what} is not a string: {value}")))
}

/// A non-negative integer sent as a JSON number or a numeric string (the SDK accepts both).
pub(crate) fn number(value: &Value, what: &str) -> Result<u64, ClientError> {
    match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
    .ok_or_else(|| ClientError::Protocol(format!("{what} is not a non-negative integer: {value}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_are_the_sdks() {
        let request = ExportRequest {
            params: ExportParams {
                label_details: true,
                media_type_override: Some("LLM".into()),
                ..ExportParams::none()
            },
            filters: Value::Null,
            task_name: None,
        };
        assert_eq!(
            request.variables("clproj"),
            json!({"input": {
                "taskName": null, "isStreamableReady": true,
                "filters": {"projectId": "clproj", "searchQuery": {"scope": null, "query": []}},
                "params": {"mediaTypeOverride": "LLM", "includeAttachments": false,
                    "includeEmbeddings": false, "includeMetadata": false,
                    "includeDataRowDetails": false, "includeProjectDetails": false,
                    "includePerformanceDetails": false, "includeLabelDetails": true,
                    "includeInterpolatedFrames": false},
                "streamable": true}})
        );
    }

    #[test]
    fn numbers_may_be_strings() {
        assert_eq!(number(&json!(12), "n"), Ok(12));
        assert_eq!(number(&json!("12"), "n"), Ok(12));
        assert!(number(&json!("-1"), "n").is_err());
        assert!(number(&json!(1.5), "n").is_err());
        assert!(field(&json!({"a": null}), &["a", "b"]).is_err());
    }
}
