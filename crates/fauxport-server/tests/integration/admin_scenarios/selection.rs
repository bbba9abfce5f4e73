//! Which scenario a request gets: the default scenario (set, seeded, deleted, and the startup
//! default) and the `x-fauxport-scenario` header.

use fauxport_server::ServerConfig;
use fauxport_server::scenario::registry::DefaultScenario;
use serde_json::{Value, json};

use super::{error, get_user, message, ok, outage, put};
use crate::admin::{entries, fresh};
use crate::support::{KEY, SEED, Server, config};

#[tokio::test]
async fn the_default_scenario_applies_to_plain_keys_until_deleted() {
    let s = fresh(1_000);
    let default = "/__admin/default-scenario";
    assert_eq!(
        ok(&s, "GET", default, "").await,
        json!({"name": "happy", "seed": null})
    );
    assert_eq!(
        ok(&s, "PUT", default, r#"{"name": "failed-task"}"#).await,
        json!({"name": "failed-task", "seed": null})
    );
    assert_eq!(
        ok(&s, "GET", default, "").await,
        json!({"name": "failed-task", "seed": null})
    );
    // A plain key's export task now fails, and the journal says why.
    let done = s.export(KEY, s.bare_export(0)).await;
    assert_eq!(done.task["status"], "FAILED", "{}", done.task);
    let mine = entries(&s, &format!("api_key={KEY}")).await;
    assert!(!mine.is_empty());
    for e in &mine {
        assert_eq!(e["scenario"], format!("failed-task:{SEED}"), "{e}");
    }
    // A key or header that chooses still wins over the default.
    assert_eq!(get_user(&s, "fauxport:happy", None).await.0, 200);
    assert_eq!(get_user(&s, KEY, Some("happy")).await.0, 200);
    let chosen = entries(&s, "limit=2").await;
    assert!(
        chosen
            .iter()
            .all(|e| e["scenario"] == format!("happy:{SEED}")),
        "{chosen:?}"
    );

    // With a seed.
    assert_eq!(
        ok(&s, "PUT", default, r#"{"name": "failed-task", "seed": 7}"#).await,
        json!({"name": "failed-task", "seed": 7})
    );
    get_user(&s, KEY, None).await;
    assert_eq!(entries(&s, "limit=1").await[0]["scenario"], "failed-task:7");

    // Bad bodies change nothing.
    for (body, needle) in [
        (r#"{"name": "nope"}"#, "\"nope\""),
        ("{}", "name: required"),
        (r#"{"name": 5}"#, "name: expected a string"),
        (r#"{"name": "happy", "seed": -1}"#, "seed"),
        (r#"{"name": "happy", "sede": 1}"#, "sede: unknown field"),
    ] {
        let e = error(&s, "PUT", default, body, 400).await;
        assert!(e.contains(needle), "{body}: {e:?} lacks {needle:?}");
    }
    assert_eq!(
        ok(&s, "GET", default, "").await,
        json!({"name": "failed-task", "seed": 7})
    );

    assert_eq!(
        ok(&s, "DELETE", default, "").await,
        json!({"name": "happy", "seed": null})
    );
    get_user(&s, KEY, None).await;
    assert_eq!(
        entries(&s, "limit=1").await[0]["scenario"],
        format!("happy:{SEED}")
    );

    // Deleting the admin scenario that is the default puts the default back too.
    assert_eq!(put(&s, "outage", &outage()).await.0, 201);
    ok(&s, "PUT", default, r#"{"name": "outage"}"#).await;
    assert_eq!(get_user(&s, KEY, None).await.0, 503);
    ok(&s, "DELETE", "/__admin/scenarios/outage", "").await;
    assert_eq!(
        ok(&s, "GET", default, "").await,
        json!({"name": "happy", "seed": null})
    );
    assert_eq!(get_user(&s, KEY, None).await.0, 200);
}

#[tokio::test]
async fn deleting_the_admin_default_returns_to_the_startup_default() {
    let mut c: ServerConfig = config();
    c.default_scenario = Some(DefaultScenario {
        name: "failed-task".to_owned(),
        seed: Some(5),
    });
    let s = Server::new(c);
    let default = "/__admin/default-scenario";
    let startup = json!({"name": "failed-task", "seed": 5});
    assert_eq!(ok(&s, "GET", default, "").await, startup);
    ok(&s, "PUT", default, r#"{"name": "happy"}"#).await;
    get_user(&s, KEY, None).await;
    assert_eq!(
        entries(&s, "limit=1").await[0]["scenario"],
        format!("happy:{SEED}")
    );
    assert_eq!(ok(&s, "DELETE", default, "").await, startup);
    get_user(&s, KEY, None).await;
    assert_eq!(entries(&s, "limit=1").await[0]["scenario"], "failed-task:5");
    ok(&s, "PUT", default, r#"{"name": "happy"}"#).await;
    ok(&s, "POST", "/__admin/reset", "").await;
    assert_eq!(ok(&s, "GET", default, "").await, startup);
}

#[tokio::test]
async fn the_scenario_header_selects_a_scenario_for_any_valid_key() {
    let s = fresh(1_000);
    let (status, body) = get_user(&s, KEY, Some("rate-limited")).await;
    assert_eq!(status, 429, "{body}");
    let e = &entries(&s, "limit=1").await[0];
    assert_eq!(
        (&e["api_key"], &e["scenario"], &e["fault"]),
        (
            &json!(KEY),
            &json!(format!("rate-limited:{SEED}")),
            &json!("graphql[0]: rate limit (HTTP 429)")
        ),
        "{e}"
    );
    get_user(&s, KEY, Some("rate-limited:9")).await;
    assert_eq!(
        entries(&s, "limit=1").await[0]["scenario"],
        "rate-limited:9"
    );
    // The header wins over the key's scenario.
    assert_eq!(
        get_user(&s, "fauxport:rate-limited", Some("happy")).await.0,
        200
    );
    // An admin scenario is selectable by header too.
    assert_eq!(put(&s, "outage", &outage()).await.0, 201);
    assert_eq!(get_user(&s, KEY, Some("outage")).await.0, 503);

    for (header, needle) in [("nope", "\"nope\""), ("happy:x", "seed")] {
        let (status, body) = get_user(&s, KEY, Some(header)).await;
        let m = message(&body);
        assert!(
            status < 500
                && body["data"].is_null()
                && m.contains("x-fauxport-scenario")
                && m.contains(needle),
            "x-fauxport-scenario: {header} → HTTP {status}: {body}"
        );
        assert_eq!(
            entries(&s, "limit=1").await[0]["scenario"],
            Value::Null,
            "{header}"
        );
    }
    // A header does not stand in for a valid key.
    let (status, body) = get_user(&s, "wrong-key", Some("happy")).await;
    assert_eq!(status, 401, "{body}");
}
