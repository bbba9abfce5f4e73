//! Export params (spec §15): every combination of flags, and `media_type_override`.

use fauxport_model::{ExportParams, Param};
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;

use super::text::hostile_short_string;

/// Any params: each flag independently on or off, `media_type_override` usually absent.
///
/// Shrinks towards [`ExportParams::none`].
pub fn export_params() -> BoxedStrategy<ExportParams> {
    let media_type = prop_oneof![
        3 => select(MEDIA_TYPES).prop_map(str::to_owned),
        1 => hostile_short_string(),
    ];
    (
        proptest::collection::vec(any::<bool>(), Param::ALL.len()),
        option::weighted(0.2, media_type),
    )
        .prop_map(|(flags, media_type_override)| {
            let mut params = ExportParams {
                media_type_override,
                ..ExportParams::none()
            };
            for (&param, on) in Param::ALL.iter().zip(flags) {
                params.turn(param, on);
            }
            params
        })
        .boxed()
}

/// SDK `MediaType` values a client could send as an override.
const MEDIA_TYPES: &[&str] = &[
    "LLM",
    "LLM_PROMPT_RESPONSE_CREATION",
    "LLM_PROMPT_CREATION",
    "Text",
    "Conversational",
    "Image",
];
