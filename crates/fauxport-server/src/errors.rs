//! Every error the server sends, from one table: GraphQL code, HTTP status, the `exception.status`
//! the SDK maps to an exception class, and a message that names the offending field.
//!
//! The SDK classifies an error by `extensions.code` first (protocol spec §8.1): the HTTP status
//! only matters when there is no matching code, and 5xx statuses are retried.

use serde_json::{Value, json};

/// The kinds of error, each one row of [`ErrorKind::info`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// Missing or unknown API key.
    Unauthenticated,
    /// The key may not do this.
    Forbidden,
    /// Unknown project, dataset, task or other id.
    NotFound,
    /// A bad input value: filter, param, variable, date (names the field).
    BadInput,
    /// The GraphQL text does not parse.
    ParseFailed,
    /// The GraphQL text parses but asks for something the schema does not have.
    ValidationFailed,
    /// A Labelbox operation fauxport does not implement.
    Unsupported,
    /// The request body is larger than the server accepts.
    PayloadTooLarge,
    /// The client sent too many requests (not retried by the SDK).
    RateLimited,
    /// A scenario's outage: an HTTP 5xx (retried by the SDK).
    Unavailable,
    /// A scenario's overload: `INTERNAL_SERVER_ERROR` with `exception.status` 503 (retried).
    Overloaded,
    /// A scenario's retryable rate limit: `INTERNAL_SERVER_ERROR` with `exception.status` 429
    /// (retried).
    RetryableRateLimit,
    /// A scenario's failed or canceled export, met by a plain download (the SDK sees a task
    /// status instead).
    ExportFailed,
}

/// One row of the error table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorInfo {
    /// `extensions.code`, or `None` for errors sent as a top-level `message` only.
    pub code: Option<&'static str>,
    /// The HTTP status.
    pub http_status: u16,
    /// `extensions.exception.status`, which the SDK maps for `INTERNAL_SERVER_ERROR`.
    pub exception_status: Option<u16>,
    /// What the SDK raises (7.x names).
    pub sdk_exception: &'static str,
}

impl ErrorKind {
    /// Every kind, for documentation and tests.
    pub const ALL: [ErrorKind; 13] = [
        ErrorKind::Unauthenticated,
        ErrorKind::Forbidden,
        ErrorKind::NotFound,
        ErrorKind::BadInput,
        ErrorKind::ParseFailed,
        ErrorKind::ValidationFailed,
        ErrorKind::Unsupported,
        ErrorKind::PayloadTooLarge,
        ErrorKind::RateLimited,
        ErrorKind::Unavailable,
        ErrorKind::Overloaded,
        ErrorKind::RetryableRateLimit,
        ErrorKind::ExportFailed,
    ];

