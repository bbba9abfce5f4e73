//! What the admin API reads: its request bodies as types (the only definition of each body's
//! fields; unknown fields are refused), the reader that names the field at fault in every error,
//! and the admin error (`{"error": "<field>: <why>"}` with a status).

use axum::body::Body;
use axum::response::Response;
use fauxport_model::json_input::sentence;
use fauxport_model::time::parse_rfc3339_millis;
use serde::Deserialize;
use serde::de::{self, DeserializeOwned, Deserializer, SeqAccess, Unexpected, Visitor};
use serde_json::{Value, json};

use super::json_response;

/// The largest admin request body, in bytes.
pub(super) const MAX_BODY: usize = 64 * 1024;
/// How long an admin request body may take to arrive.
const BODY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

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

/// `POST /__admin/requests/count`: which journal entries to count.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a JSON object")]
pub(super) struct CountBody {
    pub(super) api_key: Option<String>,
    pub(super) operation: Option<String>,
    pub(super) kind: Option<String>,
    pub(super) path_prefix: Option<String>,
    pub(super) faulted: Option<Flag>,
}

/// `POST /__admin/requests/verify`: the entries of a [`CountBody`] and what must hold of them.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a JSON object")]
pub(super) struct VerifyBody {
    pub(super) api_key: Option<String>,
    pub(super) operation: Option<String>,
    pub(super) kind: Option<String>,
    pub(super) path_prefix: Option<String>,
    pub(super) faulted: Option<Flag>,
    pub(super) min_count: Option<Count>,
    pub(super) max_count: Option<Count>,
    pub(super) min_gap_ms: Option<Millis>,
    pub(super) order: Option<Strings>,
}

/// `PUT /__admin/default-scenario`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a JSON object")]
pub(super) struct DefaultBody {
    pub(super) name: Option<String>,
    pub(super) seed: Option<Count>,
}

/// `PUT /__admin/clock`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a JSON object")]
pub(super) struct ClockBody {
    pub(super) now: Option<Instant>,
    pub(super) speed: Option<Speed>,
}

/// The body as JSON; an empty body is `{}`.
pub(super) async fn json_body(body: Body) -> Result<Value, AdminError> {
    let none = axum::http::HeaderMap::new();
    let bytes = super::body::read(body, &none, MAX_BODY, BODY_TIMEOUT)
        .await
        .map_err(|e| match e {
            super::body::BodyError::TooLarge(_) => AdminError(
                413,
                format!("request body: over the limit of {MAX_BODY} bytes"),
            ),
            _ => AdminError(
                408,
                format!(
                    "request body: not received within {} s",
                    BODY_TIMEOUT.as_secs()
                ),
            ),
        })?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Object(serde_json::Map::new()));
    }
    serde_json::from_slice(&bytes)
        .map_err(|e| AdminError::bad(format!("request body: not JSON: {e}")))
}

/// The body as a `T`.
pub(super) async fn typed_body<T: DeserializeOwned>(body: Body) -> Result<T, AdminError> {
    typed(&json_body(body).await?).map_err(AdminError::bad)
}

/// `value` as a `T`, or a sentence naming the field at fault: `faulted: expected true or false,
/// found string "yes"` (`request body: ...` for the body as a whole).
pub(super) fn typed<T: DeserializeOwned>(value: &Value) -> Result<T, String> {
    // Serde reads a struct from a list too (fields by position): only an object is a body.
    if !value.is_object() {
        return Err(format!(
            "request body: expected a JSON object, found {value}"
        ));
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { "request body" } else { &path };
        format!("{field}: {}", sentence(&e.inner().to_string()))
    })
}

/// Declares a newtype read by a visitor with its own `expecting` sentence.
macro_rules! value_type {
    ($(#[$doc:meta])* $name:ident($inner:ty), $expecting:literal, $method:ident, $visitor:ident {
        $($body:tt)*
    }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub(super) struct $name(pub(super) $inner);

        struct $visitor;

        impl<'de> Visitor<'de> for $visitor {
            type Value = $name;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str($expecting)
            }

            $($body)*
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<$name, D::Error> {
                d.$method($visitor)
            }
        }
    };
}

value_type! {
    /// `true` or `false`.
    Flag(bool), "true or false", deserialize_bool, FlagVisitor {
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Flag, E> {
            Ok(Flag(v))
        }
    }
}

value_type! {
    /// A non-negative integer.
    Count(u64), "a non-negative integer", deserialize_u64, CountVisitor {
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Count, E> {
            Ok(Count(v))
        }
    }
}

