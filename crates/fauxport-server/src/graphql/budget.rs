//! What a GraphQL document would cost once its fragments are expanded, measured on the parsed
//! document before the engine sees it: the engine's own checks and validation rules expand every
//! fragment spread where it stands, so 22 fragments that each spread the previous one twice
//! (989 bytes) cost them 2^22 fields, and a cycle never ends. Here each fragment is measured
//! once (memoized), so the walk is linear in the text, and its recursion is bounded.

use std::collections::HashMap;

use async_graphql::Name;
use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};

use crate::errors::ApiError;
use crate::limits::{Limits, QUERY_RECURSION};

/// The export mutations; at most [`Limits::exports_per_request`] of them in one request.
const EXPORT_PREFIX: &str = "exportDataRowsIn";

/// What a selection set costs, fragments expanded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Cost {
    /// Field selections (an alias is one more field).
    pub(crate) fields: u64,
    /// Export mutation fields.
    pub(crate) exports: u64,
    /// The deepest nesting of fields.
    pub(crate) depth: usize,
}

impl Cost {
    fn add(self, other: Cost) -> Cost {
        Cost {
            fields: self.fields.saturating_add(other.fields),
            exports: self.exports.saturating_add(other.exports),
            depth: self.depth.max(other.depth),
        }
    }
}

/// Measures `document` and refuses it, with a `GRAPHQL_VALIDATION_FAILED` error naming the limit
/// and its value, when any operation or fragment is over `limits`.
pub(crate) fn check(document: &ExecutableDocument, limits: &Limits) -> Result<Cost, ApiError> {
    let mut walk = Walk {
        document,
        known: HashMap::new(),
        open: Vec::new(),
    };
    let mut total = Cost::default();
    for (_, operation) in document.operations.iter() {
        total = total.add(walk.set(&operation.node.selection_set.node, 0)?);
    }
    over(limits, total, "The query")?;
    // Fragments no operation uses are still validated (and expanded) by the engine: the largest
    // one (by name among equals, so the answer does not depend on the map's order) must fit too.
    let mut names: Vec<&Name> = document.fragments.keys().collect();
    names.sort();
    let mut largest: Option<(&Name, Cost)> = None;
    for name in names {
        let cost = walk.fragment(name, 0)?;
        if largest.is_none_or(|(_, l)| (cost.fields, cost.depth) > (l.fields, l.depth)) {
            largest = Some((name, cost));
        }
    }
    if let Some((name, cost)) = largest {
        let what = format!("Fragment \"{}\"", crate::errors::echo(name));
        over(limits, cost, &what)?;
    }
    Ok(total)
}

/// Refuses `cost` of `what` ("The query", a fragment) when it is over `limits`.
fn over(limits: &Limits, cost: Cost, what: &str) -> Result<(), ApiError> {
    if cost.fields > limits.query_fields as u64 {
        return Err(ApiError::validation_failed(format!(
            "{what} selects {} fields once its fragments are expanded, over the limit of {} \
             (query fields limit)",
            cost.fields, limits.query_fields
        )));
    }
    if cost.depth > limits.query_depth {
        return Err(ApiError::validation_failed(format!(
            "{what} nests fields {} deep, over the limit of {} (query depth limit)",
            cost.depth, limits.query_depth
        )));
    }
    if cost.exports > limits.exports_per_request as u64 {
        return Err(ApiError::validation_failed(format!(
            "The request has {} export mutations, over the limit of {} per request (exports per \
             request limit): send one export per request",
            cost.exports, limits.exports_per_request
        )));
    }
    Ok(())
}

struct Walk<'a> {
    document: &'a ExecutableDocument,
    /// Fragments measured so far.
    known: HashMap<&'a Name, Cost>,
    /// Fragments being measured now (a spread of one of them is a cycle).
    open: Vec<&'a Name>,
}

impl<'a> Walk<'a> {
    fn set(&mut self, set: &'a SelectionSet, level: usize) -> Result<Cost, ApiError> {
        if level > QUERY_RECURSION {
            return Err(ApiError::validation_failed(format!(
                "The query nests selections and fragments more than {QUERY_RECURSION} deep \
                 (recursion limit)"
            )));
        }
        let mut cost = Cost::default();
        for item in &set.items {
            let part = match &item.node {
                Selection::Field(field) => {
                    let field = &field.node;
                    let inner = self.set(&field.selection_set.node, level + 1)?;
                    let export = u64::from(field.name.node.starts_with(EXPORT_PREFIX));
                    Cost {
                        fields: inner.fields.saturating_add(1),
                        exports: inner.exports.saturating_add(export),
                        depth: inner.depth + 1,
                    }
                }
                Selection::FragmentSpread(spread) => {
                    self.fragment(&spread.node.fragment_name.node, level + 1)?
                }
                Selection::InlineFragment(inline) => {
                    self.set(&inline.node.selection_set.node, level + 1)?
                }
            };
            cost = cost.add(part);
        }
        Ok(cost)
    }

    fn fragment(&mut self, name: &'a Name, level: usize) -> Result<Cost, ApiError> {
        if let Some(cost) = self.known.get(name) {
            return Ok(*cost);
        }
        // An unknown fragment costs nothing here; validation names it.
        let Some(fragment) = self.document.fragments.get(name) else {
            return Ok(Cost::default());
        };
        if self.open.contains(&name) {
            return Err(ApiError::validation_failed(format!(
                "Cannot spread fragment \"{}\" within itself",
                crate::errors::echo(name)
            )));
        }
        self.open.push(name);
        let cost = self.set(&fragment.node.selection_set.node, level);
        self.open.pop();
        let cost = cost?;
        self.known.insert(name, cost);
        Ok(cost)
    }
}
