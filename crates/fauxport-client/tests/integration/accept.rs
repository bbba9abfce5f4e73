//! The accept loop of the raw TCP servers the tests run ([`crate::proxy`], [`crate::stub`]): it
//! binds `127.0.0.1:0`, hands each connection to a handler on a task of its own with the log the
//! handlers keep of what they saw, and on [`Acceptor::stop`] ends them all.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::{JoinHandle, JoinSet};

/// What the handlers saw, in order: one `T` per request.
pub(crate) type Log<T> = Arc<Mutex<Vec<T>>>;

/// A running accept loop and its log.
pub(crate) struct Acceptor<T> {
    /// Where it listens.
    pub(crate) addr: SocketAddr,
    log: Log<T>,
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl<T: Clone + Send + 'static> Acceptor<T> {
    /// Accepts connections until stopped; `handle` gets each one, the listening address (for
    /// URLs that must point back here) and the log.
    pub(crate) async fn listen<F, Fut>(handle: F) -> Acceptor<T>
    where
        F: Fn(TcpStream, SocketAddr, Log<T>) -> Fut + Send + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let log: Log<T> = Arc::new(Mutex::new(Vec::new()));
        let shared = Arc::clone(&log);
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
                        connections.spawn(handle(socket, addr, Arc::clone(&shared)));
                    }
                }
            }
            connections.shutdown().await;
        });
        Acceptor {
            addr,
            log,
            stop,
            task,
        }
    }

    /// The GraphQL endpoint at its address.
    pub(crate) fn endpoint(&self) -> String {
        format!("http://{}/graphql", self.addr)
    }

    /// Everything logged so far.
    pub(crate) fn log(&self) -> Vec<T> {
        self.log.lock().expect("the log lock").clone()
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
