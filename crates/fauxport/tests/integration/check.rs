//! `fauxport check`, `fauxport scenarios` and `fauxport fetch` through the binary: the Rust
//! reference client passes, a client that does nothing fails for the right reasons, and the
//! documented flags and exit codes hold. (The full matrix with the official SDK, the Rust
//! client and the broken-client zoo runs in compat/test_check.py.)

use serde_json::Value;

use crate::{fauxport, scratch, write_file};

/// `fauxport check --json <dir>/r.json --work-dir <dir>/runs ARGS -- CLIENT...`: the exit
/// code, stdout, and the report's scenarios by name.
fn check(args: &[&str], client: &[&str]) -> (i32, String, Vec<Value>) {
    let dir = std::env::temp_dir().join(format!(
        "fauxport-check-test-{}-{}",
        std::process::id(),
        args.join("-").replace(['/', ','], "_")
    ));
    let json = dir.join("r.json");
    let runs = dir.join("runs");
    let (json_s, runs_s) = (json.to_string_lossy(), runs.to_string_lossy());
    let mut all = vec!["check", "--json", &json_s, "--work-dir", &runs_s];
    all.extend_from_slice(args);
    all.push("--");
    all.extend_from_slice(client);
    let run = fauxport(&all, b"");
    let report: Value = std::fs::read(&json)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or(Value::Null);
    let _ = std::fs::remove_dir_all(&dir);
    let scenarios = report["scenarios"].as_array().cloned().unwrap_or_default();
    (
        run.code,
        String::from_utf8_lossy(&run.stdout).into_owned(),
        scenarios,
    )
}

/// The report of scenario `name` among `scenarios`.
fn scenario<'a>(scenarios: &'a [Value], name: &str) -> &'a Value {
    scenarios
        .iter()
        .find(|s| s["scenario"] == name)
        .unwrap_or_else(|| panic!("no {name} in the report"))
}

fn codes(s: &Value) -> Vec<&str> {
    s["problems"]
        .as_array()
        .map(|p| p.iter().filter_map(|p| p["code"].as_str()).collect())
        .unwrap_or_default()
}

#[test]
fn the_rust_reference_client_passes_and_meets_the_faults() {
    let bin = env!("CARGO_BIN_EXE_fauxport");
    let (code, stdout, scenarios) = check(
        &[
            "--scenarios",
            "happy,failed-task,partial-errors,flaky-pages,retryable-outage",
        ],
        &[bin, "fetch", "--poll-secs", "0.2"],
    );
    assert_eq!(code, 0, "{stdout}");
    let by = |name: &str| scenario(&scenarios, name);
    assert_eq!(by("happy")["outcome"], "completed");
    assert_eq!(by("failed-task")["outcome"], "surfaced");
    assert_eq!(by("failed-task")["task_status"], "FAILED");
    let errors = &by("partial-errors")["errors"];
    assert!(errors["expected"].as_u64() > Some(0) && errors["received"] == errors["expected"]);
    // The client resumed the faulted pages: complete rows, and faults really happened.
    for name in ["flaky-pages", "retryable-outage"] {
        let s = by(name);
        assert_eq!(s["outcome"], "completed", "{s}");
        assert!(
            !s["calls"]["faults"].as_array().expect("faults").is_empty(),
            "{s}"
        );
    }
}

#[test]
fn a_client_that_does_nothing_fails_for_the_right_reasons() {
    // Exits 0 without writing anything: rows missing where there are rows, a failed task
    // swallowed, the errors stream ignored.
    let (code, stdout, scenarios) = check(
        &[
            "--scenarios",
            "happy,failed-task,partial-errors,empty-export",
        ],
        &["sh", "-c", "exit 0"],
    );
    assert_eq!(code, 1, "{stdout}");
    let by = |name: &str| scenario(&scenarios, name);
    // It never created a task: nothing to compare, so the swallowed failure is what is named.
    for name in ["happy", "failed-task", "partial-errors", "empty-export"] {
        assert!(
            codes(by(name)).contains(&"fault-swallowed"),
            "{name}: {}",
            by(name)
        );
    }
    assert!(stdout.contains("[fault-swallowed]") && stdout.contains("0 of 4 scenarios passed"));
    // A client that gives up at once fails where a correct client completes, and passes where
    // failing is right.
    let (code, _, scenarios) = check(
        &["--scenarios", "happy,rate-limited"],
        &["sh", "-c", "exit 3"],
    );
    assert_eq!(code, 1);
    assert_eq!(codes(&scenarios[0]), ["gave-up"]);
    assert_eq!(scenarios[1]["passed"], true);
}

