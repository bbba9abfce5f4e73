//! Failures the client must surface as typed errors, at once and without retrying: one table of
//! cases, one `check`. Requests go through a proxy that injects nothing, so the journal shows
//! the failing call was sent exactly once.

use std::time::{Duration, Instant};

use fauxport_client::{Client, ClientError, ExportParams, RetryPolicy};
use serde_json::{Value, json};

use crate::proxy::Proxy;
use crate::support::{KEY, POLL, SEED, TestServer, WAIT, request};

/// Where the failure happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// The export mutation.
    Export,
    /// Polling the task.
    Wait,
}

struct Case {
    name: &'static str,
    key: &'static str,
    /// `None`: a project that does not exist.
    project: Option<usize>,
    filters: Value,
    stage: Stage,
    expect: Box<dyn Fn(&ClientError) -> bool>,
}

impl Case {
    /// Exporting project 0 with no filter as `key` fails at the mutation with an error `expect`
    /// accepts; the other cases change one field of this.
    fn export(
        name: &'static str,
        key: &'static str,
        expect: impl Fn(&ClientError) -> bool + 'static,
    ) -> Case {
        Case {
            name,
            key,
            project: Some(0),
            filters: Value::Null,
            stage: Stage::Export,
            expect: Box::new(expect),
        }
    }

    /// Exporting with the filter list `filters` is refused as an invalid query naming `path`.
    fn bad_filter(name: &'static str, filters: Value, path: &'static str) -> Case {
        Case {
            filters,
            ..Case::export(
                name,
                KEY,
                move |e| matches!(e, ClientError::InvalidQuery(m) if m.contains(path)),
            )
        }
    }
}

fn cases() -> Vec<Case> {
    vec![
        Case::export("wrong key", "not-a-fauxport-key", |e| {
            matches!(e, ClientError::Authentication)
        }),
        Case::export("unknown scenario key", "fauxport:no-such-scenario", |e| {
            matches!(e, ClientError::Authentication)
        }),
        Case::export(
            "rate limited (HTTP 429, not retried)",
            "fauxport:rate-limited",
            |e| matches!(e, ClientError::RateLimited(m) if m.starts_with("You have exceeded")),
        ),
        Case::export("no access to exports", "fauxport:no-access", |e| {
            matches!(e, ClientError::Authorization(_))
        }),
        Case {
            project: None,
            ..Case::export(
                "unknown project",
                KEY,
                |e| matches!(e, ClientError::NotFound(m) if m.contains("clnosuchproject")),
            )
        },
        Case::bad_filter(
            "bad filter operator",
            json!([{"type": "labeled_at", "value": {"operator": "FOO", "timezone": "UTC", "value": "2024-01-01"}}]),
            "input.filters.searchQuery.query[0].value.operator",
        ),
        Case::bad_filter(
            "bad filter type",
            json!([{"type": "no_such_filter"}]),
            "input.filters.searchQuery.query[0]",
        ),
        Case {
            stage: Stage::Wait,
            ..Case::export("failed task", "fauxport:failed-task", |e| {
                matches!(e, ClientError::TaskFailed { .. })
            })
        },
    ]
}

/// A back-off long enough that a retry would show in the elapsed time and the journal.
fn slow_retry() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 5,
        initial: Duration::from_secs(2),
        max_delay: Duration::from_secs(2),
        deadline: Duration::from_secs(10),
        seed: SEED,
    }
}

/// Runs one case; `Err` says what differs.
async fn check(s: &TestServer, proxy: &Proxy, case: &Case) -> Result<(), String> {
    let client = Client::new(&proxy.endpoint(), case.key).with_retry(slow_retry());
    let project_id = case.project.map_or_else(
        || "clnosuchproject0000000000".to_owned(),
        |p| s.project_id(p),
    );
    let exports_before = proxy.operations("exportDataRowsInProjectPyApi").len();
    let started = Instant::now();
    let request = request(ExportParams::none(), case.filters.clone());
    let result = match client.export_project(&project_id, &request).await {
        Err(e) => Err((Stage::Export, e)),
        Ok(task) => match client.wait(&task, POLL, WAIT).await {
            Err(e) => Err((Stage::Wait, e)),
            Ok(_) => Ok(task),
        },
    };
    let elapsed = started.elapsed();
    let (stage, error) = match result {
        Ok(task) => return Err(format!("succeeded with task {}", task.id)),
        Err(failed) => failed,
    };
    if !(case.expect)(&error) || stage != case.stage {
        return Err(format!("unexpected error at {stage:?}: {error:?}"));
    }
    if elapsed >= Duration::from_secs(1) {
        return Err(format!("took {elapsed:?}: was it retried?"));
    }
    let exports = proxy.operations("exportDataRowsInProjectPyApi").len() - exports_before;
    if exports != 1 {
        return Err(format!("the export mutation was sent {exports} times"));
    }
    Ok(())
}

#[tokio::test]
async fn failures_are_typed_errors_and_are_not_retried() {
    let s = TestServer::start().await;
    let proxy = Proxy::start(s.addr, |_| None).await;
    let mut failures = Vec::new();
    for case in cases() {
        if let Err(why) = check(&s, &proxy, &case).await {
            failures.push(format!("{}: {why}", case.name));
        }
    }
    proxy.stop().await;
    s.stop().await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
