//! Export params (spec §15): every combination of flags, and `media_type_override`.

use fauxport_model::ExportParams;
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
    (any::<[bool; 8]>(), option::weighted(0.2, media_type))
        .prop_map(|(flags, media_type_override)| {
            let [
                data_row_details,
                attachments,
                metadata_fields,
                embeddings,
                project_details,
                label_details,
                performance_details,
                interpolated_frames,
            ] = flags;
            ExportParams {
                data_row_details,
                attachments,
                metadata_fields,
                embeddings,
                project_details,
                label_details,
                performance_details,
                interpolated_frames,
                media_type_override,
            }
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
