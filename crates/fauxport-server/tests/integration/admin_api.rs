//! The admin API's own surface: the scenarios list, errors for bad admin requests, and the
//! OpenAPI document (`docs/admin-openapi.json`), which must cover every route, describe every
//! answer the router gives, and describe the scenario format as the server parses it (field
//! names, enums, bounds and defaults, probed through `PUT /__admin/scenarios/{name}`).
//!
//! The document is checked by a small JSON Schema validator below: it knows the keywords the
//! document uses and fails on any other, so it never passes a schema it did not read.

use std::collections::BTreeSet;

use fauxport_server::http::AdminRoute;
use fauxport_server::scenario::catalog;
use serde_json::{Map, Value, json};

use crate::admin::{admin, fresh};
use crate::sdk;
use crate::support::{KEY, Server};

#[tokio::test]
async fn scenarios_lists_the_built_ins() {
    let s = fresh(10);
    let (status, body) = admin(&s, "GET", "/__admin/scenarios", "").await;
    assert_eq!(status, 200);
    let expected: Vec<Value> = catalog::builtin()
        .iter()
        .map(|s| {
            let mut v = s.to_json();
            v["origin"] = json!("builtin");
            v
        })
        .collect();
    assert_eq!(body, json!({ "scenarios": expected }));
}

/// Checks one bad admin request: its status and a JSON error that contains `needle`.
async fn check_error(s: &Server, method: &str, path: &str, body: &str, status: u16, needle: &str) {
    let (got, out) = admin(s, method, path, body).await;
    let message = out["error"].as_str().unwrap_or_default();
    assert!(
        got == status && message.contains(needle),
        "{method} {path} {body}\n→ HTTP {got}: {out}\nexpected HTTP {status} with {needle:?}"
    );
}

#[tokio::test]
async fn bad_admin_requests_get_json_errors_naming_the_field() {
    let s = fresh(10);
    let cases: &[(&str, &str, &str, u16, &str)] = &[
        (
            "GET",
            "/__admin/nope",
            "",
            404,
            "no admin endpoint GET /__admin/nope",
        ),
        ("GET", "/__admin", "", 404, "GET /__admin/requests"),
        (
            "DELETE",
            "/__admin/requests/verify/extra",
            "",
            404,
            "no admin endpoint",
        ),
        ("POST", "/__admin/requests", "", 405, "accepts GET, DELETE"),
        ("GET", "/__admin/reset", "", 405, "accepts POST"),
        ("PUT", "/__admin/scenarios", "", 405, "accepts GET"),
        (
            "POST",
            "/__admin/default-scenario",
            "",
            405,
            "accepts GET, PUT, DELETE",
        ),
        (
            "GET",
            "/__admin/scenarios/a/b",
            "",
            404,
            "no admin endpoint",
        ),
        ("GET", "/__admin/requests?faulted=maybe", "", 400, "faulted"),
        (
            "POST",
            "/__admin/requests/count",
            r#"{"order": []}"#,
            400,
            "order: unknown field",
        ),
        (
            "POST",
            "/__admin/requests/verify",
            r#"{"order": "task"}"#,
            400,
            "order: expected a list of strings",
        ),
        ("GET", "/__admin/requests?limit=many", "", 400, "limit"),
        ("GET", "/__admin/requests?key=k", "", 400, "key"),
        (
            "POST",
            "/__admin/requests/count",
            "{not json",
            400,
            "request body: not JSON",
        ),
        (
            "POST",
            "/__admin/requests/count",
            "[1]",
            400,
            "expected a JSON object",
        ),
        (
            "POST",
            "/__admin/requests/count",
            r#"{"api_key": 5}"#,
            400,
            "api_key: expected a string",
        ),
        (
            "POST",
            "/__admin/requests/count",
            r#"{"min_count": 1}"#,
            400,
            "min_count: unknown field",
        ),
        (
            "POST",
            "/__admin/requests/verify",
            r#"{"operaton": "X"}"#,
            400,
            "operaton: unknown field",
        ),
        (
            "POST",
            "/__admin/requests/verify",
            r#"{"min_count": "2"}"#,
            400,
            "min_count: expected a non-negative integer",
        ),
        (
            "POST",
            "/__admin/requests/verify",
            r#"{"max_count": -1}"#,
            400,
            "max_count: expected a non-negative integer",
        ),
        (
            "POST",
            "/__admin/requests/verify",
            r#"{"min_gap_ms": -5}"#,
            400,
            "min_gap_ms: expected a non-negative number",
        ),
        (
            "POST",
            "/__admin/requests/verify",
            r#"{"min_count": 3, "max_count": 1}"#,
            400,
            "min_count: 3 is greater than max_count 1",
        ),
    ];
    for &(method, path, body, status, needle) in cases {
        check_error(&s, method, path, body, status, needle).await;
    }
    let huge = format!(r#"{{"api_key": "{}"}}"#, "k".repeat(100_000));
    check_error(
        &s,
        "POST",
        "/__admin/requests/count",
        &huge,
        413,
        "request body",
    )
    .await;
}

/// A wrong method on a templated path (`/__admin/scenarios/{name}`) names the methods it
/// accepts, as on the fixed paths.
///
/// Fails today: `method_not_allowed` in `src/http/admin.rs` compares the route template with the
/// request's path (`r.path() == uri.path()`), which never holds for `{name}`, so the answer ends
/// "it accepts " with nothing after it.
#[tokio::test]
async fn wrong_methods_on_scenario_paths_name_the_accepted_ones() {
    let s = fresh(10);
    for path in ["/__admin/scenarios/happy", "/__admin/scenarios/no-such-one"] {
        check_error(&s, "POST", path, "", 405, "it accepts GET, PUT, DELETE").await;
    }
}

/// The document.
fn document() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/admin-openapi.json");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The target of a local `$ref`.
fn target<'a>(doc: &'a Value, reference: &str) -> &'a Value {
    reference
        .strip_prefix('#')
        .and_then(|pointer| doc.pointer(pointer))
        .unwrap_or_else(|| panic!("$ref {reference:?} does not resolve"))
}

