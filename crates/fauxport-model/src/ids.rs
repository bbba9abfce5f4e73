//! Identifiers: Labelbox cuids and UUID-shaped task and batch ids.
//!
//! A cuid (v1) is 25 characters: `c`, 8 base-36 digits of the creation time in Unix milliseconds,
//! 4 of a counter, 4 of a host fingerprint and 8 random ones (spec §14).

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

/// The regular expression every cuid matches.
pub const CUID_PATTERN: &str = "^c[0-9a-z]{24}$";
/// The regular expression every UUID-shaped id matches (the version nibble is not checked: the
/// spec's sample row has a version-0 id).
pub const UUID_PATTERN: &str = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

const B36: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";

/// A 25-character Labelbox cuid.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Cuid(pub String);

impl Cuid {
    /// Builds a cuid from its four blocks: time in Unix milliseconds, counter, fingerprint and
    /// random bits. Each block is written in base 36 and cut or zero-padded to its width.
    pub fn from_parts(millis: u64, counter: u64, fingerprint: u64, random: u64) -> Cuid {
        let mut s = String::with_capacity(25);
        s.push('c');
        push_b36(&mut s, millis, 8);
        push_b36(&mut s, counter, 4);
        push_b36(&mut s, fingerprint, 4);
        push_b36(&mut s, random, 8);
        Cuid(s)
    }

    /// Whether `s` has the cuid shape.
    pub fn is_valid(s: &str) -> bool {
        s.len() == 25
            && s.starts_with('c')
            && s.bytes()
                .skip(1)
                .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase())
    }

    /// The creation time a cuid carries, in Unix milliseconds.
    pub fn millis(s: &str) -> Option<u64> {
        if !Cuid::is_valid(s) {
            return None;
        }
        s.get(1..9).and_then(|t| u64::from_str_radix(t, 36).ok())
    }

    /// The four fingerprint characters (shared by all features of one label, spec §12.2).
    pub fn fingerprint(s: &str) -> Option<&str> {
        Cuid::is_valid(s).then(|| &s[13..17])
    }

    /// The id as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Appends `value` in base 36, using exactly `width` digits (the low digits when it is wider).
pub fn push_b36(out: &mut String, mut value: u64, width: usize) {
    let mut buf = [b'0'; 16];
    for slot in buf[..width].iter_mut().rev() {
        *slot = B36[(value % 36) as usize];
        value /= 36;
    }
    out.extend(buf[..width].iter().map(|&b| b as char));
}

impl JsonSchema for Cuid {
    fn schema_name() -> Cow<'static, str> {
        "Cuid".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "pattern": CUID_PATTERN })
    }
}

impl From<&str> for Cuid {
    fn from(s: &str) -> Self {
        Cuid(s.to_owned())
    }
}

/// A UUID-shaped id (`8-4-4-4-12` lower-case hex): workflow task ids and batch ids.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UuidLike(pub String);

impl UuidLike {
    /// Formats 128 bits as a UUID-shaped string.
    pub fn from_bits(bits: u128) -> UuidLike {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut s = String::with_capacity(36);
        for i in 0..32 {
            if matches!(i, 8 | 12 | 16 | 20) {
                s.push('-');
            }
            let nibble = (bits >> (124 - 4 * i)) & 0xf;
            s.push(HEX[nibble as usize] as char);
        }
        UuidLike(s)
    }

    /// Whether `s` has the UUID shape.
    pub fn is_valid(s: &str) -> bool {
        s.len() == 36
            && s.bytes().enumerate().all(|(i, b)| match i {
                8 | 13 | 18 | 23 => b == b'-',
                _ => b.is_ascii_digit() || (b'a'..=b'f').contains(&b),
            })
    }

    /// The id as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl JsonSchema for UuidLike {
    fn schema_name() -> Cow<'static, str> {
        "UuidLike".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "pattern": UUID_PATTERN })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_the_spec_sample_ids() {
        // Spec §14: the SEED data row id decodes to 2023-12-07T20:34:06.276Z.
        assert_eq!(
            Cuid::millis("clpvnouh04uyy0723mmru42qn"),
            Some(1_701_981_246_276)
        );
        assert_eq!(Cuid::fingerprint("clutykado00013b6rw65zj51e"), Some("3b6r"));
        assert_eq!(Cuid::millis("not-a-cuid"), None);
    }

    #[test]
    fn round_trips_parts() {
        let id = Cuid::from_parts(1_701_981_246_276, 1, 0x3b6, 42);
        assert!(Cuid::is_valid(id.as_str()), "{id:?}");
        assert_eq!(Cuid::millis(id.as_str()), Some(1_701_981_246_276));
    }

    #[test]
    fn uuid_shape() {
        let u = UuidLike::from_bits(0x14b0_2ec0_71f3_4d1f_b720_c631_8e9a_9346);
        assert_eq!(u.as_str(), "14b02ec0-71f3-4d1f-b720-c6318e9a9346");
        assert!(UuidLike::is_valid(u.as_str()));
        assert!(!UuidLike::is_valid("14b02ec0-71f3-4d1f-b720-c6318e9a934"));
        assert!(!UuidLike::is_valid("14B02EC0-71f3-4d1f-b720-c6318e9a9346"));
    }
}
