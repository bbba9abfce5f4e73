//! Export filters applied to row plans: the same code decides what the server exports and what
//! `fauxport generate --filters` writes, so the two cannot disagree.

use fauxport_model::filters::Filter;

use super::plan::RowPlan;
use crate::world::Project;

/// Whether a planned row passes every filter (filters combine with AND).
pub fn matches(project: &Project, plan: &RowPlan<'_>, filters: &[Filter]) -> bool {
    filters.iter().all(|f| match f {
        Filter::LastActivityAt(range) => range.contains(plan.last_activity_ms),
        Filter::LabeledAt(range) => plan.labels.iter().any(|l| range.contains(l.created_ms)),
        Filter::DataRowIds(ids) => ids.contains(plan.id.as_str()),
        Filter::GlobalKeys(keys) => keys.contains(&plan.global_key),
        Filter::BatchIds(ids) => ids.contains(plan.batch.id.as_str()),
        Filter::DatasetIds(ids) => ids.contains(project.dataset.id.as_str()),
        Filter::WorkflowStatus(status) => &plan.status == status,
    })
}
