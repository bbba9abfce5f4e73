//! Workflow rules (spec §11.1, §11.2): `workflow_status` agrees with the labels, and
//! `workflow_history` is newest first, one continuous chain, ending in the current task.

use fauxport_model::{ProjectDetails, ProjectEntry, WorkflowHistoryEntry, WorkflowStatus};

use super::report::{Code, render};
use super::row_check::{Activity, RowCheck, note_activity};

/// The fields that name the task a workflow move came from: each must equal the older entry's
/// [`next_task`] field of the same place.
const PREVIOUS: [&str; 2] = ["previous_task_id", "previous_task_name"];

/// The task a workflow move went to, id then name, each with its field's name.
fn next_task(entry: &WorkflowHistoryEntry) -> [(&'static str, &str); 2] {
    [
        ("next_task_id", entry.next_task_id.as_str()),
        ("next_task_name", entry.next_task_name.as_str()),
    ]
}

impl RowCheck<'_> {
    /// `workflow_status` against the labels, and `workflow_history`: newest first, one chain, ending
    /// in the current task.
    pub(super) fn project_details<'r>(
        &mut self,
        entry: &ProjectEntry,
        details: &'r ProjectDetails,
        base: &str,
        latest: &mut Option<Activity<'r>>,
    ) {
        let status = &details.workflow_status;
        let needs_label = matches!(
            status,
            WorkflowStatus::InReview | WorkflowStatus::InRework | WorkflowStatus::Done
        );
        if needs_label && entry.labels.is_empty() {
            let finding = self
                .finding(
                    format!("{base}/project_details/workflow_status"),
                    Code::WorkflowStatus,
                    format!("`workflow_status` is {status} but `labels` is empty"),
                )
                .expected("at least one label")
                .found("labels: []");
            self.push(finding);
        }
        let history = &details.workflow_history;
        let hp = format!("{base}/project_details/workflow_history");
        let times: Vec<Option<i64>> = history
            .iter()
            .enumerate()
            .map(|(k, e)| self.millis(&e.created_at, || format!("{hp}/{k}/created_at")))
            .collect();
        for (k, entry) in history.iter().enumerate() {
            note_activity(latest, times[k], &entry.created_at, || {
                format!("{hp}/{k}/created_at")
            });
        }
        for k in 1..history.len() {
            if let (Some(newer), Some(older)) = (times[k - 1], times[k])
                && older >= newer
            {
                let finding = self
                        .finding(
                            format!("{hp}/{k}/created_at"),
                            Code::WorkflowOrder,
                            format!("`created_at` of workflow_history entry {k} is not before entry {}'s: history must be newest first", k - 1),
                        )
                        .expected(format!("before {}", history[k - 1].created_at.as_str()))
                        .found(history[k].created_at.as_str());
                self.push(finding);
            }
        }
        for k in 1..history.len() {
            let (newer, older) = (&history[k - 1], &history[k]);
            let previous = [
                newer.previous_task_id.as_ref().map(|t| t.as_str()),
                newer.previous_task_name.as_deref(),
            ];
            let links = PREVIOUS.into_iter().zip(previous);
            for ((key, have), (older_key, want)) in links.zip(next_task(older)) {
                let (pointer, message, found) = match have {
                    None => (
                        format!("{hp}/{}", k - 1),
                        format!(
                            "missing `{key}`: only the oldest (last) workflow_history entry may lack it"
                        ),
                        "absent".to_owned(),
                    ),
                    Some(have) if have != want => (
                        format!("{hp}/{}/{key}", k - 1),
                        format!(
                            "`{key}` breaks the workflow chain: it must equal `{older_key}` of the older entry {k}"
                        ),
                        render(have),
                    ),
                    Some(_) => continue,
                };
                let finding = self
                    .finding(pointer, Code::WorkflowChain, message)
                    .expected(render(want))
                    .found(found);
                self.push(finding);
            }
        }
        if let Some(newest) = history.first() {
            let current = [
                ("task_id", details.task_id.as_str()),
                ("task_name", details.task_name.as_str()),
            ];
            for ((key, have), (current_key, want)) in next_task(newest).into_iter().zip(current) {
                if have != want {
                    let finding = self
                        .finding(
                            format!("{hp}/0/{key}"),
                            Code::WorkflowChain,
                            format!("`{key}` of the newest workflow move is not the current `project_details.{current_key}`"),
                        )
                        .expected(render(want))
                        .found_value(have);
                    self.push(finding);
                }
            }
        }
    }
}
