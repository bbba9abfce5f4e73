//! A row is a pure function of (seed, project, index): threads, chunking and ranges change nothing.

use fauxport_gen::ndjson::{WriteConfig, write_rows};
use fauxport_gen::{ProjectKind, RowFormat};
use fauxport_model::ExportParams;

use crate::world;

fn render(
    kind: ProjectKind,
    rows: u64,
    range: std::ops::Range<u64>,
    threads: usize,
    chunk_rows: u64,
) -> Vec<u8> {
    let w = world(11, kind, rows);
    let config = WriteConfig {
        chunk_rows,
        ..WriteConfig::new(ExportParams::all(), threads)
    };
    let mut out = Vec::new();
    write_rows(
        w.rows(0).expect("project 0"),
        range,
        &config,
        &mut out,
        &mut |_| {},
    )
    .expect("in-memory write");
    out
}

#[test]
fn bytes_do_not_depend_on_threads_or_chunking() {
    for kind in ProjectKind::ALL {
        let reference = render(kind, 300, 0..300, 1, 256);
        assert!(
            reference.len() > 300 * 500,
            "{kind:?}: suspiciously small output"
        );
        for (threads, chunk) in [(2, 256), (2, 1), (3, 7), (8, 50)] {
            assert!(
                render(kind, 300, 0..300, threads, chunk) == reference,
                "{kind:?}: {threads} threads, chunks of {chunk} differ from 1 thread"
            );
        }
    }
}

#[test]
fn a_range_alone_equals_its_slice_of_the_whole() {
    let whole = render(ProjectKind::PromptResponseCreation, 200, 0..200, 1, 256);
    let lines: Vec<&[u8]> = whole.split_inclusive(|&b| b == b'\n').collect();
    assert_eq!(lines.len(), 200);
    let part = render(ProjectKind::PromptResponseCreation, 200, 120..170, 2, 3);
    assert_eq!(part, lines[120..170].concat());
}

#[test]
fn same_seed_same_world_other_seed_other_rows() {
    let a = world(5, ProjectKind::ResponseCreation, 10);
    let b = world(5, ProjectKind::ResponseCreation, 10);
    let c = world(6, ProjectKind::ResponseCreation, 10);
    let row = |w: &fauxport_gen::World| w.rows(0).expect("project").row(3, &ExportParams::all());
    assert_eq!(row(&a), row(&b));
    assert_ne!(row(&a), row(&c));
}

#[test]
fn turning_a_param_off_only_removes_its_keys() {
    let w = world(3, ProjectKind::PromptResponseCreation, 50);
    let rows = w.rows(0).expect("project");
    for i in 0..50 {
        let full = rows.row(i, &ExportParams::all());
        let bare = rows.row(i, &ExportParams::none());
        let mut stripped = full.clone();
        stripped.data_row.details = None;
        stripped.attachments = None;
        stripped.metadata_fields = None;
        stripped.embeddings = None;
        for entry in stripped.projects.values_mut() {
            entry.project_details = None;
            for label in &mut entry.labels {
                label.label_details = None;
                label.performance_details = None;
            }
        }
        assert_eq!(stripped, bare, "row {i}");
        assert!(bare.attachments.is_none() && bare.data_row.details.is_none());
    }
}

#[test]
fn v1_writes_one_line_per_label() {
    let w = world(9, ProjectKind::PromptResponseCreation, 100);
    let rows = w.rows(0).expect("project");
    let labels: usize = (0..100).map(|i| rows.plan(i).labels.len()).sum();
    let mut config = WriteConfig::new(ExportParams::all(), 2);
    config.selection.format = RowFormat::V1;
    let mut out = Vec::new();
    write_rows(rows, 0..100, &config, &mut out, &mut |_| {}).expect("in-memory write");
    let lines = out.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count();
    assert!(labels > 50, "too few labels to test: {labels}");
    assert_eq!(lines, labels);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    #[test]
    fn any_seed_any_threads_same_bytes(
        seed in proptest::prelude::any::<u64>(),
        kind in proptest::sample::select(&ProjectKind::ALL[..]),
        threads in 2usize..5,
        chunk in 1u64..40,
        n in 1u64..120,
    ) {
        let w = world(seed, kind, n);
        let rows = w.rows(0).expect("project 0");
        let write = |threads: usize, chunk_rows: u64| {
            let config = WriteConfig { chunk_rows, ..WriteConfig::new(ExportParams::all(), threads) };
            let mut out = Vec::new();
            write_rows(rows, 0..n, &config, &mut out, &mut |_| {}).expect("in-memory write");
            out
        };
        proptest::prop_assert!(write(1, 256) == write(threads, chunk));
    }
}
