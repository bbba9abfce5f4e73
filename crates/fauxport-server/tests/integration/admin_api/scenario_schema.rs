//! The document's `Scenario` schema against the format the server parses: built-ins and answers
//! match it, the defaults the server fills in are the documented ones, and every documented enum
//! value, bound, required field and closed object is probed through
//! `PUT /__admin/scenarios/{name}`.

use fauxport_server::scenario::catalog;
use serde_json::{Map, Value, json};

use super::document;
use super::schema_validator::{component, flat, same, str_of, validate};
use crate::admin::{admin, fresh};
use crate::support::Server;

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
            // admin_scenarios::crud::fault_kinds_without_fields_refuse_unknown_fields.
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
