//! Reset, and the journal's scenario-era fields (`kind`, `task`, `fault`) with the filters and
//! the `order` check that read them.

use serde_json::{Value, json};

use super::{builtins, error, get_user, listed, ok, outage, put};
use crate::admin::{assert_first_problem, entries, fresh, post_ok};
use crate::sdk;
use crate::support::{KEY, SEED, Server};

#[tokio::test]
async fn reset_removes_admin_scenarios_the_default_counters_and_the_journal() {
    let s = fresh(1_000);
    for name in ["outage", "other-outage"] {
        assert_eq!(put(&s, name, &outage()).await.0, 201);
    }
    ok(
        &s,
        "PUT",
        "/__admin/default-scenario",
        r#"{"name": "outage"}"#,
    )
    .await;
    // retryable-outage fails the first two export mutations of each caller.
    let export = || {
        let vars = s.bare_export(0);
        let body =
            json!({"query": sdk::EXPORT_DATA_ROWS_IN_PROJECT, "variables": vars}).to_string();
        s.post(
            "/graphql",
            Some("fauxport:retryable-outage"),
            body.into_bytes(),
        )
    };
    let statuses = [export().await.status, export().await.status];
    assert_eq!(statuses, [502, 502]);
    assert_eq!(get_user(&s, KEY, None).await.0, 503);

    let reset = ok(&s, "POST", "/__admin/reset", "").await;
    assert_eq!(reset, json!({"cleared": 3, "scenarios_removed": 2}));
    assert_eq!(listed(&s).await, builtins());
    error(&s, "GET", "/__admin/scenarios/outage", "", 404).await;
    assert_eq!(
        ok(&s, "GET", "/__admin/default-scenario", "").await,
        json!({"name": "happy", "seed": null})
    );
    assert_eq!(entries(&s, "").await, Vec::<Value>::new());
    // Plain keys are happy again, and call counters start over.
    assert_eq!(get_user(&s, KEY, None).await.0, 200);
    assert_eq!(export().await.status, 502);
    // A second reset has nothing left to remove but the journal.
    assert_eq!(
        ok(&s, "POST", "/__admin/reset", "").await,
        json!({"cleared": 2, "scenarios_removed": 0})
    );
}

/// An export with `key` read the SDK's way; the task id.
async fn export_and_read(s: &Server, key: &str) -> String {
    let done = s.export(key, s.bare_export(0)).await;
    s.read_stream(key, &done.id, "RESULT")
        .await
        .expect("a RESULT stream");
    done.id
}

const FLOW: [&str; 5] = ["create-export", "task", "header", "page-lookup", "page"];

