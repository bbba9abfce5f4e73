//! The `projects` map entry and `project_details` with the workflow (spec §8, §11).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Cuid, Extra, Label, Timestamp, UuidLike};

/// `projects.<project id>` (spec §8).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ProjectEntry {
    /// The project's name.
    pub name: String,
    /// Labels on this row in this project; `[]` when unlabelled.
    pub labels: Vec<Label>,
    /// Present only with the `project_details` param.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_details: Option<ProjectDetails>,
    /// Keys this version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

open_enum! {
    /// `workflow_status` (spec §11.1). Inferred: `TO_LABEL` and `IN_REWORK` spellings.
    pub enum WorkflowStatus {
        /// Fewer labels than required.
        ToLabel => "TO_LABEL",
        /// Labelled, in a review task.
        InReview => "IN_REVIEW",
        /// Rejected into a rework task.
        InRework => "IN_REWORK",
        /// Through every step.
        Done => "DONE",
    }
}

impl WorkflowStatus {
    /// The statuses a `task_queue_status` filter can name, in the SDK's order.
    pub const FILTERABLE: [WorkflowStatus; 4] = [
        WorkflowStatus::ToLabel,
        WorkflowStatus::InReview,
        WorkflowStatus::InRework,
        WorkflowStatus::Done,
    ];

    /// The spelling the SDK's `workflow_status` filter uses (`ToLabel`, `InReview`, ...).
    pub fn filter_spelling(&self) -> Option<&'static str> {
        match self {
            WorkflowStatus::ToLabel => Some("ToLabel"),
            WorkflowStatus::InReview => Some("InReview"),
            WorkflowStatus::InRework => Some("InRework"),
            WorkflowStatus::Done => Some("Done"),
            WorkflowStatus::Other(_) => None,
        }
    }
}

open_enum! {
    /// `workflow_history[].action` (spec §11.2): only `Move` has been seen.
    pub enum WorkflowAction {
        /// The row moved from one task to another.
        Move => "Move",
    }
}

/// `project_details` (spec §11).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ProjectDetails {
    /// The ontology's cuid.
    pub ontology_id: Cuid,
    /// The workflow task the row is in now.
    pub task_id: UuidLike,
    /// That task's name.
    pub task_name: String,
    /// The batch's id (UUID-shaped in real exports).
    pub batch_id: UuidLike,
    /// The batch's name; `batch_<project id>` for auto-created LLM batches.
    pub batch_name: String,
    /// Where the row is in the workflow.
    pub workflow_status: WorkflowStatus,
    /// Batch priority, 1 (highest) to 5.
    #[schemars(range(min = 1, max = 5))]
    pub priority: u8,
    /// Labels required for consensus; not tied to `labels.len()`.
    #[schemars(range(min = 1))]
    pub consensus_expected_label_count: u32,
    /// Moves, newest first.
    pub workflow_history: Vec<WorkflowHistoryEntry>,
    /// Unknown whether it exists (spec §11): the chosen consensus label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected_label_id: Option<Cuid>,
    /// Keys this version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One `workflow_history` entry (spec §11.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct WorkflowHistoryEntry {
    /// `Move`.
    pub action: WorkflowAction,
    /// When (millisecond precision).
    pub created_at: Timestamp,
    /// Who caused the move.
    pub created_by: String,
    /// Absent on the first move into the workflow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_task_name: Option<String>,
    /// Absent on the first move into the workflow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_task_id: Option<UuidLike>,
    /// The task moved into.
    pub next_task_name: String,
    /// The task moved into.
    pub next_task_id: UuidLike,
    /// Keys this version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}
