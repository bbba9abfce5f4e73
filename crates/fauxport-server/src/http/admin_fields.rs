//! What the admin API's handlers share: its error (`{"error": "<field>: <why>"}` with a status)
//! and the reading of JSON bodies and their fields, each error naming the field at fault.

use axum::body::Body;
use axum::response::Response;
use serde_json::{Map, Value, json};

use super::json_response;

/// The largest admin request body, in bytes.
pub(super) const MAX_BODY: usize = 64 * 1024;

/// An admin error: a status and a sentence.
pub(super) struct AdminError(pub(super) u16, pub(super) String);

impl AdminError {
    pub(super) fn bad(message: impl Into<String>) -> AdminError {
        AdminError(400, message.into())
    }

    pub(super) fn into_response(self) -> Response {
        json_response(self.0, &json!({ "error": self.1 }))
    }
}

/// The body as a JSON object with only `allowed` keys; an empty body is `{}`.
pub(super) async fn object(body: Body, allowed: &[&str]) -> Result<Map<String, Value>, AdminError> {
    let bytes = axum::body::to_bytes(body, MAX_BODY).await.map_err(|_| {
        AdminError(
            413,
            format!("request body: over the limit of {MAX_BODY} bytes"),
        )
    })?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    let value: Value = serde_json::from_slice(&bytes)
        .map_err(|e| AdminError::bad(format!("request body: not JSON: {e}")))?;
    let Value::Object(fields) = value else {
        return Err(AdminError::bad(format!(
            "request body: expected a JSON object with {}, found {value}",
            allowed.join(", ")
        )));
    };
    if let Some(unknown) = fields.keys().find(|k| !allowed.contains(&k.as_str())) {
        return Err(AdminError::bad(format!(
            "{unknown}: unknown field; expected {}",
            allowed.join(", ")
        )));
    }
    Ok(fields)
}

/// A list of strings; absent and `null` are empty.
pub(super) fn strings_field(
    fields: &Map<String, Value>,
    name: &str,
) -> Result<Vec<String>, AdminError> {
    match fields.get(name) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| {
                v.as_str().map(ToOwned::to_owned).ok_or_else(|| {
                    AdminError::bad(format!("{name}: expected a list of strings, found {v}"))
                })
            })
            .collect(),
        Some(other) => Err(AdminError::bad(format!(
            "{name}: expected a list of strings, found {other}"
        ))),
    }
}

/// A string field; absent and `null` are `None`.
pub(super) fn string_field(
    fields: &Map<String, Value>,
    name: &str,
) -> Result<Option<String>, AdminError> {
    match fields.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(AdminError::bad(format!(
            "{name}: expected a string, found {other}"
        ))),
    }
}

/// A non-negative integer field; absent and `null` are `None`.
pub(super) fn count_field(
    fields: &Map<String, Value>,
    name: &str,
) -> Result<Option<u64>, AdminError> {
    match fields.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v.as_u64().map(Some).ok_or_else(|| {
            AdminError::bad(format!(
                "{name}: expected a non-negative integer, found {v}"
            ))
        }),
    }
}

/// A non-negative number of milliseconds; absent and `null` are `None`.
pub(super) fn millis_field(
    fields: &Map<String, Value>,
    name: &str,
) -> Result<Option<f64>, AdminError> {
    match fields.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => match v.as_f64() {
            Some(ms) if ms >= 0.0 => Ok(Some(ms)),
            _ => Err(AdminError::bad(format!(
                "{name}: expected a non-negative number of milliseconds, found {v}"
            ))),
        },
    }
}
