//! The observer hook hears of every request, by kind, and the plain download yields the same
//! rows as the export protocol.

use std::sync::{Arc, Mutex};

use fauxport_client::{CallEvent, CallKind, ExportParams, Observer, RequestKind, StreamKind};
use fauxport_gen::Stream;
use futures_util::TryStreamExt;
use serde_json::Value;

use fauxport_testkit::assert_rows;

use crate::support::{KEY, ROWS, TestServer, exported, request, truth};

/// Every event: (kind, bytes, failed).
#[derive(Default)]
struct Events(Mutex<Vec<(RequestKind, u64, bool)>>);

impl Observer for Events {
    fn on_call(&self, event: &CallEvent<'_>) {
        let mut events = self.0.lock().unwrap_or_else(|e| e.into_inner());
        events.push((event.kind, event.bytes, event.error.is_some()));
    }
}

impl Events {
    fn of(&self, kind: impl Into<RequestKind>) -> Vec<(u64, bool)> {
        let kind = kind.into();
        let events = self.0.lock().unwrap_or_else(|e| e.into_inner());
        events
            .iter()
            .filter(|(k, ..)| *k == kind)
            .map(|(_, bytes, failed)| (*bytes, *failed))
            .collect()
    }
}

#[tokio::test]
async fn every_request_is_observed_by_kind() {
    let s = TestServer::start().await;
    let events = Arc::new(Events::default());
    let client = s.client(KEY).with_observer(Arc::clone(&events) as _);
    let req = request(ExportParams::all(), Value::Null);
    let rows = exported(&client, &s.project_id(0), &req, StreamKind::Result).await;
    let expected = truth(&s.world, 0, &req, Stream::Result);
    assert_rows(&rows, &expected.rows, "observed export");
    let pages = (ROWS / crate::support::PAGE_ROWS) as usize;
    assert_eq!(events.of(CallKind::CreateExport).len(), 1);
    assert!(!events.of(CallKind::Task).is_empty());
    assert_eq!(events.of(CallKind::Other).len(), 1, "GetUserPyApi, once");
    assert_eq!(events.of(CallKind::Header).len(), 1);
    assert_eq!(events.of(CallKind::PageLookup).len(), pages);
    let downloads = events.of(RequestKind::Page);
    assert_eq!(downloads.len(), pages);
    let bytes: u64 = downloads.iter().map(|(b, _)| b).sum();
    assert_eq!(
        bytes,
        expected.bytes.len() as u64,
        "page bytes are the stream"
    );
    assert!(downloads.iter().all(|(_, failed)| !failed));
    drop(client);
    s.stop().await;
}

#[tokio::test]
async fn the_plain_download_yields_the_export_rows() {
    let s = TestServer::start().await;
    let events = Arc::new(Events::default());
    let client = s.client(KEY).with_observer(Arc::clone(&events) as _);
    let mut params = ExportParams::none();
    params.set("label_details", true);
    let req = request(params.clone(), Value::Null);
    let rows: Vec<Value> = client
        .download_project(&s.project_id(1), &params, StreamKind::Result)
        .try_collect()
        .await
        .expect("plain download");
    let expected = truth(&s.world, 1, &req, Stream::Result);
    assert_rows(&rows, &expected.rows, "plain download");
    assert_eq!(
        events.of(RequestKind::Download),
        [(expected.bytes.len() as u64, false)]
    );
    // A 4xx is final and observed.
    let missing: Result<Vec<Value>, _> = client
        .download_project("no-such-project", &params, StreamKind::Result)
        .try_collect()
        .await;
    assert_eq!(
        missing.map(|r| r.len()),
        Err(fauxport_client::ClientError::Http { status: 404 })
    );
    assert_eq!(events.of(RequestKind::Download).len(), 2);
    drop(client);
    s.stop().await;
}
