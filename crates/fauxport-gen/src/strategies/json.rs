//! Arbitrary JSON: values for the fields the contract leaves open (`reviews`, `relationships`,
//! metadata values), numbers that survive a JSON round trip, and `extra` maps.

use fauxport_model::Extra;
use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use serde_json::{Number, Value};

use super::text::hostile_short_string;

/// Prefix of every key [`extra`] generates, so an extra key never collides with a named field
/// (a flattened extra called `name` would be read back as the field, not as an extra).
pub const EXTRA_KEY_PREFIX: &str = "x_extra_";

/// A finite `f64` that reads back exactly from its JSON text with any `serde_json` build.
///
/// Without the `float_roundtrip` feature, `serde_json` reads a number as an integer significand
/// scaled by one power of ten, which is exact only while the significand stays below 2^53 and the
/// exponent within ±22 (beyond that it can be one ulp off: `serde_json`'s choice, not fauxport's).
/// So the values here are eighths (`k / 8`, exact in binary), decimals with at most two fraction
/// digits and at most 11 significant digits (`284.6`), and a few boundaries (`0`, `-0`, `2^53`).
/// Subnormals, `1e300` and 17-digit mantissas are left out on purpose.
pub fn exact_f64() -> BoxedStrategy<f64> {
    prop_oneof![
        4 => (-(1i64 << 40)..(1i64 << 40)).prop_map(|k| k as f64 / 8.0),
        4 => (-100_000_000_000i64..100_000_000_000).prop_map(|m| m as f64 / 100.0),
        1 => prop::sample::select(&[0.0, -0.0, 0.5, 1.0, 9_007_199_254_740_992.0, 1e16, 1e-6][..]),
    ]
    .boxed()
}

/// A JSON number: a `u64`, an `i64` or an [`exact_f64`].
pub fn json_number() -> BoxedStrategy<Number> {
    prop_oneof![
        any::<u64>().prop_map(Number::from),
        any::<i64>().prop_map(Number::from),
        exact_f64().prop_map(|f| Number::from_f64(f).unwrap_or_else(|| Number::from(0))),
    ]
    .boxed()
}

/// Any JSON value, nested at most three levels, with hostile strings and keys.
pub fn json_value() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        json_number().prop_map(Value::Number),
        hostile_short_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(Value::Array),
            btree_map(hostile_short_string(), inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
    .boxed()
}

/// An `extra` map: empty nine times in ten, otherwise one to three keys starting with
/// [`EXTRA_KEY_PREFIX`].
pub fn extra() -> BoxedStrategy<Extra> {
    prop_oneof![
        9 => Just(Extra::new()),
        1 => btree_map(hostile_short_string(), json_value(), 1..4).prop_map(|m| {
            m.into_iter().map(|(k, v)| (format!("{EXTRA_KEY_PREFIX}{k}"), v)).collect()
        }),
    ]
    .boxed()
}
