//! Reading a request body whole, bounded in size and in time: a declared `Content-Length` over
//! the limit is refused before a byte is read, and a body that stops arriving is given up on.

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, header};

/// Why a body was not read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum BodyError {
    /// Over the limit: the declared length, or the limit plus one when none was declared.
    TooLarge(usize),
    /// It did not arrive within the timeout.
    TimedOut,
    /// The connection broke while it was read.
    Broken,
}

/// The body, when it is at most `limit` bytes and arrives within `timeout`.
pub(crate) async fn read(
    body: Body,
    headers: &HeaderMap,
    limit: usize,
    timeout: Duration,
) -> Result<Bytes, BodyError> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if let Some(declared) = declared.filter(|&d| d > limit as u64) {
        return Err(BodyError::TooLarge(
            usize::try_from(declared).unwrap_or(usize::MAX),
        ));
    }
    match tokio::time::timeout(timeout, axum::body::to_bytes(body, limit)).await {
        Err(_) => Err(BodyError::TimedOut),
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(e)) => {
            // `to_bytes` says "length limit exceeded" through its source; anything else is a
            // connection that broke.
            let over = std::error::Error::source(&e)
                .is_some_and(|s| s.is::<http_body_util::LengthLimitError>());
            Err(if over {
                BodyError::TooLarge(limit.saturating_add(1))
            } else {
                BodyError::Broken
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn declared(n: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            header::CONTENT_LENGTH,
            HeaderValue::from_str(n).expect("a value"),
        );
        h
    }

    #[tokio::test]
    async fn bodies_are_bounded_in_size_and_time() {
        let second = Duration::from_secs(1);
        let none = HeaderMap::new();
        assert_eq!(
            read(Body::from("abc"), &none, 3, second).await,
            Ok(Bytes::from("abc"))
        );
        assert_eq!(
            read(Body::from("abcd"), &none, 3, second).await,
            Err(BodyError::TooLarge(4))
        );
        // Refused on the declared length alone, before anything is read: a body that would
        // never arrive is not waited for.
        let never =
            Body::from_stream(futures_util::stream::pending::<Result<Bytes, std::io::Error>>());
        assert_eq!(
            read(
                never,
                &declared("1000000000000"),
                1 << 20,
                Duration::from_secs(3600)
            )
            .await,
            Err(BodyError::TooLarge(1_000_000_000_000))
        );
        let never =
            Body::from_stream(futures_util::stream::pending::<Result<Bytes, std::io::Error>>());
        assert_eq!(
            read(never, &declared("10"), 1 << 20, Duration::from_millis(50)).await,
            Err(BodyError::TimedOut)
        );
    }
}
