//! The request journal behind `/__admin`: what an SDK export leaves in it, filters and isolation
//! between API keys, verification of polling gaps, the capacity bound under 100,000 requests and
//! reset. Every test runs its own server, so other tests' requests never show.

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::Request;
use fauxport_model::ExportParams;
use fauxport_server::ServerConfig;
use serde_json::{Value, json};

use crate::sdk;
use crate::support::{KEY, Server, config, export_variables, path_of};

/// A second accepted key (a `fauxport:<scenario>` key is always accepted).
const OTHER_KEY: &str = "fauxport:happy";

/// A server of its own with a journal of `capacity` requests.
pub(crate) fn fresh(capacity: usize) -> Server {
    let mut c: ServerConfig = config();
    c.journal_capacity = capacity;
    Server::new(c)
}

/// Sends an admin request (no API key); the status and the JSON body, which every admin answer
/// has, with `application/json`.
pub(crate) async fn admin(s: &Server, method: &str, path: &str, body: &str) -> (u16, Value) {
    let request = Request::builder()
        .method(method)
        .uri(path)
        .header("host", "fauxport.test")
        .header("content-type", "application/json")
        .body(Body::from(body.to_owned()))
        .expect("a valid request");
    let response = s.send(request).await;
    let content_type = response
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert_eq!(
        content_type, "application/json",
        "{method} {path}: content type"
    );
    (response.status, response.json())
}

/// `GET /__admin/requests?<query>`, which must succeed.
async fn journal(s: &Server, query: &str) -> Value {
    let (status, body) = admin(s, "GET", &format!("/__admin/requests?{query}"), "").await;
    assert_eq!(status, 200, "GET /__admin/requests?{query}: {body}");
    body
}

/// The entries of `GET /__admin/requests?<query>`.
async fn entries(s: &Server, query: &str) -> Vec<Value> {
    journal(s, query).await["requests"]
        .as_array()
        .cloned()
        .unwrap_or_else(|| panic!("no requests array"))
}

/// `POST /__admin/requests/<what>` with `body`, which must succeed.
async fn post_ok(s: &Server, what: &str, body: Value) -> Value {
    let path = format!("/__admin/requests/{what}");
    let (status, out) = admin(s, "POST", &path, &body.to_string()).await;
    assert_eq!(status, 200, "POST {path} {body}: {out}");
    out
}

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
async fn filters_by_key_and_operation_and_keys_do_not_see_each_other() {
    let s = fresh(10_000);
    for (key, query) in [
        (KEY, sdk::GET_USER_V7),
        (OTHER_KEY, sdk::GET_USER_V7),
        (KEY, sdk::GET_ORGANIZATION),
        (KEY, sdk::GET_USER_V7),
        (OTHER_KEY, sdk::CURRENT_USER),
    ] {
        let (status, _) = s.gql(key, query, json!({})).await;
        assert_eq!(status, 200, "{query}");
    }
    // (query string of the list, the same filter as a count body, the seqs expected).
    let cases: [(&str, Value, &[u64]); 8] = [
        ("", json!({}), &[1, 2, 3, 4, 5]),
        (
            "api_key=fauxport-local-dev-key",
            json!({"api_key": KEY}),
            &[1, 3, 4],
        ),
        (
            "api_key=fauxport:happy",
            json!({"api_key": OTHER_KEY}),
            &[2, 5],
        ),
        (
            "operation=GetUserPyApi",
            json!({"operation": "GetUserPyApi"}),
            &[1, 2, 4],
        ),
        (
            "api_key=fauxport:happy&operation=GetUserPyApi",
            json!({"api_key": OTHER_KEY, "operation": "GetUserPyApi"}),
            &[2],
        ),
        (
            "api_key=fauxport:happy&operation=GetOrganizationPyApi",
            json!({"api_key": OTHER_KEY, "operation": "GetOrganizationPyApi"}),
            &[],
        ),
        (
            "api_key=nobody",
            json!({"api_key": "nobody", "operation": null}),
            &[],
        ),
        (
            "operation=CurrentUserPyApi",
            json!({"operation": "CurrentUserPyApi"}),
            &[5],
        ),
    ];
    for (query, count_body, seqs) in cases {
        let got = entries(&s, query).await;
        let got_seqs: Vec<u64> = got.iter().filter_map(|e| e["seq"].as_u64()).collect();
        assert_eq!(got_seqs, seqs, "GET ?{query}");
        let count = post_ok(&s, "count", count_body.clone()).await;
        assert_eq!(count, json!({"count": seqs.len()}), "count {count_body}");
        // Another key's entries never leak into a key's view.
        if let Some(key) = count_body["api_key"].as_str() {
            assert!(got.iter().all(|e| e["api_key"] == key), "GET ?{query}");
        }
    }
    // `limit` keeps the newest, still oldest first.
    let newest: Vec<u64> = entries(&s, "limit=2")
        .await
        .iter()
        .filter_map(|e| e["seq"].as_u64())
        .collect();
    assert_eq!(newest, [4, 5]);
    let one = entries(&s, "api_key=fauxport-local-dev-key&limit=1").await;
    assert_eq!(one.len(), 1);
    assert_eq!(one[0]["seq"], 4);
}

