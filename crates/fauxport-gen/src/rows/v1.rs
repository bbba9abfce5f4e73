//! The legacy v1 view of a row: one object per label (spec §18).

use fauxport_model::v1::{V1Answer, V1Classification, V1Feature, V1Label, V1Option, V1Row};
use fauxport_model::{Answer, Classification, ExportRow, Extra, OptionAnswer};

use super::plan::RowPlan;
use crate::world::Project;

/// The v1 rows of a rendered row (label details are taken from the plan, not the params).
pub(crate) fn labels(project: &Project, plan: &RowPlan<'_>, row: &ExportRow) -> Vec<V1Row> {
    let Some(entry) = row.projects.get(project.id.as_str()) else {
        return Vec::new();
    };
    entry
        .labels
        .iter()
        .zip(&plan.labels)
        .map(|(label, lp)| V1Row {
            id: label.id.0.clone(),
            data_row_id: plan.id.0.clone(),
            labeled_data: row.data_row.row_data.clone(),
            label: V1Label {
                objects: Vec::new(),
                classifications: label
                    .annotations
                    .classifications
                    .iter()
                    .map(classification)
                    .collect(),
                relationships: Vec::new(),
            },
            created_by: lp.labeler.to_owned(),
            project_name: project.name.clone(),
            created_at: v1_time(lp.created_ms),
            updated_at: v1_time(lp.updated_ms),
            seconds_to_label: lp.seconds_to_create + lp.seconds_to_review,
            external_id: plan.external_id.clone(),
            global_key: Some(plan.global_key.clone()),
            agreement: lp.consensus_score.unwrap_or(-1.0),
            benchmark_agreement: -1.0,
            benchmark_id: None,
            dataset_name: project.dataset.name.clone(),
            reviews: Vec::new(),
            view_label: format!(
                "https://editor.labelbox.com?project={}&label={}",
                project.id.as_str(),
                label.id.as_str()
            ),
            has_open_issues: 0.0,
            skipped: lp.skipped,
            extra: Extra::new(),
        })
        .collect()
}

/// v1 timestamps end in `Z`: `2021-07-15T22:57:30.000Z`.
fn v1_time(ms: i64) -> String {
    let mut s = fauxport_model::Timestamp::from_millis(ms).0;
    s.truncate(23);
    s.push('Z');
    s
}

fn classification(c: &Classification) -> V1Classification {
    let (answer, answers) = match &c.answer {
        Answer::Text(t) | Answer::ConversationalText(t) => {
            (Some(V1Answer::Text(t.content.clone())), None)
        }
        Answer::Radio(o) | Answer::ConversationalRadio(o) => {
            (Some(V1Answer::Option(option(o))), None)
        }
        Answer::Checklist(v) | Answer::ConversationalChecklist(v) => {
            (None, Some(v.iter().map(option).collect()))
        }
    };
    V1Classification {
        feature: V1Feature {
            feature_id: c.feature_id.0.clone(),
            schema_id: c.feature_schema_id.0.clone(),
            title: c.name.clone(),
            value: c.value.clone().unwrap_or_default(),
        },
        answer,
        answers,
        message_id: c.message_id.clone(),
    }
}

fn option(o: &OptionAnswer) -> V1Option {
    V1Option {
        feature: V1Feature {
            feature_id: o.feature_id.0.clone(),
            schema_id: o
                .feature_schema_id
                .as_ref()
                .map(|s| s.0.clone())
                .unwrap_or_default(),
            title: o.name.clone(),
            value: o.value.clone().unwrap_or_default(),
        },
        classifications: o.classifications.iter().map(classification).collect(),
    }
}
