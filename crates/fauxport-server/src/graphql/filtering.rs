//! The ORM where clauses of `projects` and `datasets` (`{AND: [{name: $x}, {deleted: false}]}`),
//! evaluated against an object's fields. Keys are `field` or `field_not|_lt|_gt|_lte|_gte`.

use std::cmp::Ordering;

use serde_json::{Map, Value};

use crate::errors::ApiError;

/// Whether `fields` satisfies `clause`. Unknown fields and operators are errors naming them.
pub(crate) fn matches(
    clause: &Value,
    fields: &Map<String, Value>,
    at: &str,
) -> Result<bool, ApiError> {
    let obj = match clause {
        Value::Null => return Ok(true),
        Value::Object(o) => o,
        _ => return Err(ApiError::bad_input(at, "expected an object")),
    };
    for (key, want) in obj {
        let path = format!("{at}.{key}");
        let ok = if key == "AND" {
            let items = want
                .as_array()
                .ok_or_else(|| ApiError::bad_input(&path, "expected a list"))?;
            let mut all = true;
            for (i, item) in items.iter().enumerate() {
                all &= matches(item, fields, &format!("{path}[{i}]"))?;
            }
            all
        } else {
            let (field, op) = split(key);
            if field == "deleted" {
                // Nothing is ever deleted in a fauxport world.
                compare(&Value::Bool(false), op, want)
            } else {
                let have = fields.get(field).ok_or_else(|| {
                    ApiError::bad_input(&path, format!("unknown field `{field}`"))
                })?;
                compare(have, op, want)
            }
        };
        if !ok {
            return Ok(false);
        }
    }
    Ok(true)
}

fn split(key: &str) -> (&str, &str) {
    for op in ["_not", "_lte", "_gte", "_lt", "_gt"] {
        if let Some(field) = key.strip_suffix(op) {
            return (field, op);
        }
    }
    (key, "")
}

fn order(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64()?.partial_cmp(&y.as_f64()?),
        // Date-times compare by instant; other strings lexicographically.
        (Value::String(x), Value::String(y)) => match (
            fauxport_model::time::parse_rfc3339_millis(x),
            fauxport_model::time::parse_rfc3339_millis(y),
        ) {
            (Some(p), Some(q)) => Some(p.cmp(&q)),
            _ => Some(x.cmp(y)),
        },
        (Value::Bool(x), Value::Bool(y)) => Some(x.cmp(y)),
        (Value::Null, Value::Null) => Some(Ordering::Equal),
        _ => None,
    }
}

fn compare(have: &Value, op: &str, want: &Value) -> bool {
    let ord = order(have, want);
    match op {
        "" => ord == Some(Ordering::Equal),
        "_not" => ord != Some(Ordering::Equal),
        "_lt" => ord == Some(Ordering::Less),
        "_gt" => ord == Some(Ordering::Greater),
        "_lte" => matches!(ord, Some(Ordering::Less | Ordering::Equal)),
        "_gte" => matches!(ord, Some(Ordering::Greater | Ordering::Equal)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn evaluates_the_sdk_shapes() {
        let fields =
            json!({"name": "Stub", "dataRowCount": 10, "createdAt": "2024-01-02T03:04:05.000Z"});
        let fields = fields.as_object().cloned().unwrap_or_default();
        for (clause, expect) in [
            (json!({"deleted": false}), true),
            (json!({"AND": [{"name": "Stub"}, {"deleted": false}]}), true),
            (
                json!({"AND": [{"name_not": "Stub"}, {"deleted": false}]}),
                false,
            ),
            (json!({"dataRowCount_gte": 5}), true),
            (json!({"createdAt_gt": "2024-01-02T03:04:04Z"}), true),
            (json!({"createdAt_lt": "2024-01-02T03:04:04Z"}), false),
        ] {
            assert_eq!(
                matches(&clause, &fields, "where").ok(),
                Some(expect),
                "{clause}"
            );
        }
        let err = matches(&json!({"colour": "red"}), &fields, "where")
            .err()
            .map(|e| e.message);
        assert_eq!(err.as_deref(), Some("where.colour: unknown field `colour`"));
    }
}
