//! Shaping a response body as a page fault's [`BodyPlan`] says: cut it (cleanly or with a dropped
//! connection), stall it once, or pace it (throttle, dribble).

use std::io;
use std::time::Duration;

use axum::body::Bytes;
use futures_util::{Stream, StreamExt};

/// How a body is sent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BodyPlan {
    /// Stop after this many bytes; `true`: with an error (the connection drops), `false`: the
    /// body simply ends.
    pub cut: Option<(u64, bool)>,
    /// Pause this long once this many bytes are sent.
    pub stall: Option<(u64, Duration)>,
    /// Send pieces of at most this many bytes, this far apart.
    pub pace: Option<(u64, Duration)>,
}

/// How long a cut body waits before its connection drops.
const FLUSH_PAUSE: Duration = Duration::from_millis(50);

struct Shaper<S> {
    inner: S,
    buf: Bytes,
    sent: u64,
    plan: BodyPlan,
    stalled: bool,
    done: bool,
    /// When the first paced piece left.
    paced_from: Option<tokio::time::Instant>,
}

/// `inner` shaped by `plan`.
pub fn shape<S>(inner: S, plan: BodyPlan) -> impl Stream<Item = io::Result<Bytes>> + Send
where
    S: Stream<Item = io::Result<Bytes>> + Send + Unpin + 'static,
{
    let state = Shaper {
        inner,
        buf: Bytes::new(),
        sent: 0,
        plan,
        stalled: false,
        done: false,
        paced_from: None,
    };
    futures_util::stream::unfold(state, |mut st| async move {
        loop {
            if st.done {
                return None;
            }
            if let Some((at, abort)) = st.plan.cut
                && st.sent >= at
            {
                st.done = true;
                if !abort {
                    return None;
                }
                // Let the server flush what was sent before the connection drops: an error
                // while bytes are still buffered would lose them (the client would see no
                // response at all instead of a cut one).
                tokio::time::sleep(FLUSH_PAUSE).await;
                let e = io::Error::new(
                    io::ErrorKind::ConnectionReset,
                    "fauxport scenario: the connection drops here",
                );
                return Some((Err(e), st));
            }
            if st.buf.is_empty() {
                match st.inner.next().await {
                    Some(Ok(b)) => st.buf = b,
                    Some(Err(e)) => {
                        st.done = true;
                        return Some((Err(e), st));
                    }
                    None => return None,
                }
                continue;
            }
            let mut n = st.buf.len() as u64;
            if let Some((at, _)) = st.plan.cut {
                n = n.min(at - st.sent);
            }
            if let Some((at, pause)) = st.plan.stall
                && !st.stalled
            {
                if st.sent >= at {
                    tokio::time::sleep(pause).await;
                    st.stalled = true;
                } else {
                    n = n.min(at - st.sent);
                }
            }
            if let Some((piece, every)) = st.plan.pace {
                n = n.min(piece);
                // The byte at offset `sent` leaves at start + sent / rate: a schedule by bytes,
                // so time spent rendering, sleeping late or on short pieces (where the
                // renderer's pieces end) does not add up into a slower rate than asked.
                let start = *st.paced_from.get_or_insert_with(tokio::time::Instant::now);
                let due = start + every.mul_f64(st.sent as f64 / piece as f64);
                tokio::time::sleep_until(due).await;
            }
            let out = st.buf.split_to(n as usize);
            st.sent += n;
            return Some((Ok(out), st));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{PageDecision, PageFault};

    async fn collect(plan: BodyPlan) -> (Vec<u8>, bool) {
        let pieces: Vec<io::Result<Bytes>> = vec![
            Ok(Bytes::from_static(b"0123456789")),
            Ok(Bytes::from_static(b"abcdef")),
        ];
        let mut out = Vec::new();
        let mut failed = false;
        let mut s = Box::pin(shape(futures_util::stream::iter(pieces), plan));
        while let Some(piece) = s.next().await {
            match piece {
                Ok(b) => out.extend_from_slice(&b),
                Err(_) => failed = true,
            }
        }
        (out, failed)
    }

    #[tokio::test]
    async fn bodies_are_cut_paced_and_stalled() {
        let cut = |at, abort| BodyPlan {
            cut: Some((at, abort)),
            ..BodyPlan::default()
        };
        assert_eq!(
            collect(cut(12, false)).await,
            (b"0123456789ab".to_vec(), false)
        );
        assert_eq!(collect(cut(3, true)).await, (b"012".to_vec(), true));
        let all = b"0123456789abcdef".to_vec();
        let paced = BodyPlan {
            pace: Some((3, Duration::from_millis(1))),
            ..BodyPlan::default()
        };
        assert_eq!(collect(paced).await, (all.clone(), false));
        let started = std::time::Instant::now();
        let stalled = BodyPlan {
            stall: Some((5, Duration::from_millis(50))),
            ..BodyPlan::default()
        };
        assert_eq!(collect(stalled).await, (all, false));
        assert!(started.elapsed() >= Duration::from_millis(50));
    }

    #[tokio::test]
    async fn a_throttled_body_takes_at_least_its_size_over_the_rate() {
        let decision = PageDecision {
            rule: 0,
            fault: PageFault::Throttle {
                bytes_per_sec: 200_000,
            },
        };
        let (plan, _) = decision.body_plan(40_000);
        let body = vec![Ok(Bytes::from(vec![b'x'; 40_000]))];
        let started = std::time::Instant::now();
        let mut s = Box::pin(shape(futures_util::stream::iter(body), plan));
        let mut got = 0;
        while let Some(piece) = s.next().await {
            got += piece.expect("no error").len();
        }
        assert_eq!(got, 40_000);
        // 4 pieces of 10,000 B (a twentieth of the rate), 50 ms apart: the last leaves 150 ms
        // after the first.
        assert!(
            started.elapsed() >= Duration::from_millis(150),
            "{:?}",
            started.elapsed()
        );
    }
}
