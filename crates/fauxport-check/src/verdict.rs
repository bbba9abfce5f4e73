//! One scenario's verdict: what the client did ([`ScenarioReport`]) and what was wrong with it
//! ([`Problem`]), judged against the scenario's expectation.

use fauxport_server::export::TaskStatus;
use fauxport_server::scenario::Expect;
use serde::Serialize;

use crate::calls::{self, Calls};
use crate::client::Run;
use crate::compare::{ErrorsComparison, RowsComparison};

/// One finding: a stable code and a sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    /// A stable code (`rows-missing`, `errors-ignored`, `fault-swallowed`, ...).
    pub code: &'static str,
    /// What happened, for people.
    pub message: String,
}

/// The outcome of one scenario.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioReport {
    /// The scenario.
    pub scenario: String,
    /// Its description.
    pub description: String,
    /// What a correct client does.
    pub expect: Expect,
    /// Whether the client behaved correctly.
    pub passed: bool,
    /// `completed`, `surfaced` (failed visibly) or `silent-partial`.
    pub outcome: &'static str,
    /// What was wrong (empty when passed).
    pub problems: Vec<Problem>,
    /// The client's run.
    pub run: Run,
    /// The API key it was given.
    pub api_key: String,
    /// The status of the task it created last (`None`: it created none).
    pub task_status: Option<String>,
    /// Its rows against the export.
    pub rows: RowsComparison,
    /// A digest of the rows it wrote, in order.
    pub rows_digest: String,
    /// Its error lines against the export's.
    pub errors: ErrorsComparison,
    /// Its requests.
    pub calls: Calls,
}

/// Fills in the outcome, the problems and the verdict.
pub(crate) fn judge(r: &mut ScenarioReport, wrote_rows: bool) {
    let mut problems = Vec::new();
    let surfaced = !r.run.succeeded();
    let rows = &r.rows;
    if r.run.timed_out {
        problems.push(Problem {
            code: "timed-out",
            message: format!(
                "the client was still running after {:.0} s and was killed",
                r.run.seconds
            ),
        });
    }
    let task_ok = r.task_status.as_deref() == Some(TaskStatus::Complete.as_str());
    if !surfaced {
        // It claims success: what it wrote must be the export.
        if !task_ok {
            let what = match r.task_status.as_deref() {
                Some(status) => format!("the export task ended {status}"),
                None if r.calls.rate_limited_calls > 0 => {
                    "every call was answered HTTP 429 and no export task was created".to_owned()
                }
                None => "no export task was created".to_owned(),
            };
            problems.push(Problem {
                code: "fault-swallowed",
                message: format!(
                    "{what}, yet the client exited 0{}: it should have failed visibly",
                    if rows.received > 0 {
                        format!(" with {} rows", rows.received)
                    } else {
                        " as if the export were empty".to_owned()
                    }
                ),
            });
        } else {
            if !wrote_rows && rows.expected > 0 {
                problems.push(Problem {
                    code: "no-output",
                    message: "the client exited 0 but wrote no FAUXPORT_ROWS_OUT file".to_owned(),
                });
            }
            rows_problems(rows, &mut problems);
            let e = &r.errors;
            if e.expected > 0 && !e.read {
                problems.push(Problem {
                    code: "errors-ignored",
                    message: format!(
                        "errors stream ignored: the export has {} error line(s) and the client wrote no FAUXPORT_ERRORS_OUT file",
                        e.expected
                    ),
                });
            } else if e.missing > 0 || e.extra > 0 {
                problems.push(Problem {
                    code: "errors-wrong",
                    message: format!(
                        "error lines: {} of {} missing, {} extra (duplicated or altered)",
                        e.missing, e.expected, e.extra
                    ),
                });
            }
        }
    } else if r.expect == Expect::Complete {
        problems.push(Problem {
            code: "gave-up",
            message: format!(
                "the client failed ({}) under a scenario a correct client completes{}",
                r.run.describe(),
                fault_note(&r.calls)
            ),
        });
    }
    if !surfaced && r.expect == Expect::Surface && task_ok {
        problems.push(Problem {
            code: "fault-swallowed",
            message: format!(
                "the scenario's faults ({}) should have been surfaced, yet the client exited 0",
                r.calls.faults.first().map_or("none seen", String::as_str)
            ),
        });
    }
    let c = &r.calls;
    if c.retries_without_backoff >= calls::RETRY_HAMMER {
        problems.push(Problem {
            code: "no-backoff",
            message: format!(
                "no back-off: {} retries came less than {} ms after a retryable error",
                c.retries_without_backoff,
                calls::RETRY_GAP_MS
            ),
        });
    }
    if c.fast_polls >= calls::POLL_HAMMER {
        problems.push(Problem {
            code: "fast-polling",
            message: format!(
                "polled the task {} times less than {} ms after the previous poll",
                c.fast_polls,
                calls::POLL_GAP_MS
            ),
        });
    }
    if c.rate_limited_calls >= calls::RATE_LIMIT_HAMMER {
        problems.push(Problem {
            code: "ignored-rate-limit",
            message: format!(
                "kept calling after HTTP 429: {} calls were answered 429",
                c.rate_limited_calls
            ),
        });
    }
    r.outcome = if surfaced {
        "surfaced"
    } else if rows.exact() && task_ok {
        "completed"
    } else {
        "silent-partial"
    };
    r.passed = problems.is_empty();
    r.problems = problems;
}

fn rows_problems(rows: &RowsComparison, problems: &mut Vec<Problem>) {
    if rows.missing > 0 {
        problems.push(Problem {
            code: "rows-missing",
            message: format!(
                "rows missing: {} of {} (first: {})",
                rows.missing,
                rows.expected,
                rows.missing_examples.join(", ")
            ),
        });
    }
    if rows.duplicated > 0 {
        problems.push(Problem {
            code: "rows-duplicated",
            message: format!(
                "rows duplicated: {} extra copies (first: {})",
                rows.duplicated,
                rows.duplicated_examples.join(", ")
            ),
        });
    }
    if rows.altered > 0 {
        let first = rows.altered_examples.first().map_or(String::new(), |a| {
            let diffs: Vec<String> = a
                .diffs
                .iter()
                .map(|d| format!("{}: expected {} got {}", d.pointer, d.expected, d.got))
                .collect();
            format!(" (first: line {}, {}: {})", a.line, a.id, diffs.join("; "))
        });
        problems.push(Problem {
            code: "rows-altered",
            message: format!("rows altered: {}{first}", rows.altered),
        });
    }
    if rows.unknown > 0 {
        problems.push(Problem {
            code: "rows-unknown",
            message: format!(
                "lines that are not rows of the export: {} (first: {})",
                rows.unknown,
                rows.unknown_examples.join(", ")
            ),
        });
    }
}

fn fault_note(calls: &Calls) -> String {
    match calls.faults.first() {
        Some(f) => format!("; first fault: {f}"),
        None => String::new(),
    }
}