/// Starts an export and polls its task `polls` times, `gap` apart, as `GetUserCreatedTasksPyApi`.
async fn poll(s: &Server, polls: usize, gap: Duration) {
    let (task, _) = s
        .start_export(
            KEY,
            export_variables(&s.project_id(0), &ExportParams::none(), json!([])),
        )
        .await;
    let user = s.user_id(KEY).await;
    for i in 0..polls {
        if i > 0 {
            tokio::time::sleep(gap).await;
        }
        s.task(KEY, &user, &task).await;
    }
}

const POLL: &str = "GetUserCreatedTasksPyApi";

#[tokio::test]
async fn verify_catches_polling_more_often_than_allowed() {
    let s = fresh(10_000);
    poll(&s, 2, Duration::from_millis(10)).await;
    let verdict = post_ok(
        &s,
        "verify",
        json!({"api_key": KEY, "operation": POLL, "min_count": 1, "min_gap_ms": 2000}),
    )
    .await;
    assert_eq!(
        (&verdict["ok"], &verdict["count"]),
        (&json!(false), &json!(2)),
        "{verdict}"
    );
    let gap = verdict["min_gap_ms"].as_f64().expect("an observed gap");
    assert!((10.0..2000.0).contains(&gap), "{verdict}");
    let problems = verdict["problems"].as_array().expect("problems");
    assert_eq!(problems.len(), 1, "{verdict}");
    let problem = problems[0].as_str().unwrap_or_default();
    assert!(
        problem.contains(POLL) && problem.contains("min_gap_ms 2000") && problem.contains("#"),
        "{problem}"
    );

    // Counts: at least and at most, each named when it fails.
    let verdict = post_ok(
        &s,
        "verify",
        json!({"api_key": KEY, "operation": POLL, "min_count": 3, "max_count": 5}),
    )
    .await;
    assert_eq!(verdict["ok"], false, "{verdict}");
    assert!(
        verdict["problems"][0]
            .as_str()
            .is_some_and(|p| p.contains("at least 3")),
        "{verdict}"
    );
    let verdict = post_ok(&s, "verify", json!({"operation": POLL, "max_count": 1})).await;
    assert!(
        verdict["problems"][0]
            .as_str()
            .is_some_and(|p| p.contains("at most 1")),
        "{verdict}"
    );
    // Another key made no calls: no gap to violate.
    let verdict = post_ok(
        &s,
        "verify",
        json!({"api_key": OTHER_KEY, "operation": POLL, "min_gap_ms": 2000}),
    )
    .await;
    assert_eq!(
        verdict,
        json!({"ok": true, "count": 0, "min_gap_ms": null, "problems": []})
    );
}

#[tokio::test]
async fn verify_passes_when_polling_respects_the_gap() {
    let s = fresh(10_000);
    poll(&s, 3, Duration::from_millis(60)).await;
    let verdict = post_ok(
        &s,
        "verify",
        json!({"api_key": KEY, "operation": POLL, "min_count": 3, "max_count": 3, "min_gap_ms": 50}),
    )
    .await;
    assert_eq!(
        (&verdict["ok"], &verdict["count"]),
        (&json!(true), &json!(3)),
        "{verdict}"
    );
    assert_eq!(verdict["problems"], json!([]), "{verdict}");
    assert!(
        verdict["min_gap_ms"].as_f64().is_some_and(|g| g >= 60.0),
        "{verdict}"
    );
}

