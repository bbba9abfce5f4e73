//! The `searchQuery.query` list the SDK sends (spec §16.3): its entries as serde types (every
//! filter type's fields in one [`Entry`]; unknown fields refused), then each entry checked
//! against its `type` into a [`Filter`].

use std::collections::BTreeSet;

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor, value::MapAccessDeserializer};
use serde_json::Value;

use super::{Filter, FilterError, TimeRange, parse_filter_date, timezone_offset};
use crate::WorkflowStatus;
use crate::json_input::{Object, sentence};
use crate::vocabulary::MAX_FILTER_IDS;

/// One entry of the list. Which fields a type needs is checked by [`Entry::filter`].
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    #[serde(rename = "type")]
    ty: Option<String>,
    /// Id filters: `"is"`.
    operator: Option<String>,
    /// Id filters: the ids.
    ids: Option<Vec<String>>,
    /// `task_queue_status`: the status.
    status: Option<String>,
    /// Date filters: the condition.
    value: Option<Object<DateCondition>>,
}

/// `{"operator": ..., "timezone": ..., "value": ...}` of a date filter.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DateCondition {
    operator: Option<String>,
    timezone: Option<String>,
    value: Option<DateValue>,
}

/// A date (`GREATER_THAN_OR_EQUAL`, `LESS_THAN_OR_EQUAL`) or `{min, max}` (`BETWEEN`).
#[derive(Debug)]
enum DateValue {
    One(String),
    Range(DateRange),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DateRange {
    min: Option<String>,
    max: Option<String>,
}

impl<'de> Deserialize<'de> for DateValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<DateValue, D::Error> {
        d.deserialize_any(DateValueVisitor)
    }
}

struct DateValueVisitor;

impl<'de> Visitor<'de> for DateValueVisitor {
    type Value = DateValue;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a date string or {min, max}")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<DateValue, E> {
        Ok(DateValue::One(v.to_owned()))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<DateValue, A::Error> {
        DateRange::deserialize(MapAccessDeserializer::new(map)).map(DateValue::Range)
    }
}

/// Parses the `searchQuery.query` array (`null` means no filters).
pub fn parse_search_query(query: &Value) -> Result<Vec<Filter>, FilterError> {
    match query {
        Value::Null => return Ok(Vec::new()),
        Value::Array(_) => {}
        Value::Object(_) => {
            return Err(err("query", "expected a list of filters, found an object"));
        }
        _ => {
            return Err(err(
                "query",
                format!("expected a list of filters, found {query}"),
            ));
        }
    }
    let entries: Vec<Object<Entry>> = serde_path_to_error::deserialize(query).map_err(|e| {
        let path = e.path().to_string();
        FilterError {
            // `[0].ids[2]` under `query`.
            path: format!("query{}", if path == "." { "" } else { &path }),
            message: sentence(&e.inner().to_string()),
        }
    })?;
    entries
        .into_iter()
        .enumerate()
        .map(|(i, Object(entry))| entry.filter(&format!("query[{i}]")))
        .collect()
}

fn err(path: impl Into<String>, message: impl Into<String>) -> FilterError {
    FilterError {
        path: path.into(),
        message: message.into(),
    }
}

impl Entry {
    /// The filter this entry at `at` means, or what is missing or wrong for its type.
    fn filter(self, at: &str) -> Result<Filter, FilterError> {
        let ty = self
            .ty
            .as_deref()
            .ok_or_else(|| err(format!("{at}.type"), "missing filter `type`"))?;
        match ty {
            "data_row_last_activity_at" => Ok(Filter::LastActivityAt(time_range(self.value, at)?)),
            "labeled_at" => Ok(Filter::LabeledAt(time_range(self.value, at)?)),
            "data_row_id" => Ok(Filter::DataRowIds(self.ids(at)?)),
            "global_key" => Ok(Filter::GlobalKeys(self.ids(at)?)),
            "batch" => Ok(Filter::BatchIds(self.ids(at)?)),
            "dataset" => Ok(Filter::DatasetIds(self.ids(at)?)),
            "task_queue_not_exist" => Ok(Filter::WorkflowStatus(WorkflowStatus::ToLabel)),
            "task_queue_status" => {
                let path = format!("{at}.status");
                let status = self.status.ok_or_else(|| err(&path, "missing `status`"))?;
                match WorkflowStatus::FILTERABLE
                    .into_iter()
                    .find(|s| s.filter_spelling() == Some(status.as_str()))
                {
                    Some(parsed) => Ok(Filter::WorkflowStatus(parsed)),
                    None => {
                        let mut known: Vec<&str> = WorkflowStatus::FILTERABLE
                            .iter()
                            .filter_map(WorkflowStatus::filter_spelling)
                            .collect();
                        let last = known.pop().unwrap_or_default();
                        Err(err(
                            path,
                            format!(
                                "unknown workflow status {status:?}: expected {} or {last}",
                                known.join(", ")
                            ),
                        ))
                    }
                }
            }
            other => Err(err(
                format!("{at}.type"),
                format!(
                    "unknown filter type {other:?}: expected data_row_last_activity_at, labeled_at, data_row_id, global_key, batch, dataset, task_queue_status or task_queue_not_exist"
                ),
            )),
        }
    }