    /// The table.
    pub const fn info(self) -> ErrorInfo {
        const fn row(
            code: &'static str,
            http_status: u16,
            exception_status: Option<u16>,
            sdk: &'static str,
        ) -> ErrorInfo {
            ErrorInfo {
                code: Some(code),
                http_status,
                exception_status,
                sdk_exception: sdk,
            }
        }
        match self {
            // Inferred (spec §11.1): the real server's status for a bad key.
            ErrorKind::Unauthenticated => {
                row("AUTHENTICATION_ERROR", 401, None, "AuthenticationError")
            }
            ErrorKind::Forbidden => row("AUTHORIZATION_ERROR", 403, None, "AuthorizationError"),
            ErrorKind::NotFound => row("RESOURCE_NOT_FOUND", 200, None, "ResourceNotFoundError"),
            ErrorKind::BadInput => {
                row("INTERNAL_SERVER_ERROR", 200, Some(400), "InvalidQueryError")
            }
            ErrorKind::ParseFailed => row("GRAPHQL_PARSE_FAILED", 400, None, "InvalidQueryError"),
            ErrorKind::ValidationFailed => {
                row("GRAPHQL_VALIDATION_FAILED", 400, None, "InvalidQueryError")
            }
            ErrorKind::Unsupported => row(
                "OPERATION_NOT_ALLOWED",
                200,
                None,
                "OperationNotAllowedException",
            ),
            ErrorKind::PayloadTooLarge => {
                row("INTERNAL_SERVER_ERROR", 413, Some(400), "InvalidQueryError")
            }
            ErrorKind::RateLimited => ErrorInfo {
                code: None,
                http_status: 429,
                exception_status: None,
                sdk_exception: "ApiLimitError",
            },
            ErrorKind::Unavailable => ErrorInfo {
                code: None,
                http_status: 503,
                exception_status: None,
                sdk_exception: "InternalServerError (retried)",
            },
            ErrorKind::Overloaded => row(
                "INTERNAL_SERVER_ERROR",
                200,
                Some(503),
                "InternalServerError (retried)",
            ),
            ErrorKind::RetryableRateLimit => row(
                "INTERNAL_SERVER_ERROR",
                200,
                Some(429),
                "InternalServerError (retried)",
            ),
            // Only plain downloads meet it: the SDK reads a failed export as a task status. 409,
            // not a 5xx: asking again cannot help, so clients must not retry it.
            ErrorKind::ExportFailed => row("EXPORT_FAILED", 409, None, "ExportTaskFailed"),
        }
    }

    /// Whether the SDK retries a response carrying this error after a back-off (protocol spec
    /// §8: 5xx, and `INTERNAL_SERVER_ERROR` with a retryable `exception.status`).
    pub const fn retried_by_sdk(self) -> bool {
        matches!(
            self,
            ErrorKind::Unavailable | ErrorKind::Overloaded | ErrorKind::RetryableRateLimit
        )
    }

    /// The status on fauxport's plain routes (the curl download), where no client reads
    /// GraphQL `extensions`: the table's HTTP status when it is an error status, else the
    /// status the error stands for (`exception.status`; 404 for not found).
    pub const fn plain_http_status(self) -> u16 {
        let info = self.info();
        match (self, info.exception_status) {
            _ if info.http_status >= 400 => info.http_status,
            (ErrorKind::NotFound, _) => 404,
            (_, Some(status)) => status,
            _ => 400,
        }
    }
}

/// How many characters of a bad value an error message echoes.
pub const ECHO_CHARS: usize = 200;

/// The most characters of any error message: a field name and [`ECHO_CHARS`] of value fit
/// many times over.
const MESSAGE_CHARS: usize = 4 * ECHO_CHARS;

/// `value`, cut to [`ECHO_CHARS`] characters with `… (N bytes)` when longer: what an error
/// message shows of a value it echoes.
pub fn echo(value: &str) -> String {
    cut(value, ECHO_CHARS)
}

fn cut(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        None => text.to_owned(),
        Some((at, _)) => format!("{}… ({} bytes)", &text[..at], text.len()),
    }
}

/// `message` cut to a bound, so a message built from an unbounded value (a parser's, a
/// library's, a resolver's) cannot grow with it: every [`ApiError`] message passes here.
pub fn bounded(message: String) -> String {
    if message.len() <= MESSAGE_CHARS {
        return message;
    }
    cut(&message, MESSAGE_CHARS)
}

/// An error with its message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    /// Which row of the table.
    pub kind: ErrorKind,
    /// The message; names the field for input errors.
    pub message: String,
}

impl ApiError {
    /// An error of `kind` with `message`, [`bounded`].
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> ApiError {
        ApiError {
            kind,
            message: bounded(message.into()),
        }
    }

    /// Missing or unknown API key.
    pub fn unauthenticated() -> ApiError {
        ApiError::new(ErrorKind::Unauthenticated, "Invalid API key")
    }

    /// An API key refused for a stated reason (one over the length limit).
    pub fn unauthenticated_because(why: &str) -> ApiError {
        ApiError::new(
            ErrorKind::Unauthenticated,
            format!("Invalid API key: {why}"),
        )
    }

