//! The server's clock, for a live world (`fauxport serve --live`): the world's time runs from
//! where the world's `[clock]` section starts it, at its speed against real time, and the admin
//! API reads and sets it (`GET`/`PUT /__admin/clock`). An export captures the clock's time when
//! it is created (`ExportSpec::at`), so its pages never change while the clock moves on.

use std::sync::Mutex;
use std::time::Instant;

/// The world's time: an instant it was set to, when, and how fast it runs since.
#[derive(Debug)]
pub struct Clock {
    anchor: Mutex<Anchor>,
}

#[derive(Debug, Clone, Copy)]
struct Anchor {
    /// The world's time when it was set, Unix milliseconds.
    at_ms: i64,
    /// The real instant it was set at.
    since: Instant,
    /// World milliseconds per real millisecond.
    speed: f64,
}

impl Anchor {
    fn now_ms(&self) -> i64 {
        let ran = self.since.elapsed().as_secs_f64() * 1000.0 * self.speed;
        // `as` saturates: a clock run for centuries at a huge speed stops at the end of time.
        self.at_ms.saturating_add(ran as i64)
    }
}

impl Clock {
    /// A clock at `start_ms` now, running at `speed` (above 0) times real time.
    pub fn new(start_ms: i64, speed: f64) -> Clock {
        Clock {
            anchor: Mutex::new(Anchor {
                at_ms: start_ms,
                since: Instant::now(),
                speed,
            }),
        }
    }

    fn anchor(&self) -> std::sync::MutexGuard<'_, Anchor> {
        self.anchor.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The world's time now, Unix milliseconds.
    pub fn now_ms(&self) -> i64 {
        self.anchor().now_ms()
    }

    /// Its speed against real time.
    pub fn speed(&self) -> f64 {
        self.anchor().speed
    }

    /// Sets the time (when given; else it keeps running from where it is) and the speed (when
    /// given; else it keeps its speed). Returns the time and speed now. Any instant is allowed,
    /// earlier ones too: the world at a time is a pure function of it.
    pub fn set(&self, now_ms: Option<i64>, speed: Option<f64>) -> (i64, f64) {
        let mut anchor = self.anchor();
        let at_ms = now_ms.unwrap_or_else(|| anchor.now_ms());
        *anchor = Anchor {
            at_ms,
            since: Instant::now(),
            speed: speed.unwrap_or(anchor.speed),
        };
        (at_ms, anchor.speed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_runs_at_its_speed_from_where_it_is_set() {
        let clock = Clock::new(1_000_000, 1000.0);
        std::thread::sleep(std::time::Duration::from_millis(20));
        let ran = clock.now_ms() - 1_000_000;
        assert!(ran >= 20_000, "20 ms at 1000x is at least 20 s: {ran}");
        assert_eq!(clock.set(Some(5), Some(1e-9)), (5, 1e-9));
        std::thread::sleep(std::time::Duration::from_millis(5));
        assert_eq!(clock.now_ms(), 5, "at 1e-9x the clock barely moves");
        let (at, speed) = clock.set(None, Some(2.0));
        assert_eq!((at, speed), (5, 2.0), "a new speed keeps the time");
        assert_eq!(
            clock.set(Some(-3), None),
            (-3, 2.0),
            "a new time keeps the speed"
        );
        assert_eq!(clock.speed(), 2.0);
    }
}
