#![no_main]
//! `cargo fuzz run graphql_body`: see `fauxport_fuzz::Target::GraphqlBody`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| fauxport_fuzz::run(fauxport_fuzz::Target::GraphqlBody, data));
