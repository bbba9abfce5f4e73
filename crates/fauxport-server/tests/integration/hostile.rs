//! Hostile inputs (issue 10): each finding's attack against the real router, and the bounded
//! outcome it must meet now: the Labelbox-shaped error naming the limit, within a loose time
//! bound. The time bounds are generous (seconds where the attack took minutes or never ended);
//! they hold on a loaded debug build.

use std::time::{Duration, Instant};

use fauxport_gen::WorldSpec;
use fauxport_model::ExportParams;
use fauxport_server::limits::{Limits, SERVED_HUGE_ROW_BYTES};
use fauxport_server::{AppState, ServerConfig};
use serde_json::{Value, json};

use crate::admin::admin;
use crate::sdk;
use crate::support::{KEY, Server, config, export_variables, server};

/// What a hostile request may take, at most.
const BOUND: Duration = Duration::from_secs(5);

/// Checks that `body` is one error with `code` whose message contains every one of `needles`.
fn check(status: u16, body: &Value, want_status: u16, code: &str, needles: &[&str]) {
    assert_eq!(status, want_status, "{body:#}");
    let error = &body["errors"][0];
    assert_eq!(error["extensions"]["code"], code, "{body:#}");
    let message = error["message"].as_str().unwrap_or_default();
    for needle in needles {
        assert!(message.contains(needle), "{needle:?} not in {message:?}");
    }
}

/// `n` fragments, each spreading the previous one twice, under `on`.
fn fragment_bomb(n: usize, on: &str) -> String {
    let mut q = format!("query Bomb {{ ...F{n} }}\nfragment F0 on {on} {{ user {{ id }} }}\n");
    for i in 1..=n {
        let p = i - 1;
        q.push_str(&format!("fragment F{i} on {on} {{ ...F{p} ...F{p} }}\n"));
    }
    q
}

/// Posts `query` with `key` and times it.
async fn timed(s: &Server, key: &str, query: &str, variables: Value) -> (u16, Value, Duration) {
    let started = Instant::now();
    let (status, body) = s.gql(key, query, variables).await;
    (status, body, started.elapsed())
}

#[tokio::test]
async fn a_fragment_bomb_is_refused_at_once_naming_the_field_limit() {
    let s = server();
    let limit = Limits::default().query_fields.to_string();
    // `QueryRoot` is the schema's root type (the bomb is valid); `Query` fails validation, which
    // cost the engine as much before.
    for (n, on) in [
        (22, "QueryRoot"),
        (25, "Query"),
        (25, "Nonsense"),
        (60, "QueryRoot"),
    ] {
        let query = fragment_bomb(n, on);
        let (status, body, took) = timed(s, KEY, &query, json!({})).await;
        let needle = if n > 32 { "recursion limit" } else { &limit };
        check(status, &body, 400, "GRAPHQL_VALIDATION_FAILED", &[needle]);
        assert!(took < BOUND, "n={n} on {on}: {took:?}");
    }
}

#[tokio::test]
async fn a_bomb_within_the_limits_runs() {
    // Eight levels select 512 fields: under the limit, so the query runs and answers.
    let query = fragment_bomb(8, "QueryRoot");
    let (status, body, took) = timed(server(), KEY, &query, json!({})).await;
    assert_eq!(status, 200, "{body:#}");
    assert!(body["data"]["user"]["id"].is_string(), "{body:#}");
    assert!(took < BOUND);
}

#[tokio::test]
async fn a_fragment_cycle_and_a_deep_query_are_refused_by_name() {
    let s = server();
    let cycle = "query C { ...A } fragment A on Query { ...B } fragment B on Query { ...A }";
    let (status, body, took) = timed(s, KEY, cycle, json!({})).await;
    check(
        status,
        &body,
        400,
        "GRAPHQL_VALIDATION_FAILED",
        &["within itself"],
    );
    assert!(took < BOUND);
    // Unused fragments are validated too: a bomb no operation spreads is refused the same way.
    let unused =
        fragment_bomb(30, "Query").replacen("query Bomb { ...F30 }", "query U { user { id } }", 1);
    let (status, body, _) = timed(s, KEY, &unused, json!({})).await;
    check(
        status,
        &body,
        400,
        "GRAPHQL_VALIDATION_FAILED",
        &["query fields limit"],
    );
    // Depth is measured before validation, so unknown fields count too.
    let deep = format!("query D {{ {}id{} }}", "a { ".repeat(20), " }".repeat(20));
    let (status, body, _) = timed(s, KEY, &deep, json!({})).await;
    check(
        status,
        &body,
        400,
        "GRAPHQL_VALIDATION_FAILED",
        &["21 deep", "query depth limit"],
    );
}