/// A component schema by name.
fn component<'a>(doc: &'a Value, name: &str) -> &'a Value {
    target(doc, &format!("#/components/schemas/{name}"))
}

/// `schema` with its top-level `$ref`s followed (the referring schema's own keywords win).
fn flat(doc: &Value, schema: &Value) -> Value {
    let mut out = schema.clone();
    while let Some(reference) = out.get("$ref").and_then(Value::as_str).map(str::to_owned) {
        let mut merged = target(doc, &reference).clone();
        if let (Some(m), Some(own)) = (merged.as_object_mut(), out.as_object()) {
            for (k, v) in own.iter().filter(|(k, _)| *k != "$ref") {
                m.insert(k.clone(), v.clone());
            }
        }
        out = merged;
    }
    out
}

fn str_of(v: &Value) -> &str {
    v.as_str()
        .unwrap_or_else(|| panic!("expected a string, found {v}"))
}

/// JSON equality with numbers compared by value (`1` equals `1.0`, as in JSON Schema).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

fn has_type(value: &Value, ty: &str) -> bool {
    match ty {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "string" => value.is_string(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "number" => value.is_number(),
        "integer" => value.as_f64().is_some_and(|f| f.fract() == 0.0),
        other => panic!("unknown JSON Schema type {other:?}"),
    }
}

/// The one `pattern` the document uses, and what it means.
const NAME_PATTERN: &str = "^[a-z0-9-]{1,64}$";

fn matches_name_pattern(s: &str) -> bool {
    (1..=64).contains(&s.chars().count())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The property names `schema` declares; with `through_refs`, also those of the schema its `$ref`
/// names (what `unevaluatedProperties` sees).
fn declared(doc: &Value, schema: &Value, through_refs: bool) -> BTreeSet<String> {
    let mut names: BTreeSet<String> = schema
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    if through_refs && let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        names.extend(declared(doc, target(doc, reference), true));
    }
    names
}

/// What in `value` does not match `schema`, one sentence each, located under `at`.
fn validate(doc: &Value, schema: &Value, value: &Value, at: &str) -> Vec<String> {
    let mut problems = Vec::new();
    check(doc, schema, value, at, &mut problems);
    problems
}

fn check(doc: &Value, schema: &Value, value: &Value, at: &str, problems: &mut Vec<String>) {
    let keywords = schema
        .as_object()
        .unwrap_or_else(|| panic!("{at}: a schema must be an object, found {schema}"));
    for (keyword, arg) in keywords {
        match keyword.as_str() {
            "$ref" => check(doc, target(doc, str_of(arg)), value, at, problems),
            "type" => {
                let types: Vec<&str> = match arg {
                    Value::Array(a) => a.iter().map(str_of).collect(),
                    other => vec![str_of(other)],
                };
                if !types.iter().any(|t| has_type(value, t)) {
                    problems.push(format!(
                        "{at}: expected {}, found {value}",
                        types.join(" or ")
                    ));
                }
            }
            "enum" => {
                if !arg
                    .as_array()
                    .expect("an enum list")
                    .iter()
                    .any(|v| same(v, value))
                {
                    problems.push(format!("{at}: {value} is not one of {arg}"));
                }
            }
            "const" => {
                if !same(arg, value) {
                    problems.push(format!("{at}: expected {arg}, found {value}"));
                }
            }
            "properties" => {
                if let Some(object) = value.as_object() {
                    for (name, sub) in arg.as_object().expect("properties") {
                        if let Some(v) = object.get(name) {
                            check(doc, sub, v, &format!("{at}.{name}"), problems);
                        }
                    }
                }
            }
            "required" => {
                if let Some(object) = value.as_object() {
                    for name in arg.as_array().expect("a required list").iter().map(str_of) {
                        if !object.contains_key(name) {
                            problems.push(format!("{at}: {name} is required"));
                        }
                    }
                }
            }
            "additionalProperties" | "unevaluatedProperties" => {
                assert_eq!(arg, &json!(false), "{at}: {keyword} other than false");
                if let Some(object) = value.as_object() {
                    let known = declared(doc, schema, keyword == "unevaluatedProperties");
                    for name in object.keys().filter(|k| !known.contains(*k)) {
                        problems.push(format!("{at}: {name} is not documented"));
                    }
                }
            }
            "items" => {
                if let Some(items) = value.as_array() {
                    for (i, v) in items.iter().enumerate() {
                        check(doc, arg, v, &format!("{at}[{i}]"), problems);
                    }
                }
            }
            "oneOf" => {
                let outcomes: Vec<Vec<String>> = arg
                    .as_array()
                    .expect("a oneOf list")
                    .iter()
                    .map(|branch| validate(doc, branch, value, at))
                    .collect();
                let passing = outcomes.iter().filter(|p| p.is_empty()).count();
                if passing != 1 {
                    let why: Vec<String> = outcomes.iter().map(|p| p.join("; ")).collect();
                    problems.push(format!(
                        "{at}: {value} matches {passing} oneOf branches, not one ({})",
                        why.join(" | ")
                    ));
                }
            }
            "minimum" | "maximum" => {
                let bound = arg.as_f64().expect("a numeric bound");
                if let Some(n) = value.as_f64()
                    && (if keyword == "minimum" {
                        n < bound
                    } else {
                        n > bound
                    })
                {
                    problems.push(format!("{at}: {value} is beyond the {keyword} {arg}"));
                }
            }
            "maxItems" => {
                let bound = arg.as_u64().expect("an item count bound");
                if let Some(items) = value.as_array()
                    && items.len() as u64 > bound
                {
                    problems.push(format!("{at}: more items than the maxItems {arg}"));
                }
            }
            "minLength" | "maxLength" => {
                let bound = arg.as_u64().expect("a length bound");
                if let Some(s) = value.as_str() {
                    let n = s.chars().count() as u64;
                    if (keyword == "minLength" && n < bound)
                        || (keyword == "maxLength" && n > bound)
                    {
                        problems.push(format!("{at}: {value} is beyond the {keyword} {arg}"));
                    }
                }
            }
            "pattern" => {
                assert_eq!(str_of(arg), NAME_PATTERN, "{at}: an unknown pattern");
                if let Some(s) = value.as_str()
                    && !matches_name_pattern(s)
                {
                    problems.push(format!("{at}: {value} does not match {arg}"));
                }
            }
            "description" | "default" | "examples" | "title" => {}
            other => panic!("{at}: this test's validator does not know the keyword {other:?}"),
        }
    }
}

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
    let routed: BTreeSet<(String, String)> = AdminRoute::ALL
        .iter()
        .map(|r| (r.method().to_string(), r.path().to_owned()))
        .collect();
    assert_eq!(documented, routed, "documented routes vs AdminRoute::ALL");

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
             &path_prefix=/graphql&faulted=true&limit=5"
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
    ]);

    let mut served = BTreeSet::new();
    for (method, template, path, body, expected) in calls {
        let (status, answer) = documented(&s, &doc, method, template, &path, &body).await;
        assert_eq!(status, expected, "{method} {path} {body}: {answer}");
        if status < 300 {
            served.insert((method.to_owned(), template.to_owned()));
        }
    }
    let routed: BTreeSet<(String, String)> = AdminRoute::ALL
        .iter()
        .map(|r| (r.method().to_string(), r.path().to_owned()))
        .collect();
    assert_eq!(served, routed, "every route answered with success");
}

