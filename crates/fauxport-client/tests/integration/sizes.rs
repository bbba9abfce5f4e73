//! The client's caps ([`Limits`]) against a stub that announces huge sizes and sends little, or
//! sends far more than it may: each ends in a typed error naming the cap, after reading at most
//! about the cap.

use fauxport_client::{
    Client, ClientError, DEFAULT_MAX_ANSWER_BYTES, DEFAULT_MAX_PAGE_BYTES, ExportTask, Limits,
    StreamKind,
};

use crate::stub::{Reply, Stub};
use crate::support::fast_retry;

const TERA: u64 = 1_000_000_000_000;

fn task() -> ExportTask {
    ExportTask {
        id: "cltask".into(),
        streamable: true,
    }
}

/// A 200 answer with `headers`, a body starting `prefix`, then `filler` spaces.
fn ok(headers: &str, prefix: &str, filler: u64) -> Reply {
    Reply {
        head: format!("HTTP/1.1 200 OK\r\nconnection: close\r\n{headers}"),
        prefix: prefix.as_bytes().to_vec(),
        filler,
    }
}

/// A stream of `size` bytes whose one page covers them all, served from `/files/page` by
/// `page`.
fn one_page(
    size: u64,
    page: fn() -> Reply,
) -> impl Fn(&(String, String), std::net::SocketAddr) -> Reply {
    move |(first, body), addr| {
        let json = "content-type: application/json\r\n";
        if first.starts_with("GET /files/page") {
            page()
        } else if body.contains("GetExportMetadataHeaderPyApi") {
            let data = format!(
                r#"{{"data":{{"task":{{"exportMetadataHeader":{{"totalSize":{size},"totalLines":1}}}}}}}}"#
            );
            ok(
                &format!("{json}content-length: {}\r\n", data.len()),
                &data,
                0,
            )
        } else {
            let data = format!(
                r#"{{"data":{{"task":{{"exportFileFromOffset":{{"offsets":{{"start":0,"end":{}}},"lines":{{"start":0,"end":0}},"file":"http://{addr}/files/page"}}}}}}}}"#,
                size - 1
            );
            ok(
                &format!("{json}content-length: {}\r\n", data.len()),
                &data,
                0,
            )
        }
    }
}

#[tokio::test]
async fn the_default_caps_are_the_documented_ones() {
    let limits = Client::new("http://127.0.0.1:9/graphql", "k").limits();
    assert_eq!(limits, Limits::default());
    assert_eq!(
        (limits.max_answer_bytes, limits.max_page_bytes),
        (DEFAULT_MAX_ANSWER_BYTES, DEFAULT_MAX_PAGE_BYTES)
    );
    assert_eq!(
        (DEFAULT_MAX_ANSWER_BYTES, DEFAULT_MAX_PAGE_BYTES),
        (64 << 20, 256 << 20)
    );
}

#[tokio::test]
async fn a_graphql_answer_announced_at_a_terabyte_is_refused_unread() {
    let stub =
        Stub::start(|_, _| ok(&format!("content-length: {TERA}\r\n"), "{\"data\":", 0)).await;
    let client = Client::new(&stub.endpoint(), "k").with_retry(fast_retry());
    let got = client.header(&task(), StreamKind::Result).await;
    let seen = stub.log().len();
    stub.stop().await;
    match got {
        Err(e @ ClientError::TooLarge { size, limit, .. }) => {
            assert_eq!((size, limit), (TERA, DEFAULT_MAX_ANSWER_BYTES));
            assert!(
                e.to_string().contains("over the limit of 67108864 bytes"),
                "{e}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(seen, 1, "not retried");
}

#[tokio::test]
async fn a_graphql_answer_larger_than_the_cap_is_cut_off() {
    // No Content-Length: 16 MiB of body against a 1 MiB cap.
    let stub = Stub::start(|_, _| ok("", "{\"data\":", 16 << 20)).await;
    let limits = Limits {
        max_answer_bytes: 1 << 20,
        ..Limits::default()
    };
    let client = Client::new(&stub.endpoint(), "k")
        .with_retry(fast_retry())
        .with_limits(limits);
    let got = client.header(&task(), StreamKind::Result).await;
    stub.stop().await;
    match got {
        Err(ClientError::TooLarge { size, limit, .. }) => {
            assert_eq!(limit, 1 << 20);
            assert!(size > limit && size < 2 << 20, "read about the cap: {size}");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_page_announced_at_a_terabyte_is_refused_before_its_download() {
    let stub = Stub::start(one_page(TERA, || {
        ok("content-length: 10\r\n", "{\"a\":1}\n", 2)
    }))
    .await;
    let client = Client::new(&stub.endpoint(), "k").with_retry(fast_retry());
    let got = client.collect(&task(), StreamKind::Result).await;
    let downloads = stub
        .log()
        .iter()
        .filter(|(f, _)| f.starts_with("GET"))
        .count();
    stub.stop().await;
    match got {
        Err(e @ ClientError::TooLarge { size, limit, .. }) => {
            assert_eq!((size, limit), (TERA, DEFAULT_MAX_PAGE_BYTES));
            assert!(
                e.to_string()
                    .contains("RESULT page at bytes 0..=999999999999"),
                "{e}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(downloads, 0, "never downloaded");
}

#[tokio::test]
async fn a_page_body_that_announces_or_sends_more_than_its_range_is_cut_off() {
    // A 100-byte page whose body announces a terabyte and sends ten bytes, or announces
    // nothing and sends 16 MiB: a wrong length each time, retried, then given up.
    for page in [
        (|| ok(&format!("content-length: {TERA}\r\n"), "{\"a\":1}\n", 2)) as fn() -> Reply,
        || ok("", "{\"a\":1}\n", 16 << 20),
    ] {
        let stub = Stub::start(one_page(100, page)).await;
        let client = Client::new(&stub.endpoint(), "k").with_retry(fast_retry());
        let got = client.collect(&task(), StreamKind::Result).await;
        stub.stop().await;
        match got.as_ref().map_err(ClientError::root) {
            Err(ClientError::PageLength { expected, got }) => {
                assert_eq!(*expected, 100);
                assert!(*got == TERA || *got < 1 << 20, "read about the page: {got}");
            }
            other => panic!("{other:?}"),
        }
    }
}
