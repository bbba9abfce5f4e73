//! The virtual clients: tokio tasks that each run exports one after another, the whole flow the
//! SDK runs (create, poll, header, page lookups, page downloads; or the plain download), with
//! fauxport's Rust client and its retry policy, and check every row against the truth.

use std::collections::BTreeMap;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use fauxport_client::{
    Client, ClientError, ExportParams, ExportRequest, RetryPolicy, StreamKind, TaskStatus,
};
use fauxport_server::scenario::registry::DefaultScenario;
use futures_util::{Stream, TryStreamExt};
use serde_json::Value;
use tokio::time::Instant;

use super::stats::{Calls, Live, Recorder, ScenarioStats, error_kind};
use super::truth::{RowCheck, Truth};

/// How long an export task may stay in progress before the export counts as failed.
const TASK_TIMEOUT: Duration = Duration::from_secs(600);

/// One scenario of the mix, ready to run.
#[derive(Debug)]
pub(super) struct Planned {
    /// Its name.
    pub(super) name: String,
    /// Whether a correct client completes its exports (so a failure is unexpected).
    pub(super) completes: bool,
    /// The rows its exports must hold; `None` when verification is off.
    pub(super) truth: Option<Arc<Truth>>,
}

/// Everything the virtual clients share.
#[derive(Debug)]
pub(super) struct Setup {
    /// The GraphQL endpoint.
    pub(super) endpoint: String,
    /// The project every export exports.
    pub(super) project: String,
    /// Its params.
    pub(super) params: ExportParams,
    /// The plain download instead of the export protocol.
    pub(super) plain: bool,
    /// Virtual clients.
    pub(super) clients: u32,
    /// Over which the clients start, evenly.
    pub(super) ramp_up: Duration,
    /// When no export starts any more and the ones in flight are cut short.
    pub(super) duration: Option<Duration>,
    /// Most exports started in all.
    pub(super) exports: Option<u64>,
    /// Time between task polls.
    pub(super) poll: Duration,
    /// Seeds scenario faults (client `i` sends `fauxport:<name>:<seed + i>`) and retry jitter.
    pub(super) seed: u64,
    /// The scenarios.
    pub(super) scenarios: Vec<Planned>,
    /// Export `n` runs `scenarios[order[n % order.len()]]`.
    pub(super) order: Vec<usize>,
}

/// What the clients did.
#[derive(Debug, Default)]
pub(super) struct Outcome {
    /// Their requests.
    pub(super) calls: Calls,
    /// Their exports, by scenario name.
    pub(super) scenarios: BTreeMap<String, ScenarioStats>,
    /// Page and download body bytes received.
    pub(super) bytes: u64,
    /// From the first client's start to the last one's end.
    pub(super) elapsed: Duration,
}

/// Runs every virtual client to its end and gathers what they did.
pub(super) async fn run(setup: Arc<Setup>, live: Arc<Live>) -> Outcome {
    let start = Instant::now();
    let deadline = setup.duration.map(|d| start + d);
    let next = Arc::new(AtomicU64::new(0));
    let mut handles = Vec::new();
    for i in 0..setup.clients {
        let offset = setup
            .ramp_up
            .mul_f64(f64::from(i) / f64::from(setup.clients));
        let (setup, live, next) = (Arc::clone(&setup), Arc::clone(&live), Arc::clone(&next));
        handles.push(tokio::spawn(async move {
            tokio::time::sleep_until(start + offset).await;
            virtual_client(i, &setup, &live, &next, deadline).await
        }));
    }
    let mut outcome = Outcome::default();
    for handle in handles {
        // A client task only ends by returning (it never panics on input); a join error would
        // be a bug, and its exports are then missing from the report rather than invented.
        if let Ok((calls, scenarios)) = handle.await {
            outcome.calls.merge(calls);
            for (name, s) in scenarios {
                outcome.scenarios.entry(name).or_default().merge(&s);
            }
        }
    }
    outcome.elapsed = start.elapsed();
    outcome.bytes = Live::get(&live.bytes);
    outcome
}

