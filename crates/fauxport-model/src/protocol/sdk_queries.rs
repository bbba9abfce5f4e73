//! The official SDK's GraphQL texts, byte for byte (leading and trailing whitespace included),
//! as captured from labelbox 7.17.0 and 5.2.1. Each text lives once, in
//! `protocol/sdk-queries/<OperationName>[.<variant>][.v5|.v7].graphql`; Rust loads them here and
//! Python (`compat/`) reads the same files. `.v5`/`.v7` mark texts that differ between the two
//! versions; a file without one is sent by both (`GetExportFileFromLinePyApi` only exists in 5.x).

use super::Operation;

/// One captured text: its file and the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SdkQuery {
    /// The file name under `protocol/sdk-queries/`.
    pub file: &'static str,
    /// The text, byte for byte.
    pub text: &'static str,
}

// One constant per file, named after it (`GetUserPyApi.v7.graphql` is `GET_USER_V7`), and
// `ALL`; written by `build.rs` from the folder, so a new text is a new file and nothing else.
include!(concat!(env!("OUT_DIR"), "/sdk_queries.rs"));

impl SdkQuery {
    /// What the text asks for: the operation the SDK's name for it stands for
    /// ([`Operation::of_sdk_name`]); a test proves the classifier agrees for every file.
    pub fn operation(&self) -> Option<Operation> {
        Operation::of_sdk_name(self.sdk_name())
    }

    /// The operation name the text declares (`GetUserPyApi`), which starts its file name.
    pub fn sdk_name(&self) -> &'static str {
        self.file.split('.').next().unwrap_or(self.file)
    }
}