value_type! {
    /// A non-negative number of milliseconds.
    Millis(f64), "a non-negative number of milliseconds", deserialize_f64, MillisVisitor {
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Millis, E> {
            Ok(Millis(v as f64))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Millis, E> {
            Err(E::invalid_value(Unexpected::Signed(v), &self))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Millis, E> {
            if v >= 0.0 {
                Ok(Millis(v))
            } else {
                Err(E::invalid_value(Unexpected::Float(v), &self))
            }
        }
    }
}

value_type! {
    /// A clock speed: a finite number above 0.
    Speed(f64), "a number above 0", deserialize_f64, SpeedVisitor {
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Speed, E> {
            match v {
                0 => Err(E::invalid_value(Unexpected::Unsigned(v), &self)),
                _ => Ok(Speed(v as f64)),
            }
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Speed, E> {
            Err(E::invalid_value(Unexpected::Signed(v), &self))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Speed, E> {
            if v.is_finite() && v > 0.0 {
                Ok(Speed(v))
            } else {
                Err(E::invalid_value(Unexpected::Float(v), &self))
            }
        }
    }
}

value_type! {
    /// An RFC 3339 instant, as Unix milliseconds.
    Instant(i64), "an RFC 3339 instant such as \"2026-01-15T09:00:00Z\"", deserialize_str,
    InstantVisitor {
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Instant, E> {
            parse_rfc3339_millis(v)
                .map(Instant)
                .ok_or_else(|| E::invalid_value(Unexpected::Str(v), &self))
        }
    }
}

/// A list of strings.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Strings(pub(super) Vec<String>);

struct StringsVisitor;

impl<'de> Visitor<'de> for StringsVisitor {
    type Value = Strings;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a list of strings")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Strings, A::Error> {
        let mut out = Vec::new();
        // Elements are read as JSON so a bad one is reported against the list, by this
        // visitor's sentence.
        while let Some(item) = seq.next_element::<Value>()? {
            match item {
                Value::String(s) => out.push(s),
                other => {
                    return Err(de::Error::invalid_value(
                        Unexpected::Other(&format!("a list holding {other}")),
                        &self,
                    ));
                }
            }
        }
        Ok(Strings(out))
    }
}

impl<'de> Deserialize<'de> for Strings {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Strings, D::Error> {
        d.deserialize_seq(StringsVisitor)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn check<T: DeserializeOwned + std::fmt::Debug>(value: Value, expect: &str) {
        let got = typed::<T>(&value).map(|t| format!("{t:?}"));
        assert_eq!(got.unwrap_or_else(|e| e), expect, "{value}");
    }

    #[test]
    fn errors_name_the_field_and_what_was_found() {
        check::<CountBody>(
            json!({"faulted": "yes"}),
            "faulted: expected true or false, found string \"yes\"",
        );
        check::<CountBody>(
            json!({"kind": 3}),
            "kind: expected a string, found integer `3`",
        );
        check::<CountBody>(
            json!({"min_count": 1}),
            "min_count: unknown field `min_count`, expected one of `api_key`, `operation`, `kind`, `path_prefix`, `faulted`",
        );
        check::<CountBody>(
            json!([1]),
            "request body: expected a JSON object, found [1]",
        );
        check::<CountBody>(
            json!(["k", "op", "page", "/", true]),
            "request body: expected a JSON object, found [\"k\",\"op\",\"page\",\"/\",true]",
        );
        check::<VerifyBody>(
            json!({"max_count": -1}),
            "max_count: expected a non-negative integer, found integer `-1`",
        );
        check::<VerifyBody>(
            json!({"min_gap_ms": -0.5}),
            "min_gap_ms: expected a non-negative number of milliseconds, found floating point `-0.5`",
        );
        check::<VerifyBody>(
            json!({"order": ["task", 1]}),
            "order: expected a list of strings, found a list holding 1",
        );
        check::<VerifyBody>(
            json!({"order": "task"}),
            "order: expected a list of strings, found string \"task\"",
        );
        check::<ClockBody>(
            json!({"now": "2026-02-30T00:00:00Z"}),
            "now: expected an RFC 3339 instant such as \"2026-01-15T09:00:00Z\", found string \"2026-02-30T00:00:00Z\"",
        );
        check::<ClockBody>(
            json!({"speed": 0}),
            "speed: expected a number above 0, found integer `0`",
        );
        check::<DefaultBody>(
            json!({"name": "happy", "sede": 1}),
            "sede: unknown field `sede`, expected `name` or `seed`",
        );
    }

    #[test]
    fn reads_good_bodies() {
        check::<VerifyBody>(
            json!({"kind": "page", "faulted": false, "min_count": 1, "min_gap_ms": 250, "order": ["task"]}),
            "VerifyBody { api_key: None, operation: None, kind: Some(\"page\"), path_prefix: None, faulted: Some(Flag(false)), min_count: Some(Count(1)), max_count: None, min_gap_ms: Some(Millis(250.0)), order: Some(Strings([\"task\"])) }",
        );
        check::<ClockBody>(
            json!({"now": "2026-01-15T09:00:00Z", "speed": null}),
            "ClockBody { now: Some(Instant(1768467600000)), speed: None }",
        );
    }
}
