//! fauxport's generator: a [`World`] built from a seed, and rows that are pure functions of
//! `(seed, project, index)`.
//!
//! ```
//! use fauxport_gen::{World, WorldSpec, ProjectKind};
//! use fauxport_model::ExportParams;
//!
//! let world = World::new(WorldSpec::single(7, ProjectKind::PromptResponseCreation, 100)).unwrap();
//! let rows = world.rows(0).unwrap();
//! let row = rows.row(42, &ExportParams::all());
//! assert_eq!(row, rows.row(42, &ExportParams::all())); // a pure function of (seed, project, index)
//! ```

pub mod content;
pub mod fixtures;
pub mod json;
pub mod ndjson;
pub mod replay;
pub mod rng;
pub mod rows;
#[cfg(feature = "proptest")]
pub mod strategies;
pub mod text;
pub mod world;

pub use rows::{RowFormat, Rows, Selection, Stream};
pub use world::{Project, ProjectKind, ProjectSpec, World, WorldSpec};
