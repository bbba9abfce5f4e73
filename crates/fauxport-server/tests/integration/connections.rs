//! Connections that would hold the server (issue 10, findings 3 and 9), over a real socket: idle
//! and half-sent requests are closed after the request timeout, a declared body far over the
//! limit is refused at once, a body that stops arriving gets `408`, one connection over the cap
//! gets `503` with `Retry-After`, and a stop cuts a client that stopped reading once the grace
//! period ends. Each test proves the server let go (the socket closed, the answer came) within a
//! loose bound, many times the configured timeout.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use fauxport_gen::{World, WorldSpec};
use fauxport_server::{AppState, ServerConfig, Stopped};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::support::{KEY, SEED, config, world};

/// The timeouts these tests configure, and the bound they allow for each.
const TIMEOUT: Duration = Duration::from_millis(300);
const BOUND: Duration = Duration::from_secs(5);

struct Running {
    addr: SocketAddr,
    stop: oneshot::Sender<()>,
    server: JoinHandle<std::io::Result<Stopped>>,
}

async fn start(config: ServerConfig) -> Running {
    start_over(world(), config).await
}

async fn start_over(world: World, config: ServerConfig) -> Running {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("a local address");
    let (stop, stopped) = oneshot::channel::<()>();
    let state = AppState::new(world, config).expect("valid settings");
    let server = tokio::spawn(fauxport_server::serve(listener, state, async {
        let _ = stopped.await;
    }));
    Running { addr, stop, server }
}

impl Running {
    async fn stop(self) -> Stopped {
        let _ = self.stop.send(());
        tokio::time::timeout(BOUND, self.server)
            .await
            .expect("the server stops within the bound")
            .expect("the server task did not panic")
            .expect("serving did not fail")
    }
}

fn quick() -> ServerConfig {
    let mut c = config();
    c.connections.request_timeout = TIMEOUT;
    c.connections.shutdown_grace = TIMEOUT;
    c
}

/// Connects, sends `sent`, and reads until the server closes the connection (or `BOUND`
/// passes): what it answered and how long it took.
fn send_and_read_all(addr: SocketAddr, sent: &[u8]) -> (String, Duration) {
    let started = Instant::now();
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(BOUND))
        .expect("a read timeout");
    stream.write_all(sent).expect("write");
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    (
        String::from_utf8_lossy(&answer).into_owned(),
        started.elapsed(),
    )
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(f).await.expect("no panic")
}

#[tokio::test]
async fn idle_and_half_sent_requests_are_closed_after_the_timeout() {
    let s = start(quick()).await;
    let addr = s.addr;
    for (what, sent) in [
        ("an idle connection", &b""[..]),
        ("half a request line", &b"GET /heal"[..]),
        (
            "headers that never end",
            &b"GET /healthz HTTP/1.1\r\nHost: x\r\n"[..],
        ),
    ] {
        let (answer, took) = blocking(move || send_and_read_all(addr, sent)).await;
        assert!(took < BOUND, "{what}: held for {took:?}");
        assert!(!answer.contains("200 OK"), "{what}: {answer}");
    }
    s.stop().await;
}

#[tokio::test]
async fn bodies_far_over_the_limit_or_too_slow_are_refused() {
    let s = start(quick()).await;
    let addr = s.addr;
    let huge = format!(
        "POST /graphql HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {KEY}\r\n\
         Content-Type: application/json\r\nContent-Length: 1000000000000\r\n\r\n0123456789"
    );
    let (answer, took) = blocking(move || {
        let started = Instant::now();
        let mut stream = TcpStream::connect(addr).expect("connect");
        stream
            .set_read_timeout(Some(BOUND))
            .expect("a read timeout");
        stream.write_all(huge.as_bytes()).expect("write");
        let mut head = [0u8; 64];
        let n = stream.read(&mut head).unwrap_or(0);
        (
            String::from_utf8_lossy(&head[..n]).into_owned(),
            started.elapsed(),
        )
    })
    .await;
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(
        took < TIMEOUT,
        "refused on the declared length, in {took:?}"
    );

    let slow = format!(
        "POST /graphql HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {KEY}\r\n\
         Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"query\":"
    );
    let (answer, took) = blocking(move || send_and_read_all(addr, slow.as_bytes())).await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(took < BOUND, "{took:?}");
    s.stop().await;
}

#[tokio::test]
async fn one_connection_over_the_cap_is_told_to_retry() {
    let mut c = config();
    c.connections.max = 2;
    let s = start(c).await;
    let addr = s.addr;
    let answer = blocking(move || {
        let held: Vec<TcpStream> = (0..2)
            .map(|_| TcpStream::connect(addr).expect("connect"))
            .collect();
        // The server counts a connection once it accepts it: give it a moment.
        std::thread::sleep(Duration::from_millis(200));
        let (answer, _) = send_and_read_all(addr, b"GET /world.json HTTP/1.1\r\nHost: x\r\n\r\n");
        // A health probe is still answered, so a busy replica is not taken for a dead one.
        let (probe, _) = send_and_read_all(addr, b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        drop(held);
        (answer, probe)
    })
    .await;
    let (answer, probe) = answer;
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(
        answer.to_ascii_lowercase().contains("retry-after: 1"),
        "{answer}"
    );
    assert!(probe.starts_with("HTTP/1.1 200"), "{probe}");
    // Once they close, it answers again.
    let (answer, _) = blocking(move || {
        std::thread::sleep(Duration::from_millis(200));
        send_and_read_all(
            addr,
            b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        )
    })
    .await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    s.stop().await;
}

#[tokio::test]
async fn a_stop_cuts_a_client_that_stopped_reading_after_the_grace() {
    let mut c = quick();
    c.export.page_cache_bytes = 0;
    // Far more bytes than the sockets' buffers hold, so the server blocks on a full socket.
    let big = World::new(WorldSpec::default_world(SEED, 50_000)).expect("a valid world");
    let project = big.projects[0].id.as_str().to_owned();
    let s = start_over(big, c).await;
    let addr = s.addr;
    // A plain download of every row, never read.
    let stalled = blocking(move || {
        let mut stream = TcpStream::connect(addr).expect("connect");
        stream.set_read_timeout(Some(BOUND)).expect("a read timeout");
        let get = format!(
            "GET /projects/{project}/export.ndjson?api_key={KEY}&params=all HTTP/1.1\r\nHost: x\r\n\r\n"
        );
        stream.write_all(get.as_bytes()).expect("write");
        let mut first = [0u8; 16];
        let _ = stream.read(&mut first);
        stream
    })
    .await;
    let started = Instant::now();
    let stopped = s.stop().await;
    let took = started.elapsed();
    drop(stalled);
    assert_eq!(stopped, Stopped { cut: 1 }, "the stalled download was cut");
    assert!(took < BOUND, "the stop took {took:?}");
}
