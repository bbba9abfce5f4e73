//! Export filters: the `searchQuery.query` list the SDK builds (spec §16), parsed and checked.
//!
//! Two forms are read: the list the SDK sends to the server, and (in `dict.rs`) the SDK's own
//! filters dict the seed documentation shows (`{"workflow_status": "Done"}`), which
//! `generate --filters` and the plain download also take ([`parse_filters`]).
//!
//! Parsing names the offending place in every error (`query[2].value.operator`), so a server can
//! answer with a message that points at the field.

mod dict;
mod search_query;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use search_query::parse_search_query;

use crate::WorkflowStatus;

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

/// Parses filters in either form: the `searchQuery.query` list (paths start at `query`) or the
/// SDK's filters dict (paths are its keys: `workflow_status`, `last_activity_at[1]`). `null` means
/// no filters.
pub fn parse_filters(value: &Value) -> Result<Vec<Filter>, FilterError> {
    match value {
        Value::Object(_) => dict::parse_sdk_filters(value),
        other => parse_search_query(other),
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
            json!([{"type":"batch","operator":"is","ids":["a", 7]}]),
            Err("query[0].ids[1]: expected a string, found integer `7`"),
        );
        check(
            json!([{"type":"batch","operator":"is","ids":["a"],"colour":"red"}]),
            Err(
                "query[0].colour: unknown field `colour`, expected one of `type`, `operator`, `ids`, `status`, `value`",
            ),
        );
        check(
            json!([{"type":"labeled_at","value":{"operator":"BETWEEN","value":{"min":"2024-01-01","mx":"x"}}}]),
            Err("query[0].value.value.mx: unknown field `mx`, expected `min` or `max`"),
        );
        check(
            json!([["global_key", "is", ["a"]]]),
            Err("query[0]: expected an object, found sequence"),
        );
        check(
            json!({"type":"batch"}),
            Err("query: expected a list of filters, found an object"),
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
            Err("workflow_status: expected a string, found integer `3`"),
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
