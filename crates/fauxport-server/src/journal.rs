//! The request journal: a bounded FIFO of what clients asked and what they got, for the admin API
//! (`/__admin/requests`, counts and verification) and, later, the `check` harness.
//!
//! Every request to `/graphql`, `/_gql`, `/files/...` and `/projects/.../export.ndjson` is
//! recorded by [`record_requests`], a route layer: sequence number, arrival time, method, path
//! (the query string without `sig`), API key, scenario, GraphQL operation names, error code,
//! status and duration. Bodies are never copied. The journal keeps at most `capacity` entries and
//! evicts the oldest, counting them; capacity 0 turns recording off.

use std::collections::VecDeque;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use axum::extract::{Query, Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::state::AppState;

/// The longest path (with its query string) an entry keeps, in bytes.
const MAX_PATH: usize = 2048;
/// The longest API key an entry keeps, in bytes.
const MAX_KEY: usize = 256;
/// The most operation names an entry keeps, and the longest of each, in bytes.
const MAX_OPERATIONS: usize = 16;
const MAX_OPERATION: usize = 256;

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
    /// What a GraphQL call did (`create-export`, `task`, `header`, `page-lookup`, `other`), or
    /// `page` / `download` for file routes.
    pub kind: Option<&'static str>,
    /// The export task it created or downloaded from.
    pub task: Option<String>,
    /// The scenario fault injected into the response, described (`pages[0]: status 500`).
    pub fault: Option<String>,
    /// The operation names a GraphQL document declares (empty for an anonymous one).
    pub operations: Vec<String>,
    /// The error code the response carries (GraphQL `extensions.code` of the first error).
    pub error_code: Option<String>,
    /// The HTTP status.
    pub status: u16,
    /// Time from arrival to the response head, in microseconds (a streamed body may take longer).
    pub duration_us: u64,
}

/// What a handler tells the journal about its response (carried in the response's extensions).
#[derive(Debug, Clone, Default)]
pub(crate) struct JournalNote {
    /// The operation names of the GraphQL document.
    pub(crate) operations: Vec<String>,
    /// The error code of the response, if any.
    pub(crate) error_code: Option<String>,
    /// The API key, when the request did not carry it (page downloads: the task's creator's).
    pub(crate) api_key: Option<String>,
    /// The scenario label.
    pub(crate) scenario: Option<String>,
    /// What the call did.
    pub(crate) kind: Option<&'static str>,
    /// The task created or read.
    pub(crate) task: Option<String>,
    /// The fault injected.
    pub(crate) fault: Option<String>,
}

/// Which entries to look at: every given field must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only requests made with this API key.
    pub api_key: Option<String>,
    /// Only GraphQL requests whose document declares this operation.
    pub operation: Option<String>,
    /// Only requests of this kind (`create-export`, `task`, `header`, `page-lookup`, `other`,
    /// `page`, `download`).
    pub kind: Option<String>,
    /// Only requests whose path starts with this.
    pub path_prefix: Option<String>,
    /// Only requests a scenario fault hit (`true`) or did not (`false`).
    pub faulted: Option<bool>,
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

/// What a verification expects of the requests a [`Filter`] selects.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Expectation {
    /// The requests to look at.
    pub filter: Filter,
    /// At least this many.
    pub min_count: Option<u64>,
    /// At most this many.
    pub max_count: Option<u64>,
    /// No two consecutive ones (by arrival) closer than this, in milliseconds.
    pub min_gap_ms: Option<f64>,
    /// Request kinds (`create-export`, `task`, `header`, `page-lookup`, `page`, ...) whose first
    /// occurrences must come in this order.
    pub order: Vec<String>,
}

/// The outcome of a verification.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// How many requests matched.
    pub count: u64,
    /// The smallest gap between consecutive matching requests (by arrival), in milliseconds;
    /// `None` with fewer than two.
    pub min_gap_ms: Option<f64>,
    /// What did not hold, one sentence each; empty when the expectation is met.
    pub problems: Vec<String>,
}

impl Verdict {
    /// Whether the expectation is met.
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
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

