//! `--world FILE` of `serve` and `generate`: a world file and the corpus and ontology files it
//! names, read by `fauxport_gen::content::read_world_file`, with the exit codes of the contract:
//! a file that cannot be read is 3, an invalid one (TOML, a corpus line, an ontology field, a
//! value out of range) is 2, and the message names the file.

use std::path::Path;

use fauxport_gen::World;
use fauxport_gen::content::{WorldFile, read_world_file};

use crate::exit_codes::{Unreadable, Usage};

/// Reads `path` and the files it names.
pub(crate) fn read(path: &Path) -> anyhow::Result<WorldFile> {
    read_world_file(path).map_err(|e| {
        if e.is_unreadable() {
            anyhow::Error::new(Unreadable(e.to_string()))
        } else {
            anyhow::Error::new(Usage(e.to_string()))
        }
    })
}

/// Builds the world of a file read by [`read`]; an invalid spec is a usage error naming `path`.
pub(crate) fn build(path: &Path, file: WorldFile) -> anyhow::Result<World> {
    World::with_content(file.spec, file.content)
        .map_err(|e| Usage(format!("{}: {}", path.display(), e.0)).into())
}
