//! Labels (spec §9-§10, §12): details, performance, annotations and multimodal-chat objects.
//!
//! `skipped` labels may carry annotations and `updated_at` may precede `created_at`: no invariant
//! holds here.

use fauxport_model::annotations::MessageRef;
use fauxport_model::vocabulary::LABEL_VERSION;
use fauxport_model::{
    AnnotationObject, Annotations, Label, LabelDetails, PerformanceDetails, RankedMessage,
    RankedMessages, Seconds, SelectedMessage, SelectedMessages,
};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Value, json};

use super::classification::classification;
use super::enums::label_kind;
use super::ids::{cuid, message_id};
use super::json::{extra, json_value};
use super::text::{email, hostile_short_string};
use super::time::timestamp;

/// A label with optional details and performance, and any annotations.
pub fn label() -> BoxedStrategy<Label> {
    (
        label_kind(),
        prop_oneof![9 => Just(LABEL_VERSION.to_owned()), 1 => hostile_short_string()],
        cuid(),
        option::of(label_details()),
        option::of(performance_details()),
        annotations(),
        extra(),
    )
        .prop_map(
            |(label_kind, version, id, label_details, performance_details, annotations, extra)| {
                Label {
                    label_kind,
                    version,
                    id,
                    label_details,
                    performance_details,
                    annotations,
                    extra,
                }
            },
        )
        .boxed()
}

/// `label_details`: any timestamps in any order, `reviews` usually `[]`.
pub fn label_details() -> BoxedStrategy<LabelDetails> {
    (
        timestamp(),
        timestamp(),
        email(),
        option::weighted(0.8, timestamp()),
        prop_oneof![4 => Just(Vec::new()), 1 => vec(json_value(), 1..3)],
    )
        .prop_map(
            |(created_at, updated_at, created_by, content_last_updated_at, reviews)| LabelDetails {
                extra: Default::default(),
                created_at,
                updated_at,
                created_by,
                content_last_updated_at,
                reviews,
            },
        )
        .boxed()
}

/// `performance_details`: [`seconds`] for both durations, scores in `0..=1` when present.
pub fn performance_details() -> BoxedStrategy<PerformanceDetails> {
    (
        seconds(),
        seconds(),
        any::<bool>(),
        option::weighted(0.3, score()),
        option::weighted(0.2, score()),
    )
        .prop_map(
            |(seconds_to_create, seconds_to_review, skipped, consensus_score, benchmark_score)| {
                PerformanceDetails {
                    extra: Default::default(),
                    seconds_to_create,
                    seconds_to_review,
                    skipped,
                    consensus_score,
                    benchmark_score,
                }
            },
        )
        .boxed()
}

/// A finite, non-negative number of seconds: whole (written without a fraction) or fractional.
///
/// Fractions are eighths or tenths, which read back exactly (see
/// [`exact_f64`](super::json::exact_f64)). The boundaries of [`Seconds`]'s integer form are
/// included: `2^53 - 1` is the largest value written as an integer, `2^53` the first written as a
/// float.
pub fn seconds() -> BoxedStrategy<Seconds> {
    prop_oneof![
        4 => (0..3_600u32).prop_map(f64::from),
        2 => (0..(1u64 << 40)).prop_map(|k| k as f64 / 8.0),
        2 => (0..100_000_000u32).prop_map(|t| f64::from(t) / 10.0),
        1 => (0..(1u64 << 53)).prop_map(|n| n as f64),
        1 => select(&[0.0, 9_007_199_254_740_991.0, 9_007_199_254_740_992.0, 1e16][..]),
    ]
    .prop_map(Seconds)
    .boxed()
}

/// `annotations`: objects, classifications, relationships (usually `[]`), and sometimes the
/// containers of other media in `extra`.
pub fn annotations() -> BoxedStrategy<Annotations> {
    (
        prop_oneof![3 => Just(Vec::new()), 1 => vec(annotation_object(), 1..3)],
        vec(classification(), 0..4),
        prop_oneof![4 => Just(Vec::new()), 1 => vec(json_value(), 1..3)],
        prop_oneof![4 => extra(), 1 => Just(video_containers())],
    )
        .prop_map(
            |(objects, classifications, relationships, extra)| Annotations {
                objects,
                classifications,
                relationships,
                extra,
            },
        )
        .boxed()
}

