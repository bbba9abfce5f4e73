//! The spec's sample rows are valid: no findings at all, in both profiles.

use fauxport_validate::{Config, Profile};

use crate::support::{check_rows_with, samples};

#[test]
fn every_spec_sample_is_valid() {
    for profile in [Profile::Strict, Profile::Lenient] {
        let rows: Vec<_> = samples().into_iter().map(|(_, v)| v).collect();
        let summary = check_rows_with(
            Config {
                profile,
                ..Config::default()
            },
            &rows,
            "",
        );
        assert_eq!(
            (
                summary.rows,
                summary.valid_rows,
                summary.errors,
                summary.warnings
            ),
            (4, 4, 0, 0)
        );
    }
}

#[test]
fn each_spec_sample_is_valid_alone() {
    for (name, row) in samples() {
        let summary = check_rows_with(Config::default(), std::slice::from_ref(&row), "");
        assert!(summary.is_valid(), "{name}");
    }
}
