//! The plain download obeys the caller's scenario as the SDK's export path does: export-mutation
//! faults answer in its place (with their plain statuses), and page rules shape its body,
//! counted per caller, project and stream. Each test proves the fault happened (the journal
//! names it) and that a client asking again gets the whole, exact stream.

use fauxport_gen::Stream;
use fauxport_model::ExportParams;
use serde_json::{Value, json};

use crate::support::{Response, Server, config, truth};

/// Downloads project 0's result stream with `key`.
async fn download(s: &Server, key: &str) -> Response {
    let url = format!(
        "/projects/{}/export.ndjson?params=none&api_key={key}",
        s.project_id(0)
    );
    s.get(&url).await
}

/// The journal's entries of plain downloads, oldest first.
fn faults(s: &Server) -> Vec<Option<String>> {
    let downloads = fauxport_server::journal::Filter {
        kind: Some(fauxport_model::protocol::RequestKind::Download),
        ..Default::default()
    };
    let entries = s.state.journal.snapshot(&downloads, None).entries;
    entries.into_iter().map(|e| e.fault).collect()
}

fn whole(s: &Server) -> Vec<u8> {
    truth(
        s.world(),
        0,
        &ExportParams::none(),
        &json!([]),
        Stream::Result,
    )
}

#[tokio::test]
async fn a_rate_limited_key_gets_http_429_in_the_sdks_shape() {
    let s = Server::new(config());
    let r = download(&s, "fauxport:rate-limited").await;
    assert_eq!(r.status, 429);
    let body: Value = serde_json::from_slice(&r.body).expect("JSON");
    assert!(
        body["message"]
            .as_str()
            .is_some_and(|m| m.contains("rate limit")),
        "{body}"
    );
    assert_eq!(faults(&s).len(), 1);
    assert!(
        faults(&s)[0]
            .as_deref()
            .is_some_and(|f| f.contains("rate limit"))
    );
}

#[tokio::test]
async fn an_outage_fails_the_first_downloads_then_the_stream_is_whole() {
    let s = Server::new(config());
    let key = "fauxport:retryable-outage:5";
    let statuses = [
        download(&s, key).await.status,
        download(&s, key).await.status,
    ];
    assert_eq!(statuses, [502, 502]);
    let third = download(&s, key).await;
    assert_eq!(third.status, 200);
    assert_eq!(third.body, whole(&s));
}

#[tokio::test]
async fn page_rules_cut_the_first_download_and_the_next_is_whole() {
    let s = Server::new(config());
    for (key, status) in [
        ("fauxport:truncated-page:3", 200),
        ("fauxport:expired-url:3", 403),
    ] {
        let first = download(&s, key).await;
        assert_eq!(first.status, status, "{key}");
        let expected = whole(&s);
        if status == 200 {
            // An honest Content-Length: a clean, short body that is a prefix of the stream.
            assert!(
                first.body.len() < expected.len() && expected.starts_with(&first.body),
                "{key}: {} of {} bytes",
                first.body.len(),
                expected.len()
            );
        }
        let fault = faults(&s).pop().flatten();
        assert!(fault.is_some(), "{key}: the journal names the fault");
        let second = download(&s, key).await;
        assert_eq!(second.status, 200, "{key}");
        assert!(
            second.body == expected,
            "{key}: the second download is whole"
        );
        assert_eq!(
            faults(&s).pop().flatten(),
            None,
            "{key}: no fault the second time"
        );
    }
}
