//! The admin API's own surface: the scenarios list, errors for bad admin requests, and the
//! OpenAPI document (`docs/admin-openapi.json`), which must cover every route, describe every
//! answer the router gives, and describe the scenario format as the server parses it (field
//! names, enums, bounds and defaults, probed through `PUT /__admin/scenarios/{name}`).
//!
//! The document is checked by a small JSON Schema validator ([`schema_validator`]): it knows the
//! keywords the document uses and fails on any other, so it never passes a schema it did not read.
//! [`openapi`] checks the routes and answers against the document, [`scenario_schema`] the
//! scenario format.

mod openapi;
mod scenario_schema;
mod schema_validator;

use fauxport_server::scenario::catalog;
use serde_json::{Value, json};

use crate::admin::{admin, fresh};
use crate::support::Server;

#[tokio::test]
async fn scenarios_lists_the_built_ins() {
    let s = fresh(10);
    let (status, body) = admin(&s, "GET", "/__admin/scenarios", "").await;
    assert_eq!(status, 200);
    let expected: Vec<Value> = catalog::builtin()
        .iter()
        .map(|s| {
            let mut v = s.to_json();
            v["origin"] = json!("builtin");
            v
        })
        .collect();
    assert_eq!(body, json!({ "scenarios": expected }));
}

/// Checks one bad admin request: its status and a JSON error that contains `needle`.
async fn check_error(s: &Server, method: &str, path: &str, body: &str, status: u16, needle: &str) {
    let (got, out) = admin(s, method, path, body).await;
    let message = out["error"].as_str().unwrap_or_default();
    assert!(
        got == status && message.contains(needle),
        "{method} {path} {body}\n→ HTTP {got}: {out}\nexpected HTTP {status} with {needle:?}"
    );
}

#[tokio::test]
async fn bad_admin_requests_get_json_errors_naming_the_field() {
    let s = fresh(10);
    let cases: &[(&str, &str, &str, u16, &str)] = &[
        (
            "GET",
            "/__admin/nope",
            "",
            404,
            "no admin endpoint GET /__admin/nope",
        ),
        ("GET", "/__admin", "", 404, "GET /__admin/requests"),
        (
            "DELETE",
            "/__admin/requests/verify/extra",
            "",
            404,
            "no admin endpoint",
        ),
        ("POST", "/__admin/requests", "", 405, "accepts GET, DELETE"),
        ("GET", "/__admin/reset", "", 405, "accepts POST"),
        ("PUT", "/__admin/scenarios", "", 405, "accepts GET"),
        (
            "POST",
            "/__admin/default-scenario",
            "",
            405,
            "accepts GET, PUT, DELETE",
        ),
        (
            "GET",
            "/__admin/scenarios/a/b",
            "",
            404,
            "no admin endpoint",
        ),
        ("GET", "/__admin/requests?faulted=maybe", "", 400, "faulted"),
        (
            "POST",
            "/__admin/requests/count",
            r#"{"order": []}"#,
            400,
            "order: unknown field",
        ),
        (
            "POST",
            "/__admin/requests/verify",
            r#"{"order": "task"}"#,
            400,
            "order: expected a list of strings",
        ),
        ("GET", "/__admin/requests?limit=many", "", 400, "limit"),
        ("GET", "/__admin/requests?key=k", "", 400, "key"),
        (
            "POST",
            "/__admin/requests/count",
            "{not json",
            400,
            "request body: not JSON",
        ),
        (
            "POST",
            "/__admin/requests/count",
            "[1]",
            400,
            "expected a JSON object",
        ),
        (
            "POST",
            "/__admin/requests/count",
            r#"{"api_key": 5}"#,
            400,
            "api_key: expected a string",
        ),
        (
            "POST",
            "/__admin/requests/count",
            r#"{"min_count": 1}"#,
            400,
            "min_count: unknown field",
        ),
        (
            "POST",
            "/__admin/requests/verify",
            r#"{"operaton": "X"}"#,
            400,
            "operaton: unknown field",
        ),
        (
            "POST",
            "/__admin/requests/verify",
            r#"{"min_count": "2"}"#,
            400,
            "min_count: expected a non-negative integer",
        ),
        (
            "POST",
            "/__admin/requests/verify",
            r#"{"max_count": -1}"#,
            400,
            "max_count: expected a non-negative integer",
        ),
        (
            "POST",
            "/__admin/requests/verify",
            r#"{"min_gap_ms": -5}"#,
            400,
            "min_gap_ms: expected a non-negative number",
        ),
        (
            "POST",
            "/__admin/requests/verify",
            r#"{"min_count": 3, "max_count": 1}"#,
            400,
            "min_count: 3 is greater than max_count 1",
        ),
    ];
    for &(method, path, body, status, needle) in cases {
        check_error(&s, method, path, body, status, needle).await;
    }
    let huge = format!(r#"{{"api_key": "{}"}}"#, "k".repeat(100_000));
    check_error(
        &s,
        "POST",
        "/__admin/requests/count",
        &huge,
        413,
        "request body",
    )
    .await;
}

/// A wrong method on a templated path (`/__admin/scenarios/{name}`) names the methods it
/// accepts, as on the fixed paths.
///
/// Fails today: `method_not_allowed` in `src/http/admin.rs` compares the route template with the
/// request's path (`r.path() == uri.path()`), which never holds for `{name}`, so the answer ends
/// "it accepts " with nothing after it.
#[tokio::test]
async fn wrong_methods_on_scenario_paths_name_the_accepted_ones() {
    let s = fresh(10);
    for path in ["/__admin/scenarios/happy", "/__admin/scenarios/no-such-one"] {
        check_error(&s, "POST", path, "", 405, "it accepts GET, PUT, DELETE").await;
    }
}

/// The document.
fn document() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/admin-openapi.json");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}
