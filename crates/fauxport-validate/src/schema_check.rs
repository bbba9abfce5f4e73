//! The JSON Schema half of the validator: compiles the model's schema once and turns the
//! `jsonschema` crate's errors into [`Finding`]s that name the field.
//!
//! Two rules shape the translation:
//! - an `anyOf` whose only other branch is `null` (how schemars writes an `Option`) is looked
//!   through, so a wrong `details` object reports what is wrong inside it, not "matches no branch";
//! - the classification `oneOf` (exactly one answer key) is reported from the instance: which
//!   answer keys are there and which are allowed.
//!
//! In the lenient profile the lenient schema is compiled too; a strict finding that the lenient
//! schema does not also report (an unknown key, an unknown value of an open enum) is downgraded to
//! a warning.

use std::collections::HashSet;

use fauxport_model::Answer;
use fauxport_model::ids::{CUID_PATTERN, UUID_PATTERN};
use fauxport_model::schema::{Format, Profile, export_schema};
use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{JsonType, ValidationError};
use serde_json::Value;

use super::report::{Code, Finding, Severity, escape_segment, render};

/// Why a [`Validator`](crate::Validator) could not be built.
#[derive(Debug, thiserror::Error)]
pub enum ValidateError {
    /// The model's generated schema did not compile (a bug in `fauxport-model`).
    #[error("the {format:?} {profile:?} JSON Schema does not compile: {message}")]
    Schema {
        /// The format whose schema failed.
        format: Format,
        /// The profile whose schema failed.
        profile: Profile,
        /// The compiler's message.
        message: String,
    },
}

/// The compiled schemas of one format.
pub(crate) struct SchemaCheck {
    strict: jsonschema::Validator,
    lenient: Option<jsonschema::Validator>,
}

impl SchemaCheck {
    /// Compiles the strict schema of `format`, and the lenient one when `profile` asks for it.
    pub(crate) fn new(format: Format, profile: Profile) -> Result<SchemaCheck, ValidateError> {
        let strict = compile(format, Profile::Strict)?;
        let lenient = match profile {
            Profile::Strict => None,
            Profile::Lenient => Some(compile(format, Profile::Lenient)?),
        };
        Ok(SchemaCheck { strict, lenient })
    }

    /// Appends the schema findings of one row to `out`.
    pub(crate) fn check(&self, line: u64, value: &Value, out: &mut Vec<Finding>) {
        if self.strict.is_valid(value) {
            return;
        }
        let mut found = Vec::new();
        for error in self.strict.iter_errors(value) {
            explain(line, &error, &mut found);
        }
        if let Some(lenient) = &self.lenient {
            let mut still: HashSet<(String, String)> = HashSet::new();
            if !lenient.is_valid(value) {
                let mut lenient_found = Vec::new();
                for error in lenient.iter_errors(value) {
                    explain(line, &error, &mut lenient_found);
                }
                still.extend(lenient_found.into_iter().map(|f| (f.pointer, f.message)));
            }
            for finding in &mut found {
                if !still.contains(&(finding.pointer.clone(), finding.message.clone())) {
                    finding.severity = Severity::Warning;
                }
            }
        }
        for finding in found {
            let duplicate = out
                .iter()
                .any(|f| f.pointer == finding.pointer && f.message == finding.message);
            if !duplicate {
                out.push(finding);
            }
        }
    }
}

fn compile(format: Format, profile: Profile) -> Result<jsonschema::Validator, ValidateError> {
    let schema = export_schema(format, profile);
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&schema)
        .map_err(|e| ValidateError::Schema {
            format,
            profile,
            message: e.to_string(),
        })
}

