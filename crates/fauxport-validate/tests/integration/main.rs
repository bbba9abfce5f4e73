//! Integration tests of `fauxport_validate`, one binary with one module per area.

mod generated;
mod invariants;
mod lines;
mod mutations;
mod profiles;
mod samples;
mod support;
