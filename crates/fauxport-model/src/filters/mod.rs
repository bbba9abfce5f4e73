//! Export filters: the `searchQuery.query` list the SDK builds (spec §16), parsed and checked.
//!
//! Two forms are read: the list the SDK sends to the server, and (in `dict.rs`) the SDK's own
//! filters dict the seed documentation shows (`{"workflow_status": "Done"}`), which
//! `generate --filters` and the plain download also take ([`parse_filters`]).
//!
//! Parsing names the offending place in every error (`query[2].value.operator`), so a server can
//! answer with a message that points at the field.

mod dict;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::WorkflowStatus;
use crate::vocabulary::MAX_FILTER_IDS;

/// One filter; a list of them combines with AND. Serde gives it a compact form of its own (not
/// the SDK's `searchQuery`), which portable task ids carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Filter {
    /// `data_row_last_activity_at`: the row's last activity lies in the range.
    LastActivityAt(TimeRange),
    /// `labeled_at`: some label on the row was created in the range.
    LabeledAt(TimeRange),
    /// `data_row_id`: the row's id is listed.
    DataRowIds(BTreeSet<String>),
    /// `global_key`: the row's global key is listed.
    GlobalKeys(BTreeSet<String>),
    /// `batch`: the row's batch id is listed.
    BatchIds(BTreeSet<String>),
    /// `dataset` (catalog exports): the row's dataset id is listed.
    DatasetIds(BTreeSet<String>),
    /// `task_queue_status` / `task_queue_not_exist`: the row's workflow status.
    WorkflowStatus(WorkflowStatus),
}

/// An inclusive time range in Unix milliseconds; an absent end is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeRange {
    /// Earliest instant, inclusive.
    pub min_ms: Option<i64>,
    /// Latest instant, inclusive.
    pub max_ms: Option<i64>,
}

impl TimeRange {
    /// Whether `ms` lies in the range.
    pub fn contains(&self, ms: i64) -> bool {
        self.min_ms.is_none_or(|m| ms >= m) && self.max_ms.is_none_or(|m| ms <= m)
    }
}

/// A filter that cannot be applied, with the place it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError {
    /// Where, relative to the query list: `query[1].value.operator`.
    pub path: String,
    /// What is wrong, naming the expected form.
    pub message: String,
}

impl std::fmt::Display for FilterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for FilterError {}

fn err(path: impl Into<String>, message: impl Into<String>) -> FilterError {
    FilterError {
        path: path.into(),
        message: message.into(),
    }
}

/// Parses filters in either form: the `searchQuery.query` list (paths start at `query`) or the
/// SDK's filters dict (paths are its keys: `workflow_status`, `last_activity_at[1]`). `null` means
/// no filters.
pub fn parse_filters(value: &Value) -> Result<Vec<Filter>, FilterError> {
    match value {
        Value::Object(_) => dict::parse_sdk_filters(value),
        other => parse_search_query(other),
    }
}

