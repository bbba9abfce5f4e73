#![no_main]
//! `cargo fuzz run scenario_file`: see `fauxport_fuzz::Target::ScenarioFile`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| fauxport_fuzz::run(fauxport_fuzz::Target::ScenarioFile, data));