#[tokio::test]
async fn verify_checks_the_order_of_first_requests_by_kind() {
    let s = fresh(10_000);
    export_and_read(&s, KEY).await;
    let total = entries(&s, "").await.len();

    let verdict = post_ok(&s, "verify", json!({"api_key": KEY, "order": FLOW})).await;
    assert_eq!(
        verdict,
        json!({"ok": true, "count": total, "min_gap_ms": verdict["min_gap_ms"], "problems": []})
    );
    // Any subsequence holds too; an empty order checks nothing.
    for order in [json!(["create-export", "page"]), json!([]), Value::Null] {
        let verdict = post_ok(&s, "verify", json!({"order": order})).await;
        assert_eq!(verdict["ok"], true, "{order}: {verdict}");
    }

    let reversed: Vec<&str> = FLOW.iter().rev().copied().collect();
    let verdict = post_ok(&s, "verify", json!({"api_key": KEY, "order": reversed})).await;
    assert_eq!(verdict["ok"], false, "{verdict}");
    let problems: Vec<&str> = verdict["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(problems.len(), 4, "one per adjacent pair: {verdict}");
    assert!(
        problems.iter().all(|p| p.starts_with("order:")),
        "{verdict}"
    );
    assert!(
        problems[0].contains("page-lookup") && problems[3].contains("create-export"),
        "{verdict}"
    );

    // A kind that never came (or no kind at all) is a problem, named.
    let verdict = post_ok(
        &s,
        "verify",
        json!({"api_key": KEY, "order": ["create-export", "download"]}),
    )
    .await;
    assert_eq!(verdict["ok"], false, "{verdict}");
    assert_eq!(verdict["problems"].as_array().map(Vec::len), Some(1));
    assert_first_problem(&verdict, "no download request");
    // The order is checked among the selected requests only.
    let verdict = post_ok(
        &s,
        "verify",
        json!({"kind": "page", "order": ["create-export", "page"]}),
    )
    .await;
    assert_first_problem(
        &verdict,
        "no create-export request among the page request(s)",
    );
    let verdict = post_ok(
        &s,
        "verify",
        json!({"api_key": "fauxport:happy", "order": ["task"]}),
    )
    .await;
    assert_eq!(verdict["ok"], false, "another key made no calls: {verdict}");

    for (body, needle) in [
        (
            json!({"order": "task"}),
            "order: expected a list of strings",
        ),
        (
            json!({"order": ["task", 1]}),
            "order: expected a list of strings",
        ),
    ] {
        let e = error(
            &s,
            "POST",
            "/__admin/requests/verify",
            &body.to_string(),
            400,
        )
        .await;
        assert!(e.contains(needle), "{body}: {e}");
    }
}

#[tokio::test]
async fn journal_entries_carry_kind_task_and_fault_and_filter_by_them() {
    let s = fresh(10_000);
    let task = export_and_read(&s, KEY).await;
    for _ in 0..2 {
        assert_eq!(get_user(&s, "fauxport:rate-limited", None).await.0, 429);
    }
    // expired-url: the first download of page 1 answers 403, the second works.
    let key = "fauxport:expired-url";
    let done = s.export(key, s.bare_export(0)).await;
    let second = s.nth_page(key, &done.id, "RESULT", 1).await;
    assert_eq!(s.get(&second.file).await.status, 403);
    assert_eq!(s.get(&second.file).await.status, 200);

    let all = entries(&s, "").await;
    // Every GraphQL entry has a kind, and the export flow's kinds are the SDK's steps.
    let kinds: Vec<&str> = all
        .iter()
        .filter(|e| e["api_key"] == KEY)
        .map(|e| e["kind"].as_str().expect("a kind"))
        .collect();
    let mut collapsed = kinds.clone();
    collapsed.dedup_by(|a, b| a == b && *a == "task");
    let pages = kinds.iter().filter(|k| **k == "page").count();
    let mut expected = vec!["create-export", "other", "task", "header"];
    for _ in 0..pages {
        expected.extend(["page-lookup", "page"]);
    }
    assert_eq!(collapsed, expected);

    // kind, path_prefix and faulted, as query parameters and as count bodies.
    let cases: [(&str, Value); 7] = [
        ("kind=page", json!({"kind": "page"})),
        ("path_prefix=/files/", json!({"path_prefix": "/files/"})),
        ("kind=create-export", json!({"kind": "create-export"})),
        ("faulted=true", json!({"faulted": true})),
        ("faulted=false", json!({"faulted": false})),
        (
            "kind=page&faulted=true",
            json!({"kind": "page", "faulted": true}),
        ),
        (
            "kind=other&path_prefix=/graphql&faulted=true",
            json!({"kind": "other", "path_prefix": "/graphql", "faulted": true}),
        ),
    ];
    let mut by_query = std::collections::BTreeMap::new();
    for (query, body) in cases {
        let got = entries(&s, query).await;
        let count = post_ok(&s, "count", body.clone()).await;
        assert_eq!(count, json!({"count": got.len()}), "{body}");
        by_query.insert(query, got);
    }
    let seqs = |query: &str| -> Vec<u64> {
        by_query[query]
            .iter()
            .filter_map(|e| e["seq"].as_u64())
            .collect()
    };
    assert_eq!(seqs("kind=page"), seqs("path_prefix=/files/"));
    assert!(by_query["kind=page"].iter().all(|e| e["kind"] == "page"));
    assert_eq!(by_query["kind=page"].len(), pages + 2);
    let created: Vec<&Value> = by_query["kind=create-export"]
        .iter()
        .map(|e| &e["task"])
        .collect();
    assert_eq!(created, [&json!(task), &json!(done.id)]);
    assert_eq!(
        seqs("faulted=true").len() + seqs("faulted=false").len(),
        all.len()
    );
    let faults: Vec<&Value> = by_query["faulted=true"]
        .iter()
        .map(|e| &e["fault"])
        .collect();
    assert_eq!(
        faults,
        [
            &json!("graphql[0]: rate limit (HTTP 429)"),
            &json!("graphql[0]: rate limit (HTTP 429)"),
            &json!("pages[0]: expired URL (403)"),
        ]
    );
    assert!(
        by_query["faulted=false"]
            .iter()
            .all(|e| e["fault"].is_null())
    );
    let expired = &by_query["kind=page&faulted=true"];
    assert_eq!(expired.len(), 1);
    assert_eq!(
        (
            &expired[0]["api_key"],
            &expired[0]["scenario"],
            &expired[0]["task"],
            &expired[0]["status"]
        ),
        (
            &json!(key),
            &json!(format!("expired-url:{SEED}")),
            &json!(done.id),
            &json!(403)
        )
    );
    assert_eq!(
        by_query["kind=other&path_prefix=/graphql&faulted=true"].len(),
        2
    );

    // verify reads the same fields.
    let verdict = post_ok(&s, "verify", json!({"faulted": true, "max_count": 0})).await;
    assert!(
        verdict["count"] == 3
            && verdict["problems"][0]
                .as_str()
                .is_some_and(|p| p.contains("at most 0") && p.contains("hit by a fault")),
        "{verdict}"
    );
    let verdict = post_ok(
        &s,
        "verify",
        json!({"kind": "page", "path_prefix": "/files/", "faulted": false, "min_count": 1}),
    )
    .await;
    assert_eq!(
        (&verdict["ok"], &verdict["count"]),
        (&json!(true), &json!(pages + 1)),
        "{verdict}"
    );

    for (method, path, body, needle) in [
        ("GET", "/__admin/requests?faulted=maybe", "", "faulted"),
        (
            "POST",
            "/__admin/requests/count",
            r#"{"faulted": "yes"}"#,
            "faulted: expected true or false",
        ),
        (
            "POST",
            "/__admin/requests/verify",
            r#"{"kind": 3}"#,
            "kind: expected a string",
        ),
        (
            "POST",
            "/__admin/requests/count",
            r#"{"path_prefix": ["/files/"]}"#,
            "path_prefix: expected a string",
        ),
    ] {
        let e = error(&s, method, path, body, 400).await;
        assert!(e.contains(needle), "{method} {path} {body}: {e}");
    }
}