/// The Done-means of issue 4: the journal stays within its capacity under 100,000 requests.
///
/// Most requests are page downloads with a forged signature (a cheap 403, journaled like any
/// page), sent by four tasks at once on two worker threads so recording runs under contention:
/// 100,000 GraphQL executions take about 8 s in a debug build, these about 2 s. The last
/// `CAPACITY` requests are GraphQL calls, so the kept window is exactly those, with their
/// operation, and everything before them was evicted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_journal_stays_within_its_capacity_under_100_000_requests() {
    const CAPACITY: usize = 1_000;
    const REQUESTS: usize = 100_000;
    const TASKS: usize = 4;
    let s = std::sync::Arc::new(fresh(CAPACITY));
    let started = Instant::now();
    let mut senders = Vec::new();
    for _ in 0..TASKS {
        let s = std::sync::Arc::clone(&s);
        senders.push(tokio::spawn(async move {
            for _ in 0..(REQUESTS - CAPACITY) / TASKS {
                let response = s.get("/files/cltask/RESULT/0?expires=1&sig=forged").await;
                assert_eq!(response.status, 403);
            }
        }));
    }
    for sender in senders {
        sender.await.expect("a sender finished");
    }
    let body = json!({"query": "query Org {organization {id}}"}).to_string();
    for _ in 0..CAPACITY {
        let response = s
            .post("/graphql", Some(KEY), body.clone().into_bytes())
            .await;
        assert_eq!(response.status, 200);
    }
    let elapsed = started.elapsed();
    eprintln!(
        "{REQUESTS} journaled requests in {:.2} s ({:.1} µs each)",
        elapsed.as_secs_f64(),
        elapsed.as_secs_f64() * 1e6 / REQUESTS as f64
    );
    let body = journal(&s, "").await;
    let kept = body["requests"].as_array().expect("requests");
    assert_eq!(kept.len(), CAPACITY);
    assert_eq!(
        (&body["total_recorded"], &body["evicted"], &body["capacity"]),
        (
            &json!(REQUESTS),
            &json!(REQUESTS - CAPACITY),
            &json!(CAPACITY)
        )
    );
    // The newest are kept, in order, each with its operation.
    let seqs: Vec<u64> = kept.iter().filter_map(|e| e["seq"].as_u64()).collect();
    let newest: Vec<u64> = ((REQUESTS - CAPACITY + 1) as u64..=REQUESTS as u64).collect();
    assert_eq!(seqs, newest);
    assert!(kept.iter().all(|e| e["operations"] == json!(["Org"])));
    let count = post_ok(&s, "count", json!({"operation": "Org"})).await;
    assert_eq!(count["count"], CAPACITY);
}

#[tokio::test]
async fn reset_and_delete_clear_the_journal() {
    let s = fresh(3);
    for _ in 0..5 {
        s.gql(KEY, sdk::GET_ORGANIZATION, json!({})).await;
    }
    let before = journal(&s, "").await;
    assert_eq!(
        (&before["total_recorded"], &before["evicted"]),
        (&json!(5), &json!(2))
    );
    // Evictions make verification unreliable, and it says so.
    let verdict = post_ok(&s, "verify", json!({})).await;
    assert!(
        verdict["problems"][0]
            .as_str()
            .is_some_and(|p| p.contains("evicted 2")),
        "{verdict}"
    );

    for (method, path) in [("DELETE", "/__admin/requests"), ("POST", "/__admin/reset")] {
        let (status, body) = admin(&s, method, path, "").await;
        let expected = if path == "/__admin/reset" {
            json!({"cleared": 3, "scenarios_removed": 0})
        } else {
            json!({"cleared": 3})
        };
        assert_eq!((status, body), (200, expected), "{method} {path}");
        let after = journal(&s, "").await;
        assert_eq!(
            (
                &after["requests"],
                &after["total_recorded"],
                &after["evicted"]
            ),
            (&json!([]), &json!(0), &json!(0)),
            "{method} {path}"
        );
        assert_eq!(post_ok(&s, "verify", json!({})).await["ok"], true);
        for _ in 0..3 {
            s.gql(KEY, sdk::GET_ORGANIZATION, json!({})).await;
        }
    }
    // Sequence numbers are never reused.
    let seqs: Vec<u64> = entries(&s, "")
        .await
        .iter()
        .filter_map(|e| e["seq"].as_u64())
        .collect();
    assert_eq!(seqs, [9, 10, 11]);
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
    assert_eq!(
        got,
        [
            json!([
                "POST",
                "/graphql",
                null,
                "wrong-key",
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
                null,
                404
            ]),
        ]
    );
}

#[tokio::test]
async fn capacity_zero_turns_the_journal_off() {
    let s = fresh(0);
    s.gql(KEY, sdk::GET_ORGANIZATION, json!({})).await;
    let body = journal(&s, "").await;
    assert_eq!(
        body,
        json!({"requests": [], "total_recorded": 0, "evicted": 0, "capacity": 0})
    );
    let verdict = post_ok(&s, "verify", json!({"operation": "GetOrganizationPyApi"})).await;
    assert_eq!(verdict["ok"], false);
    assert!(
        verdict["problems"][0]
            .as_str()
            .is_some_and(|p| p.contains("disabled")),
        "{verdict}"
    );
}
