#![no_main]
//! `cargo fuzz run filters`: see `fauxport_fuzz::Target::Filters`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| fauxport_fuzz::run(fauxport_fuzz::Target::Filters, data));
