//! What a user would notice if missing: statuses, consensus, skips, unlabelled rows, edge cases.

use std::collections::BTreeMap;

use fauxport_gen::{ProjectKind, World, WorldSpec};
use fauxport_model::{Cuid, ExportParams, WorkflowStatus};

use crate::world;

#[test]
fn statuses_are_all_present_and_agree_with_labels() {
    let w = world(1, ProjectKind::PromptResponseCreation, 2000);
    let rows = w.rows(0).expect("project");
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for i in 0..2000 {
        let plan = rows.plan(i);
        *counts.entry(plan.status.to_string()).or_default() += 1;
        match plan.status {
            WorkflowStatus::ToLabel => assert!(
                plan.labels.is_empty(),
                "row {i}: TO_LABEL with labels (no consensus here)"
            ),
            _ => assert!(
                !plan.labels.is_empty(),
                "row {i}: {} without labels",
                plan.status
            ),
        }
    }
    for s in WorkflowStatus::KNOWN {
        assert!(
            counts.get(*s).copied().unwrap_or(0) > 50,
            "too few {s}: {counts:?}"
        );
    }
}

#[test]
fn consensus_rows_have_several_labels_and_partial_ones_are_to_label() {
    let mut spec = WorldSpec::single(2, ProjectKind::ConversationalPreference, 1000);
    spec.projects[0].consensus = 3;
    let w = World::new(spec).expect("spec");
    let rows = w.rows(0).expect("project");
    let (mut full, mut partial) = (0, 0);
    for i in 0..1000 {
        let plan = rows.plan(i);
        match plan.labels.len() {
            3 => full += 1,
            1 | 2 => {
                partial += 1;
                assert_eq!(plan.status, WorkflowStatus::ToLabel, "row {i}");
            }
            _ => {}
        }
    }
    assert!(full > 300 && partial > 50, "full {full}, partial {partial}");
}

#[test]
fn skipped_labels_have_empty_annotations() {
    let mut spec = WorldSpec::single(4, ProjectKind::PromptResponseCreation, 300);
    spec.projects[0].skip_rate = 0.5;
    let w = World::new(spec).expect("spec");
    let rows = w.rows(0).expect("project");
    let mut skipped = 0;
    for i in 0..300 {
        let row = rows.row(i, &ExportParams::all());
        for label in row.projects.values().flat_map(|p| &p.labels) {
            let perf = label
                .performance_details
                .as_ref()
                .expect("performance_details on");
            if perf.skipped {
                skipped += 1;
                assert!(label.annotations.classifications.is_empty(), "row {i}");
            } else {
                assert!(!label.annotations.classifications.is_empty(), "row {i}");
            }
        }
    }
    assert!(skipped > 50, "{skipped}");
}

#[test]
fn ids_agree_with_times_and_schema_ids_are_stable() {
    let w = world(8, ProjectKind::PromptResponseCreation, 500);
    let rows = w.rows(0).expect("project");
    let mut meaning: BTreeMap<String, (String, Option<String>)> = BTreeMap::new();
    for i in 0..500 {
        let row = rows.row(i, &ExportParams::all());
        let details = row.data_row.details.as_ref().expect("details on");
        let created = details.created_at.millis().expect("timestamp");
        let id_ms = Cuid::millis(row.data_row.id.as_str()).expect("cuid") as i64;
        assert!(
            id_ms <= created,
            "row {i}: data row id is newer than created_at"
        );
        for label in row.projects.values().flat_map(|p| &p.labels) {
            let ld = label.label_details.as_ref().expect("label_details on");
            let opened = Cuid::millis(label.id.as_str()).expect("cuid") as i64;
            let stc = label
                .performance_details
                .as_ref()
                .expect("perf")
                .seconds_to_create
                .0;
            let submitted = ld
                .content_last_updated_at
                .as_ref()
                .and_then(|t| t.millis())
                .expect("content time");
            assert_eq!(
                submitted - opened,
                (stc * 1000.0) as i64,
                "row {i}: seconds_to_create disagrees with the label id"
            );
            for c in &label.annotations.classifications {
                let entry = meaning
                    .entry(c.feature_schema_id.0.clone())
                    .or_insert((c.name.clone(), c.value.clone()));
                assert_eq!(
                    entry,
                    &(c.name.clone(), c.value.clone()),
                    "schema id means two things"
                );
            }
        }
    }
    assert!(meaning.len() >= 4);
}

#[test]
fn hostile_rows_are_hostile() {
    let mut spec = WorldSpec::single(12, ProjectKind::PromptResponseCreation, 60);
    spec.edge_case_rate = 1.0;
    let w = World::new(spec).expect("spec");
    let rows = w.rows(0).expect("project");
    let mut longest = 0;
    let mut deepest = 0;
    for i in 0..60 {
        let line = serde_json::to_string(&rows.row(i, &ExportParams::all())).expect("serialise");
        longest = longest.max(line.len());
        deepest = deepest.max(line.matches("\"classifications\":[{").count());
    }
    assert!(
        longest > 100_000,
        "no 100 KB row among 60 hostile rows: {longest}"
    );
    assert!(
        deepest >= 6,
        "no deep nesting among hostile rows: {deepest}"
    );
    let mut calm = WorldSpec::single(12, ProjectKind::PromptResponseCreation, 200);
    calm.edge_case_rate = 0.0;
    let w = World::new(calm).expect("spec");
    assert!((0..200).all(|i| !w.rows(0).expect("project").plan(i).hostile));
}