/// Turns one `jsonschema` error into findings (several for `additionalProperties`, none or
/// several for a looked-through `anyOf`).
fn explain(line: u64, error: &ValidationError<'_>, out: &mut Vec<Finding>) {
    let path = error.instance_path().as_str();
    let instance: &Value = error.instance();
    let field = field_name(path);
    let at = |code: Code, message: String| Finding::new(line, path, code, message);
    let finding = match error.kind() {
        ValidationErrorKind::Required { property } => {
            let key = property
                .as_str()
                .map_or_else(|| render(property), str::to_owned);
            at(
                Code::MissingField,
                format!("missing required field `{key}`"),
            )
            .expected(format!("an object with `{key}`"))
            .found("no such key")
        }
        ValidationErrorKind::Type { kind } => {
            let mut finding = at(Code::WrongType, format!("`{field}` has the wrong type"))
                .expected(type_names(kind));
            // The rendering is already short; the type name is added after it, uncut.
            finding.found = Some(format!("{} ({})", render(instance), type_of(instance)));
            finding
        }
        ValidationErrorKind::Pattern { pattern } => {
            let (message, expected) = if pattern == CUID_PATTERN {
                (
                    format!("`{field}` is not a cuid"),
                    format!("a 25-char cuid matching {pattern}"),
                )
            } else if pattern == UUID_PATTERN {
                (
                    format!("`{field}` is not a UUID-shaped id"),
                    format!("8-4-4-4-12 lower-case hex matching {pattern}"),
                )
            } else {
                (
                    format!("`{field}` does not match its pattern"),
                    format!("a string matching {pattern}"),
                )
            };
            at(Code::BadPattern, message)
                .expected(expected)
                .found_value(instance)
        }
        ValidationErrorKind::Format { format } if format == "date-time" => at(
            Code::BadTimestamp,
            format!("`{field}` is not an RFC 3339 date-time"),
        )
        .expected("a date-time such as 2024-04-10T15:21:31.000+00:00")
        .found_value(instance),
        ValidationErrorKind::Format { format } => at(
            Code::BadPattern,
            format!("`{field}` is not a valid {format}"),
        )
        .expected(format!("a {format}"))
        .found_value(instance),
        ValidationErrorKind::Enum { options } => at(
            Code::UnknownValue,
            format!("`{field}` has an unknown value"),
        )
        .expected(one_of(options))
        .found_value(instance),
        ValidationErrorKind::Constant { expected_value } => {
            at(Code::UnknownValue, format!("`{field}` has the wrong value"))
                .expected(render(expected_value.as_ref()))
                .found_value(instance)
        }
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            for key in unexpected {
                let value = instance.get(key.as_str()).unwrap_or(&Value::Null);
                out.push(
                    Finding::new(
                        line,
                        format!("{path}/{}", escape_segment(key)),
                        Code::UnknownField,
                        format!("unknown field `{key}`"),
                    )
                    .expected("only the fields the contract names")
                    .found_value(value),
                );
            }
            return;
        }
        ValidationErrorKind::Minimum { limit } => {
            range(at, &field, instance, format!("at least {limit}"))
        }
        ValidationErrorKind::ExclusiveMinimum { limit } => {
            range(at, &field, instance, format!("more than {limit}"))
        }
        ValidationErrorKind::Maximum { limit } => {
            range(at, &field, instance, format!("at most {limit}"))
        }
        ValidationErrorKind::ExclusiveMaximum { limit } => {
            range(at, &field, instance, format!("less than {limit}"))
        }
        ValidationErrorKind::MaxLength { limit } => {
            length(at, &field, instance, format!("at most {limit} characters"))
        }
        ValidationErrorKind::MinLength { limit } => {
            length(at, &field, instance, format!("at least {limit} characters"))
        }
        ValidationErrorKind::MaxItems { limit } => {
            length(at, &field, instance, format!("at most {limit} items"))
        }
        ValidationErrorKind::MinItems { limit } => {
            length(at, &field, instance, format!("at least {limit} items"))
        }
        ValidationErrorKind::OneOfNotValid { context } => {
            if let Some(finding) = answer_keys(line, path, instance) {
                finding
            } else {
                return look_through(line, error, &field, context, out);
            }
        }
        ValidationErrorKind::AnyOf { context } => {
            return look_through(line, error, &field, context, out);
        }
        ValidationErrorKind::OneOfMultipleValid { .. } => at(
            Code::Schema,
            format!("`{field}` matches more than one allowed shape"),
        )
        .expected("exactly one")
        .found_value(instance),
        other => at(
            Code::Schema,
            format!("`{field}` fails the schema keyword `{}`", other.keyword()),
        )
        .found_value(instance),
    };
    out.push(finding);
}

