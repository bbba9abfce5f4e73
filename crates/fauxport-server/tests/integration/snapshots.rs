//! Snapshots of every response shape the SDK reads and of every error body. All of them pass
//! through [`redact`], which hides what changes from run to run (task ids, URL signatures and
//! expiries, wall-clock times), so a snapshot changes only when behaviour does.

use std::time::{SystemTime, UNIX_EPOCH};

use fauxport_model::ExportParams;
use serde_json::{Map, Value, json};

use crate::errors::{cases, finished_task, send};
use crate::sdk;
use crate::support::{ERRORS_PROJECT, KEY, export_variables, server};

/// Replaces the parts of a response that differ between runs with placeholders: the given task
/// ids, the `expires`/`sig` query of page URLs, and times within a day of now (task times).
pub(crate) fn redact(value: &Value, task_ids: &[&str]) -> Value {
    match value {
        Value::String(s) => Value::String(redact_str(s, task_ids)),
        Value::Array(items) => Value::Array(items.iter().map(|v| redact(v, task_ids)).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), redact(v, task_ids)))
                .collect::<Map<_, _>>(),
        ),
        other => other.clone(),
    }
}

fn redact_str(s: &str, task_ids: &[&str]) -> String {
    let now_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64);
    if fauxport_model::time::parse_rfc3339_millis(s)
        .is_some_and(|ms| (ms - now_ms).abs() < 86_400_000)
    {
        return "[now]".to_owned();
    }
    let mut out = s.to_owned();
    for id in task_ids {
        out = out.replace(id, "[task-id]");
    }
    if let Some(i) = out.find("?expires=") {
        out.truncate(i);
        out.push_str("?expires=[expires]&sig=[sig]");
    }
    out
}

/// Asserts a snapshot named `server-<name>` under the workspace's `snapshots/`.
fn snap(name: &str, value: &Value) {
    insta::with_settings!({ snapshot_path => "../../../../snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_json_snapshot!(format!("server-{name}"), value);
    });
}

#[tokio::test]
async fn response_shapes() {
    let s = server();
    let w = s.world();
    let p0 = w.projects[0].id.as_str();
    let user = s.user_id(KEY).await;
    let created = s
        .data(
            KEY,
            sdk::EXPORT_DATA_ROWS_IN_PROJECT,
            export_variables(p0, &ExportParams::none(), json!([])),
        )
        .await;
    let task = created["exportDataRowsInProject"]["taskId"]
        .as_str()
        .expect("taskId")
        .to_owned();
    s.wait(KEY, &user, &task).await;
    let legacy = s
        .export(
            "fauxport:legacy-export",
            export_variables(
                &s.project_id(ERRORS_PROJECT),
                &ExportParams::none(),
                json!([]),
            ),
        )
        .await;
    let errors_task = s
        .export(
            KEY,
            export_variables(
                &s.project_id(ERRORS_PROJECT),
                &ExportParams::none(),
                json!([]),
            ),
        )
        .await;
    let stream = |id: &str, stream: &str| json!({"where": {"id": id}, "streamType": stream});
    let shapes: Vec<(&str, &str, Value)> = vec![
        ("project", sdk::GET_PROJECT_V5, json!({"param_0": p0})),
        (
            "projects",
            sdk::GET_PROJECTS_WHERE_NAME_V7,
            json!({"param_0": w.projects[2].name, "param_1": false}),
        ),
        (
            "dataset",
            sdk::GET_DATASET,
            json!({"param_0": w.projects[1].dataset.id.as_str()}),
        ),
        ("user", sdk::GET_USER_V7, json!({})),
        ("user-v5", sdk::GET_USER_V5, json!({})),
        ("current-user", sdk::CURRENT_USER, Value::Null),
        ("organization", sdk::GET_ORGANIZATION, json!({})),
        (
            "export-created",
            sdk::EXPORT_DATA_ROWS_IN_PROJECT,
            export_variables(p0, &ExportParams::all(), json!([])),
        ),
        (
            "created-tasks",
            sdk::GET_USER_CREATED_TASKS_V7,
            json!({"param_0": task, "param_1": user}),
        ),
        (
            "task-by-id",
            sdk::GET_USER_CREATED_TASKS_BY_ID,
            json!({"userId": user, "taskId": task}),
        ),
        (
            "legacy-task",
            sdk::GET_USER_CREATED_TASKS_V5,
            json!({"param_0": legacy.id, "param_1": user}),
        ),
        (
            "header",
            sdk::GET_EXPORT_METADATA_HEADER,
            stream(&task, "RESULT"),
        ),
        (
            "header-errors",
            sdk::GET_EXPORT_METADATA_HEADER,
            stream(&errors_task.id, "ERRORS"),
        ),
        (
            "header-empty",
            sdk::GET_EXPORT_METADATA_HEADER,
            stream(&task, "ERRORS"),
        ),
        (
            "file-from-offset",
            sdk::GET_EXPORT_FILE_FROM_OFFSET,
            json!({"where": {"id": task}, "streamType": "RESULT", "offset": "60000"}),
        ),
        (
            "file-from-line",
            sdk::GET_EXPORT_FILE_FROM_LINE,
            json!({"where": {"id": task}, "streamType": "RESULT", "line": 120}),
        ),
        (
            "file-past-the-end",
            sdk::GET_EXPORT_FILE_FROM_OFFSET,
            json!({"where": {"id": task}, "streamType": "RESULT", "offset": "99999999"}),
        ),
    ];
    for (name, query, variables) in shapes {
        let (status, body) = s.gql(KEY, query, variables).await;
        assert_eq!(status, 200, "{name}: {body}");
        let body = redact(&body, &[&task, &legacy.id, &errors_task.id]);
        if name == "export-created" {
            // A new task each run: its id is not known before the call.
            let id = body["data"]["exportDataRowsInProject"]["taskId"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            snap(name, &redact(&body, &[&id]));
        } else {
            snap(name, &body);
        }
    }
}

#[tokio::test]
async fn error_bodies() {
    let s = server();
    let task = finished_task(s).await;
    let mut all = Map::new();
    for case in cases(s, &task) {
        let response = send(s, &case).await;
        let body = serde_json::from_slice(&response.body).unwrap_or_else(|_| {
            Value::String(String::from_utf8_lossy(&response.body).into_owned())
        });
        let body = redact(&body, &[&task]);
        all.insert(
            case.name.to_owned(),
            json!({"status": response.status, "body": body}),
        );
    }
    snap("errors", &Value::Object(all));
}

#[test]
fn redaction_hides_only_what_varies() {
    let now = fauxport_model::Timestamp::from_millis(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as i64),
    );
    let v = json!({
        "id": "cltask1",
        "file": "http://fauxport.test/files/cltask1/RESULT/0?expires=1700000000&sig=00ff",
        "createdAt": now.0,
        "worldTime": "2024-01-08T05:46:27.000Z",
        "n": 3,
    });
    assert_eq!(
        redact(&v, &["cltask1"]),
        json!({
            "id": "[task-id]",
            "file": "http://fauxport.test/files/[task-id]/RESULT/0?expires=[expires]&sig=[sig]",
            "createdAt": "[now]",
            "worldTime": "2024-01-08T05:46:27.000Z",
            "n": 3,
        })
    );
}
