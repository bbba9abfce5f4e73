//! Scenarios through the admin API: listing, getting, putting and deleting them, the default,
//! selection by API key and by header, reset, and the journal's scenario-era fields (`kind`,
//! `task`, `fault`) with the filters and the `order` check that read them. Every test runs its
//! own server.

use axum::body::Body;
use axum::http::Request;
use fauxport_model::ExportParams;
use fauxport_server::ServerConfig;
use fauxport_server::scenario::registry::DefaultScenario;
use fauxport_server::scenario::{Scenario, catalog};
use serde_json::{Value, json};

use crate::admin::{admin, fresh};
use crate::sdk;
use crate::support::{KEY, SEED, Server, config, export_variables};

/// `PUT /__admin/scenarios/<name>` with `body`.
async fn put(s: &Server, name: &str, body: &Value) -> (u16, Value) {
    admin(
        s,
        "PUT",
        &format!("/__admin/scenarios/{name}"),
        &body.to_string(),
    )
    .await
}

/// A request that must succeed: its JSON body.
async fn ok(s: &Server, method: &str, path: &str, body: &str) -> Value {
    let (status, out) = admin(s, method, path, body).await;
    assert_eq!(status, 200, "{method} {path} {body}: {out}");
    out
}

/// The journal entries `GET /__admin/requests?<query>` returns.
async fn entries(s: &Server, query: &str) -> Vec<Value> {
    ok(s, "GET", &format!("/__admin/requests?{query}"), "").await["requests"]
        .as_array()
        .cloned()
        .expect("a requests array")
}

/// `POST /__admin/requests/<what>` with `body`, which must succeed.
async fn post(s: &Server, what: &str, body: Value) -> Value {
    ok(
        s,
        "POST",
        &format!("/__admin/requests/{what}"),
        &body.to_string(),
    )
    .await
}

/// The `error` of an admin answer that must fail with `status`.
async fn error(s: &Server, method: &str, path: &str, body: &str, status: u16) -> String {
    let (got, out) = admin(s, method, path, body).await;
    assert_eq!(got, status, "{method} {path} {body}: {out}");
    out["error"]
        .as_str()
        .unwrap_or_else(|| panic!("no error message: {out}"))
        .to_owned()
}

/// `GetUserPyApi` with `key` and, when given, the `x-fauxport-scenario` header: the status and
/// the JSON body.
async fn get_user(s: &Server, key: &str, header: Option<&str>) -> (u16, Value) {
    let mut request = Request::post("/graphql")
        .header("content-type", "application/json")
        .header("host", "fauxport.test")
        .header("authorization", format!("Bearer {key}"));
    if let Some(h) = header {
        request = request.header("x-fauxport-scenario", h);
    }
    let body = json!({"query": sdk::GET_USER_V7, "variables": {}}).to_string();
    let response = s
        .send(request.body(Body::from(body)).expect("a valid request"))
        .await;
    (response.status, response.json())
}

/// The message of the first GraphQL error, or the top-level `message`.
fn message(body: &Value) -> &str {
    body.pointer("/errors/0/message")
        .or_else(|| body.get("message"))
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no error message: {body}"))
}

/// The names in `GET /__admin/scenarios`, with their origins.
async fn listed(s: &Server) -> Vec<(String, String)> {
    ok(s, "GET", "/__admin/scenarios", "").await["scenarios"]
        .as_array()
        .expect("a scenarios array")
        .iter()
        .map(|v| {
            (
                v["name"].as_str().expect("name").to_owned(),
                v["origin"].as_str().expect("origin").to_owned(),
            )
        })
        .collect()
}

/// The built-ins, in catalog order, as the list names them.
fn builtins() -> Vec<(String, String)> {
    catalog::builtin()
        .into_iter()
        .map(|s| (s.name, "builtin".to_owned()))
        .collect()
}

/// A scenario whose every GraphQL call answers HTTP 503.
fn outage() -> Value {
    json!({
        "description": "every GraphQL call answers 503",
        "expect": "surface",
        "graphql": [{"fault": {"kind": "status", "status": 503}}],
    })
}

