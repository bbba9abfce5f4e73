//! Cases of limits and injected faults: bodies over the limit, rate limits, scenario faults.

use fauxport_server::errors::ErrorKind;
use serde_json::{Value, json};

use super::{
    Case, EXPORT_FAILED, Expect, OVERLOADED, RATE_LIMITED, RETRYABLE_RATE_LIMIT, SMALL_LIMIT, Sent,
    TOO_LARGE, body_of_len, case, fresh_key, gql,
};
use crate::sdk;
use crate::support::KEY;

/// `task` is the id of a finished export, `p0` project 0's id and `ok_export` the variables of
/// a valid export of it.
pub(super) fn cases(task: &str, p0: &str, ok_export: Value) -> Vec<Case> {
    vec![
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
                sdk::EXPORT_DATA_ROWS_IN_PROJECT,
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
                sdk::EXPORT_DATA_ROWS_IN_PROJECT,
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
                sdk::GET_USER_CREATED_TASKS_V7,
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
                sdk::GET_EXPORT_METADATA_HEADER,
                json!({"where": {"id": task}, "streamType": "RESULT"}),
            ),
            RETRYABLE_RATE_LIMIT,
            "retryable-outage",
        ),
        // Only a plain download meets a failed export as an error (the SDK sees a status).
        case(
            "plain download of a failed export",
            ErrorKind::ExportFailed,
            Sent::Get {
                path: format!("/projects/{p0}/export.ndjson?api_key=fauxport:failed-task"),
            },
            EXPORT_FAILED,
            "failed-task",
        ),
        case(
            "plain download of a canceled export",
            ErrorKind::ExportFailed,
            Sent::Get {
                path: format!("/projects/{p0}/export.ndjson?api_key=fauxport:canceled-task"),
            },
            EXPORT_FAILED,
            "canceled",
        ),
    ]
}
