//! Export lines as compact JSON: the bytes of `serde_json::to_writer`, written faster.
//!
//! Serialising rows is most of what `generate` and a page render do, and most of that is escaping
//! strings, which serde_json does one byte at a time. [`write_line`] writes through its own
//! serializer ([`serializer`]), which checks eight bytes at a time ([`escape`]) and appends straight
//! to the line buffer. Whatever that serializer leaves alone (a non-string map key, a 128-bit
//! integer) it reports as an error, and the line is then written by serde_json: the output is
//! serde_json's in every case, and the tests hold the two byte-identical on every row type.

mod escape;
mod serializer;

use serde::Serialize;

pub use serializer::{Json, Unsupported};

/// Appends `value` as one compact JSON line (with its `\n`). A value that cannot be serialised
/// (a `Serialize` impl that fails) appends nothing.
pub fn write_line<T: Serialize + ?Sized>(value: &T, out: &mut Vec<u8>) {
    let start = out.len();
    if value.serialize(&mut Json { out: &mut *out }).is_err() {
        out.truncate(start);
        if serde_json::to_writer(&mut *out, value).is_err() {
            out.truncate(start);
            return;
        }
    }
    out.push(b'\n');
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Serialize;
    use serde_json::json;

    use super::*;
    use crate::rows::v1;
    use crate::{ProjectKind, World, WorldSpec};
    use fauxport_model::ExportParams;

    fn same_as_serde_json<T: Serialize + ?Sized + std::fmt::Debug>(value: &T) {
        let mut ours = Vec::new();
        write_line(value, &mut ours);
        let mut theirs = serde_json::to_vec(value).expect("serde_json serialises it");
        theirs.push(b'\n');
        assert_eq!(
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&theirs),
            "{value:?}"
        );
    }

    #[test]
    fn every_kind_of_generated_row_and_line_is_written_as_serde_json_writes_it() {
        for kind in ProjectKind::ALL {
            let world = World::new(WorldSpec::single(7, kind, 300)).expect("a valid spec");
            let rows = world.rows(0).expect("one project");
            for i in 0..rows.len() {
                let plan = rows.plan(i);
                let row = rows.render(&plan, &ExportParams::all());
                same_as_serde_json(&row);
                for label in v1::labels(rows.project(), &plan, &row) {
                    same_as_serde_json(&label);
                }
                if let Some(line) = rows.error_line(&plan) {
                    same_as_serde_json(&line);
                }
            }
        }
    }

    #[test]
    fn values_serde_json_encodes_in_its_own_way() {
        #[derive(Serialize, Debug)]
        enum E {
            Unit,
            New(u8),
            Tuple(u8, &'static str),
            Struct { a: Option<f64>, b: () },
        }
        #[derive(Serialize, Debug)]
        struct Unit;
        #[derive(Serialize, Debug)]
        struct Pair(i64, char);
        same_as_serde_json(&vec![
            E::Unit,
            E::New(3),
            E::Tuple(1, "x\"y"),
            E::Struct { a: None, b: () },
        ]);
        same_as_serde_json(&(
            Unit,
            Pair(-9_223_372_036_854_775_808, '\n'),
            u64::MAX,
            -0.0f64,
            1e300f64,
        ));
        same_as_serde_json(&[f64::NAN, f64::INFINITY, 0.1, 1.0, 123_456_789.0, 1e-7]);
        same_as_serde_json(&[f32::NAN, 0.1f32, 16_777_216.0f32]);
        same_as_serde_json(&json!({"a": [], "b": {}, "c": [1, {"d": null}], "é\u{1}": true}));
        same_as_serde_json(&serde_bytes_like(&[0, 255]));
        let empty: BTreeMap<String, u8> = BTreeMap::new();
        same_as_serde_json(&empty);
    }

    #[test]
    fn keys_that_are_not_strings_fall_back_to_serde_json() {
        let by_number: BTreeMap<u32, &str> = [(1, "one"), (20, "twenty")].into();
        same_as_serde_json(&by_number);
        let by_bool: BTreeMap<bool, u8> = [(false, 0), (true, 1)].into();
        same_as_serde_json(&by_bool);
        same_as_serde_json(&[i128::MIN, i128::MAX]);
    }

    #[test]
    fn a_failing_value_appends_nothing() {
        struct Fails;
        impl Serialize for Fails {
            fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(serde::ser::Error::custom("no"))
            }
        }
        let mut out = b"kept\n".to_vec();
        write_line(&(1, Fails), &mut out);
        assert_eq!(out, b"kept\n");
    }

    /// `serialize_bytes`, which derive never calls but serde's byte wrappers do.
    fn serde_bytes_like(bytes: &'static [u8]) -> impl Serialize + std::fmt::Debug {
        #[derive(Debug)]
        struct Bytes(&'static [u8]);
        impl Serialize for Bytes {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(self.0)
            }
        }
        Bytes(bytes)
    }
}