#[tokio::test]
async fn the_list_has_the_built_ins_in_catalog_order_then_files_then_admin_ones() {
    let s = fresh(100);
    assert_eq!(listed(&s).await, builtins());
    let body = ok(&s, "GET", "/__admin/scenarios", "").await;
    for (listed, builtin) in body["scenarios"]
        .as_array()
        .expect("scenarios")
        .iter()
        .zip(catalog::builtin())
    {
        let mut expected = builtin.to_json();
        expected["origin"] = json!("builtin");
        assert_eq!(listed, &expected);
    }

    // A file scenario and two admin ones (put out of name order).
    let mut c: ServerConfig = config();
    c.scenario_files = vec![
        Scenario::from_toml("name = \"from-file\"\ndescription = \"loaded at start\"")
            .expect("a valid scenario"),
    ];
    let s = Server::new(c);
    for name in ["zz-admin", "aa-admin"] {
        assert_eq!(put(&s, name, &json!({})).await.0, 201, "{name}");
    }
    let mut expected = builtins();
    for (name, origin) in [
        ("from-file", "file"),
        ("aa-admin", "admin"),
        ("zz-admin", "admin"),
    ] {
        expected.push((name.to_owned(), origin.to_owned()));
    }
    assert_eq!(listed(&s).await, expected);
    let (status, got) = admin(&s, "GET", "/__admin/scenarios/from-file", "").await;
    assert_eq!(
        (status, &got["origin"], &got["description"]),
        (200, &json!("file"), &json!("loaded at start"))
    );
    // A file scenario can be neither replaced nor deleted, and survives a reset.
    let e = error(&s, "PUT", "/__admin/scenarios/from-file", "{}", 409).await;
    assert!(e.contains("from-file"), "{e}");
    let e = error(&s, "DELETE", "/__admin/scenarios/from-file", "", 409).await;
    assert!(e.contains("from-file"), "{e}");
    let reset = ok(&s, "POST", "/__admin/reset", "").await;
    assert_eq!(reset["scenarios_removed"], 2, "{reset}");
    let mut expected = builtins();
    expected.push(("from-file".to_owned(), "file".to_owned()));
    assert_eq!(listed(&s).await, expected);
}

#[tokio::test]
async fn get_answers_one_scenario_or_404_naming_it() {
    let s = fresh(100);
    for builtin in catalog::builtin() {
        let path = format!("/__admin/scenarios/{}", builtin.name);
        let mut expected = builtin.to_json();
        expected["origin"] = json!("builtin");
        assert_eq!(ok(&s, "GET", &path, "").await, expected, "{path}");
    }
    let e = error(&s, "GET", "/__admin/scenarios/no-such-thing", "", 404).await;
    assert!(e.contains("\"no-such-thing\""), "{e}");
}

#[tokio::test]
async fn a_put_scenario_is_listed_and_selected_by_api_key() {
    let s = fresh(1_000);
    let (status, body) = put(&s, "outage", &outage()).await;
    assert_eq!(
        (status, body),
        (201, json!({"name": "outage", "replaced": false}))
    );
    let (status, body) = put(&s, "outage", &outage()).await;
    assert_eq!(
        (status, body),
        (200, json!({"name": "outage", "replaced": true}))
    );
    let mut expected = builtins();
    expected.push(("outage".to_owned(), "admin".to_owned()));
    assert_eq!(listed(&s).await, expected);
    // Every default is filled in.
    assert_eq!(
        ok(&s, "GET", "/__admin/scenarios/outage", "").await,
        json!({
            "name": "outage",
            "description": "every GraphQL call answers 503",
            "expect": "surface",
            "in_check": true,
            "task": {"end": "complete", "in_progress_ms": 0, "streamable": true},
            "graphql": [{
                "on": null, "operation": null, "nth": [], "probability": 1.0, "latency_ms": 0,
                "fault": {"kind": "status", "status": 503},
            }],
            "pages": [],
            "content": {
                "error_rate": null, "error_messages": null, "edge_case_rate": null,
                "huge_row_rate": null, "huge_row_bytes": null, "rows": null, "empty": false,
            },
            "origin": "admin",
        })
    );

    // Requests that select it by key are hit; others are not.
    for _ in 0..2 {
        let (status, body) = get_user(&s, "fauxport:outage", None).await;
        assert_eq!(status, 503, "{body}");
        assert!(message(&body).contains("outage"), "{body}");
    }
    let (status, body) = get_user(&s, "fauxport:outage:7", None).await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(get_user(&s, KEY, None).await.0, 200);

    let hit = entries(&s, "api_key=fauxport:outage").await;
    assert_eq!(hit.len(), 2);
    for e in &hit {
        assert_eq!(
            (
                &e["scenario"],
                &e["fault"],
                &e["kind"],
                &e["status"],
                &e["operations"]
            ),
            (
                &json!(format!("outage:{SEED}")),
                &json!("graphql[0]: status 503"),
                &json!("other"),
                &json!(503),
                &json!(["GetUserPyApi"])
            ),
            "{e}"
        );
    }
    let seeded = entries(&s, "api_key=fauxport:outage:7").await;
    assert_eq!(seeded.len(), 1);
    assert_eq!(seeded[0]["scenario"], "outage:7");
    let plain = entries(&s, &format!("api_key={KEY}")).await;
    assert_eq!(
        (&plain[0]["scenario"], &plain[0]["fault"]),
        (&json!(format!("happy:{SEED}")), &Value::Null)
    );

    // A replacement takes effect at once, with its call counters restarted: only the second
    // call from now on is hit.
    let mut second = outage();
    second["graphql"][0]["nth"] = json!([2]);
    assert_eq!(put(&s, "outage", &second).await.0, 200);
    let statuses = [
        get_user(&s, "fauxport:outage", None).await.0,
        get_user(&s, "fauxport:outage", None).await.0,
        get_user(&s, "fauxport:outage", None).await.0,
    ];
    assert_eq!(statuses, [200, 503, 200]);
}

