//! What the validator reports: findings, their severity and code, and the run summary.

use std::fmt;
use std::io::Write;

use serde::Serialize;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; the row still counts as valid.
    Warning,
    /// The row breaks the contract.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// A stable, machine-readable name for each kind of finding (kebab-case on the wire).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// The line is empty or only whitespace.
    BlankLine,
    /// The line is longer than [`crate::Config::max_line_bytes`]; it was skipped unread.
    LineTooLong,
    /// The line is not one JSON value.
    InvalidJson,
    /// A required key is missing.
    MissingField,
    /// A value has the wrong JSON type.
    WrongType,
    /// A key the contract does not name.
    UnknownField,
    /// A string outside a closed set of values.
    UnknownValue,
    /// A string that does not have the required shape (cuid, UUID, pattern).
    BadPattern,
    /// A string that is not a valid date-time.
    BadTimestamp,
    /// A number out of range or a string or array of the wrong length.
    OutOfRange,
    /// A classification without exactly one answer key.
    AnswerKeys,
    /// Any other schema failure.
    Schema,
    /// The row passed the schema but does not deserialise into the model types.
    Deserialize,
    /// `projects` does not have exactly one key, or the key is wrong.
    ProjectKey,
    /// Two timestamps are in the wrong order.
    TimestampOrder,
    /// `workflow_history` is not newest first.
    WorkflowOrder,
    /// `workflow_history` is not one continuous chain ending in the current task.
    WorkflowChain,
    /// A cuid's embedded time is after the creation time of the thing it names.
    CuidTime,
    /// The features of one label do not share a cuid fingerprint.
    Fingerprint,
    /// `workflow_status` does not agree with the labels.
    WorkflowStatus,
    /// A skipped label carries annotations.
    SkippedWithAnnotations,
    /// An LLM row has objects or relationships.
    LlmObjects,
    /// A `feature_schema_id` maps to two different `(name, value)` pairs in one file.
    FeatureSchemaConflict,
    /// The bounded `feature_schema_id` map is full; later ids are not checked.
    FeatureSchemaMapFull,
}

/// One problem found on one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// 1-based line number.
    pub line: u64,
    /// 1-based column, for JSON syntax errors only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u64>,
    /// JSON pointer (RFC 6901) of the offending place; `""` is the whole row. For a missing key
    /// this is the object that lacks it.
    pub pointer: String,
    /// How bad it is.
    pub severity: Severity,
    /// What kind of problem it is.
    pub code: Code,
    /// A sentence fragment that names the field.
    pub message: String,
    /// What the contract expects, when that can be said briefly.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// What the line holds there, rendered and cut to about 80 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found: Option<String>,
}

impl Finding {
    /// A finding with the default severity of its code (see [`Code::severity`]).
    pub fn new(
        line: u64,
        pointer: impl Into<String>,
        code: Code,
        message: impl Into<String>,
    ) -> Finding {
        Finding {
            line,
            column: None,
            pointer: pointer.into(),
            severity: code.severity(),
            code,
            message: message.into(),
            expected: None,
            found: None,
        }
    }

    /// Sets `expected`.
    pub fn expected(mut self, expected: impl Into<String>) -> Finding {
        self.expected = Some(expected.into());
        self
    }

    /// Sets `found`, cut to [`MAX_RENDER`] characters.
    pub fn found(mut self, found: impl Into<String>) -> Finding {
        self.found = Some(truncate(found.into(), MAX_RENDER));
        self
    }

    /// Sets `found` to a short rendering of a JSON value.
    pub fn found_value<T: Serialize + ?Sized>(mut self, found: &T) -> Finding {
        self.found = Some(render(found));
        self
    }

    /// Whether this finding makes its row invalid.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl Code {
    /// The severity a finding of this code has in the strict profile. Checks that rest on weak
    /// inferences (spec tag `[I]` with little evidence) only warn.
    pub fn severity(self) -> Severity {
        match self {
            Code::Fingerprint | Code::FeatureSchemaMapFull => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// The human form: `line 12: /projects/.../id: message: expected X, found Y`; warnings say so
/// after the line number.
impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}", self.line)?;
        if let Some(column) = self.column {
            write!(f, ", column {column}")?;
        }
        if self.severity == Severity::Warning {
            f.write_str(": warning")?;
        }
        let pointer = if self.pointer.is_empty() {
            "<row>"
        } else {
            &self.pointer
        };
        write!(f, ": {pointer}: {}", self.message)?;
        match (&self.expected, &self.found) {
            (Some(e), Some(v)) => write!(f, ": expected {e}, found {v}"),
            (Some(e), None) => write!(f, ": expected {e}"),
            (None, Some(v)) => write!(f, ": found {v}"),
            (None, None) => Ok(()),
        }
    }
}

/// Counts over a whole input.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Lines read, blank ones included.
    pub lines: u64,
    /// Non-blank lines (rows).
    pub rows: u64,
    /// Rows without error findings.
    pub valid_rows: u64,
    /// Error findings, counted even when not reported.
    pub errors: u64,
    /// Warning findings, counted even when not reported.
    pub warnings: u64,
    /// Findings dropped because one row had more than the per-row limit.
    pub suppressed: u64,
}

impl Summary {
    /// Whether the input is valid: no error findings at all (warnings are allowed).
    pub fn is_valid(&self) -> bool {
        self.errors == 0
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: {} valid, {} invalid; {} errors, {} warnings",
            self.rows,
            if self.rows == 1 { "row" } else { "rows" },
            self.valid_rows,
            self.rows.saturating_sub(self.valid_rows),
            self.errors,
            self.warnings
        )?;
        if self.suppressed > 0 {
            write!(f, " ({} not shown: per-row limit)", self.suppressed)?;
        }
        Ok(())
    }
}

/// How many characters a rendered value may have.
pub const MAX_RENDER: usize = 80;

/// Renders a value as compact JSON, cut to about [`MAX_RENDER`] characters without serialising
/// more than that (a 100 KB string costs no more than a short one).
pub fn render<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Bounded {
        buf: Vec::with_capacity(MAX_RENDER + 8),
        limit: MAX_RENDER * 4,
    };
    // The writer refuses bytes past its limit; the error only means "cut here".
    let _ = serde_json::to_writer(&mut out, value);
    truncate(String::from_utf8_lossy(&out.buf).into_owned(), MAX_RENDER)
}

/// Cuts `s` to `max` characters, marking the cut with `…`.
pub fn truncate(s: String, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s,
        Some((at, _)) => {
            let mut cut = s[..at].to_owned();
            cut.push('…');
            cut
        }
    }
}

/// Escapes one JSON pointer segment (RFC 6901).
pub fn escape_segment(key: &str) -> std::borrow::Cow<'_, str> {
    if key.contains(['~', '/']) {
        key.replace('~', "~0").replace('/', "~1").into()
    } else {
        key.into()
    }
}

struct Bounded {
    buf: Vec<u8>,
    limit: usize,
}

impl Write for Bounded {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let room = self.limit.saturating_sub(self.buf.len());
        if room == 0 {
            return Err(std::io::Error::other("render limit"));
        }
        let n = room.min(bytes.len());
        self.buf.extend_from_slice(&bytes[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_short_and_cuts_long() {
        assert_eq!(render(&serde_json::json!("abc")), "\"abc\"");
        let long = "é".repeat(100_000);
        let r = render(long.as_str());
        assert_eq!(r.chars().count(), MAX_RENDER + 1);
        assert!(r.ends_with('…'));
        assert_eq!(escape_segment("a/b~c"), "a~1b~0c");
    }
}