/// One virtual client: exports until the count or the time is used up.
async fn virtual_client(
    i: u32,
    setup: &Setup,
    live: &Arc<Live>,
    next: &AtomicU64,
    deadline: Option<Instant>,
) -> (Calls, BTreeMap<String, ScenarioStats>) {
    let recorder = Arc::new(Recorder::new(Arc::clone(live)));
    let seed = setup.seed.wrapping_add(u64::from(i));
    let mut clients: BTreeMap<usize, Client> = BTreeMap::new();
    let mut stats: BTreeMap<String, ScenarioStats> = BTreeMap::new();
    loop {
        if deadline.is_some_and(|d| Instant::now() >= d) {
            break;
        }
        let n = next.fetch_add(1, Ordering::Relaxed);
        if setup.exports.is_some_and(|limit| n >= limit) {
            break;
        }
        let Some(&s) = setup
            .order
            .get(usize::try_from(n).unwrap_or(0) % setup.order.len().max(1))
        else {
            break;
        };
        let planned = &setup.scenarios[s];
        let client = clients.entry(s).or_insert_with(|| {
            let key = DefaultScenario {
                name: planned.name.clone(),
                seed: Some(seed),
            }
            .api_key();
            Client::new(&setup.endpoint, &key)
                .with_retry(RetryPolicy {
                    seed,
                    ..RetryPolicy::default()
                })
                .with_observer(Arc::clone(&recorder) as _)
        });
        let st = stats.entry(planned.name.clone()).or_default();
        st.started += 1;
        Live::add(&live.started, 1);
        let mut export = Export {
            check: planned.truth.clone().map(RowCheck::new),
            rows: 0,
        };
        let run = export.run(client, setup, live);
        let result = match deadline {
            Some(d) => match tokio::time::timeout_at(d, run).await {
                Ok(result) => result,
                // Cut short by --duration: started, not finished.
                Err(_) => {
                    st.rows += export.rows;
                    break;
                }
            },
            None => run.await,
        };
        st.rows += export.rows;
        st.finished += 1;
        Live::add(&live.finished, 1);
        match result {
            Ok(()) => {
                if let Some(check) = export.check {
                    st.verdict(check.finish());
                }
            }
            Err(kind) => {
                Live::add(&live.failed, 1);
                *st.failed.entry(kind).or_default() += 1;
                if planned.completes {
                    st.unexpected_failures += 1;
                }
            }
        }
    }
    (recorder.take(), stats)
}

/// One export in flight: its rows so far and their check.
struct Export {
    check: Option<RowCheck>,
    rows: u64,
}

impl Export {
    /// Runs the export; a failure is its error kind.
    async fn run(&mut self, client: &Client, setup: &Setup, live: &Live) -> Result<(), String> {
        if setup.plain {
            let rows = client.download_project(&setup.project, &setup.params, StreamKind::Result);
            return self.read(rows, live).await;
        }
        let request = ExportRequest {
            params: setup.params.clone(),
            ..ExportRequest::default()
        };
        let task = client
            .export_project(&setup.project, &request)
            .await
            .map_err(|e| error_kind(&e))?;
        if !task.streamable {
            // legacy-export's whole-file results: not the flow the SDK's streams read.
            return Err("NotStreamable".to_owned());
        }
        let state = client
            .wait(&task, setup.poll, TASK_TIMEOUT)
            .await
            .map_err(|e| error_kind(&e))?;
        match state.status {
            TaskStatus::Complete => {}
            TaskStatus::Canceled => return Err("TaskCanceled".to_owned()),
            other => return Err(format!("TaskStatus {other:?}")),
        }
        self.read(client.stream(&task, StreamKind::Result), live)
            .await
    }

    /// Reads every row, counting and checking each.
    async fn read(
        &mut self,
        rows: impl Stream<Item = Result<Value, ClientError>>,
        live: &Live,
    ) -> Result<(), String> {
        let mut rows = pin!(rows);
        while let Some(row) = rows.try_next().await.map_err(|e| error_kind(&e))? {
            self.rows += 1;
            Live::add(&live.rows, 1);
            if let Some(check) = &mut self.check {
                check.add(&row);
            }
        }
        Ok(())
    }
}
