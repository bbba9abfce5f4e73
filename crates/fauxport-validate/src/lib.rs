//! A streaming NDJSON validator for export rows: fauxport's contract as a library, which needs only
//! `fauxport-model` (no server, no async runtime).
//!
//! Each line is parsed once into a [`serde_json::Value`], checked against the JSON Schema that
//! `fauxport-model` generates (compiled once, `date-time` formats included), then — for Export v2
//! rows that passed — deserialised into [`fauxport_model::ExportRow`] and checked against the
//! semantic invariants of spec §20 (see [`invariants`](self#invariants)). Memory does not grow with
//! the input: one line is held at a time, at most [`Config::max_line_bytes`] long (a longer line
//! is skipped unread and reported as a [`Code::LineTooLong`] error, then the next line is
//! checked), and the only file-wide state (the `feature_schema_id` → `(name, value)` map) is
//! bounded by [`Config::max_feature_schemas`].
//!
//! ```no_run
//! use fauxport_validate::{Config, Validator};
//!
//! let mut validator = Validator::new(Config::default())?;
//! let input = std::io::BufReader::new(std::fs::File::open("export.ndjson")?);
//! let summary = validator.validate_reader(input, |finding| println!("{finding}"))?;
//! assert!(summary.is_valid());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Severity
//! In the strict profile every finding is an error except those whose rule rests on weak evidence
//! ([`Code::severity`]: the shared cuid fingerprint of one label's features, and the note that the
//! bounded map is full). In the lenient profile a schema finding that the lenient schema does not
//! also make — an unknown key, an unknown value of an open enum — becomes a warning. A row is
//! valid when it has no error; warnings do not make the input invalid.
//!
//! # Invariants
//! Checked on Export v2 rows only, and only when the schema found no error on the row:
//! - `projects` has exactly one key, a cuid, equal to [`Config::expected_project`] when set;
//! - `details.created_at ≤ details.updated_at`, `label_details.created_at ≤ updated_at`, and
//!   `last_activity_at` is at or after every label and workflow time, compared to the second;
//! - `workflow_history` is newest first with strictly decreasing `created_at`; entry `k`'s
//!   `previous_task_*` equals entry `k+1`'s `next_task_*`; only the oldest entry may lack
//!   `previous_task_*`; the newest entry's `next_task_*` is the current `task_*`;
//! - the data row's and each label's cuid time is at most [`CUID_CLOCK_TOLERANCE_MS`] after
//!   their `created_at`;
//! - the `feature_id`s of one label share a cuid fingerprint (warning);
//! - `IN_REVIEW`, `IN_REWORK` and `DONE` rows have at least one label;
//! - a skipped label (`performance_details.skipped`) has no annotations;
//! - LLM rows (`application/llm.*`, `text/plain`) have no objects and no relationships;
//! - a `feature_schema_id` always has the same `(name, value)` in one input (classifications,
//!   options and objects at any depth).
//!
//! Legacy v1 rows and errors-stream lines are checked against their schema only.

mod feature_walk;
mod features;
mod invariants;
mod report;
mod row_check;
mod schema_check;
mod workflow;

use std::io::{self, BufRead};

use fauxport_lines::{Line, LineReader, TooLong};
use fauxport_model::{ErrorLine, ExportRow, v1::V1Row};
use serde::Deserialize;
use serde_json::Value;

pub use fauxport_lines::DEFAULT_MAX_LINE_BYTES;
pub use fauxport_model::schema::{Format, Profile};
pub use invariants::CUID_CLOCK_TOLERANCE_MS;
pub use report::{Code, Finding, MAX_RENDER, Severity, Summary, escape_segment, render, truncate};

use features::FeatureMap;
use row_check::RowCheck;
use schema_check::SchemaCheck;
pub use schema_check::ValidateError;

/// What to check and how strictly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The row format.
    pub format: Format,
    /// Strict (fauxport's own output) or lenient (real exports that may be newer than fauxport).
    pub profile: Profile,
    /// The project id every row's `projects` key must equal, when known.
    pub expected_project: Option<String>,
    /// Most findings reported for one line; the rest are counted in [`Summary::suppressed`]
    /// (and in the error and warning counts).
    pub max_findings_per_row: usize,
    /// Most distinct `feature_schema_id`s remembered for the `(name, value)` check; ids first
    /// seen after that are not checked (one warning says so).
    pub max_feature_schemas: usize,
    /// The longest line read, in bytes (without its line ending); a longer one is an error
    /// finding on its line, skipped without being kept. Default
    /// [`DEFAULT_MAX_LINE_BYTES`] (64 MiB).
    pub max_line_bytes: u64,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            format: Format::V2,
            profile: Profile::Strict,
            expected_project: None,
            max_findings_per_row: 100,
            max_feature_schemas: 100_000,
            max_line_bytes: DEFAULT_MAX_LINE_BYTES,
        }
    }
}

/// Validates lines one at a time; holds the compiled schema and the file-wide state.
pub struct Validator {
    config: Config,
    schema: SchemaCheck,
    features: FeatureMap,
    summary: Summary,
}

