//! Exports through the SDK's own sequence of calls, compared byte for byte with the rows
//! `fauxport-gen` renders directly: every project kind, several params, both streams, legacy
//! tasks, failed tasks, catalog exports and the plain download.

use std::time::Duration;

use fauxport_gen::Stream;
use fauxport_model::ExportParams;
use fauxport_server::export::tokens::FileRef;
use serde_json::{Value, json};

use crate::sdk;
use crate::support::{
    ERRORS_PROJECT, KEY, PAGE_ROWS, Server, config, count_lines, export_variables, params_combos,
    path_of, server, stream_name, truth,
};

/// Exports project `p` with `params` and the filter list `query` through the SDK flow and checks
/// both streams against the ground truth: bytes, header totals, `null` header when empty.
async fn check(s: &Server, key: &str, p: usize, params: &ExportParams, query: Value) {
    let what = format!("project {p}, params {params:?}, filters {query}");
    let done = s
        .export(
            key,
            export_variables(&s.project_id(p), params, query.clone()),
        )
        .await;
    assert!(done.streamable, "{what}: isStreamable");
    assert_eq!(done.task["status"], "COMPLETE", "{what}: {}", done.task);
    assert_eq!(done.task["type"], "export-data-rows", "{what}");
    assert_eq!(
        done.task["result"],
        Value::Null,
        "{what}: streamable tasks have no result URL"
    );
    assert_eq!(
        done.task["errors"],
        Value::Null,
        "{what}: streamable tasks have no errors URL"
    );
    for stream in [Stream::Result, Stream::Errors] {
        let expected = truth(s.world(), p, params, &query, stream);
        let got = s.read_stream(key, &done.id, stream_name(stream)).await;
        match got {
            None => assert!(
                expected.is_empty(),
                "{what}: {stream:?} header is null but {} bytes are expected",
                expected.len()
            ),
            Some(got) => {
                assert!(
                    !expected.is_empty(),
                    "{what}: {stream:?} of an empty stream must have a null header"
                );
                assert_eq!(
                    got.total_size,
                    expected.len() as u64,
                    "{what}: {stream:?} totalSize"
                );
                assert_eq!(
                    got.total_lines,
                    count_lines(&expected),
                    "{what}: {stream:?} totalLines"
                );
                assert!(
                    got.bytes == expected,
                    "{what}: {stream:?} bytes differ from the ground truth"
                );
            }
        }
    }
}

#[tokio::test]
async fn every_project_kind_and_params_combination_matches_the_ground_truth() {
    let s = server();
    for p in 0..s.world().projects.len() {
        for (_, params) in params_combos() {
            check(s, KEY, p, &params, json!([])).await;
        }
    }
}

#[tokio::test]
async fn filtered_exports_match_the_ground_truth() {
    let s = server();
    let rows = s.world().rows(0).expect("project 0");
    let ids: Vec<String> = (0..20)
        .map(|i| rows.plan(i * 7).id.as_str().to_owned())
        .collect();
    let keys: Vec<String> = (0..20).map(|i| rows.plan(i * 11).global_key).collect();
    let batch = rows.plan(120).batch.id.as_str().to_owned();
    for query in [
        json!([{"ids": ids, "operator": "is", "type": "data_row_id"}]),
        json!([{"ids": keys, "operator": "is", "type": "global_key"}]),
        json!([{"ids": [batch], "operator": "is", "type": "batch"}]),
        json!([{"type": "task_queue_not_exist"}]),
        json!([{"type": "task_queue_status", "status": "Done"}]),
        json!([{"type": "data_row_last_activity_at", "value": {"operator": "BETWEEN", "timezone": "UTC",
            "value": {"min": "2000-01-01 00:00:00", "max": "2050-01-01 00:00:00"}}}]),
        json!([{"type": "labeled_at", "value": {"operator": "GREATER_THAN_OR_EQUAL", "timezone": null, "value": "2000-01-01"}}]),
    ] {
        let rows = truth(s.world(), 0, &ExportParams::all(), &query, Stream::Result);
        assert!(!rows.is_empty(), "{query} is meant to keep some rows");
        check(s, KEY, 0, &ExportParams::all(), query).await;
    }
    // The errors stream is filtered too.
    check(
        s,
        KEY,
        ERRORS_PROJECT,
        &ExportParams::all(),
        json!([{"type": "task_queue_not_exist"}]),
    )
    .await;
}

