//! The request journal: a bounded FIFO of what clients asked and what they got, for the admin API
//! (`/__admin/requests`, counts and verification) and the `check` harness.
//!
//! Every request to `/graphql`, `/_gql`, `/files/...` and `/projects/.../export.ndjson` is
//! recorded by the route layer in `http/record.rs`: sequence number, arrival time,
//! method, path (the query string without `sig`), API key, scenario, kind, task, injected fault,
//! GraphQL operation names, error code, status and duration. Bodies are never copied.
//! `verify.rs` checks counts, gaps and order against an [`Expectation`]. The journal keeps at most `capacity` entries and
//! evicts the oldest, counting them; capacity 0 turns recording off.

use std::collections::VecDeque;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use axum::http::Method;
use fauxport_model::protocol::RequestKind;
use serde_json::{Value, json};

mod verify;

pub use verify::{Expectation, Verdict};

/// A bounded journal of requests, safe to share between handlers.
#[derive(Debug)]
pub struct Journal {
    started: Instant,
    capacity: usize,
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    entries: VecDeque<Entry>,
    next_seq: u64,
    evicted: u64,
}

/// One recorded request.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The order in which requests finished, from 1; never reused, not even after a clear.
    pub seq: u64,
    /// When the request arrived, in microseconds since the server started (monotonic clock).
    pub at_us: u64,
    /// The HTTP method.
    pub method: Method,
    /// The path, without the query string.
    pub path: String,
    /// The query string without its `sig` parameter (`None` when nothing is left).
    pub query: Option<String>,
    /// The API key from `Authorization: Bearer` (or the download's `api_key` parameter).
    pub api_key: Option<String>,
    /// The scenario the request ran under, `name:seed` (`None` when it was refused first).
    pub scenario: Option<String>,
    /// What the request was for: a GraphQL call's kind, `page` / `download` for the file
    /// routes, `refused` for a file request refused before its task or scenario was known.
    pub kind: RequestKind,
    /// The export task it created or downloaded from.
    pub task: Option<String>,
    /// The scenario fault injected into the response, described (`pages[0]: status 500`).
    pub fault: Option<String>,
    /// The operation names a GraphQL document declares (empty for an anonymous one).
    pub operations: Vec<String>,
    /// The error code the response carries (GraphQL `extensions.code` of the first error).
    pub error_code: Option<String>,
    /// Whether the response is one a client should retry after a back-off: a 5xx, or an
    /// error the table says the SDK retries ([`crate::errors::ErrorKind::retried_by_sdk`]).
    pub retryable: bool,
    /// The HTTP status.
    pub status: u16,
    /// Time from arrival to the response head, in microseconds (a streamed body may take longer).
    pub duration_us: u64,
}

/// Which entries to look at: every given field must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only requests made with this API key.
    pub api_key: Option<String>,
    /// Only GraphQL requests whose document declares this operation.
    pub operation: Option<String>,
    /// Only requests of this kind.
    pub kind: Option<RequestKind>,
    /// Only requests whose path starts with this.
    pub path_prefix: Option<String>,
    /// Only requests a scenario fault hit (`true`) or did not (`false`).
    pub faulted: Option<bool>,
    /// Only requests recorded after the one with this sequence number (what a poller has not
    /// seen yet; sequence numbers are never reused).
    pub after_seq: Option<u64>,
}

/// The journal as the admin API shows it.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// Matching entries, oldest first.
    pub entries: Vec<Entry>,
    /// Requests recorded since the last clear (kept and evicted).
    pub total_recorded: u64,
    /// Entries evicted since the last clear.
    pub evicted: u64,
    /// The capacity.
    pub capacity: usize,
}

impl Journal {
    /// An empty journal keeping at most `capacity` entries (0: records nothing).
    pub fn new(capacity: usize) -> Journal {
        Journal {
            started: Instant::now(),
            capacity,
            inner: Mutex::new(Inner {
                // Grows as needed, up to the capacity: a large capacity costs nothing until used.
                entries: VecDeque::with_capacity(capacity.min(1024)),
                next_seq: 1,
                evicted: 0,
            }),
        }
    }

    /// The most entries kept.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Whether requests are recorded at all.
    pub fn is_enabled(&self) -> bool {
        self.capacity > 0
    }

    /// Microseconds since the journal (the server) started.
    pub fn now_us(&self) -> u64 {
        micros(self.started.elapsed())
    }

    /// Records `entry` (its `seq` is assigned here), evicting the oldest entry when full.
    pub fn record(&self, mut entry: Entry) {
        if !self.is_enabled() {
            return;
        }
        let mut inner = self.lock();
        entry.seq = inner.next_seq;
        inner.next_seq += 1;
        while inner.entries.len() >= self.capacity {
            inner.entries.pop_front();
            inner.evicted += 1;
        }
        inner.entries.push_back(entry);
    }

    /// The entries `filter` selects, oldest first, at most the `limit` newest.
    pub fn snapshot(&self, filter: &Filter, limit: Option<usize>) -> Snapshot {
        let inner = self.lock();
        let mut entries: Vec<Entry> = inner
            .entries
            .iter()
            .rev()
            .filter(|e| filter.matches(e))
            .take(limit.unwrap_or(usize::MAX))
            .cloned()
            .collect();
        entries.reverse();
        Snapshot {
            entries,
            total_recorded: inner.evicted + inner.entries.len() as u64,
            evicted: inner.evicted,
            capacity: self.capacity,
        }
    }

    /// How many kept entries `filter` selects.
    pub fn count(&self, filter: &Filter) -> u64 {
        self.lock()
            .entries
            .iter()
            .filter(|e| filter.matches(e))
            .count() as u64
    }