#[test]
fn usage_errors_exit_2_and_name_the_problem() {
    let run = fauxport(&["check", "--scenarios", "nope", "--", "true"], b"");
    run.assert_exit(2, "\"nope\"");
    let path = write_file(
        &scratch("check-bad-scenario"),
        "bad.toml",
        "name = \"x\"\n[[graphql]]\nprobability = 2.0\nlatency_ms = 1\n",
    );
    let run = fauxport(&["scenarios", "--scenario-file", &path], b"");
    run.assert_exit(2, "graphql[0].probability");
}

#[test]
fn scenarios_lists_the_catalog_and_prints_definitions() {
    let run = fauxport(&["scenarios"], b"");
    assert_eq!(run.code, 0);
    let text = String::from_utf8_lossy(&run.stdout);
    for (file, _) in fauxport_server::scenario::catalog::FILES {
        let name = file.trim_end_matches(".toml");
        assert!(
            text.lines().any(|l| l.starts_with(name)),
            "{name} missing:\n{text}"
        );
    }
    let one = fauxport(&["scenarios", "flaky-pages"], b"");
    let parsed =
        fauxport_server::scenario::Scenario::from_toml(&String::from_utf8_lossy(&one.stdout))
            .expect("the printed definition parses");
    assert_eq!(parsed.name, "flaky-pages");
}

#[test]
fn the_example_workflow_uses_real_check_flags() {
    let workflow = include_str!("../../../../examples/github-actions-check.yml");
    let help = String::from_utf8_lossy(&fauxport(&["check", "--help"], b"").stdout).into_owned();
    let flags: Vec<&str> = workflow
        .split_whitespace()
        .filter(|w| w.starts_with("--") && w.len() > 2 && !w.contains('='))
        // `cargo install --locked --path ...` installs it; the rest are `fauxport check` flags.
        .filter(|w| *w != "--locked" && *w != "--path")
        .collect();
    assert!(flags.contains(&"--junit") && flags.contains(&"--snapshots"));
    for flag in flags {
        assert!(
            help.contains(flag),
            "{flag} is not a flag of fauxport check:\n{help}"
        );
    }
}

#[test]
fn an_altered_row_is_reported_with_a_json_pointer() {
    // The Rust client's export, then one field of the second row changed.
    let bin = env!("CARGO_BIN_EXE_fauxport");
    let tamper = "import json, os; p = os.environ['FAUXPORT_ROWS_OUT']; \
                  lines = open(p).read().splitlines(); row = json.loads(lines[1]); \
                  row['data_row']['global_key'] = 'tampered'; lines[1] = json.dumps(row); \
                  open(p, 'w').write('\\n'.join(lines) + '\\n')";
    let script = format!("\"$0\" fetch --poll-secs 0.2 && python3 -c \"{tamper}\"");
    let (code, stdout, scenarios) = check(&["--scenarios", "happy"], &["sh", "-c", &script, bin]);
    assert_eq!(code, 1, "{stdout}");
    let s = &scenarios[0];
    assert_eq!(codes(s), ["rows-altered"], "{s}");
    let example = &s["rows"]["altered_examples"][0];
    assert_eq!(example["line"], 2);
    assert_eq!(example["diffs"][0]["pointer"], "/data_row/global_key");
    assert_eq!(example["diffs"][0]["got"], "\"tampered\"");
    assert!(
        stdout.contains("/data_row/global_key: expected"),
        "{stdout}"
    );
}

