//! The rules about the features of a label: a `feature_schema_id` always means the same
//! `(name, value)` in one file (spec §13), checked with a bounded map so memory stays constant
//! whatever the file size; and the `feature_id`s of one label share a cuid fingerprint (§12.2).

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use super::report::{Code, Finding, MAX_RENDER, render, truncate};

/// What the first use of a `feature_schema_id` said. Full strings are compared through their
/// hashes; only a short rendering is kept for messages.
struct Seen {
    line: u64,
    name_hash: u64,
    value_hash: Option<u64>,
    name: String,
    value: Option<String>,
}

/// `feature_schema_id` → its first `(name, value)`, holding at most `capacity` ids.
pub(crate) struct FeatureMap {
    seen: HashMap<String, Seen>,
    capacity: usize,
    full_reported: bool,
}

impl FeatureMap {
    /// An empty map that will remember at most `capacity` ids.
    pub(crate) fn new(capacity: usize) -> FeatureMap {
        FeatureMap {
            seen: HashMap::new(),
            capacity,
            full_reported: false,
        }
    }

    /// Checks one use of `id` (a classification, option or object at `pointer`) against the
    /// first one, or remembers it.
    pub(crate) fn check(
        &mut self,
        line: u64,
        pointer: &str,
        id: &str,
        name: &str,
        value: Option<&str>,
        out: &mut Vec<Finding>,
    ) {
        let name_hash = hash(name);
        let value_hash = value.map(hash);
        let Some(first) = self.seen.get(id) else {
            if self.seen.len() < self.capacity {
                let seen = Seen {
                    line,
                    name_hash,
                    value_hash,
                    name: render(&truncate(name.to_owned(), MAX_RENDER)),
                    value: value.map(|v| render(&truncate(v.to_owned(), MAX_RENDER))),
                };
                self.seen.insert(id.to_owned(), seen);
            } else if !self.full_reported {
                self.full_reported = true;
                out.push(
                    Finding::new(
                        line,
                        format!("{pointer}/feature_schema_id"),
                        Code::FeatureSchemaMapFull,
                        "`feature_schema_id` not checked for a constant (name, value): the map of ids is full, \
                             ids first seen from here on are not checked".to_string(),
                    )
                    .expected(format!("at most {} distinct feature_schema_ids", self.capacity))
                    .found(id.to_owned()),
                );
            }
            return;
        };
        if first.name_hash != name_hash {
            out.push(
                Finding::new(
                    line,
                    format!("{pointer}/name"),
                    Code::FeatureSchemaConflict,
                    format!(
                        "`name` differs from the first use of feature_schema_id {id} (line {})",
                        first.line
                    ),
                )
                .expected(first.name.clone())
                .found_value(name),
            );
        }
        if first.value_hash != value_hash {
            let found = value.map_or_else(|| "absent".to_owned(), render);
            out.push(
                Finding::new(
                    line,
                    format!("{pointer}/value"),
                    Code::FeatureSchemaConflict,
                    format!(
                        "`value` differs from the first use of feature_schema_id {id} (line {})",
                        first.line
                    ),
                )
                .expected(first.value.clone().unwrap_or_else(|| "absent".to_owned()))
                .found(found),
            );
        }
    }
}

fn hash(s: &str) -> u64 {
    let mut h = DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}
