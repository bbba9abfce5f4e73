//! A stub HTTP/1.1 server that answers every request from a function: for what the real server
//! never does (announce a size and not keep to it, send more than any cap). One request per
//! connection; the body is a prefix and then filler bytes, written until the client hangs up.

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

use crate::accept::{Acceptor, Log};
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

/// The running stub; its log holds every request it saw.
pub(crate) type Stub = Acceptor<Request>;

impl Stub {
    /// A stub that answers each request (and its own address, for URLs) with `answer`.
    pub(crate) async fn start(
        answer: impl Fn(&Request, SocketAddr) -> Reply + Send + Sync + 'static,
    ) -> Stub {
        let answer: Arc<Answer> = Arc::new(answer);
        Acceptor::listen(move |socket, addr, seen| handle(socket, addr, seen, Arc::clone(&answer)))
            .await
    }
}

async fn handle(mut socket: TcpStream, addr: SocketAddr, seen: Log<Request>, answer: Arc<Answer>) {
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