/// The minimal value of `schema`: a `const`, the lowest allowed integer, or an object of its
/// required fields.
fn minimal(doc: &Value, schema: &Value) -> Value {
    let schema = flat(doc, schema);
    if let Some(c) = schema.get("const") {
        return c.clone();
    }
    match schema["type"].as_str() {
        Some("integer") => json!(schema["minimum"].as_u64().unwrap_or(0)),
        Some("object") => {
            let mut fields = Map::new();
            for name in schema["required"].as_array().into_iter().flatten() {
                let name = str_of(name);
                fields.insert(name.to_owned(), minimal(doc, &schema["properties"][name]));
            }
            Value::Object(fields)
        }
        _ => panic!("no minimal value for {schema}"),
    }
}

/// Values a property's schema accepts (`true`) and refuses (`false`), read from its keywords.
fn samples(doc: &Value, schema: &Value) -> Vec<(Value, bool)> {
    let schema = flat(doc, schema);
    let mut out = Vec::new();
    if let Some(d) = schema.get("default") {
        out.push((d.clone(), true));
    }
    let mut core = schema.clone();
    if let Some(branches) = schema.get("oneOf").and_then(Value::as_array) {
        let others: Vec<&Value> = branches
            .iter()
            .filter(|b| **b != json!({"type": "null"}))
            .collect();
        if others.len() < branches.len() {
            out.push((Value::Null, true));
        }
        match others.as_slice() {
            [one] => core = flat(doc, one),
            // A union of objects: probed branch by branch.
            _ => return out,
        }
    }
    let types: Vec<&str> = match core.get("type") {
        Some(Value::Array(ts)) => ts.iter().map(str_of).collect(),
        Some(t) => vec![str_of(t)],
        None => Vec::new(),
    };
    if types.contains(&"null") {
        out.push((Value::Null, true));
    }
    if let Some(values) = core.get("enum").and_then(Value::as_array) {
        out.extend(values.iter().map(|v| (v.clone(), true)));
        out.push((json!("no-such-value"), false));
        out.push((json!(str_of(&values[0]).to_uppercase()), false));
        return out;
    }
    let bound = |k: &str| core.get(k).and_then(Value::as_f64);
    match types.iter().find(|t| **t != "null").copied() {
        Some("integer") => {
            let min = bound("minimum").unwrap_or(0.0) as i64;
            out.extend([
                (json!(min), true),
                (json!(min - 1), false),
                (json!(min.to_string()), false),
            ]);
            if let Some(max) = bound("maximum") {
                out.extend([(json!(max as i64), true), (json!(max as i64 + 1), false)]);
            }
        }
        Some("number") => {
            if let Some(min) = bound("minimum") {
                out.extend([(json!(min), true), (json!(min - 0.5), false)]);
            }
            if let Some(max) = bound("maximum") {
                out.extend([(json!(max), true), (json!(max + 0.5), false)]);
            }
            out.push((json!("0.5"), false));
        }
        Some("boolean") => out.extend([
            (json!(true), true),
            (json!(false), true),
            (json!("true"), false),
        ]),
        Some("string") => out.extend([(json!("x"), true), (json!(5), false)]),
        Some("array") => {
            out.extend([(json!([]), true), (json!("x"), false)]);
            let items = flat(doc, &core["items"]);
            if items["type"] == "integer" {
                let min = items["minimum"].as_i64().unwrap_or(0);
                out.extend([(json!([min]), true), (json!([min - 1]), false)]);
            }
        }
        Some("object") => out.extend([(json!({}), true), (json!("x"), false)]),
        None => {}
        Some(other) => panic!("no samples for type {other}"),
    }
    out
}

