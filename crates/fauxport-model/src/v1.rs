//! The legacy Export v1 row: one object per label, Title Case keys (spec §18).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Extra;

/// One v1 label row (`project.export_labels()`, removed from the SDK in 5.0).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Labelbox Export v1 label row (legacy)")]
pub struct V1Row {
    /// The label id.
    #[serde(rename = "ID")]
    pub id: String,
    /// The data row id.
    #[serde(rename = "DataRow ID")]
    pub data_row_id: String,
    /// The asset URL or row data.
    #[serde(rename = "Labeled Data")]
    pub labeled_data: String,
    /// The annotations.
    #[serde(rename = "Label")]
    pub label: V1Label,
    /// The labeler's e-mail.
    #[serde(rename = "Created By")]
    pub created_by: String,
    /// The project's name.
    #[serde(rename = "Project Name")]
    pub project_name: String,
    /// `...Z` timestamp.
    #[serde(rename = "Created At")]
    pub created_at: String,
    /// `...Z` timestamp.
    #[serde(rename = "Updated At")]
    pub updated_at: String,
    /// Seconds, review time included.
    #[serde(rename = "Seconds to Label")]
    pub seconds_to_label: f64,
    /// The external id, or `null`.
    #[serde(rename = "External ID")]
    pub external_id: Option<String>,
    /// The global key (newer files).
    #[serde(
        rename = "Global Key",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub global_key: Option<String>,
    /// Consensus agreement; `-1` when none.
    #[serde(rename = "Agreement")]
    pub agreement: f64,
    /// Benchmark agreement; `-1` when none.
    #[serde(rename = "Benchmark Agreement")]
    pub benchmark_agreement: f64,
    /// The benchmark id, or `null`.
    #[serde(rename = "Benchmark ID")]
    pub benchmark_id: Option<String>,
    /// The dataset's name.
    #[serde(rename = "Dataset Name")]
    pub dataset_name: String,
    /// Reviews: `{score: 1|-1, id, createdAt, createdBy}`.
    #[serde(rename = "Reviews")]
    pub reviews: Vec<V1Review>,
    /// Editor URL.
    #[serde(rename = "View Label")]
    pub view_label: String,
    /// Number of open issues.
    #[serde(rename = "Has Open Issues")]
    pub has_open_issues: f64,
    /// Whether the labeler skipped.
    #[serde(rename = "Skipped")]
    pub skipped: bool,
    /// Other keys (`DataRow Metadata`, `Media Attributes`, `Data Split`), kept verbatim.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A v1 review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct V1Review {
    /// `1` approve, `-1` reject.
    pub score: i8,
    /// The review id.
    pub id: String,
    /// `...Z` timestamp.
    #[serde(rename = "createdAt")]
    pub created_at: String,
    /// The reviewer's e-mail.
    #[serde(rename = "createdBy")]
    pub created_by: String,
}

/// v1 `Label`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct V1Label {
    /// Objects (`[]` for LLM data).
    pub objects: Vec<serde_json::Value>,
    /// Classifications.
    pub classifications: Vec<V1Classification>,
    /// Relationships (`[]`).
    pub relationships: Vec<serde_json::Value>,
}

/// What a v1 classification and a v1 option both start with: the instance's ids, its title
/// (the question, or the option's label) and its value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct V1Feature {
    /// Instance id.
    #[serde(rename = "featureId")]
    pub feature_id: String,
    /// Ontology id.
    #[serde(rename = "schemaId")]
    pub schema_id: String,
    /// The question, or the option's label.
    pub title: String,
    /// The question's or the option's value.
    pub value: String,
}

/// A v1 classification: `answer` is a string (text) or an option (radio); `answers` for checklists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct V1Classification {
    /// Its ids, title and value (`featureId`, `schemaId`, `title`, `value`).
    #[serde(flatten)]
    pub feature: V1Feature,
    /// Text or radio answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<V1Answer>,
    /// Checklist answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answers: Option<Vec<V1Option>>,
    /// Message scope, for conversational data.
    #[serde(rename = "messageId", default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
}

/// A v1 answer: a string for text questions, an option for radio questions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum V1Answer {
    /// A text answer.
    Text(String),
    /// A radio answer.
    Option(V1Option),
}

/// A v1 option.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct V1Option {
    /// Its ids, title and value (`featureId`, `schemaId`, `title`, `value`).
    #[serde(flatten)]
    pub feature: V1Feature,
    /// Nested questions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub classifications: Vec<V1Classification>,
}
