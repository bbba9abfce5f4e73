//! The Labelbox export contract for LLM prompt/response data, as Rust types.
//!
//! This crate is the single source of truth of fauxport's format contract: the JSON Schema is
//! generated from these types ([`schema`]), the generator builds them, the validator and the server
//! read them. It does no I/O.
//!
//! Reading rules, from `shared/spec/export-format.md`:
//! - keys that an export param turns off are `Option`s that are skipped when `None`: absent, never `null`;
//! - enumerations are open ([`open_enum`]): an unknown value parses into `Other(String)`;
//! - structs keep keys they do not know in a flattened `extra` map, so a real export round-trips;
//! - every inferred choice is named in [`inferred`] or carries a comment starting "Inferred:".

#[macro_use]
mod open_enum;

pub mod annotations;
pub mod classification;
pub mod error_line;
pub mod filters;
pub mod ids;
pub mod inferred;
pub mod json_input;
pub mod label;
pub mod params;
pub mod project;
pub mod protocol;
pub mod row;
pub mod schema;
pub mod seconds;
pub mod time;
pub mod v1;
pub mod vocabulary;

pub use annotations::{
    AnnotationObject, Annotations, RankedMessage, RankedMessages, SelectedMessage, SelectedMessages,
};
pub use classification::{Answer, Classification, OptionAnswer, TextAnswer};
pub use error_line::ErrorLine;
pub use ids::{Cuid, UuidLike};
pub use label::{Label, LabelDetails, LabelKind, PerformanceDetails};
pub use params::{ExportParams, Param};
pub use project::{
    ProjectDetails, ProjectEntry, WorkflowAction, WorkflowHistoryEntry, WorkflowStatus,
};
pub use row::{
    Attachment, AttachmentType, DataRow, DataRowDetails, Embedding, EmbeddingValue, ExportRow,
    MediaAttributes, MetadataField,
};
pub use seconds::Seconds;
pub use time::Timestamp;

/// A JSON object: the type of every `extra` map. Its keys must not repeat a field name of the
/// struct that holds it (the key would be written twice).
pub type Extra = serde_json::Map<String, serde_json::Value>;
