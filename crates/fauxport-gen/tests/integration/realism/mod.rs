//! Realism: what a person reading the rows, or a pipeline learning from them, would check.
//!
//! `figures` computes each figure from exported rows; `bars` holds each to its bar on 2,000 rows
//! per kind of the default world (seed 42); `workflow` checks statuses, consensus and ids.
//! `cargo test -p fauxport-gen --test integration realism::bars::print -- --nocapture --ignored`
//! prints every figure (the README's "What the data looks like" quotes them).

mod bars;
mod figures;
mod workflow;
