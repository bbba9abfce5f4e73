//! HTTP routes: `/graphql` (and `/_gql`), signed page files, plain NDJSON downloads (these four
//! are journaled), the admin API under `/__admin`, the landing page, `/world.json` and `/healthz`.

pub mod admin;
mod admin_access;
mod admin_body;
mod admin_clock;
mod api_key;
mod body;
mod dashboard;
mod files;
mod info;
mod log;
mod record;

pub use admin::AdminRoute;
pub use info::{KEY_PLACEHOLDER, public_key, python_snippet, world_info};
pub use record::shown_key;

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::Value;

use crate::errors::ApiError;
use crate::graphql::{self, BaseUrl, Caller, FauxportSchema};
use crate::scenario::{Active, CallKind, GraphqlFault};
use crate::state::AppState;
use api_key::request_key;
use body::BodyError;
use fauxport_model::protocol::RequestKind;
use record::JournalNote;

/// Everything a handler needs.
#[derive(Clone)]
pub(crate) struct Ctx {
    pub(crate) state: AppState,
    pub(crate) schema: Arc<FauxportSchema>,
}

/// The router.
pub fn routes(state: AppState) -> Router {
    let ctx = Ctx {
        schema: Arc::new(graphql::schema(state.clone())),
        state,
    };
    // What clients of the export API call: every request is journaled.
    let journaled = Router::new()
        .route("/graphql", post(graphql_handler))
        .route("/_gql", post(graphql_handler))
        .route("/files/{task}/{stream}/{page}", get(files::page))
        .route(
            "/projects/{project}/export.ndjson",
            get(files::project_download),
        )
        .route_layer(axum::middleware::from_fn_with_state(
            ctx.state.clone(),
            record::record_requests,
        ));
    let admin = admin::routes().route_layer(axum::middleware::from_fn_with_state(
        ctx.clone(),
        admin_access::guard,
    ));
    journaled
        .merge(admin)
        .route("/", get(info::landing))
        .route("/world.json", get(info::world_json))
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/metrics", get(metrics))
        // The GraphQL handler reads the body itself, up to the limit, to answer an oversize body
        // in the SDK's error shape.
        .layer(DefaultBodyLimit::disable())
        .layer(axum::middleware::from_fn(log::log_requests))
        .with_state(ctx)
}

/// `GET /metrics`: the Prometheus text format.
async fn metrics(State(ctx): State<Ctx>) -> Response {
    let mut resp = ctx.state.metrics.render().into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    resp
}

/// `http://host:port` from the configured public URL or the request's `Host` header.
pub(crate) fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    if let Some(url) = &state.config.public_url {
        return url.trim_end_matches('/').to_owned();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    format!("http://{host}")
}

pub(crate) fn json_response(status: u16, body: &Value) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    let mut resp = (status, body.to_string()).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    resp
}

/// `408 Request Timeout` for a body that did not arrive in time (or broke off), closing the
/// connection; journaled as `refused`.
fn body_timed_out(timeout: std::time::Duration) -> Response {
    let mut response = (
        StatusCode::REQUEST_TIMEOUT,
        format!(
            "request body: not received within {} s\n",
            timeout.as_secs_f64()
        ),
    )
        .into_response();
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    noted(response, JournalNote::new(RequestKind::Refused))
}

/// The response carrying only `e` to a request refused before it was read (journaled as
/// `refused`), with its code noted for the journal.
fn refused(e: &ApiError) -> Response {
    noted_error(e, e.http_status(), JournalNote::new(RequestKind::Refused))
}

/// `e`'s body with `status`, journaled with `note` and `e`'s code.
fn noted_error(e: &ApiError, status: u16, mut note: JournalNote) -> Response {
    note.error = Some(e.kind);
    noted(json_response(status, &e.body()), note)
}

/// `response` with `note` for the journal in its extensions.
fn noted(mut response: Response, note: JournalNote) -> Response {
    response.extensions_mut().insert(note);
    response
}

/// The `x-fauxport-scenario` header, when present and readable.
pub(crate) fn scenario_header(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(crate::scenario::registry::SCENARIO_HEADER)
        .and_then(|h| h.to_str().ok())
}

