//! A small JSON Schema validator for the admin OpenAPI document: it knows the keywords the
//! document uses and fails on any other, so it never passes a schema it did not read; and the
//! helpers that read the document's schemas (`$ref`s, components).

use std::collections::BTreeSet;

use serde_json::{Value, json};

/// The target of a local `$ref`.
fn target<'a>(doc: &'a Value, reference: &str) -> &'a Value {
    reference
        .strip_prefix('#')
        .and_then(|pointer| doc.pointer(pointer))
        .unwrap_or_else(|| panic!("$ref {reference:?} does not resolve"))
}

/// A component schema by name.
pub(super) fn component<'a>(doc: &'a Value, name: &str) -> &'a Value {
    target(doc, &format!("#/components/schemas/{name}"))
}

/// `schema` with its top-level `$ref`s followed (the referring schema's own keywords win).
pub(super) fn flat(doc: &Value, schema: &Value) -> Value {
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

pub(super) fn str_of(v: &Value) -> &str {
    v.as_str()
        .unwrap_or_else(|| panic!("expected a string, found {v}"))
}

/// JSON equality with numbers compared by value (`1` equals `1.0`, as in JSON Schema).
pub(super) fn same(a: &Value, b: &Value) -> bool {
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
pub(super) fn validate(doc: &Value, schema: &Value, value: &Value, at: &str) -> Vec<String> {
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
