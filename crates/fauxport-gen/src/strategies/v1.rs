//! The legacy Export v1 row (spec §18): one object per label, Title Case keys.
//!
//! A v1 classification may carry `answer`, `answers`, both or neither; nesting is bounded like the
//! v2 one ([`super::classification::MAX_DEPTH`]).

use fauxport_model::v1::{
    V1Answer, V1Classification, V1Feature, V1Label, V1Option, V1Review, V1Row,
};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

use super::classification::{DESIRED_SIZE, MAX_DEPTH};
use super::ids::{cuid, message_id};
use super::json::{extra, json_value};
use super::text::{email, hostile_short_string, hostile_string, url};
use super::time::v1_timestamp;

/// One v1 label row. Numbers are exact (see [`exact_f64`](super::json::exact_f64)): seconds in
/// eighths, agreements `-1` or in 1024ths of `0..=1`, whole open-issue counts.
pub fn v1_row() -> BoxedStrategy<V1Row> {
    let ids = (id(), id(), prop_oneof![url(), hostile_string()]);
    let who = (
        email(),
        hostile_short_string(),
        v1_timestamp(),
        v1_timestamp(),
    );
    let numbers = (
        (0..(1u64 << 32)).prop_map(|k| k as f64 / 8.0),
        agreement(),
        agreement(),
        (0..16u32).prop_map(f64::from),
    );
    let optional = (
        option::weighted(0.5, hostile_short_string()),
        option::weighted(0.5, hostile_short_string()),
        option::weighted(0.2, id()),
    );
    let rest = (
        hostile_short_string(),
        vec(v1_review(), 0..3),
        url(),
        any::<bool>(),
        extra(),
    );
    (ids, v1_label(), who, numbers, optional, rest)
        .prop_map(
            |(
                (id, data_row_id, labeled_data),
                label,
                (created_by, project_name, created_at, updated_at),
                (seconds_to_label, agreement, benchmark_agreement, has_open_issues),
                (external_id, global_key, benchmark_id),
                (dataset_name, reviews, view_label, skipped, extra),
            )| V1Row {
                id,
                data_row_id,
                labeled_data,
                label,
                created_by,
                project_name,
                created_at,
                updated_at,
                seconds_to_label,
                external_id,
                global_key,
                agreement,
                benchmark_agreement,
                benchmark_id,
                dataset_name,
                reviews,
                view_label,
                has_open_issues,
                skipped,
                extra,
            },
        )
        .boxed()
}

/// v1 `Label`: classifications, and objects and relationships that are usually `[]`.
pub fn v1_label() -> BoxedStrategy<V1Label> {
    (
        prop_oneof![4 => Just(Vec::new()), 1 => vec(json_value(), 1..3)],
        vec(v1_classification(), 0..4),
        prop_oneof![4 => Just(Vec::new()), 1 => vec(json_value(), 1..3)],
    )
        .prop_map(|(objects, classifications, relationships)| V1Label {
            objects,
            classifications,
            relationships,
        })
        .boxed()
}

/// A v1 review: `score` mostly `1` or `-1`, sometimes any `i8`.
pub fn v1_review() -> BoxedStrategy<V1Review> {
    (
        prop_oneof![4 => prop_oneof![Just(1i8), Just(-1)], 1 => any::<i8>()],
        id(),
        v1_timestamp(),
        email(),
    )
        .prop_map(|(score, id, created_at, created_by)| V1Review {
            score,
            id,
            created_at,
            created_by,
        })
        .boxed()
}

/// A v1 classification, nested through options at most [`MAX_DEPTH`] levels.
pub fn v1_classification() -> BoxedStrategy<V1Classification> {
    v1_classification_with(Just(Vec::new()).boxed())
        .prop_recursive(MAX_DEPTH, DESIRED_SIZE, 3, |inner| {
            v1_classification_with(vec(inner, 0..3).boxed())
        })
        .boxed()
}

/// A v1 answer: a string (text) or an option (radio).
pub fn v1_answer() -> BoxedStrategy<V1Answer> {
    v1_answer_with(vec(v1_classification(), 0..2).boxed()).boxed()
}

/// A v1 option, nesting classifications.
pub fn v1_option() -> BoxedStrategy<V1Option> {
    v1_option_with(vec(v1_classification(), 0..2).boxed()).boxed()
}

/// A v1 classification whose options nest classifications drawn from `nested`.
fn v1_classification_with(
    nested: BoxedStrategy<Vec<V1Classification>>,
) -> BoxedStrategy<V1Classification> {
    let answers = (
        v1_answer_with(nested.clone()),
        vec(v1_option_with(nested), 0..3),
    );
    (
        v1_feature(),
        answers,
        0..4u8,
        option::weighted(0.2, message_id()),
    )
        .prop_map(|(feature, (answer, answers), which, message_id)| {
            // Mostly one of the two answer keys; sometimes both or neither.
            let (answer, answers) = match which {
                0 => (Some(answer), Some(answers)),
                1 => (None, None),
                2 => (None, Some(answers)),
                _ => (Some(answer), None),
            };
            V1Classification {
                feature,
                answer,
                answers,
                message_id,
            }
        })
        .boxed()
}

/// A text or radio answer whose option nests classifications drawn from `nested`.
fn v1_answer_with(nested: BoxedStrategy<Vec<V1Classification>>) -> BoxedStrategy<V1Answer> {
    prop_oneof![
        hostile_string().prop_map(V1Answer::Text),
        v1_option_with(nested).prop_map(V1Answer::Option),
    ]
    .boxed()
}

/// An option whose nested classifications come from `nested`.
fn v1_option_with(nested: BoxedStrategy<Vec<V1Classification>>) -> BoxedStrategy<V1Option> {
    (v1_feature(), nested)
        .prop_map(|(feature, classifications)| V1Option {
            feature,
            classifications,
        })
        .boxed()
}

/// The ids, title and value a v1 classification or option starts with.
fn v1_feature() -> impl Strategy<Value = V1Feature> {
    (id(), id(), hostile_short_string(), hostile_short_string()).prop_map(
        |(feature_id, schema_id, title, value)| V1Feature {
            feature_id,
            schema_id,
            title,
            value,
        },
    )
}

/// A v1 id field: a cuid string (v1 types hold ids as plain strings).
fn id() -> BoxedStrategy<String> {
    cuid().prop_map(|c| c.0).boxed()
}

/// `Agreement` / `Benchmark Agreement`: `-1` when none, else a fraction in `0..=1`.
fn agreement() -> BoxedStrategy<f64> {
    prop_oneof![1 => Just(-1.0), 2 => (0..=1024u32).prop_map(|k| f64::from(k) / 1024.0)].boxed()
}
