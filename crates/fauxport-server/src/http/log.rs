//! Request logging: every request gets an id, and one line says what it was, what it answered
//! and how long it took (`RUST_LOG=fauxport_server=info` shows them; errors show at `warn`).

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// Logs one line per request, inside a span carrying the request id.
pub(crate) async fn log_requests(request: Request, next: Next) -> Response {
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    let (method, path) = (request.method().clone(), request.uri().path().to_owned());
    let started = Instant::now();
    let span = tracing::info_span!("request", id);
    let response = next.run(request).instrument(span.clone()).await;
    let status = response.status().as_u16();
    let ms = format!("{:.2}", started.elapsed().as_secs_f64() * 1000.0);
    span.in_scope(|| {
        if status >= 400 {
            tracing::warn!(%method, %path, status, %ms, "answered with an error");
        } else {
            tracing::info!(%method, %path, status, %ms, "answered");
        }
    });
    response
}