/// `base` with `value` at `pointer` (whose parent must exist).
fn with(base: &Value, pointer: &str, value: Value) -> Value {
    let mut out = base.clone();
    let (parent, key) = pointer.rsplit_once('/').expect("a JSON pointer");
    match out.pointer_mut(parent) {
        Some(Value::Object(fields)) => {
            fields.insert(key.to_owned(), value);
        }
        Some(Value::Array(items)) => items[key.parse::<usize>().expect("an index")] = value,
        _ => panic!("no object or array at {parent} in {base}"),
    }
    out
}

/// `base` without the field at `pointer`.
fn without(base: &Value, pointer: &str) -> Value {
    let mut out = base.clone();
    let (parent, key) = pointer.rsplit_once('/').expect("a JSON pointer");
    out.pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .and_then(|fields| fields.remove(key))
        .unwrap_or_else(|| panic!("no {pointer} in {base}"));
    out
}

/// Fields the server filled in that were not sent must carry that value as their documented
/// `default`.
fn check_defaults(
    doc: &Value,
    schema: &Value,
    sent: &Value,
    got: &Value,
    at: &str,
    problems: &mut Vec<String>,
) {
    let schema = flat(doc, schema);
    if got.is_null() {
        return;
    }
    if let Some(branches) = schema.get("oneOf").and_then(Value::as_array) {
        if let Some(branch) = branches
            .iter()
            .find(|b| validate(doc, b, got, at).is_empty())
        {
            check_defaults(doc, branch, sent, got, at, problems);
        }
        return;
    }
    match got {
        Value::Object(fields) => {
            let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
                return;
            };
            for (name, value) in fields {
                let Some(sub) = properties.get(name) else {
                    continue;
                };
                let at = format!("{at}.{name}");
                match (sent.get(name), flat(doc, sub).get("default")) {
                    (Some(given), _) => check_defaults(doc, sub, given, value, &at, problems),
                    (None, Some(d)) if same(d, value) => {}
                    (None, Some(d)) => problems.push(format!(
                        "{at}: the documented default is {d}, the server fills in {value}"
                    )),
                    (None, None) => problems.push(format!(
                        "{at}: no documented default, the server fills in {value}"
                    )),
                }
            }
        }
        Value::Array(items) => {
            if let Some(item) = schema.get("items") {
                let given = sent.as_array().into_iter().flatten();
                for (i, (given, value)) in given.zip(items).enumerate() {
                    check_defaults(doc, item, given, value, &format!("{at}[{i}]"), problems);
                }
            }
        }
        _ => {}
    }
}

