//! Scalars the SDK's queries declare: `UInt64` (sent as a numeric string or an integer), the
//! export inputs (accepted as JSON and checked by [`crate::export`], so errors name the field),
//! and `JSON`.

use async_graphql::{InputValueError, InputValueResult, Scalar, ScalarType, Value};

use crate::errors::ApiError;

/// `UInt64`: a non-negative integer, accepted as a number or a numeric string (the SDK sends
/// `offset` as a string and `line` as an integer); written as a numeric string. A bad value is
/// kept, not rejected here, so the resolver can answer with an error naming its argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UInt64(pub Result<u64, String>);

impl UInt64 {
    /// The value, or an input error naming `argument`.
    pub fn get(&self, argument: &str) -> Result<u64, ApiError> {
        self.0.clone().map_err(|found| {
            ApiError::bad_input(
                argument,
                format!("expected a non-negative integer (or numeric string), found {found}"),
            )
        })
    }

    /// A valid value.
    pub fn new(v: u64) -> UInt64 {
        UInt64(Ok(v))
    }
}

#[Scalar(name = "UInt64")]
impl ScalarType for UInt64 {
    fn parse(value: Value) -> InputValueResult<Self> {
        Ok(UInt64(match &value {
            Value::Number(n) => n.as_u64().ok_or_else(|| n.to_string()),
            Value::String(s) => s
                .parse::<u64>()
                .map_err(|_| format!("{:?}", crate::errors::echo(s))),
            other => Err(crate::errors::echo(&other.to_string())),
        }))
    }

    fn to_value(&self) -> Value {
        // Inferred (protocol spec §11.1): page ranges as numeric strings, like the verified stub.
        match &self.0 {
            Ok(v) => Value::String(v.to_string()),
            Err(_) => Value::Null,
        }
    }
}

macro_rules! json_input {
    ($(#[$m:meta])* $name:ident, $gql:literal) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq)]
        pub struct $name(pub serde_json::Value);

        #[Scalar(name = $gql)]
        impl ScalarType for $name {
            fn parse(value: Value) -> InputValueResult<Self> {
                value.into_json().map($name).map_err(|e| InputValueError::custom(e.to_string()))
            }

            fn to_value(&self) -> Value {
                Value::from_json(self.0.clone()).unwrap_or(Value::Null)
            }
        }
    };
}

json_input!(
    /// `ExportDataRowsInProjectInput`: taskName, filters {projectId, searchQuery}, params, streamable.
    ProjectExportInput,
    "ExportDataRowsInProjectInput"
);
json_input!(
    /// `ExportDataRowsInCatalogInput`: taskName, filters {searchQuery}, params, streamable.
    CatalogExportInput,
    "ExportDataRowsInCatalogInput"
);
json_input!(
    /// `ExportDataRowsInSliceInput` (accepted so the error can say it is unsupported).
    SliceExportInput,
    "ExportDataRowsInSliceInput"
);
json_input!(
    /// `ExportDataRowsInModelRunInput` (accepted so the error can say it is unsupported).
    ModelRunExportInput,
    "ExportDataRowsInModelRunInput"
);
json_input!(
    /// `ProjectWhereInput`: the ORM's where clause (`{AND: [{name: ...}, {deleted: false}]}`),
    /// evaluated by [`super::filtering`].
    ProjectWhere,
    "ProjectWhereInput"
);
json_input!(
    /// `DatasetWhereInput`: like [`ProjectWhere`], for datasets.
    DatasetWhere,
    "DatasetWhereInput"
);

/// `DateTime`: accepted as `YYYY-MM-DDTHH:MM:SSZ` (what the SDK sends in where clauses).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateTime(pub String);

#[Scalar(name = "DateTime")]
impl ScalarType for DateTime {
    fn parse(value: Value) -> InputValueResult<Self> {
        match value {
            Value::String(s) if fauxport_model::time::parse_rfc3339_millis(&s).is_some() => {
                Ok(DateTime(s))
            }
            Value::String(s) => Err(InputValueError::custom(format!(
                "expected an RFC 3339 date-time, found {:?}",
                crate::errors::echo(&s)
            ))),
            other => Err(InputValueError::expected_type(other)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.clone())
    }
}

/// `PageSize`: a page length for cursor paging.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageSize(pub u32);

#[Scalar(name = "PageSize")]
impl ScalarType for PageSize {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::Number(n) => n
                .as_u64()
                .and_then(|v| u32::try_from(v).ok())
                .map(PageSize)
                .ok_or_else(|| InputValueError::custom("expected a positive page size")),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::from(self.0)
    }
}

/// GraphQL date-times look like `2024-05-01T12:00:00.000Z` (protocol spec §2).
pub(crate) fn datetime(ms: i64) -> String {
    let mut s = fauxport_model::Timestamp::from_millis(ms).0;
    s.truncate(23);
    s.push('Z');
    s
}
