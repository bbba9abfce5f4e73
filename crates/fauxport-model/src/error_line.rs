//! One line of the ERRORS stream.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Extra;

/// An errors-stream line. Inferred (spec §17, the least known part of the contract): no real
/// error line has been seen; fauxport writes `{data_row_id, project_id, error}` and clients must
/// treat lines as opaque JSON objects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ErrorLine {
    /// The data row that failed to export.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_row_id: Option<String>,
    /// The project it was exported from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// What went wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Anything else the line carries.
    #[serde(flatten)]
    pub extra: Extra,
}