    /// The key may not do this.
    pub fn forbidden(what: &str) -> ApiError {
        ApiError::new(
            ErrorKind::Forbidden,
            format!("This API key is not allowed to {what}"),
        )
    }

    /// No `what` with this id.
    pub fn not_found(what: &str, id: &str) -> ApiError {
        ApiError::new(ErrorKind::NotFound, format!("{what} {id:?} not found"))
    }

    /// A bad value at `field` (a dotted path such as `input.filters.searchQuery.query[0].ids`).
    pub fn bad_input(field: &str, problem: impl std::fmt::Display) -> ApiError {
        ApiError::new(ErrorKind::BadInput, format!("{field}: {problem}"))
    }

    /// GraphQL text that does not parse.
    pub fn parse_failed(detail: impl std::fmt::Display) -> ApiError {
        ApiError::new(ErrorKind::ParseFailed, format!("Syntax Error: {detail}"))
    }

    /// GraphQL that asks for what the schema lacks.
    pub fn validation_failed(detail: impl std::fmt::Display) -> ApiError {
        ApiError::new(ErrorKind::ValidationFailed, detail.to_string())
    }

    /// A Labelbox operation fauxport does not implement.
    pub fn unsupported(operation: &str) -> ApiError {
        ApiError::new(
            ErrorKind::Unsupported,
            format!(
                "{operation} is not supported by fauxport (it fakes project, dataset and data-row exports)"
            ),
        )
    }

    /// A body over the limit.
    pub fn payload_too_large(size: usize, limit: usize) -> ApiError {
        ApiError::new(
            ErrorKind::PayloadTooLarge,
            format!("request body: {size} bytes is over the limit of {limit} bytes"),
        )
    }

    /// Too many requests.
    pub fn rate_limited(what: &str) -> ApiError {
        ApiError::new(
            ErrorKind::RateLimited,
            format!("You have exceeded the rate limit for {what}. Please try again later."),
        )
    }

    /// A scenario's HTTP 5xx outage (`status` is the status sent; the table's is 503).
    pub fn unavailable(scenario: &str) -> ApiError {
        ApiError::new(
            ErrorKind::Unavailable,
            format!("Service unavailable (fauxport scenario {scenario})"),
        )
    }

    /// A scenario's overload (retryable).
    pub fn overloaded(scenario: &str) -> ApiError {
        ApiError::new(
            ErrorKind::Overloaded,
            format!("Service overloaded, try again (fauxport scenario {scenario})"),
        )
    }

    /// A scenario's retryable rate limit.
    pub fn retryable_rate_limit(scenario: &str) -> ApiError {
        ApiError::new(
            ErrorKind::RetryableRateLimit,
            format!("Too many requests, slow down (fauxport scenario {scenario})"),
        )
    }

    /// A scenario's failed or canceled export, met by a plain download.
    pub fn export_failed(what: &str) -> ApiError {
        ApiError::new(ErrorKind::ExportFailed, what.to_owned())
    }

    /// The GraphQL error object (`{message, extensions}`).
    pub fn graphql_error(&self) -> Value {
        let info = self.kind.info();
        let mut extensions = json!({ "code": info.code });
        if let Some(status) = info.exception_status {
            extensions["exception"] = json!({ "status": status });
        }
        json!({ "message": self.message, "extensions": extensions })
    }

    /// The whole response body when the request fails before any data: errors use the GraphQL
    /// shape; a rate limit is a top-level `message` as the SDK expects.
    pub fn body(&self) -> Value {
        match self.kind.info().code {
            Some(_) => json!({ "data": null, "errors": [self.graphql_error()] }),
            None => json!({ "message": self.message }),
        }
    }

    /// The HTTP status of a response that carries only this error.
    pub fn http_status(&self) -> u16 {
        self.kind.info().http_status
    }

    /// The status of this error on a plain route ([`ErrorKind::plain_http_status`]).
    pub fn plain_http_status(&self) -> u16 {
        self.kind.plain_http_status()
    }
}