    fn ids(self, at: &str) -> Result<BTreeSet<String>, FilterError> {
        match self.operator.as_deref() {
            Some("is") => {}
            Some(other) => {
                return Err(err(
                    format!("{at}.operator"),
                    format!("unknown operator {other:?}: id filters take \"is\""),
                ));
            }
            None => {
                return Err(err(
                    format!("{at}.operator"),
                    "missing `operator` (id filters take \"is\")",
                ));
            }
        }
        let path = format!("{at}.ids");
        let list = self
            .ids
            .ok_or_else(|| err(&path, "expected a list of ids"))?;
        if list.is_empty() {
            return Err(err(path, "expected a non-empty list of ids"));
        }
        if list.len() > MAX_FILTER_IDS {
            return Err(err(
                path,
                format!(
                    "at most {MAX_FILTER_IDS} ids are allowed, found {}",
                    list.len()
                ),
            ));
        }
        Ok(list.into_iter().collect())
    }
}

fn time_range(
    condition: Option<Object<DateCondition>>,
    at: &str,
) -> Result<TimeRange, FilterError> {
    let at = format!("{at}.value");
    let Some(Object(condition)) = condition else {
        return Err(err(at, "expected {operator, timezone, value}"));
    };
    let offset_min = match &condition.timezone {
        None => 0,
        Some(tz) => timezone_offset(tz).ok_or_else(|| {
            err(
                format!("{at}.timezone"),
                format!("timezone {tz:?} is not supported: fauxport reads plain dates in UTC or a fixed offset such as \"+05:30\" (its users report the UTC time zone)"),
            )
        })?,
    };
    let value_path = format!("{at}.value");
    let bound = |v: Option<&str>, path: &str, end: bool| -> Result<i64, FilterError> {
        let s = v.ok_or_else(|| err(path, "expected a date string"))?;
        parse_filter_date(s, offset_min, end).ok_or_else(|| {
            err(path, format!("malformed date {s:?}: expected YYYY-MM-DD, YYYY-MM-DD hh:mm:ss or YYYY-MM-DDThh:mm:ss±hhmm"))
        })
    };
    let one = |end: bool| match &condition.value {
        Some(DateValue::One(s)) => bound(Some(s), &value_path, end),
        _ => bound(None, &value_path, end),
    };
    match condition.operator.as_deref() {
        Some("BETWEEN") => {
            let Some(DateValue::Range(range)) = &condition.value else {
                return Err(err(&value_path, "BETWEEN expects {min, max}"));
            };
            Ok(TimeRange {
                min_ms: Some(bound(
                    range.min.as_deref(),
                    &format!("{value_path}.min"),
                    false,
                )?),
                max_ms: Some(bound(
                    range.max.as_deref(),
                    &format!("{value_path}.max"),
                    true,
                )?),
            })
        }
        Some("GREATER_THAN_OR_EQUAL") => Ok(TimeRange {
            min_ms: Some(one(false)?),
            max_ms: None,
        }),
        Some("LESS_THAN_OR_EQUAL") => Ok(TimeRange {
            min_ms: None,
            max_ms: Some(one(true)?),
        }),
        Some(other) => Err(err(
            format!("{at}.operator"),
            format!(
                "unknown operator {other:?}: expected BETWEEN, GREATER_THAN_OR_EQUAL or LESS_THAN_OR_EQUAL"
            ),
        )),
        None => Err(err(format!("{at}.operator"), "missing `operator`")),
    }
}
