//! Every row of the error table (`fauxport_server::errors::ErrorKind`), sent over HTTP: the code
//! the SDK maps to an exception, the HTTP status, `extensions.exception.status`, and a message
//! that names the field or thing at fault. One table of cases ([`cases`]), one `check`.

mod cases;

pub(crate) use cases::{Case, Expect, Sent, cases};

use fauxport_server::errors::ErrorKind;
use serde_json::{Value, json};

use crate::support::{KEY, Response, Server, config, server};

/// Sends a case as it is (the payload cases to a server with a small body limit).
pub(crate) async fn send(s: &Server, case: &Case) -> Response {
    let limited;
    let s = match case.body_limit {
        None => s,
        Some(limit) => {
            let mut c = config();
            c.max_body_bytes = limit;
            limited = Server::new(c);
            &limited
        }
    };
    match &case.send {
        Sent::Gql {
            key,
            query,
            variables,
        } => {
            let body = json!({"query": query, "variables": variables})
                .to_string()
                .into_bytes();
            s.post("/graphql", Some(key), body).await
        }
        Sent::Raw { key, body } => s.post("/graphql", *key, body.clone()).await,
        Sent::Get { path } => s.get(path).await,
    }
}

/// Checks one case; `Err` says what differs.
async fn check(s: &Server, case: &Case) -> Result<(), String> {
    let response = send(s, case).await;
    let text = String::from_utf8_lossy(&response.body).into_owned();
    let body: Value = serde_json::from_slice(&response.body)
        .map_err(|e| format!("body is not JSON ({e}): {text}"))?;
    let content_type = response
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if !content_type.starts_with("application/json") {
        return Err(format!("content-type {content_type:?}"));
    }
    let status = response.status;
    let message = match case.expect {
        Expect::Outage { status: want } => {
            if status != want || body.get("errors").is_some() {
                return Err(format!(
                    "HTTP {status}, expected {want} without GraphQL errors: {text}"
                ));
            }
            body["message"]
                .as_str()
                .ok_or_else(|| format!("no top-level message: {text}"))?
                .to_owned()
        }
        Expect::TopLevelMessage { status: want } => {
            if status != want {
                return Err(format!("HTTP {status}, expected {want}: {text}"));
            }
            let message = body["message"]
                .as_str()
                .ok_or_else(|| format!("no top-level message: {text}"))?;
            if !message.starts_with("You have exceeded") {
                return Err(format!(
                    "the SDK needs a message starting \"You have exceeded\": {text}"
                ));
            }
            message.to_owned()
        }
        Expect::Code { .. } | Expect::InvalidQuery => {
            if body.get("data").is_none() {
                return Err(format!("no `data` member: {text}"));
            }
            let errors = body["errors"]
                .as_array()
                .filter(|e| !e.is_empty())
                .ok_or_else(|| format!("no errors: {text}"))?;
            if let Some(e) = errors.iter().find(|e| !e["extensions"]["code"].is_string()) {
                return Err(format!(
                    "an error without extensions.code crashes the SDK: {e}"
                ));
            }
            let first = &errors[0];
            let code = first["extensions"]["code"].as_str().unwrap_or_default();
            let exception_status = first["extensions"]["exception"]["status"]
                .as_u64()
                .map(|s| s as u16);
            match case.expect {
                Expect::Code {
                    code: want_code,
                    status: want_status,
                    exception_status: want_exception,
                } => {
                    if (code, status, exception_status) != (want_code, want_status, want_exception)
                    {
                        return Err(format!(
                            "got (code {code}, HTTP {status}, exception.status {exception_status:?}), expected ({want_code}, HTTP {want_status}, {want_exception:?}): {text}"
                        ));
                    }
                }
                _ => {
                    let invalid_query =
                        matches!(code, "GRAPHQL_VALIDATION_FAILED" | "GRAPHQL_PARSE_FAILED")
                            || (code == "INTERNAL_SERVER_ERROR" && exception_status == Some(400));
                    if !invalid_query || status >= 500 {
                        return Err(format!(
                            "not an InvalidQueryError for the SDK (HTTP {status}): {text}"
                        ));
                    }
                }
            }
            if let Some(want) = &case.data
                && &body["data"] != want
            {
                return Err(format!("data {}, expected {want}", body["data"]));
            }
            first["message"].as_str().unwrap_or_default().to_owned()
        }
    };
    if !message.contains(case.names) {
        return Err(format!(
            "the message does not name {:?}: {message:?}",
            case.names
        ));
    }
    Ok(())
}

