//! Journal filters (`api_key`, `operation`, `limit`) on the list and on counts, and isolation
//! between API keys.

use serde_json::{Value, json};

use super::{OTHER_KEY, entries, fresh, post_ok};
use crate::sdk;
use crate::support::KEY;

#[tokio::test]
async fn filters_by_key_and_operation_and_keys_do_not_see_each_other() {
    let s = fresh(10_000);
    for (key, query) in [
        (KEY, sdk::GET_USER_V7),
        (OTHER_KEY, sdk::GET_USER_V7),
        (KEY, sdk::GET_ORGANIZATION),
        (KEY, sdk::GET_USER_V7),
        (OTHER_KEY, sdk::CURRENT_USER),
    ] {
        let (status, _) = s.gql(key, query, json!({})).await;
        assert_eq!(status, 200, "{query}");
    }
    // (query string of the list, the same filter as a count body, the seqs expected).
    let cases: [(&str, Value, &[u64]); 8] = [
        ("", json!({}), &[1, 2, 3, 4, 5]),
        (
            "api_key=fauxport-local-dev-key",
            json!({"api_key": KEY}),
            &[1, 3, 4],
        ),
        (
            "api_key=fauxport:happy",
            json!({"api_key": OTHER_KEY}),
            &[2, 5],
        ),
        (
            "operation=GetUserPyApi",
            json!({"operation": "GetUserPyApi"}),
            &[1, 2, 4],
        ),
        (
            "api_key=fauxport:happy&operation=GetUserPyApi",
            json!({"api_key": OTHER_KEY, "operation": "GetUserPyApi"}),
            &[2],
        ),
        (
            "api_key=fauxport:happy&operation=GetOrganizationPyApi",
            json!({"api_key": OTHER_KEY, "operation": "GetOrganizationPyApi"}),
            &[],
        ),
        (
            "api_key=nobody",
            json!({"api_key": "nobody", "operation": null}),
            &[],
        ),
        (
            "operation=CurrentUserPyApi",
            json!({"operation": "CurrentUserPyApi"}),
            &[5],
        ),
    ];
    for (query, count_body, seqs) in cases {
        let got = entries(&s, query).await;
        let got_seqs: Vec<u64> = got.iter().filter_map(|e| e["seq"].as_u64()).collect();
        assert_eq!(got_seqs, seqs, "GET ?{query}");
        let count = post_ok(&s, "count", count_body.clone()).await;
        assert_eq!(count, json!({"count": seqs.len()}), "count {count_body}");
        // Another key's entries never leak into a key's view.
        if let Some(key) = count_body["api_key"].as_str() {
            assert!(got.iter().all(|e| e["api_key"] == key), "GET ?{query}");
        }
    }
    // `limit` keeps the newest, still oldest first.
    let newest: Vec<u64> = entries(&s, "limit=2")
        .await
        .iter()
        .filter_map(|e| e["seq"].as_u64())
        .collect();
    assert_eq!(newest, [4, 5]);
    let one = entries(&s, "api_key=fauxport-local-dev-key&limit=1").await;
    assert_eq!(one.len(), 1);
    assert_eq!(one[0]["seq"], 4);
}
