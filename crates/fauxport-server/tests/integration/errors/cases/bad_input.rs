//! Bad-input cases: the message names the field.

use fauxport_server::errors::ErrorKind;
use serde_json::{Value, json};

use super::{BAD_INPUT, Case, Expect, Sent, case, date_filter, export_with, gql};
use crate::sdk;
use crate::support::{KEY, Server};

/// `task` is the id of a finished export, `ok_export` the variables of a valid export of
/// project 0.
pub(super) fn cases(s: &Server, task: &str, ok_export: &Value) -> Vec<Case> {
    let task_vars =
        |offset: Value| json!({"where": {"id": task}, "streamType": "RESULT", "offset": offset});
    let mut non_boolean = ok_export.clone();
    non_boolean["input"]["params"]["includeMetadata"] = json!("yes");
    let mut no_project = ok_export.clone();
    no_project["input"]["filters"]["projectId"] = Value::Null;
    let many: Vec<String> = (0..2001).map(|i| format!("id-{i}")).collect();
    vec![
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
            gql(KEY, sdk::EXPORT_DATA_ROWS_IN_PROJECT, non_boolean),
            BAD_INPUT,
            "input.params.includeMetadata",
        ),
        case(
            "missing project id",
            ErrorKind::BadInput,
            gql(KEY, sdk::EXPORT_DATA_ROWS_IN_PROJECT, no_project),
            BAD_INPUT,
            "input.filters.projectId",
        ),
        case(
            "offset that is not a number",
            ErrorKind::BadInput,
            gql(
                KEY,
                sdk::GET_EXPORT_FILE_FROM_OFFSET,
                task_vars(json!("abc")),
            ),
            Expect::InvalidQuery,
            "offset",
        ),
        case(
            "negative offset",
            ErrorKind::BadInput,
            gql(KEY, sdk::GET_EXPORT_FILE_FROM_OFFSET, task_vars(json!(-1))),
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
    ]
}
