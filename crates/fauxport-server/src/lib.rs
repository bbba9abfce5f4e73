//! A Labelbox-compatible export server over a generated world: the GraphQL API the official SDK
//! uses (`/graphql`), signed page files (`/files/...`), plain NDJSON downloads, a landing page, and
//! the admin API (`/__admin`: the request journal, counts, verification, scenarios).
//!
//! [`app`] builds the router from an [`AppState`], so tests drive it without a socket.

mod blocking;
pub mod config;
pub mod errors;
pub mod export;
pub mod graphql;
pub mod http;
pub mod journal;
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

/// Serves the app on `listener` until `shutdown` completes, then finishes open requests.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown)
        .await
}
