//! A small client of Labelbox's export protocol, the one the official Python SDK speaks and
//! fauxport fakes: create an export task (`exportDataRowsInProjectPyApi`), poll it
//! (`GetUserCreatedTasksPyApi`), read a stream's totals (`GetExportMetadataHeaderPyApi`), then
//! page through it (`GetExportFileFromOffsetPyApi` and an unauthenticated `GET` of each page).
//!
//! It behaves like the SDK where the SDK is right, and better where fauxport's checks need a
//! reference client that survives faults:
//!
//! - GraphQL calls send the SDK's exact query texts ([`queries`]) and are retried exactly when
//!   the SDK retries them (5xx, retryable `INTERNAL_SERVER_ERROR`, timeouts), with its
//!   back-off: 1 s, ×2, at most 60 s, full jitter, 120 s deadline ([`RetryPolicy`]). The jitter
//!   is seeded, so a run replays exactly.
//! - Every other failure is a typed [`ClientError`], following the SDK's exception classes.
//! - Pages are checked as the SDK checks them (the body is exactly `end - start + 1` bytes;
//!   NDJSON without blank lines), but unlike the SDK a failed page download (5xx, connection
//!   error, truncated body) is retried: the client asks again for the page at the same offset
//!   and downloads it again. Rows are yielded only from a whole, verified page, so nothing is
//!   ever yielded twice.
//! - An [`Observer`] set with [`Client::with_observer`] hears of every request (its
//!   [`RequestKind`], time, body bytes and failure, retried attempts included): `fauxport load`
//!   builds its latency histograms from it.
//! - Nothing is allocated from a size the server announces, and what is buffered is capped
//!   ([`Limits`]: 64 MiB per GraphQL answer, 256 MiB per page or line by default): a body over
//!   its cap is [`ClientError::TooLarge`], named with the cap.
//! - [`Client::download_project`] reads fauxport's plain whole-stream download
//!   (`/projects/{id}/export.ndjson`), which is not Labelbox's protocol, for load runs.
//!
//! ```no_run
//! use std::time::Duration;
//!
//! use fauxport_client::{Client, ExportRequest, StreamKind};
//! use futures_util::TryStreamExt;
//!
//! # async fn run() -> Result<(), fauxport_client::ClientError> {
//! let client = Client::new("http://127.0.0.1:8080/graphql", "fauxport-local-dev-key");
//! let task = client
//!     .export_project("clproject0000000000000000", &ExportRequest::default())
//!     .await?;
//! client.wait(&task, Duration::from_secs(2), Duration::from_secs(600)).await?;
//! let mut rows = std::pin::pin!(client.stream(&task, StreamKind::Result));
//! while let Some(row) = rows.try_next().await? {
//!     println!("{}", row["data_row"]["id"]);
//! }
//! let errors = client.collect(&task, StreamKind::Errors).await?;
//! println!("{} rows failed to export", errors.len());
//! # Ok(())
//! # }
//! ```

mod error;
mod export;
mod graphql;
mod limits;
mod lines;
mod observe;
mod pages;
mod plain;
pub mod queries;
mod retry;

use std::sync::Arc;
use std::time::{Duration, Instant};

pub use error::ClientError;
pub use export::{ExportRequest, ExportTask, Header, StreamKind, TaskState, TaskStatus};
pub use fauxport_model::ExportParams;
pub use fauxport_model::protocol::CallKind;
pub use limits::{DEFAULT_MAX_ANSWER_BYTES, DEFAULT_MAX_PAGE_BYTES, Limits};
pub use observe::{CallEvent, Observer, RequestKind};
pub use pages::PageInfo;
pub use retry::RetryPolicy;

/// Sent as `X-User-Agent` on GraphQL requests (the SDK sends `python-sdk <version>`).
const USER_AGENT: &str = concat!("fauxport-client ", env!("CARGO_PKG_VERSION"));

/// How long a connection may sit unused in the pool before it is closed rather than reused:
/// half of fauxport's default `--request-timeout-secs`, so that the server's idle timeout never
/// races a reuse.
pub const POOL_IDLE: Duration = Duration::from_secs(15);

