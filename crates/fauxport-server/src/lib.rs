//! A Labelbox-compatible export server over a generated world: the GraphQL API the official SDK
//! uses (`/graphql`), signed page files (`/files/...`), plain NDJSON downloads, a landing page, and
//! the admin API (`/__admin`: the request journal, counts, verification, scenarios).
//!
//! [`app`] builds the router from an [`AppState`], so tests drive it without a socket.

mod api_key;
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

use axum::Router;

/// The whole server as a router.
pub fn app(state: AppState) -> Router {
    http::routes(state)
}

/// The most a connection buffers of a response before it stops asking the body for more: a
/// slow reader then holds about one body piece (hyper's default is ~400 KB, which made 256 slow
/// streams cost over 200 MB).
const MAX_WRITE_BUFFER: usize = 64 * 1024;

/// Serves the app on `listener` until `shutdown` completes, then finishes open requests.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = app(state);
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut http1 = hyper::server::conn::http1::Builder::new();
    http1.max_buf_size(MAX_WRITE_BUFFER);
    let shutdown = std::pin::pin!(shutdown);
    let mut shutdown = shutdown;
    loop {
        let (stream, _) = tokio::select! {
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
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        let connection = http1.serve_connection(hyper_util::rt::TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A client that goes away mid-request is not the server's error.
            let _ = connection.await;
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}