#[tokio::test]
async fn bad_scenario_puts_are_refused_naming_the_problem() {
    let s = fresh(100);
    let cases: [(&str, Value, u16, &[&str]); 8] = [
        (
            "mine",
            json!({"name": "theirs"}),
            400,
            &["name:", "theirs", "mine"],
        ),
        (
            "mine",
            json!({"graphql": [{"probability": 2, "latency_ms": 5}]}),
            400,
            &["graphql[0].probability"],
        ),
        (
            "mine",
            json!({"pages": [{"fault": {"kind": "status", "status": 200}}]}),
            400,
            &["pages[0].fault.status"],
        ),
        (
            "mine",
            json!({"graphql": [{"on": "task"}]}),
            400,
            &["graphql[0].fault"],
        ),
        ("mine", json!({"surprise": 1}), 400, &["surprise"]),
        ("Not_A_Name", json!({}), 400, &["name:", "Not_A_Name"]),
        ("happy", json!({}), 409, &["happy", "built-in"]),
        ("failed-task", outage(), 409, &["failed-task"]),
    ];
    for (name, body, status, needles) in cases {
        let e = error(
            &s,
            "PUT",
            &format!("/__admin/scenarios/{name}"),
            &body.to_string(),
            status,
        )
        .await;
        for needle in needles {
            assert!(
                e.contains(needle),
                "PUT {name} {body}: {e:?} lacks {needle:?}"
            );
        }
    }
    let e = error(&s, "PUT", "/__admin/scenarios/mine", "{not json", 400).await;
    assert!(e.contains("not JSON"), "{e}");
    // Nothing was defined, and the built-in is unchanged.
    assert_eq!(listed(&s).await, builtins());
    let happy = ok(&s, "GET", "/__admin/scenarios/happy", "").await;
    assert_eq!(happy["graphql"], json!([]));
}

/// A fault kind that takes no fields refuses unknown ones, like every other part of a scenario:
/// `{"kind": "rate-limit", "status": 503}` is a mistake to report, not a rate limit.
///
/// Fails today: `GraphqlFault` and `PageFault` (`src/scenario/mod.rs`) are internally tagged
/// enums with `deny_unknown_fields`, which serde does not apply to unit variants
/// (serde-rs/serde#2123), so `Overloaded`, `RetryableRateLimit`, `RateLimit`, `Forbidden` and
/// `Expired` accept any extra field. Empty struct variants (`Overloaded {}`) do refuse them and
/// serialize the same (`{"kind": "overloaded"}`).
#[tokio::test]
async fn fault_kinds_without_fields_refuse_unknown_fields() {
    let s = fresh(10);
    let mut accepted = Vec::new();
    for kind in [
        "overloaded",
        "retryable-rate-limit",
        "rate-limit",
        "forbidden",
    ] {
        let body = json!({"graphql": [{"fault": {"kind": kind, "status": 503}}]});
        if put(&s, "typo", &body).await.0 != 400 {
            accepted.push(body);
        }
    }
    let body = json!({"pages": [{"fault": {"kind": "expired", "status": 410}}]});
    if put(&s, "typo", &body).await.0 != 400 {
        accepted.push(body);
    }
    assert!(
        accepted.is_empty(),
        "accepted with a field their kind does not take: {accepted:#?}"
    );
}

