//! The spec's sample rows parse into the types and serialise back to the same JSON.

use fauxport_model::{ExportRow, WorkflowStatus};
use serde_json::Value;

fn samples() -> Vec<(String, Value)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/spec");
    let mut out: Vec<(String, Value)> = std::fs::read_dir(&dir)
        .expect("fixtures/spec exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("readable");
            (
                p.display().to_string(),
                serde_json::from_str(&text).expect("JSON"),
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn spec_samples_round_trip_losslessly() {
    let samples = samples();
    assert_eq!(
        samples.len(),
        4,
        "the docs sample and the three full rows of spec §19"
    );
    for (name, value) in samples {
        let row: ExportRow =
            serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            serde_json::to_value(&row).expect("serialise"),
            value,
            "{name}"
        );
    }
}

#[test]
fn unknown_values_and_keys_are_kept() {
    let (_, mut value) = samples().remove(0);
    value["projects"]
        .as_object_mut()
        .and_then(|m| m.values_mut().next())
        .and_then(|p| p.get_mut("project_details"))
        .expect("project_details")["workflow_status"] = Value::from("SKIPPED");
    value["future_key"] = Value::from(1);
    let row: ExportRow = serde_json::from_value(value.clone()).expect("parses");
    let details = row
        .projects
        .values()
        .next()
        .and_then(|p| p.project_details.as_ref())
        .expect("details");
    assert_eq!(
        details.workflow_status,
        WorkflowStatus::Other("SKIPPED".into())
    );
    assert_eq!(serde_json::to_value(&row).expect("serialise"), value);
}

#[test]
fn a_classification_needs_exactly_one_answer() {
    let base = r#"{"feature_id":"clutykado00013b6rw65zj51e","feature_schema_id":"clutyjef000xk07wfeurhc2qb","name":"q""#;
    for (rest, ok) in [
        (r#","text_answer":{"content":"a"}}"#, true),
        ("}", false),
        (
            r#","text_answer":{"content":"a"},"checklist_answers":[]}"#,
            false,
        ),
    ] {
        let parsed =
            serde_json::from_str::<fauxport_model::Classification>(&format!("{base}{rest}"));
        assert_eq!(parsed.is_ok(), ok, "{rest}: {parsed:?}");
    }
}
