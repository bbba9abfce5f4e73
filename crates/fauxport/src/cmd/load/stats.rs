//! What a load run counts: every request (an HDR histogram of latencies per call kind, failed
//! attempts by error), every export (per scenario: started, finished, verified, failed by error
//! kind, rows and the verdict against the truth), and live totals for the progress line.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use fauxport_client::{CallEvent, ClientError, Observer, RequestKind};
use hdrhistogram::Histogram;

use super::truth::Verdict;

/// Microseconds, up to a day, 3 significant digits.
fn histogram() -> Histogram<u64> {
    Histogram::new_with_bounds(1, 86_400_000_000, 3)
        .expect("constant bounds HDR accepts: low >= 1, high >= 2 x low, 3 digits")
}

/// Totals everybody updates as they happen, for the progress line.
#[derive(Debug, Default)]
pub(super) struct Live {
    /// Exports started.
    pub(super) started: AtomicU64,
    /// Exports finished (verified, failed, or wrong).
    pub(super) finished: AtomicU64,
    /// Exports that failed.
    pub(super) failed: AtomicU64,
    /// Rows received.
    pub(super) rows: AtomicU64,
    /// Page and download body bytes received.
    pub(super) bytes: AtomicU64,
}

impl Live {
    pub(super) fn add(counter: &AtomicU64, n: u64) {
        counter.fetch_add(n, Ordering::Relaxed);
    }

    pub(super) fn get(counter: &AtomicU64) -> u64 {
        counter.load(Ordering::Relaxed)
    }
}

/// The requests of one or more virtual clients.
#[derive(Debug, Default)]
pub(super) struct Calls {
    /// Latency in microseconds of every attempt, failed ones included, by kind.
    pub(super) latency: BTreeMap<RequestKind, Histogram<u64>>,
    /// Failed attempts (retried or not) by kind and error.
    pub(super) errors: BTreeMap<RequestKind, BTreeMap<String, u64>>,
}

impl Calls {
    /// Adds `other`'s requests to these.
    pub(super) fn merge(&mut self, other: Calls) {
        for (kind, h) in other.latency {
            let mine = self.latency.entry(kind).or_insert_with(histogram);
            // Both come from `histogram()`, so their bounds agree and `add` cannot fail.
            let _ = mine.add(&h);
        }
        for (kind, errors) in other.errors {
            let mine = self.errors.entry(kind).or_default();
            for (error, n) in errors {
                *mine.entry(error).or_default() += n;
            }
        }
    }
}

/// The [`Observer`] of one virtual client's HTTP clients.
#[derive(Debug)]
pub(super) struct Recorder {
    live: std::sync::Arc<Live>,
    calls: Mutex<Calls>,
}

impl Recorder {
    pub(super) fn new(live: std::sync::Arc<Live>) -> Recorder {
        Recorder {
            live,
            calls: Mutex::default(),
        }
    }

    /// What it recorded.
    pub(super) fn take(&self) -> Calls {
        std::mem::take(&mut *self.calls.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

impl Observer for Recorder {
    fn on_call(&self, event: &CallEvent<'_>) {
        if matches!(event.kind, RequestKind::Page | RequestKind::Download) {
            Live::add(&self.live.bytes, event.bytes);
        }
        let micros = u64::try_from(event.elapsed.as_micros()).unwrap_or(u64::MAX);
        let mut calls = self.calls.lock().unwrap_or_else(|e| e.into_inner());
        calls
            .latency
            .entry(event.kind)
            .or_insert_with(histogram)
            .saturating_record(micros.max(1));
        if let Some(error) = event.error {
            *calls
                .errors
                .entry(event.kind)
                .or_default()
                .entry(error_kind(error))
                .or_default() += 1;
        }
    }
}

/// An error's kind for reports: the variant (`TaskFailed`, `PageLength`, `Http 500`, ...), and
/// for retries that gave up, the error they gave up on (`RetriesExhausted/Http 502`).
pub(super) fn error_kind(error: &ClientError) -> String {
    let name = |e: &ClientError| match e {
        ClientError::Http { status } => format!("Http {status}"),
        other => other.kind().to_owned(),
    };
    match error {
        ClientError::RetriesExhausted { .. } => format!("RetriesExhausted/{}", name(error.root())),
        other => name(other),
    }
}

/// The exports of one scenario.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct ScenarioStats {
    /// Exports started.
    pub(super) started: u64,
    /// Exports that ended (the others were cut short by `--duration`).
    pub(super) finished: u64,
    /// Finished exports whose rows were exactly the truth.
    pub(super) verified: u64,
    /// Exports that failed, by error kind.
    pub(super) failed: BTreeMap<String, u64>,
    /// Failures under a scenario a correct client completes.
    pub(super) unexpected_failures: u64,
    /// Rows received (by every export, finished or not).
    pub(super) rows: u64,
    /// Exports checked against the truth.
    pub(super) checked: u64,
    /// Rows lost, duplicated and altered, over every checked export.
    pub(super) rows_lost: u64,
    /// See `rows_lost`.
    pub(super) rows_duplicated: u64,
    /// See `rows_lost`.
    pub(super) rows_altered: u64,
}

impl ScenarioStats {
    /// Exports that failed.
    pub(super) fn failed_total(&self) -> u64 {
        self.failed.values().sum()
    }

    /// Records a verdict of a finished export.
    pub(super) fn verdict(&mut self, v: Verdict) {
        self.checked += 1;
        self.rows_lost += v.lost;
        self.rows_duplicated += v.duplicated;
        self.rows_altered += v.altered;
        if v.exact() {
            self.verified += 1;
        }
    }

    /// Adds `other`'s exports to these.
    pub(super) fn merge(&mut self, other: &ScenarioStats) {
        self.started += other.started;
        self.finished += other.finished;
        self.verified += other.verified;
        for (kind, n) in &other.failed {
            *self.failed.entry(kind.clone()).or_default() += n;
        }
        self.unexpected_failures += other.unexpected_failures;
        self.rows += other.rows;
        self.checked += other.checked;
        self.rows_lost += other.rows_lost;
        self.rows_duplicated += other.rows_duplicated;
        self.rows_altered += other.rows_altered;
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use super::*;

    #[test]
    fn events_are_recorded_by_kind_and_merged() {
        let live = Arc::new(Live::default());
        let recorder = Recorder::new(Arc::clone(&live));
        let event = |kind, ms, error| CallEvent {
            kind,
            elapsed: Duration::from_millis(ms),
            bytes: 100,
            error,
        };
        let failed = ClientError::Http { status: 500 };
        recorder.on_call(&event(RequestKind::Page, 10, None));
        recorder.on_call(&event(RequestKind::Page, 30, Some(&failed)));
        recorder.on_call(&event(
            RequestKind::Call(fauxport_client::CallKind::Header),
            2,
            None,
        ));
        let mut calls = recorder.take();
        calls.merge(Recorder::new(Arc::clone(&live)).take());
        let pages = &calls.latency[&RequestKind::Page];
        assert_eq!(pages.len(), 2);
        assert!((29_900..=30_100).contains(&pages.max()), "{}", pages.max());
        assert_eq!(calls.errors[&RequestKind::Page]["Http 500"], 1);
        assert_eq!(Live::get(&live.bytes), 200, "page bytes only");
        let gave_up = ClientError::RetriesExhausted {
            attempts: 3,
            last: Box::new(ClientError::Http { status: 502 }),
        };
        assert_eq!(error_kind(&gave_up), "RetriesExhausted/Http 502");
    }
}
