//! The top-level Export v2 row and its `data_row`, media, attachment, metadata and embedding parts
//! (spec §2-§7).
//!
//! `projects` has one key most of the time, as in a project export, but zero or several keys also
//! occur: the type allows them (catalog exports), so readers must too.

use std::collections::BTreeMap;

use fauxport_model::inferred::{
    MULTIMODAL_CHAT_MIME, PROMPT_CREATION_MIME, RESPONSE_CREATION_MIME,
};
use fauxport_model::vocabulary::{
    CONVERSATIONAL_MIME, METADATA_CAPTURE_DATETIME, METADATA_SPLIT, METADATA_SPLIT_OPTIONS,
    METADATA_TAG, PROMPT_CREATION_ROW_DATA, PROMPT_RESPONSE_CREATION_MIME,
    PROMPT_RESPONSE_CREATION_ROW_DATA,
};
use fauxport_model::{
    Attachment, Cuid, DataRow, DataRowDetails, Embedding, EmbeddingValue, ExportRow, Extra,
    MediaAttributes, MetadataField, ProjectEntry,
};
use proptest::collection::{btree_map, vec};
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Value, json};

use super::enums::attachment_type;
use super::ids::{cuid, message_id};
use super::json::{exact_f64, extra, json_number, json_value};
use super::project::project_entry;
use super::text::{email, hostile_short_string, hostile_string, url};
use super::time::{rfc3339_timestamp, timestamp, v1_timestamp};

prop_compose! {
    /// One Export v2 row: every optional part present or absent independently.
    pub fn export_row()(
        data_row in data_row(),
        media_attributes in media_attributes(),
        attachments in option::of(vec(attachment(), 0..3)),
        metadata_fields in option::of(vec(metadata_field(), 0..4)),
        embeddings in option::of(prop_oneof![3 => Just(Vec::new()), 1 => vec(embedding(), 1..3)]),
        projects in projects(),
        extra in extra(),
    ) -> ExportRow {
        ExportRow {
            data_row,
            media_attributes,
            attachments,
            metadata_fields,
            embeddings,
            projects,
            extra,
        }
    }
}

/// `projects`: one key most of the time, as in a project export; none or several sometimes.
fn projects() -> impl Strategy<Value = BTreeMap<String, ProjectEntry>> {
    prop_oneof![
        8 => (project_key(), project_entry()).prop_map(|(k, v)| [(k, v)].into_iter().collect()),
        1 => Just(Default::default()),
        1 => btree_map(project_key(), project_entry(), 2..4),
    ]
}

/// `data_row`: `row_data` is a generated-row JSON string, a URL, or hostile (sometimes very long)
/// text; `global_key` is a cuid or at most 200 characters of anything.
pub fn data_row() -> BoxedStrategy<DataRow> {
    let row_data = prop_oneof![
        2 => select(&[PROMPT_RESPONSE_CREATION_ROW_DATA, PROMPT_CREATION_ROW_DATA][..])
            .prop_map(str::to_owned),
        1 => url(),
        3 => hostile_string(),
    ];
    let global_key = prop_oneof![
        1 => cuid().prop_map(|c| c.0),
        1 => hostile_short_string(),
    ];
    (
        cuid(),
        option::weighted(0.8, global_key),
        option::weighted(0.3, hostile_short_string()),
        row_data,
        option::of(data_row_details()),
        extra(),
    )
        .prop_map(
            |(id, global_key, external_id, row_data, details, extra)| DataRow {
                id,
                global_key,
                external_id,
                row_data,
                details,
                extra,
            },
        )
        .boxed()
}

prop_compose! {
    /// `data_row.details`: any timestamps in any order.
    pub fn data_row_details()(
        dataset_id in cuid(),
        dataset_name in hostile_short_string(),
        created_at in timestamp(),
        updated_at in timestamp(),
        last_activity_at in option::weighted(0.8, timestamp()),
        created_by in email(),
        extra in extra(),
    ) -> DataRowDetails {
        DataRowDetails {
            dataset_id,
            dataset_name,
            created_at,
            updated_at,
            last_activity_at,
            created_by,
            extra,
        }
    }
}

/// `media_attributes`: a known MIME type or any string, with or without the conversational and
/// image keys, and sometimes video keys (`codec`, `frame_rate`, ...) in `extra`.
pub fn media_attributes() -> BoxedStrategy<MediaAttributes> {
    let mime = prop_oneof![
        4 => select(MIMES).prop_map(str::to_owned),
        1 => hostile_short_string(),
    ];
    let extra = prop_oneof![
        4 => extra(),
        1 => (exact_f64(), 0..100_000u32).prop_map(|(duration, frames)| video_attributes(duration, frames)),
    ];
    (
        option::weighted(
            0.2,
            prop_oneof![Just("conversational".to_owned()), hostile_short_string()],
        ),
        mime,
        option::weighted(0.2, vec(message_id(), 0..4)),
        option::weighted(0.2, any::<u64>()),
        option::weighted(0.2, any::<u64>()),
        option::weighted(0.2, any::<u64>()),
        extra,
    )
        .prop_map(
            |(asset_type, mime_type, labelable_ids, message_count, width, height, extra)| {
                MediaAttributes {
                    asset_type,
                    mime_type,
                    labelable_ids,
                    message_count,
                    width,
                    height,
                    extra,
                }
            },
        )
        .boxed()
}

