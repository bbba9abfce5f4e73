//! The retry policy: exponential back-off with full jitter and an overall deadline, as the SDK's
//! `google.api_core.retry.Retry` defaults (protocol spec §8.3), with jitter drawn from a seeded
//! generator so a run can be replayed exactly.

use std::time::{Duration, Instant};

use crate::error::ClientError;

/// How failed attempts are retried.
///
/// After the `n`-th failed attempt (from 1) the client sleeps a duration drawn uniformly from
/// `[0, min(initial × 2ⁿ⁻¹, max_delay)]`, unless `max_attempts` attempts have been made or the
/// sleep would end past `deadline` (counted from the first attempt); then it gives up with
/// [`ClientError::RetriesExhausted`].
///
/// Every call (one GraphQL request, one page) draws its jitter from `seed` mixed with the call's
/// number on its client, so the same failures on the same calls give the same sleeps, while
/// different calls do not sleep in step. Clients that run side by side should use different
/// seeds, or their retries fall into step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Most attempts per call, the first included; `1` disables retries.
    pub max_attempts: u32,
    /// The first back-off ceiling.
    pub initial: Duration,
    /// The largest back-off ceiling (the ceiling doubles after each failure up to this).
    pub max_delay: Duration,
    /// No sleep may end later than this after the first attempt.
    pub deadline: Duration,
    /// Seeds the jitter.
    pub seed: u64,
}

impl Default for RetryPolicy {
    /// The SDK's policy: 1 s initial, ×2, at most 60 s, 120 s deadline, no cap on attempts.
    fn default() -> RetryPolicy {
        RetryPolicy {
            max_attempts: u32::MAX,
            initial: Duration::from_secs(1),
            max_delay: Duration::from_secs(60),
            deadline: Duration::from_secs(120),
            seed: 0x5eed_fa55_0f0b_ea75,
        }
    }
}

impl RetryPolicy {
    /// One attempt, never retried.
    pub fn none() -> RetryPolicy {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// The ceiling of the sleep after failed attempt `n` (from 1).
    pub fn ceiling(&self, n: u32) -> Duration {
        2u32.checked_pow(n.saturating_sub(1))
            .and_then(|factor| self.initial.checked_mul(factor))
            .map_or(self.max_delay, |d| d.min(self.max_delay))
    }
}

/// The retry state of one call.
#[derive(Debug)]
pub(crate) struct Backoff {
    policy: RetryPolicy,
    started: Instant,
    failures: u32,
    rng: XorShift,
}

impl Backoff {
    /// A fresh state for the `call`th call of a client; the deadline counts from now.
    pub(crate) fn new(policy: &RetryPolicy, call: u64) -> Backoff {
        Backoff {
            policy: policy.clone(),
            started: Instant::now(),
            failures: 0,
            rng: XorShift::new(splitmix(policy.seed ^ splitmix(call))),
        }
    }

    /// Records a failed attempt and sleeps before the next one, or gives up with
    /// [`ClientError::RetriesExhausted`] carrying `error`.
    pub(crate) async fn retry(&mut self, error: ClientError) -> Result<(), ClientError> {
        let delay = self.next_delay(self.started.elapsed());
        match delay {
            Some(delay) => {
                tokio::time::sleep(delay).await;
                Ok(())
            }
            None => Err(ClientError::RetriesExhausted {
                attempts: self.failures,
                last: Box::new(error),
            }),
        }
    }

    /// The sleep after one more failure, `elapsed` after the first attempt, or `None` to give up.
    fn next_delay(&mut self, elapsed: Duration) -> Option<Duration> {
        self.failures = self.failures.saturating_add(1);
        if self.failures >= self.policy.max_attempts {
            return None;
        }
        let delay = self
            .policy
            .ceiling(self.failures)
            .mul_f64(self.rng.next_unit());
        (elapsed + delay <= self.policy.deadline).then_some(delay)
    }
}

/// SplitMix64's finaliser: spreads nearby seeds (call numbers) over the whole range.
fn splitmix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// xorshift64*: a tiny, fixed generator, so jitter never changes with a dependency.
#[derive(Debug, Clone)]
struct XorShift(u64);

impl XorShift {
    fn new(seed: u64) -> XorShift {
        // Zero is xorshift's one fixed point.
        XorShift(if seed == 0 {
            0x9e37_79b9_7f4a_7c15
        } else {
            seed
        })
    }

    fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform in `[0, 1]`.
    fn next_unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / ((1u64 << 53) - 1) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> RetryPolicy {
        RetryPolicy {
            max_attempts: 100,
            ..RetryPolicy::default()
        }
    }

    /// The sleeps one call would take, with no time passing between attempts.
    fn delays(policy: &RetryPolicy, failures: usize) -> Vec<Option<Duration>> {
        let mut backoff = Backoff::new(policy, 0);
        let mut elapsed = Duration::ZERO;
        (0..failures)
            .map(|_| {
                let d = backoff.next_delay(elapsed);
                elapsed += d.unwrap_or_default();
                d
            })
            .collect()
    }

    #[test]
    fn ceilings_double_from_initial_up_to_max_delay() {
        let p = RetryPolicy::default();
        let secs: Vec<u64> = (1..=9).map(|n| p.ceiling(n).as_secs()).collect();
        assert_eq!(secs, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
        assert_eq!(p.ceiling(u32::MAX), Duration::from_secs(60));
    }

    #[test]
    fn sleeps_are_jittered_within_the_ceiling_and_replayable() {
        let p = policy();
        let a = delays(&p, 6);
        assert_eq!(a, delays(&p, 6), "the same seed gives the same sleeps");
        for (n, d) in a.iter().enumerate() {
            let d = d.expect("within the deadline");
            assert!(d <= p.ceiling(n as u32 + 1), "sleep {n}: {d:?}");
        }
        let other = RetryPolicy { seed: 7, ..p };
        assert_ne!(a, delays(&other, 6), "another seed, other sleeps");
    }

    #[test]
    fn gives_up_at_max_attempts() {
        let p = RetryPolicy {
            max_attempts: 3,
            ..policy()
        };
        let d = delays(&p, 3);
        assert!(d[0].is_some() && d[1].is_some());
        assert_eq!(d[2], None, "the third failure is the last attempt");
        assert_eq!(delays(&RetryPolicy::none(), 1), [None]);
    }

    #[test]
    fn gives_up_when_a_sleep_would_end_past_the_deadline() {
        let p = policy();
        let mut backoff = Backoff::new(&p, 0);
        assert_eq!(
            backoff.next_delay(p.deadline + Duration::from_millis(1)),
            None
        );
        // The SDK's own run: a permanent 502 ended after 8 attempts in 89 s; ours ends within
        // the deadline too.
        let total: Duration = delays(&p, 100).into_iter().map_while(|d| d).sum();
        assert!(total <= p.deadline);
    }
}
