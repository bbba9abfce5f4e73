//! Exports read by the client, compared with the rows `fauxport-gen` renders directly: every
//! project kind, params all and none, filters, the errors stream, and an empty export.

use fauxport_client::{Client, ExportParams, ExportRequest, Header, StreamKind, TaskStatus};
use fauxport_gen::Stream;
use futures_util::{StreamExt, TryStreamExt};
use serde_json::{Value, json};

use fauxport_testkit::assert_rows;

use crate::support::{
    ERRORS_PROJECT, KEY, PAGE_ROWS, POLL, ROWS, TestServer, WAIT, export_and_wait, exported,
    request, truth,
};

/// Exports project `p` with `request` and checks both streams: header totals (`None` when
/// empty) and every row, in order.
async fn check(s: &TestServer, client: &Client, p: usize, request: &ExportRequest) {
    let what = format!("project {p}, {request:?}");
    let task = client
        .export_project(&s.project_id(p), request)
        .await
        .unwrap_or_else(|e| panic!("{what}: export: {e}"));
    assert!(task.streamable, "{what}: isStreamable");
    let state = client
        .wait(&task, POLL, WAIT)
        .await
        .unwrap_or_else(|e| panic!("{what}: wait: {e}"));
    assert_eq!(state.status, TaskStatus::Complete, "{what}");
    assert_eq!(state.id, task.id, "{what}");
    for (kind, stream) in [
        (StreamKind::Result, Stream::Result),
        (StreamKind::Errors, Stream::Errors),
    ] {
        let what = format!("{what}, {}", kind.as_str());
        let expected = truth(&s.world, p, request, stream);
        let header = client
            .header(&task, kind)
            .await
            .unwrap_or_else(|e| panic!("{what}: header: {e}"));
        let want = (!expected.bytes.is_empty()).then_some(Header {
            total_size: expected.bytes.len() as u64,
            total_lines: expected.rows.len() as u64,
        });
        assert_eq!(header, want, "{what}: header");
        let rows = client
            .collect(&task, kind)
            .await
            .unwrap_or_else(|e| panic!("{what}: collect: {e}"));
        assert_rows(&rows, &expected.rows, &what);
    }
}

#[tokio::test]
async fn every_project_kind_with_all_and_no_params_equals_the_ground_truth() {
    let s = TestServer::start().await;
    let client = s.client(KEY);
    for p in 0..s.world.projects.len() {
        for params in [ExportParams::all(), ExportParams::none()] {
            check(&s, &client, p, &request(params, Value::Null)).await;
        }
    }
    drop(client);
    s.stop().await;
}

#[tokio::test]
async fn filtered_exports_equal_the_ground_truth() {
    let s = TestServer::start().await;
    let client = s.client(KEY);
    let rows = s.world.rows(0).expect("project 0");
    let ids: Vec<String> = (0..20)
        .map(|i| rows.plan(i * 7).id.as_str().to_owned())
        .collect();
    let keys: Vec<String> = (0..20).map(|i| rows.plan(i * 11).global_key).collect();
    let batch = rows.plan(120).batch.id.as_str().to_owned();
    let mut narrowed = false;
    for filters in [
        json!([{"ids": ids, "operator": "is", "type": "data_row_id"}]),
        json!([{"ids": keys, "operator": "is", "type": "global_key"}]),
        json!([{"ids": [batch], "operator": "is", "type": "batch"}]),
        json!([{"type": "task_queue_not_exist"}]),
        json!([{"type": "task_queue_status", "status": "Done"}]),
        json!([{"type": "data_row_last_activity_at", "value": {"operator": "BETWEEN",
            "timezone": "UTC", "value": {"min": "2000-01-01 00:00:00", "max": "2050-01-01 00:00:00"}}},
            {"type": "task_queue_status", "status": "InReview"}]),
    ] {
        let request = request(ExportParams::all(), filters);
        let kept = truth(&s.world, 0, &request, Stream::Result).rows.len() as u64;
        assert!(kept > 0, "{:?} is meant to keep some rows", request.filters);
        narrowed |= kept < ROWS;
        check(&s, &client, 0, &request).await;
    }
    assert!(narrowed, "some filters drop rows");
    // The errors stream is filtered too.
    let errors_request = request(
        ExportParams::none(),
        json!([{"type": "task_queue_not_exist"}]),
    );
    check(&s, &client, ERRORS_PROJECT, &errors_request).await;
    drop(client);
    s.stop().await;
}

#[tokio::test]
async fn the_errors_stream_of_the_response_creation_project_is_read() {
    let s = TestServer::start().await;
    let client = s.client(KEY);
    let request = request(ExportParams::none(), Value::Null);
    let expected = truth(&s.world, ERRORS_PROJECT, &request, Stream::Errors);
    assert!(!expected.rows.is_empty(), "project 2 has failed rows");
    let errors = exported(
        &client,
        &s.project_id(ERRORS_PROJECT),
        &request,
        StreamKind::Errors,
    )
    .await;
    assert_rows(&errors, &expected.rows, "ERRORS of project 2");
    let project_id = s.project_id(ERRORS_PROJECT);
    for line in &errors {
        assert_eq!(line["project_id"], project_id.as_str(), "{line}");
        assert!(
            line["data_row_id"].is_string() && line["error"].is_string(),
            "{line}"
        );
    }
    drop(client);
    s.stop().await;
}

#[tokio::test]
async fn an_empty_export_has_no_header_and_no_rows() {
    let s = TestServer::start().await;
    let client = s.client(KEY);
    let request = request(
        ExportParams::all(),
        json!([{"ids": ["no-such-row"], "operator": "is", "type": "data_row_id"}]),
    );
    let task = export_and_wait(&client, &s.project_id(0), &request)
        .await
        .expect("export and wait");
    for kind in [StreamKind::Result, StreamKind::Errors] {
        assert_eq!(client.header(&task, kind).await, Ok(None), "{kind:?}");
        assert_eq!(
            client.collect(&task, kind).await,
            Ok(Vec::new()),
            "{kind:?}"
        );
    }
    drop(client);
    s.stop().await;
}

#[tokio::test]
async fn a_stream_is_lazy_and_can_be_dropped_part_way() {
    let s = TestServer::start().await;
    let client = s.client(KEY);
    let request = request(ExportParams::none(), Value::Null);
    let task = export_and_wait(&client, &s.project_id(1), &request)
        .await
        .expect("export and wait");
    let expected = truth(&s.world, 1, &request, Stream::Result);
    // Three pages' worth and one row: the rows arrive in order, and nothing more is needed.
    let n = (3 * PAGE_ROWS + 1) as usize;
    let first: Vec<Value> = client
        .stream(&task, StreamKind::Result)
        .take(n)
        .try_collect()
        .await
        .expect("the first rows");
    assert_rows(&first, &expected.rows[..n], "the first rows");
    // The page lookup for the first page is pinned by its offset range.
    let page = client
        .page(&task, StreamKind::Result, 0)
        .await
        .expect("lookup")
        .expect("a page at 0");
    assert_eq!(*page.offsets.start(), 0);
    assert_eq!(*page.lines.start(), 0);
    assert_eq!(*page.lines.end(), PAGE_ROWS - 1);
    drop(client);
    s.stop().await;
}