#[tokio::test]
async fn an_export_that_matches_nothing_has_null_headers() {
    let s = server();
    let query = json!([{"ids": ["no-such-row"], "operator": "is", "type": "data_row_id"}]);
    let done = s
        .export(
            KEY,
            export_variables(&s.project_id(0), &ExportParams::all(), query),
        )
        .await;
    assert_eq!(done.task["status"], "COMPLETE");
    for stream in ["RESULT", "ERRORS"] {
        assert_eq!(
            s.header(KEY, &done.id, stream).await,
            None,
            "{stream} header"
        );
        assert_eq!(
            s.file_from_offset(KEY, &done.id, stream, json!("0")).await,
            None,
            "{stream} page at 0"
        );
        assert_eq!(
            s.file_from_line(KEY, &done.id, stream, json!(0)).await,
            None,
            "{stream} page at line 0"
        );
    }
}

#[tokio::test]
async fn the_errors_stream_of_the_response_creation_project_is_not_empty() {
    let s = server();
    let params = ExportParams::none();
    let done = s
        .export(
            KEY,
            export_variables(&s.project_id(ERRORS_PROJECT), &params, json!([])),
        )
        .await;
    let got = s
        .read_stream(KEY, &done.id, "ERRORS")
        .await
        .expect("a non-empty ERRORS stream");
    let expected = truth(
        s.world(),
        ERRORS_PROJECT,
        &params,
        &json!([]),
        Stream::Errors,
    );
    assert!(!expected.is_empty());
    assert!(
        got.bytes == expected,
        "ERRORS bytes differ from the ground truth"
    );
    let project_id = s.project_id(ERRORS_PROJECT);
    for line in got.bytes.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        let v: Value = serde_json::from_slice(line).expect("each error line is JSON");
        assert_eq!(v["project_id"], project_id.as_str(), "{v}");
        assert!(
            v["data_row_id"].is_string() && v["error"].is_string(),
            "{v}"
        );
    }
}

#[tokio::test]
async fn export_v2_requests_are_answered_streamable() {
    // `export_v2()` sends `streamable: false`; the recommended answer is still `isStreamable: true`.
    let s = server();
    let mut vars = s.bare_export(1);
    vars["input"]["streamable"] = json!(false);
    vars["input"]["taskName"] = json!("v2 export");
    let done = s.export(KEY, vars).await;
    assert!(done.streamable);
    assert_eq!(done.task["name"], "v2 export");
    let got = s.read_stream(KEY, &done.id, "RESULT").await.expect("rows");
    assert!(
        got.bytes
            == truth(
                s.world(),
                1,
                &ExportParams::none(),
                &json!([]),
                Stream::Result
            )
    );
}

#[tokio::test]
async fn legacy_tasks_serve_whole_files_at_result_and_errors_urls() {
    let s = server();
    let key = "fauxport:legacy-export";
    for p in [0, ERRORS_PROJECT] {
        let params = ExportParams::all();
        let mut vars = export_variables(&s.project_id(p), &params, json!([]));
        vars["input"]["streamable"] = json!(false);
        let done = s.export(key, vars).await;
        assert!(!done.streamable, "legacy tasks answer isStreamable: false");
        assert_eq!(done.task["status"], "COMPLETE");
        let result = done.task["result"]
            .as_str()
            .unwrap_or_else(|| panic!("a result URL: {}", done.task));
        assert!(result.starts_with("http://"), "absolute URL: {result}");
        let body = s.get(result).await;
        assert_eq!(body.status, 200);
        assert!(
            body.body == truth(s.world(), p, &params, &json!([]), Stream::Result),
            "legacy result of project {p}"
        );
        let errors = truth(s.world(), p, &params, &json!([]), Stream::Errors);
        match done.task["errors"].as_str() {
            None => {
                assert_eq!(done.task["errors"], Value::Null);
                assert!(
                    errors.is_empty(),
                    "project {p} has error lines but no errors URL"
                );
            }
            Some(url) => {
                let body = s.get(url).await;
                assert_eq!(body.status, 200);
                assert!(
                    !errors.is_empty() && body.body == errors,
                    "legacy errors of project {p}"
                );
            }
        }
    }
}

