//! Deciding which calls a scenario hits (pure functions of the seed and the call's position),
//! and the body plan a page fault makes (the shaping itself is in [`super::shaping`]).

use std::time::Duration;

use fauxport_gen::rng::hash_key;

pub use fauxport_model::protocol::CallKind;

use super::shaping::BodyPlan;
use super::{GraphqlFault, PageFault, PageRule, Scenario, StreamName};

/// Whether an event with this key is hit at probability `p`: exact at 0 and 1.
pub fn hits(p: f64, key: &[u64]) -> bool {
    if p >= 1.0 {
        return true;
    }
    if p <= 0.0 {
        return false;
    }
    // 53 uniform bits, as a fraction in [0, 1).
    let unit = (hash_key(key) >> 11) as f64 / (1u64 << 53) as f64;
    unit < p
}

/// Salts that keep GraphQL and page decisions independent.
const GRAPHQL: u64 = 0x0067_7261_7068_6c00;
const PAGES: u64 = 0x0070_6167_6573_0000;

/// What a scenario does to one GraphQL call.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GraphqlDecision {
    /// Delay before answering.
    pub latency: Duration,
    /// The fault to answer with, and the index of its rule.
    pub fault: Option<(usize, GraphqlFault)>,
}

impl Scenario {
    /// The indexes of the GraphQL rules a call of `kind` with `operations` matches.
    pub fn matching_graphql_rules(&self, kind: CallKind, operations: &[String]) -> Vec<usize> {
        self.graphql
            .iter()
            .enumerate()
            .filter(|(_, r)| r.on.is_none_or(|on| on == kind))
            .filter(|(_, r)| {
                r.operation
                    .as_ref()
                    .is_none_or(|op| operations.iter().any(|o| o == op))
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// What happens to a call that is, for each matching rule `(index, n)`, that rule's `n`th
    /// matching call (1-based) from this caller.
    pub fn decide_graphql(&self, seed: u64, positions: &[(usize, u64)]) -> GraphqlDecision {
        let mut decision = GraphqlDecision::default();
        for &(i, n) in positions {
            let Some(rule) = self.graphql.get(i) else {
                continue;
            };
            let selected = rule.nth.is_empty() || rule.nth.contains(&n);
            if !selected || !hits(rule.probability, &[seed, GRAPHQL, i as u64, n]) {
                continue;
            }
            decision.latency += Duration::from_millis(rule.latency_ms);
            if decision.fault.is_none()
                && let Some(f) = rule.fault
            {
                decision.fault = Some((i, f));
            }
        }
        decision
    }

    /// What happens to the `attempt`th download (1-based) of page `page` of `stream`.
    pub fn decide_page(
        &self,
        seed: u64,
        stream: StreamName,
        page: u64,
        attempt: u64,
    ) -> Option<PageDecision> {
        self.decide_body(seed, stream, Some(page), attempt)
    }

    /// What happens to the `attempt`th plain download (1-based) of `stream`: the whole stream
    /// in one body, so every page rule applies whatever pages it names (its stream, attempts
    /// and probability still select).
    pub fn decide_download(
        &self,
        seed: u64,
        stream: StreamName,
        attempt: u64,
    ) -> Option<PageDecision> {
        self.decide_body(seed, stream, None, attempt)
    }

    /// The first page rule that fires for a body: page `page`, or any page for `None`.
    fn decide_body(
        &self,
        seed: u64,
        stream: StreamName,
        page: Option<u64>,
        attempt: u64,
    ) -> Option<PageDecision> {
        self.pages.iter().enumerate().find_map(|(i, rule)| {
            let PageRule {
                stream: s,
                pages,
                attempts,
                probability,
                fault,
            } = rule;
            let selected = s.is_none_or(|s| s == stream)
                && page.is_none_or(|page| pages.is_empty() || pages.contains(&page))
                && (attempts.is_empty() || attempts.contains(&attempt));
            let stream_salt = stream as u64;
            let at = page.unwrap_or(0);
            (selected
                && hits(
                    *probability,
                    &[seed, PAGES, i as u64, stream_salt, at, attempt],
                ))
            .then_some(PageDecision {
                rule: i,
                fault: *fault,
            })
        })
    }
}

/// What a fired page fault does to a download's response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageOutcome {
    /// No body: this status and plain-text message instead.
    Refuse {
        /// The HTTP status.
        status: u16,
        /// The body, storage-style (`AccessDenied: ...`).
        text: String,
    },
    /// The body, shaped by this plan, announcing this `Content-Length` (`None`: chunked).
    Shape(BodyPlan, Option<u64>),
}

/// A page fault that fires, and its rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageDecision {
    /// The index of the rule in `pages`.
    pub rule: usize,
    /// What happens.
    pub fault: PageFault,
}

impl PageDecision {
    /// A short description for the journal: `"pages[0]: truncate at 1234 (lying length)"`.
    pub fn describe(&self, page_len: u64) -> String {
        let what = match self.fault {
            PageFault::Status { status } => format!("status {status}"),
            PageFault::Expired {} => "expired URL (403)".to_owned(),
            PageFault::Truncate {
                at_byte,
                lying_length,
            } => format!(
                "truncate at byte {} ({} Content-Length)",
                cut_point(at_byte, page_len),
                if lying_length { "lying" } else { "honest" }
            ),
            PageFault::Reset { at_byte } => {
                format!("connection reset at byte {}", cut_point(at_byte, page_len))
            }
            PageFault::Stall { at_byte, ms } => {
                format!("stall {ms} ms at byte {}", cut_point(at_byte, page_len))
            }
            PageFault::Throttle { bytes_per_sec } => format!("throttle {bytes_per_sec} B/s"),
            PageFault::Dribble { bytes, every_ms } => {
                format!("dribble {bytes} B every {every_ms} ms")
            }
        };
        format!("pages[{}]: {what}", self.rule)
    }

