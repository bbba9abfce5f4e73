//! Huge rows: off by default and byte-neutral at rate 0, one huge text per row at rate 1, and
//! as deterministic as every other row.

use fauxport_gen::ndjson::{WriteConfig, write_rows};
use fauxport_gen::{ProjectKind, RowFormat, World, WorldSpec};
use fauxport_model::ExportParams;
use serde_json::Value;

const MIB: u64 = 1 << 20;

fn spec(seed: u64, kind: ProjectKind, rows: u64, rate: f64, bytes: u64) -> WorldSpec {
    let mut spec = WorldSpec::single(seed, kind, rows);
    spec.huge_row_rate = rate;
    spec.huge_row_bytes = bytes;
    spec
}

fn ndjson(spec: WorldSpec, format: RowFormat, threads: usize, chunk_rows: u64) -> Vec<u8> {
    let n = spec.projects[0].rows;
    let w = World::new(spec).expect("a valid spec");
    let mut config = WriteConfig {
        chunk_rows,
        ..WriteConfig::new(ExportParams::all(), threads)
    };
    config.selection.format = format;
    let mut out = Vec::new();
    write_rows(
        w.rows(0).expect("project"),
        0..n,
        &config,
        &mut out,
        &mut |_| {},
    )
    .expect("in-memory write");
    out
}

/// Lengths of every string in a row, looking inside strings that hold JSON (conversations).
fn text_lengths(v: &Value, out: &mut Vec<usize>) {
    match v {
        Value::String(s) => match serde_json::from_str::<Value>(s) {
            Ok(inner @ Value::Object(_)) => text_lengths(&inner, out),
            _ => out.push(s.len()),
        },
        Value::Array(items) => items.iter().for_each(|i| text_lengths(i, out)),
        Value::Object(map) => map.values().for_each(|i| text_lengths(i, out)),
        _ => {}
    }
}

/// The texts of row `i` longer than `min` bytes.
fn long_texts(w: &World, i: u64, min: usize) -> Vec<usize> {
    let row = w.rows(0).expect("project").row(i, &ExportParams::all());
    let mut lengths = Vec::new();
    text_lengths(
        &serde_json::to_value(&row).expect("serialise"),
        &mut lengths,
    );
    lengths.retain(|&n| n > min);
    lengths
}

fn within_ten_percent(len: usize, target: u64) -> bool {
    (len as f64 - target as f64).abs() <= target as f64 / 10.0
}

#[test]
fn rate_zero_gives_no_huge_rows_and_the_same_bytes() {
    for kind in ProjectKind::ALL {
        let before = ndjson(WorldSpec::single(3, kind, 40), RowFormat::V2, 1, 256);
        for bytes in [MIB, 10, 200 * MIB] {
            let off = spec(3, kind, 40, 0.0, bytes);
            let w = World::new(off.clone()).expect("spec");
            assert!((0..40).all(|i| !w.rows(0).expect("project").plan(i).huge));
            assert!(
                ndjson(off, RowFormat::V2, 1, 256) == before,
                "{kind:?}: rate 0 with {bytes} bytes changed a byte"
            );
        }
    }
}

#[test]
fn rate_one_makes_every_row_carry_one_huge_text() {
    for kind in ProjectKind::ALL {
        let mut s = spec(4, kind, 12, 1.0, MIB);
        // Prompt(-response) creation keeps its text in labels: make every row have one.
        s.projects[0].label_rate = 1.0;
        s.projects[0].skip_rate = 0.0;
        s.projects[0].consensus = 3;
        let w = World::new(s.clone()).expect("spec");
        let rows = w.rows(0).expect("project");
        for i in 0..12 {
            assert!(rows.plan(i).huge, "{kind:?} row {i} not huge");
            let long = long_texts(&w, i, (MIB / 2) as usize);
            assert!(
                long.len() == 1 && within_ten_percent(long[0], MIB),
                "{kind:?} row {i}: texts over 512 KiB {long:?}"
            );
        }
        // The line itself is about the target too (JSON escaping adds a little).
        let out = ndjson(s, RowFormat::V2, 2, 256);
        for (i, line) in out
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .enumerate()
        {
            assert!(
                within_ten_percent(line.len(), MIB),
                "{kind:?} line {i}: {} bytes",
                line.len()
            );
        }
    }
}

#[test]
fn unlabelled_rows_of_label_kinds_stay_small() {
    let w = World::new(spec(5, ProjectKind::PromptCreation, 60, 1.0, 256 * 1024)).expect("spec");
    let rows = w.rows(0).expect("project");
    let (mut huge, mut bare) = (0, 0);
    for i in 0..60 {
        let plan = rows.plan(i);
        assert!(plan.huge);
        let long = long_texts(&w, i, 128 * 1024);
        if plan.labels.iter().any(|l| !l.skipped) {
            assert!(long.len() == 1 && within_ten_percent(long[0], 256 * 1024));
            huge += 1;
        } else {
            assert!(long.is_empty(), "row {i}: {long:?}");
            bare += 1;
        }
    }
    assert!(huge > 30 && bare > 0, "{huge} huge, {bare} without a label");
}

#[test]
fn a_partial_rate_changes_only_the_rows_it_makes_huge() {
    for kind in ProjectKind::ALL {
        let off = ndjson(spec(6, kind, 200, 0.0, 32 * 1024), RowFormat::V2, 1, 256);
        let on_spec = spec(6, kind, 200, 0.3, 32 * 1024);
        let w = World::new(on_spec.clone()).expect("spec");
        let calm = World::new(spec(6, kind, 200, 0.0, 32 * 1024)).expect("spec");
        let on = ndjson(on_spec, RowFormat::V2, 1, 256);
        let mut off_lines = off.split(|&b| b == b'\n');
        let mut on_lines = on.split(|&b| b == b'\n');
        let mut huge = 0;
        for i in 0..200 {
            let plan = w.rows(0).expect("project").plan(i);
            let mut calm_plan = calm.rows(0).expect("project").plan(i);
            calm_plan.huge = plan.huge;
            assert_eq!(plan, calm_plan, "{kind:?} row {i}: the plan changed");
            if plan.failed {
                continue;
            }
            let (a, b) = (off_lines.next(), on_lines.next());
            if plan.huge {
                huge += 1;
            } else {
                assert!(a == b, "{kind:?} row {i}: a row that is not huge changed");
            }
        }
        assert!((30..=90).contains(&huge), "{kind:?}: {huge} of 200 huge");
    }
}

#[test]
fn same_seed_same_bytes_on_any_threads_and_chunks() {
    for kind in ProjectKind::ALL {
        for format in [RowFormat::V2, RowFormat::V1] {
            let s = spec(8, kind, 30, 0.5, 100_000);
            let reference = ndjson(s.clone(), format, 1, 256);
            assert!(reference.len() > 500_000, "{kind:?}: too small");
            for (threads, chunk) in [(1, 256), (3, 1), (2, 7)] {
                assert!(
                    ndjson(s.clone(), format, threads, chunk) == reference,
                    "{kind:?} {format:?}: {threads} threads, chunks of {chunk} differ"
                );
            }
            let other_seed = ndjson(spec(9, kind, 30, 0.5, 100_000), format, 1, 256);
            assert!(other_seed != reference);
        }
    }
}
