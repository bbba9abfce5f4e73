//! The table of error cases: for each, the request, the row of the error table it exercises,
//! and what must come back.

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

const AUTHENTICATION: Expect = Expect::Code {
    code: "AUTHENTICATION_ERROR",
    status: 401,
    exception_status: None,
};
const AUTHORIZATION: Expect = Expect::Code {
    code: "AUTHORIZATION_ERROR",
    status: 403,
    exception_status: None,
};
const NOT_FOUND: Expect = Expect::Code {
    code: "RESOURCE_NOT_FOUND",
    status: 200,
    exception_status: None,
};
const BAD_INPUT: Expect = Expect::Code {
    code: "INTERNAL_SERVER_ERROR",
    status: 200,
    exception_status: Some(400),
};
const PARSE: Expect = Expect::Code {
    code: "GRAPHQL_PARSE_FAILED",
    status: 400,
    exception_status: None,
};
const VALIDATION: Expect = Expect::Code {
    code: "GRAPHQL_VALIDATION_FAILED",
    status: 400,
    exception_status: None,
};
const UNSUPPORTED: Expect = Expect::Code {
    code: "OPERATION_NOT_ALLOWED",
    status: 200,
    exception_status: None,
};
const TOO_LARGE: Expect = Expect::Code {
    code: "INTERNAL_SERVER_ERROR",
    status: 413,
    exception_status: Some(400),
};
const RATE_LIMITED: Expect = Expect::TopLevelMessage { status: 429 };
const OVERLOADED: Expect = Expect::Code {
    code: "INTERNAL_SERVER_ERROR",
    status: 200,
    exception_status: Some(503),
};
const RETRYABLE_RATE_LIMIT: Expect = Expect::Code {
    code: "INTERNAL_SERVER_ERROR",
    status: 200,
    exception_status: Some(429),
};

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
        sdk::EXPORT_PROJECT,
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
    let task_vars =
        |offset: Value| json!({"where": {"id": task}, "streamType": "RESULT", "offset": offset});
    let mut non_boolean = ok_export.clone();
    non_boolean["input"]["params"]["includeMetadata"] = json!("yes");
    let mut no_project = ok_export.clone();
    no_project["input"]["filters"]["projectId"] = Value::Null;
    let mut unknown_project = ok_export.clone();
    unknown_project["input"]["filters"]["projectId"] = json!("clnosuchproject0000000000");
    let many: Vec<String> = (0..2001).map(|i| format!("id-{i}")).collect();
    let case = |name, kind, send, expect, names| Case {
        name,
        kind,
        send,
        expect,
        names,
        data: None,
        body_limit: None,
    };
    vec![
        // Unauthenticated.
        case(
            "wrong key",
            ErrorKind::Unauthenticated,
            gql("not-a-key", sdk::GET_PROJECT_V7, json!({"param_0": p0})),
            AUTHENTICATION,
            "API key",
        ),
        case(
            "no key",
            ErrorKind::Unauthenticated,
            Sent::Raw {
                key: None,
                body: json!({"query": sdk::GET_USER_V7, "variables": {}})
                    .to_string()
                    .into_bytes(),
            },
            AUTHENTICATION,
            "API key",
        ),
        case(
            "unknown scenario key",
            ErrorKind::Unauthenticated,
            gql("fauxport:no-such-scenario", sdk::GET_USER_V7, json!({})),
            AUTHENTICATION,
            "API key",
        ),
        // Forbidden.
        case(
            "no-access key exports a project",
            ErrorKind::Forbidden,
            gql("fauxport:no-access", sdk::EXPORT_PROJECT, ok_export.clone()),
            AUTHORIZATION,
            "export",
        ),
        case(
            "no-access key exports the catalog",
            ErrorKind::Forbidden,
            gql(
                "fauxport:no-access",
                sdk::EXPORT_CATALOG,
                json!({"input": {"filters": {"searchQuery": {"scope": null, "query": []}}}}),
            ),
            AUTHORIZATION,
            "export",
        ),
        // Not found.
        Case {
            data: Some(json!({"project": null})),
            ..case(
                "unknown project",
                ErrorKind::NotFound,
                gql(
                    KEY,
                    sdk::GET_PROJECT_V7,
                    json!({"param_0": "clnosuchproject0000000000"}),
                ),
                NOT_FOUND,
                "clnosuchproject0000000000",
            )
        },
        Case {
            data: Some(json!({"dataset": null})),
            ..case(
                "unknown dataset",
                ErrorKind::NotFound,
                gql(
                    KEY,
                    sdk::GET_DATASET,
                    json!({"param_0": "clnosuchdataset0000000000"}),
                ),
                NOT_FOUND,
                "clnosuchdataset0000000000",
            )
        },
        case(
            "unknown project in the export input",
            ErrorKind::NotFound,
            gql(KEY, sdk::EXPORT_PROJECT, unknown_project),
            NOT_FOUND,
            "clnosuchproject0000000000",
        ),
        case(
            "unknown task",
            ErrorKind::NotFound,
            gql(
                KEY,
                sdk::HEADER,
                json!({"where": {"id": "clnosuchtask0000000000000"}, "streamType": "RESULT"}),
            ),
            NOT_FOUND,
            "clnosuchtask0000000000000",
        ),
        case(
            "unknown dataset in a catalog export",
            ErrorKind::NotFound,
            gql(
                KEY,
                sdk::EXPORT_CATALOG,
                json!({"input": {"filters": {"searchQuery": {"scope": null, "query": [{"ids": ["clnosuchdataset0000000000"], "operator": "is", "type": "dataset"}]}}}}),
            ),
            NOT_FOUND,
            "clnosuchdataset0000000000",
        ),
        // Bad input: the message names the field.
        case(
            "bad filter operator",
            ErrorKind::BadInput,
            export_with(s, date_filter("FOO", "UTC", json!("2024-01-01"))),
            BAD_INPUT,
            "input.filters.searchQuery.query[0].value.operator",
        ),
        case(
            "unparsable date",
            ErrorKind::BadInput,
            export_with(
                s,
                date_filter("LESS_THAN_OR_EQUAL", "UTC", json!("2024-13-01")),
            ),
            BAD_INPUT,
            "input.filters.searchQuery.query[0].value.value",
        ),
        case(
            "unparsable BETWEEN max",
            ErrorKind::BadInput,
            export_with(
                s,
                date_filter(
                    "BETWEEN",
                    "UTC",
                    json!({"min": "2024-01-01", "max": "tomorrow"}),
                ),
            ),
            BAD_INPUT,
            "input.filters.searchQuery.query[0].value.value.max",
        ),
        case(
            "2001 ids",
            ErrorKind::BadInput,
            export_with(
                s,
                json!([{"ids": many, "operator": "is", "type": "global_key"}]),
            ),
            BAD_INPUT,
            "input.filters.searchQuery.query[0].ids",
        ),
        case(
            "empty id list",
            ErrorKind::BadInput,
            export_with(s, json!([{"ids": [], "operator": "is", "type": "batch"}])),
            BAD_INPUT,
            "input.filters.searchQuery.query[0].ids",
        ),
        case(
            "bad timezone",
            ErrorKind::BadInput,
            export_with(
                s,
                date_filter(
                    "GREATER_THAN_OR_EQUAL",
                    "Mars/Olympus_Mons",
                    json!("2024-01-01"),
                ),
            ),
            BAD_INPUT,
            "input.filters.searchQuery.query[0].value.timezone",
        ),
        case(
            "unknown filter type",
            ErrorKind::BadInput,
            export_with(s, json!([{"type": "colour"}])),
            BAD_INPUT,
            "input.filters.searchQuery.query[0].type",
        ),
        case(
            "unknown workflow status",
            ErrorKind::BadInput,
            export_with(
                s,
                json!([{"type": "task_queue_not_exist"}, {"type": "task_queue_status", "status": "Skipped"}]),
            ),
            BAD_INPUT,
            "input.filters.searchQuery.query[1].status",
        ),
        case(
            "non-boolean param",
            ErrorKind::BadInput,
            gql(KEY, sdk::EXPORT_PROJECT, non_boolean),
            BAD_INPUT,
            "input.params.includeMetadata",
        ),
        case(
            "missing project id",
            ErrorKind::BadInput,
            gql(KEY, sdk::EXPORT_PROJECT, no_project),
            BAD_INPUT,
            "input.filters.projectId",
        ),
        case(
            "offset that is not a number",
            ErrorKind::BadInput,
            gql(KEY, sdk::FILE_FROM_OFFSET, task_vars(json!("abc"))),
            Expect::InvalidQuery,
            "offset",
        ),
        case(
            "negative offset",
            ErrorKind::BadInput,
            gql(KEY, sdk::FILE_FROM_OFFSET, task_vars(json!(-1))),
            Expect::InvalidQuery,
            "offset",
        ),
        case(
            "unknown where field",
            ErrorKind::BadInput,
            gql(
                KEY,
                "{ projects(where: {colour: \"red\"}) { id } }",
                Value::Null,
            ),
            BAD_INPUT,
            "where.colour",
        ),
        case(
            "task without where",
            ErrorKind::BadInput,
            gql(KEY, "{ task { id } }", Value::Null),
            BAD_INPUT,
            "where.id",
        ),
        case(
            "variables that are not an object",
            ErrorKind::BadInput,
            gql(KEY, sdk::GET_USER_V7, json!([1, 2])),
            BAD_INPUT,
            "variables",
        ),
        case(
            "body without a query",
            ErrorKind::BadInput,
            Sent::Raw {
                key: Some(KEY),
                body: br#"{"variables": {}}"#.to_vec(),
            },
            BAD_INPUT,
            "query",
        ),
        case(
            "body that is not JSON",
            ErrorKind::BadInput,
            Sent::Raw {
                key: Some(KEY),
                body: b"query { user { id } }".to_vec(),
            },
            BAD_INPUT,
            "request body",
        ),
        // Parse failures.
        case(
            "unclosed selection",
            ErrorKind::ParseFailed,
            gql(KEY, "query GetUserPyApi{user{id", json!({})),
            PARSE,
            "Syntax Error",
        ),
        case(
            "not GraphQL",
            ErrorKind::ParseFailed,
            gql(KEY, "SELECT * FROM projects", Value::Null),
            PARSE,
            "Syntax Error",
        ),
        // Validation failures.
        case(
            "unknown field",
            ErrorKind::ValidationFailed,
            gql(KEY, "query Q{organization{id colour}}", json!({})),
            VALIDATION,
            "colour",
        ),
        case(
            "unknown root field",
            ErrorKind::ValidationFailed,
            gql(KEY, "query Q{labels{id}}", json!({})),
            VALIDATION,
            "labels",
        ),
        case(
            "unknown argument",
            ErrorKind::ValidationFailed,
            gql(
                KEY,
                "query Q{organization(where: {id: \"x\"}){id}}",
                json!({}),
            ),
            VALIDATION,
            "where",
        ),
        case(
            "variable of the wrong type",
            ErrorKind::ValidationFailed,
            gql(
                KEY,
                sdk::HEADER
                    .replace("$streamType: TaskStreamType!", "$streamType: Int!")
                    .as_str(),
                json!({"where": {"id": task}, "streamType": 1}),
            ),
            VALIDATION,
            "streamType",
        ),
        case(
            "missing required variable",
            ErrorKind::ValidationFailed,
            gql(KEY, sdk::GET_PROJECT_V7, json!({})),
            VALIDATION,
            "param_0",
        ),
        case(
            "missing selection on an object",
            ErrorKind::ValidationFailed,
            gql(KEY, "query Q{organization}", json!({})),
            VALIDATION,
            "organization",
        ),
        // Unsupported operations.
        case(
            "slice export",
            ErrorKind::Unsupported,
            gql(
                KEY,
                sdk::EXPORT_SLICE,
                json!({"input": {"taskName": null, "filters": {"sliceId": "clslice"}, "params": {}, "streamable": true}}),
            ),
            UNSUPPORTED,
            "exportDataRowsInSlice",
        ),
        case(
            "model-run export",
            ErrorKind::Unsupported,
            gql(
                KEY,
                "mutation exportDataRowsInModelRunPyApi($input: ExportDataRowsInModelRunInput!){exportDataRowsInModelRun(input: $input){taskId isStreamable}}",
                json!({"input": {"filters": {"modelRunId": "clmr"}}}),
            ),
            UNSUPPORTED,
            "exportDataRowsInModelRun",
        ),
        // Bodies over the limit.
        Case {
            body_limit: Some(SMALL_LIMIT),
            ..case(
                "body one byte over the limit",
                ErrorKind::PayloadTooLarge,
                Sent::Raw {
                    key: Some(KEY),
                    body: body_of_len(SMALL_LIMIT + 1),
                },
                TOO_LARGE,
                "request body",
            )
        },
        Case {
            body_limit: Some(SMALL_LIMIT),
            ..case(
                "body far over the limit",
                ErrorKind::PayloadTooLarge,
                Sent::Raw {
                    key: Some(KEY),
                    body: body_of_len(SMALL_LIMIT * 25),
                },
                TOO_LARGE,
                "request body",
            )
        },
        // Rate limits.
        case(
            "rate-limited key",
            ErrorKind::RateLimited,
            gql(
                "fauxport:rate-limited",
                sdk::GET_PROJECT_V7,
                json!({"param_0": p0}),
            ),
            RATE_LIMITED,
            "rate limit",
        ),
        case(
            "rate-limited key exports",
            ErrorKind::RateLimited,
            gql(
                "fauxport:rate-limited",
                sdk::EXPORT_PROJECT,
                ok_export.clone(),
            ),
            RATE_LIMITED,
            "rate limit",
        ),
        // Scenario faults, each on the first call of its kind under a key of its own (a fresh
        // seed each time the table is built, since tests share one server and its counters):
        // `retryable-outage` fails the first two export mutations with 502, the first task
        // read as overloaded, the first header read with the retryable rate limit.
        case(
            "retryable-outage export mutation",
            ErrorKind::Unavailable,
            gql(
                fresh_key("retryable-outage"),
                sdk::EXPORT_PROJECT,
                ok_export,
            ),
            Expect::Outage { status: 502 },
            "retryable-outage",
        ),
        case(
            "retryable-outage task read",
            ErrorKind::Overloaded,
            gql(
                fresh_key("retryable-outage"),
                sdk::CREATED_TASKS_V7,
                json!({"param_0": task, "param_1": "cluser"}),
            ),
            OVERLOADED,
            "retryable-outage",
        ),
        case(
            "retryable-outage header read",
            ErrorKind::RetryableRateLimit,
            gql(
                fresh_key("retryable-outage"),
                sdk::HEADER,
                json!({"where": {"id": task}, "streamType": "RESULT"}),
            ),
            RETRYABLE_RATE_LIMIT,
            "retryable-outage",
        ),
    ]
}
