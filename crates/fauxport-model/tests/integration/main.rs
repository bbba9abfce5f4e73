//! Integration tests of the model: the schema snapshots and the spec's sample rows.

mod protocol;
mod samples;
mod schema;
