//! What the journal records: an SDK export call by call, and refused calls and plain routes with
//! their outcome.

use fauxport_model::ExportParams;
use serde_json::{Value, json};

use super::{entries, fresh, journal};
use crate::sdk;
use crate::support::{KEY, export_variables, path_of};

/// What a journal entry was, in a word: its operations for GraphQL, else `METHOD /first-segment`.
fn step(entry: &Value) -> String {
    let path = entry["path"].as_str().unwrap_or_default();
    if path == "/graphql" || path == "/_gql" {
        let ops: Vec<&str> = entry["operations"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        ops.join(",")
    } else {
        let first = path.split('/').nth(1).unwrap_or_default();
        format!("{} /{first}", entry["method"].as_str().unwrap_or_default())
    }
}

#[tokio::test]
async fn an_sdk_export_is_journaled_call_by_call_in_order() {
    let s = fresh(10_000);
    let project = s.project_id(0);
    let done = s
        .export(
            KEY,
            export_variables(&project, &ExportParams::none(), json!([])),
        )
        .await;
    let streamed = s
        .read_stream(KEY, &done.id, "RESULT")
        .await
        .expect("a RESULT stream");
    // Health checks, the world and the admin API itself are not journaled.
    assert_eq!(s.get("/healthz").await.status, 200);
    assert_eq!(s.get("/world.json").await.status, 200);

    let body = journal(&s, "").await;
    let all = body["requests"].as_array().cloned().unwrap_or_default();
    // Polls repeat until the task completes: collapse runs of them.
    let mut steps: Vec<String> = all.iter().map(step).collect();
    steps.dedup_by(|a, b| a == b && a == "GetUserCreatedTasksPyApi");
    let mut expected: Vec<String> = [
        "exportDataRowsInProjectPyApi",
        "GetUserPyApi",
        "GetUserCreatedTasksPyApi",
        "GetExportMetadataHeaderPyApi",
    ]
    .map(String::from)
    .to_vec();
    for _ in &streamed.pages {
        expected.push("GetExportFileFromOffsetPyApi".into());
        expected.push("GET /files".into());
    }
    assert_eq!(steps, expected);
    assert_eq!(
        (&body["total_recorded"], &body["evicted"], &body["capacity"]),
        (&json!(all.len()), &json!(0), &json!(10_000))
    );

    let mut last = (0, -1.0);
    for e in &all {
        let what = format!("{e}");
        let (seq, at) = (
            e["seq"].as_u64().expect("seq"),
            e["at_ms"].as_f64().expect("at_ms"),
        );
        assert!(
            seq > last.0 && at >= last.1,
            "{what}: seq and at_ms must grow"
        );
        last = (seq, at);
        assert!(
            e["duration_ms"].as_f64().is_some_and(|d| d >= 0.0),
            "{what}"
        );
        assert_eq!(
            (&e["status"], &e["error_code"]),
            (&json!(200), &Value::Null),
            "{what}"
        );
        if e["path"] == "/graphql" {
            assert_eq!(e["method"], "POST", "{what}");
            assert_eq!(
                (&e["api_key"], &e["scenario"]),
                (&json!(KEY), &json!("happy:42")),
                "{what}"
            );
            assert_eq!(e["query"], Value::Null, "{what}");
        } else {
            // Page URLs are pre-signed and carry no key: the journal files them under the key
            // and scenario of the task's creator, and does not keep the signature.
            assert_eq!(e["method"], "GET", "{what}");
            let prefix = format!("/files/{}/RESULT/", done.id);
            assert!(
                e["path"].as_str().is_some_and(|p| p.starts_with(&prefix)),
                "{what}"
            );
            assert_eq!(
                (&e["api_key"], &e["scenario"], &e["kind"], &e["task"]),
                (
                    &json!(KEY),
                    &json!("happy:42"),
                    &json!("page"),
                    &json!(done.id)
                ),
                "{what}"
            );
            let query = e["query"].as_str().expect("a query string");
            assert!(
                query.starts_with("expires=") && !query.contains("sig"),
                "{what}"
            );
        }
    }
}

#[tokio::test]
async fn refused_calls_and_plain_routes_are_journaled_with_their_outcome() {
    let s = fresh(100);
    let body = json!({"query": sdk::GET_USER_V7}).to_string().into_bytes();
    assert_eq!(
        s.post("/graphql", Some("wrong-key"), body.clone())
            .await
            .status,
        401
    );
    assert_eq!(
        s.post("/_gql", Some("fauxport:rate-limited"), body.clone())
            .await
            .status,
        429
    );
    assert_eq!(
        s.post("/graphql", Some(KEY), b"{not json".to_vec())
            .await
            .status,
        200
    );
    let forged = s.get("/files/cltask/RESULT/0?expires=1&sig=forged").await;
    assert_eq!(forged.status, 403);
    let project = s.project_id(0);
    let download = format!("/projects/{project}/export.ndjson?api_key={KEY}&params=none");
    assert_eq!(s.get(&download).await.status, 200);
    assert_eq!(
        s.get(&format!("/projects/nope/export.ndjson?api_key={KEY}"))
            .await
            .status,
        404
    );
    assert_eq!(
        s.get(&format!(
            "/projects/{project}/export.ndjson?api_key=wrong-key"
        ))
        .await
        .status,
        401
    );

    // Every entry has a kind; a request refused before the server knew what it asked for or
    // whose it was is `refused`, never null.
    let kinds: Vec<Value> = entries(&s, "")
        .await
        .iter()
        .map(|e| e["kind"].clone())
        .collect();
    assert_eq!(
        kinds,
        [
            "other", "other", "other", "refused", "download", "download", "refused"
        ]
    );
    let refused = entries(&s, "kind=refused").await;
    assert_eq!(refused.len(), 2);

    let got: Vec<Value> = entries(&s, "")
        .await
        .iter()
        .map(|e| {
            json!([
                e["method"],
                e["path"],
                e["query"],
                e["api_key"],
                e["scenario"],
                e["operations"],
                e["error_code"],
                e["status"]
            ])
        })
        .collect();
    let download_query = path_of(&download).split_once('?').map(|(_, q)| q);
    // A key that is no public one is kept only as a prefix and a digest.
    let wrong = fauxport_server::http::shown_key("wrong-key");
    assert!(
        wrong.starts_with('…') && !wrong.contains("wrong"),
        "{wrong}"
    );
    assert_eq!(
        got,
        [
            json!([
                "POST",
                "/graphql",
                null,
                wrong,
                null,
                ["GetUserPyApi"],
                "AUTHENTICATION_ERROR",
                401
            ]),
            json!([
                "POST",
                "/_gql",
                null,
                "fauxport:rate-limited",
                "rate-limited:42",
                ["GetUserPyApi"],
                null,
                429
            ]),
            json!([
                "POST",
                "/graphql",
                null,
                KEY,
                "happy:42",
                [],
                "INTERNAL_SERVER_ERROR",
                200
            ]),
            json!([
                "GET",
                "/files/cltask/RESULT/0",
                "expires=1",
                null,
                null,
                [],
                null,
                403
            ]),
            json!([
                "GET",
                format!("/projects/{project}/export.ndjson"),
                download_query,
                KEY,
                "happy:42",
                [],
                null,
                200
            ]),
            json!([
                "GET",
                "/projects/nope/export.ndjson",
                format!("api_key={KEY}"),
                KEY,
                "happy:42",
                [],
                // The code its body carries (the 404 went through the error table).
                "RESOURCE_NOT_FOUND",
                404
            ]),
            json!([
                "GET",
                format!("/projects/{project}/export.ndjson"),
                format!("api_key={wrong}"),
                wrong,
                null,
                [],
                "AUTHENTICATION_ERROR",
                401
            ]),
        ]
    );
}

#[tokio::test]
async fn entries_say_whether_a_client_should_retry_after_a_back_off() {
    // retryable-outage: the first two export mutations 502, the first task read overloaded
    // (INTERNAL_SERVER_ERROR, exception.status 503), the first header read the retryable rate
    // limit (exception.status 429). A bad input is INTERNAL_SERVER_ERROR too, but final.
    let s = fresh(100);
    let key = "fauxport:retryable-outage";
    let project = s.project_id(0);
    let variables = export_variables(&project, &ExportParams::none(), json!([]));
    for _ in 0..3 {
        s.gql(key, sdk::EXPORT_DATA_ROWS_IN_PROJECT, variables.clone())
            .await;
    }
    s.gql(
        key,
        sdk::GET_USER_CREATED_TASKS_V7,
        json!({"param_0": "cltask", "param_1": "cluser"}),
    )
    .await;
    s.gql(
        KEY,
        sdk::EXPORT_DATA_ROWS_IN_PROJECT,
        export_variables(&project, &ExportParams::none(), json!([{"type": "nope"}])),
    )
    .await;
    let got: Vec<Value> = entries(&s, "")
        .await
        .iter()
        .map(|e| json!([e["status"], e["error_code"], e["retryable"]]))
        .collect();
    assert_eq!(
        got,
        [
            json!([502, null, true]),
            json!([502, null, true]),
            json!([200, null, false]),
            json!([200, "INTERNAL_SERVER_ERROR", true]),
            json!([200, "INTERNAL_SERVER_ERROR", false]),
        ]
    );
}