async fn graphql_handler(
    State(ctx): State<Ctx>,
    uri: axum::http::Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let state = &ctx.state;
    let api_key = request_key(&headers, &uri);
    let limit = state.config.max_body_bytes;
    let timeout = state.config.connections.request_timeout;
    let body = match body::read(body, &headers, limit, timeout).await {
        Ok(b) => b,
        Err(BodyError::TooLarge(size)) => {
            return refused(&ApiError::payload_too_large(size, limit));
        }
        Err(BodyError::TimedOut | BodyError::Broken) => return body_timed_out(timeout),
    };
    let parsed: Result<Value, _> = serde_json::from_slice(&body);
    let query = parsed
        .as_ref()
        .ok()
        .and_then(|v| v.get("query")?.as_str())
        .unwrap_or_default();
    let kind = CallKind::of_query(query);
    let mut note = JournalNote::new(RequestKind::Call(kind));
    let active = match state.resolve(api_key.as_deref(), scenario_header(&headers)) {
        Ok(a) => a,
        Err(e) => {
            // Refused before running: the journal still learns which operations were refused.
            note.operations = graphql::operation_names(query);
            return noted_error(&e, e.http_status(), note);
        }
    };
    note.scenario = Some(active.label());
    // The document is parsed for its operation names here only when a rule selects calls by
    // operation; otherwise the execution below reports them (one parse fewer per request).
    let by_operation = active
        .scenario
        .graphql
        .iter()
        .any(|r| r.operation.is_some());
    if by_operation {
        note.operations = graphql::operation_names(query);
    }
    let decision = state
        .scenarios
        .decide_graphql(&active, kind, &note.operations);
    if !decision.latency.is_zero() {
        tokio::time::sleep(decision.latency).await;
    }
    if let Some((rule, fault)) = decision.fault {
        if !by_operation {
            note.operations = graphql::operation_names(query);
        }
        return graphql_fault(&active, rule, fault, note, false);
    }
    let parsed = match parsed {
        Ok(v) => v,
        Err(e) => {
            let e = ApiError::bad_input("request body", format!("not JSON: {e}"));
            return noted_error(&e, e.http_status(), note);
        }
    };
    let base = BaseUrl(base_url(state, &headers));
    let executed = graphql::execute(&ctx.schema, parsed, Caller(active), base).await;
    note.operations = executed.operations;
    note.error = executed.error;
    note.task = executed.task;
    noted(json_response(executed.status, &executed.body), note)
}

/// The answer a scenario's GraphQL fault gives instead of running the request; on a `plain`
/// route (the plain download) with the error's plain status.
fn graphql_fault(
    active: &Active,
    rule: usize,
    fault: GraphqlFault,
    mut note: JournalNote,
    plain: bool,
) -> Response {
    let name = &active.scenario.name;
    let e = match fault {
        GraphqlFault::Status { .. } => ApiError::unavailable(name),
        GraphqlFault::Overloaded {} => ApiError::overloaded(name),
        GraphqlFault::RetryableRateLimit {} => ApiError::retryable_rate_limit(name),
        GraphqlFault::RateLimit {} => ApiError::rate_limited("this API key"),
        GraphqlFault::Forbidden {} => {
            ApiError::forbidden(&format!("export data rows (fauxport scenario {name})"))
        }
    };
    // The table's status, except where the rule names its own.
    let status = match fault {
        GraphqlFault::Status { status } => status,
        _ if plain => e.plain_http_status(),
        _ => e.http_status(),
    };
    note.fault = Some(format!(
        "graphql[{rule}]: {}",
        match fault {
            GraphqlFault::Status { status } => format!("status {status}"),
            GraphqlFault::Overloaded {} =>
                "overloaded (INTERNAL_SERVER_ERROR, exception.status 503)".to_owned(),
            GraphqlFault::RetryableRateLimit {} => {
                "retryable rate limit (INTERNAL_SERVER_ERROR, exception.status 429)".to_owned()
            }
            GraphqlFault::RateLimit {} => "rate limit (HTTP 429)".to_owned(),
            GraphqlFault::Forbidden {} => "forbidden (AUTHORIZATION_ERROR)".to_owned(),
        }
    ));
    noted_error(&e, status, note)
}
