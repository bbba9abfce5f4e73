//! [`World::fingerprint`]: the digest caches, task ids and replicas tell worlds apart by.

use super::{ProjectSpec, World, WorldSpec};
use crate::rng::hash_key;

impl World {
    /// A stable 64-bit digest of everything rows depend on, for caches and task ids.
    ///
    /// The huge-row fields count only when `huge_row_rate` is not 0, and `error_messages` only
    /// when it is not empty, so worlds without them keep the digest they had before they existed.
    /// A world with content (a corpus, ontology files) adds the content's digest, not the files'
    /// paths: the same files under other names make the same world.
    pub fn fingerprint(&self) -> u64 {
        let spec = format!("{:?}", FingerprintView(&self.spec));
        let digest = hash_key(&[self.spec.seed, crate::rng::hash_str(&spec)]);
        match self.content.digest() {
            None => digest,
            Some(content) => hash_key(&[digest, content]),
        }
    }
}

/// What [`World::fingerprint`] hashes: the spec's derived `Debug` text as it was before huge
/// rows, with `huge_row_rate` and `huge_row_bytes` written only when huge rows are on. At rate 0
/// no byte of any row depends on them, and existing worlds keep their fingerprints.
struct FingerprintView<'a>(&'a WorldSpec);

impl std::fmt::Debug for FingerprintView<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = self.0;
        let mut d = f.debug_struct("WorldSpec");
        d.field("seed", &s.seed)
            .field("start", &s.start)
            .field("end", &s.end)
            .field("edge_case_rate", &s.edge_case_rate);
        if s.huge_row_rate != 0.0 {
            d.field("huge_row_rate", &s.huge_row_rate)
                .field("huge_row_bytes", &s.huge_row_bytes);
        }
        if !s.error_messages.is_empty() {
            d.field("error_messages", &s.error_messages);
        }
        if let Some(clock) = &s.clock {
            d.field("clock", clock);
        }
        // Rows depend on these too; written only when not the default, so worlds that leave
        // them alone keep their digest.
        if s.annotator_noise != super::spec::default_annotator_noise() {
            d.field("annotator_noise", &s.annotator_noise);
        }
        if s.multi_turn_rate != super::spec::default_multi_turn_rate() {
            d.field("multi_turn_rate", &s.multi_turn_rate);
        }
        let projects: Vec<ProjectView<'_>> = s.projects.iter().map(ProjectView).collect();
        d.field("projects", &projects).finish()
    }
}

/// A project's derived `Debug` text as it was before ontology files: the file's path is not
/// written (its content counts through [`crate::content::Content::digest`]).
struct ProjectView<'a>(&'a ProjectSpec);

impl std::fmt::Debug for ProjectView<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let p = self.0;
        f.debug_struct("ProjectSpec")
            .field("kind", &p.kind)
            .field("rows", &p.rows)
            .field("name", &p.name)
            .field("label_rate", &p.label_rate)
            .field("consensus", &p.consensus)
            .field("skip_rate", &p.skip_rate)
            .field("error_rate", &p.error_rate)
            .field("batch_size", &p.batch_size)
            .field("nesting_depth", &p.nesting_depth)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use crate::world::{ProjectKind, World, WorldError, WorldSpec};

    fn world(spec: WorldSpec) -> Result<World, WorldError> {
        World::new(spec)
    }

    #[test]
    fn fingerprints_of_worlds_without_huge_rows_did_not_change() {
        // Digests taken before `huge_row_rate` and `huge_row_bytes` existed.
        for (spec, before) in [
            (
                WorldSpec::default_world(42, 1000),
                0xc3c9_28d1_f6b5_ab98_u64,
            ),
            (
                WorldSpec::single(7, ProjectKind::PromptResponseCreation, 25),
                0x01e5_fc00_eca5_353c,
            ),
            (
                WorldSpec::single(7, ProjectKind::ConversationalPreference, 30),
                0x6d2a_3285_158c_6c55,
            ),
        ] {
            let mut other_bytes = spec.clone();
            other_bytes.huge_row_bytes = 12_345;
            for s in [spec, other_bytes] {
                assert_eq!(world(s).expect("valid").fingerprint(), before);
            }
        }
    }

    #[test]
    fn huge_rows_change_the_fingerprint() {
        let base = WorldSpec::single(7, ProjectKind::ResponseCreation, 10);
        let mut huge = base.clone();
        huge.huge_row_rate = 0.5;
        let mut bigger = huge.clone();
        bigger.huge_row_bytes *= 2;
        let prints = [base, huge, bigger].map(|s| world(s).expect("valid").fingerprint());
        assert_ne!(prints[0], prints[1]);
        assert_ne!(prints[1], prints[2]);
    }

    #[test]
    fn preference_settings_change_the_fingerprint() {
        // Rows depend on them (which output raters pick, how many turns a conversation has),
        // so caches and task ids must too.
        let base = WorldSpec::single(7, ProjectKind::ConversationalPreference, 10);
        let mut noisy = base.clone();
        noisy.annotator_noise = 0.3;
        let mut chatty = base.clone();
        chatty.multi_turn_rate = 0.9;
        let prints = [base, noisy, chatty].map(|s| world(s).expect("valid").fingerprint());
        assert_ne!(prints[0], prints[1]);
        assert_ne!(prints[0], prints[2]);
        assert_ne!(prints[1], prints[2]);
    }
}
