#![no_main]
//! `cargo fuzz run replay`: see `fauxport_fuzz::Target::Replay`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| fauxport_fuzz::run(fauxport_fuzz::Target::Replay, data));
