//! A stub HTTP/1.1 server that answers every request from a function: for what the real server
//! never does (announce a size and not keep to it, send more than any cap). One request per
//! connection; the body is a prefix and then filler bytes, written until the client hangs up.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::{JoinHandle, JoinSet};

use crate::proxy::read_request;

/// What the stub answers.
pub(crate) struct Reply {
    /// The status line and headers, each ending `\r\n` (the blank line is added).
    pub(crate) head: String,
    /// The first bytes of the body.
    pub(crate) prefix: Vec<u8>,
    /// How many filler bytes (spaces) follow.
    pub(crate) filler: u64,
}

/// A request the stub saw: its first line and its body as text.
pub(crate) type Request = (String, String);

type Answer = dyn Fn(&Request, SocketAddr) -> Reply + Send + Sync;

/// The running stub.
pub(crate) struct Stub {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<Request>>>,
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl Stub {
    /// A stub that answers each request (and its own address, for URLs) with `answer`.
    pub(crate) async fn start(
        answer: impl Fn(&Request, SocketAddr) -> Reply + Send + Sync + 'static,
    ) -> Stub {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("a local address");
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (stop, mut stopped) = oneshot::channel::<()>();
        let answer: Arc<Answer> = Arc::new(answer);
        let shared = Arc::clone(&seen);
        let task = tokio::spawn(async move {
            let mut connections = JoinSet::new();
            loop {
                tokio::select! {
                    _ = &mut stopped => break,
                    accepted = listener.accept() => {
                        let Ok((socket, _)) = accepted else { continue };
                        let (seen, answer) = (Arc::clone(&shared), Arc::clone(&answer));
                        connections.spawn(handle(socket, addr, seen, answer));
                    }
                }
            }
            connections.shutdown().await;
        });
        Stub {
            addr,
            seen,
            stop,
            task,
        }
    }

    /// The GraphQL endpoint.
    pub(crate) fn endpoint(&self) -> String {
        format!("http://{}/graphql", self.addr)
    }

    /// Every request so far.
    pub(crate) fn seen(&self) -> Vec<Request> {
        self.seen.lock().expect("the lock").clone()
    }

    /// Stops accepting, ends open connections and waits for the stub to finish.
    pub(crate) async fn stop(self) {
        let _ = self.stop.send(());
        tokio::time::timeout(Duration::from_secs(10), self.task)
            .await
            .expect("the stub stops")
            .expect("the stub did not panic");
    }
}

async fn handle(
    mut socket: TcpStream,
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<Request>>>,
    answer: Arc<Answer>,
) {
    let Some(message) = read_request(&mut socket).await else {
        return;
    };
    let request = (
        message.first.clone(),
        String::from_utf8_lossy(&message.body).into_owned(),
    );
    let reply = answer(&request, addr);
    seen.lock().expect("the lock").push(request);
    let mut out = reply.head.into_bytes();
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(&reply.prefix);
    if socket.write_all(&out).await.is_err() {
        return;
    }
    let chunk = vec![b' '; 64 * 1024];
    let mut left = reply.filler;
    while left > 0 {
        let n = left.min(chunk.len() as u64) as usize;
        // The client hangs up once it has read what it will: that ends the body.
        if socket.write_all(&chunk[..n]).await.is_err() {
            return;
        }
        left -= n as u64;
    }
    let _ = socket.shutdown().await;
}
