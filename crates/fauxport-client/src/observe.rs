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

/// What a request was for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum CallKind {
    /// `exportDataRowsInProjectPyApi`: creating the export task.
    CreateExport,
    /// `GetUserCreatedTasksPyApi`: one poll of the task.
    Task,
    /// `GetExportMetadataHeaderPyApi`: a stream's totals.
    Header,
    /// `GetExportFileFromOffsetPyApi`: the page at an offset.
    PageLookup,
    /// `GET` of a page file: the whole body, checked for length.
    Page,
    /// `GET /projects/{id}/export.ndjson`: the plain whole-stream download, to its last byte.
    Download,
    /// Any other GraphQL call (`GetUserPyApi`, or a query passed to [`Client::graphql`]).
    ///
    /// [`Client::graphql`]: crate::Client::graphql
    Other,
}

impl CallKind {
    /// Every kind, in the order of an export.
    pub const ALL: [CallKind; 7] = [
        CallKind::CreateExport,
        CallKind::Task,
        CallKind::Header,
        CallKind::PageLookup,
        CallKind::Page,
        CallKind::Download,
        CallKind::Other,
    ];

    /// The kind's name, as fauxport's request journal spells it (`create-export`, `task`,
    /// `header`, `page-lookup`, `page`, `download`, `other`).
    pub fn as_str(self) -> &'static str {
        match self {
            CallKind::CreateExport => "create-export",
            CallKind::Task => "task",
            CallKind::Header => "header",
            CallKind::PageLookup => "page-lookup",
            CallKind::Page => "page",
            CallKind::Download => "download",
            CallKind::Other => "other",
        }
    }

    /// The kind of a GraphQL request sending `query`, by the protocol's one classifier
    /// ([`fauxport_model::protocol::Operation::of_query`]), as the server journals it.
    pub(crate) fn of_query(query: &str) -> CallKind {
        use fauxport_model::protocol::CallKind as Call;
        match Call::of_query(query) {
            Call::CreateExport => CallKind::CreateExport,
            Call::Task => CallKind::Task,
            Call::Header => CallKind::Header,
            Call::PageLookup => CallKind::PageLookup,
            Call::Other => CallKind::Other,
        }
    }
}

/// One request, as an [`Observer`] hears of it.
#[derive(Debug, Clone, Copy)]
pub struct CallEvent<'a> {
    /// What it was for.
    pub kind: CallKind,
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

    #[test]
    fn queries_have_their_kind() {
        assert_eq!(
            CallKind::of_query(queries::EXPORT_PROJECT),
            CallKind::CreateExport
        );
        assert_eq!(CallKind::of_query(queries::CREATED_TASKS), CallKind::Task);
        assert_eq!(CallKind::of_query(queries::HEADER), CallKind::Header);
        assert_eq!(
            CallKind::of_query(queries::FILE_FROM_OFFSET),
            CallKind::PageLookup
        );
        assert_eq!(CallKind::of_query(queries::GET_USER), CallKind::Other);
        let names: Vec<&str> = CallKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(
            names,
            [
                "create-export",
                "task",
                "header",
                "page-lookup",
                "page",
                "download",
                "other"
            ]
        );
    }
}
