//! Scenarios through the admin API: listing, getting, putting and deleting them ([`crud`]), the
//! default and selection by API key and by header ([`selection`]), reset, and the journal's
//! scenario-era fields (`kind`, `task`, `fault`) with the filters and the `order` check that read
//! them ([`reset_and_journal`]). Every test runs its own server.

mod crud;
mod reset_and_journal;
mod selection;

use axum::body::Body;
use axum::http::Request;
use fauxport_server::scenario::catalog;
use serde_json::{Value, json};

use crate::admin::admin;
use crate::sdk;
use crate::support::Server;

/// `PUT /__admin/scenarios/<name>` with `body`.
async fn put(s: &Server, name: &str, body: &Value) -> (u16, Value) {
    admin(
        s,
        "PUT",
        &format!("/__admin/scenarios/{name}"),
        &body.to_string(),
    )
    .await
}

/// A request that must succeed: its JSON body.
async fn ok(s: &Server, method: &str, path: &str, body: &str) -> Value {
    let (status, out) = admin(s, method, path, body).await;
    assert_eq!(status, 200, "{method} {path} {body}: {out}");
    out
}

/// The `error` of an admin answer that must fail with `status`.
async fn error(s: &Server, method: &str, path: &str, body: &str, status: u16) -> String {
    let (got, out) = admin(s, method, path, body).await;
    assert_eq!(got, status, "{method} {path} {body}: {out}");
    out["error"]
        .as_str()
        .unwrap_or_else(|| panic!("no error message: {out}"))
        .to_owned()
}

/// `GetUserPyApi` with `key` and, when given, the `x-fauxport-scenario` header: the status and
/// the JSON body.
async fn get_user(s: &Server, key: &str, header: Option<&str>) -> (u16, Value) {
    let mut request = Request::post("/graphql")
        .header("content-type", "application/json")
        .header("host", "fauxport.test")
        .header("authorization", format!("Bearer {key}"));
    if let Some(h) = header {
        request = request.header("x-fauxport-scenario", h);
    }
    let body = json!({"query": sdk::GET_USER_V7, "variables": {}}).to_string();
    let response = s
        .send(request.body(Body::from(body)).expect("a valid request"))
        .await;
    (response.status, response.json())
}

/// The message of the first GraphQL error, or the top-level `message`.
fn message(body: &Value) -> &str {
    body.pointer("/errors/0/message")
        .or_else(|| body.get("message"))
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no error message: {body}"))
}

/// The names in `GET /__admin/scenarios`, with their origins.
async fn listed(s: &Server) -> Vec<(String, String)> {
    ok(s, "GET", "/__admin/scenarios", "").await["scenarios"]
        .as_array()
        .expect("a scenarios array")
        .iter()
        .map(|v| {
            (
                v["name"].as_str().expect("name").to_owned(),
                v["origin"].as_str().expect("origin").to_owned(),
            )
        })
        .collect()
}

/// The built-ins, in catalog order, as the list names them.
fn builtins() -> Vec<(String, String)> {
    catalog::builtin()
        .into_iter()
        .map(|s| (s.name, "builtin".to_owned()))
        .collect()
}

/// A scenario whose every GraphQL call answers HTTP 503.
fn outage() -> Value {
    json!({
        "description": "every GraphQL call answers 503",
        "expect": "surface",
        "graphql": [{"fault": {"kind": "status", "status": 503}}],
    })
}