#[test]
fn parallel_runs_overlap_yet_report_what_serial_runs_report() {
    // Each client waits, for at most 30 s, until all three have started: with --parallel 3
    // they meet and exit 3 (a surfaced failure, right for these scenarios); one at a time,
    // each would give up waiting and exit 9.
    let meet = std::env::temp_dir().join(format!("fauxport-check-meet-{}", std::process::id()));
    let _ = std::fs::remove_file(&meet);
    let meet_s = meet.to_string_lossy().into_owned();
    let script = "echo \"$FAUXPORT_SCENARIO\" >> \"$0\"; i=0; \
                  while [ \"$(wc -l < \"$0\")\" -lt 3 ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done; \
                  [ \"$(wc -l < \"$0\")\" -ge 3 ] && exit 3; exit 9";
    let names = "rate-limited,no-access,failed-task";
    let (code, stdout, scenarios) = check(
        &["--scenarios", names, "--parallel", "3"],
        &["sh", "-c", script, &meet_s],
    );
    let _ = std::fs::remove_file(&meet);
    assert_eq!(code, 0, "{stdout}");
    let order: Vec<&str> = scenarios
        .iter()
        .filter_map(|s| s["scenario"].as_str())
        .collect();
    assert_eq!(
        order,
        names.split(',').collect::<Vec<_>>(),
        "the matrix order"
    );
    for s in &scenarios {
        assert_eq!(s["run"]["exit_code"], 3, "{s}");
    }

    // The Rust client under faulting scenarios: run four at a time, every scenario's verdict,
    // rows, errors and injected faults are those of a one-at-a-time run.
    let bin = env!("CARGO_BIN_EXE_fauxport");
    let client = [bin, "fetch", "--poll-secs", "0.2"];
    let names = "flaky-pages,retryable-outage,partial-errors,truncated-page,happy";
    let (serial_code, _, serial) = check(&["--scenarios", names], &client);
    let (parallel_code, stdout, parallel) =
        check(&["--scenarios", names, "--parallel", "4"], &client);
    assert_eq!((serial_code, parallel_code), (0, 0), "{stdout}");
    assert_eq!(serial.len(), 5);
    let view = |s: &Value| {
        serde_json::json!([
            s["scenario"],
            s["passed"],
            s["outcome"],
            s["rows_digest"],
            s["rows"]["received"],
            s["errors"],
            s["calls"]["faults"],
        ])
    };
    for (a, b) in serial.iter().zip(&parallel) {
        assert_eq!(view(a), view(b));
    }
    assert!(
        serial
            .iter()
            .filter(|s| !s["calls"]["faults"].as_array().is_none_or(Vec::is_empty))
            .count()
            >= 3,
        "the faulting scenarios injected faults"
    );
}

/// A client that writes a 300 MB line without a newline: check reports it as an unknown line
/// naming the limit, fails the scenario (exit 1), and does not hold the line in memory.
#[cfg(target_os = "linux")]
#[test]
fn a_huge_line_in_the_rows_file_is_bounded() {
    let dir = crate::scratch("check-huge-line");
    let json = dir.join("r.json").display().to_string();
    let runs = dir.join("runs").display().to_string();
    let (run, peak) = crate::fauxport_peak(
        &[
            "check",
            "--scenarios",
            "happy",
            "--json",
            &json,
            "--work-dir",
            &runs,
            "--",
            "sh",
            "-c",
            "head -c 300000000 /dev/zero > \"$FAUXPORT_ROWS_OUT\"",
        ],
        std::path::Path::new("/dev/null"),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report: Value =
        serde_json::from_slice(&std::fs::read(&json).expect("report")).expect("JSON");
    let rows = &report["scenarios"][0]["rows"];
    assert_eq!(rows["unknown"], 1, "{rows}");
    assert_eq!(
        rows["unknown_examples"][0],
        "line 1 is longer than the limit of 67108864 bytes, skipped unread",
        "{rows}"
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        peak < 200 << 20,
        "peak RSS {} MiB for a 300 MB line",
        peak >> 20
    );
}
