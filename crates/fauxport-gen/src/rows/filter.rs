//! Export filters: one matcher decides what the server exports, what `fauxport generate
//! --filters` writes and which rows of a replayed file pass, so they cannot disagree. Each kind
//! of row says what the filters look at ([`FilterFacts`]); [`matches`] applies the filters.

use fauxport_model::filters::Filter;
use fauxport_model::{ExportRow, WorkflowStatus};

use super::plan::RowPlan;
use crate::world::Project;

/// What the filters look at in a row. `None` (a field the row does not carry, such as dates
/// of a recorded row exported without `data_row_details`) never matches.
pub trait FilterFacts {
    /// `data_row.id`.
    fn data_row_id(&self) -> &str;
    /// `data_row.global_key`.
    fn global_key(&self) -> Option<&str>;
    /// The last activity, in Unix milliseconds.
    fn last_activity_ms(&self) -> Option<i64>;
    /// The creation times of its labels, in Unix milliseconds.
    fn label_times(&self) -> impl Iterator<Item = i64>;
    /// Its batch's id.
    fn batch_id(&self) -> Option<&str>;
    /// Its dataset's id.
    fn dataset_id(&self) -> Option<&str>;
    /// Its workflow status.
    fn workflow_status(&self) -> Option<&WorkflowStatus>;
}

/// Whether a row passes every filter (filters combine with AND).
pub fn matches(row: &impl FilterFacts, filters: &[Filter]) -> bool {
    filters.iter().all(|f| match f {
        Filter::LastActivityAt(range) => {
            row.last_activity_ms().is_some_and(|ms| range.contains(ms))
        }
        Filter::LabeledAt(range) => row.label_times().any(|ms| range.contains(ms)),
        Filter::DataRowIds(ids) => ids.contains(row.data_row_id()),
        Filter::GlobalKeys(keys) => row.global_key().is_some_and(|k| keys.contains(k)),
        Filter::BatchIds(ids) => row.batch_id().is_some_and(|id| ids.contains(id)),
        Filter::DatasetIds(ids) => row.dataset_id().is_some_and(|id| ids.contains(id)),
        Filter::WorkflowStatus(status) => row.workflow_status() == Some(status),
    })
}

/// A generated row: its plan and its project.
pub struct Planned<'a, 'p> {
    /// The row's project.
    pub project: &'a Project,
    /// The row's plan.
    pub plan: &'a RowPlan<'p>,
}

impl FilterFacts for Planned<'_, '_> {
    fn data_row_id(&self) -> &str {
        self.plan.id.as_str()
    }
    fn global_key(&self) -> Option<&str> {
        Some(&self.plan.global_key)
    }
    fn last_activity_ms(&self) -> Option<i64> {
        Some(self.plan.last_activity_ms)
    }
    fn label_times(&self) -> impl Iterator<Item = i64> {
        self.plan.labels.iter().map(|l| l.created_ms)
    }
    fn batch_id(&self) -> Option<&str> {
        Some(self.plan.batch.id.as_str())
    }
    fn dataset_id(&self) -> Option<&str> {
        Some(self.project.dataset.id.as_str())
    }
    fn workflow_status(&self) -> Option<&WorkflowStatus> {
        Some(&self.plan.status)
    }
}

/// A recorded (replayed) row: what its JSON carries, from its first project entry.
impl FilterFacts for ExportRow {
    fn data_row_id(&self) -> &str {
        self.data_row.id.as_str()
    }
    fn global_key(&self) -> Option<&str> {
        self.data_row.global_key.as_deref()
    }
    fn last_activity_ms(&self) -> Option<i64> {
        self.data_row
            .details
            .as_ref()?
            .last_activity_at
            .as_ref()?
            .millis()
    }
    fn label_times(&self) -> impl Iterator<Item = i64> {
        self.projects
            .values()
            .take(1)
            .flat_map(|e| &e.labels)
            .filter_map(|l| l.label_details.as_ref()?.created_at.millis())
    }
    fn batch_id(&self) -> Option<&str> {
        let entry = self.projects.values().next()?;
        Some(entry.project_details.as_ref()?.batch_id.as_str())
    }
    fn dataset_id(&self) -> Option<&str> {
        Some(self.data_row.details.as_ref()?.dataset_id.as_str())
    }
    fn workflow_status(&self) -> Option<&WorkflowStatus> {
        let entry = self.projects.values().next()?;
        Some(&entry.project_details.as_ref()?.workflow_status)
    }
}
