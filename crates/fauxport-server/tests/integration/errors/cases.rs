//! The table of error cases: for each, the request, the row of the error table it exercises,
//! and what must come back. The types and helpers are here; the cases, by error family, in
//! [`access`], [`bad_input`], [`query_errors`] and [`limits_and_faults`], concatenated in that
//! order by [`cases`].

mod access;
mod bad_input;
mod limits_and_faults;
mod query_errors;

use fauxport_model::ExportParams;
use fauxport_server::errors::ErrorKind;
use serde_json::{Value, json};

use crate::sdk;
use crate::support::{KEY, Server, export_variables};

/// What is sent.
pub(crate) enum Sent {
    /// A GraphQL body `{query, variables}` to `/graphql` with `Authorization: Bearer <key>`.
    Gql {
        key: &'static str,
        query: String,
        variables: Value,
    },
    /// Raw bytes to `/graphql`, with a key when given.
    Raw {
        key: Option<&'static str>,
        body: Vec<u8>,
    },
    /// A `GET` of a plain route (path and query).
    Get { path: String },
}

/// What must come back.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Expect {
    /// A GraphQL error with exactly this code, HTTP status and `exception.status`.
    Code {
        code: &'static str,
        status: u16,
        exception_status: Option<u16>,
    },
    /// Any error the SDK turns into `InvalidQueryError` (`INTERNAL_SERVER_ERROR` with
    /// `exception.status` 400, `GRAPHQL_VALIDATION_FAILED` or `GRAPHQL_PARSE_FAILED`), HTTP < 500.
    InvalidQuery,
    /// A top-level `{"message": "You have exceeded ..."}` (`ApiLimitError`) with this status.
    TopLevelMessage { status: u16 },
    /// A 5xx with a top-level `{"message": ...}` and no GraphQL errors (the SDK retries it).
    Outage { status: u16 },
}

/// One case of the table.
pub(crate) struct Case {
    /// What it shows.
    pub(crate) name: &'static str,
    /// The row of the error table it exercises.
    pub(crate) kind: ErrorKind,
    /// The request.
    pub(crate) send: Sent,
    /// The response.
    pub(crate) expect: Expect,
    /// The message must contain this (the field or thing at fault).
    pub(crate) names: &'static str,
    /// `data` must equal this, when given.
    pub(crate) data: Option<Value>,
    /// Serve with this `max_body_bytes` instead of the default.
    pub(crate) body_limit: Option<usize>,
}

/// A GraphQL error with `code`, this HTTP `status` and this `exception.status`.
const fn code(code: &'static str, status: u16, exception_status: Option<u16>) -> Expect {
    Expect::Code {
        code,
        status,
        exception_status,
    }
}

// The rows of the error table the cases exercise, as the SDK sees them: code, HTTP status,
// `exception.status`.
const AUTHENTICATION: Expect = code("AUTHENTICATION_ERROR", 401, None);
const AUTHORIZATION: Expect = code("AUTHORIZATION_ERROR", 403, None);
const NOT_FOUND: Expect = code("RESOURCE_NOT_FOUND", 200, None);
const BAD_INPUT: Expect = code("INTERNAL_SERVER_ERROR", 200, Some(400));
const PARSE: Expect = code("GRAPHQL_PARSE_FAILED", 400, None);
const VALIDATION: Expect = code("GRAPHQL_VALIDATION_FAILED", 400, None);
const UNSUPPORTED: Expect = code("OPERATION_NOT_ALLOWED", 200, None);
const TOO_LARGE: Expect = code("INTERNAL_SERVER_ERROR", 413, Some(400));
const RATE_LIMITED: Expect = Expect::TopLevelMessage { status: 429 };
const EXPORT_FAILED: Expect = code("EXPORT_FAILED", 409, None);
const OVERLOADED: Expect = code("INTERNAL_SERVER_ERROR", 200, Some(503));
const RETRYABLE_RATE_LIMIT: Expect = code("INTERNAL_SERVER_ERROR", 200, Some(429));

/// The body limit of the payload cases.
const SMALL_LIMIT: usize = 4096;

/// A scenario key no earlier request used: `fauxport:<scenario>:<a new seed>`.
fn fresh_key(scenario: &str) -> &'static str {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1000);
    let seed = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    Box::leak(format!("fauxport:{scenario}:{seed}").into_boxed_str())
}

fn gql(key: &'static str, query: &str, variables: Value) -> Sent {
    Sent::Gql {
        key,
        query: query.to_owned(),
        variables,
    }
}

/// A valid GraphQL body of exactly `len` bytes (padded through an unused variable).
fn body_of_len(len: usize) -> Vec<u8> {
    let skeleton = json!({"query": sdk::GET_ORGANIZATION, "variables": {"pad": ""}}).to_string();
    let body = json!({"query": sdk::GET_ORGANIZATION, "variables": {"pad": "x".repeat(len - skeleton.len())}});
    let bytes = body.to_string().into_bytes();
    assert_eq!(bytes.len(), len);
    bytes
}

/// An export of project 0 whose `searchQuery.query` is `query`.
fn export_with(s: &Server, query: Value) -> Sent {
    gql(
        KEY,
        sdk::EXPORT_DATA_ROWS_IN_PROJECT,
        export_variables(&s.project_id(0), &ExportParams::none(), query),
    )
}

fn date_filter(operator: &str, timezone: &str, value: Value) -> Value {
    json!([{"type": "labeled_at", "value": {"operator": operator, "timezone": timezone, "value": value}}])
}

/// The table; `task` is the id of a finished export (for page lookups with bad arguments).
pub(crate) fn cases(s: &Server, task: &str) -> Vec<Case> {
    let p0 = s.project_id(0);
    let ok_export = export_variables(&p0, &ExportParams::none(), json!([]));
    let mut all = access::cases(&p0, &ok_export);
    all.extend(bad_input::cases(s, task, &ok_export));
    all.extend(query_errors::cases(task));
    all.extend(limits_and_faults::cases(task, &p0, ok_export));
    all
}

/// A case with no `data` to check and the default body limit.
fn case(
    name: &'static str,
    kind: ErrorKind,
    send: Sent,
    expect: Expect,
    names: &'static str,
) -> Case {
    Case {
        name,
        kind,
        send,
        expect,
        names,
        data: None,
        body_limit: None,
    }
}
