//! [`Content`]: the corpus and ontology files a world holds, read and checked (the world keeps it;
//! reading is in [`super::read_world_file`]).

use std::sync::Arc;

use super::corpus::Corpus;
use super::ontology_file::OntologyFile;
use crate::rng::hash_key;

/// The files a world file names, read and checked. Cheap to clone.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Content {
    /// The corpus, when the world names one.
    pub corpus: Option<Arc<Corpus>>,
    /// The ontology file of each project, by project index (missing at the end: none).
    pub ontologies: Vec<Option<Arc<OntologyFile>>>,
}

impl Content {
    /// Whether there is nothing: the world is fully generated.
    pub fn is_empty(&self) -> bool {
        self.corpus.is_none() && self.ontologies.iter().all(Option::is_none)
    }

    /// Project `p`'s ontology file.
    pub fn ontology(&self, p: usize) -> Option<&OntologyFile> {
        self.ontologies.get(p).and_then(|o| o.as_deref())
    }

    /// A digest of the content, `None` when empty (the world's fingerprint is then unchanged).
    pub fn digest(&self) -> Option<u64> {
        if self.is_empty() {
            return None;
        }
        let mut d = hash_key(&[self.corpus.as_ref().map_or(0, |c| c.digest())]);
        for (p, o) in self.ontologies.iter().enumerate() {
            if let Some(o) = o {
                d = hash_key(&[d, p as u64, o.digest()]);
            }
        }
        Some(d)
    }
}
