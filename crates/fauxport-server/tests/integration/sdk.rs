//! The SDK's query texts, byte for byte: `protocol/sdk-queries/` through
//! `fauxport_model::protocol::sdk_queries`.

pub(crate) use fauxport_model::protocol::sdk_queries::*;

/// The V7 selection of a project (shared by `GetProjectPyApi` and `GetProjectsPyApi`):
/// `{autoAuditNumberOfLabels ... uploadType}`.
pub(crate) fn project_selection_v7() -> &'static str {
    let text = GET_PROJECT_V7;
    let start = text.find("}){").map_or(0, |at| at + 2);
    &text[start..text.len() - 1]
}

/// `slice.export()`: not faked by fauxport. Built like the other export mutations (not captured,
/// so not in `protocol/sdk-queries/`).
pub(crate) const EXPORT_SLICE: &str = "mutation exportDataRowsInSlicePyApi($input: ExportDataRowsInSliceInput!){exportDataRowsInSlice(input: $input){taskId isStreamable}}";