/// Every query text the SDK sends, read from `protocol/sdk-queries/`.
fn sdk_queries() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../protocol/sdk-queries");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.expect("a directory entry").path();
            let text = std::fs::read_to_string(&path).expect("a query text");
            (path.display().to_string(), text)
        })
        .collect();
    out.sort();
    out
}

/// The limit errors a server with `limits` answers the SDK's queries with.
async fn limit_errors(limits: Limits) -> Vec<String> {
    let mut c = config();
    c.limits = limits;
    let s = Server::new(c);
    let mut refused = Vec::new();
    for (path, query) in sdk_queries() {
        let (_, body) = s.gql(KEY, &query, json!({})).await;
        for e in body["errors"].as_array().into_iter().flatten() {
            let message = e["message"].as_str().unwrap_or_default();
            // Ours name their limit; the engine's say "too deep" or "too complex".
            if ["limit", "too deep", "too complex"]
                .iter()
                .any(|m| message.contains(m))
            {
                refused.push(format!("{path}: {message}"));
            }
        }
    }
    refused
}

#[tokio::test]
async fn every_sdk_query_passes_the_default_limits() {
    assert!(sdk_queries().len() >= 20);
    let refused = limit_errors(Limits::default()).await;
    assert!(refused.is_empty(), "{refused:#?}");
    // The same walk finds limits when they are tight: the check above can fail.
    let tight = Limits {
        query_fields: 3,
        ..Limits::default()
    };
    assert!(!limit_errors(tight).await.is_empty());
}

#[tokio::test]
async fn aliased_exports_are_refused_before_any_task_is_made() {
    let s = Server::new(config());
    let p = s.project_id(0);
    let fields: String = (0..200)
        .map(|i| format!("e{i}: exportDataRowsInProject(input: $input) {{ taskId }} "))
        .collect();
    let query = format!("mutation M($input: ExportDataRowsInProjectInput!) {{ {fields} }}");
    let variables = export_variables(&p, &ExportParams::none(), json!([]));
    let (status, body, took) = timed(&s, KEY, &query, variables).await;
    check(
        status,
        &body,
        400,
        "GRAPHQL_VALIDATION_FAILED",
        &["200 export mutations", "limit of 1"],
    );
    assert!(took < BOUND);
    assert_eq!(s.state.exports.len(), 0);
}

#[tokio::test]
async fn a_huge_first_is_refused_naming_the_argument() {
    let s = server();
    let query = "query B($id: ID!) { project(where: {id: $id}) { batches(first: 4294967295) { nodes { id } } } }";
    let (status, body, took) = timed(s, KEY, query, json!({"id": s.project_id(0)})).await;
    check(
        status,
        &body,
        200,
        "INTERNAL_SERVER_ERROR",
        &["batches.first", "4294967295", "limit of 1000"],
    );
    assert!(took < BOUND);
    let (status, body) = s
        .gql(KEY, "{ projects(first: 2000000) { id } }", json!({}))
        .await;
    check(
        status,
        &body,
        200,
        "INTERNAL_SERVER_ERROR",
        &["projects.first"],
    );
}

/// A server whose keys may run one table pass each, keeping at most `max_tasks` tasks.
fn one_pass_server(max_tasks: usize) -> Server {
    let mut c = config();
    c.limits.running_exports_per_key = 1;
    c.export.max_tasks = max_tasks;
    c.export.settle = Duration::ZERO;
    c.any_key = true;
    Server::new(c)
}

/// Starts a large export (a table pass of 100,000 rows) for `key`: the HTTP status and body.
async fn large_export(s: &Server, key: &str) -> (u16, Value) {
    let variables = export_variables(&s.project_id(0), &ExportParams::all(), json!([]));
    s.gql(key, sdk::EXPORT_DATA_ROWS_IN_PROJECT, variables)
        .await
}

#[tokio::test]
async fn a_key_over_its_running_passes_gets_the_rate_limit_error() {
    let s = one_pass_server(100);
    let key = "fauxport:large-export";
    let (status, first) = large_export(&s, key).await;
    assert_eq!(status, 200, "{first:#}");
    let (status, second) = large_export(&s, key).await;
    assert_eq!(status, 429, "{second:#}");
    // The table's shape for a rate limit: a top-level message, as the SDK expects.
    let message = second["message"].as_str().unwrap_or_default();
    assert!(message.contains("the limit is 1"), "{message}");
    // Another key is not held back by the first one's pass.
    let (status, other) = large_export(&s, "fauxport:large-export:7").await;
    assert_eq!(status, 200, "{other:#}");
}

