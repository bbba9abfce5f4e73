//! `serve --from`: a recorded export served through the same protocol, params and filters
//! applied, lines that cannot be replayed left out (and listed).

use fauxport_gen::replay::ReplayFile;
use fauxport_gen::{Selection, World};
use fauxport_model::ExportParams;
use serde_json::{Value, json};

use crate::support::{KEY, Server, config, export_variables, world};

/// The recorded export: project 1 of the default world with every param, then two bad lines.
fn recording(name: &str) -> (std::path::PathBuf, Vec<Value>) {
    let w = world();
    let rows = w.rows(1).expect("project 1");
    let mut bytes = Vec::new();
    for i in 0..rows.len() {
        rows.write_selected(i, &Selection::rows(ExportParams::all()), &mut bytes);
    }
    let recorded: Vec<Value> = bytes
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).expect("generated rows are JSON"))
        .collect();
    bytes.extend_from_slice(b"{\"not\": \"a row\"}\n\nnot json\n");
    let path =
        // One file per test: tests run in parallel and must not rewrite each other's.
        std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("replay-{name}.ndjson"));
    std::fs::write(&path, &bytes).expect("write the recording");
    (path, recorded)
}

/// The recording indexed from memory (a `Vec<u8>` is a row store).
fn replay(path: &std::path::Path) -> (ReplayFile, Vec<fauxport_gen::replay::Problem>) {
    let bytes = std::fs::read(path).expect("readable");
    ReplayFile::index(
        std::io::Cursor::new(bytes.clone()),
        Box::new(bytes),
        fauxport_gen::replay::DEFAULT_MAX_LINE_BYTES,
    )
    .expect("indexed")
}

#[test]
fn bad_lines_are_reported_with_their_numbers() {
    let (path, recorded) = recording("bad-lines");
    let (file, problems) = replay(&path);
    let n = recorded.len() as u64;
    assert_eq!(file.projects.len(), 1);
    assert_eq!(file.projects[0].len(), n);
    let lines: Vec<u64> = problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, vec![n + 1, n + 2, n + 3], "{problems:?}");
    assert!(problems[0].message.contains("data_row"), "{problems:?}");
}

#[tokio::test]
async fn replayed_rows_are_filtered_and_shaped_like_generated_ones() {
    let (path, recorded) = recording("filtered");
    let (file, _) = replay(&path);
    let server = Server::over(
        World::from_replay(file, 7).expect("a replayable file"),
        config(),
    );
    let project = recorded[0]["projects"]
        .as_object()
        .and_then(|m| m.keys().next().cloned())
        .expect("project id");
    assert_eq!(
        server.project_id(0),
        project,
        "the recorded project id is served"
    );

    let mut params = ExportParams::none();
    params.project_details = true;
    let filter = json!([{"type": "task_queue_status", "status": "Done"}]);
    let done = server
        .export(KEY, export_variables(&project, &params, filter))
        .await;
    let streamed = server
        .read_stream(KEY, &done.id, "RESULT")
        .await
        .expect("some rows are DONE");
    let got: Vec<Value> = streamed
        .bytes
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).expect("JSON"))
        .collect();
    // The oracle: the recorded rows whose own JSON says DONE, with the params that are off removed.
    let expected: Vec<Value> = recorded
        .iter()
        .filter(|r| r["projects"][&project]["project_details"]["workflow_status"] == "DONE")
        .map(|r| {
            let mut r = r.clone();
            for key in ["attachments", "metadata_fields", "embeddings"] {
                r.as_object_mut().map(|o| o.remove(key));
            }
            r["data_row"].as_object_mut().map(|o| o.remove("details"));
            if let Some(labels) = r["projects"][&project]["labels"].as_array_mut() {
                for l in labels {
                    l.as_object_mut()
                        .map(|o| (o.remove("label_details"), o.remove("performance_details")));
                }
            }
            r
        })
        .collect();
    assert!(!expected.is_empty() && expected.len() < recorded.len());
    assert_eq!(got, expected);
    assert!(
        server.read_stream(KEY, &done.id, "ERRORS").await.is_none(),
        "a replay has no errors stream"
    );
}
