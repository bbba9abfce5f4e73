//! The SDK's filters dict (`ProjectExportFilters`, spec §16.1), as the seed documentation writes
//! it: `{"workflow_status": "Done", "last_activity_at": ["2024-01-01", null]}`. The SDK turns it
//! into the `searchQuery` list (`build_filters`, spec §16.3); this reads it into the same
//! [`Filter`]s, with the SDK's checks, for `generate --filters` and the plain download.

use std::collections::BTreeSet;

use serde::Deserialize;

use super::{Filter, FilterError, TimeRange, parse_filter_date};
use crate::WorkflowStatus;
use crate::json_input::sentence;
use crate::vocabulary::MAX_FILTER_IDS;

/// The dict's keys. Unlike the SDK, which ignores keys it does not know, an unknown key is an
/// error, so a typo does not silently export everything.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SdkFilters {
    last_activity_at: Option<[Option<String>; 2]>,
    label_created_at: Option<[Option<String>; 2]>,
    data_row_ids: Option<Vec<String>>,
    global_keys: Option<Vec<String>>,
    batch_ids: Option<Vec<String>>,
    workflow_status: Option<String>,
}

/// Parses the SDK's filters dict into filters, in `build_filters`' order. Plain dates are read in
/// UTC; a date with an offset keeps it.
pub(super) fn parse_sdk_filters(dict: &serde_json::Value) -> Result<Vec<Filter>, FilterError> {
    let dict: SdkFilters = serde_path_to_error::deserialize(dict).map_err(|e| FilterError {
        path: e.path().to_string(),
        message: sentence(&e.inner().to_string()),
    })?;
    if dict.data_row_ids.is_some() && dict.global_keys.is_some() {
        return Err(FilterError {
            path: "data_row_ids".into(),
            message: "data_rows and global_keys cannot both be present in export filters".into(),
        });
    }
    let mut filters = Vec::new();
    if let Some(range) = time_range(dict.last_activity_at, "last_activity_at")? {
        filters.push(Filter::LastActivityAt(range));
    }
    if let Some(range) = time_range(dict.label_created_at, "label_created_at")? {
        filters.push(Filter::LabeledAt(range));
    }
    if let Some(list) = dict.data_row_ids {
        filters.push(Filter::DataRowIds(ids(list, "data_row_ids")?));
    }
    if let Some(list) = dict.global_keys {
        filters.push(Filter::GlobalKeys(ids(list, "global_keys")?));
    }
    if let Some(list) = dict.batch_ids {
        filters.push(Filter::BatchIds(ids(list, "batch_ids")?));
    }
    if let Some(status) = dict.workflow_status {
        let parsed = WorkflowStatus::FILTERABLE
            .into_iter()
            .find(|s| s.filter_spelling() == Some(status.as_str()))
            .ok_or_else(|| FilterError {
                path: "workflow_status".into(),
                message: format!(
                    "unknown workflow status {status:?}: expected ToLabel, InReview, InRework or Done"
                ),
            })?;
        filters.push(Filter::WorkflowStatus(parsed));
    }
    Ok(filters)
}

/// A `[start, end]` pair; both ends absent drops the filter, as the SDK does.
fn time_range(
    pair: Option<[Option<String>; 2]>,
    key: &str,
) -> Result<Option<TimeRange>, FilterError> {
    let Some([start, end]) = pair else {
        return Ok(None);
    };
    if start.is_none() && end.is_none() {
        return Ok(None);
    }
    let bound = |s: Option<String>, i: usize, end: bool| -> Result<Option<i64>, FilterError> {
        let Some(s) = s else { return Ok(None) };
        parse_filter_date(&s, 0, end).map(Some).ok_or_else(|| FilterError {
            path: format!("{key}[{i}]"),
            message: format!(
                "malformed date {s:?}: expected YYYY-MM-DD, YYYY-MM-DD hh:mm:ss or YYYY-MM-DDThh:mm:ss±hhmm"
            ),
        })
    };
    Ok(Some(TimeRange {
        min_ms: bound(start, 0, false)?,
        max_ms: bound(end, 1, true)?,
    }))
}

fn ids(list: Vec<String>, key: &str) -> Result<BTreeSet<String>, FilterError> {
    let fail = |message: String| FilterError {
        path: key.to_owned(),
        message,
    };
    if list.is_empty() {
        return Err(fail("expected a non-empty list of ids".into()));
    }
    if list.len() > MAX_FILTER_IDS {
        return Err(fail(format!(
            "at most {MAX_FILTER_IDS} ids are allowed, found {}",
            list.len()
        )));
    }
    Ok(list.into_iter().collect())
}
