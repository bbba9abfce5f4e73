//! Integration tests of the generator: determinism, params, fixtures, huge rows, snapshots,
//! realism.

mod corpus;
mod determinism;
mod fixtures;
mod huge;
mod realism;
mod snapshots;
#[cfg(feature = "proptest")]
mod strategies;

use fauxport_gen::{ProjectKind, World, WorldSpec};

/// A one-project world.
pub(crate) fn world(seed: u64, kind: ProjectKind, rows: u64) -> World {
    World::new(WorldSpec::single(seed, kind, rows)).expect("a valid spec")
}