/// Puts `scenario` as `name`: whether the server accepted it (panics on answers other than 200,
/// 201 and 400).
async fn accepted(s: &Server, name: &str, scenario: &Value) -> bool {
    let path = format!("/__admin/scenarios/{name}");
    let (status, answer) = admin(s, "PUT", &path, &scenario.to_string()).await;
    match status {
        200 | 201 => true,
        400 => false,
        _ => panic!("PUT {path} {scenario} → HTTP {status}: {answer}"),
    }
}

/// The `Scenario` schema is the format the server parses: the built-ins and what the server
/// sends match it, the defaults it fills in are the documented ones, and every documented enum
/// value, bound, required field and closed object is probed through `PUT`: what the document
/// allows is accepted, what it forbids is refused.
#[tokio::test]
async fn the_scenario_schema_is_the_format_the_server_parses() {
    let doc = document();
    let s = fresh(10);
    let body_schema =
        json!({"$ref": "#/components/schemas/Scenario", "unevaluatedProperties": false});
    for builtin in catalog::builtin() {
        let definition = builtin.to_json();
        let problems = validate(&doc, &body_schema, &definition, &builtin.name);
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        let mut listed = definition;
        listed["origin"] = json!("builtin");
        let problems = validate(
            &doc,
            component(&doc, "ListedScenario"),
            &listed,
            &builtin.name,
        );
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    // Defaults, at every level.
    let sparse = json!({
        "name": "defaults",
        "graphql": [{"latency_ms": 1}, {"fault": {"kind": "overloaded"}}],
        "pages": [
            {"fault": {"kind": "truncate"}},
            {"fault": {"kind": "reset"}},
            {"fault": {"kind": "stall", "ms": 1}},
        ],
    });
    assert!(accepted(&s, "defaults", &sparse).await);
    let (status, got) = admin(&s, "GET", "/__admin/scenarios/defaults", "").await;
    assert_eq!(status, 200, "{got}");
    let mut problems = validate(&doc, component(&doc, "ListedScenario"), &got, "defaults");
    check_defaults(
        &doc,
        component(&doc, "Scenario"),
        &sparse,
        &got,
        "defaults",
        &mut problems,
    );
    assert!(problems.is_empty(), "{got}\n{}", problems.join("\n"));

    // Probes: (what, scenario, whether the document allows it).
    let base = json!({
        "task": {},
        "graphql": [{"latency_ms": 1, "fault": {"kind": "overloaded"}}],
        "pages": [{"fault": {"kind": "expired"}}],
        "content": {},
    });
    let mut probes: Vec<(String, Value, bool)> = vec![
        ("the probe base".into(), base.clone(), true),
        (
            "a GraphQL rule with neither fault nor latency".into(),
            with(&base, "/graphql/0", json!({})),
            false,
        ),
    ];
    for (pointer, name) in [
        ("", "Scenario"),
        ("/task", "TaskBehaviour"),
        ("/graphql/0", "GraphqlRule"),
        ("/pages/0", "PageRule"),
        ("/content", "Content"),
    ] {
        let schema = component(&doc, name);
        let extra = format!("{pointer}/surprise");
        probes.push((extra.clone(), with(&base, &extra, json!(1)), false));
        for (field, sub) in schema["properties"].as_object().expect("properties") {
            if name == "Scenario" && field == "name" {
                continue; // The path gives the name: probed below.
            }
            let at = format!("{pointer}/{field}");
            for (value, ok) in samples(&doc, sub) {
                probes.push((format!("{at} = {value}"), with(&base, &at, value), ok));
            }
        }
    }
    for (pointer, name) in [
        ("/graphql/0/fault", "GraphqlFault"),
        ("/pages/0/fault", "PageFault"),
    ] {
        let kind = format!("{pointer}/kind");
        probes.push((
            kind.clone(),
            with(&base, &kind, json!("no-such-fault")),
            false,
        ));
        for branch in component(&doc, name)["oneOf"].as_array().expect("oneOf") {
            let least = minimal(&doc, branch);
            let on = with(&base, pointer, least.clone());
            probes.push((format!("{pointer} = {least}"), on.clone(), true));
            // Kinds without fields are probed by
            // admin_scenarios::fault_kinds_without_fields_refuse_unknown_fields.
            if branch["properties"]
                .as_object()
                .is_some_and(|p| p.len() > 1)
            {
                let extra = format!("{pointer}/surprise");
                probes.push((
                    format!("{least} + surprise"),
                    with(&on, &extra, json!(1)),
                    false,
                ));
            }
            for field in branch["required"]
                .as_array()
                .expect("required")
                .iter()
                .map(str_of)
            {
                if field != "kind" {
                    let at = format!("{pointer}/{field}");
                    probes.push((format!("{least} - {field}"), without(&on, &at), false));
                }
            }
            for (field, sub) in branch["properties"].as_object().expect("properties") {
                if field == "kind" {
                    continue;
                }
                let at = format!("{pointer}/{field}");
                for (value, ok) in samples(&doc, sub) {
                    probes.push((
                        format!("{least}: {field} = {value}"),
                        with(&on, &at, value),
                        ok,
                    ));
                }
            }
        }
    }
    let mut wrong = Vec::new();
    for (what, scenario, allowed) in &probes {
        if accepted(&s, "probe", scenario).await != *allowed {
            let verdict = if *allowed { "refused" } else { "accepted" };
            wrong.push(format!("{what}: the server {verdict} {scenario}"));
        }
    }
    // Names: the path's, checked against the documented pattern and lengths.
    let name_schema = &component(&doc, "Scenario")["properties"]["name"];
    let (long, too_long) = ("x".repeat(64), "x".repeat(65));
    for name in ["a", "a-1", &long, &too_long, "A", "a_b", "a.b"] {
        let allowed = validate(&doc, name_schema, &json!(name), "name").is_empty();
        if accepted(&s, name, &json!({"name": name})).await != allowed {
            wrong.push(format!(
                "name {name:?}: the document says allowed = {allowed}"
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} probes disagree with the document:\n{}",
        wrong.len(),
        probes.len(),
        wrong.join("\n")
    );
}
