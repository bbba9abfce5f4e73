//! A hook that sees every HTTP request the client makes: its kind, how long it took, how many
//! body bytes came back and whether it failed. `fauxport load` uses it for per-call latency
//! histograms; it changes nothing about what the client does.
//!
//! One event per attempt: a GraphQL call retried twice reports three events, a page downloaded
//! again after a 500 reports its lookup and download twice. Events are reported on the task
//! that made the request, after the response (or the failure) is known, so an observer must be
//! quick and must not block.

use std::time::Duration;

use crate::error::ClientError;

pub use fauxport_model::protocol::RequestKind;

/// The kind of a GraphQL request sending `query`, by the protocol's one classifier
/// ([`fauxport_model::protocol::Operation::of_query`]), as the server journals it.
pub(crate) fn of_query(query: &str) -> RequestKind {
    RequestKind::Call(fauxport_model::protocol::CallKind::of_query(query))
}

/// One request, as an [`Observer`] hears of it.
#[derive(Debug, Clone, Copy)]
pub struct CallEvent<'a> {
    /// What it was for (never [`RequestKind::Refused`]: that is the server's view).
    pub kind: RequestKind,
    /// From sending the request to the last byte of the body (or the failure).
    pub elapsed: Duration,
    /// Body bytes received (for a failed page download: those received before the failure).
    pub bytes: u64,
    /// The failure, when the attempt failed (a retried attempt included).
    pub error: Option<&'a ClientError>,
}

/// Watches a client's requests (see the module docs). Set with
/// [`Client::with_observer`](crate::Client::with_observer); clones of the client share it.
pub trait Observer: Send + Sync {
    /// Called once per request, after it ended.
    fn on_call(&self, event: &CallEvent<'_>);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::queries;
    use fauxport_model::protocol::CallKind;

    #[test]
    fn queries_have_their_kind() {
        let check = |query: &str, kind: CallKind| {
            assert_eq!(of_query(query), RequestKind::Call(kind), "{query}");
        };
        check(queries::EXPORT_PROJECT, CallKind::CreateExport);
        check(queries::CREATED_TASKS, CallKind::Task);
        check(queries::HEADER, CallKind::Header);
        check(queries::FILE_FROM_OFFSET, CallKind::PageLookup);
        check(queries::GET_USER, CallKind::Other);
    }
}
