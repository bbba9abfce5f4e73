//! What a client's requests say about it, read from the server's journal: calls by kind, the
//! faults it met, and whether it backed off.

use std::collections::BTreeMap;

use fauxport_model::protocol::{CallKind, RequestKind};
use fauxport_server::journal::Entry;
use serde::Serialize;

/// Gaps shorter than this after a retryable error count as no back-off. A client with the SDK's
/// full jitter (a sleep drawn from [0, 1 s] after the first failure) comes this close one time
/// in fifty, so it takes [`RETRY_HAMMER`] such retries to call it hammering.
pub const RETRY_GAP_MS: f64 = 20.0;
/// This many retries without back-off is hammering.
pub const RETRY_HAMMER: u64 = 3;
/// Task polls closer than this count as too fast.
pub const POLL_GAP_MS: f64 = 200.0;
/// This many fast polls is hammering.
pub const POLL_HAMMER: u64 = 5;
/// This many calls answered HTTP 429 is ignoring the rate limit.
pub const RATE_LIMIT_HAMMER: u64 = 10;

/// A client's calls, summarised.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Calls {
    /// Calls by kind, in the order of their names.
    pub by_kind: BTreeMap<RequestKind, u64>,
    /// The faults the scenario injected, in order (`graphql[0]: status 502`).
    pub faults: Vec<String>,
    /// Retries that came less than [`RETRY_GAP_MS`] after a retryable error.
    pub retries_without_backoff: u64,
    /// Task polls less than [`POLL_GAP_MS`] after the previous poll.
    pub fast_polls: u64,
    /// Calls answered HTTP 429.
    pub rate_limited_calls: u64,
    /// The tasks the client created, in order.
    pub tasks: Vec<String>,
}

/// Whether an answer invites a retry after a pause: the journal's verdict, from the error
/// table (a 5xx, or an error the SDK retries).
fn retryable(e: &Entry) -> bool {
    e.retryable
}

/// Summarises `entries` (one client's, oldest first).
pub fn summarise(entries: &[Entry]) -> Calls {
    let mut calls = Calls::default();
    let mut by_arrival: Vec<&Entry> = entries.iter().collect();
    by_arrival.sort_by_key(|e| (e.at_us, e.seq));
    let mut last_poll: Option<u64> = None;
    let mut last_retryable: BTreeMap<RequestKind, u64> = BTreeMap::new();
    for e in by_arrival {
        let kind = e.kind;
        *calls.by_kind.entry(kind).or_insert(0) += 1;
        if let Some(f) = &e.fault {
            calls.faults.push(format!("{kind}: {f}"));
        }
        if e.status == 429 {
            calls.rate_limited_calls += 1;
        }
        if kind == RequestKind::Call(CallKind::CreateExport)
            && let Some(t) = &e.task
        {
            calls.tasks.push(t.clone());
        }
        if let Some(at) = last_retryable.remove(&kind)
            && ms(e.at_us.saturating_sub(at)) < RETRY_GAP_MS
        {
            calls.retries_without_backoff += 1;
        }
        if retryable(e) {
            // The end of the failed call: a client backs off from when it got the answer.
            last_retryable.insert(kind, e.at_us + e.duration_us);
        }
        if kind == RequestKind::Call(CallKind::Task) {
            if let Some(at) = last_poll
                && ms(e.at_us.saturating_sub(at)) < POLL_GAP_MS
            {
                calls.fast_polls += 1;
            }
            last_poll = Some(e.at_us);
        }
    }
    calls
}

fn ms(us: u64) -> f64 {
    us as f64 / 1000.0
}
