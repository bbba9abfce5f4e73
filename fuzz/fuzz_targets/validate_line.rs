#![no_main]
//! `cargo fuzz run validate_line`: see `fauxport_fuzz::Target::ValidateLine`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| fauxport_fuzz::run(fauxport_fuzz::Target::ValidateLine, data));