#[tokio::test]
async fn an_evicted_task_stops_its_table_pass() {
    let s = one_pass_server(1);
    let (status, body) = large_export(&s, "fauxport:large-export").await;
    assert_eq!(status, 200, "{body:#}");
    let id = body["data"]["exportDataRowsInProject"]["taskId"]
        .as_str()
        .expect("a task id");
    let task = s.state.exports.get(id).expect("the task is kept");
    assert!(task.tables().is_none(), "the pass must still be running");
    // A second task (another key) evicts the first: its pass stops and frees its key's slot.
    let (status, _) = large_export(&s, "fauxport:large-export:9").await;
    assert_eq!(status, 200);
    assert!(task.cancelled());
    let started = Instant::now();
    while s.state.exports.running("fauxport:large-export") > 0 {
        assert!(started.elapsed() < BOUND, "the evicted pass kept running");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(task.tables().is_none(), "a cancelled pass leaves no tables");
}

#[tokio::test]
async fn a_long_api_key_is_refused_naming_the_limit() {
    let s = server();
    let key = format!("fauxport:happy{}", "k".repeat(390_000));
    let (status, body, took) = timed(s, &key, sdk::CURRENT_USER, json!({})).await;
    check(
        status,
        &body,
        401,
        "AUTHENTICATION_ERROR",
        &["over the limit of 4096 bytes"],
    );
    assert!(body.to_string().len() < 2000, "the answer echoes the key");
    assert!(took < BOUND);
}

#[tokio::test]
async fn huge_rows_over_the_served_limit_are_refused_in_scenarios_and_worlds() {
    let s = Server::new(config());
    let body = json!({"content": {"huge_row_rate": 1.0, "huge_row_bytes": 256 << 20}});
    let (status, out) = admin(&s, "PUT", "/__admin/scenarios/huge", &body.to_string()).await;
    assert_eq!(status, 400, "{out}");
    let error = out["error"].as_str().unwrap_or_default();
    assert!(error.contains("content.huge_row_bytes"), "{error}");
    assert!(
        error.contains(&SERVED_HUGE_ROW_BYTES.to_string()),
        "{error}"
    );
    let mut spec = WorldSpec::default_world(1, 10);
    spec.huge_row_bytes = 256 << 20;
    let e = AppState::new(
        fauxport_gen::World::new(spec).expect("a valid world"),
        ServerConfig::for_seed(1),
    )
    .expect_err("a world of 256 MiB rows is not served");
    assert!(e.to_string().contains("huge_row_bytes"), "{e}");
}

#[tokio::test]
async fn a_huge_bad_value_is_echoed_cut() {
    let s = server();
    let date = "9".repeat(900_000);
    let query = json!([{"type": "labeled_at", "value": {"operator": "GREATER_THAN_OR_EQUAL", "timezone": "UTC", "value": date}}]);
    let variables = export_variables(&s.project_id(0), &ExportParams::none(), query);
    let (status, body, took) = timed(s, KEY, sdk::EXPORT_DATA_ROWS_IN_PROJECT, variables).await;
    assert!(took < BOUND);
    let text = body.to_string();
    assert!(text.len() < 4000, "HTTP {status}: {} bytes", text.len());
    assert!(text.contains("bytes)"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthz_answers_while_renders_are_queued() {
    let s = Server::new(config());
    // Sixteen plain downloads of a scenario with 2 MB rows: more renders than render threads.
    let url = format!(
        "/projects/{}/export.ndjson?api_key=fauxport:huge-rows&params=all",
        s.project_id(0)
    );
    let downloads = futures_util::future::join_all((0..16).map(|_| s.get(&url)));
    let health = async {
        // Once the downloads have started.
        tokio::time::sleep(Duration::from_millis(50)).await;
        let started = Instant::now();
        let response = s.get("/healthz").await;
        (
            response.status,
            started.elapsed(),
            s.state
                .render
                .queued
                .load(std::sync::atomic::Ordering::Relaxed),
        )
    };
    let (pages, (status, took, queued)) = tokio::join!(downloads, health);
    assert_eq!(status, 200);
    assert!(
        took < Duration::from_secs(1),
        "/healthz took {took:?} with {queued} pieces queued"
    );
    assert!(pages.iter().all(|p| p.status == 200));
}
