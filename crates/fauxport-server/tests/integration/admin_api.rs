//! The admin API's own surface: the scenarios list, errors for bad admin requests, and the
//! OpenAPI document that must cover every route.

use std::collections::BTreeSet;

use fauxport_server::http::AdminRoute;
use fauxport_server::scenario::Scenario;
use serde_json::{Value, json};

use crate::admin::{admin, fresh};
use crate::support::Server;

#[tokio::test]
async fn scenarios_lists_the_built_ins() {
    let s = fresh(10);
    let (status, body) = admin(&s, "GET", "/__admin/scenarios", "").await;
    assert_eq!(status, 200);
    let expected: Vec<Value> = Scenario::ALL
        .iter()
        .map(|(_, name, description)| json!({"name": name, "description": description}))
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

/// `docs/admin-openapi.json` documents exactly the routes the admin router is built from, and
/// the router serves each of them.
#[tokio::test]
async fn the_openapi_document_covers_every_admin_route() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/admin-openapi.json");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let doc: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert!(
        doc["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3.1.")),
        "OpenAPI 3.1: {}",
        doc["openapi"]
    );
    let paths = doc["paths"].as_object().expect("paths");
    let mut documented = BTreeSet::new();
    for (path, item) in paths {
        for (method, operation) in item.as_object().expect("a path item") {
            if ["get", "put", "post", "delete", "patch", "head", "options"]
                .contains(&method.as_str())
            {
                assert!(
                    operation["summary"].is_string() && operation["responses"]["200"].is_object(),
                    "{method} {path}: a summary and a 200 response"
                );
                documented.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    let routed: BTreeSet<(String, String)> = AdminRoute::ALL
        .iter()
        .map(|r| (r.method().to_string(), r.path().to_owned()))
        .collect();
    assert_eq!(documented, routed, "documented routes vs AdminRoute::ALL");

    let s = fresh(10);
    for route in AdminRoute::ALL {
        let body = if route.method() == "POST" { "{}" } else { "" };
        let (status, out) = admin(&s, route.method().as_str(), route.path(), body).await;
        assert_eq!(status, 200, "{} {}: {out}", route.method(), route.path());
    }
}