/// An `anyOf` or `oneOf` with no matching branch: drops the branches that only failed because
/// the value is not `null`; if one branch is left, its errors are the explanation.
fn look_through(
    line: u64,
    error: &ValidationError<'_>,
    field: &str,
    context: &[Vec<ValidationError<'static>>],
    out: &mut Vec<Finding>,
) {
    let path = error.instance_path().as_str();
    let branches: Vec<&Vec<ValidationError<'static>>> = context
        .iter()
        .filter(|branch| !only_not_null(branch, path))
        .collect();
    if let [branch] = branches.as_slice() {
        for inner in branch.iter() {
            explain(line, inner, out);
        }
        return;
    }
    out.push(
        Finding::new(
            line,
            path,
            Code::Schema,
            format!("`{field}` matches none of the allowed shapes"),
        )
        .found_value(error.instance().as_ref()),
    );
}

fn only_not_null(branch: &[ValidationError<'static>], path: &str) -> bool {
    matches!(branch, [e] if e.instance_path().as_str() == path
        && matches!(e.kind(), ValidationErrorKind::Type { kind: TypeKind::Single(JsonType::Null) }))
}

/// The classification rule "exactly one answer key", said from the instance.
fn answer_keys(line: u64, path: &str, instance: &Value) -> Option<Finding> {
    let object = instance.as_object()?;
    let present: Vec<&str> = Answer::KEYS
        .iter()
        .copied()
        .filter(|k| object.contains_key(*k))
        .collect();
    let all = Answer::KEYS.map(|k| format!("`{k}`")).join(", ");
    let finding = match present.as_slice() {
        [] => Finding::new(
            line,
            path,
            Code::AnswerKeys,
            format!("missing answer: a classification needs exactly one of {all}"),
        )
        .found("none of them"),
        [_] => return None,
        many => Finding::new(
            line,
            path,
            Code::AnswerKeys,
            format!(
                "too many answers: a classification has exactly one answer key, this one has {}",
                many.iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
        )
        .found(format!("{} answer keys", many.len())),
    };
    Some(finding.expected("exactly one answer key"))
}

fn range(
    at: impl Fn(Code, String) -> Finding,
    field: &str,
    instance: &Value,
    expected: String,
) -> Finding {
    at(Code::OutOfRange, format!("`{field}` is out of range"))
        .expected(expected)
        .found_value(instance)
}

fn length(
    at: impl Fn(Code, String) -> Finding,
    field: &str,
    instance: &Value,
    expected: String,
) -> Finding {
    let size = match instance {
        Value::String(s) => format!("{} characters", s.chars().count()),
        Value::Array(a) => format!("{} items", a.len()),
        other => render(other),
    };
    at(Code::OutOfRange, format!("`{field}` has the wrong length"))
        .expected(expected)
        .found(size)
}

/// The name a message uses for the place a pointer designates: its last key, `parent[3]` for an
/// array item, `row` for the root.
pub(crate) fn field_name(pointer: &str) -> String {
    let mut segments = pointer.rsplit('/');
    let last = segments.next().unwrap_or_default();
    if pointer.is_empty() {
        return "row".to_owned();
    }
    let unescape = |s: &str| s.replace("~1", "/").replace("~0", "~");
    if !last.is_empty()
        && last.bytes().all(|b| b.is_ascii_digit())
        && let Some(parent) = segments.next().filter(|p| !p.is_empty())
    {
        return format!("{}[{last}]", unescape(parent));
    }
    unescape(last)
}

fn type_names(kind: &TypeKind) -> String {
    match kind {
        TypeKind::Single(t) => t.as_str().to_owned(),
        TypeKind::Multiple(set) => set
            .iter()
            .map(JsonType::as_str)
            .collect::<Vec<_>>()
            .join(" or "),
    }
}

fn type_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn one_of(options: &Value) -> String {
    match options.as_array() {
        Some(items) => {
            let names: Vec<String> = items
                .iter()
                .map(|v| v.as_str().map_or_else(|| render(v), str::to_owned))
                .collect();
            format!("one of {}", names.join(", "))
        }
        None => render(options),
    }
}

#[cfg(test)]
mod tests {
    use super::field_name;

    #[test]
    fn names_fields() {
        for (pointer, name) in [
            ("", "row"),
            ("/data_row/id", "id"),
            ("/projects/clx/labels/0", "labels[0]"),
            ("/projects/a~1b", "a/b"),
            ("/0", "0"),
        ] {
            assert_eq!(field_name(pointer), name, "{pointer}");
        }
    }
}