/// An annotation object: a multimodal-chat selection or ranking, or any other kind, with any
/// combination of payloads.
pub fn annotation_object() -> BoxedStrategy<AnnotationObject> {
    (
        (
            cuid(),
            cuid(),
            hostile_short_string(),
            option::weighted(0.7, hostile_short_string()),
        ),
        prop_oneof![
            3 => select(OBJECT_KINDS).prop_map(str::to_owned),
            1 => hostile_short_string(),
        ],
        (
            option::weighted(0.4, selected_message()),
            option::weighted(0.3, selected_messages()),
            option::weighted(0.3, ranked_messages()),
        ),
        vec(classification(), 0..2),
        prop_oneof![3 => extra(), 1 => message_id().prop_map(conversational_location)],
    )
        .prop_map(
            |(
                (feature_id, feature_schema_id, name, value),
                annotation_kind,
                (selected_message, selected_messages, ranked_messages),
                classifications,
                extra,
            )| AnnotationObject {
                feature_id,
                feature_schema_id,
                name,
                value,
                annotation_kind,
                selected_message,
                selected_messages,
                ranked_messages,
                classifications,
                extra,
            },
        )
        .boxed()
}

/// `selected_message` (`MessageSingleSelection`).
pub fn selected_message() -> BoxedStrategy<SelectedMessage> {
    (message_id(), hostile_short_string(), message_id())
        .prop_map(
            |(message_id, model_config_name, parent_message_id)| SelectedMessage {
                message_id,
                model_config_name,
                parent_message_id,
            },
        )
        .boxed()
}

/// `selected_messages` (`MessageMultiSelection`).
pub fn selected_messages() -> BoxedStrategy<SelectedMessages> {
    (vec(message_ref(), 0..4), message_id())
        .prop_map(|(messages, parent_message_id)| SelectedMessages {
            messages,
            parent_message_id,
        })
        .boxed()
}

/// A model message reference inside `selected_messages`.
pub fn message_ref() -> BoxedStrategy<MessageRef> {
    (message_id(), hostile_short_string())
        .prop_map(|(message_id, model_config_name)| MessageRef {
            message_id,
            model_config_name,
        })
        .boxed()
}

/// `ranked_messages` (`MessageRanking`); `order` is any `u32`, not a permutation from 1.
pub fn ranked_messages() -> BoxedStrategy<RankedMessages> {
    let order = prop_oneof![4 => 1..8u32, 1 => any::<u32>()];
    (
        vec((message_id(), hostile_short_string(), order), 0..4),
        message_id(),
    )
        .prop_map(|(ranked, parent_message_id)| RankedMessages {
            ranked_messages: ranked
                .into_iter()
                .map(|(message_id, model_config_name, order)| RankedMessage {
                    message_id,
                    model_config_name,
                    order,
                })
                .collect(),
            parent_message_id,
        })
        .boxed()
}

/// `annotation_kind` values (spec §12.6-12.7).
const OBJECT_KINDS: &[&str] = &[
    "MessageSingleSelection",
    "MessageMultiSelection",
    "MessageRanking",
    "ConversationalTextEntity",
];

/// A score in `0..=1`, in 1024ths (exact in binary).
fn score() -> BoxedStrategy<f64> {
    (0..=1024u32).prop_map(|k| f64::from(k) / 1024.0).boxed()
}

/// The `extra` of a conversational entity: `conversational_location` (spec §12.6), a key the
/// model does not name, so it lands in `extra` and round-trips.
fn conversational_location(message_id: String) -> fauxport_model::Extra {
    let location = json!({ "message_id": message_id, "location": { "start": 0, "end": 12 } });
    [("conversational_location".to_owned(), location)]
        .into_iter()
        .collect()
}

/// The `extra` of a video label's annotations (spec §12.1): keys the model does not name.
fn video_containers() -> fauxport_model::Extra {
    [
        (
            "frames".to_owned(),
            json!({ "1": { "objects": {}, "classifications": [] } }),
        ),
        ("segments".to_owned(), json!({})),
        (
            "key_frame_feature_map".to_owned(),
            Value::Object(serde_json::Map::new()),
        ),
    ]
    .into_iter()
    .collect()
}
