//! Strict versus lenient: unknown keys and unknown values of open enums are errors in the strict
//! profile and warnings in the lenient one; everything else stays an error.

use fauxport_validate::{Config, Profile};
use serde_json::{Value, json};

use crate::support::{check_rows_with, project, seed};

fn both(row: Value, strict: &str, lenient: &str) {
    let s = check_rows_with(Config::default(), std::slice::from_ref(&row), strict);
    assert!(!s.is_valid());
    let l = check_rows_with(
        Config {
            profile: Profile::Lenient,
            ..Config::default()
        },
        &[row],
        lenient,
    );
    assert!(l.is_valid(), "lenient: only warnings");
}

#[test]
fn unknown_key() {
    let mut row = seed();
    row["data_row"]["details"]["reviewed_by"] = json!("someone@example.com");
    both(
        row,
        r#"line 1: /data_row/details/reviewed_by: unknown field `reviewed_by`: expected only the fields the contract names, found "someone@example.com""#,
        r#"line 1: warning: /data_row/details/reviewed_by: unknown field `reviewed_by`: expected only the fields the contract names, found "someone@example.com""#,
    );
}

#[test]
fn unknown_workflow_status() {
    let mut row = seed();
    project(&mut row)["project_details"]["workflow_status"] = json!("SKIPPED");
    both(
        row,
        r#"line 1: /projects/clpvnotzb03jo07xs48r7ewka/project_details/workflow_status: `workflow_status` has an unknown value: expected one of TO_LABEL, IN_REVIEW, IN_REWORK, DONE, found "SKIPPED""#,
        r#"line 1: warning: /projects/clpvnotzb03jo07xs48r7ewka/project_details/workflow_status: `workflow_status` has an unknown value: expected one of TO_LABEL, IN_REVIEW, IN_REWORK, DONE, found "SKIPPED""#,
    );
}

#[test]
fn lenient_keeps_real_errors() {
    let mut row = seed();
    row["data_row"]["details"]["reviewed_by"] = json!("someone@example.com");
    row["data_row"]["details"]
        .as_object_mut()
        .unwrap()
        .remove("created_by");
    check_rows_with(
        Config {
            profile: Profile::Lenient,
            ..Config::default()
        },
        &[row],
        r#"
        line 1: /data_row/details: missing required field `created_by`: expected an object with `created_by`, found no such key
        line 1: warning: /data_row/details/reviewed_by: unknown field `reviewed_by`: expected only the fields the contract names, found "someone@example.com"
        "#,
    );
}
