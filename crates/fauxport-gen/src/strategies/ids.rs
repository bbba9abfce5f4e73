//! Identifiers: cuids, UUID-shaped task and batch ids, and message ids (spec §12.3, §14).
//!
//! Every cuid matches `^c[0-9a-z]{24}$` and every UUID-shaped id its pattern; their embedded times
//! and fingerprints mean nothing.

use fauxport_model::{Cuid, UuidLike};
use proptest::prelude::*;

use super::text::hostile_short_string;
use super::time::millis;

/// A cuid: built from plausible parts, any 24 base-36 characters, or a fixed precomputed id.
///
/// Shrinks towards `c000000000000000000000000`.
pub fn cuid() -> BoxedStrategy<Cuid> {
    prop_oneof![
        3 => "c[0-9a-z]{24}".prop_map(Cuid),
        6 => (millis(), 0..1_679_616u64, 0..1_679_616u64, any::<u64>())
            .prop_map(|(ms, counter, fingerprint, random)| {
                Cuid::from_parts(ms.max(0).unsigned_abs(), counter, fingerprint, random)
            }),
        // Precomputed embeddings use fixed ids like this one (spec §7).
        1 => Just(Cuid("c200000000000000000000000".to_owned())),
    ]
    .boxed()
}

/// A UUID-shaped id (`8-4-4-4-12` lower-case hex, any version nibble).
///
/// Shrinks towards `00000000-0000-0000-0000-000000000000`.
pub fn uuid_like() -> BoxedStrategy<UuidLike> {
    any::<u128>().prop_map(UuidLike::from_bits).boxed()
}

/// A conversation message id: `message-N`, a bare number, a cuid, or any short string.
pub fn message_id() -> BoxedStrategy<String> {
    prop_oneof![
        4 => (0..64u32).prop_map(|n| format!("message-{n}")),
        2 => (0..64u32).prop_map(|n| n.to_string()),
        3 => cuid().prop_map(|c| c.0),
        1 => hostile_short_string(),
    ]
    .boxed()
}
