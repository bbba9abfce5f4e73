//! The request journal behind `/__admin`: what an SDK export leaves in it ([`recording`]),
//! filters and isolation between API keys ([`filters`]), verification of polling gaps
//! ([`verify`]), the capacity bound under 100,000 requests and reset ([`capacity`]). Every test
//! runs its own server, so other tests' requests never show.
//!
//! The helpers here (a fresh server, admin requests) are shared with the other admin tests.

mod capacity;
mod filters;
mod recording;
mod verify;

use axum::body::Body;
use axum::http::Request;
use fauxport_server::ServerConfig;
use serde_json::Value;

use crate::support::{Server, config};

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
pub(crate) async fn entries(s: &Server, query: &str) -> Vec<Value> {
    journal(s, query).await["requests"]
        .as_array()
        .cloned()
        .unwrap_or_else(|| panic!("no requests array"))
}

/// `POST /__admin/requests/<what>` with `body`, which must succeed.
pub(crate) async fn post_ok(s: &Server, what: &str, body: Value) -> Value {
    let path = format!("/__admin/requests/{what}");
    let (status, out) = admin(s, "POST", &path, &body.to_string()).await;
    assert_eq!(status, 200, "POST {path} {body}: {out}");
    out
}

/// Asserts that the first problem of a `verify` verdict contains `needle`.
#[track_caller]
pub(crate) fn assert_first_problem(verdict: &Value, needle: &str) {
    assert!(
        verdict["problems"][0]
            .as_str()
            .is_some_and(|p| p.contains(needle)),
        "the first problem names {needle:?}: {verdict}"
    );
}
