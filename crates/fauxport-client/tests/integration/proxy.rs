//! A tiny HTTP/1.1 fault proxy in front of the real server: one request per connection, each
//! forwarded with `Connection: close`, and a rule that may answer in its place, cut the body
//! short, or stall. It keeps a journal of what it saw, so tests can count re-requests.
//!
//! Page URLs are built from the `Host` header, so page downloads come through the proxy too.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::accept::{Acceptor, Log};

/// What kind of request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `POST /graphql`.
    Graphql,
    /// `GET /files/...`: a page.
    Page,
    /// Anything else.
    Other,
}

/// A fault to inject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Fault {
    /// Answer with this status and body; the server never sees the request.
    Respond(u16, String),
    /// Forward, then send the head and half the body and close: the `Content-Length` still
    /// announces the whole body (a connection closed early).
    CloseEarly,
    /// Forward, then send half the body with a `Content-Length` that matches it (a body that
    /// is short of the page's range).
    ShortBody,
    /// Wait this long, then forward.
    Stall(Duration),
}

/// One request the proxy saw.
#[derive(Debug, Clone)]
pub(crate) struct Seen {
    /// The kind.
    pub(crate) kind: Kind,
    /// How many requests of this kind came before it.
    pub(crate) nth: usize,
    /// The GraphQL operation name, for GraphQL requests.
    pub(crate) operation: Option<String>,
    /// The GraphQL variables.
    pub(crate) variables: Value,
    /// Whether the request carried an `Authorization` header.
    pub(crate) authorized: bool,
    /// The fault injected, if any.
    pub(crate) fault: Option<Fault>,
}

/// Decides the fault for a request.
pub(crate) type Rule = dyn Fn(&Seen) -> Option<Fault> + Send + Sync;

/// The running proxy; its log is its journal.
pub(crate) type Proxy = Acceptor<Seen>;

impl Proxy {
    /// A proxy to `upstream` that injects what `rule` says.
    pub(crate) async fn start(
        upstream: SocketAddr,
        rule: impl Fn(&Seen) -> Option<Fault> + Send + Sync + 'static,
    ) -> Proxy {
        let rule: Arc<Rule> = Arc::new(rule);
        Acceptor::listen(move |socket, _, journal| {
            handle(socket, upstream, journal, Arc::clone(&rule))
        })
        .await
    }

    /// GraphQL requests of `operation` seen so far.
    pub(crate) fn operations(&self, operation: &str) -> Vec<Seen> {
        self.log()
            .into_iter()
            .filter(|s| s.operation.as_deref() == Some(operation))
            .collect()
    }

    /// Page downloads seen so far.
    pub(crate) fn pages(&self) -> Vec<Seen> {
        self.log()
            .into_iter()
            .filter(|s| s.kind == Kind::Page)
            .collect()
    }
}

/// A parsed HTTP message: the head's first line, its headers, and the body.
pub(crate) struct Message {
    pub(crate) first: String,
    headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl Message {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The head with `Connection: close` (and `content-length` set to `length` if given).
    fn head(&self, length: Option<usize>) -> Vec<u8> {
        let mut head = format!("{}\r\n", self.first);
        for (name, value) in &self.headers {
            let lower = name.to_ascii_lowercase();
            if lower == "connection" || (length.is_some() && lower == "content-length") {
                continue;
            }
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if let Some(length) = length {
            head.push_str(&format!("content-length: {length}\r\n"));
        }
        head.push_str("connection: close\r\n\r\n");
        head.into_bytes()
    }
}

/// Splits `bytes` at the end of the head; `None` while the head is incomplete.
fn parse(bytes: &[u8]) -> Option<Message> {
    let end = bytes.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&bytes[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let first = lines.next().unwrap_or_default().to_owned();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Some(Message {
        first,
        headers,
        body: bytes[end + 4..].to_vec(),
    })
}

/// Reads one request: the head, then `Content-Length` bytes of body.
pub(crate) async fn read_request(socket: &mut TcpStream) -> Option<Message> {
    let mut bytes = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        if let Some(message) = parse(&bytes) {
            let length: usize = message
                .header("content-length")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            if message.body.len() >= length {
                return Some(message);
            }
        }
        let n = socket.read(&mut buf).await.ok()?;
        if n == 0 {
            return None;
        }
        bytes.extend_from_slice(&buf[..n]);
    }
}

/// The operation name of a GraphQL body: the word after `query` or `mutation`.
fn operation_of(body: &Value) -> Option<String> {
    let query = body.get("query")?.as_str()?;
    let name = query.split_whitespace().nth(1)?;
    let end = name.find(['(', '{']).unwrap_or(name.len());
    Some(name[..end].to_owned())
}

async fn handle(mut socket: TcpStream, upstream: SocketAddr, journal: Log<Seen>, rule: Arc<Rule>) {
    let Some(request) = read_request(&mut socket).await else {
        return;
    };
    let path = request
        .first
        .split_whitespace()
        .nth(1)
        .unwrap_or_default()
        .to_owned();
    let kind = if path == "/graphql" {
        Kind::Graphql
    } else if path.starts_with("/files/") {
        Kind::Page
    } else {
        Kind::Other
    };
    let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
    let fault = {
        let mut journal = journal.lock().expect("the journal lock");
        let mut seen = Seen {
            kind,
            nth: journal.iter().filter(|s| s.kind == kind).count(),
            operation: operation_of(&body),
            variables: body.get("variables").cloned().unwrap_or(Value::Null),
            authorized: request.header("authorization").is_some(),
            fault: None,
        };
        seen.fault = rule(&seen);
        let fault = seen.fault.clone();
        journal.push(seen);
        fault
    };
    if let Some(Fault::Respond(status, body)) = &fault {
        let response = format!(
            "HTTP/1.1 {status} Fault\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        );
        let _ = socket.write_all(response.as_bytes()).await;
        let _ = socket.shutdown().await;
        return;
    }
    if let Some(Fault::Stall(delay)) = &fault {
        tokio::time::sleep(*delay).await;
    }
    let Some(response) = forward(upstream, &request).await else {
        return;
    };
    let half = response.body.len() / 2;
    let out = match fault {
        Some(Fault::CloseEarly) => [response.head(None), response.body[..half].to_vec()].concat(),
        Some(Fault::ShortBody) => {
            assert!(
                response.header("content-length").is_some(),
                "pages are sent with a Content-Length"
            );
            [response.head(Some(half)), response.body[..half].to_vec()].concat()
        }
        _ => [response.head(None), response.body].concat(),
    };
    let _ = socket.write_all(&out).await;
    let _ = socket.shutdown().await;
}

/// Sends `request` upstream with `Connection: close` and reads the whole response.
async fn forward(upstream: SocketAddr, request: &Message) -> Option<Message> {
    let mut server = TcpStream::connect(upstream).await.ok()?;
    server.write_all(&request.head(None)).await.ok()?;
    server.write_all(&request.body).await.ok()?;
    let mut bytes = Vec::new();
    server.read_to_end(&mut bytes).await.ok()?;
    parse(&bytes)
}
