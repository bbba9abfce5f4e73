//! One test over a real socket: `fauxport_server::serve` on `127.0.0.1:0`, raw HTTP/1.1 requests
//! from a plain blocking client (keep-alive included), then a graceful shutdown.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use fauxport_server::AppState;
use serde_json::{Value, json};
use tokio::net::TcpListener;

use crate::sdk;
use crate::support::{KEY, config, world};

/// Reads one HTTP/1.1 response with a `Content-Length`: the status line, the headers (lower-case
/// names) and the body.
fn read_response(reader: &mut BufReader<TcpStream>) -> (String, Vec<(String, String)>, Vec<u8>) {
    let mut status = String::new();
    reader.read_line(&mut status).expect("a status line");
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).expect("a header line");
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':').expect("name: value");
        headers.push((name.to_ascii_lowercase(), value.trim().to_owned()));
    }
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or_else(|| panic!("a Content-Length in {headers:?}"));
    let mut body = vec![0; length];
    reader.read_exact(&mut body).expect("the whole body");
    (status.trim_end().to_owned(), headers, body)
}

/// A keep-alive connection to `addr`, with a read timeout so a hung server fails the test.
fn connect(addr: SocketAddr) -> BufReader<TcpStream> {
    let stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("a read timeout");
    BufReader::new(stream)
}

/// Sends `request` on the connection and reads the answer, which must be `200 OK`: its headers
/// and body.
fn exchange(reader: &mut BufReader<TcpStream>, request: &str) -> (Vec<(String, String)>, Vec<u8>) {
    reader
        .get_mut()
        .write_all(request.as_bytes())
        .expect("write");
    let (status, headers, body) = read_response(reader);
    assert_eq!(status, "HTTP/1.1 200 OK", "{request}");
    (headers, body)
}

/// `fauxport_server::serve` of `state` on `127.0.0.1:0`: its address, the sender that stops it,
/// and its task.
async fn serving(
    state: AppState,
) -> (
    SocketAddr,
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<std::io::Result<fauxport_server::Stopped>>,
) {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("a local address");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(fauxport_server::serve(listener, state, async {
        let _ = stopped.await;
    }));
    (addr, stop, server)
}

#[tokio::test]
async fn serves_http_on_a_real_socket_and_shuts_down() {
    let state = AppState::new(world(), config()).expect("valid scenario settings");
    let (addr, stop, server) = serving(state).await;

    // A blocking client on its own thread, so the server keeps running on the test's runtime.
    tokio::task::spawn_blocking(move || client(addr))
        .await
        .expect("the client did not panic");

    stop.send(()).expect("the server is running");
    let result = tokio::time::timeout(Duration::from_secs(10), server)
        .await
        .expect("the server stops after shutdown");
    result
        .expect("the server task did not panic")
        .expect("serve returns Ok");
}

/// The client: three requests on one keep-alive connection, as the SDK's session does.
fn client(addr: SocketAddr) {
    let mut reader = connect(addr);
    let health = format!("GET /healthz HTTP/1.1\r\nHost: {addr}\r\n\r\n");
    let (_, body) = exchange(&mut reader, &health);
    assert_eq!(body, b"ok\n");

    let payload = json!({"query": sdk::GET_ORGANIZATION, "variables": {}}).to_string();
    let post = format!(
        "POST /graphql HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {KEY}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{payload}",
        payload.len()
    );
    let (headers, body) = exchange(&mut reader, &post);
    assert!(
        headers
            .iter()
            .any(|(n, v)| n == "content-type" && v.starts_with("application/json")),
        "{headers:?}"
    );
    let body: Value = serde_json::from_slice(&body).expect("JSON");
    assert!(body["data"]["organization"]["id"].is_string(), "{body}");

    // URLs the server hands out are absolute and built from the Host header: they point here.
    let world_json =
        format!("GET /world.json HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    let (_, body) = exchange(&mut reader, &world_json);
    let info: Value = serde_json::from_slice(&body).expect("JSON");
    assert_eq!(info["graphql"], format!("http://{addr}/graphql"));
}

/// Over a real socket the server stops polling a body once its Content-Length is sent, so a
/// page must be kept in the cache as its last piece renders, not at an end of stream nobody
/// asks for: the second download over TCP is a cache hit with the same bytes.
#[tokio::test]
async fn a_page_downloaded_over_a_socket_is_kept_in_the_cache() {
    let s = crate::support::Server::new(config());
    let vars = crate::support::export_variables(
        &s.project_id(0),
        &fauxport_model::ExportParams::all(),
        json!([]),
    );
    let done = s.export(KEY, vars).await;
    let info = s
        .file_from_offset(KEY, &done.id, "RESULT", json!("0"))
        .await
        .expect("page 0");
    let path = crate::support::path_of(&info.file).to_owned();
    let (addr, stop, server) = serving(s.state.clone()).await;
    let bodies = tokio::task::spawn_blocking(move || {
        let mut reader = connect(addr);
        let get = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n");
        [(); 2].map(|()| exchange(&mut reader, &get).1)
    })
    .await
    .expect("the client did not panic");
    let stats = &s.state.render.cache.stats;
    let hits = stats.hits.load(std::sync::atomic::Ordering::Relaxed);
    assert_eq!(hits, 1, "the second download came from the cache");
    assert_eq!(bodies[0], bodies[1]);
    assert_eq!(bodies[0].len() as u64, info.offsets.1 - info.offsets.0 + 1);
    stop.send(()).expect("the server is running");
    let stopped = tokio::time::timeout(Duration::from_secs(10), server).await;
    assert!(
        matches!(stopped, Ok(Ok(Ok(fauxport_server::Stopped { cut: 0 })))),
        "the server stops"
    );
}
