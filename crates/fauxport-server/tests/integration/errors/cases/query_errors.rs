//! Cases of queries the server will not run: parse failures, validation failures, unsupported
//! operations.

use fauxport_server::errors::ErrorKind;
use serde_json::{Value, json};

use super::{Case, PARSE, UNSUPPORTED, VALIDATION, case, gql};
use crate::sdk;
use crate::support::KEY;

/// `task` is the id of a finished export.
pub(super) fn cases(task: &str) -> Vec<Case> {
    vec![
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
                sdk::GET_EXPORT_METADATA_HEADER
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
    ]
}
