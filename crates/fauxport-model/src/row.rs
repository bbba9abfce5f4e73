//! The top-level Export v2 row and its `data_row`, media, attachment, metadata and embedding parts.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Cuid, Extra, ProjectEntry, Timestamp};

/// One NDJSON line of an Export v2 stream: one data row, its labels nested inside (spec §1-2).
///
/// Key order follows the samples: `data_row`, `media_attributes`, `attachments`,
/// `metadata_fields`, `embeddings`, `projects`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Labelbox Export v2 row (project export)")]
pub struct ExportRow {
    /// The data row itself.
    pub data_row: DataRow,
    /// Asset attributes computed at upload; always has `mime_type`.
    pub media_attributes: MediaAttributes,
    /// Present only with the `attachments` param; `[]` when on and there are none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
    /// Present only with the `metadata_fields` param; `[]` when on and there are none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata_fields: Option<Vec<MetadataField>>,
    /// Present only with the `embeddings` param.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embeddings: Option<Vec<Embedding>>,
    /// Project id to project entry; exactly one key in a project export.
    /// (The validator checks that each key is a cuid, with a clearer message than a schema could give.)
    pub projects: BTreeMap<String, ProjectEntry>,
    /// Keys this version does not know (e.g. a model-run export's `experiments`).
    #[serde(flatten)]
    pub extra: Extra,
}

/// `data_row` (spec §3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DataRow {
    /// The data row's cuid.
    pub id: Cuid,
    /// The user's key (≤ 200 chars); a cuid on auto-generated LLM rows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 200))]
    pub global_key: Option<String>,
    /// The user's external id, when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// The asset: a URL, raw text, or (generated LLM rows) a JSON string.
    pub row_data: String,
    /// Present only with the `data_row_details` param.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<DataRowDetails>,
    /// Keys this version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `data_row.details` (spec §3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DataRowDetails {
    /// The dataset's cuid.
    pub dataset_id: Cuid,
    /// The dataset's name.
    pub dataset_name: String,
    /// When the data row was created.
    pub created_at: Timestamp,
    /// When the data row was last updated (≥ `created_at`).
    pub updated_at: Timestamp,
    /// Last activity (labels, workflow, metadata); second precision in every sample.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_activity_at: Option<Timestamp>,
    /// E-mail of the uploader.
    pub created_by: String,
    /// Keys this version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `media_attributes` (spec §4): `mime_type` always, the rest per asset type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MediaAttributes {
    /// The asset type in conversational rows (`conversational`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asset_type: Option<String>,
    /// MIME type, e.g. `application/llm.prompt-response-creation`.
    pub mime_type: String,
    /// Conversational rows: the message ids that can be labelled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labelable_ids: Option<Vec<String>>,
    /// Conversational rows: the number of messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_count: Option<u64>,
    /// Image and video width in pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u64>,
    /// Image and video height in pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u64>,
    /// Any other attribute (`codec`, `frame_rate`, ...), kept verbatim.
    #[serde(flatten)]
    pub extra: Extra,
}

impl MediaAttributes {
    /// Attributes with only a MIME type.
    pub fn mime(mime_type: &str) -> MediaAttributes {
        MediaAttributes {
            asset_type: None,
            mime_type: mime_type.to_owned(),
            labelable_ids: None,
            message_count: None,
            width: None,
            height: None,
            extra: Extra::new(),
        }
    }
}

open_enum! {
    /// Attachment type (spec §5).
    pub enum AttachmentType {
        /// An image URL.
        Image => "IMAGE",
        /// A video URL.
        Video => "VIDEO",
        /// An audio URL.
        Audio => "AUDIO",
        /// Literal text.
        RawText => "RAW_TEXT",
        /// A URL to a text file.
        TextUrl => "TEXT_URL",
        /// A URL to an HTML page.
        Html => "HTML",
        /// An image overlay URL.
        ImageOverlay => "IMAGE_OVERLAY",
        /// A URL to a PDF.
        PdfUrl => "PDF_URL",
        /// Point-cloud editor camera image.
        CameraImage => "CAMERA_IMAGE",
    }
}

/// One attachment (spec §5). Inferred: the export uses the API object's `type`/`value`/`name`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Attachment {
    /// The attachment type.
    #[serde(rename = "type")]
    pub kind: AttachmentType,
    /// A URL, or the literal text for `RAW_TEXT`.
    pub value: String,
    /// The attachment's name, when it was given one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Never seen in a sample; kept optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Keys this version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One metadata field (spec §6). Inferred: `schema_id` name and the value shapes per kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MetadataField {
    /// The metadata schema field's cuid.
    pub schema_id: Cuid,
    /// The field's name (`tag`, `split`, `captureDateTime`, or custom).
    pub schema_name: String,
    /// String, number, date-time string, or for enums an array of `{schema_id, schema_name}`.
    pub value: serde_json::Value,
    /// Keys this version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One embedding (spec §7).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Embedding {
    /// The embedding's 25-character id.
    pub id: Cuid,
    /// Its name, e.g. `Image Embedding V2 (CLIP ViT-B/32)`.
    pub name: String,
    /// Its dimensionality.
    pub dimensions: u32,
    /// Whether it is a custom embedding.
    pub is_custom: bool,
    /// The vectors; one element in every sample.
    pub values: Vec<EmbeddingValue>,
}

/// One vector of an embedding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EmbeddingValue {
    /// The components.
    pub value: Vec<f64>,
}