#[tokio::test]
async fn failed_task_scenario_ends_failed() {
    let s = server();
    let done = s.export("fauxport:failed-task", s.bare_export(0)).await;
    assert_eq!(done.task["status"], "FAILED", "{}", done.task);
}

#[tokio::test]
async fn tasks_are_visible_at_once_and_in_progress_until_ready() {
    let mut c = config();
    c.export.task_delay = Duration::from_secs(1);
    let s = Server::new(c);
    let (id, _) = s.start_export(KEY, s.bare_export(0)).await;
    let user = s.user_id(KEY).await;
    let first = s.task(KEY, &user, &id).await;
    assert_eq!(first["status"], "IN_PROGRESS", "{first}");
    assert_eq!(
        s.header(KEY, &id, "RESULT").await,
        None,
        "no header before the task completes"
    );
    let done = s.wait(KEY, &user, &id).await;
    assert_eq!(done["status"], "COMPLETE");
    assert!(s.header(KEY, &id, "RESULT").await.is_some());
}

/// A page URL with its `sig` or `expires` changed.
fn with_query(url: &str, expires: &str, sig: &str) -> String {
    let path = path_of(url).split('?').next().unwrap_or_default();
    format!("{path}?expires={expires}&sig={sig}")
}

#[tokio::test]
async fn page_urls_behave_like_presigned_urls() {
    let mut c = config();
    c.export.max_tasks = 1;
    c.export.page_cache_bytes = 0;
    let s = Server::new(c);
    let secret = s.state.config.url_secret.clone();
    let vars = s.bare_export(0);
    let vars_again = vars.clone();
    let done = s.export(KEY, vars.clone()).await;
    let info = s
        .file_from_offset(KEY, &done.id, "RESULT", json!("0"))
        .await
        .expect("page 0");
    assert_eq!(s.get(&info.file).await.status, 200);

    let query = path_of(&info.file)
        .split_once('?')
        .map(|(_, q)| q.to_owned())
        .unwrap_or_default();
    let expires = query
        .split('&')
        .find_map(|kv| kv.strip_prefix("expires="))
        .unwrap_or_default()
        .to_owned();
    let sig = query
        .split('&')
        .find_map(|kv| kv.strip_prefix("sig="))
        .unwrap_or_default()
        .to_owned();
    let mut tampered = sig.clone().into_bytes();
    tampered[0] = if tampered[0] == b'0' { b'1' } else { b'0' };
    let tampered = String::from_utf8(tampered).unwrap_or_default();
    let soon: u64 = expires.parse::<u64>().unwrap_or_default();
    let later = soon + 1;
    let signed = |task: &str, stream: &str, page: Option<usize>, expires: u64| {
        FileRef {
            task: task.to_owned(),
            stream: stream.to_owned(),
            page,
            expires,
        }
        .path(&secret)
    };
    let cases: Vec<(&str, String, u16)> = vec![
        (
            "tampered signature",
            with_query(&info.file, &expires, &tampered),
            403,
        ),
        (
            "signature of another expiry",
            with_query(&info.file, &later.to_string(), &sig),
            403,
        ),
        (
            "no signature",
            path_of(&info.file)
                .split('?')
                .next()
                .unwrap_or_default()
                .to_owned(),
            403,
        ),
        ("expired", signed(&done.id, "RESULT", Some(0), 1), 403),
        (
            "signed, but valid for longer than the server's URLs are",
            signed(&done.id, "RESULT", Some(0), u64::MAX),
            403,
        ),
        (
            "the signature in upper case",
            with_query(&info.file, &expires, &sig.to_uppercase()),
            403,
        ),
        (
            "a whole-stream URL for a streamable export",
            signed(&done.id, "RESULT", None, soon),
            404,
        ),
        (
            "unknown task",
            signed("clnosuchtask0000000000000", "RESULT", Some(0), soon),
            404,
        ),
        (
            "page past the end",
            signed(&done.id, "RESULT", Some(99), soon),
            404,
        ),
        (
            "unknown stream",
            signed(&done.id, "LOGS", Some(0), soon),
            404,
        ),
        ("valid again", info.file.clone(), 200),
    ];
    for (name, url, status) in cases {
        let response = s.get(&url).await;
        assert_eq!(
            response.status,
            status,
            "{name}: GET {url} → {}",
            String::from_utf8_lossy(&response.body)
        );
    }

    // With room for one task, a second export evicts the first. Its id is portable, so the
    // server rebuilds the task from the id (as a replica that never saw it would), and the page
    // has the same bytes; the page cache is off here, so they are rendered again.
    let before = s.get(&info.file).await.body;
    let _second = s.export(KEY, vars).await;
    assert!(
        s.state.exports.get(&done.id).is_none(),
        "the first task is evicted"
    );
    s.get(&info.file)
        .await
        .assert_serves(&before, "the rebuilt page of the evicted task");

    // A spec too long for a portable id (a long id filter) gets a plain cuid: once evicted, its
    // pages are gone (404).
    // One real row among them, so that the export has a page.
    let first_row: serde_json::Value =
        serde_json::from_slice(before.split(|&b| b == b'\n').next().expect("a first line"))
            .expect("a JSON line");
    let mut ids: Vec<String> = (0..200).map(|i| format!("clnosuchrow{i:014}")).collect();
    ids.push(
        first_row["data_row"]["id"]
            .as_str()
            .expect("an id")
            .to_owned(),
    );
    let long = export_variables(
        &s.project_id(0),
        &ExportParams::none(),
        json!([{"type": "data_row_id", "operator": "is", "ids": ids}]),
    );
    let local = s.export(KEY, long).await;
    assert!(!local.id.starts_with("fxt1."), "{}", local.id);
    let url = signed(&local.id, "RESULT", Some(0), soon);
    assert_eq!(s.get(&url).await.status, 200, "the local task, while kept");
    let _third = s.export(KEY, vars_again).await;
    let gone = s.get(&url).await;
    assert_eq!(
        gone.status,
        404,
        "evicted local task: {}",
        String::from_utf8_lossy(&gone.body)
    );
}

