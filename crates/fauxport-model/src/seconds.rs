//! Durations in seconds that remember whether they were whole.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A number of seconds (`seconds_to_create`, `seconds_to_review`).
///
/// The API field is a float, but exports write whole values without a fraction (`28`, spec §10.2):
/// a whole value serialises as an integer, anything else as a float. A value read as `28.0` is
/// written back as `28` (the only byte difference a replay can show).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Seconds(pub f64);

/// Largest integer an f64 holds exactly.
const EXACT: f64 = 9_007_199_254_740_992.0;

impl Serialize for Seconds {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        if !v.is_finite() {
            return Err(serde::ser::Error::custom("seconds must be a finite number"));
        }
        if v.fract() == 0.0 && v.abs() < EXACT {
            s.serialize_i64(v as i64)
        } else {
            s.serialize_f64(v)
        }
    }
}

impl<'de> Deserialize<'de> for Seconds {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        f64::deserialize(d).map(Seconds)
    }
}

impl JsonSchema for Seconds {
    fn schema_name() -> Cow<'static, str> {
        "Seconds".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "number", "minimum": 0 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_values_have_no_fraction() {
        assert_eq!(
            serde_json::to_string(&Seconds(28.0)).ok().as_deref(),
            Some("28")
        );
        assert_eq!(
            serde_json::to_string(&Seconds(284.6)).ok().as_deref(),
            Some("284.6")
        );
        let back: Seconds = serde_json::from_str("41.2").unwrap_or_default();
        assert_eq!(back, Seconds(41.2));
    }
}
