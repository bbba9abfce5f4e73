//! Labels: `projects.<id>.labels[]` with details, performance and annotations (spec §9-10).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Annotations, Cuid, Extra, Seconds, Timestamp};

open_enum! {
    /// `label_kind` (spec §9).
    pub enum LabelKind {
        /// LLM, image, text and conversational labels.
        Default => "Default",
        /// Video labels.
        Video => "Video",
    }
}

/// One label on a data row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Label {
    /// `Default` for LLM rows.
    pub label_kind: LabelKind,
    /// `1.0.0` in every sample.
    pub version: String,
    /// The label's cuid; its time is when the labeler opened the item.
    pub id: Cuid,
    /// Present only with the `label_details` param.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_details: Option<LabelDetails>,
    /// Present only with the `performance_details` param.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub performance_details: Option<PerformanceDetails>,
    /// The annotations.
    pub annotations: Annotations,
    /// Keys this version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `label_details` (spec §10).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LabelDetails {
    /// Submission time (second precision in samples).
    pub created_at: Timestamp,
    /// Last update (≥ `created_at`).
    pub updated_at: Timestamp,
    /// The labeler's e-mail.
    pub created_by: String,
    /// Millisecond-precision time of the last content change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_last_updated_at: Option<Timestamp>,
    /// Always `[]` in every sample; the element shape is unknown (spec §10), so any JSON.
    pub reviews: Vec<serde_json::Value>,
    /// Keys this version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `performance_details` (spec §10.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PerformanceDetails {
    /// Seconds the labeler spent in the editor.
    pub seconds_to_create: Seconds,
    /// Seconds reviewers spent after submission; `0` when not reviewed.
    pub seconds_to_review: Seconds,
    /// Whether the labeler skipped.
    pub skipped: bool,
    /// Consensus projects only. Inferred: present only there, range 0..1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consensus_score: Option<f64>,
    /// Benchmark labels only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benchmark_score: Option<f64>,
    /// Keys this version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}
