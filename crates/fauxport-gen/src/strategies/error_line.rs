//! Errors-stream lines (spec §17): the three well-known keys, each present or absent, and extras.

use fauxport_model::ErrorLine;
use fauxport_model::inferred::ERROR_LINE_MESSAGES;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;

use super::ids::cuid;
use super::json::extra;
use super::text::hostile_short_string;

/// One errors-stream line; the well-known keys are independently present or absent.
pub fn error_line() -> BoxedStrategy<ErrorLine> {
    let message = prop_oneof![
        2 => select(&ERROR_LINE_MESSAGES[..]).prop_map(str::to_owned),
        1 => hostile_short_string(),
    ];
    (
        option::weighted(0.8, cuid().prop_map(|c| c.0)),
        option::weighted(0.8, cuid().prop_map(|c| c.0)),
        option::weighted(0.9, message),
        extra(),
    )
        .prop_map(|(data_row_id, project_id, error, extra)| ErrorLine {
            data_row_id,
            project_id,
            error,
            extra,
        })
        .boxed()
}