/// A client of one endpoint with one API key. Cloning is cheap and clones share connections.
#[derive(Clone)]
pub struct Client {
    endpoint: String,
    api_key: String,
    http: reqwest::Client,
    retry: RetryPolicy,
    request_timeout: Duration,
    /// What it reads into memory at most.
    limits: Limits,
    /// The API user's id, fetched once (`GetUserPyApi`) for task lookups.
    user_id: Arc<tokio::sync::OnceCell<String>>,
    /// Calls made so far (shared by clones): each call's retry jitter is seeded with its number.
    calls: Arc<std::sync::atomic::AtomicU64>,
    /// Hears of every request ([`Client::with_observer`]).
    observer: Option<Arc<dyn Observer>>,
}

impl Client {
    /// A client of `endpoint` (the full GraphQL URL, e.g. `http://127.0.0.1:8080/graphql`)
    /// that sends `Authorization: Bearer <api_key>`. No request is made here.
    ///
    /// Defaults: [`RetryPolicy::default`] (the SDK's), a 60 s timeout per GraphQL request (the
    /// SDK's), 30 s without a byte on a page download (the SDK's read timeout), and idle
    /// connections dropped after [`POOL_IDLE`]. Proxy
    /// settings in the environment are ignored: fauxport runs on a local port.
    pub fn new(endpoint: &str, api_key: &str) -> Client {
        let http = reqwest::Client::builder()
            .no_proxy()
            .connect_timeout(Duration::from_secs(10))
            .read_timeout(Duration::from_secs(30))
            // A server closes a keep-alive connection that has idled for its own timeout
            // (fauxport's `--request-timeout-secs`, 30 s by default). Reusing one in the same
            // instant fails the request with a transport error that nobody caused, so the pool
            // gives connections up well before that.
            .pool_idle_timeout(POOL_IDLE)
            .build()
            // Without TLS nothing in this configuration can fail to build (TLS back-ends are
            // what fails); were it to, the defaults would do.
            .unwrap_or_default();
        Client {
            endpoint: endpoint.to_owned(),
            api_key: api_key.to_owned(),
            http,
            retry: RetryPolicy::default(),
            request_timeout: Duration::from_secs(60),
            limits: Limits::default(),
            user_id: Arc::default(),
            calls: Arc::default(),
            observer: None,
        }
    }

    /// The same client with an [`Observer`] that hears of every request it makes from now on
    /// (kind, time, bytes, failure): for latency figures. It replaces any earlier observer.
    pub fn with_observer(mut self, observer: Arc<dyn Observer>) -> Client {
        self.observer = Some(observer);
        self
    }

    /// Tells the observer, if any, about a request of `kind` that began at `started`.
    pub(crate) fn observe(
        &self,
        kind: RequestKind,
        started: Instant,
        bytes: u64,
        error: Option<&ClientError>,
    ) {
        if let Some(observer) = &self.observer {
            observer.on_call(&CallEvent {
                kind,
                elapsed: started.elapsed(),
                bytes,
                error,
            });
        }
    }

    /// The number of the next call, for its retry jitter.
    pub(crate) fn next_call(&self) -> u64 {
        self.calls
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    }

    /// The same client with another retry policy (for GraphQL calls and page downloads).
    pub fn with_retry(mut self, policy: RetryPolicy) -> Client {
        self.retry = policy;
        self
    }

    /// The same client with another timeout per GraphQL request.
    pub fn with_request_timeout(mut self, timeout: Duration) -> Client {
        self.request_timeout = timeout;
        self
    }

    /// The same client with other caps on what it reads into memory.
    pub fn with_limits(mut self, limits: Limits) -> Client {
        self.limits = limits;
        self
    }

    /// The caps on what it reads into memory.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// The GraphQL endpoint.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }
}

impl std::fmt::Debug for Client {
    /// Everything but the API key.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("endpoint", &self.endpoint)
            .field("api_key", &"<redacted>")
            .field("retry", &self.retry)
            .field("request_timeout", &self.request_timeout)
            .field("limits", &self.limits)
            .field("observer", &self.observer.is_some())
            .finish_non_exhaustive()
    }
}
