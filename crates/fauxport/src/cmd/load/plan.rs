//! What a load run does, read from its flags: durations (`30s`, `2m`), export params
//! (`all`, `none`, `a,b`) and the scenario mix (`happy=8,flaky-pages=1`), which becomes a fixed,
//! interleaved order in which exports take their scenario.

use std::time::Duration;

/// `--duration`: a whole number followed by `ms`, `s`, `m` or `h` (`30s`, `2m`, `500ms`); a bare
/// number is seconds.
pub(super) fn duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let n: u64 = number
        .parse()
        .map_err(|_| format!("expected a duration such as 30s, 2m or 500ms, found {text:?}"))?;
    let d = match unit {
        "ms" => Duration::from_millis(n),
        "" | "s" => Duration::from_secs(n),
        "m" => Duration::from_secs(n.saturating_mul(60)),
        "h" => Duration::from_secs(n.saturating_mul(3600)),
        other => {
            return Err(format!(
                "unknown unit {other:?} in {text:?} (ms, s, m or h)"
            ));
        }
    };
    Ok(d)
}

/// One scenario of the mix and its weight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Weighted {
    /// The scenario's name.
    pub(super) name: String,
    /// Its share of exports, relative to the others'.
    pub(super) weight: u32,
}

/// `--mix`: `name=weight` pairs separated by commas (`happy=8,flaky-pages=1`); a name without
/// `=weight` weighs 1. Names are checked against the server's scenarios later.
pub(super) fn mix(text: &str) -> Result<Vec<Weighted>, String> {
    let mut out: Vec<Weighted> = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (name, weight) = match part.split_once('=') {
            None => (part, 1),
            Some((name, w)) => match w.trim().parse::<u32>() {
                Ok(w) if (1..=1000).contains(&w) => (name.trim(), w),
                _ => {
                    return Err(format!(
                        "{part:?}: the weight must be a number from 1 to 1000"
                    ));
                }
            },
        };
        if name.is_empty() {
            return Err(format!("{part:?}: no scenario name"));
        }
        if out.iter().any(|w| w.name == name) {
            return Err(format!("{name:?} is named twice"));
        }
        out.push(Weighted {
            name: name.to_owned(),
            weight,
        });
    }
    if out.is_empty() {
        return Err("expected name=weight pairs such as happy=8,flaky-pages=1".to_owned());
    }
    Ok(out)
}

/// The order in which exports take their scenario: export `n` runs `order[n % order.len()]`
/// (an index into `mix`). Smooth weighted round-robin, so each scenario's exports are spread
/// evenly and any run of `Σ weights` exports holds each scenario exactly `weight` times.
pub(super) fn order(mix: &[Weighted]) -> Vec<usize> {
    let total: i64 = mix.iter().map(|w| i64::from(w.weight)).sum();
    let mut current = vec![0i64; mix.len()];
    let mut order = Vec::new();
    for _ in 0..total {
        for (c, w) in current.iter_mut().zip(mix) {
            *c += i64::from(w.weight);
        }
        // The first of the largest: ties go to the scenario named first.
        let mut best = 0;
        for (i, c) in current.iter().enumerate() {
            if *c > current[best] {
                best = i;
            }
        }
        current[best] -= total;
        order.push(best);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(duration("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(duration("1h"), Ok(Duration::from_secs(3600)));
        assert_eq!(duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(duration("7"), Ok(Duration::from_secs(7)));
        assert_eq!(duration("0s"), Ok(Duration::ZERO));
        for bad in ["", "s", "1.5s", "3d", "-1s"] {
            assert!(duration(bad).is_err(), "{bad:?}");
        }
    }

    fn names(mix: &[Weighted], order: &[usize]) -> Vec<String> {
        order.iter().map(|&i| mix[i].name.clone()).collect()
    }

    #[test]
    fn mixes_and_their_order() {
        let m = mix("happy=2, failed-task").expect("valid");
        assert_eq!(
            m,
            [
                Weighted {
                    name: "happy".into(),
                    weight: 2
                },
                Weighted {
                    name: "failed-task".into(),
                    weight: 1
                }
            ]
        );
        assert_eq!(names(&m, &order(&m)), ["happy", "failed-task", "happy"]);
        let m = mix("happy=8,flaky-pages=1,slow-task=1").expect("valid");
        let o = order(&m);
        assert_eq!(o.len(), 10);
        assert_eq!(o.iter().filter(|&&i| i == 0).count(), 8);
        assert_ne!(o[..2], [1, 2], "the rare ones are spread out");
        let m = mix("happy=1,failed-task=1").expect("valid");
        assert_eq!(names(&m, &order(&m)), ["happy", "failed-task"]);
        for bad in ["", "happy=0", "happy=x", "=3", "happy,happy=2"] {
            assert!(mix(bad).is_err(), "{bad:?}");
        }
    }
}
