//! Classifications (spec §12.2-12.4): every answer kind, options with nested classifications.
//!
//! Nesting is bounded: [`classification`] recurses at most [`MAX_DEPTH`] levels through option
//! `classifications` and aims at about [`DESIRED_SIZE`] classifications per tree. The answer kind
//! is independent of `message_id` and of everything else: a `radio_answer` may carry a
//! `message_id`, a `conversational_text_answer` may lack one.

use fauxport_model::{Answer, Classification, OptionAnswer, TextAnswer};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;

use super::ids::{cuid, message_id};
use super::json::extra;
use super::text::{hostile_short_string, hostile_string};

/// Deepest nesting of classifications inside options.
pub const MAX_DEPTH: u32 = 3;
/// Classifications per tree that the recursion aims at.
pub const DESIRED_SIZE: u32 = 16;

/// A classification with any answer kind, options nested up to [`MAX_DEPTH`] levels.
///
/// Shrinks towards a text answer with no nesting.
pub fn classification() -> BoxedStrategy<Classification> {
    classification_with(Just(Vec::new()).boxed())
        .prop_recursive(MAX_DEPTH, DESIRED_SIZE, 3, |inner| {
            classification_with(vec(inner, 0..3).boxed())
        })
        .boxed()
}

/// An answer of any kind, its options nesting classifications.
pub fn answer() -> BoxedStrategy<Answer> {
    answer_with(vec(classification(), 0..2).boxed()).boxed()
}

/// An option object, nesting classifications.
pub fn option_answer() -> BoxedStrategy<OptionAnswer> {
    option_answer_with(vec(classification(), 0..2).boxed()).boxed()
}

/// `{"content": ...}` with hostile, sometimes very long, text.
pub fn text_answer() -> BoxedStrategy<TextAnswer> {
    hostile_string()
        .prop_map(|content| TextAnswer { content })
        .boxed()
}

/// A classification whose options nest classifications drawn from `nested`.
fn classification_with(
    nested: BoxedStrategy<Vec<Classification>>,
) -> BoxedStrategy<Classification> {
    (
        cuid(),
        cuid(),
        feature_name(),
        option::weighted(0.9, feature_value()),
        option::weighted(0.3, message_id()),
        answer_with(nested),
        extra(),
    )
        .prop_map(
            |(feature_id, feature_schema_id, name, value, message_id, answer, extra)| {
                Classification {
                    feature_id,
                    feature_schema_id,
                    name,
                    value,
                    message_id,
                    answer,
                    extra,
                }
            },
        )
        .boxed()
}

/// An answer of any of the six kinds.
fn answer_with(nested: BoxedStrategy<Vec<Classification>>) -> BoxedStrategy<Answer> {
    let option = option_answer_with(nested);
    prop_oneof![
        3 => text_answer().prop_map(Answer::Text),
        3 => option.clone().prop_map(|o| Answer::Radio(Box::new(o))),
        3 => vec(option.clone(), 0..4).prop_map(Answer::Checklist),
        1 => text_answer().prop_map(Answer::ConversationalText),
        1 => option.clone().prop_map(|o| Answer::ConversationalRadio(Box::new(o))),
        1 => vec(option, 0..4).prop_map(Answer::ConversationalChecklist),
    ]
    .boxed()
}

/// An option whose nested classifications come from `nested`.
fn option_answer_with(nested: BoxedStrategy<Vec<Classification>>) -> BoxedStrategy<OptionAnswer> {
    (
        cuid(),
        option::weighted(0.8, cuid()),
        feature_name(),
        option::weighted(0.9, feature_value()),
        nested,
    )
        .prop_map(
            |(feature_id, feature_schema_id, name, value, classifications)| OptionAnswer {
                extra: Default::default(),
                feature_id,
                feature_schema_id,
                name,
                value,
                classifications,
            },
        )
        .boxed()
}

/// A feature or option name: a realistic one, or any short string.
fn feature_name() -> BoxedStrategy<String> {
    prop_oneof![
        1 => select(NAMES).prop_map(str::to_owned),
        1 => hostile_short_string(),
    ]
    .boxed()
}

/// A stored value: usually snake case, sometimes the name kept as is, sometimes anything.
fn feature_value() -> BoxedStrategy<String> {
    prop_oneof![
        2 => "[a-z][a-z0-9_]{0,24}",
        1 => select(NAMES).prop_map(str::to_owned),
        1 => hostile_short_string(),
    ]
    .boxed()
}

/// Names seen in the spec's samples.
const NAMES: &[&str] = &[
    "prompt-text",
    "Is this a shirt?",
    "Red shirt",
    "Response B",
    "Choose the best response",
    "Provide a reason for your choice",
    "Additional comment",
    "Context subject",
];
