//! Scenarios: what goes wrong, as data. A scenario is a declarative value (a TOML file, a JSON
//! body on the admin API, or one of the built-ins in `scenarios/*.toml`) listing faults:
//! GraphQL latency and errors on chosen calls, slow, failed or canceled tasks, page-download
//! faults (status, expired URL, truncation with and without a lying `Content-Length`, reset,
//! stall, throttle, dribble) and content changes (errors-stream share, hostile text, huge rows,
//! empty or large exports).
//!
//! Faults are seeded: whether a rule fires on a call is a pure function of the scenario, its
//! seed, the rule and the call's position (the Nth matching call of that caller, or the Nth
//! download of that page), so the same scenario and seed reproduce the same faults on the same
//! calls. Probabilities are exact at 0 (never) and 1 (always).
//!
//! A request selects its scenario by API key (`fauxport:<name>[:<seed>]`), by the header
//! `x-fauxport-scenario: <name>[:<seed>]`, or falls back to the default set through the admin
//! API or `fauxport serve --scenario` ([`registry::Scenarios::resolve`]).

mod caller;
pub mod catalog;
pub mod faults;
pub mod registry;
pub mod shaping;

pub use faults::{CallKind, GraphqlDecision, PageDecision, PageOutcome};
pub use registry::{Active, Scenarios};
pub use shaping::BodyPlan;

use fauxport_gen::world::{MAX_ERROR_MESSAGE_BYTES, MAX_ERROR_MESSAGES};
use serde::{Deserialize, Serialize};

/// One scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Its name: lowercase letters, digits and `-`.
    pub name: String,
    /// One line saying what happens.
    #[serde(default)]
    pub description: String,
    /// What a correct client does under it.
    #[serde(default)]
    pub expect: Expect,
    /// Whether `fauxport check` runs it by default.
    #[serde(default = "yes")]
    pub in_check: bool,
    /// How export tasks behave.
    #[serde(default, deserialize_with = "fauxport_model::json_input::object")]
    pub task: TaskBehaviour,
    /// Faults on GraphQL calls; every rule that fires adds its latency, the first with a fault
    /// decides the response.
    #[serde(default, deserialize_with = "fauxport_model::json_input::objects")]
    pub graphql: Vec<GraphqlRule>,
    /// Faults on page downloads; the first rule that fires decides.
    #[serde(default, deserialize_with = "fauxport_model::json_input::objects")]
    pub pages: Vec<PageRule>,
    /// Changes to what is exported.
    #[serde(default, deserialize_with = "fauxport_model::json_input::object")]
    pub content: Content,
}

/// What a correct client does under a scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Expect {
    /// It delivers every row (and error line) exactly once and exits 0.
    #[default]
    Complete,
    /// It fails visibly: non-zero exit (and, ideally, the exception it raised).
    Surface,
    /// Either of the above; never a silent partial export.
    CompleteOrSurface,
}

impl Expect {
    /// The kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Expect::Complete => "complete",
            Expect::Surface => "surface",
            Expect::CompleteOrSurface => "complete-or-surface",
        }
    }
}

/// How export tasks end and how long they take.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskBehaviour {
    /// The final status.
    #[serde(default)]
    pub end: TaskEnd,
    /// How long a task stays `IN_PROGRESS`, at least, in milliseconds.
    #[serde(default)]
    pub in_progress_ms: u64,
    /// `false`: export mutations answer `isStreamable: false` (legacy whole-file results).
    #[serde(default = "yes")]
    pub streamable: bool,
}

impl Default for TaskBehaviour {
    fn default() -> Self {
        TaskBehaviour {
            end: TaskEnd::Complete,
            in_progress_ms: 0,
            streamable: true,
        }
    }
}

/// The final status of a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TaskEnd {
    /// `COMPLETE`.
    #[default]
    Complete,
    /// `FAILED`.
    Failed,
    /// `CANCELED`.
    Canceled,
}

/// A fault on GraphQL calls.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GraphqlRule {
    /// Which calls: by what they do (any when absent).
    #[serde(default)]
    pub on: Option<CallKind>,
    /// Which calls: by operation name, e.g. `GetProjectPyApi` (any when absent).
    #[serde(default)]
    pub operation: Option<String>,
    /// Only the Nth matching calls of a caller (1-based); every call when empty.
    #[serde(default)]
    pub nth: Vec<u64>,
    /// The chance that a selected call is hit; 1 always, 0 never.
    #[serde(default = "one")]
    pub probability: f64,
    /// Added delay before answering, in milliseconds.
    #[serde(default)]
    pub latency_ms: u64,
    /// The answer instead of the real one; `None`: latency only.
    #[serde(default)]
    pub fault: Option<GraphqlFault>,
}

