//! proptest [`Strategy`](proptest::strategy::Strategy) values for every `fauxport-model` type, hostile cases included.
//!
//! These strategies are for **serde and parsing robustness**: your export reader, your NDJSON
//! splitter, your JSON Schema, fauxport's own round trips. Each value is *shaped* like the
//! contract (every required key is there, ids match their pattern, timestamps are RFC 3339,
//! optional keys are absent rather than `null`), but nothing else holds:
//!
//! - free text is hostile: empty strings, right-to-left Arabic and Hebrew with bidi controls,
//!   combining marks, emoji ZWJ sequences, quotes, backslashes, unbalanced braces (`x{y`), control
//!   characters and, rarely, strings of up to ~100 KB ([`text`]);
//! - open enums are mostly known values and sometimes `Other(..)` with a spelling the enum does not
//!   know, near misses such as `done` or `InReview` included ([`enums`]);
//! - the **semantic invariants of spec §20 do not hold**: timestamps are not ordered, cuid times do
//!   not match `created_at`, workflow chains are not continuous, answer kinds do not match any
//!   ontology, `skipped` labels may carry annotations, `projects` may have zero or several keys.
//!
//! Valid, invariant-respecting rows come from the generator, `fauxport_gen::World`, not from here. Use
//! these strategies to check that a reader *accepts and preserves* whatever the contract's types
//! can hold; use the generator to check what a reader *does* with realistic data.
//!
//! Every strategy shrinks: strings towards `""`, collections towards empty, choices towards their
//! first (plainest) alternative, recursion towards a leaf.
//!
//! Every function returns a [`BoxedStrategy`](proptest::strategy::BoxedStrategy). The value trees
//! of nested tuples and unions are large, and in a debug build generating a whole row from unboxed
//! strategies needs more than the 2 MiB stack of a test thread; boxing each level keeps it small.
//!
//! Numbers are finite and chosen so that a JSON round trip is exact even with `serde_json`'s
//! default (not `float_roundtrip`) float parser: see [`json::exact_f64`].
//!
//! # Using them in your own tests
//!
//! Enable the `proptest` feature of `fauxport-gen` in your `[dev-dependencies]`, then feed rows to
//! your reader. Here the "client" is a minimal struct that reads only what it needs and ignores the
//! rest, as a real client should; in your crate the block below is the body of a `#[test]` fn.
//!
//! ```rust
//! # use std::collections::BTreeMap;
//! # use fauxport_gen::strategies::{classification, export_row};
//! # use proptest::prelude::*;
//! # use serde::Deserialize;
//! /// What the client keeps of a row.
//! #[derive(Deserialize)]
//! struct MyRow {
//!     data_row: MyDataRow,
//!     projects: BTreeMap<String, serde_json::Value>,
//! }
//!
//! #[derive(Deserialize)]
//! struct MyDataRow {
//!     id: String,
//!     row_data: String,
//! }
//!
//! /// The client's line parser.
//! fn parse_line(line: &str) -> Result<MyRow, serde_json::Error> {
//!     serde_json::from_str(line)
//! }
//!
//! proptest!(ProptestConfig::with_cases(16), |(row in export_row())| {
//!     // One NDJSON line, as the export stream carries it.
//!     let line = serde_json::to_string(&row).expect("rows serialise");
//!     prop_assert!(!line.contains('\n'));
//!     let mine = parse_line(&line).expect("the client reads every row");
//!     prop_assert_eq!(&mine.data_row.id, row.data_row.id.as_str());
//!     prop_assert_eq!(&mine.data_row.row_data, &row.data_row.row_data);
//!     prop_assert_eq!(mine.projects.len(), row.projects.len());
//! });
//!
//! // A single strategy works the same way, e.g. for a classification walker.
//! proptest!(ProptestConfig::with_cases(16), |(c in classification())| {
//!     let json = serde_json::to_value(&c).expect("classifications serialise");
//!     prop_assert!(json.get("feature_id").is_some());
//! });
//! ```

pub mod classification;
pub mod enums;
pub mod error_line;
pub mod ids;
pub mod json;
pub mod label;
pub mod params;
pub mod project;
pub mod row;
pub mod text;
pub mod time;
pub mod v1;

pub use classification::{answer, classification, option_answer, text_answer};
pub use enums::{attachment_type, label_kind, other_spelling, workflow_action, workflow_status};
pub use error_line::error_line;
pub use ids::{cuid, message_id, uuid_like};
pub use json::{exact_f64, extra, json_number, json_value};
pub use label::{
    annotation_object, annotations, label, label_details, message_ref, performance_details,
    ranked_messages, seconds, selected_message, selected_messages,
};
pub use params::export_params;
pub use project::{project_details, project_entry, workflow_history_entry};
pub use row::{
    attachment, data_row, data_row_details, embedding, embedding_value, export_row,
    media_attributes, metadata_field, metadata_value,
};
pub use text::{email, hostile_short_string, hostile_string, long_string, url};
pub use time::{millis, rfc3339_timestamp, timestamp, v1_timestamp};
pub use v1::{v1_answer, v1_classification, v1_label, v1_option, v1_review, v1_row};
