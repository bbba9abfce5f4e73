//! The journal's capacity: the bound under 100,000 requests, eviction, clearing by reset and
//! delete, and capacity zero.

use std::time::Instant;

use serde_json::json;

use super::{admin, assert_first_problem, entries, fresh, journal, post_ok};
use crate::sdk;
use crate::support::KEY;

/// The Done-means of issue 4: the journal stays within its capacity under 100,000 requests.
///
/// Most requests are page downloads with a forged signature (a cheap 403, journaled like any
/// page), sent by four tasks at once on two worker threads so recording runs under contention:
/// 100,000 GraphQL executions take about 8 s in a debug build, these about 2 s. The last
/// `CAPACITY` requests are GraphQL calls, so the kept window is exactly those, with their
/// operation, and everything before them was evicted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_journal_stays_within_its_capacity_under_100_000_requests() {
    const CAPACITY: usize = 1_000;
    const REQUESTS: usize = 100_000;
    const TASKS: usize = 4;
    let s = std::sync::Arc::new(fresh(CAPACITY));
    let started = Instant::now();
    let mut senders = Vec::new();
    for _ in 0..TASKS {
        let s = std::sync::Arc::clone(&s);
        senders.push(tokio::spawn(async move {
            for _ in 0..(REQUESTS - CAPACITY) / TASKS {
                let response = s.get("/files/cltask/RESULT/0?expires=1&sig=forged").await;
                assert_eq!(response.status, 403);
            }
        }));
    }
    for sender in senders {
        sender.await.expect("a sender finished");
    }
    let body = json!({"query": "query Org {organization {id}}"}).to_string();
    for _ in 0..CAPACITY {
        let response = s
            .post("/graphql", Some(KEY), body.clone().into_bytes())
            .await;
        assert_eq!(response.status, 200);
    }
    let elapsed = started.elapsed();
    eprintln!(
        "{REQUESTS} journaled requests in {:.2} s ({:.1} µs each)",
        elapsed.as_secs_f64(),
        elapsed.as_secs_f64() * 1e6 / REQUESTS as f64
    );
    let body = journal(&s, "").await;
    let kept = body["requests"].as_array().expect("requests");
    assert_eq!(kept.len(), CAPACITY);
    assert_eq!(
        (&body["total_recorded"], &body["evicted"], &body["capacity"]),
        (
            &json!(REQUESTS),
            &json!(REQUESTS - CAPACITY),
            &json!(CAPACITY)
        )
    );
    // The newest are kept, in order, each with its operation.
    let seqs: Vec<u64> = kept.iter().filter_map(|e| e["seq"].as_u64()).collect();
    let newest: Vec<u64> = ((REQUESTS - CAPACITY + 1) as u64..=REQUESTS as u64).collect();
    assert_eq!(seqs, newest);
    assert!(kept.iter().all(|e| e["operations"] == json!(["Org"])));
    let count = post_ok(&s, "count", json!({"operation": "Org"})).await;
    assert_eq!(count["count"], CAPACITY);
}

#[tokio::test]
async fn reset_and_delete_clear_the_journal() {
    let s = fresh(3);
    for _ in 0..5 {
        s.gql(KEY, sdk::GET_ORGANIZATION, json!({})).await;
    }
    let before = journal(&s, "").await;
    assert_eq!(
        (&before["total_recorded"], &before["evicted"]),
        (&json!(5), &json!(2))
    );
    // Evictions make verification unreliable, and it says so.
    let verdict = post_ok(&s, "verify", json!({})).await;
    assert_first_problem(&verdict, "evicted 2");

    for (method, path) in [("DELETE", "/__admin/requests"), ("POST", "/__admin/reset")] {
        let (status, body) = admin(&s, method, path, "").await;
        let expected = if path == "/__admin/reset" {
            json!({"cleared": 3, "scenarios_removed": 0})
        } else {
            json!({"cleared": 3})
        };
        assert_eq!((status, body), (200, expected), "{method} {path}");
        let after = journal(&s, "").await;
        assert_eq!(
            (
                &after["requests"],
                &after["total_recorded"],
                &after["evicted"]
            ),
            (&json!([]), &json!(0), &json!(0)),
            "{method} {path}"
        );
        assert_eq!(post_ok(&s, "verify", json!({})).await["ok"], true);
        for _ in 0..3 {
            s.gql(KEY, sdk::GET_ORGANIZATION, json!({})).await;
        }
    }
    // Sequence numbers are never reused.
    let seqs: Vec<u64> = entries(&s, "")
        .await
        .iter()
        .filter_map(|e| e["seq"].as_u64())
        .collect();
    assert_eq!(seqs, [9, 10, 11]);
}

#[tokio::test]
async fn capacity_zero_turns_the_journal_off() {
    let s = fresh(0);
    s.gql(KEY, sdk::GET_ORGANIZATION, json!({})).await;
    let body = journal(&s, "").await;
    assert_eq!(
        body,
        json!({"requests": [], "total_recorded": 0, "evicted": 0, "capacity": 0})
    );
    let verdict = post_ok(&s, "verify", json!({"operation": "GetOrganizationPyApi"})).await;
    assert_eq!(verdict["ok"], false);
    assert_first_problem(&verdict, "disabled");
}
