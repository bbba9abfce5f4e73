//! The report of a load run: one JSON object for machines (`--json`, fields documented in the
//! README), a compact table for people, and the verdict that becomes the exit code.

use std::collections::BTreeMap;
use std::fmt::Write;

use fauxport_client::RequestKind;
use serde_json::{Value, json};

use super::driver::Outcome;
use super::stats::ScenarioStats;

/// What the run was, besides what it measured.
#[derive(Debug)]
pub(super) struct Context {
    /// `paged` (the export protocol) or `plain` (the plain download).
    pub(super) mode: &'static str,
    /// Virtual clients.
    pub(super) clients: u32,
    /// The server: `in-process` or the endpoint.
    pub(super) server: String,
    /// The project exported.
    pub(super) project: String,
    /// Why rows were not checked against the truth; `None` when they were.
    pub(super) verification_off: Option<String>,
    /// Peak RSS of the process, when the server ran in it (and the OS tells).
    pub(super) peak_rss_mb: Option<f64>,
}

/// How a run ended, for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Verdict {
    /// Every finished export verified (or verification was off), none failed unexpectedly.
    Ok,
    /// Some export lost, duplicated or altered rows.
    RowsWrong,
    /// Some export failed under a scenario a correct client completes.
    UnexpectedFailures,
}

impl Verdict {
    /// The verdict's name in the report.
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Verdict::Ok => "ok",
            Verdict::RowsWrong => "rows-wrong",
            Verdict::UnexpectedFailures => "unexpected-failures",
        }
    }
}

/// Every scenario's exports together.
pub(super) fn total(outcome: &Outcome) -> ScenarioStats {
    let mut total = ScenarioStats::default();
    for s in outcome.scenarios.values() {
        total.merge(s);
    }
    total
}

/// The verdict: wrong rows first, then unexpected failures.
pub(super) fn verdict(outcome: &Outcome) -> Verdict {
    let t = total(outcome);
    if t.rows_lost + t.rows_duplicated + t.rows_altered > 0 {
        Verdict::RowsWrong
    } else if t.unexpected_failures > 0 {
        Verdict::UnexpectedFailures
    } else {
        Verdict::Ok
    }
}

/// Bytes of page and download bodies received.
fn bytes(outcome: &Outcome) -> u64 {
    outcome.bytes
}

fn rate(n: f64, secs: f64) -> f64 {
    if secs > 0.0 { round(n / secs, 2) } else { 0.0 }
}

fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

/// `(kind, count, [p50, p90, p99, max] in ms)` for each kind called, in the order of an export.
fn latency(outcome: &Outcome) -> Vec<(RequestKind, u64, [f64; 4])> {
    let ms = |us: u64| round(us as f64 / 1000.0, 3);
    RequestKind::ALL
        .iter()
        .filter_map(|kind| {
            let h = outcome.calls.latency.get(kind)?;
            let q = |q: f64| ms(h.value_at_quantile(q));
            Some((*kind, h.len(), [q(0.50), q(0.90), q(0.99), ms(h.max())]))
        })
        .collect()
}

/// The latencies as JSON: `{kind: {count, p50, p90, p99, max}}`.
fn latency_json(outcome: &Outcome) -> serde_json::Map<String, Value> {
    latency(outcome)
        .into_iter()
        .map(|(kind, count, [p50, p90, p99, max])| {
            (
                kind.as_str().to_owned(),
                json!({"count": count, "p50": p50, "p90": p90, "p99": p99, "max": max}),
            )
        })
        .collect()
}

fn exports(s: &ScenarioStats) -> Value {
    json!({
        "started": s.started,
        "finished": s.finished,
        "verified": s.verified,
        "failed": s.failed_total(),
        "unexpected_failures": s.unexpected_failures,
        "by_error_kind": s.failed,
    })
}