    /// What this fault does to the `attempt`th download of `what` (`"this page"`, `"this
    /// stream"`) under `scenario`, whose body is `body_len` bytes long (`None`: not known, the
    /// body goes chunked; only a fault that [needs the length](Self::needs_length) must know
    /// it). The one place a page fault is applied: page files and plain downloads both use it.
    pub fn outcome(
        &self,
        body_len: Option<u64>,
        scenario: &str,
        what: &str,
        attempt: u64,
    ) -> PageOutcome {
        match self.fault {
            PageFault::Status { status } => PageOutcome::Refuse {
                status,
                text: format!(
                    "InternalError: fauxport scenario {scenario} (download {attempt} of {what})"
                ),
            },
            PageFault::Expired {} => PageOutcome::Refuse {
                status: 403,
                text: "AccessDenied: Request has expired".to_owned(),
            },
            _ => {
                let (plan, length) = self.body_plan(body_len.unwrap_or(0));
                PageOutcome::Shape(plan, length.filter(|_| body_len.is_some()))
            }
        }
    }

    /// Whether [`PageDecision::outcome`] needs the body's length: a truncation, or a reset or
    /// stall at the default place (half the body).
    pub fn needs_length(&self) -> bool {
        self.fault.needs_length()
    }

    /// How the body of a page of `page_len` bytes is shaped, and the `Content-Length` to
    /// announce (`None`: chunked).
    pub(super) fn body_plan(&self, page_len: u64) -> (BodyPlan, Option<u64>) {
        let mut plan = BodyPlan::default();
        let mut length = Some(page_len);
        match self.fault {
            PageFault::Status { .. } | PageFault::Expired {} => {}
            PageFault::Truncate {
                at_byte,
                lying_length,
            } => {
                let at = cut_point(at_byte, page_len);
                plan.cut = Some((at, lying_length));
                if !lying_length {
                    length = Some(at);
                }
            }
            PageFault::Reset { at_byte } => {
                plan.cut = Some((cut_point(at_byte, page_len), true));
                length = None;
            }
            PageFault::Stall { at_byte, ms } => {
                plan.stall = Some((cut_point(at_byte, page_len), Duration::from_millis(ms)));
            }
            PageFault::Throttle { bytes_per_sec } => {
                // Twenty pieces a second.
                let piece = (bytes_per_sec / 20).max(1);
                let every = Duration::from_secs_f64(piece as f64 / bytes_per_sec as f64);
                plan.pace = Some((piece, every));
            }
            PageFault::Dribble { bytes, every_ms } => {
                plan.pace = Some((bytes, Duration::from_millis(every_ms)));
            }
        }
        (plan, length)
    }
}

impl PageFault {
    /// Whether shaping a body with this fault needs the body's length.
    pub fn needs_length(&self) -> bool {
        matches!(
            self,
            PageFault::Truncate { .. }
                | PageFault::Reset { at_byte: None }
                | PageFault::Stall { at_byte: None, .. }
        )
    }
}

/// Where a body is cut: `at_byte` (default half the page), always leaving at least one byte out.
fn cut_point(at_byte: Option<u64>, page_len: u64) -> u64 {
    at_byte
        .unwrap_or(page_len / 2)
        .min(page_len.saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;

    /// A scenario named `t` with these rules (TOML).
    fn rules(toml: &str) -> Scenario {
        Scenario::from_toml(&format!("name = \"t\"\n{toml}")).expect("parses")
    }

    #[test]
    fn probabilities_are_exact_at_zero_and_one() {
        for n in 0..10_000u64 {
            assert!(hits(1.0, &[n]));
            assert!(!hits(0.0, &[n]));
        }
        let share = (0..10_000u64).filter(|&n| hits(0.3, &[7, n])).count();
        assert!((2_700..3_300).contains(&share), "{share}");
    }

    #[test]
    fn nth_calls_and_seeds_decide_reproducibly() {
        let s = rules(
            r#"
            [[graphql]]
            on = "task"
            nth = [2]
            fault = { kind = "status", status = 503 }
            [[graphql]]
            on = "task"
            probability = 0.5
            latency_ms = 10
            "#,
        );
        let ops: Vec<String> = Vec::new();
        let rules = s.matching_graphql_rules(CallKind::Task, &ops);
        assert_eq!(rules, [0, 1]);
        assert!(s.matching_graphql_rules(CallKind::Other, &ops).is_empty());
        let at = |seed, n| s.decide_graphql(seed, &[(0, n), (1, n)]);
        assert_eq!(at(1, 1).fault, None);
        assert_eq!(at(1, 2).fault.map(|f| f.0), Some(0));
        assert_eq!(at(1, 3).fault, None);
        // The latency rule fires on about half the calls, the same ones for the same seed.
        let fired =
            |seed| -> Vec<bool> { (1..200).map(|n| !at(seed, n).latency.is_zero()).collect() };
        assert_eq!(fired(5), fired(5));
        assert_ne!(fired(5), fired(6));
        let count = fired(5).iter().filter(|&&b| b).count();
        assert!((70..130).contains(&count), "{count}");
    }

    #[test]
    fn page_rules_pick_stream_page_and_attempt() {
        let s = rules(
            r#"
            [[pages]]
            stream = "result"
            pages = [1]
            attempts = [1]
            fault = { kind = "expired" }
            "#,
        );
        assert!(s.decide_page(0, StreamName::Result, 1, 1).is_some());
        assert!(s.decide_page(0, StreamName::Result, 1, 2).is_none());
        assert!(s.decide_page(0, StreamName::Result, 0, 1).is_none());
        assert!(s.decide_page(0, StreamName::Errors, 1, 1).is_none());
    }

    #[test]
    fn outcomes_refuse_or_shape() {
        let outcome =
            |fault, len| PageDecision { rule: 0, fault }.outcome(len, "flaky", "this page", 2);
        assert_eq!(
            outcome(PageFault::Status { status: 503 }, Some(10)),
            PageOutcome::Refuse {
                status: 503,
                text: "InternalError: fauxport scenario flaky (download 2 of this page)".into()
            }
        );
        assert_eq!(
            outcome(PageFault::Expired {}, None),
            PageOutcome::Refuse {
                status: 403,
                text: "AccessDenied: Request has expired".into()
            }
        );
        let truncate = PageFault::Truncate {
            at_byte: Some(4),
            lying_length: false,
        };
        let cut = BodyPlan {
            cut: Some((4, false)),
            ..BodyPlan::default()
        };
        assert_eq!(
            outcome(truncate, Some(10)),
            PageOutcome::Shape(cut, Some(4))
        );
        // A body of unknown length goes chunked.
        let throttle = PageFault::Throttle { bytes_per_sec: 20 };
        assert!(matches!(
            outcome(throttle, None),
            PageOutcome::Shape(_, None)
        ));
    }

    #[test]
    fn plans_announce_the_right_length() {
        let d = |fault| PageDecision { rule: 0, fault };
        let (plan, len) = d(PageFault::Truncate {
            at_byte: None,
            lying_length: false,
        })
        .body_plan(100);
        assert_eq!((plan.cut, len), (Some((50, false)), Some(50)));
        let (plan, len) = d(PageFault::Truncate {
            at_byte: Some(500),
            lying_length: true,
        })
        .body_plan(100);
        assert_eq!((plan.cut, len), (Some((99, true)), Some(100)));
        let (plan, len) = d(PageFault::Reset { at_byte: Some(0) }).body_plan(100);
        assert_eq!((plan.cut, len), (Some((0, true)), None));
    }
}
