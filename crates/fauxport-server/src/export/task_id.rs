//! Portable task ids: a small export's spec travels in its task id, signed with the URL secret,
//! so that any replica started with the same world and secret can answer for the task, and so
//! can a restarted one (DESIGN.md §4). The page tables are recomputed on the first use and kept.
//!
//! `fxt1.<base64url(JSON)>.<hex HMAC>`: the JSON holds the world's fingerprint (a replica with
//! another world refuses the id), the creation time, a nonce, the scenario selector and the
//! export spec. A spec whose id would be longer than [`MAX_PORTABLE_ID`] (long id filters) gets a
//! plain cuid instead, known only to the replica that made it.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use fauxport_model::filters::Filter;
use fauxport_model::{ExportParams, Param};
use serde::{Deserialize, Serialize};

use super::ExportSpec;
use super::tokens::{sign, verify};

/// The longest portable id, in bytes.
pub const MAX_PORTABLE_ID: usize = 2048;

const PREFIX: &str = "fxt1.";

/// What a portable id carries.
#[derive(Debug, Clone, PartialEq)]
pub struct Portable {
    /// [`fauxport_gen::World::fingerprint`] of the server's world.
    pub world: u64,
    /// When the task was created, Unix milliseconds.
    pub created_ms: i64,
    /// Tells apart tasks made in the same millisecond (by one replica or several).
    pub nonce: u64,
    /// The scenario it runs under, `name:seed`.
    pub scenario: String,
    /// What it exports.
    pub spec: ExportSpec,
}

/// The JSON form: short names, defaults left out.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Wire {
    w: u64,
    c: i64,
    n: u64,
    s: String,
    p: Vec<usize>,
    /// The params' flags as bits, in [`ExportParams::flags`] order.
    q: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    m: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    f: Vec<Filter>,
    /// Legacy (not streamable).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    l: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    t: Option<String>,
    /// The instant a live export sees the world at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    a: Option<i64>,
}

fn signed_part(body: &str) -> String {
    format!("task-id/{body}")
}

// The params travel as the bits of `Wire::q`, a u16.
const _: () = assert!(
    Param::ALL.len() <= 16,
    "widen Wire::q before adding a 17th param"
);

impl Portable {
    /// The id, or `None` when it would be longer than [`MAX_PORTABLE_ID`].
    pub fn encode(&self, secret: &[u8]) -> Option<String> {
        let spec = &self.spec;
        // Bit i is `Param::ALL[i]`: params are only ever appended, so old ids keep their meaning.
        let q = Param::ALL
            .iter()
            .enumerate()
            .filter(|(_, p)| spec.params.is_on(**p))
            .fold(0u16, |bits, (i, _)| bits | 1 << i);
        let wire = Wire {
            w: self.world,
            c: self.created_ms,
            n: self.nonce,
            s: self.scenario.clone(),
            p: spec.projects.clone(),
            q,
            m: spec.params.media_type_override.clone(),
            f: spec.filters.clone(),
            l: !spec.streamable,
            t: spec.task_name.clone(),
            a: spec.at,
        };
        let json = serde_json::to_vec(&wire).ok()?;
        if json.len() * 4 / 3 + PREFIX.len() + 34 > MAX_PORTABLE_ID {
            return None;
        }
        let body = URL_SAFE_NO_PAD.encode(json);
        let sig = sign(secret, &signed_part(&body));
        Some(format!("{PREFIX}{body}.{sig}"))
    }

    /// What `id` carries, when it is a portable id signed with `secret`.
    pub fn decode(id: &str, secret: &[u8]) -> Option<Portable> {
        if id.len() > MAX_PORTABLE_ID {
            return None;
        }
        let (body, sig) = id.strip_prefix(PREFIX)?.split_once('.')?;
        if !verify(secret, &signed_part(body), sig) {
            return None;
        }
        let wire: Wire = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(body).ok()?).ok()?;
        let mut params = ExportParams {
            media_type_override: wire.m,
            ..ExportParams::none()
        };
        for (i, &param) in Param::ALL.iter().enumerate() {
            params.turn(param, wire.q & (1 << i) != 0);
        }
        Some(Portable {
            world: wire.w,
            created_ms: wire.c,
            nonce: wire.n,
            scenario: wire.s,
            spec: ExportSpec {
                projects: wire.p,
                params,
                filters: wire.f,
                streamable: !wire.l,
                task_name: wire.t,
                at: wire.a,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use fauxport_model::WorkflowStatus;
    use fauxport_model::filters::TimeRange;

    use super::*;

    fn sample(filters: Vec<Filter>) -> Portable {
        let mut params = ExportParams::none();
        params.turn(Param::LabelDetails, true);
        params.turn(Param::Embeddings, true);
        params.media_type_override = Some("LLMPromptResponseCreation".into());
        Portable {
            world: 0xdead_beef,
            created_ms: 1_764_000_000_000,
            nonce: 7,
            scenario: "flaky-pages:9".into(),
            spec: ExportSpec {
                projects: vec![2, 0],
                params,
                filters,
                streamable: false,
                task_name: Some("nightly".into()),
                at: Some(1_772_366_400_123),
            },
        }
    }

    #[test]
    fn round_trips_every_part_of_a_spec() {
        let p = sample(vec![
            Filter::LastActivityAt(TimeRange {
                min_ms: Some(5),
                max_ms: None,
            }),
            Filter::GlobalKeys(BTreeSet::from(["a".to_owned(), "b".to_owned()])),
            Filter::WorkflowStatus(WorkflowStatus::Done),
        ]);
        let id = p.encode(b"s").expect("a small spec is portable");
        assert!(id.starts_with(PREFIX), "{id}");
        assert!(
            id.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)),
            "an id must be safe in a URL path: {id}"
        );
        assert_eq!(Portable::decode(&id, b"s"), Some(p.clone()));
        let plain = Portable {
            spec: ExportSpec {
                params: ExportParams::none(),
                filters: Vec::new(),
                streamable: true,
                task_name: None,
                at: None,
                ..p.spec.clone()
            },
            ..p
        };
        let id = plain.encode(b"s").expect("portable");
        assert_eq!(Portable::decode(&id, b"s"), Some(plain));
    }

    #[test]
    fn refuses_other_secrets_tampering_and_other_ids() {
        let id = sample(Vec::new()).encode(b"s").expect("portable");
        assert_eq!(Portable::decode(&id, b"other"), None);
        let (head, sig) = id.rsplit_once('.').expect("signed");
        let forged = format!("{head}x.{sig}");
        assert_eq!(Portable::decode(&forged, b"s"), None);
        for other in [
            "",
            "fxt1.",
            "fxt1..",
            "clx0000000000000000000000",
            "fxt1.e30.00",
        ] {
            assert_eq!(Portable::decode(other, b"s"), None, "{other}");
        }
    }

    #[test]
    fn long_specs_get_no_portable_id() {
        let ids: BTreeSet<String> = (0..200).map(|i| format!("clrow{i:020}")).collect();
        assert_eq!(sample(vec![Filter::DataRowIds(ids)]).encode(b"s"), None);
    }
}
