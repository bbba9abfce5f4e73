//! Every way a call can fail, classified the way the official SDK classifies it
//! (protocol spec §8.1), plus the page-download failures the SDK only asserts on.

use std::time::Duration;

/// What went wrong. The variants follow the SDK's exception classes where there is one.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ClientError {
    /// `AUTHENTICATION_ERROR`: the API key is missing or unknown (SDK: `AuthenticationError`).
    #[error("authentication failed: invalid API key")]
    Authentication,
    /// `AUTHORIZATION_ERROR`: the key may not do this (SDK: `AuthorizationError`).
    #[error("not authorized: {0}")]
    Authorization(String),
    /// `RESOURCE_NOT_FOUND`, or a task lookup that did not find exactly one task
    /// (SDK: `ResourceNotFoundError`).
    #[error("not found: {0}")]
    NotFound(String),
    /// The server refused the request as malformed: GraphQL parse or validation errors,
    /// `MALFORMED_REQUEST`, or `INTERNAL_SERVER_ERROR` with `exception.status` 400. The message
    /// is the server's, which names the offending field (SDK: `InvalidQueryError`).
    #[error("invalid query: {0}")]
    InvalidQuery(String),
    /// A top-level `message` starting "You have exceeded" (HTTP 429): not retried, as the SDK
    /// does not retry it (SDK: `ApiLimitError`).
    #[error("rate limited: {0}")]
    RateLimited(String),
    /// Any other GraphQL error, by its `extensions.code` (SDK: `LabelboxError` and friends).
    #[error("API error {code}: {message}")]
    Api {
        /// `extensions.code`.
        code: String,
        /// `message`.
        message: String,
    },
    /// An HTTP status without a GraphQL error that explains it (a 5xx, a 4xx page download, a
    /// non-200 GraphQL answer with no `errors`).
    #[error("HTTP status {status}")]
    Http {
        /// The status code.
        status: u16,
    },
    /// The connection failed: refused, reset, closed before the whole response arrived.
    #[error("transport error: {0}")]
    Transport(String),
    /// A request got no answer in time (GraphQL requests are then retried, as the SDK does).
    #[error("request timed out")]
    Timeout,
    /// The export task ended `FAILED` (SDK: `ExportTaskException("Task failed")`).
    #[error("export task {task_id} failed")]
    TaskFailed {
        /// The task.
        task_id: String,
    },
    /// The export task was still `IN_PROGRESS` when [`Client::wait`](crate::Client::wait) gave up.
    #[error("export task {task_id} still in progress after {waited:?}")]
    TaskTimeout {
        /// The task.
        task_id: String,
        /// How long the client waited.
        waited: Duration,
    },
    /// A page body's length is not the `end - start + 1` bytes its lookup announced: a
    /// truncated (or padded) page (the SDK asserts this).
    #[error("page body: expected {expected} bytes, got {got}")]
    PageLength {
        /// `end - start + 1`.
        expected: u64,
        /// What arrived (or what `Content-Length` announced).
        got: u64,
    },
    /// A body larger than the client's [`Limits`](crate::Limits) allow, announced or sent: read
    /// no further, and not retried.
    #[error("{what} is {size} bytes or more, over the limit of {limit} bytes")]
    TooLarge {
        /// What was too large ("the GraphQL answer", "the RESULT page at bytes 0..=99").
        what: String,
        /// Its size, announced or read so far.
        size: u64,
        /// The cap it is over.
        limit: u64,
    },
    /// The server broke the protocol: a body that is not JSON, a missing field, a blank or
    /// invalid NDJSON line, totals that disagree with the pages.
    #[error("protocol error: {0}")]
    Protocol(String),
    /// A retryable failure kept happening until the retry policy gave up (SDK: `RetryError`).
    #[error("gave up after {attempts} attempts, last error: {last}")]
    RetriesExhausted {
        /// Attempts made, the failed last one included.
        attempts: u32,
        /// The last attempt's failure.
        last: Box<ClientError>,
    },
}

impl ClientError {
    /// The error the retries ended on, or `self` when it was never retried.
    pub fn root(&self) -> &ClientError {
        match self {
            ClientError::RetriesExhausted { last, .. } => last.root(),
            other => other,
        }
    }

    /// The variant's name (`"PageLength"`, `"TaskFailed"`, ...), for reports.
    pub fn kind(&self) -> &'static str {
        match self {
            ClientError::Authentication => "Authentication",
            ClientError::Authorization(_) => "Authorization",
            ClientError::NotFound(_) => "NotFound",
            ClientError::InvalidQuery(_) => "InvalidQuery",
            ClientError::RateLimited(_) => "RateLimited",
            ClientError::Api { .. } => "Api",
            ClientError::Http { .. } => "Http",
            ClientError::Transport(_) => "Transport",
            ClientError::Timeout => "Timeout",
            ClientError::TaskFailed { .. } => "TaskFailed",
            ClientError::TaskTimeout { .. } => "TaskTimeout",
            ClientError::PageLength { .. } => "PageLength",
            ClientError::TooLarge { .. } => "TooLarge",
            ClientError::Protocol(_) => "Protocol",
            ClientError::RetriesExhausted { .. } => "RetriesExhausted",
        }
    }
}

/// A failed attempt and whether the retry policy may try again.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) error: ClientError,
    pub(crate) retry: bool,
}

impl Failure {
    /// A failure worth another attempt after a back-off.
    pub(crate) fn transient(error: ClientError) -> Failure {
        Failure { error, retry: true }
    }

    /// A failure that is final.
    pub(crate) fn fatal(error: ClientError) -> Failure {
        Failure {
            error,
            retry: false,
        }
    }
}

impl From<ClientError> for Failure {
    fn from(error: ClientError) -> Failure {
        Failure::fatal(error)
    }
}

/// A reqwest error as text, with its causes (reqwest's own message is terse).
pub(crate) fn describe(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
