//! Criterion benchmarks: planning, rendering and serialising rows, one core.
//!
//! `cargo bench -p fauxport-gen`. Throughput is reported in bytes of NDJSON, so MB/s figures
//! compare directly with `fauxport generate` and with serde_json alone (the `serialise` group).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use fauxport_gen::{ProjectKind, RowFormat, World, WorldSpec};
use fauxport_model::ExportParams;

fn bench(c: &mut Criterion) {
    let world = World::new(WorldSpec::single(
        42,
        ProjectKind::PromptResponseCreation,
        1_000_000,
    ))
    .expect("a valid spec");
    let rows = world.rows(0).expect("project 0");
    let params = ExportParams::all();
    const N: u64 = 1000;
    let mut sample = Vec::new();
    for i in 0..N {
        rows.write(i, &params, RowFormat::V2, &mut sample);
    }
    let bytes = sample.len() as u64;
    let rendered: Vec<_> = (0..N).map(|i| rows.row(i, &params)).collect();

    let mut g = c.benchmark_group("rows");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("plan 1000 rows", |b| {
        b.iter(|| {
            (0..N)
                .map(|i| black_box(rows.plan(i)).labels.len())
                .sum::<usize>()
        })
    });
    g.bench_function("render 1000 rows (no serialisation)", |b| {
        b.iter(|| {
            (0..N)
                .map(|i| black_box(rows.row(i, &params)).projects.len())
                .sum::<usize>()
        })
    });
    g.bench_function("serialise 1000 rendered rows (serde_json alone)", |b| {
        let mut out = Vec::with_capacity(sample.len());
        b.iter(|| {
            out.clear();
            for r in &rendered {
                fauxport_gen::json::write_line(r, &mut out);
            }
            out.len()
        })
    });
    g.bench_function("generate 1000 rows (plan + render + serialise)", |b| {
        let mut out = Vec::with_capacity(sample.len());
        b.iter(|| {
            out.clear();
            for i in 0..N {
                rows.write(i, &params, RowFormat::V2, &mut out);
            }
            out.len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
