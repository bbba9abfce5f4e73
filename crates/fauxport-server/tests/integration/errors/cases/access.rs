//! Cases of refused access and missing things: unauthenticated, forbidden, not found.

use fauxport_server::errors::ErrorKind;
use serde_json::{Value, json};

use super::{AUTHENTICATION, AUTHORIZATION, Case, NOT_FOUND, Sent, case, gql};
use crate::sdk;
use crate::support::KEY;

/// `p0` is project 0's id, `ok_export` the variables of a valid export of it.
pub(super) fn cases(p0: &str, ok_export: &Value) -> Vec<Case> {
    let mut unknown_project = ok_export.clone();
    unknown_project["input"]["filters"]["projectId"] = json!("clnosuchproject0000000000");
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
            gql(
                "fauxport:no-access",
                sdk::EXPORT_DATA_ROWS_IN_PROJECT,
                ok_export.clone(),
            ),
            AUTHORIZATION,
            "export",
        ),
        case(
            "no-access key exports the catalog",
            ErrorKind::Forbidden,
            gql(
                "fauxport:no-access",
                sdk::EXPORT_DATA_ROWS_IN_CATALOG,
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
            gql(KEY, sdk::EXPORT_DATA_ROWS_IN_PROJECT, unknown_project),
            NOT_FOUND,
            "clnosuchproject0000000000",
        ),
        case(
            "unknown task",
            ErrorKind::NotFound,
            gql(
                KEY,
                sdk::GET_EXPORT_METADATA_HEADER,
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
                sdk::EXPORT_DATA_ROWS_IN_CATALOG,
                json!({"input": {"filters": {"searchQuery": {"scope": null, "query": [{"ids": ["clnosuchdataset0000000000"], "operator": "is", "type": "dataset"}]}}}}),
            ),
            NOT_FOUND,
            "clnosuchdataset0000000000",
        ),
    ]
}
