//! The committed fixture set: which files `fixtures/` holds and how each is made.
//!
//! `fauxport fixtures` writes them; a test regenerates them in memory and fails when the committed
//! bytes drift from the generator.

use fauxport_model::ExportParams;

use crate::ndjson::{WriteConfig, write_rows};
use crate::rows::RowFormat;
use crate::world::{ProjectKind, World, WorldSpec};

/// One fixture file.
#[derive(Debug, Clone)]
pub struct Fixture {
    /// File name inside `fixtures/`.
    pub file: String,
    /// The project kind.
    pub kind: ProjectKind,
    /// Rows in the project (the file may hold fewer lines: failed rows, v1 unlabelled rows).
    pub rows: u64,
    /// The seed.
    pub seed: u64,
    /// Which optional parts rows carry.
    pub params: ExportParams,
    /// v2 or v1.
    pub format: RowFormat,
    /// Share of hostile rows.
    pub edge_case_rate: f64,
}

/// The seed of every fixture.
pub const FIXTURE_SEED: u64 = 7;

/// The fixture set: each kind with params all on and all off, v1, and one edge-case file.
pub fn fixtures() -> Vec<Fixture> {
    let base = |kind: ProjectKind, tag: &str, params: ExportParams| Fixture {
        file: format!("{}.{tag}.ndjson", kind.slug()),
        kind,
        rows: 25,
        seed: FIXTURE_SEED,
        params,
        format: RowFormat::V2,
        edge_case_rate: 0.0,
    };
    let mut set = Vec::new();
    for kind in ProjectKind::ALL {
        set.push(base(kind, "all-params", ExportParams::all()));
        set.push(base(kind, "no-params", ExportParams::none()));
    }
    set.push(Fixture {
        format: RowFormat::V1,
        ..base(
            ProjectKind::PromptResponseCreation,
            "v1",
            ExportParams::all(),
        )
    });
    set.push(Fixture {
        rows: 30,
        edge_case_rate: 1.0,
        ..base(
            ProjectKind::PromptResponseCreation,
            "edge-cases",
            ExportParams::all(),
        )
    });
    set
}

impl Fixture {
    /// The world the fixture is drawn from.
    pub fn world_spec(&self) -> WorldSpec {
        let mut spec = WorldSpec::single(self.seed, self.kind, self.rows);
        spec.edge_case_rate = self.edge_case_rate;
        spec
    }

    /// The fixture's bytes.
    pub fn render(&self) -> Vec<u8> {
        let mut out = Vec::new();
        // The spec is built here from known-good values, so the world always builds.
        if let Ok(world) = World::new(self.world_spec())
            && let Some(rows) = world.rows(0)
        {
            let mut config = WriteConfig::new(self.params.clone(), 1);
            config.selection.format = self.format;
            let _ = write_rows(rows, 0..self.rows, &config, &mut out, &mut |_| {});
        }
        out
    }
}
