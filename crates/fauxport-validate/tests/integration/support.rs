//! Shared helpers: the spec sample rows, and data-driven `check` helpers that compare the
//! validator's human output with an expected text.

use std::path::PathBuf;

use fauxport_validate::{Config, Finding, Summary, Validator};
use serde_json::Value;

/// The spec sample rows (`fixtures/spec/*.json`), by file stem, sorted.
pub(crate) fn samples() -> Vec<(String, Value)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/spec");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    assert!(
        paths.len() >= 4,
        "expected the spec samples in {}",
        dir.display()
    );
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            (stem, serde_json::from_str(&text).unwrap())
        })
        .collect()
}

/// One spec sample row by file stem.
pub(crate) fn sample(name: &str) -> Value {
    samples()
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v)
        .unwrap()
}

/// The SEED row (spec `examples/docs-sample-row.json`).
pub(crate) fn seed() -> Value {
    sample("docs-sample-row")
}

/// Validates `input` (NDJSON text) and returns every finding and the summary.
pub(crate) fn run(config: Config, input: &str) -> (Vec<Finding>, Summary) {
    let mut validator = Validator::new(config).unwrap();
    let mut findings = Vec::new();
    let summary = validator
        .validate_reader(input.as_bytes(), |f| findings.push(f.clone()))
        .unwrap();
    (findings, summary)
}

/// Compact NDJSON of `rows`, one per line, newline-terminated.
pub(crate) fn ndjson(rows: &[Value]) -> String {
    rows.iter()
        .map(|r| serde_json::to_string(r).unwrap() + "\n")
        .collect()
}

/// The human rendering of findings, one per line.
pub(crate) fn render(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| f.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Validates `rows` under `config` and compares the human output with `expect` (leading and
/// trailing whitespace of each expected line is ignored, so the text can be indented).
pub(crate) fn check_rows_with(config: Config, rows: &[Value], expect: &str) -> Summary {
    let (findings, summary) = run(config, &ndjson(rows));
    let actual = render(&findings);
    let expect = expect
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(
        actual, expect,
        "\n--- actual ---\n{actual}\n--- expected ---\n{expect}\n"
    );
    summary
}

/// [`check_rows_with`] in the default (strict) configuration on one row: `base` changed by
/// `mutate`.
pub(crate) fn check(base: Value, mutate: impl FnOnce(&mut Value), expect: &str) -> Summary {
    let mut row = base;
    mutate(&mut row);
    check_rows_with(Config::default(), &[row], expect)
}

/// The `projects` entry of a project-export row (its only value).
pub(crate) fn project(row: &mut Value) -> &mut Value {
    row["projects"]
        .as_object_mut()
        .unwrap()
        .values_mut()
        .next()
        .unwrap()
}

/// The first label of a project-export row.
pub(crate) fn label0(row: &mut Value) -> &mut Value {
    &mut project(row)["labels"][0]
}
