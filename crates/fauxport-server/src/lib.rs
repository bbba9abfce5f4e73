//! A Labelbox-compatible export server over a generated world: the GraphQL API the official SDK
//! uses (`/graphql`), signed page files (`/files/...`), plain NDJSON downloads, a landing page, and
//! the admin API (`/__admin`: the request journal, counts, verification, scenarios).
//!
//! [`app`] builds the router from an [`AppState`], so tests drive it without a socket.

mod blocking;
pub mod clock;
pub mod config;
pub mod errors;
pub mod export;
pub mod graphql;
pub mod http;
pub mod journal;
pub mod limits;
pub mod metrics;
pub mod scenario;
pub mod state;

pub use config::ServerConfig;
pub use state::AppState;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;

/// The whole server as a router.
pub fn app(state: AppState) -> Router {
    http::routes(state)
}

/// The most a connection buffers of a response before it stops asking the body for more: a
/// slow reader then holds about one body piece (hyper's default is ~400 KB, which made 256 slow
/// streams cost over 200 MB).
const MAX_WRITE_BUFFER: usize = 64 * 1024;

/// How a [`serve`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stopped {
    /// Connections still open when the grace period ran out, closed mid-response.
    pub cut: usize,
}

/// Serves the app on `listener` until `shutdown` completes, then lets open responses finish for
/// the grace period (`config.connections.shutdown_grace`) and cuts the rest.
///
/// A connection's headers, and an idle keep-alive connection's next request, must arrive within
/// `config.connections.request_timeout` or it is closed; one connection over
/// `config.connections.max` is answered `503` with `Retry-After: 1` and closed.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<Stopped> {
    let limits = state.config.connections.clone();
    let app = app(state);
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut http1 = hyper::server::conn::http1::Builder::new();
    http1
        .max_buf_size(MAX_WRITE_BUFFER)
        .timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(limits.request_timeout);
    let open = Arc::new(AtomicUsize::new(0));
    let shutdown = std::pin::pin!(shutdown);
    let mut shutdown = shutdown;
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                // Out of file descriptors and the like: wait, as axum::serve does, and go on.
                Err(e) => {
                    tracing::warn!("accept: {e}");
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        if open.load(Ordering::Relaxed) >= limits.max {
            tokio::spawn(turn_away(stream));
            continue;
        }
        let counted = Counted::new(&open);
        // Every request carries the peer's address (the admin API's guard reads it).
        let app = app.clone();
        let service = hyper::service::service_fn(
            move |mut request: hyper::Request<hyper::body::Incoming>| {
                request
                    .extensions_mut()
                    .insert(axum::extract::ConnectInfo(peer));
                tower::ServiceExt::oneshot(app.clone(), request)
            },
        );
        let connection = http1.serve_connection(hyper_util::rt::TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _counted = counted;
            // A client that goes away mid-request is not the server's error.
            let _ = connection.await;
        });
    }
    drop(listener);
    let cut = match tokio::time::timeout(limits.shutdown_grace, graceful.shutdown()).await {
        Ok(()) => 0,
        Err(_) => open.load(Ordering::Relaxed),
    };
    Ok(Stopped { cut })
}

/// One open connection, counted while it lives.
struct Counted(Arc<AtomicUsize>);

impl Counted {
    fn new(open: &Arc<AtomicUsize>) -> Counted {
        open.fetch_add(1, Ordering::Relaxed);
        Counted(Arc::clone(open))
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

/// Answers a connection over the cap and closes it, giving it a second: a health probe
/// (`GET /healthz`) `200` as always, so that an orchestrator does not restart a replica that is
/// only busy; anything else `503` with `Retry-After`.
async fn turn_away(mut stream: tokio::net::TcpStream) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    const PROBE: &[u8] = b"GET /healthz ";
    let answer = async {
        let mut head = [0u8; PROBE.len()];
        let mut read = 0;
        while read < head.len() {
            match stream.read(&mut head[read..]).await? {
                0 => break,
                n => read += n,
            }
        }
        let (status, body) = if head[..read] == *PROBE {
            ("200 OK", "ok\n")
        } else {
            (
                "503 Service Unavailable",
                "too many connections: try again shortly\n",
            )
        };
        let answer = format!(
            "HTTP/1.1 {status}\r\nretry-after: 1\r\ncontent-type: text/plain\r\n\
             content-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(answer.as_bytes()).await?;
        stream.shutdown().await
    };
    let _ = tokio::time::timeout(std::time::Duration::from_secs(1), answer).await;
}