/// The id of a finished export of project 0.
pub(crate) async fn finished_task(s: &Server) -> String {
    s.export(KEY, s.bare_export(0)).await.id
}

/// Cases that have a test of their own, named for the behaviour they pin down (each was found
/// failing; see the test's comment). The test of every kind skips them.
const OWN_TESTS: [&str; 5] = [
    "unknown project",
    "unknown dataset",
    "offset that is not a number",
    "negative offset",
    "body far over the limit",
];

/// Runs the cases `select` picks, checking that the table and each case's expectation agree,
/// and reports every failure at once.
async fn run(what: &str, select: impl Fn(&Case) -> bool) {
    let s = server();
    let task = finished_task(s).await;
    let mut failures = Vec::new();
    let cases: Vec<Case> = cases(s, &task).into_iter().filter(|c| select(c)).collect();
    assert!(!cases.is_empty(), "no case for {what}");
    for case in &cases {
        if let Expect::Code {
            code,
            status,
            exception_status,
        } = case.expect
        {
            let info = case.kind.info();
            assert_eq!(
                (info.code, info.http_status, info.exception_status),
                (Some(code), status, exception_status),
                "{}: the error table and this test disagree about {:?}",
                case.name,
                case.kind
            );
        }
        if let Err(e) = check(s, case).await {
            failures.push(format!("{}: {e}", case.name));
        }
    }
    assert!(failures.is_empty(), "{what}:\n{}", failures.join("\n"));
}

/// Runs the named cases.
async fn run_named(names: &[&str]) {
    for name in names {
        assert!(
            OWN_TESTS.contains(name),
            "{name} must be listed in OWN_TESTS"
        );
    }
    run(&names.join(", "), |c| names.contains(&c.name)).await;
}

#[test]
fn every_error_kind_has_cases() {
    let s = server();
    let cases = cases(s, "cltask");
    for kind in ErrorKind::ALL {
        assert!(
            cases
                .iter()
                .any(|c| c.kind == kind && !OWN_TESTS.contains(&c.name)),
            "ErrorKind::{kind:?} has no case in errors::cases (besides the ones with a test of their own)"
        );
    }
    for name in OWN_TESTS {
        assert!(
            cases.iter().any(|c| c.name == name),
            "OWN_TESTS names {name:?}, which is not a case"
        );
    }
}

/// Every row of the error table, through all its cases but the ones with a test of their own
/// (each kind has at least one: `every_error_kind_has_cases`), every failure reported at once.
/// Among them: `Forbidden` answers HTTP 403 as the table says (as 401 does for a bad key), so the
/// table, the status and the body never disagree; and `ExportFailed` is also a plain download of a
/// failed or canceled export: an HTTP 409 with the error JSON (not retried), not an empty 200.
#[tokio::test]
async fn every_error_kind_answers_as_the_table_says() {
    run("the cases by kind", |c| !OWN_TESTS.contains(&c.name)).await;
}

/// GraphQL nulls only the field that failed: an unknown project is
/// `{"data": {"project": null}, "errors": [RESOURCE_NOT_FOUND]}` (protocol spec §8.4), not
/// `"data": null`.
#[tokio::test]
async fn unknown_project_answers_data_project_null() {
    run_named(&["unknown project", "unknown dataset"]).await;
}

/// A `UInt64` variable that does not parse must be rejected with a message naming the variable
/// (protocol spec §11: "reject others with rule-9/400 errors naming the variable").
#[tokio::test]
async fn bad_uint64_offsets_are_rejected_naming_offset() {
    run_named(&["offset that is not a number", "negative offset"]).await;
}

/// Any body over the limit gets the SDK's error shape (JSON, a code), however large: axum's own
/// limit must not answer first with plain text.
#[tokio::test]
async fn payload_far_over_the_limit_gets_the_sdk_error_shape() {
    run_named(&["body far over the limit"]).await;
}
