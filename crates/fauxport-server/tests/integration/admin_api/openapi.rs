//! The OpenAPI document against the admin router: it covers every route (and nothing else), and
//! every answer the router gives, successes and documented errors, matches it.

use std::collections::BTreeSet;

use fauxport_server::http::AdminRoute;
use serde_json::{Value, json};

use super::document;
use super::schema_validator::{flat, str_of, validate};
use crate::admin::{admin, fresh};
use crate::sdk;
use crate::support::{KEY, Server};

/// Every `$ref` in `value`, with where it sits.
fn refs<'a>(value: &'a Value, at: &str, out: &mut Vec<(String, &'a str)>) {
    match value {
        Value::Object(fields) => {
            for (k, v) in fields {
                match (k.as_str(), v) {
                    ("$ref", Value::String(r)) => out.push((at.to_owned(), r)),
                    _ => refs(v, &format!("{at}/{k}"), out),
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                refs(v, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

const METHODS: [&str; 7] = ["get", "put", "post", "delete", "patch", "head", "options"];

/// Every admin route the router has, as (method, path).
fn routed() -> BTreeSet<(String, String)> {
    AdminRoute::ALL
        .iter()
        .map(|r| (r.method().to_string(), r.path().to_owned()))
        .collect()
}

/// `docs/admin-openapi.json` documents exactly the routes the admin router is built from (each
/// method of each path), with their path parameters, a unique operation id, and a JSON schema
/// for every response; every `$ref` resolves and every component schema is used.
#[test]
fn the_openapi_document_covers_every_admin_route() {
    let doc = document();
    assert!(
        doc["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3.1.")),
        "OpenAPI 3.1: {}",
        doc["openapi"]
    );
    let paths = doc["paths"].as_object().expect("paths");
    let mut documented = BTreeSet::new();
    let mut operation_ids = BTreeSet::new();
    for (path, item) in paths {
        let item = item.as_object().expect("a path item");
        let templated: BTreeSet<&str> = path
            .split('/')
            .filter_map(|seg| seg.strip_prefix('{')?.strip_suffix('}'))
            .collect();
        for (method, operation) in item {
            if method == "parameters" {
                continue;
            }
            assert!(
                METHODS.contains(&method.as_str()),
                "{path}: unexpected key {method}"
            );
            let what = format!("{method} {path}");
            assert!(
                operation["summary"].is_string() && operation["responses"]["200"].is_object(),
                "{what}: a summary and a 200 response"
            );
            let id = str_of(&operation["operationId"]);
            assert!(
                operation_ids.insert(id.to_owned()),
                "{what}: operationId {id} is reused"
            );
            let path_params: BTreeSet<&str> = [item.get("parameters"), operation.get("parameters")]
                .into_iter()
                .flatten()
                .flat_map(|ps| ps.as_array().expect("a parameter list"))
                .filter(|p| p["in"] == "path")
                .map(|p| {
                    assert_eq!(p["required"], true, "{what}: path parameters are required");
                    str_of(&p["name"])
                })
                .collect();
            assert_eq!(path_params, templated, "{what}: path parameters");
            for (status, response) in operation["responses"].as_object().expect("responses") {
                let response = flat(&doc, response);
                assert!(
                    response["description"].is_string()
                        && response
                            .pointer("/content/application~1json/schema")
                            .is_some(),
                    "{what} {status}: a description and a JSON schema"
                );
            }
            documented.insert((method.to_uppercase(), path.clone()));
        }
    }
    assert_eq!(documented, routed(), "documented routes vs AdminRoute::ALL");

    let mut all = Vec::new();
    refs(&doc, "", &mut all);
    let used: BTreeSet<&str> = all.iter().map(|(_, r)| *r).collect();
    for (at, reference) in &all {
        assert!(
            reference
                .strip_prefix('#')
                .is_some_and(|p| doc.pointer(p).is_some()),
            "{at}: $ref {reference} does not resolve"
        );
    }
    for section in ["schemas", "responses"] {
        for name in doc["components"][section]
            .as_object()
            .expect(section)
            .keys()
        {
            let reference = format!("#/components/{section}/{name}");
            assert!(
                used.contains(reference.as_str()),
                "{reference} is never used"
            );
        }
    }
}

/// Sends an admin request and checks the exchange against the document: the query parameters
/// are documented, the status is documented for the operation and the answer matches its
/// schema, and a body the server accepted matches the request body's schema.
async fn documented(
    s: &Server,
    doc: &Value,
    method: &str,
    template: &str,
    path: &str,
    body: &str,
) -> (u16, Value) {
    let (status, answer) = admin(s, method, path, body).await;
    let what = format!("{method} {path} {body}");
    let operation = doc["paths"][template]
        .get(method.to_lowercase())
        .unwrap_or_else(|| panic!("{what}: {method} {template} is not documented"));
    if let Some((_, query)) = path.split_once('?') {
        let names: BTreeSet<&str> = operation["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["in"] == "query")
            .map(|p| str_of(&p["name"]))
            .collect();
        for pair in query.split('&') {
            let name = pair.split('=').next().unwrap_or_default();
            assert!(
                names.contains(name),
                "{what}: query parameter {name} is not documented"
            );
        }
    }
    let response = operation["responses"]
        .get(status.to_string())
        .map(|r| flat(doc, r))
        .unwrap_or_else(|| panic!("{what}: HTTP {status} is not documented ({answer})"));
    let schema = response
        .pointer("/content/application~1json/schema")
        .unwrap_or_else(|| panic!("{what}: HTTP {status} has no JSON schema"));
    let problems = validate(doc, schema, &answer, "answer");
    assert!(
        problems.is_empty(),
        "{what} → HTTP {status} {answer}\ndoes not match the document:\n{}",
        problems.join("\n")
    );
    if (200..300).contains(&status)
        && !body.is_empty()
        && let Some(schema) = operation.pointer("/requestBody/content/application~1json/schema")
    {
        let sent: Value = serde_json::from_str(body).expect("test bodies are JSON");
        let problems = validate(doc, schema, &sent, "body");
        assert!(
            problems.is_empty(),
            "{what}: the server accepted a body the document refuses:\n{}",
            problems.join("\n")
        );
    }
    (status, answer)
}

const SCENARIO: &str = "/__admin/scenarios/{name}";
const DEFAULT: &str = "/__admin/default-scenario";
const CLOCK: &str = "/__admin/clock";

/// Every route is served, and every answer (successes and the documented errors) matches the
/// document; so do the request bodies the server accepts, the document's own examples included.
#[tokio::test]
async fn every_admin_answer_matches_the_document() {
    let doc = document();
    let s = fresh(100);
    assert_eq!(s.gql(KEY, sdk::GET_USER_V7, json!({})).await.0, 200);
    assert_eq!(
        s.gql("fauxport:rate-limited", sdk::GET_USER_V7, json!({}))
            .await
            .0,
        429
    );
    let verify = json!({
        "api_key": KEY, "operation": "GetUserPyApi", "kind": "other", "path_prefix": "/graphql",
        "faulted": false, "min_count": 1, "max_count": 5, "min_gap_ms": 0, "order": ["other"],
    })
    .to_string();
    let put_body = json!({
        "description": "a bit of everything", "expect": "complete-or-surface", "in_check": false,
        "task": {"end": "canceled", "in_progress_ms": 10, "streamable": true},
        "graphql": [{"on": "page-lookup", "operation": "X", "nth": [2], "probability": 0.5,
                     "latency_ms": 5, "fault": {"kind": "retryable-rate-limit"}}],
        "pages": [{"stream": "errors", "pages": [0], "attempts": [1], "probability": 1,
                   "fault": {"kind": "dribble", "bytes": 10, "every_ms": 5}}],
        "content": {"error_rate": 0.5, "edge_case_rate": 0, "huge_row_rate": 0.01,
                    "huge_row_bytes": 1000, "rows": 10, "empty": false},
    })
    .to_string();
    let mut calls: Vec<(&str, &str, String, String, u16)> = vec![
        (
            "GET",
            "/__admin/requests",
            "/__admin/requests".into(),
            String::new(),
            200,
        ),
        (
            "GET",
            "/__admin/requests",
            "/__admin/requests?api_key=fauxport:rate-limited&operation=GetUserPyApi&kind=other\
             &path_prefix=/graphql&faulted=true&after_seq=1&limit=5"
                .into(),
            String::new(),
            200,
        ),
        (
            "GET",
            "/__admin/requests",
            "/__admin/requests?limit=x".into(),
            String::new(),
            400,
        ),
        (
            "POST",
            "/__admin/requests/count",
            "/__admin/requests/count".into(),
            r#"{"kind": "other", "faulted": true}"#.into(),
            200,
        ),
        (
            "POST",
            "/__admin/requests/count",
            "/__admin/requests/count".into(),
            r#"{"kind": 1}"#.into(),
            400,
        ),
        (
            "POST",
            "/__admin/requests/verify",
            "/__admin/requests/verify".into(),
            verify,
            200,
        ),
        (
            "POST",
            "/__admin/requests/verify",
            "/__admin/requests/verify".into(),
            r#"{"order": ["page"], "min_count": 9}"#.into(),
            200,
        ),
        (
            "GET",
            "/__admin/world",
            "/__admin/world".into(),
            String::new(),
            200,
        ),
        (
            "GET",
            "/__admin/scenarios",
            "/__admin/scenarios".into(),
            String::new(),
            200,
        ),
        (
            "GET",
            SCENARIO,
            "/__admin/scenarios/retryable-outage".into(),
            String::new(),
            200,
        ),
        (
            "GET",
            SCENARIO,
            "/__admin/scenarios/nope".into(),
            String::new(),
            404,
        ),
        (
            "PUT",
            SCENARIO,
            "/__admin/scenarios/doc-check".into(),
            put_body.clone(),
            201,
        ),
        (
            "PUT",
            SCENARIO,
            "/__admin/scenarios/doc-check".into(),
            put_body,
            200,
        ),
        (
            "PUT",
            SCENARIO,
            "/__admin/scenarios/happy".into(),
            "{}".into(),
            409,
        ),
        (
            "PUT",
            SCENARIO,
            "/__admin/scenarios/doc-check".into(),
            r#"{"graphql": [{"probability": 2, "latency_ms": 1}]}"#.into(),
            400,
        ),
        (
            "GET",
            SCENARIO,
            "/__admin/scenarios/doc-check".into(),
            String::new(),
            200,
        ),
        ("GET", DEFAULT, DEFAULT.into(), String::new(), 200),
        (
            "PUT",
            DEFAULT,
            DEFAULT.into(),
            r#"{"name": "doc-check", "seed": 3}"#.into(),
            200,
        ),
        (
            "PUT",
            DEFAULT,
            DEFAULT.into(),
            r#"{"name": "nope"}"#.into(),
            400,
        ),
        ("GET", DEFAULT, DEFAULT.into(), String::new(), 200),
        ("DELETE", DEFAULT, DEFAULT.into(), String::new(), 200),
        (
            "DELETE",
            SCENARIO,
            "/__admin/scenarios/doc-check".into(),
            String::new(),
            200,
        ),
        (
            "DELETE",
            SCENARIO,
            "/__admin/scenarios/doc-check".into(),
            String::new(),
            404,
        ),
        (
            "DELETE",
            SCENARIO,
            "/__admin/scenarios/happy".into(),
            String::new(),
            409,
        ),
    ];
    let examples = doc
        .pointer("/paths/~1__admin~1scenarios~1{name}/put/requestBody/content/application~1json/examples")
        .and_then(Value::as_object)
        .expect("examples of a scenario");
    for (name, example) in examples {
        calls.push((
            "PUT",
            SCENARIO,
            format!("/__admin/scenarios/example-{name}"),
            example["value"].to_string(),
            201,
        ));
    }
    calls.extend([
        (
            "GET",
            "/__admin/scenarios",
            "/__admin/scenarios".into(),
            String::new(),
            200,
        ),
        (
            "DELETE",
            "/__admin/requests",
            "/__admin/requests".into(),
            String::new(),
            200,
        ),
        (
            "POST",
            "/__admin/reset",
            "/__admin/reset".into(),
            String::new(),
            200,
        ),
        // This server is not live: its clock cannot be read or set.
        ("GET", CLOCK, CLOCK.into(), String::new(), 409),
        ("PUT", CLOCK, CLOCK.into(), r#"{"speed": 2}"#.into(), 409),
    ]);

    let mut served = BTreeSet::new();
    for (method, template, path, body, expected) in calls {
        let (status, answer) = documented(&s, &doc, method, template, &path, &body).await;
        assert_eq!(status, expected, "{method} {path} {body}: {answer}");
        if status < 300 {
            served.insert((method.to_owned(), template.to_owned()));
        }
    }
    let live = crate::live::live_server();
    for (method, body, expected) in [
        ("GET", "", 200),
        (
            "PUT",
            r#"{"now": "2026-01-15T09:00:00Z", "speed": 60}"#,
            200,
        ),
        ("PUT", r#"{"speed": 2}"#, 200),
        ("PUT", r#"{"now": "soon"}"#, 400),
        ("GET", "", 200),
    ] {
        let (status, answer) = documented(&live, &doc, method, CLOCK, CLOCK, body).await;
        assert_eq!(status, expected, "{method} {CLOCK} {body}: {answer}");
        if status < 300 {
            served.insert((method.to_owned(), CLOCK.to_owned()));
        }
    }
    assert_eq!(served, routed(), "every route answered with success");
}
