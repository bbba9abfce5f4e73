//! Mutation tests: every key of every spec sample row, removed (when the schema requires it)
//! and given a value of the wrong type, must produce an error that names it.
//!
//! Required-ness comes from resolving the strict schema alongside the instance: `$ref` into
//! `$defs`, `anyOf` with `null` (an `Option`) to its non-null branch, `properties`, `items`, and
//! `additionalProperties` for the `projects` map. A classification lists its common keys in
//! `required` and says "exactly one answer key" with `oneOf`, so the answer key it has counts as
//! required.

use fauxport_model::Answer;
use fauxport_model::schema::export_schema;
use fauxport_validate::{Config, Finding, Format, Profile, escape_segment};
use serde_json::{Map, Value, json};

use crate::support::{ndjson, run, samples};

/// Places whose schema accepts any JSON on purpose, as normalised paths (`*` for an array index,
/// `{project}` for the project id, `/**` for everything below). A type change there must be
/// accepted; a key found under no entry here and with an any-schema fails the test.
const INTENTIONALLY_ANY: &[(&str, &str)] = &[
    // Spec §6: a metadata value is a string, number, date-time string or array of enum options
    // depending on the field's kind, so the model keeps it as any JSON.
    (
        "/metadata_fields/*/value",
        "metadata value shapes vary by kind (spec §6)",
    ),
    (
        "/metadata_fields/*/value/**",
        "the inside of an enum metadata value is not typed (spec §6)",
    ),
    // Spec §10: no populated `reviews` element was ever seen; `relationships` is always `[]` for
    // LLM rows. Both are `Vec<serde_json::Value>`; the samples have no elements, so these entries
    // only document the choice.
    (
        "/projects/{project}/labels/*/label_details/reviews/*/**",
        "review element shape unknown (spec §10)",
    ),
    (
        "/projects/{project}/labels/*/annotations/relationships/*/**",
        "relationship shape not modelled (spec §12.1)",
    ),
];

/// One key of the instance and what the schema says about it.
struct Site {
    /// JSON pointer of the object holding the key.
    parent: String,
    /// The key.
    key: String,
    /// The path with indices and the project id normalised, for [`INTENTIONALLY_ANY`].
    normal: String,
    required: bool,
    any: bool,
}

struct Walker<'s> {
    root: &'s Value,
    sites: Vec<Site>,
}

impl<'s> Walker<'s> {
    /// Follows `$ref` and looks through `anyOf: [X, {type: null}]`.
    fn resolve(&self, mut schema: &'s Value) -> &'s Value {
        loop {
            if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
                let name = r
                    .strip_prefix("#/$defs/")
                    .unwrap_or_else(|| panic!("unexpected $ref {r}"));
                schema = &self.root["$defs"][name];
                continue;
            }
            if let Some(branches) = schema.get("anyOf").and_then(Value::as_array) {
                let non_null: Vec<&Value> = branches
                    .iter()
                    .filter(|b| b.get("type").and_then(Value::as_str) != Some("null"))
                    .collect();
                assert_eq!(
                    non_null.len(),
                    1,
                    "anyOf with several non-null branches: {schema}"
                );
                schema = non_null[0];
                continue;
            }
            return schema;
        }
    }

    /// Whether a (resolved) schema accepts any JSON: `true`, or no keyword that constrains.
    fn is_any(schema: &Value) -> bool {
        match schema {
            Value::Bool(b) => *b,
            Value::Object(m) => ![
                "type",
                "properties",
                "items",
                "additionalProperties",
                "enum",
                "const",
                "oneOf",
                "anyOf",
                "$ref",
                "pattern",
                "format",
            ]
            .iter()
            .any(|k| m.contains_key(*k)),
            _ => false,
        }
    }

