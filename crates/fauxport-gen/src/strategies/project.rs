//! The `projects` map entry and `project_details` with the workflow (spec §8, §11).
//!
//! Workflow chains are not continuous, history is in no particular order, and `workflow_status`
//! need not agree with the labels.

use fauxport_model::vocabulary::{
    TASK_DONE, TASK_INITIAL_LABELING, TASK_INITIAL_REVIEW, TASK_REWORK,
};
use fauxport_model::{ProjectDetails, ProjectEntry, WorkflowHistoryEntry};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;

use super::enums::{workflow_action, workflow_status};
use super::ids::{cuid, uuid_like};
use super::json::extra;
use super::label::label;
use super::text::{email, hostile_short_string};
use super::time::timestamp;

/// A project entry: a name, zero to two labels, optional `project_details`.
pub fn project_entry() -> BoxedStrategy<ProjectEntry> {
    (
        hostile_short_string(),
        prop_oneof![1 => Just(Vec::new()), 2 => vec(label(), 1..3)],
        option::of(project_details()),
        extra(),
    )
        .prop_map(|(name, labels, project_details, extra)| ProjectEntry {
            name,
            labels,
            project_details,
            extra,
        })
        .boxed()
}

prop_compose! {
    /// `project_details`: priority mostly 1-5 and label counts mostly 1-3, sometimes any value of
    /// their types.
    pub fn project_details()(
        ontology_id in cuid(),
        task_id in uuid_like(),
        task_name in task_name(),
        batch_id in uuid_like(),
        batch_name in batch_name(),
        workflow_status in workflow_status(),
        priority in prop_oneof![4 => 1..=5u8, 1 => any::<u8>()],
        consensus_expected_label_count in prop_oneof![4 => 1..=3u32, 1 => any::<u32>()],
        workflow_history in vec(workflow_history_entry(), 0..4),
        selected_label_id in option::weighted(0.2, cuid()),
        extra in extra(),
    ) -> ProjectDetails {
        ProjectDetails {
            ontology_id,
            task_id,
            task_name,
            batch_id,
            batch_name,
            workflow_status,
            priority,
            consensus_expected_label_count,
            workflow_history,
            selected_label_id,
            extra,
        }
    }
}

prop_compose! {
    /// One `workflow_history` entry; `previous_task_*` are absent about one time in four, and the
    /// two need not be absent together.
    pub fn workflow_history_entry()(
        action in workflow_action(),
        created_at in timestamp(),
        created_by in email(),
        previous_task_name in option::weighted(0.75, task_name()),
        previous_task_id in option::weighted(0.75, uuid_like()),
        next_task_name in task_name(),
        next_task_id in uuid_like(),
    ) -> WorkflowHistoryEntry {
        WorkflowHistoryEntry {
            extra: Default::default(),
            action,
            created_at,
            created_by,
            previous_task_name,
            previous_task_id,
            next_task_name,
            next_task_id,
        }
    }
}

/// A task name: a default one (spec §11) or any short string.
fn task_name() -> BoxedStrategy<String> {
    prop_oneof![
        3 => select(&[TASK_INITIAL_LABELING, TASK_INITIAL_REVIEW, TASK_REWORK, TASK_DONE][..])
            .prop_map(str::to_owned),
        1 => hostile_short_string(),
    ]
    .boxed()
}

/// A batch name: `batch_<cuid>` as auto-created batches are named, or any short string.
fn batch_name() -> BoxedStrategy<String> {
    prop_oneof![
        1 => cuid().prop_map(|c| format!("batch_{}", c.0)),
        1 => hostile_short_string(),
    ]
    .boxed()
}