#[tokio::test]
async fn delete_removes_admin_scenarios_only() {
    let s = fresh(100);
    assert_eq!(put(&s, "outage", &outage()).await.0, 201);
    assert_eq!(get_user(&s, "fauxport:outage", None).await.0, 503);
    assert_eq!(
        ok(&s, "DELETE", "/__admin/scenarios/outage", "").await,
        json!({"deleted": "outage"})
    );
    let e = error(&s, "DELETE", "/__admin/scenarios/outage", "", 404).await;
    assert!(e.contains("\"outage\""), "{e}");
    error(&s, "GET", "/__admin/scenarios/outage", "", 404).await;
    assert_eq!(listed(&s).await, builtins());
    // The key no longer selects anything: refused as a bad key, naming the scenario.
    let (status, body) = get_user(&s, "fauxport:outage", None).await;
    assert_eq!(status, 401, "{body}");
    assert!(message(&body).contains("outage"), "{body}");

    for builtin in ["happy", "rate-limited"] {
        let e = error(
            &s,
            "DELETE",
            &format!("/__admin/scenarios/{builtin}"),
            "",
            409,
        )
        .await;
        assert!(e.contains(builtin), "{e}");
    }
    assert_eq!(listed(&s).await, builtins());
}

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
    let done = s
        .export(
            KEY,
            export_variables(&s.project_id(0), &ExportParams::none(), json!([])),
        )
        .await;
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
        let vars = export_variables(&s.project_id(0), &ExportParams::none(), json!([]));
        let body = json!({"query": sdk::EXPORT_PROJECT, "variables": vars}).to_string();
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
    let done = s
        .export(
            key,
            export_variables(&s.project_id(0), &ExportParams::none(), json!([])),
        )
        .await;
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

    let verdict = post(&s, "verify", json!({"api_key": KEY, "order": FLOW})).await;
    assert_eq!(
        verdict,
        json!({"ok": true, "count": total, "min_gap_ms": verdict["min_gap_ms"], "problems": []})
    );
    // Any subsequence holds too; an empty order checks nothing.
    for order in [json!(["create-export", "page"]), json!([]), Value::Null] {
        let verdict = post(&s, "verify", json!({"order": order})).await;
        assert_eq!(verdict["ok"], true, "{order}: {verdict}");
    }

    let reversed: Vec<&str> = FLOW.iter().rev().copied().collect();
    let verdict = post(&s, "verify", json!({"api_key": KEY, "order": reversed})).await;
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
    let verdict = post(
        &s,
        "verify",
        json!({"api_key": KEY, "order": ["create-export", "download"]}),
    )
    .await;
    assert_eq!(verdict["ok"], false, "{verdict}");
    assert_eq!(verdict["problems"].as_array().map(Vec::len), Some(1));
    assert!(
        verdict["problems"][0]
            .as_str()
            .is_some_and(|p| p.contains("no download request")),
        "{verdict}"
    );
    // The order is checked among the selected requests only.
    let verdict = post(
        &s,
        "verify",
        json!({"kind": "page", "order": ["create-export", "page"]}),
    )
    .await;
    assert!(
        verdict["problems"][0]
            .as_str()
            .is_some_and(|p| p.contains("no create-export request among the page request(s)")),
        "{verdict}"
    );
    let verdict = post(
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
    let done = s
        .export(
            key,
            export_variables(&s.project_id(0), &ExportParams::none(), json!([])),
        )
        .await;
    let first = s
        .file_from_offset(key, &done.id, "RESULT", json!("0"))
        .await
        .expect("page 0");
    let second = s
        .file_from_offset(
            key,
            &done.id,
            "RESULT",
            json!((first.offsets.1 + 1).to_string()),
        )
        .await
        .expect("page 1");
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
        let count = post(&s, "count", body.clone()).await;
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
    let verdict = post(&s, "verify", json!({"faulted": true, "max_count": 0})).await;
    assert!(
        verdict["count"] == 3
            && verdict["problems"][0]
                .as_str()
                .is_some_and(|p| p.contains("at most 0") && p.contains("hit by a fault")),
        "{verdict}"
    );
    let verdict = post(
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