    fn walk(&mut self, instance: &Value, schema: Option<&'s Value>, pointer: &str, normal: &str) {
        let schema = schema.map(|s| self.resolve(s));
        let any = schema.is_none_or(Self::is_any);
        match instance {
            Value::Object(map) => {
                let required: Vec<String> = match schema.filter(|_| !any) {
                    Some(s) => {
                        let mut required: Vec<String> = s
                            .get("required")
                            .and_then(Value::as_array)
                            .map(|r| {
                                r.iter()
                                    .filter_map(|k| k.as_str().map(str::to_owned))
                                    .collect()
                            })
                            .unwrap_or_default();
                        if s.get("oneOf").is_some() {
                            required.extend(
                                Answer::KEYS
                                    .iter()
                                    .filter(|k| map.contains_key(**k))
                                    .map(|k| k.to_string()),
                            );
                        }
                        required
                    }
                    None => Vec::new(),
                };
                for (key, value) in map {
                    let child_schema = if any {
                        None
                    } else {
                        let s = schema.unwrap_or(&Value::Null);
                        match s.get("properties").and_then(|p| p.get(key)) {
                            Some(sub) => Some(sub),
                            None => match s.get("additionalProperties") {
                                Some(sub @ Value::Object(_)) => Some(sub),
                                _ => panic!(
                                    "the sample has a key the strict schema does not name: {pointer}/{key}"
                                ),
                            },
                        }
                    };
                    let is_map_key = !any && schema.and_then(|s| s.get("properties")).is_none();
                    let child_normal = if pointer == "/projects" && is_map_key {
                        format!("{normal}/{{project}}")
                    } else {
                        format!("{normal}/{key}")
                    };
                    let child_any =
                        any || child_schema.is_none_or(|c| Self::is_any(self.resolve(c)));
                    self.sites.push(Site {
                        parent: pointer.to_owned(),
                        key: key.clone(),
                        normal: child_normal.clone(),
                        required: required.contains(key),
                        any: child_any,
                    });
                    let child_pointer = format!("{pointer}/{}", escape_segment(key));
                    self.walk(
                        value,
                        if any { None } else { child_schema },
                        &child_pointer,
                        &child_normal,
                    );
                }
            }
            Value::Array(items) => {
                let item_schema = if any {
                    None
                } else {
                    schema.and_then(|s| s.get("items"))
                };
                for (i, item) in items.iter().enumerate() {
                    self.walk(
                        item,
                        item_schema,
                        &format!("{pointer}/{i}"),
                        &format!("{normal}/*"),
                    );
                }
            }
            _ => {}
        }
    }
}

fn allowed_any(normal: &str) -> bool {
    INTENTIONALLY_ANY
        .iter()
        .any(|(pattern, _)| match pattern.strip_suffix("/**") {
            Some(prefix) => normal.starts_with(&format!("{prefix}/")),
            None => normal == *pattern,
        })
}

/// A value of another JSON type; `None` for `null` (nothing sensible to swap it for).
fn wrong_type(value: &Value) -> Option<Value> {
    match value {
        Value::Null => None,
        Value::String(_) => Some(json!(12345)),
        Value::Number(_) => Some(json!("x")),
        Value::Bool(_) => Some(json!("true")),
        Value::Array(_) => Some(json!({})),
        Value::Object(_) => Some(json!([])),
    }
}

/// The object at `pointer` in `row`.
fn object_at<'v>(row: &'v mut Value, pointer: &str) -> &'v mut Map<String, Value> {
    row.pointer_mut(pointer)
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("no object at {pointer}"))
}

fn errors_of(row: &Value) -> Vec<Finding> {
    let (findings, _) = run(
        Config {
            profile: Profile::Strict,
            ..Config::default()
        },
        &ndjson(std::slice::from_ref(row)),
    );
    findings.into_iter().filter(Finding::is_error).collect()
}

/// Whether some error names `key`: its pointer ends in the key, or its message quotes it.
fn names(errors: &[Finding], key: &str) -> bool {
    let tail = format!("/{}", escape_segment(key));
    let quoted = format!("`{key}`");
    errors
        .iter()
        .any(|f| f.pointer.ends_with(&tail) || f.message.contains(&quoted))
}