/// The whole report as one JSON object.
pub(super) fn json(outcome: &Outcome, cx: &Context) -> Value {
    let t = total(outcome);
    let secs = outcome.elapsed.as_secs_f64();
    let bytes = bytes(outcome);
    let scenarios: BTreeMap<&str, Value> = outcome
        .scenarios
        .iter()
        .map(|(name, s)| {
            (
                name.as_str(),
                json!({
                    "exports": exports(s),
                    "rows": s.rows,
                    "verification": {"checked": s.checked, "rows_lost": s.rows_lost,
                        "rows_duplicated": s.rows_duplicated, "rows_altered": s.rows_altered},
                }),
            )
        })
        .collect();
    let call_errors: BTreeMap<&str, &BTreeMap<String, u64>> = outcome
        .calls
        .errors
        .iter()
        .map(|(k, e)| (k.as_str(), e))
        .collect();
    json!({
        "verdict": verdict(outcome).as_str(),
        "mode": cx.mode,
        "server": cx.server,
        "project": cx.project,
        "clients": cx.clients,
        "exports": exports(&t),
        "rows": t.rows,
        "bytes": bytes,
        "duration_secs": round(secs, 3),
        "exports_per_sec": rate(t.finished as f64, secs),
        "rows_per_sec": rate(t.rows as f64, secs),
        "mb_per_sec": rate(bytes as f64 / 1e6, secs),
        "latency_ms": latency_json(outcome),
        "call_errors": call_errors,
        "verification": {
            "enabled": cx.verification_off.is_none(),
            "off_because": cx.verification_off,
            "checked": t.checked,
            "rows_lost": t.rows_lost,
            "rows_duplicated": t.rows_duplicated,
            "rows_altered": t.rows_altered,
        },
        "server_peak_rss_mb": cx.peak_rss_mb.map(|mb| round(mb, 1)),
        "scenarios": scenarios,
    })
}

/// The report as a compact table.
pub(super) fn table(outcome: &Outcome, cx: &Context) -> String {
    let t = total(outcome);
    let secs = outcome.elapsed.as_secs_f64();
    let bytes = bytes(outcome);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "fauxport load: {} clients, {} flow, {} server, project {}, {:.1} s",
        cx.clients, cx.mode, cx.server, cx.project, secs
    );
    let _ = writeln!(
        out,
        "exports  {} started, {} finished, {} verified, {} failed ({} unexpectedly)   {:.2}/s",
        t.started,
        t.finished,
        t.verified,
        t.failed_total(),
        t.unexpected_failures,
        rate(t.finished as f64, secs)
    );
    let _ = writeln!(
        out,
        "rows     {} ({:.0}/s)   bytes {:.1} MB ({:.2} MB/s)",
        t.rows,
        rate(t.rows as f64, secs),
        bytes as f64 / 1e6,
        rate(bytes as f64 / 1e6, secs)
    );
    let _ = match &cx.verification_off {
        None => writeln!(
            out,
            "truth    {} exports checked: {} rows lost, {} duplicated, {} altered",
            t.checked, t.rows_lost, t.rows_duplicated, t.rows_altered
        ),
        Some(why) => writeln!(out, "truth    verification OFF: {why}"),
    };
    let rss = cx
        .peak_rss_mb
        .map_or("n/a".to_owned(), |mb| format!("{mb:.1} MB"));
    let _ = writeln!(out, "peak RSS {rss}");
    let _ = writeln!(
        out,
        "\n{:<14}{:>8}{:>10}{:>10}{:>10}{:>10}  failed attempts",
        "call (ms)", "count", "p50", "p90", "p99", "max"
    );
    for (kind, count, [p50, p90, p99, max]) in latency(outcome) {
        let errors = outcome
            .calls
            .errors
            .get(&kind)
            .map(|e| {
                e.iter()
                    .map(|(k, n)| format!("{k} ×{n}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{:<14}{count:>8}{p50:>10.1}{p90:>10.1}{p99:>10.1}{max:>10.1}  {errors}",
            kind.as_str()
        );
    }
    let _ = writeln!(
        out,
        "\n{:<18}{:>8}{:>9}{:>9}{:>8}  failures by kind",
        "scenario", "started", "finished", "verified", "failed"
    );
    for (name, s) in &outcome.scenarios {
        let kinds: Vec<String> = s.failed.iter().map(|(k, n)| format!("{k} ×{n}")).collect();
        let _ = writeln!(
            out,
            "{name:<18}{:>8}{:>9}{:>9}{:>8}  {}",
            s.started,
            s.finished,
            s.verified,
            s.failed_total(),
            kinds.join(", ")
        );
    }
    let _ = write!(out, "\nverdict: {}", verdict(outcome).as_str());
    out
}

/// The process's peak resident set (`VmHWM` in `/proc/self/status`), in MB; `None` where the
/// OS does not say.
pub(super) fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line
        .trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb * 1024.0 / 1e6)
}
