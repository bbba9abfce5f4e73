//! The check's outputs: a table for the terminal, JUnit XML and JSON for CI.

use std::fmt::Write as _;

use super::{CheckReport, ScenarioReport};

/// One line per scenario, then the problems of the failed ones.
pub fn table(report: &CheckReport) -> String {
    let width = report
        .scenarios
        .iter()
        .map(|s| s.scenario.len())
        .max()
        .unwrap_or(8)
        .max(8);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<width$}  {:<19}  {:<6}  {:<14}  {:>11}  {:>6}  {:>6}  {:>6}",
        "SCENARIO", "EXPECT", "RESULT", "CLIENT", "ROWS", "ERRORS", "CALLS", "FAULTS"
    );
    for s in &report.scenarios {
        let _ = writeln!(out, "{}", row(s, width));
    }
    let failed: Vec<&ScenarioReport> = report.scenarios.iter().filter(|s| !s.passed).collect();
    for s in &failed {
        let _ = writeln!(out, "\n{} FAILED ({}):", s.scenario, s.run.describe());
        for p in &s.problems {
            let _ = writeln!(out, "  - [{}] {}", p.code, p.message);
        }
        if !s.run.stderr_tail.is_empty() {
            let _ = writeln!(out, "  client stderr (last lines):");
            for line in s.run.stderr_tail.lines() {
                let _ = writeln!(out, "    | {line}");
            }
        }
    }
    let _ = writeln!(
        out,
        "\n{} of {} scenarios passed",
        report.scenarios.len() - failed.len(),
        report.scenarios.len()
    );
    out
}

fn row(s: &ScenarioReport, width: usize) -> String {
    let result = if s.passed { "pass" } else { "FAIL" };
    let client = s.outcome;
    let rows = format!("{}/{}", s.rows.received, s.rows.expected);
    let errors = if s.errors.read {
        format!("{}/{}", s.errors.received, s.errors.expected)
    } else if s.errors.expected > 0 {
        format!("-/{}", s.errors.expected)
    } else {
        "-".to_owned()
    };
    let calls: u64 = s.calls.by_kind.values().sum();
    format!(
        "{:<width$}  {:<19}  {:<6}  {:<14}  {:>11}  {:>6}  {:>6}  {:>6}",
        s.scenario,
        s.expect.as_str(),
        result,
        client,
        rows,
        errors,
        calls,
        s.calls.faults.len()
    )
}

/// The report as JUnit XML: one test case per scenario.
pub fn junit(report: &CheckReport) -> String {
    let failures = report.scenarios.iter().filter(|s| !s.passed).count();
    let seconds: f64 = report.scenarios.iter().map(|s| s.run.seconds).sum();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"fauxport check\" tests=\"{}\" failures=\"{failures}\" time=\"{seconds:.3}\">",
        report.scenarios.len()
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"fauxport check: {}\" tests=\"{}\" failures=\"{failures}\" time=\"{seconds:.3}\">",
        xml(&report.command.join(" ")),
        report.scenarios.len()
    );
    for s in &report.scenarios {
        let _ = write!(
            out,
            "    <testcase classname=\"fauxport.check\" name=\"{}\" time=\"{:.3}\"",
            xml(&s.scenario),
            s.run.seconds
        );
        if s.passed {
            out.push_str(" />\n");
            continue;
        }
        out.push_str(">\n");
        let summary: Vec<&str> = s.problems.iter().map(|p| p.code).collect();
        let details: Vec<String> = s
            .problems
            .iter()
            .map(|p| format!("[{}] {}", p.code, p.message))
            .collect();
        let _ = writeln!(
            out,
            "      <failure message=\"{}\" type=\"{}\">{}\n{}</failure>",
            xml(&summary.join(", ")),
            xml(s.expect.as_str()),
            xml(&details.join("\n")),
            xml(&format!("client: {}", s.run.describe()))
        );
        if !s.run.stderr_tail.is_empty() {
            let _ = writeln!(
                out,
                "      <system-err>{}</system-err>",
                xml(&s.run.stderr_tail)
            );
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

/// Escapes text for XML attributes and content; drops characters XML 1.0 cannot carry.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

/// The report as JSON.
pub fn json(report: &CheckReport) -> serde_json::Value {
    serde_json::to_value(report).unwrap_or(serde_json::Value::Null)
}

#[cfg(test)]
mod tests {
    use super::xml;

    #[test]
    fn xml_escapes_and_drops_control_characters() {
        assert_eq!(xml("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