/// Parses the `searchQuery.query` array (`null` means no filters).
pub fn parse_search_query(query: &Value) -> Result<Vec<Filter>, FilterError> {
    let items = match query {
        Value::Null => return Ok(Vec::new()),
        Value::Array(items) => items,
        other => {
            return Err(err(
                "query",
                format!("expected a list of filters, found {}", kind(other)),
            ));
        }
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| parse_one(item, &format!("query[{i}]")))
        .collect()
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn parse_one(item: &Value, at: &str) -> Result<Filter, FilterError> {
    let Some(obj) = item.as_object() else {
        return Err(err(
            at,
            format!("expected a filter object, found {}", kind(item)),
        ));
    };
    let ty = obj
        .get("type")
        .and_then(Value::as_str)
        .ok_or_else(|| err(format!("{at}.type"), "missing filter `type`"))?;
    match ty {
        "data_row_last_activity_at" => Ok(Filter::LastActivityAt(time_range(
            obj.get("value"),
            &format!("{at}.value"),
        )?)),
        "labeled_at" => Ok(Filter::LabeledAt(time_range(
            obj.get("value"),
            &format!("{at}.value"),
        )?)),
        "data_row_id" => Ok(Filter::DataRowIds(ids(obj, at)?)),
        "global_key" => Ok(Filter::GlobalKeys(ids(obj, at)?)),
        "batch" => Ok(Filter::BatchIds(ids(obj, at)?)),
        "dataset" => Ok(Filter::DatasetIds(ids(obj, at)?)),
        "task_queue_not_exist" => Ok(Filter::WorkflowStatus(WorkflowStatus::ToLabel)),
        "task_queue_status" => {
            let path = format!("{at}.status");
            let status = obj
                .get("status")
                .and_then(Value::as_str)
                .ok_or_else(|| err(&path, "missing `status`"))?;
            match WorkflowStatus::FILTERABLE
                .into_iter()
                .find(|s| s.filter_spelling() == Some(status))
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

fn ids(obj: &serde_json::Map<String, Value>, at: &str) -> Result<BTreeSet<String>, FilterError> {
    match obj.get("operator").and_then(Value::as_str) {
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
    let list = obj
        .get("ids")
        .and_then(Value::as_array)
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
    list.iter()
        .enumerate()
        .map(|(i, v)| {
            v.as_str().map(str::to_owned).ok_or_else(|| {
                err(
                    format!("{path}[{i}]"),
                    format!("expected a string id, found {}", kind(v)),
                )
            })
        })
        .collect()
}

fn time_range(value: Option<&Value>, at: &str) -> Result<TimeRange, FilterError> {
    let obj = value
        .and_then(Value::as_object)
        .ok_or_else(|| err(at, "expected {operator, timezone, value}"))?;
    let tz_path = format!("{at}.timezone");
    let offset_min = match obj.get("timezone") {
        None | Some(Value::Null) => 0,
        Some(Value::String(tz)) => timezone_offset(tz).ok_or_else(|| {
            err(
                &tz_path,
                format!("timezone {tz:?} is not supported: fauxport reads plain dates in UTC or a fixed offset such as \"+05:30\" (its users report the UTC time zone)"),
            )
        })?,
        Some(other) => return Err(err(tz_path, format!("expected a time zone name, found {}", kind(other)))),
    };
    let value_path = format!("{at}.value");
    let bound = |v: Option<&Value>, path: &str, end: bool| -> Result<i64, FilterError> {
        let s = v
            .and_then(Value::as_str)
            .ok_or_else(|| err(path, "expected a date string"))?;
        parse_filter_date(s, offset_min, end).ok_or_else(|| {
            err(path, format!("malformed date {s:?}: expected YYYY-MM-DD, YYYY-MM-DD hh:mm:ss or YYYY-MM-DDThh:mm:ss±hhmm"))
        })
    };
    let op_path = format!("{at}.operator");
    match obj.get("operator").and_then(Value::as_str) {
        Some("BETWEEN") => {
            let range = obj
                .get("value")
                .and_then(Value::as_object)
                .ok_or_else(|| err(&value_path, "BETWEEN expects {min, max}"))?;
            Ok(TimeRange {
                min_ms: Some(bound(
                    range.get("min"),
                    &format!("{value_path}.min"),
                    false,
                )?),
                max_ms: Some(bound(range.get("max"), &format!("{value_path}.max"), true)?),
            })
        }
        Some("GREATER_THAN_OR_EQUAL") => Ok(TimeRange {
            min_ms: Some(bound(obj.get("value"), &value_path, false)?),
            max_ms: None,
        }),
        Some("LESS_THAN_OR_EQUAL") => Ok(TimeRange {
            min_ms: None,
            max_ms: Some(bound(obj.get("value"), &value_path, true)?),
        }),
        Some(other) => Err(err(
            op_path,
            format!(
                "unknown operator {other:?}: expected BETWEEN, GREATER_THAN_OR_EQUAL or LESS_THAN_OR_EQUAL"
            ),
        )),
        None => Err(err(op_path, "missing `operator`")),
    }
}

/// Minutes east of UTC for the time zones fauxport can resolve without a zone database.
fn timezone_offset(tz: &str) -> Option<i64> {
    match tz {
        "UTC" | "Etc/UTC" | "GMT" | "Etc/GMT" | "Z" | "Universal" | "Zulu" => Some(0),
        _ => {
            let rest = tz
                .strip_prefix("UTC")
                .or_else(|| tz.strip_prefix("GMT"))
                .unwrap_or(tz);
            parse_offset(rest)
        }
    }
}

/// `+05:30`, `+0530`, `-08`, `Z`.
fn parse_offset(s: &str) -> Option<i64> {
    if s == "Z" {
        return Some(0);
    }
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !matches!(digits.len(), 2 | 4) {
        return None;
    }
    let h: i64 = digits.get(0..2)?.parse().ok()?;
    let m: i64 = if digits.len() == 4 {
        digits.get(2..4)?.parse().ok()?
    } else {
        0
    };
    (h <= 23 && m <= 59).then_some(sign * (h * 60 + m))
}

/// Parses a filter date as the SDK sends it: `YYYY-MM-DD` (midnight), `YYYY-MM-DD hh:mm:ss`, both in
/// the given zone, or `YYYY-MM-DDThh:mm:ss±hhmm` with its own offset. Whole seconds; `end` makes
/// the bound cover its whole second (inclusive end). Inferred: a date-only end means midnight at
/// the start of that day (spec §16.2).
pub fn parse_filter_date(s: &str, zone_offset_min: i64, end: bool) -> Option<i64> {
    let b = s.as_bytes();
    let days = crate::time::parse_date_days(b)?;
    let (secs_of_day, offset) = if b.len() == 10 {
        (0, zone_offset_min)
    } else {
        let secs_of_day = crate::time::parse_time_secs(b, 11, 59)?;
        // Bytes 11..19 are ASCII (digits and colons): 19 is a character boundary.
        let offset = match (b.get(10), s.get(19..)) {
            (Some(b' '), Some("")) => zone_offset_min,
            (Some(b'T'), Some(rest)) if !rest.is_empty() => parse_offset(rest)?,
            _ => return None,
        };
        (secs_of_day, offset)
    };
    let ms = (days * 86_400 + secs_of_day - offset * 60) * 1000;
    Some(if end && b.len() > 10 { ms + 999 } else { ms })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(query: Value, expect: Result<Vec<Filter>, &str>) {
        let got = parse_search_query(&query).map_err(|e| e.to_string());
        assert_eq!(got, expect.map_err(str::to_owned), "{query}");
    }

    #[test]
    fn parses_what_the_sdk_sends() {
        check(
            json!([
                {"type":"data_row_last_activity_at","value":{"operator":"BETWEEN","timezone":"UTC","value":{"min":"2000-01-01 00:00:00","max":"2050-01-01 00:00:00"}}},
                {"type":"labeled_at","value":{"operator":"GREATER_THAN_OR_EQUAL","timezone":null,"value":"2024-05-23T14:30:00+0000"}},
                {"ids":["gk-1","gk-2"],"operator":"is","type":"global_key"},
                {"type":"task_queue_not_exist"},
                {"type":"task_queue_status","status":"InReview"},
            ]),
            Ok(vec![
                Filter::LastActivityAt(TimeRange {
                    min_ms: Some(946_684_800_000),
                    max_ms: Some(2_524_608_000_999),
                }),
                Filter::LabeledAt(TimeRange {
                    min_ms: Some(1_716_474_600_000),
                    max_ms: None,
                }),
                Filter::GlobalKeys(["gk-1", "gk-2"].into_iter().map(String::from).collect()),
                Filter::WorkflowStatus(WorkflowStatus::ToLabel),
                Filter::WorkflowStatus(WorkflowStatus::InReview),
            ]),
        );
        check(Value::Null, Ok(Vec::new()));
        check(json!([]), Ok(Vec::new()));
    }

    #[test]
    fn errors_name_the_field() {
        check(
            json!([{"type":"nope"}]),
            Err(
                "query[0].type: unknown filter type \"nope\": expected data_row_last_activity_at, labeled_at, data_row_id, global_key, batch, dataset, task_queue_status or task_queue_not_exist",
            ),
        );
        check(
            json!([{"type":"global_key","operator":"is","ids":[]}]),
            Err("query[0].ids: expected a non-empty list of ids"),
        );
        check(
            json!([{"type":"labeled_at","value":{"operator":"FOO","value":"2024-01-01"}}]),
            Err(
                "query[0].value.operator: unknown operator \"FOO\": expected BETWEEN, GREATER_THAN_OR_EQUAL or LESS_THAN_OR_EQUAL",
            ),
        );
        check(
            json!([{"type":"labeled_at","value":{"operator":"LESS_THAN_OR_EQUAL","timezone":"UTC","value":"2024-13-01"}}]),
            Err(
                "query[0].value.value: malformed date \"2024-13-01\": expected YYYY-MM-DD, YYYY-MM-DD hh:mm:ss or YYYY-MM-DDThh:mm:ss±hhmm",
            ),
        );
        let many: Vec<String> = (0..2001).map(|i| format!("id{i}")).collect();
        check(
            json!([{"type":"batch","operator":"is","ids":many}]),
            Err("query[0].ids: at most 2000 ids are allowed, found 2001"),
        );
        check(
            json!([{"type":"task_queue_status","status":"Skipped"}]),
            Err(
                "query[0].status: unknown workflow status \"Skipped\": expected ToLabel, InReview, InRework or Done",
            ),
        );
    }

    fn check_dict(dict: Value, expect: Result<Vec<Filter>, &str>) {
        let got = parse_filters(&dict).map_err(|e| e.to_string());
        assert_eq!(got, expect.map_err(str::to_owned), "{dict}");
    }

    #[test]
    fn the_sdk_dict_reads_as_its_search_query() {
        // Spec §2.4.2's observed example (in UTC): the dict and the list the SDK builds from it.
        let list = parse_search_query(&json!([
            {"type":"data_row_last_activity_at","value":{"operator":"BETWEEN","timezone":"UTC","value":{"min":"2000-01-01 00:00:00","max":"2050-01-01 00:00:00"}}},
            {"type":"labeled_at","value":{"operator":"GREATER_THAN_OR_EQUAL","timezone":"UTC","value":"2000-01-01"}},
            {"ids":["gk-1","gk-2"],"operator":"is","type":"global_key"},
            {"ids":["clbatch0"],"operator":"is","type":"batch"},
            {"type":"task_queue_status","status":"InReview"},
        ]))
        .map_err(|e| e.to_string());
        check_dict(
            json!({"last_activity_at":["2000-01-01 00:00:00","2050-01-01 00:00:00"],
                   "label_created_at":["2000-01-01",null],"workflow_status":"InReview",
                   "global_keys":["gk-1","gk-2"],"batch_ids":["clbatch0"]}),
            list.as_deref()
                .map(<[Filter]>::to_vec)
                .map_err(String::as_str),
        );
        check_dict(
            json!({"workflow_status":"ToLabel","last_activity_at":[null,null]}),
            Ok(vec![Filter::WorkflowStatus(WorkflowStatus::ToLabel)]),
        );
        check_dict(
            json!({"label_created_at":[null,"2024-01-01 10:00:00"],"data_row_ids":["a"]}),
            Ok(vec![
                Filter::LabeledAt(TimeRange {
                    min_ms: None,
                    max_ms: Some(1_704_103_200_999),
                }),
                Filter::DataRowIds(["a".to_owned()].into_iter().collect()),
            ]),
        );
        check_dict(json!({}), Ok(Vec::new()));
    }

    #[test]
    fn sdk_dict_errors_name_the_key() {
        check_dict(
            json!({"workflow_status":"Skipped"}),
            Err(
                "workflow_status: unknown workflow status \"Skipped\": expected ToLabel, InReview, InRework or Done",
            ),
        );
        check_dict(
            json!({"workflow_status":3}),
            Err("workflow_status: invalid type: integer `3`, expected a string"),
        );
        check_dict(
            json!({"workflow_stauts":"Done"}),
            Err(
                "workflow_stauts: unknown field `workflow_stauts`, expected one of `last_activity_at`, `label_created_at`, `data_row_ids`, `global_keys`, `batch_ids`, `workflow_status`",
            ),
        );
        check_dict(
            json!({"data_row_ids":["a"],"global_keys":["b"]}),
            Err("data_row_ids: data_rows and global_keys cannot both be present in export filters"),
        );
        check_dict(
            json!({"batch_ids":[]}),
            Err("batch_ids: expected a non-empty list of ids"),
        );
        check_dict(
            json!({"last_activity_at":["2024-01-01", "2024-01-01 10:00"]}),
            Err(
                "last_activity_at[1]: malformed date \"2024-01-01 10:00\": expected YYYY-MM-DD, YYYY-MM-DD hh:mm:ss or YYYY-MM-DDThh:mm:ss±hhmm",
            ),
        );
        check_dict(
            json!({"last_activity_at":["2024-01-01"]}),
            Err("last_activity_at: invalid length 1, expected an array of length 2"),
        );
    }

    #[test]
    fn dates_in_zones() {
        assert_eq!(
            parse_filter_date("2024-01-01", 0, false),
            Some(1_704_067_200_000)
        );
        assert_eq!(
            parse_filter_date("2024-01-01", 60, false),
            Some(1_704_063_600_000)
        );
        assert_eq!(
            parse_filter_date("2024-01-01 10:00:00", 0, true),
            Some(1_704_103_200_999)
        );
        assert_eq!(
            parse_filter_date("2024-01-01T10:00:00+0200", 0, false),
            Some(1_704_096_000_000)
        );
        for bad in [
            "2024-02-30",
            "2024-01-01 10:00",
            "2024-01-01T10:00:00",
            "2024/01/01",
            "2024-01-01 10:00:00.5",
        ] {
            assert_eq!(parse_filter_date(bad, 0, false), None, "{bad}");
        }
        assert_eq!(timezone_offset("America/Los_Angeles"), None);
        assert_eq!(timezone_offset("UTC+05:30"), Some(330));
    }
}
