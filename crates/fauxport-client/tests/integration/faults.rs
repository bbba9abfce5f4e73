//! Retry and resume, against the fault proxy: faults a correct client survives (the rows are
//! still exact, and the journal shows the re-requests), and faults it must surface.

use std::time::Duration;

use fauxport_client::{Client, ClientError, ExportParams, ExportTask, StreamKind};
use fauxport_gen::Stream;
use futures_util::StreamExt;
use serde_json::{Value, json};

use crate::proxy::{Fault, Kind, Proxy, Seen};
use fauxport_testkit::assert_rows;

use crate::support::{
    KEY, PAGE_ROWS, TestServer, Truth, export_and_wait, fast_retry, request, truth,
};

const EXPORT: &str = "exportDataRowsInProjectPyApi";
const LOOKUP: &str = "GetExportFileFromOffsetPyApi";

/// A GraphQL `INTERNAL_SERVER_ERROR` with `exception.status` (retried unless 400/422/426/500).
fn internal_error(status: u16) -> String {
    json!({"data": null, "errors": [{"message": "try again",
        "extensions": {"code": "INTERNAL_SERVER_ERROR", "exception": {"status": status}}}]})
    .to_string()
}

/// Project 1's rows, params none.
fn the_request() -> fauxport_client::ExportRequest {
    request(ExportParams::none(), Value::Null)
}

/// Project 1's result stream, as the server must serve it.
fn expected(s: &TestServer) -> Truth {
    truth(&s.world, 1, &the_request(), Stream::Result)
}

/// A rule that injects `fault` into the `nth` request of `kind` (counted from 0), and no other.
fn once(kind: Kind, nth: usize, fault: Fault) -> impl Fn(&Seen) -> Option<Fault> + Send + Sync {
    move |seen: &Seen| (seen.kind == kind && seen.nth == nth).then(|| fault.clone())
}

/// A rule that injects `fault` into every request of `kind`.
fn always(kind: Kind, fault: Fault) -> impl Fn(&Seen) -> Option<Fault> + Send + Sync {
    move |seen: &Seen| (seen.kind == kind).then(|| fault.clone())
}

/// A fault proxy in front of the server, and a client with short back-offs that goes through it.
struct Faulted {
    proxy: Proxy,
    client: Client,
    /// Project 1, the one every test here exports.
    project_id: String,
}

impl Faulted {
    async fn start(
        s: &TestServer,
        rule: impl Fn(&Seen) -> Option<Fault> + Send + Sync + 'static,
    ) -> Faulted {
        let proxy = Proxy::start(s.addr, rule).await;
        let client = Client::new(&proxy.endpoint(), KEY).with_retry(fast_retry());
        Faulted {
            proxy,
            client,
            project_id: s.project_id(1),
        }
    }

    /// Exports project 1 and waits for the task.
    async fn export_and_wait(&self) -> Result<ExportTask, ClientError> {
        export_and_wait(&self.client, &self.project_id, &the_request()).await
    }

    /// Every item the result stream of `task` yields, rows and errors alike.
    async fn items(&self, task: &ExportTask) -> Vec<Result<Value, ClientError>> {
        self.client.stream(task, StreamKind::Result).collect().await
    }

    /// Drops the client (and its pooled connections), then stops the proxy.
    async fn stop(self) {
        drop(self.client);
        self.proxy.stop().await;
    }
}

/// The byte offsets where the pages of `truth` start (pages of [`PAGE_ROWS`] lines).
fn page_starts(truth: &Truth) -> Vec<String> {
    let mut starts = vec![0];
    let mut lines = 0;
    for (i, &b) in truth.bytes.iter().enumerate() {
        if b == b'\n' {
            lines += 1;
            if lines % PAGE_ROWS == 0 && i + 1 < truth.bytes.len() {
                starts.push(i + 1);
            }
        }
    }
    starts.iter().map(|s| s.to_string()).collect()
}

