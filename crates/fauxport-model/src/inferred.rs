//! Every inferred choice about the real Labelbox format, in one place so it can be corrected.
//!
//! Each item says what evidence it rests on (spec `export-format.md`, tags [I] and [U]). Confirmed
//! vocabulary lives in [`crate::vocabulary`]. A correction here changes the generator, the schema
//! and the validator together.

/// Mime type of "Humans generate prompts" rows. Inferred from the prompt-response pattern (§4);
/// the row data string is confirmed, the `media_attributes` value is not.
pub const PROMPT_CREATION_MIME: &str = "application/llm.prompt-creation";

/// Mime type of response-creation rows (text data rows holding the prompt). Inferred: text rows
/// are `text/plain`; no `application/llm.response-creation` mime type was found anywhere (§4).
pub const RESPONSE_CREATION_MIME: &str = "text/plain";

/// Mime type of multimodal-chat rows. Inferred: the same string as the row data `type` (§4).
pub const MULTIMODAL_CHAT_MIME: &str =
    "application/vnd.labelbox.conversational.model-chat-evaluation";

/// Workflow statuses whose spelling is inferred from the filter values (§11.1): `TO_LABEL`,
/// `IN_REWORK`. (`IN_REVIEW` and `DONE` are confirmed.) The enum itself is
/// [`crate::WorkflowStatus`].
pub const INFERRED_WORKFLOW_STATUSES: [&str; 2] = ["TO_LABEL", "IN_REWORK"];

/// Shape of an enum metadata value: an array of option objects (§6, from Labelbox's own labelbase
/// flattener). A bare option-id string is also accepted by [`crate::MetadataField`] (it is any JSON).
pub const METADATA_ENUM_VALUE_IS_ARRAY_OF_OPTIONS: bool = true;

/// Format of a datetime metadata value: ISO 8601 UTC with milliseconds and `Z` (§6, exact form unknown).
pub const METADATA_DATETIME_SUFFIX: &str = "Z";

/// Keys of an errors-stream line (§17: unknown, placeholder). See [`crate::ErrorLine`].
pub const ERROR_LINE_KEYS: [&str; 3] = ["data_row_id", "project_id", "error"];

/// Messages fauxport writes on errors-stream lines (§17 names these two causes).
pub const ERROR_LINE_MESSAGES: [&str; 2] = [
    "Unable to export data row: media type could not be determined",
    "Unable to export data row: unsupported annotation kind",
];

/// Whether the labels of a row reach the export before review (labels appear as soon as they are
/// submitted; §11.1 pairs `TO_LABEL` with partial consensus labels). Inferred.
pub const PARTIAL_CONSENSUS_LABELS_EXPORTED: bool = true;

/// `performance_details.consensus_score` is written only in consensus projects, in `0..=1` (§10.2).
pub const CONSENSUS_SCORE_RANGE: (f64, f64) = (0.0, 1.0);

/// The embedding every LLM row carries when the `embeddings` param is on, as (name, dimensions).
/// Spec §7 says LLM rows "normally carry none" [I], but a team that asks for embeddings wants
/// vectors to test against: one custom text embedding per row, close for rows on one topic.
/// Inferred.
pub const TEXT_EMBEDDING: (&str, u32) = ("Text embedding (custom, 16-d)", 16);

/// One `label_details.reviews[]` element (§9; no populated sample exists [U]): the v1 export's
/// `Reviews` entry `{score, id, createdAt, createdBy}` (1 approve, -1 reject) in v2's snake case.
/// Inferred.
pub fn review(score: i64, id: &str, created_at: &str, created_by: &str) -> serde_json::Value {
    serde_json::json!({
        "score": score,
        "id": id,
        "created_at": created_at,
        "created_by": created_by,
    })
}

/// The `allowedMediaType` a prompt/response project reports over GraphQL (protocol spec §2.1).
pub const LLM_PROJECT_MEDIA_TYPE: &str = "LLM";

/// Rows of a catalog export (`DataRow.export`, `dataset.export`) carry their project's entry
/// (name, labels) even when no project is asked for. Inferred: export-format.md §1 says catalog
/// rows have project keys "only when project details are requested"; no sample shows either.
pub const CATALOG_ROWS_CARRY_THEIR_PROJECT: bool = true;