#[tokio::test]
async fn plain_download_equals_the_ground_truth() {
    let s = server();
    let none = ExportParams::none();
    let all = ExportParams::all();
    let filter = json!([{"type": "task_queue_not_exist"}]);
    let encode = |v: &serde_json::Value| -> String {
        v.to_string()
            .bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b == b'_' {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect()
    };
    let encoded_filter = encode(&filter);
    // The SDK's filters dict, as the seed documentation writes it, means the same list.
    let encoded_dict = encode(&json!({"workflow_status": "ToLabel"}));
    let cases: Vec<(String, Vec<u8>)> = vec![
        (
            format!(
                "/projects/{}/export.ndjson?api_key={KEY}&params=none",
                s.project_id(0)
            ),
            truth(s.world(), 0, &none, &json!([]), Stream::Result),
        ),
        (
            format!("/projects/{}/export.ndjson?api_key={KEY}", s.project_id(3)),
            truth(s.world(), 3, &all, &json!([]), Stream::Result),
        ),
        (
            format!(
                "/projects/{}/export.ndjson?api_key={KEY}&stream=errors&params=none",
                s.project_id(ERRORS_PROJECT)
            ),
            truth(s.world(), ERRORS_PROJECT, &none, &json!([]), Stream::Errors),
        ),
        (
            format!(
                "/projects/{}/export.ndjson?api_key={KEY}&params=none&filters={encoded_filter}",
                s.project_id(1)
            ),
            truth(s.world(), 1, &none, &filter, Stream::Result),
        ),
        (
            format!(
                "/projects/{}/export.ndjson?api_key={KEY}&params=none&filters={encoded_dict}",
                s.project_id(1)
            ),
            truth(s.world(), 1, &none, &filter, Stream::Result),
        ),
    ];
    for (url, expected) in cases {
        s.get(&url)
            .await
            .assert_serves(&expected, &format!("{url}, against the ground truth"));
    }
    let denied = s
        .get(&format!(
            "/projects/{}/export.ndjson?api_key=wrong",
            s.project_id(0)
        ))
        .await;
    assert_eq!(denied.status, 401);
    assert_eq!(
        denied.json()["errors"][0]["extensions"]["code"],
        "AUTHENTICATION_ERROR"
    );
    // Every refusal on this plain route has an HTTP error status and names the field.
    let project = s.project_id(0);
    for (query, status, field) in [
        ("stream=sideways", 400, "stream"),
        ("params=data_row_details,bogus", 400, "params"),
        ("filters=%7Bnot-json", 400, "filters"),
        (
            "filters=%7B%22workflow%22%3A1%7D",
            400,
            "unknown field `workflow`",
        ),
    ] {
        let r = s
            .get(&format!(
                "/projects/{project}/export.ndjson?api_key={KEY}&{query}"
            ))
            .await;
        assert_eq!(r.status, status, "{query}");
        let message = r.json()["errors"][0]["message"].to_string();
        assert!(message.contains(field), "{query}: {message}");
    }
    let missing = s
        .get(&format!("/projects/nope/export.ndjson?api_key={KEY}"))
        .await;
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.json()["errors"][0]["extensions"]["code"],
        "RESOURCE_NOT_FOUND"
    );
}

