//! Line handling: blank lines, broken JSON, line endings, huge lines, schema-level messages.

use fauxport_validate::{Config, Format, Severity, Validator};
use serde_json::json;

use crate::support::{check, label0, render, run, seed};

fn seed_line() -> String {
    serde_json::to_string(&seed()).unwrap()
}

#[test]
fn blank_lines_are_errors() {
    let line = seed_line();
    let (findings, summary) = run(Config::default(), &format!("{line}\n\n{line}\n   \n"));
    assert_eq!(
        render(&findings),
        "line 2: <row>: blank line: NDJSON allows none: expected one JSON object\n\
         line 4: <row>: blank line: NDJSON allows none: expected one JSON object"
    );
    assert_eq!(
        (
            summary.lines,
            summary.rows,
            summary.valid_rows,
            summary.errors
        ),
        (4, 2, 2, 2)
    );
}

#[test]
fn invalid_json_reports_line_and_column() {
    let line = seed_line();
    let (findings, summary) = run(
        Config::default(),
        &format!("{line}\n{{\"data_row\": {{\"id\": }}\n{}\n", &line[..40]),
    );
    assert_eq!(
        render(&findings),
        "line 2, column 21: <row>: invalid JSON: expected value: expected one JSON object, found …\"data_row\": {\"id\": }\n\
         line 3, column 40: <row>: invalid JSON: EOF while parsing a value: expected one JSON object, found …ata_row\":{\"details\":"
    );
    assert_eq!(
        (summary.rows, summary.valid_rows, summary.errors),
        (3, 1, 2)
    );
}

#[test]
fn missing_final_newline_and_crlf_are_fine() {
    let line = seed_line();
    let (findings, summary) = run(Config::default(), &format!("{line}\r\n{line}"));
    assert_eq!(render(&findings), "");
    assert_eq!((summary.lines, summary.rows, summary.valid_rows), (2, 2, 2));
    let (findings, summary) = run(Config::default(), "");
    assert!(findings.is_empty());
    assert_eq!(summary.lines, 0);
}

#[test]
fn a_100_kb_row_is_validated_and_rendered_short() {
    let content = "Très long prompt, with \"quotes\" and\nnewlines. ".repeat(2_500);
    assert!(content.len() > 100_000);
    check(
        seed(),
        |row| {
            label0(row)["annotations"]["classifications"][0]["text_answer"]["content"] =
                json!(content)
        },
        "",
    );
    // An error on the huge value shows only its first characters.
    check(
        seed(),
        |row| label0(row)["annotations"]["classifications"][0]["text_answer"] = json!([content]),
        r#"line 1: /projects/clpvnotzb03jo07xs48r7ewka/labels/0/annotations/classifications/0/text_answer: `text_answer` has the wrong type: expected object, found ["Très long prompt, with \"quotes\" and\nnewlines. Très long prompt, with \"quot… (array)"#,
    );
}

#[test]
fn schema_messages_name_the_field() {
    check(
        seed(),
        |row| {
            label0(row)["id"] = json!("abc");
            row["data_row"]["details"]
                .as_object_mut()
                .unwrap()
                .remove("created_by");
            row["data_row"]["details"]["created_at"] = json!("2023-12-07 20:34:06");
            row["data_row"]["global_key"] = json!("k".repeat(201));
            row["projects"]["clpvnotzb03jo07xs48r7ewka"]["project_details"]["priority"] = json!(9);
            label0(row)["annotations"]["classifications"][0]["radio_answer"] = json!({});
        },
        r#"
        line 1: /data_row/details: missing required field `created_by`: expected an object with `created_by`, found no such key
        line 1: /data_row/details/created_at: `created_at` is not an RFC 3339 date-time: expected a date-time such as 2024-04-10T15:21:31.000+00:00, found "2023-12-07 20:34:06"
        line 1: /data_row/global_key: `global_key` has the wrong length: expected at most 200 characters, found 201 characters
        line 1: /projects/clpvnotzb03jo07xs48r7ewka/labels/0/annotations/classifications/0/radio_answer: missing required field `feature_id`: expected an object with `feature_id`, found no such key
        line 1: /projects/clpvnotzb03jo07xs48r7ewka/labels/0/annotations/classifications/0/radio_answer: missing required field `name`: expected an object with `name`, found no such key
        line 1: /projects/clpvnotzb03jo07xs48r7ewka/labels/0/annotations/classifications/0/radio_answer: missing required field `classifications`: expected an object with `classifications`, found no such key
        line 1: /projects/clpvnotzb03jo07xs48r7ewka/labels/0/annotations/classifications/0: too many answers: a classification has exactly one answer key, this one has `text_answer` and `radio_answer`: expected exactly one answer key, found 2 answer keys
        line 1: /projects/clpvnotzb03jo07xs48r7ewka/labels/0/id: `id` is not a cuid: expected a 25-char cuid matching ^c[0-9a-z]{24}$, found "abc"
        line 1: /projects/clpvnotzb03jo07xs48r7ewka/project_details/priority: `priority` is out of range: expected at most 5, found 9
        "#,
    );
}

#[test]
fn findings_per_row_are_capped_but_counted() {
    let config = Config {
        max_findings_per_row: 2,
        ..Config::default()
    };
    let mut row = seed();
    for key in ["a", "b", "c", "d"] {
        row[key] = json!(1);
    }
    let (findings, summary) = run(
        config,
        &format!("{}\n", serde_json::to_string(&row).unwrap()),
    );
    assert_eq!(findings.len(), 2);
    assert_eq!((summary.errors, summary.suppressed), (4, 2));
}

#[test]
fn check_line_and_json_output() {
    let mut validator = Validator::new(Config::default()).unwrap();
    let findings = validator.check_line(7, b"[1, 2]\n");
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].severity, Severity::Error);
    assert_eq!(
        serde_json::to_value(&findings[0]).unwrap(),
        json!({
            "line": 7, "pointer": "", "severity": "error", "code": "wrong-type",
            "message": "`row` has the wrong type", "expected": "object", "found": "[1,2] (array)"
        })
    );
}

#[test]
fn v1_rows_are_checked_against_the_v1_schema() {
    let row = json!({
        "ID": "ckq1u9pzb0d0r0y9s3d8a1b2c", "DataRow ID": "ckq1u8x7a0c0r0y9s1a2b3c4d",
        "Labeled Data": "https://example.com/a.txt",
        "Label": {"objects": [], "classifications": [{"featureId": "f", "schemaId": "s", "title": "Q", "value": "q", "answer": "text"}], "relationships": []},
        "Created By": "a@example.com", "Project Name": "P", "Created At": "2021-07-15T22:57:30.000Z",
        "Updated At": "2021-07-15T22:57:30.000Z", "Seconds to Label": 12.5, "External ID": null,
        "Agreement": -1, "Benchmark Agreement": -1, "Benchmark ID": null, "Dataset Name": "D",
        "Reviews": [], "View Label": "https://editor.example.com/x", "Has Open Issues": 0, "Skipped": false
    });
    let config = Config {
        format: Format::V1,
        ..Config::default()
    };
    let mut broken = row.clone();
    broken.as_object_mut().unwrap().remove("Project Name");
    let (findings, summary) = run(config, &crate::support::ndjson(&[row, broken]));
    assert_eq!(
        render(&findings),
        "line 2: <row>: missing required field `Project Name`: expected an object with `Project Name`, found no such key"
    );
    assert_eq!((summary.rows, summary.valid_rows), (2, 1));
}
