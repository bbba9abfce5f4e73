//! The route layer that records requests: what it reads from a request (method, path, query
//! without `sig`, API key) and from the handler's [`JournalNote`], clipped to fixed sizes. Keys
//! that are secrets are kept only as [`shown_key`] shows them.

use std::time::Instant;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use fauxport_model::protocol::RequestKind;

use super::api_key::request_key;
use crate::config::DEFAULT_API_KEY;
use crate::errors::ErrorKind;
use crate::journal::{Entry, micros};
use crate::metrics::RequestLabels;
use crate::state::AppState;

/// The longest path (with its query string) an entry keeps, in bytes.
const MAX_PATH: usize = 2048;
/// The longest API key an entry keeps, in bytes.
const MAX_KEY: usize = 256;
/// The most operation names an entry keeps, and the longest of each, in bytes.
const MAX_OPERATIONS: usize = 16;
const MAX_OPERATION: usize = 256;

/// What a handler tells the journal about its response (carried in the response's extensions).
/// A response without one was refused before its handler knew what it asked for
/// ([`RequestKind::Refused`]).
#[derive(Debug, Clone)]
pub(crate) struct JournalNote {
    /// The operation names of the GraphQL document.
    pub(crate) operations: Vec<String>,
    /// The table row of the response's (first) error, if any: its code and whether the SDK
    /// retries it.
    pub(crate) error: Option<ErrorKind>,
    /// The API key, when the request did not carry it (page downloads: the task's creator's).
    pub(crate) api_key: Option<String>,
    /// The scenario label.
    pub(crate) scenario: Option<String>,
    /// What the request was for.
    pub(crate) kind: RequestKind,
    /// The task created or read.
    pub(crate) task: Option<String>,
    /// The fault injected.
    pub(crate) fault: Option<String>,
}

impl JournalNote {
    /// A note of a request of `kind`, with nothing else known yet.
    pub(crate) fn new(kind: RequestKind) -> JournalNote {
        JournalNote {
            operations: Vec::new(),
            error: None,
            api_key: None,
            scenario: None,
            kind,
            task: None,
            fault: None,
        }
    }
}

/// The route layer that records every request it wraps.
pub(crate) async fn record_requests(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let journal = &state.journal;
    let at_us = journal.now_us();
    let started = Instant::now();
    let method = request.method().clone();
    let path = clip(request.uri().path(), MAX_PATH).to_owned();
    let query = request.uri().query().and_then(without_sig);
    // The key as the handlers read it.
    let api_key = request_key(request.headers(), request.uri()).map(|key| shown_key(&key));

    let mut response = next.run(request).await;

    let note = response
        .extensions_mut()
        .remove::<JournalNote>()
        .unwrap_or_else(|| JournalNote::new(RequestKind::Refused));
    count(&state, &path, &note, response.status().as_u16());
    if !journal.is_enabled() {
        return response;
    }
    let mut operations = note.operations;
    operations.truncate(MAX_OPERATIONS);
    for op in &mut operations {
        if op.len() > MAX_OPERATION {
            *op = clip(op, MAX_OPERATION).to_owned();
        }
    }
    journal.record(Entry {
        seq: 0,
        at_us,
        method,
        path,
        query,
        api_key: note.api_key.map(|k| shown_key(&k)).or(api_key),
        scenario: note.scenario,
        kind: note.kind,
        task: note.task,
        fault: note.fault,
        operations,
        error_code: note
            .error
            .and_then(|e| e.info().code)
            .map(ToOwned::to_owned),
        retryable: note.error.is_some_and(ErrorKind::retried_by_sdk)
            || response.status().is_server_error(),
        status: response.status().as_u16(),
        duration_us: micros(started.elapsed()),
    });
    response
}

/// Counts the request in the metrics.
fn count(state: &AppState, path: &str, note: &JournalNote, status: u16) {
    let route = if path.starts_with("/files/") {
        "page"
    } else if path.starts_with("/projects/") {
        "download"
    } else {
        "graphql"
    };
    let scenario = note
        .scenario
        .as_deref()
        .and_then(|s| s.split(':').next())
        .unwrap_or("none")
        .to_owned();
    let labels = RequestLabels {
        route,
        kind: note.kind.as_str(),
        status,
        scenario,
    };
    state.metrics.count(labels, note.fault.is_some());
}

/// An API key as the journal keeps and shows it: the public ones (scenario keys
/// `fauxport:...` and the default dev key) whole, clipped to [`MAX_KEY`]; any other key, a
/// secret, as its first four characters (when it is long enough to spare them), `…` and eight
/// hex digits of its SHA-256, enough to tell keys apart and to filter by
/// (`/__admin/requests?api_key=K` compares `shown_key(K)`).
pub fn shown_key(key: &str) -> String {
    use sha2::{Digest, Sha256};
    if key.starts_with(crate::scenario::registry::KEY_PREFIX) || key == DEFAULT_API_KEY {
        return clip(key, MAX_KEY).to_owned();
    }
    let digest = Sha256::digest(key.as_bytes());
    let hex: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
    let start = if key.chars().count() >= 12 {
        key.chars().take(4).collect()
    } else {
        String::new()
    };
    format!("{start}…{hex}")
}

/// `query` without its `sig=` parameters (a page URL's signature is a credential of sorts and
/// only noise in a journal) and with an `api_key=` as [`shown_key`] shows it, clipped; `None`
/// when nothing is left.
fn without_sig(query: &str) -> Option<String> {
    let kept: Vec<String> = query
        .split('&')
        .filter(|pair| !pair.is_empty() && pair.split('=').next() != Some("sig"))
        .map(|pair| match pair.split_once('=') {
            Some(("api_key", key)) => format!("api_key={}", shown_key(key)),
            _ => pair.to_owned(),
        })
        .collect();
    (!kept.is_empty()).then(|| clip(&kept.join("&"), MAX_PATH).to_owned())
}

/// The longest prefix of `s` of at most `max` bytes that ends on a character boundary.
fn clip(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_strings_lose_their_signature() {
        assert_eq!(
            without_sig("expires=1&sig=abc").as_deref(),
            Some("expires=1")
        );
        assert_eq!(without_sig("sig=abc"), None);
        assert_eq!(
            without_sig("api_key=fauxport:happy&stream=errors").as_deref(),
            Some("api_key=fauxport:happy&stream=errors")
        );
        assert_eq!(clip("héllo", 2), "h");
        assert_eq!(
            without_sig("api_key=a-long-secret-key&stream=errors").as_deref(),
            Some(format!("api_key={}&stream=errors", shown_key("a-long-secret-key")).as_str())
        );
    }

    #[test]
    fn secret_keys_are_kept_only_as_a_prefix_and_a_digest() {
        assert_eq!(
            shown_key("fauxport:flaky-pages:7"),
            "fauxport:flaky-pages:7"
        );
        assert_eq!(shown_key(DEFAULT_API_KEY), DEFAULT_API_KEY);
        let long = shown_key("sk-live-0123456789abcdef");
        assert!(
            long.starts_with("sk-l…") && long.len() == "sk-l…".len() + 8,
            "{long}"
        );
        assert!(!long.contains("0123456789"), "{long}");
        let short = shown_key("s3cret");
        assert!(short.starts_with('…') && !short.contains("s3c"), "{short}");
        assert_ne!(shown_key("s3cret"), shown_key("s3cres"));
        assert_eq!(shown_key("s3cret"), shown_key("s3cret"));
        assert_eq!(shown_key(&"k".repeat(400_000)).len(), "kkkk…".len() + 8);
    }
}
