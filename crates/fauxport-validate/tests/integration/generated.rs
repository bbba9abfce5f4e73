//! Properties over the generator: every row it makes, for any seed, kind, index, params and edge
//! case rate, is valid under the strict schema and every semantic check.

use fauxport_gen::strategies::export_params;
use fauxport_gen::{ProjectKind, RowFormat, World, WorldSpec};
use fauxport_model::schema::Format;
use fauxport_validate::{Config, Validator};
use proptest::prelude::*;

fn check_rows(
    seed: u64,
    kind: ProjectKind,
    consensus: u32,
    start: u64,
    edge: f64,
    params: &fauxport_model::ExportParams,
    format: RowFormat,
) {
    let mut spec = WorldSpec::single(seed, kind, 5_000);
    spec.edge_case_rate = edge;
    spec.projects[0].consensus = consensus;
    let world = World::new(spec).expect("valid spec");
    let rows = world.rows(0).expect("project 0");
    let mut out = Vec::new();
    for i in start..start + 8 {
        rows.write(i, params, format, &mut out);
    }
    let config = Config {
        format: if format == RowFormat::V1 {
            Format::V1
        } else {
            Format::V2
        },
        expected_project: Some(rows.project().id.0.clone()),
        ..Config::default()
    };
    let mut validator = Validator::new(config).expect("schema compiles");
    let mut findings = Vec::new();
    let summary = validator
        .validate_reader(&out[..], |f| findings.push(f.to_string()))
        .expect("in memory");
    assert!(
        findings.is_empty(),
        "seed {seed}, {kind:?}, rows {start}..{}, edge {edge}: {findings:#?}",
        start + 8
    );
    assert!(summary.is_valid());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_generated_v2_row_is_valid(
        seed in any::<u64>(),
        kind in prop::sample::select(&ProjectKind::ALL[..]),
        consensus in 1u32..4,
        start in 0u64..4_990,
        hostile in any::<bool>(),
        params in export_params(),
    ) {
        check_rows(seed, kind, consensus, start, if hostile { 1.0 } else { 0.0 }, &params, RowFormat::V2);
    }

    #[test]
    fn every_generated_v1_row_is_valid(seed in any::<u64>(), start in 0u64..4_990) {
        check_rows(seed, ProjectKind::PromptResponseCreation, 1, start, 0.05, &fauxport_model::ExportParams::all(), RowFormat::V1);
    }
}