    /// Checks `expected` against the kept entries.
    pub fn verify(&self, expected: &Expectation) -> Verdict {
        let inner = self.lock();
        let mut arrivals: Vec<(u64, u64)> = inner
            .entries
            .iter()
            .filter(|e| expected.filter.matches(e))
            .map(|e| (e.at_us, e.seq))
            .collect();
        let mut first_of_kind: Vec<(String, Option<u64>)> =
            expected.order.iter().map(|k| (k.clone(), None)).collect();
        // The earliest arrival of each kind (entries are kept in the order requests finished).
        for e in inner.entries.iter().filter(|e| expected.filter.matches(e)) {
            for (kind, first) in &mut first_of_kind {
                if e.kind == Some(kind.as_str()) && first.is_none_or(|at| e.at_us < at) {
                    *first = Some(e.at_us);
                }
            }
        }
        let evicted = inner.evicted;
        drop(inner);
        arrivals.sort_unstable();
        let count = arrivals.len() as u64;
        let what = expected.filter.describe();
        let mut problems = Vec::new();
        if !self.is_enabled() {
            problems.push(
                "the request journal is disabled (journal capacity 0): nothing was recorded"
                    .to_owned(),
            );
        } else if evicted > 0 {
            problems.push(format!(
                "the journal evicted {evicted} older request(s) since it was last cleared \
                 (capacity {}): counts and gaps cover only the requests it kept; clear it \
                 before the run or raise --journal-capacity",
                self.capacity
            ));
        }
        if let Some(min) = expected.min_count
            && count < min
        {
            problems.push(format!("expected at least {min} {what}, found {count}"));
        }
        if let Some(max) = expected.max_count
            && count > max
        {
            problems.push(format!("expected at most {max} {what}, found {count}"));
        }
        // The smallest gap between consecutive arrivals, and the pair it was between.
        let smallest = arrivals
            .windows(2)
            .map(|w| (w[1].0 - w[0].0, w[0].1, w[1].1))
            .min_by_key(|&(gap, _, _)| gap);
        let min_gap_ms = smallest.map(|(gap, _, _)| millis(gap));
        if let (Some(wanted), Some((gap, a, b))) = (expected.min_gap_ms, smallest)
            && millis(gap) < wanted
        {
            let short = arrivals
                .windows(2)
                .filter(|w| millis(w[1].0 - w[0].0) < wanted)
                .count();
            problems.push(format!(
                "{short} gap(s) between consecutive {what} were shorter than min_gap_ms \
                 {wanted}; the shortest was {:.3} ms, between requests #{a} and #{b}",
                millis(gap)
            ));
        }
        let mut previous: Option<(&str, u64)> = None;
        for (kind, first) in &first_of_kind {
            match first {
                None => problems.push(format!("order: no {kind} request among the {what}")),
                Some(at) => {
                    if let Some((before, before_at)) = previous
                        && *at < before_at
                    {
                        problems.push(format!(
                            "order: the first {kind} request came before the first {before} request"
                        ));
                    }
                    previous = Some((kind.as_str(), *at));
                }
            }
        }
        Verdict {
            count,
            min_gap_ms,
            problems,
        }
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
            && self
                .kind
                .as_ref()
                .is_none_or(|k| entry.kind == Some(k.as_str()))
            && self
                .path_prefix
                .as_ref()
                .is_none_or(|p| entry.path.starts_with(p.as_str()))
            && self.faulted.is_none_or(|f| entry.fault.is_some() == f)
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
            "kind": self.kind,
            "task": self.task,
            "fault": self.fault,
            "operations": self.operations,
            "error_code": self.error_code,
            "status": self.status,
            "duration_ms": millis(self.duration_us),
        })
    }
}

/// `?api_key=` of the plain download route.
#[derive(Debug, Deserialize)]
struct KeyParam {
    api_key: Option<String>,
}

/// The route layer that records every request it wraps.
pub(crate) async fn record_requests(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let journal = &state.journal;
    if !journal.is_enabled() {
        return next.run(request).await;
    }
    let at_us = journal.now_us();
    let started = Instant::now();
    let method = request.method().clone();
    let path = clip(request.uri().path(), MAX_PATH).to_owned();
    let query = request.uri().query().and_then(without_sig);
    // The key as the handlers read it: the bearer header first, else the download's parameter.
    let authorization = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .map(ToOwned::to_owned)
        .or_else(|| {
            // Only the plain download takes a key parameter: skip parsing other query strings.
            let query = request.uri().query()?;
            if !query.contains("api_key") {
                return None;
            }
            Query::<KeyParam>::try_from_uri(request.uri())
                .ok()
                .and_then(|q| q.0.api_key)
                .map(|k| format!("Bearer {k}"))
        });
    let api_key = authorization.as_deref().map(|a| {
        let key = a.strip_prefix("Bearer ").map_or(a, str::trim);
        clip(key, MAX_KEY).to_owned()
    });

    let mut response = next.run(request).await;

    let note = response
        .extensions_mut()
        .remove::<JournalNote>()
        .unwrap_or_default();
    let mut operations = note.operations;
    operations.truncate(MAX_OPERATIONS);
    for op in &mut operations {
        if op.len() > MAX_OPERATION {
            *op = clip(op, MAX_OPERATION).to_owned();
        }
    }
    journal.record(Entry {
        seq: 0,
        at_us,
        method,
        path,
        query,
        api_key: note
            .api_key
            .map(|k| clip(&k, MAX_KEY).to_owned())
            .or(api_key),
        scenario: note.scenario,
        kind: note.kind,
        task: note.task,
        fault: note.fault,
        operations,
        error_code: note.error_code,
        status: response.status().as_u16(),
        duration_us: micros(started.elapsed()),
    });
    response
}