/// The offsets of the page lookups the proxy saw, in order.
fn looked_up(proxy: &Proxy) -> Vec<String> {
    proxy
        .operations(LOOKUP)
        .iter()
        .map(|s| {
            s.variables["offset"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

#[tokio::test]
async fn a_retryable_graphql_failure_is_retried_and_the_rows_are_exact() {
    let s = TestServer::start().await;
    let expected = expected(&s);
    let cases = [
        ("HTTP 503", Fault::Respond(503, String::new())),
        (
            "HTTP 502 upstream reset",
            Fault::Respond(
                502,
                "upstream connect error or disconnect/reset before headers".into(),
            ),
        ),
        (
            "ISE with status 503",
            Fault::Respond(200, internal_error(503)),
        ),
        (
            "ISE with status 429",
            Fault::Respond(200, internal_error(429)),
        ),
        (
            "a stall past the request timeout",
            Fault::Stall(Duration::from_millis(800)),
        ),
    ];
    for (name, fault) in cases {
        let mut f = Faulted::start(&s, once(Kind::Graphql, 0, fault)).await;
        f.client = f.client.with_request_timeout(Duration::from_millis(300));
        let task = f
            .client
            .export_project(&f.project_id, &the_request())
            .await
            .unwrap_or_else(|e| panic!("{name}: the export survives one fault: {e}"));
        f.client
            .wait(&task, crate::support::POLL, crate::support::WAIT)
            .await
            .unwrap_or_else(|e| panic!("{name}: wait: {e}"));
        let rows = f
            .client
            .collect(&task, StreamKind::Result)
            .await
            .unwrap_or_else(|e| panic!("{name}: collect: {e}"));
        assert_rows(&rows, &expected.rows, name);
        let exports = f.proxy.operations(EXPORT);
        assert_eq!(exports.len(), 2, "{name}: the mutation is sent again");
        assert!(
            exports[0].fault.is_some() && exports[1].fault.is_none(),
            "{name}"
        );
        assert_eq!(
            exports[0].variables, exports[1].variables,
            "{name}: a retry re-sends the identical body"
        );
        f.stop().await;
    }
    s.stop().await;
}

#[tokio::test]
async fn a_failed_page_download_is_resumed_at_its_offset_and_the_rows_are_exact() {
    let s = TestServer::start().await;
    let expected = expected(&s);
    let starts = page_starts(&expected);
    assert!(starts.len() >= 4, "several pages: {starts:?}");
    let cases = [
        (
            "HTTP 503 on the first page",
            0,
            Fault::Respond(503, String::new()),
        ),
        (
            "HTTP 500 on the second page",
            1,
            Fault::Respond(500, String::new()),
        ),
        (
            "connection closed early on the first page",
            0,
            Fault::CloseEarly,
        ),
        ("a short body on the first page", 0, Fault::ShortBody),
        (
            "connection closed early on the third page",
            2,
            Fault::CloseEarly,
        ),
        (
            "a short body on the last page",
            starts.len() - 1,
            Fault::ShortBody,
        ),
    ];
    for (name, page, fault) in cases {
        let f = Faulted::start(&s, once(Kind::Page, page, fault)).await;
        let task = f
            .export_and_wait()
            .await
            .unwrap_or_else(|e| panic!("{name}: export: {e}"));
        let rows = f
            .client
            .collect(&task, StreamKind::Result)
            .await
            .unwrap_or_else(|e| panic!("{name}: the stream survives one page fault: {e}"));
        assert_rows(&rows, &expected.rows, name);
        // The failed page's offset was looked up again (a fresh URL), and nothing else was.
        let mut want = starts.clone();
        want.insert(page, starts[page].clone());
        assert_eq!(looked_up(&f.proxy), want, "{name}: page lookups");
        let pages = f.proxy.pages();
        assert_eq!(pages.len(), starts.len() + 1, "{name}: page downloads");
        assert!(
            pages.iter().all(|p| !p.authorized),
            "{name}: pages are fetched without credentials"
        );
        f.stop().await;
    }
    s.stop().await;
}

#[tokio::test]
async fn a_4xx_page_is_fatal_after_the_rows_before_it() {
    let s = TestServer::start().await;
    let expected = expected(&s);
    let f = Faulted::start(&s, once(Kind::Page, 1, Fault::Respond(404, String::new()))).await;
    let task = f.export_and_wait().await.expect("export");
    let (ok, err): (Vec<_>, Vec<_>) = f.items(&task).await.into_iter().partition(Result::is_ok);
    let ok: Vec<Value> = ok.into_iter().flatten().collect();
    assert_rows(&ok, &expected.rows[..PAGE_ROWS as usize], "the first page");
    let err: Vec<ClientError> = err.into_iter().filter_map(Result::err).collect();
    assert_eq!(
        err,
        [ClientError::Http { status: 404 }],
        "one error ends the stream"
    );
    assert_eq!(f.proxy.pages().len(), 2, "a 4xx is not retried");
    f.stop().await;
    s.stop().await;
}

#[tokio::test]
async fn persistent_faults_exhaust_the_retry_policy() {
    let s = TestServer::start().await;
    let attempts = fast_retry().max_attempts;

    // Every GraphQL call fails: the export gives up after `max_attempts`.
    let f = Faulted::start(
        &s,
        always(Kind::Graphql, Fault::Respond(503, String::new())),
    )
    .await;
    let error = f
        .client
        .export_project(&f.project_id, &the_request())
        .await
        .expect_err("a permanent outage");
    assert_eq!(
        error,
        ClientError::RetriesExhausted {
            attempts,
            last: Box::new(ClientError::Http { status: 503 })
        }
    );
    assert_eq!(f.proxy.operations(EXPORT).len(), attempts as usize);
    f.stop().await;

    // Every download of the first page is cut short: the stream gives up, having yielded nothing.
    for fault in [Fault::CloseEarly, Fault::ShortBody] {
        let f = Faulted::start(&s, always(Kind::Page, fault.clone())).await;
        let task = f.export_and_wait().await.expect("export");
        let items = f.items(&task).await;
        let [
            Err(ClientError::RetriesExhausted {
                attempts: made,
                last,
            }),
        ] = items.as_slice()
        else {
            panic!(
                "{fault:?}: one error and no rows, got {} items: {:?}",
                items.len(),
                items.first()
            );
        };
        assert_eq!(*made, attempts, "{fault:?}");
        match (&fault, last.as_ref()) {
            (Fault::CloseEarly, ClientError::Transport(_)) => {}
            (Fault::ShortBody, ClientError::PageLength { expected, got }) => {
                assert_eq!(*got, expected / 2, "{fault:?}");
            }
            other => panic!("unexpected last error: {other:?}"),
        }
        assert_eq!(f.proxy.pages().len(), attempts as usize, "{fault:?}");
        assert_eq!(
            looked_up(&f.proxy),
            vec!["0".to_owned(); attempts as usize],
            "{fault:?}"
        );
        f.stop().await;
    }
    s.stop().await;
}
