//! `POST /__admin/requests/verify` on polling: gaps and counts.

use std::time::Duration;

use serde_json::json;

use super::{OTHER_KEY, assert_first_problem, fresh, post_ok};
use crate::support::{KEY, Server};

/// Starts an export and polls its task `polls` times, `gap` apart, as `GetUserCreatedTasksPyApi`.
async fn poll(s: &Server, polls: usize, gap: Duration) {
    let (task, _) = s.start_export(KEY, s.bare_export(0)).await;
    let user = s.user_id(KEY).await;
    for i in 0..polls {
        if i > 0 {
            tokio::time::sleep(gap).await;
        }
        s.task(KEY, &user, &task).await;
    }
}

const POLL: &str = "GetUserCreatedTasksPyApi";

#[tokio::test]
async fn verify_catches_polling_more_often_than_allowed() {
    let s = fresh(10_000);
    poll(&s, 2, Duration::from_millis(10)).await;
    let verdict = post_ok(
        &s,
        "verify",
        json!({"api_key": KEY, "operation": POLL, "min_count": 1, "min_gap_ms": 2000}),
    )
    .await;
    assert_eq!(
        (&verdict["ok"], &verdict["count"]),
        (&json!(false), &json!(2)),
        "{verdict}"
    );
    let gap = verdict["min_gap_ms"].as_f64().expect("an observed gap");
    assert!((10.0..2000.0).contains(&gap), "{verdict}");
    let problems = verdict["problems"].as_array().expect("problems");
    assert_eq!(problems.len(), 1, "{verdict}");
    let problem = problems[0].as_str().unwrap_or_default();
    assert!(
        problem.contains(POLL) && problem.contains("min_gap_ms 2000") && problem.contains("#"),
        "{problem}"
    );

    // Counts: at least and at most, each named when it fails.
    let verdict = post_ok(
        &s,
        "verify",
        json!({"api_key": KEY, "operation": POLL, "min_count": 3, "max_count": 5}),
    )
    .await;
    assert_eq!(verdict["ok"], false, "{verdict}");
    assert_first_problem(&verdict, "at least 3");
    let verdict = post_ok(&s, "verify", json!({"operation": POLL, "max_count": 1})).await;
    assert_first_problem(&verdict, "at most 1");
    // Another key made no calls: no gap to violate.
    let verdict = post_ok(
        &s,
        "verify",
        json!({"api_key": OTHER_KEY, "operation": POLL, "min_gap_ms": 2000}),
    )
    .await;
    assert_eq!(
        verdict,
        json!({"ok": true, "count": 0, "min_gap_ms": null, "problems": []})
    );
}

#[tokio::test]
async fn verify_passes_when_polling_respects_the_gap() {
    let s = fresh(10_000);
    poll(&s, 3, Duration::from_millis(60)).await;
    let verdict = post_ok(
        &s,
        "verify",
        json!({"api_key": KEY, "operation": POLL, "min_count": 3, "max_count": 3, "min_gap_ms": 50}),
    )
    .await;
    assert_eq!(
        (&verdict["ok"], &verdict["count"]),
        (&json!(true), &json!(3)),
        "{verdict}"
    );
    assert_eq!(verdict["problems"], json!([]), "{verdict}");
    assert!(
        verdict["min_gap_ms"].as_f64().is_some_and(|g| g >= 60.0),
        "{verdict}"
    );
}