/// `query` without its `sig=` parameters (a page URL's signature is a credential of sorts and
/// only noise in a journal), clipped; `None` when nothing is left.
fn without_sig(query: &str) -> Option<String> {
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.is_empty() && pair.split('=').next() != Some("sig"))
        .collect();
    (!kept.is_empty()).then(|| clip(&kept.join("&"), MAX_PATH).to_owned())
}

/// The longest prefix of `s` of at most `max` bytes that ends on a character boundary.
fn clip(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}

/// Microseconds as milliseconds (three decimals survive).
fn millis(us: u64) -> f64 {
    us as f64 / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(at_ms: u64, key: &str, op: &str) -> Entry {
        Entry {
            seq: 0,
            at_us: at_ms * 1000,
            method: Method::POST,
            path: "/graphql".to_owned(),
            query: None,
            api_key: Some(key.to_owned()),
            scenario: Some("happy:42".to_owned()),
            kind: Some("other"),
            task: None,
            fault: None,
            operations: vec![op.to_owned()],
            error_code: None,
            status: 200,
            duration_us: 10,
        }
    }

    fn filter(key: Option<&str>, op: Option<&str>) -> Filter {
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

    #[test]
    fn verify_checks_counts_and_gaps() {
        let journal = Journal::new(100);
        // Arrivals at 0, 100, 105 and 300 ms; recorded out of arrival order.
        for at in [0, 105, 100, 300] {
            journal.record(entry(at, "k", "Poll"));
        }
        let expect = |min, max, gap| Expectation {
            filter: filter(Some("k"), Some("Poll")),
            min_count: min,
            max_count: max,
            min_gap_ms: gap,
            order: Vec::new(),
        };
        let v = journal.verify(&expect(Some(1), Some(4), Some(5.0)));
        assert!(v.ok(), "{v:?}");
        assert_eq!((v.count, v.min_gap_ms), (4, Some(5.0)));
        let v = journal.verify(&expect(Some(5), None, Some(50.0)));
        assert_eq!(v.problems.len(), 2, "{v:?}");
        assert!(
            v.problems[0].contains("at least 5 Poll request(s)"),
            "{v:?}"
        );
        assert!(
            v.problems[1].contains("1 gap(s)") && v.problems[1].contains("#3 and #2"),
            "{v:?}"
        );
        let v = journal.verify(&expect(None, Some(3), None));
        assert!(v.problems[0].contains("at most 3"), "{v:?}");
        let none = journal.verify(&Expectation {
            filter: filter(Some("other"), None),
            min_gap_ms: Some(1000.0),
            ..Expectation::default()
        });
        assert!(none.ok() && none.count == 0 && none.min_gap_ms.is_none());
    }

    #[test]
    fn verify_is_not_ok_after_evictions() {
        let journal = Journal::new(2);
        for at in 0..3 {
            journal.record(entry(at * 1000, "k", "Poll"));
        }
        let v = journal.verify(&Expectation::default());
        assert!(!v.ok() && v.problems[0].contains("evicted 1"), "{v:?}");
    }

    #[test]
    fn query_strings_lose_their_signature() {
        assert_eq!(
            without_sig("expires=1&sig=abc").as_deref(),
            Some("expires=1")
        );
        assert_eq!(without_sig("sig=abc"), None);
        assert_eq!(
            without_sig("api_key=k&stream=errors").as_deref(),
            Some("api_key=k&stream=errors")
        );
        assert_eq!(clip("héllo", 2), "h");
    }
}
