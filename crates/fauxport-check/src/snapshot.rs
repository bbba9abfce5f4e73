//! Snapshots of a client's behaviour, one insta-format file per scenario: what it delivered,
//! what it raised, the calls it made. A change in behaviour shows up in review as a diff.
//!
//! Everything in a snapshot is stable from run to run for a deterministic client: ports, URLs,
//! signatures and task ids are masked, timings left out, and task polls (which depend on the
//! clock) bucketed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use fauxport_model::protocol::{CallKind, RequestKind};

use super::ScenarioReport;

/// What comparing with the stored snapshot found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Same as stored.
    Unchanged,
    /// No snapshot was stored: written.
    Written,
    /// Different, and `--accept` replaced it.
    Accepted,
    /// Different: the new one is written beside it as `.snap.new`; the diff lines.
    Changed(Vec<String>),
}

/// The snapshot text of a scenario's report.
pub fn render(r: &ScenarioReport) -> String {
    let mut body = String::new();
    let _ = writeln!(body, "scenario: {}", r.scenario);
    let _ = writeln!(body, "expect: {}", r.expect.as_str());
    let _ = writeln!(body, "verdict: {}", if r.passed { "pass" } else { "fail" });
    let _ = writeln!(body, "outcome: {}", r.outcome);
    let _ = writeln!(
        body,
        "exit: {}",
        match (r.run.timed_out, r.run.exit_code) {
            (true, _) => "timed out".to_owned(),
            (false, Some(c)) => c.to_string(),
            (false, None) => "signal".to_owned(),
        }
    );
    let exception = r
        .run
        .exception_parts()
        .map(|(kind, message)| format!("{kind}: {}", mask(message, &r.calls.tasks)));
    let _ = writeln!(body, "exception: {}", exception.as_deref().unwrap_or("~"));
    let _ = writeln!(body, "task: {}", r.task_status.as_deref().unwrap_or("~"));
    let _ = writeln!(body, "rows: {}/{}", r.rows.received, r.rows.expected);
    let _ = writeln!(body, "rows_digest: {}", r.rows_digest);
    let _ = writeln!(
        body,
        "errors: {}",
        if r.errors.read {
            format!("{}/{}", r.errors.received, r.errors.expected)
        } else {
            format!("not read/{}", r.errors.expected)
        }
    );
    let _ = writeln!(body, "calls:");
    for (kind, n) in &r.calls.by_kind {
        let n = if *kind == RequestKind::Call(CallKind::Task) {
            bucket(*n)
        } else {
            n.to_string()
        };
        let _ = writeln!(body, "  {kind}: {n}");
    }
    let _ = writeln!(body, "faults:");
    for f in &r.calls.faults {
        let _ = writeln!(body, "  - {f}");
    }
    let _ = writeln!(body, "problems:");
    for p in &r.problems {
        let _ = writeln!(body, "  - {}", p.code);
    }
    format!(
        "---\nsource: fauxport check\nexpression: client behaviour under scenario {}\n---\n{body}",
        r.scenario
    )
}

/// Polls depend on the clock: "1", "2-5", "6-20", "21+".
fn bucket(n: u64) -> String {
    match n {
        0 | 1 => n.to_string(),
        2..=5 => "2-5".to_owned(),
        6..=20 => "6-20".to_owned(),
        _ => "21+".to_owned(),
    }
}

/// `text` without what changes from run to run: ports, URL query strings, task ids.
fn mask(text: &str, tasks: &[String]) -> String {
    let mut out = text.to_owned();
    for t in tasks {
        out = out.replace(t.as_str(), "<task>");
    }
    // http://127.0.0.1:PORT and everything after a '?' in a URL.
    let mut masked = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(i) = rest.find("127.0.0.1:") {
        masked.push_str(&rest[..i]);
        masked.push_str("127.0.0.1:<port>");
        rest = rest[i + "127.0.0.1:".len()..].trim_start_matches(|c: char| c.is_ascii_digit());
    }
    masked.push_str(rest);
    let mut clean = String::with_capacity(masked.len());
    let mut in_query = false;
    for c in masked.chars() {
        if c == '?' {
            in_query = true;
            clean.push_str("?<query>");
            continue;
        }
        if in_query {
            if c.is_whitespace() || c == '\'' || c == '"' || c == ')' {
                in_query = false;
            } else {
                continue;
            }
        }
        clean.push(c);
    }
    clean.chars().take(300).collect()
}

/// The snapshot file of `scenario` in `dir`.
pub fn path(dir: &Path, scenario: &str) -> PathBuf {
    dir.join(format!("check__{scenario}.snap"))
}

/// Compares `r` with its stored snapshot in `dir`, writing as [`Outcome`] says.
pub fn compare(dir: &Path, r: &ScenarioReport, accept: bool) -> std::io::Result<Outcome> {
    std::fs::create_dir_all(dir)?;
    let file = path(dir, &r.scenario);
    let new_file = file.with_extension("snap.new");
    let text = render(r);
    let Ok(stored) = std::fs::read_to_string(&file) else {
        std::fs::write(&file, &text)?;
        return Ok(Outcome::Written);
    };
    if stored == text {
        let _ = std::fs::remove_file(&new_file);
        return Ok(Outcome::Unchanged);
    }
    if accept {
        std::fs::write(&file, &text)?;
        let _ = std::fs::remove_file(&new_file);
        return Ok(Outcome::Accepted);
    }
    std::fs::write(&new_file, &text)?;
    Ok(Outcome::Changed(line_diff(&stored, &text)))
}

/// The lines that differ, as `- old` / `+ new`, in order.
fn line_diff(old: &str, new: &str) -> Vec<String> {
    let old: Vec<&str> = old.lines().collect();
    let new: Vec<&str> = new.lines().collect();
    let mut out = Vec::new();
    for l in &old {
        if !new.contains(l) {
            out.push(format!("- {l}"));
        }
    }
    for l in &new {
        if !old.contains(l) {
            out.push(format!("+ {l}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_ports_queries_and_tasks() {
        let text = "403 Client Error: Forbidden for url: http://127.0.0.1:41234/files/cltask/RESULT/1?expires=1&sig=ab (x)";
        assert_eq!(
            mask(text, &["cltask".to_owned()]),
            "403 Client Error: Forbidden for url: http://127.0.0.1:<port>/files/<task>/RESULT/1?<query> (x)"
        );
    }

    #[test]
    fn diffs_show_changed_lines() {
        assert_eq!(line_diff("a\nb\nc", "a\nB\nc"), ["- b", "+ B"]);
    }
}
