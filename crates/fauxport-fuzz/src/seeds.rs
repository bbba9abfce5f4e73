//! The seed corpus, read from what the repository already holds: the official SDK's query texts
//! (`protocol/sdk-queries/`) with the variables the SDK sends, the filters the docs and compat
//! suite use, the built-in scenarios, and the committed fixtures' lines.

use std::path::{Path, PathBuf};

use fauxport_model::protocol::Operation;
use fauxport_model::protocol::sdk_queries::ALL;
use serde_json::{Value, json};

use crate::Target;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The files in `dir` (relative to the repository) whose names end with `suffix`, sorted.
fn files(dir: &str, suffix: &str) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.expect("a folder entry").path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    paths.sort();
    paths
}

fn named(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// The seeds of `target`, as (name, bytes).
pub fn seeds(target: Target) -> Vec<(String, Vec<u8>)> {
    match target {
        Target::GraphqlBody => graphql_bodies(),
        Target::Filters => filters(),
        Target::ScenarioFile => files("crates/fauxport-server/scenarios", ".toml")
            .iter()
            .map(|p| (named(p), std::fs::read(p).expect("readable")))
            .collect(),
        Target::ValidateLine => fixture_lines(3),
        Target::Replay => files("fixtures", ".ndjson")
            .iter()
            .map(|p| {
                let text = std::fs::read(p).expect("readable");
                let head: Vec<u8> = text
                    .split_inclusive(|&b| b == b'\n')
                    .take(5)
                    .flatten()
                    .copied()
                    .collect();
                (named(p), head)
            })
            .collect(),
    }
}

/// The first `n` lines of every committed fixture.
fn fixture_lines(n: usize) -> Vec<(String, Vec<u8>)> {
    files("fixtures", ".ndjson")
        .iter()
        .flat_map(|p| {
            let text = std::fs::read(p).expect("readable");
            let name = named(p);
            text.split(|&b| b == b'\n')
                .filter(|l| !l.is_empty())
                .take(n)
                .enumerate()
                .map(|(i, line)| (format!("{name}.{i}"), line.to_vec()))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The variables the SDK sends with a text of `operation` (the fuzz world's project 0).
fn variables(operation: Option<Operation>) -> Value {
    let project = "clr73m8mfziop4y34n80m14q1";
    let input = |params: Value| {
        json!({"input": {
            "taskName": null,
            "filters": {"projectId": project, "searchQuery": {"scope": null, "query": [
                {"type": "workflow_status", "operator": "is", "status": "Done"}
            ]}},
            "params": params,
            "streamable": true
        }})
    };
    match operation {
        Some(Operation::ExportProject | Operation::ExportCatalog) => {
            input(json!({"includeLabelDetails": true, "includeProjectDetails": true}))
        }
        Some(Operation::CreatedTasks) => json!({"param_0": "cltask", "param_1": "cluser"}),
        Some(Operation::Header) => json!({"where": {"id": "cltask"}, "streamType": "RESULT"}),
        Some(Operation::FileFromOffset) => {
            json!({"where": {"id": "cltask"}, "streamType": "RESULT", "offset": "0"})
        }
        Some(Operation::FileFromLine) => {
            json!({"where": {"id": "cltask"}, "streamType": "RESULT", "line": 0})
        }
        Some(Operation::Project | Operation::ProjectBatches) => json!({"param_0": project}),
        _ => json!({}),
    }
}

/// Every SDK text with its variables, and a few shapes the SDK never sends.
fn graphql_bodies() -> Vec<(String, Vec<u8>)> {
    let mut seeds: Vec<(String, Vec<u8>)> = ALL
        .iter()
        .map(|q| {
            let body = json!({"query": q.text, "variables": variables(q.operation())});
            (q.file.to_owned(), body.to_string().into_bytes())
        })
        .collect();
    for (name, body) in [
        ("empty", ""),
        (
            "null-variables",
            r#"{"query":"{ user { id } }","variables":null}"#,
        ),
        (
            "fragments",
            r#"{"query":"query { ...A } fragment A on Query { user { id } }"}"#,
        ),
        (
            "aliases",
            r#"{"query":"{ a: organization { id } b: organization { id } }"}"#,
        ),
    ] {
        seeds.push((name.to_owned(), body.as_bytes().to_vec()));
    }
    seeds
}

/// The filters dict of the docs and a search-query list as the SDK sends it.
fn filters() -> Vec<(String, Vec<u8>)> {
    [
        ("dict", json!({"workflow_status": "Done"})),
        (
            "dict-dates",
            json!({"last_activity_at": ["2024-01-01", "2024-12-31 23:59:59"], "label_created_at": [null, "2025-01-01T00:00:00Z"]}),
        ),
        (
            "dict-ids",
            json!({"data_row_ids": ["clnosuchrow00000000000000"], "global_keys": ["k1"], "batch_ids": ["b"]}),
        ),
        (
            "search-query",
            json!([
                {"type": "workflow_status", "operator": "is", "status": "InReview"},
                {"type": "task_queue_status", "status": "Done"},
                {"type": "data_row_id", "operator": "is", "ids": ["a", "b"]}
            ]),
        ),
    ]
    .into_iter()
    .map(|(name, v)| (name.to_owned(), v.to_string().into_bytes()))
    .collect()
}