    /// Forgets every entry and the eviction count; returns how many entries were kept.
    pub fn clear(&self) -> usize {
        let mut inner = self.lock();
        let kept = inner.entries.len();
        inner.entries.clear();
        inner.evicted = 0;
        kept
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock cannot leave the deque half-updated in a way that
        // matters to readers, so a poisoned lock is still used.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Filter {
    /// Whether `entry` passes.
    pub fn matches(&self, entry: &Entry) -> bool {
        self.api_key
            .as_ref()
            .is_none_or(|k| entry.api_key.as_ref() == Some(k))
            && self
                .operation
                .as_ref()
                .is_none_or(|op| entry.operations.iter().any(|o| o == op))
            && self.kind.as_ref().is_none_or(|k| entry.kind == *k)
            && self
                .path_prefix
                .as_ref()
                .is_none_or(|p| entry.path.starts_with(p.as_str()))
            && self.faulted.is_none_or(|f| entry.fault.is_some() == f)
            && self.after_seq.is_none_or(|seq| entry.seq > seq)
    }

    /// "request(s)", "GetUserPyApi request(s) with API key \"k\"", for messages.
    fn describe(&self) -> String {
        let mut out = match (&self.operation, &self.kind) {
            (Some(op), _) => format!("{op} request(s)"),
            (None, Some(kind)) => format!("{kind} request(s)"),
            (None, None) => "request(s)".to_owned(),
        };
        if let Some(p) = &self.path_prefix {
            out.push_str(&format!(" to {p}*"));
        }
        if let Some(f) = self.faulted {
            out.push_str(if f {
                " hit by a fault"
            } else {
                " not hit by a fault"
            });
        }
        if let Some(key) = &self.api_key {
            out.push_str(&format!(" with API key {key:?}"));
        }
        out
    }
}

impl Entry {
    /// The entry as the admin API sends it (times in milliseconds).
    pub fn to_json(&self) -> Value {
        json!({
            "seq": self.seq,
            "at_ms": millis(self.at_us),
            "method": self.method.as_str(),
            "path": self.path,
            "query": self.query,
            "api_key": self.api_key,
            "scenario": self.scenario,
            "kind": self.kind.as_str(),
            "task": self.task,
            "fault": self.fault,
            "operations": self.operations,
            "error_code": self.error_code,
            "retryable": self.retryable,
            "status": self.status,
            "duration_ms": millis(self.duration_us),
        })
    }
}

pub(crate) fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}

/// Microseconds as milliseconds (three decimals survive).
fn millis(us: u64) -> f64 {
    us as f64 / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn entry(at_ms: u64, key: &str, op: &str) -> Entry {
        Entry {
            seq: 0,
            at_us: at_ms * 1000,
            method: Method::POST,
            path: "/graphql".to_owned(),
            query: None,
            api_key: Some(key.to_owned()),
            scenario: Some("happy:42".to_owned()),
            kind: RequestKind::Call(fauxport_model::protocol::CallKind::Other),
            task: None,
            fault: None,
            operations: vec![op.to_owned()],
            error_code: None,
            retryable: false,
            status: 200,
            duration_us: 10,
        }
    }

    pub(super) fn filter(key: Option<&str>, op: Option<&str>) -> Filter {
        Filter {
            api_key: key.map(ToOwned::to_owned),
            operation: op.map(ToOwned::to_owned),
            ..Filter::default()
        }
    }

    #[test]
    fn evicts_the_oldest_and_counts_them() {
        let journal = Journal::new(3);
        for i in 0..10 {
            journal.record(entry(i, "k", "Op"));
        }
        let snap = journal.snapshot(&Filter::default(), None);
        let seqs: Vec<u64> = snap.entries.iter().map(|e| e.seq).collect();
        assert_eq!(seqs, [8, 9, 10]);
        assert_eq!(
            (snap.total_recorded, snap.evicted, snap.capacity),
            (10, 7, 3)
        );
        assert_eq!(journal.clear(), 3);
        let snap = journal.snapshot(&Filter::default(), None);
        assert_eq!(
            (snap.entries.len(), snap.total_recorded, snap.evicted),
            (0, 0, 0)
        );
        journal.record(entry(20, "k", "Op"));
        assert_eq!(
            journal.snapshot(&Filter::default(), None).entries[0].seq,
            11
        );
    }

    #[test]
    fn capacity_zero_records_nothing() {
        let journal = Journal::new(0);
        journal.record(entry(1, "k", "Op"));
        assert_eq!(journal.count(&Filter::default()), 0);
        let verdict = journal.verify(&Expectation::default());
        assert!(!verdict.ok());
        assert!(verdict.problems[0].contains("disabled"), "{verdict:?}");
    }

    #[test]
    fn filters_and_limits_keep_the_newest() {
        let journal = Journal::new(100);
        for (i, (key, op)) in [("a", "X"), ("b", "X"), ("a", "Y"), ("a", "X"), ("b", "Y")]
            .into_iter()
            .enumerate()
        {
            journal.record(entry(i as u64, key, op));
        }
        let seqs = |f: &Filter, limit| -> Vec<u64> {
            journal
                .snapshot(f, limit)
                .entries
                .iter()
                .map(|e| e.seq)
                .collect()
        };
        assert_eq!(seqs(&filter(Some("a"), None), None), [1, 3, 4]);
        assert_eq!(seqs(&filter(None, Some("X")), None), [1, 2, 4]);
        assert_eq!(seqs(&filter(Some("a"), Some("X")), None), [1, 4]);
        assert_eq!(seqs(&filter(None, None), Some(2)), [4, 5]);
        assert_eq!(journal.count(&filter(Some("b"), None)), 2);
        assert_eq!(journal.count(&filter(Some("c"), None)), 0);
    }
}