#[derive(Default)]
struct Tally {
    removals: usize,
    type_changes: usize,
    any_accepted: usize,
    nulls: usize,
}

fn mutate_sample(name: &str, row: &Value, schema: &Value) -> Tally {
    let mut walker = Walker {
        root: schema,
        sites: Vec::new(),
    };
    walker.walk(row, Some(schema), "", "");
    let mut tally = Tally::default();
    let mut failures = Vec::new();
    for site in &walker.sites {
        let pointer = format!("{}/{}", site.parent, escape_segment(&site.key));
        if site.required {
            let mut mutated = row.clone();
            object_at(&mut mutated, &site.parent).remove(&site.key);
            let errors = errors_of(&mutated);
            if !names(&errors, &site.key) {
                failures.push(format!(
                    "removing required {pointer}: no error names `{}`: {errors:#?}",
                    site.key
                ));
            }
            tally.removals += 1;
        }
        let original = &row.pointer(&pointer).unwrap();
        let Some(replacement) = wrong_type(original) else {
            tally.nulls += 1;
            continue;
        };
        let mut mutated = row.clone();
        object_at(&mut mutated, &site.parent).insert(site.key.clone(), replacement);
        let errors = errors_of(&mutated);
        if site.any {
            if !allowed_any(&site.normal) {
                failures.push(format!(
                    "{pointer} ({}) accepts any JSON but is not listed in INTENTIONALLY_ANY",
                    site.normal
                ));
            } else if !errors.is_empty() {
                failures.push(format!(
                    "{pointer} is listed as any JSON but a type change is an error: {errors:#?}"
                ));
            }
            tally.any_accepted += 1;
        } else {
            if !names(&errors, &site.key) {
                failures.push(format!(
                    "retyping {pointer}: no error names `{}`: {errors:#?}",
                    site.key
                ));
            }
            tally.type_changes += 1;
        }
    }
    assert!(
        failures.is_empty(),
        "{name}: {} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    tally
}

#[test]
fn every_key_removed_or_retyped_is_reported() {
    let schema = export_schema(Format::V2, Profile::Strict);
    let mut total = Tally::default();
    for (name, row) in samples() {
        let t = mutate_sample(&name, &row, &schema);
        assert!(
            t.removals + t.type_changes > 100,
            "{name}: only {} removals and {} type changes",
            t.removals,
            t.type_changes
        );
        total.removals += t.removals;
        total.type_changes += t.type_changes;
        total.any_accepted += t.any_accepted;
        total.nulls += t.nulls;
    }
    // The four samples hold a few hundred keys; a walker that silently found nothing would fail
    // here rather than pass vacuously.
    assert!(total.removals > 200, "only {} removals", total.removals);
    assert!(
        total.type_changes > 300,
        "only {} type changes",
        total.type_changes
    );
    // The SEED's sibling 19.1 has metadata values: a string and an enum array with two keys.
    assert_eq!(total.any_accepted, 4, "any-JSON places retyped");
    assert_eq!(total.nulls, 0, "the samples hold no nulls");
}

#[test]
fn the_walker_finds_the_answer_keys_required() {
    // A self-check of the walker: the SEED's two classification answers count as required.
    let schema = export_schema(Format::V2, Profile::Strict);
    let row = crate::support::seed();
    let mut walker = Walker {
        root: &schema,
        sites: Vec::new(),
    };
    walker.walk(&row, Some(&schema), "", "");
    let required_answers: Vec<&str> = walker
        .sites
        .iter()
        .filter(|s| s.required && Answer::KEYS.contains(&s.key.as_str()))
        .map(|s| s.key.as_str())
        .collect();
    assert_eq!(required_answers, ["text_answer", "radio_answer"]);
    let optional: Vec<&str> = walker
        .sites
        .iter()
        .filter(|s| !s.required)
        .map(|s| s.normal.as_str())
        .collect();
    assert!(optional.contains(&"/data_row/global_key"), "{optional:?}");
    assert!(optional.contains(&"/projects/{project}"), "{optional:?}");
}
