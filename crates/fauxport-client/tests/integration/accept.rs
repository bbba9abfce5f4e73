//! The accept loop of the raw TCP servers the tests run ([`crate::proxy`], [`crate::stub`]): it
//! binds `127.0.0.1:0`, hands each connection to a handler on a task of its own, and on
//! [`Acceptor::stop`] ends them all.

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::{JoinHandle, JoinSet};

/// A running accept loop.
pub(crate) struct Acceptor {
    /// Where it listens.
    pub(crate) addr: SocketAddr,
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl Acceptor {
    /// Accepts connections until stopped; `handle` gets each one and the listening address (for
    /// URLs that must point back here).
    pub(crate) async fn start<F, Fut>(handle: F) -> Acceptor
    where
        F: Fn(TcpStream, SocketAddr) -> Fut + Send + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("a local address");
        let (stop, mut stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let mut connections = JoinSet::new();
            loop {
                tokio::select! {
                    _ = &mut stopped => break,
                    accepted = listener.accept() => {
                        let Ok((socket, _)) = accepted else { continue };
                        connections.spawn(handle(socket, addr));
                    }
                }
            }
            connections.shutdown().await;
        });
        Acceptor { addr, stop, task }
    }

    /// The GraphQL endpoint at its address.
    pub(crate) fn endpoint(&self) -> String {
        format!("http://{}/graphql", self.addr)
    }

    /// Stops accepting, ends open connections and waits for the loop to finish.
    pub(crate) async fn stop(self) {
        let _ = self.stop.send(());
        tokio::time::timeout(Duration::from_secs(10), self.task)
            .await
            .expect("the accept loop stops")
            .expect("the accept loop did not panic");
    }
}
