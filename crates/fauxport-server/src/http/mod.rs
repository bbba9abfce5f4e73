//! HTTP routes: `/graphql` (and `/_gql`), signed page files, plain NDJSON downloads (these four
//! are journaled), the admin API under `/__admin`, the landing page, `/world.json` and `/healthz`.

pub mod admin;
mod files;
mod info;
mod log;

pub use admin::AdminRoute;
pub use info::{python_snippet, world_info};

use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::Value;

use crate::errors::ApiError;
use crate::graphql::{self, BaseUrl, Caller, FauxportSchema};
use crate::journal::{self, JournalNote};
use crate::state::AppState;

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
            journal::record_requests,
        ));
    journaled
        .merge(admin::routes())
        .route("/", get(info::landing))
        .route("/world.json", get(info::world_json))
        .route("/healthz", get(|| async { "ok\n" }))
        // The GraphQL handler reads the body itself, up to the limit, to answer an oversize body
        // in the SDK's error shape.
        .layer(DefaultBodyLimit::disable())
        .layer(axum::middleware::from_fn(log::log_requests))
        .with_state(ctx)
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

/// The response carrying only `e`, with its code noted for the journal.
fn error_response(e: &ApiError) -> Response {
    let note = JournalNote {
        operations: Vec::new(),
        error_code: e.kind.info().code.map(ToOwned::to_owned),
    };
    noted(json_response(e.http_status(), &e.body()), note)
}

/// `response` with `note` for the journal in its extensions.
fn noted(mut response: Response, note: JournalNote) -> Response {
    response.extensions_mut().insert(note);
    response
}

/// Answers `e` before the request runs. The journal still learns which operations were refused
/// (so a client hammering a rate limit shows up by operation): the body is read, up to the limit,
/// only when the journal records.
async fn refuse(state: &AppState, e: &ApiError, body: Body) -> Response {
    let mut response = error_response(e);
    if !state.journal.is_enabled() {
        return response;
    }
    let Ok(bytes) = axum::body::to_bytes(body, state.config.max_body_bytes).await else {
        return response;
    };
    let operations = serde_json::from_slice::<Value>(&bytes)
        .ok()
        .and_then(|v| v.get("query")?.as_str().map(graphql::operation_names))
        .unwrap_or_default();
    if let Some(note) = response.extensions_mut().get_mut::<JournalNote>() {
        note.operations = operations;
    }
    response
}

async fn graphql_handler(State(ctx): State<Ctx>, headers: HeaderMap, body: Body) -> Response {
    let state = &ctx.state;
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok());
    let scenario = match state.authenticate(authorization) {
        Ok(s) => s,
        Err(e) => return refuse(state, &e, body).await,
    };
    if scenario == crate::scenario::Scenario::RateLimited {
        return refuse(state, &ApiError::rate_limited("this API key"), body).await;
    }
    let limit = state.config.max_body_bytes;
    let body = match axum::body::to_bytes(body, limit).await {
        Ok(b) => b,
        Err(_) => {
            let declared = headers
                .get(header::CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse().ok())
                .unwrap_or(limit + 1);
            return error_response(&ApiError::payload_too_large(declared, limit));
        }
    };
    let parsed: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => {
            return error_response(&ApiError::bad_input(
                "request body",
                format!("not JSON: {e}"),
            ));
        }
    };
    let base = BaseUrl(base_url(state, &headers));
    let executed = graphql::execute(&ctx.schema, &parsed, Caller(scenario), base).await;
    let error_code = executed
        .body
        .pointer("/errors/0/extensions/code")
        .and_then(Value::as_str)
        .map(ToOwned::to_owned);
    let note = JournalNote {
        operations: executed.operations,
        error_code,
    };
    noted(json_response(executed.status, &executed.body), note)
}

/// A streaming body fed by a blocking renderer thread.
pub(crate) fn blocking_body(
    render: impl FnOnce(&mut dyn FnMut(Vec<u8>) -> bool) + Send + 'static,
) -> Body {
    let (tx, rx) = tokio::sync::mpsc::channel::<Vec<u8>>(4);
    crate::blocking::spawn(move || {
        render(&mut |piece| tx.blocking_send(piece).is_ok());
    });
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv()
            .await
            .map(|piece| (Ok::<Bytes, std::io::Error>(Bytes::from(piece)), rx))
    });
    Body::from_stream(stream)
}