#[tokio::test]
async fn catalog_exports_concatenate_the_projects_in_order() {
    let s = server();
    let params = ExportParams::none();
    let keys: Vec<String> = [1usize, 3]
        .iter()
        .flat_map(|&p| {
            let rows = s.world().rows(p).expect("project");
            (0..5).map(move |i| rows.plan(i * 13).global_key)
        })
        .collect();
    let dataset = s.world().projects[2].dataset.id.as_str().to_owned();
    for query in [
        json!([{"ids": keys, "operator": "is", "type": "global_key"}]),
        json!([{"ids": [dataset], "operator": "is", "type": "dataset"}]),
    ] {
        let vars = json!({"input": {
            "taskName": "catalog",
            "filters": {"searchQuery": {"scope": null, "query": query}},
            "isStreamableReady": true,
            "params": {"mediaTypeOverride": null, "includeAttachments": false, "includeEmbeddings": false,
                "includeMetadata": false, "includeDataRowDetails": false, "includeProjectDetails": false,
                "includePerformanceDetails": false, "includeLabelDetails": false, "includeInterpolatedFrames": false,
                "projectIds": null, "modelRunIds": null, "allProjects": false, "allModelRuns": false},
            "streamable": true,
        }});
        let data = s.data(KEY, sdk::EXPORT_DATA_ROWS_IN_CATALOG, vars).await;
        let id = data["exportDataRowsInCatalog"]["taskId"]
            .as_str()
            .expect("taskId")
            .to_owned();
        let user = s.user_id(KEY).await;
        assert_eq!(s.wait(KEY, &user, &id).await["status"], "COMPLETE");
        let expected: Vec<u8> = (0..s.world().projects.len())
            .flat_map(|p| truth(s.world(), p, &params, &query, Stream::Result))
            .collect();
        let got = s.read_stream(KEY, &id, "RESULT").await.expect("rows");
        assert!(
            !expected.is_empty() && got.bytes == expected,
            "catalog export {query}: bytes differ"
        );
        // Pages never mix projects, so a page holds at most PAGE_ROWS lines of one project.
        assert!(
            got.pages
                .iter()
                .all(|(i, _)| i.lines.1 - i.lines.0 < PAGE_ROWS)
        );
    }
}