/// What a faulted GraphQL call answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum GraphqlFault {
    /// An HTTP status (500-599 are retried by the SDK) with a plain-text body.
    Status {
        /// The status.
        status: u16,
    },
    /// HTTP 200 with `INTERNAL_SERVER_ERROR` and `exception.status` 503: retried by the SDK.
    Overloaded {},
    /// HTTP 200 with `INTERNAL_SERVER_ERROR` and `exception.status` 429: the retryable rate
    /// limit shape (spec §8.4).
    RetryableRateLimit {},
    /// HTTP 429 with `{"message": "You have exceeded the rate limit..."}`: `ApiLimitError`, not
    /// retried.
    RateLimit {},
    /// `AUTHORIZATION_ERROR`: the key may not do this.
    Forbidden {},
}

/// A fault on page downloads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageRule {
    /// Which stream; both when absent.
    #[serde(default)]
    pub stream: Option<StreamName>,
    /// Which pages (0-based, in stream order); every page when empty.
    #[serde(default)]
    pub pages: Vec<u64>,
    /// Which downloads of a page (1-based); every download when empty. `[1]` hits only the
    /// first download, so a client that fetches the page again recovers.
    #[serde(default)]
    pub attempts: Vec<u64>,
    /// The chance that a selected download is hit; 1 always, 0 never.
    #[serde(default = "one")]
    pub probability: f64,
    /// What happens.
    pub fault: PageFault,
}

/// A stream, as scenarios name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StreamName {
    /// The rows.
    Result,
    /// The error lines.
    Errors,
}

impl From<fauxport_gen::Stream> for StreamName {
    fn from(stream: fauxport_gen::Stream) -> StreamName {
        match stream {
            fauxport_gen::Stream::Result => StreamName::Result,
            fauxport_gen::Stream::Errors => StreamName::Errors,
        }
    }
}

/// What a faulted page download does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum PageFault {
    /// An HTTP status with a plain-text body, like storage would send.
    Status {
        /// The status.
        status: u16,
    },
    /// 403 `AccessDenied: Request has expired`, as an expired pre-signed URL.
    Expired {},
    /// The body stops at `at_byte` (default: half the page). With `lying_length` the
    /// `Content-Length` still announces the whole page and the connection closes early;
    /// without, the `Content-Length` matches the short body.
    Truncate {
        /// Where the body stops.
        #[serde(default)]
        at_byte: Option<u64>,
        /// Whether `Content-Length` announces the whole page.
        #[serde(default)]
        lying_length: bool,
    },
    /// A chunked body whose connection drops after `at_byte` (default: half the page).
    Reset {
        /// Where the connection drops.
        #[serde(default)]
        at_byte: Option<u64>,
    },
    /// The body pauses for `ms` milliseconds after `at_byte` (default: half the page).
    Stall {
        /// Where the body pauses.
        #[serde(default)]
        at_byte: Option<u64>,
        /// For how long.
        ms: u64,
    },
    /// The body is sent at `bytes_per_sec` at most.
    Throttle {
        /// The bandwidth.
        bytes_per_sec: u64,
    },
    /// The body comes `bytes` at a time, one piece every `every_ms` milliseconds.
    Dribble {
        /// Piece size.
        bytes: u64,
        /// Pause between pieces.
        every_ms: u64,
    },
}

/// Changes to what is exported (applied to the server's world; ignored for replayed files,
/// except `empty`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Content {
    /// Share of rows on the errors stream instead of the result stream, in every project.
    #[serde(default)]
    pub error_rate: Option<f64>,
    /// The messages of error lines, one picked per failed row (the inferred ones when absent).
    #[serde(default)]
    pub error_messages: Option<Vec<String>>,
    /// Share of rows with hostile but valid text (the generator's edge cases).
    #[serde(default)]
    pub edge_case_rate: Option<f64>,
    /// Share of rows whose text is huge.
    #[serde(default)]
    pub huge_row_rate: Option<f64>,
    /// Size of a huge row's text, in bytes.
    #[serde(default)]
    pub huge_row_bytes: Option<u64>,
    /// Rows per project.
    #[serde(default)]
    pub rows: Option<u64>,
    /// Every export is empty (no rows, no error lines; the header is `null`).
    #[serde(default)]
    pub empty: bool,
}

impl Content {
    /// Whether the world is used as it is.
    pub fn is_unchanged(&self) -> bool {
        *self == Content::default()
    }
}

fn yes() -> bool {
    true
}

fn one() -> f64 {
    1.0
}

/// Why a scenario is not valid: the field and the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ScenarioError(pub String);

/// A parse error as `<path>: <problem>` (just the problem when it concerns the whole scenario).
fn path_error<E: std::fmt::Display>(e: serde_path_to_error::Error<E>) -> ScenarioError {
    match e.path().to_string() {
        p if p == "." => ScenarioError(e.inner().to_string()),
        p => ScenarioError(format!("{p}: {}", e.inner())),
    }
}

/// The largest delay any one fault may add, so a typo cannot hang a client for a day.
pub const MAX_DELAY_MS: u64 = 600_000;

impl Scenario {
    /// Parses a TOML scenario and checks it. Errors start with the field's path
    /// (`graphql[0].latency_ms: ...`).
    pub fn from_toml(text: &str) -> Result<Scenario, ScenarioError> {
        let de = toml::Deserializer::parse(text).map_err(|e| ScenarioError(e.to_string()))?;
        let s: Scenario = serde_path_to_error::deserialize(de).map_err(path_error)?;
        s.check()?;
        Ok(s)
    }

