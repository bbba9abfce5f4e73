//! Fuzz entry points: one function per input a stranger can hand fauxport, each asserting what
//! must hold whatever the bytes (no panic, a bounded and well-formed answer). `fuzz/` runs them
//! under libFuzzer (`bash scripts/fuzz`, nightly Rust); the regression test
//! (`tests/regressions.rs`) runs them on stable over [`seeds`] and every input under
//! `fuzz/regressions/<target>/` (each crash found, kept).

mod seeds;
mod targets;

pub use seeds::seeds;
pub use targets::{Target, run};