/// One attachment: any type, a URL or hostile text as its value.
pub fn attachment() -> BoxedStrategy<Attachment> {
    (
        attachment_type(),
        prop_oneof![url(), hostile_string()],
        option::weighted(0.5, hostile_short_string()),
        option::weighted(0.1, cuid().prop_map(|c| c.0)),
    )
        .prop_map(|(kind, value, name, id)| Attachment {
            extra: Default::default(),
            kind,
            value,
            name,
            id,
        })
        .boxed()
}

/// One metadata field: a reserved or custom schema, with a value of any of the four shapes.
pub fn metadata_field() -> BoxedStrategy<MetadataField> {
    let schema = prop_oneof![
        1 => select(&[METADATA_TAG, METADATA_SPLIT, METADATA_CAPTURE_DATETIME][..])
            .prop_map(|(name, id)| (Cuid::from(id), name.to_owned())),
        2 => (cuid(), hostile_short_string()),
    ];
    (schema, metadata_value())
        .prop_map(|((schema_id, schema_name), value)| MetadataField {
            extra: Default::default(),
            schema_id,
            schema_name,
            value,
        })
        .boxed()
}

/// A metadata value (spec §6): a string, a number, a date-time string (`...Z` or any RFC 3339
/// form), an enum array of `{schema_id, schema_name}` options, or rarely any JSON.
pub fn metadata_value() -> BoxedStrategy<Value> {
    let option = prop_oneof![
        1 => select(&METADATA_SPLIT_OPTIONS[..]).prop_map(|(name, id)| json!({ "schema_id": id, "schema_name": name })),
        1 => (cuid(), hostile_short_string()).prop_map(|(id, name)| json!({ "schema_id": id, "schema_name": name })),
    ];
    prop_oneof![
        3 => hostile_short_string().prop_map(Value::String),
        2 => json_number().prop_map(Value::Number),
        2 => prop_oneof![
            v1_timestamp(),
            rfc3339_timestamp().prop_map(|t| t.0),
        ]
        .prop_map(Value::String),
        2 => vec(option, 0..3).prop_map(Value::Array),
        1 => cuid().prop_map(|c| Value::String(c.0)),
        1 => json_value(),
    ]
    .boxed()
}

/// One embedding: any dimension count (not tied to the vectors), one vector most of the time.
pub fn embedding() -> BoxedStrategy<Embedding> {
    let dimensions = prop_oneof![4 => 1..=2048u32, 1 => any::<u32>()];
    let values = prop_oneof![
        4 => embedding_value().prop_map(|v| vec![v]),
        1 => vec(embedding_value(), 0..3),
    ];
    (
        cuid(),
        hostile_short_string(),
        dimensions,
        any::<bool>(),
        values,
    )
        .prop_map(|(id, name, dimensions, is_custom, values)| Embedding {
            id,
            name,
            dimensions,
            is_custom,
            values,
        })
        .boxed()
}

/// One embedding vector: up to 16 [`exact_f64`] components, of any magnitude and sign.
pub fn embedding_value() -> BoxedStrategy<EmbeddingValue> {
    vec(exact_f64(), 0..16)
        .prop_map(|value| EmbeddingValue { value })
        .boxed()
}

/// MIME types the spec names (§4).
const MIMES: &[&str] = &[
    PROMPT_RESPONSE_CREATION_MIME,
    PROMPT_CREATION_MIME,
    RESPONSE_CREATION_MIME,
    CONVERSATIONAL_MIME,
    MULTIMODAL_CHAT_MIME,
    "image/jpeg",
    "video/mp4",
    "application/json",
];

/// A project id key: a cuid most of the time, any short string otherwise.
fn project_key() -> BoxedStrategy<String> {
    prop_oneof![4 => cuid().prop_map(|c| c.0), 1 => hostile_short_string()].boxed()
}

/// Video keys the model does not name (spec §4), so they land in `extra` and round-trip.
fn video_attributes(duration: f64, frames: u32) -> Extra {
    let duration = serde_json::Number::from_f64(duration).map_or(Value::Null, Value::Number);
    [
        ("codec".to_owned(), json!("h264")),
        ("duration".to_owned(), duration),
        ("frame_rate".to_owned(), json!(29.97)),
        ("frame_count".to_owned(), json!(frames)),
    ]
    .into_iter()
    .collect()
}
