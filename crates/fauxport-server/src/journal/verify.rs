//! Verification: counts, gaps and order of the requests a filter selects.

use fauxport_model::protocol::RequestKind;

use super::{Filter, Journal, millis};

/// What a verification expects of the requests a [`Filter`] selects.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Expectation {
    /// The requests to look at.
    pub filter: Filter,
    /// At least this many.
    pub min_count: Option<u64>,
    /// At most this many.
    pub max_count: Option<u64>,
    /// No two consecutive ones (by arrival) closer than this, in milliseconds.
    pub min_gap_ms: Option<f64>,
    /// Request kinds whose first occurrences must come in this order.
    pub order: Vec<RequestKind>,
}

/// The outcome of a verification.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// How many requests matched.
    pub count: u64,
    /// The smallest gap between consecutive matching requests (by arrival), in milliseconds;
    /// `None` with fewer than two.
    pub min_gap_ms: Option<f64>,
    /// What did not hold, one sentence each; empty when the expectation is met.
    pub problems: Vec<String>,
}

impl Verdict {
    /// Whether the expectation is met.
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

impl Journal {
    /// Checks `expected` against the kept entries.
    pub fn verify(&self, expected: &Expectation) -> Verdict {
        let inner = self.lock();
        let mut arrivals: Vec<(u64, u64)> = inner
            .entries
            .iter()
            .filter(|e| expected.filter.matches(e))
            .map(|e| (e.at_us, e.seq))
            .collect();
        let mut first_of_kind: Vec<(RequestKind, Option<u64>)> =
            expected.order.iter().map(|&k| (k, None)).collect();
        // The earliest arrival of each kind (entries are kept in the order requests finished).
        for e in inner.entries.iter().filter(|e| expected.filter.matches(e)) {
            for (kind, first) in &mut first_of_kind {
                if e.kind == *kind && first.is_none_or(|at| e.at_us < at) {
                    *first = Some(e.at_us);
                }
            }
        }
        let evicted = inner.evicted;
        drop(inner);
        arrivals.sort_unstable();
        let count = arrivals.len() as u64;
        let what = expected.filter.describe();
        let mut problems = Vec::new();
        if !self.is_enabled() {
            problems.push(
                "the request journal is disabled (journal capacity 0): nothing was recorded"
                    .to_owned(),
            );
        } else if evicted > 0 {
            problems.push(format!(
                "the journal evicted {evicted} older request(s) since it was last cleared \
                 (capacity {}): counts and gaps cover only the requests it kept; clear it \
                 before the run or raise --journal-capacity",
                self.capacity
            ));
        }
        if let Some(min) = expected.min_count
            && count < min
        {
            problems.push(format!("expected at least {min} {what}, found {count}"));
        }
        if let Some(max) = expected.max_count
            && count > max
        {
            problems.push(format!("expected at most {max} {what}, found {count}"));
        }
        // The smallest gap between consecutive arrivals, and the pair it was between.
        let smallest = arrivals
            .windows(2)
            .map(|w| (w[1].0 - w[0].0, w[0].1, w[1].1))
            .min_by_key(|&(gap, _, _)| gap);
        let min_gap_ms = smallest.map(|(gap, _, _)| millis(gap));
        if let (Some(wanted), Some((gap, a, b))) = (expected.min_gap_ms, smallest)
            && millis(gap) < wanted
        {
            let short = arrivals
                .windows(2)
                .filter(|w| millis(w[1].0 - w[0].0) < wanted)
                .count();
            problems.push(format!(
                "{short} gap(s) between consecutive {what} were shorter than min_gap_ms \
                 {wanted}; the shortest was {:.3} ms, between requests #{a} and #{b}",
                millis(gap)
            ));
        }
        let mut previous: Option<(&str, u64)> = None;
        for (kind, first) in &first_of_kind {
            match first {
                None => problems.push(format!("order: no {kind} request among the {what}")),
                Some(at) => {
                    if let Some((before, before_at)) = previous
                        && *at < before_at
                    {
                        problems.push(format!(
                            "order: the first {kind} request came before the first {before} request"
                        ));
                    }
                    previous = Some((kind.as_str(), *at));
                }
            }
        }
        Verdict {
            count,
            min_gap_ms,
            problems,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::tests::{entry, filter};

    #[test]
    fn verify_checks_counts_and_gaps() {
        let journal = Journal::new(100);
        // Arrivals at 0, 100, 105 and 300 ms; recorded out of arrival order.
        for at in [0, 105, 100, 300] {
            journal.record(entry(at, "k", "Poll"));
        }
        let expect = |min, max, gap| Expectation {
            filter: filter(Some("k"), Some("Poll")),
            min_count: min,
            max_count: max,
            min_gap_ms: gap,
            order: Vec::new(),
        };
        let v = journal.verify(&expect(Some(1), Some(4), Some(5.0)));
        assert!(v.ok(), "{v:?}");
        assert_eq!((v.count, v.min_gap_ms), (4, Some(5.0)));
        let v = journal.verify(&expect(Some(5), None, Some(50.0)));
        assert_eq!(v.problems.len(), 2, "{v:?}");
        assert!(
            v.problems[0].contains("at least 5 Poll request(s)"),
            "{v:?}"
        );
        assert!(
            v.problems[1].contains("1 gap(s)") && v.problems[1].contains("#3 and #2"),
            "{v:?}"
        );
        let v = journal.verify(&expect(None, Some(3), None));
        assert!(v.problems[0].contains("at most 3"), "{v:?}");
        let none = journal.verify(&Expectation {
            filter: filter(Some("other"), None),
            min_gap_ms: Some(1000.0),
            ..Expectation::default()
        });
        assert!(none.ok() && none.count == 0 && none.min_gap_ms.is_none());
    }

    #[test]
    fn verify_is_not_ok_after_evictions() {
        let journal = Journal::new(2);
        for at in 0..3 {
            journal.record(entry(at * 1000, "k", "Poll"));
        }
        let v = journal.verify(&Expectation::default());
        assert!(!v.ok() && v.problems[0].contains("evicted 1"), "{v:?}");
    }
}
