//! The JSON Schema (draft 2020-12) of the contract, generated from the types.
//!
//! Two profiles:
//! - [`Profile::Strict`] (the default, what fauxport generates): objects allow no keys the types do
//!   not name, open enums allow only their known values, and optional keys are absent, never `null`;
//! - [`Profile::Lenient`] (real exports from the future): unknown keys, unknown enum values and
//!   `null` optional keys pass.

use schemars::generate::SchemaSettings;
use serde_json::Value;

use crate::{ErrorLine, ExportRow, v1::V1Row};

/// Which row format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Export v2: one data row per line.
    V2,
    /// Legacy Export v1: one label per line.
    V1,
    /// An errors-stream line.
    ErrorLine,
}

/// How strict the schema is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// Unknown keys and enum values are errors.
    Strict,
    /// Unknown keys and enum values pass.
    Lenient,
}

/// The JSON Schema of one row of `format` under `profile`.
pub fn export_schema(format: Format, profile: Profile) -> Value {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let root = match format {
        Format::V2 => generator.into_root_schema_for::<ExportRow>(),
        Format::V1 => generator.into_root_schema_for::<V1Row>(),
        Format::ErrorLine => generator.into_root_schema_for::<ErrorLine>(),
    };
    let mut value = root.to_value();
    apply_profile(&mut value, profile);
    // Keys that a param turns off are absent, never `null` (spec §2): the strict profile says so.
    // Lenient readers of real exports accept `null` too (spec §21.7: unknown whether it occurs).
    // Legacy v1 rows do write `null` (`External ID`, `Benchmark ID`).
    if profile == Profile::Strict && format != Format::V1 {
        forbid_null(&mut value);
    }
    value
}

/// The marker an open enum's schema carries (see [`crate::open_enum!`]).
pub const OPEN_ENUM_MARKER: &str = "x-open-enum";

fn apply_profile(schema: &mut Value, profile: Profile) {
    match schema {
        Value::Object(map) => {
            if map.contains_key("properties") {
                match profile {
                    Profile::Strict => {
                        if !matches!(map.get("additionalProperties"), Some(Value::Object(_))) {
                            map.insert("additionalProperties".into(), Value::Bool(false));
                        }
                    }
                    Profile::Lenient => {
                        if map.get("additionalProperties") == Some(&Value::Bool(false)) {
                            map.remove("additionalProperties");
                        }
                    }
                }
            }
            if profile == Profile::Lenient && map.get(OPEN_ENUM_MARKER) == Some(&Value::Bool(true))
            {
                map.remove("enum");
            }
            for (_, v) in map.iter_mut() {
                apply_profile(v, profile);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| apply_profile(v, profile)),
        _ => {}
    }
}

/// Removes the `null` alternative that schemars gives every `Option`.
fn forbid_null(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    map.insert("type".into(), only);
                }
            }
            let single = match map.get_mut("anyOf") {
                Some(Value::Array(alts)) => {
                    alts.retain(|a| {
                        a.get("type").and_then(Value::as_str) != Some("null")
                            || a.as_object().is_some_and(|o| o.len() > 1)
                    });
                    (alts.len() == 1).then(|| alts.remove(0))
                }
                _ => None,
            };
            if let Some(Value::Object(only)) = single {
                map.remove("anyOf");
                for (k, v) in only {
                    map.entry(k).or_insert(v);
                }
            }
            for (_, v) in map.iter_mut() {
                forbid_null(v);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(forbid_null),
        _ => {}
    }
}
