//! Scenarios selected by API key (`fauxport:<name>`): the first few built-ins that export tests
//! need. The full catalog, fault layers and admin API come with the scenarios issue.

use std::time::Duration;

/// A built-in scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Scenario {
    /// Everything works.
    #[default]
    Happy,
    /// Every export task ends `FAILED`.
    FailedTask,
    /// Tasks stay `IN_PROGRESS` for 3 s.
    SlowTask,
    /// Export mutations answer `isStreamable: false`: `export_v2` returns a legacy task whose
    /// `result` and `errors` are whole-file URLs.
    LegacyExport,
    /// Export mutations answer `AUTHORIZATION_ERROR`: the key may read but not export.
    NoAccess,
    /// Every GraphQL call answers HTTP 429 "You have exceeded the rate limit" (not retried by
    /// the SDK: it raises `ApiLimitError`).
    RateLimited,
}

impl Scenario {
    /// Every scenario with its name and a one-line description.
    pub const ALL: [(Scenario, &'static str, &'static str); 6] = [
        (Scenario::Happy, "happy", "everything works"),
        (
            Scenario::FailedTask,
            "failed-task",
            "every export task ends FAILED",
        ),
        (
            Scenario::SlowTask,
            "slow-task",
            "export tasks stay IN_PROGRESS for 3 s",
        ),
        (
            Scenario::LegacyExport,
            "legacy-export",
            "export tasks are not streamable: whole-file result URLs",
        ),
        (
            Scenario::NoAccess,
            "no-access",
            "export mutations are refused with AUTHORIZATION_ERROR",
        ),
        (
            Scenario::RateLimited,
            "rate-limited",
            "every GraphQL call answers HTTP 429 (ApiLimitError, not retried)",
        ),
    ];

    /// A scenario by name.
    pub fn from_name(name: &str) -> Option<Scenario> {
        Scenario::ALL
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|(s, _, _)| *s)
    }

    /// Whether export tasks are streamable.
    pub fn streamable_tasks(self) -> bool {
        self != Scenario::LegacyExport
    }

    /// Whether tasks end `FAILED`.
    pub fn fails_tasks(self) -> bool {
        self == Scenario::FailedTask
    }

    /// How long tasks stay `IN_PROGRESS` at least.
    pub fn task_delay(self) -> Duration {
        match self {
            Scenario::SlowTask => Duration::from_secs(3),
            _ => Duration::ZERO,
        }
    }
}