    /// Parses a JSON scenario and checks it. Errors start with the field's path.
    pub fn from_json(value: serde_json::Value) -> Result<Scenario, ScenarioError> {
        let s: Scenario = serde_path_to_error::deserialize(value).map_err(path_error)?;
        s.check()?;
        Ok(s)
    }

    /// Checks every value, naming the field of the first bad one.
    pub fn check(&self) -> Result<(), ScenarioError> {
        let bad =
            |field: String, problem: String| Err(ScenarioError(format!("{field}: {problem}")));
        if !valid_name(&self.name) {
            return bad(
                "name".into(),
                format!(
                    "{:?} must be 1-64 characters of a-z, 0-9 and '-'",
                    self.name
                ),
            );
        }
        if self.task.in_progress_ms > MAX_DELAY_MS {
            return bad(
                "task.in_progress_ms".into(),
                format!(
                    "{} is over the limit of {MAX_DELAY_MS}",
                    self.task.in_progress_ms
                ),
            );
        }
        for (i, r) in self.graphql.iter().enumerate() {
            let at = |f: &str| format!("graphql[{i}].{f}");
            check_probability(&at("probability"), r.probability)?;
            check_positions(&at("nth"), &r.nth)?;
            if r.latency_ms > MAX_DELAY_MS {
                return bad(
                    at("latency_ms"),
                    format!("{} is over the limit of {MAX_DELAY_MS}", r.latency_ms),
                );
            }
            if let Some(GraphqlFault::Status { status }) = r.fault
                && !(400..=599).contains(&status)
            {
                return bad(
                    at("fault.status"),
                    format!("{status} is not an error status (400-599)"),
                );
            }
            if r.fault.is_none() && r.latency_ms == 0 {
                return bad(
                    at("fault"),
                    "the rule has neither a fault nor latency_ms".into(),
                );
            }
        }
        for (i, r) in self.pages.iter().enumerate() {
            let at = |f: &str| format!("pages[{i}].{f}");
            check_probability(&at("probability"), r.probability)?;
            check_positions(&at("attempts"), &r.attempts)?;
            match r.fault {
                PageFault::Status { status } if !(400..=599).contains(&status) => {
                    return bad(
                        at("fault.status"),
                        format!("{status} is not an error status (400-599)"),
                    );
                }
                PageFault::Stall { ms, .. } if ms > MAX_DELAY_MS => {
                    return bad(
                        at("fault.ms"),
                        format!("{ms} is over the limit of {MAX_DELAY_MS}"),
                    );
                }
                PageFault::Throttle { bytes_per_sec: 0 } => {
                    return bad(at("fault.bytes_per_sec"), "must be at least 1".into());
                }
                PageFault::Dribble { bytes, every_ms } if bytes == 0 || every_ms > MAX_DELAY_MS => {
                    return bad(
                        at("fault"),
                        format!("dribble needs bytes >= 1 and every_ms <= {MAX_DELAY_MS}"),
                    );
                }
                _ => {}
            }
        }
        let c = &self.content;
        for (name, rate) in [
            ("content.error_rate", c.error_rate),
            ("content.edge_case_rate", c.edge_case_rate),
            ("content.huge_row_rate", c.huge_row_rate),
        ] {
            if let Some(rate) = rate {
                check_probability(name, rate)?;
            }
        }
        // The generator's own limits, checked here to name the field when the scenario is read.
        if let Some(messages) = &c.error_messages {
            if messages.len() > MAX_ERROR_MESSAGES {
                return bad(
                    "content.error_messages".into(),
                    format!(
                        "{} messages is over the limit of {MAX_ERROR_MESSAGES}",
                        messages.len()
                    ),
                );
            }
            if let Some(i) = messages
                .iter()
                .position(|m| m.is_empty() || m.len() > MAX_ERROR_MESSAGE_BYTES)
            {
                return bad(
                    format!("content.error_messages[{i}]"),
                    format!("a message must be 1 to {MAX_ERROR_MESSAGE_BYTES} bytes"),
                );
            }
        }
        // A served world's limits (the same the server holds its own world to).
        crate::limits::check_served_sizes("content.", c.rows, c.huge_row_bytes)
            .map_err(ScenarioError)?;
        Ok(())
    }

    /// The scenario as JSON (what the admin API sends).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

fn check_probability(field: &str, p: f64) -> Result<(), ScenarioError> {
    if (0.0..=1.0).contains(&p) {
        Ok(())
    } else {
        Err(ScenarioError(format!(
            "{field}: must be between 0 and 1, found {p}"
        )))
    }
}

fn check_positions(field: &str, positions: &[u64]) -> Result<(), ScenarioError> {
    match positions.iter().find(|&&n| n == 0) {
        Some(_) => Err(ScenarioError(format!(
            "{field}: positions count from 1, found 0"
        ))),
        None => Ok(()),
    }
}

/// Whether `name` can name a scenario.
pub fn valid_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests;