impl std::fmt::Debug for Validator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Validator")
            .field("config", &self.config)
            .field("summary", &self.summary)
            .finish_non_exhaustive()
    }
}

impl Validator {
    /// Compiles the schema for `config`.
    pub fn new(config: Config) -> Result<Validator, ValidateError> {
        let schema = SchemaCheck::new(config.format, config.profile)?;
        let features = FeatureMap::new(config.max_feature_schemas);
        Ok(Validator {
            config,
            schema,
            features,
            summary: Summary::default(),
        })
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The counts so far.
    pub fn summary(&self) -> Summary {
        self.summary
    }

    /// Checks one line (a trailing `\n` or `\r\n` is ignored) and returns its findings. Lines
    /// must be given in order: the `(name, value)` rule remembers earlier lines.
    pub fn check_line(&mut self, line_no: u64, line: &[u8]) -> Vec<Finding> {
        let line = line.strip_suffix(b"\n").unwrap_or(line);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        self.summary.lines += 1;
        let mut out = Vec::new();
        if line.iter().all(u8::is_ascii_whitespace) {
            out.push(
                Finding::new(
                    line_no,
                    "",
                    Code::BlankLine,
                    "blank line: NDJSON allows none",
                )
                .expected("one JSON object"),
            );
        } else {
            self.summary.rows += 1;
            match serde_json::from_slice::<Value>(line) {
                Ok(value) => self.check_value(line_no, &value, &mut out),
                Err(e) => out.push(invalid_json(line_no, line, &e)),
            }
            if !out.iter().any(Finding::is_error) {
                self.summary.valid_rows += 1;
            }
        }
        for finding in &out {
            match finding.severity {
                Severity::Error => self.summary.errors += 1,
                Severity::Warning => self.summary.warnings += 1,
            }
        }
        if out.len() > self.config.max_findings_per_row {
            self.summary.suppressed += (out.len() - self.config.max_findings_per_row) as u64;
            out.truncate(self.config.max_findings_per_row);
        }
        out
    }

    /// Reads `reader` to its end, one line at a time, handing every finding to `sink`. Returns
    /// the counts so far (they include earlier calls on this validator). A missing newline at
    /// the end is fine; a line over [`Config::max_line_bytes`] is one [`Code::LineTooLong`]
    /// error, and reading goes on with the next line.
    pub fn validate_reader<R: BufRead>(
        &mut self,
        reader: R,
        mut sink: impl FnMut(&Finding),
    ) -> io::Result<Summary> {
        let mut line_no = self.summary.lines;
        let mut lines = LineReader::new(reader, self.config.max_line_bytes);
        while let Some(line) = lines.next_line()? {
            line_no += 1;
            let findings = match line {
                Line::Text(text) => self.check_line(line_no, text),
                Line::TooLong(e) => self.too_long(TooLong { line: line_no, ..e }),
            };
            for finding in findings {
                sink(&finding);
            }
        }
        Ok(self.summary)
    }

    /// The one finding of a line over the length limit, counted as a row with an error.
    fn too_long(&mut self, e: TooLong) -> Vec<Finding> {
        self.summary.lines += 1;
        self.summary.rows += 1;
        self.summary.errors += 1;
        vec![
            Finding::new(
                e.line,
                "",
                Code::LineTooLong,
                format!(
                    "line longer than the limit of {} bytes, skipped unread",
                    e.limit
                ),
            )
            .expected(format!("at most {} bytes (--max-line-bytes)", e.limit)),
        ]
    }

    fn check_value(&mut self, line: u64, value: &Value, out: &mut Vec<Finding>) {
        self.schema.check(line, value, out);
        if out.iter().any(Finding::is_error) {
            return;
        }
        let outcome = match self.config.format {
            Format::V2 => ExportRow::deserialize(value).map(|row| {
                let expected_project = self.config.expected_project.as_deref();
                RowCheck {
                    line,
                    expected_project,
                    features: &mut self.features,
                    out: &mut *out,
                }
                .row(&row);
            }),
            Format::V1 => V1Row::deserialize(value).map(drop),
            Format::ErrorLine => ErrorLine::deserialize(value).map(drop),
        };
        if let Err(e) = outcome {
            out.push(
                Finding::new(
                    line,
                    "",
                    Code::Deserialize,
                    "row passes the schema but not the model types",
                )
                .expected("a row the model types accept")
                .found(e.to_string()),
            );
        }
    }
}

fn invalid_json(line_no: u64, line: &[u8], error: &serde_json::Error) -> Finding {
    let text = error.to_string();
    let message = match text.rfind(" at line ") {
        Some(at) => &text[..at],
        None => &text,
    };
    let column = error.column();
    // Show the bytes around the failure.
    let start = column.saturating_sub(20).min(line.len());
    let end = (column + 20).min(line.len());
    let before = if start > 0 { "…" } else { "" };
    let after = if end < line.len() { "…" } else { "" };
    let near = String::from_utf8_lossy(&line[start..end]);
    Finding {
        column: Some(column as u64),
        ..Finding::new(
            line_no,
            "",
            Code::InvalidJson,
            format!("invalid JSON: {message}"),
        )
        .expected("one JSON object")
        .found(format!("{before}{near}{after}"))
    }
}
