//! `fauxport load` through the binary: brief runs against its in-process server (and one against
//! a `fauxport serve` it did not start), checked through the JSON report: exports counted,
//! rows verified against the ground truth, failures counted by kind, and the exit codes.

use serde_json::Value;

use crate::{fauxport, scratch, serve, write_file};

/// `fauxport load --json --poll-secs 0.2 ARGS`, ARGS being `command_line` split at white space
/// (no argument here holds a space): the exit code and the report.
fn load(command_line: &str) -> (i32, Value) {
    load_args(&command_line.split_whitespace().collect::<Vec<_>>())
}

/// `fauxport load --json --poll-secs 0.2 ARGS`: the exit code and the report.
fn load_args(args: &[&str]) -> (i32, Value) {
    let mut all = vec!["load", "--json", "--poll-secs", "0.2"];
    all.extend_from_slice(args);
    let run = fauxport(&all, b"");
    let report = serde_json::from_slice(&run.stdout).unwrap_or_else(|e| {
        panic!(
            "{all:?}: the report is not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&run.stdout),
            run.stderr
        )
    });
    (run.code, report)
}

/// A number of the report.
fn n(report: &Value, pointer: &str) -> u64 {
    report
        .pointer(pointer)
        .and_then(Value::as_u64)
        .unwrap_or_else(|| panic!("no number at {pointer}: {report}"))
}

/// The number after `flag` in `command_line`.
fn flag(command_line: &str, flag: &str) -> u64 {
    let mut words = command_line.split_whitespace();
    words
        .position(|w| w == flag)
        .and_then(|_| words.next()?.parse().ok())
        .unwrap_or_else(|| panic!("{command_line:?}: no number after {flag}"))
}

/// `load(command_line)` exits 0 with every export verified, as many (`--exports`) and as long
/// (`--rows`) as the command line asks: the report.
fn verified(command_line: &str) -> Value {
    let (code, report) = load(command_line);
    assert_eq!(code, 0, "{report}");
    all_verified(
        &report,
        flag(command_line, "--exports"),
        flag(command_line, "--rows"),
    );
    report
}

/// Every export of the run finished and matched the truth: `rows` rows each.
fn all_verified(report: &Value, exports: u64, rows: u64) {
    assert_eq!(report["verdict"], "ok", "{report}");
    for field in ["started", "finished", "verified"] {
        assert_eq!(n(report, &format!("/exports/{field}")), exports, "{report}");
    }
    assert_eq!(n(report, "/exports/failed"), 0, "{report}");
    assert_eq!(n(report, "/rows"), exports * rows, "{report}");
    assert_eq!(report["verification"]["enabled"], true, "{report}");
    assert_eq!(n(report, "/verification/checked"), exports, "{report}");
    for field in ["rows_lost", "rows_duplicated", "rows_altered"] {
        assert_eq!(n(report, &format!("/verification/{field}")), 0, "{report}");
    }
    assert!(n(report, "/bytes") > rows * 100, "{report}");
}

/// Latencies of `kind`: `count` calls, ordered percentiles.
fn latency(report: &Value, kind: &str, count: u64) {
    let l = &report["latency_ms"][kind];
    assert_eq!(
        n(report, &format!("/latency_ms/{kind}/count")),
        count,
        "{l}"
    );
    let q: Vec<f64> = ["p50", "p90", "p99", "max"]
        .iter()
        .map(|p| l[p].as_f64().unwrap_or(-1.0))
        .collect();
    assert!(q[0] > 0.0 && q.windows(2).all(|w| w[0] <= w[1]), "{l}");
}

#[test]
fn a_brief_run_verifies_every_export() {
    let report = verified("--clients 4 --exports 8 --rows 200 --page-rows 50");
    assert_eq!(report["mode"], "paged");
    assert_eq!(report["server"], "in-process");
    // Four pages of 50 rows per export, one lookup each; one export mutation and one header.
    latency(&report, "create-export", 8);
    latency(&report, "header", 8);
    latency(&report, "page-lookup", 32);
    latency(&report, "page", 32);
    assert!(n(&report, "/latency_ms/task/count") >= 8, "{report}");
    assert!(report["latency_ms"].get("download").is_none(), "{report}");
    assert_eq!(n(&report, "/scenarios/happy/exports/verified"), 8);
    let rss = report["server_peak_rss_mb"].as_f64();
    if cfg!(target_os = "linux") {
        assert!(rss.is_some_and(|mb| mb > 1.0), "{report}");
    }
    assert!(report["exports_per_sec"].as_f64() > Some(0.0), "{report}");
}

#[test]
fn failed_tasks_are_counted_by_kind_not_as_lost_rows() {
    let (code, report) = load("--clients 2 --exports 6 --rows 50 --mix happy=1,failed-task=1");
    // failed-task expects its exports to fail: counted, not an error.
    assert_eq!(code, 0, "{report}");
    assert_eq!(n(&report, "/exports/finished"), 6, "{report}");
    assert_eq!(n(&report, "/exports/verified"), 3, "{report}");
    assert_eq!(n(&report, "/exports/failed"), 3, "{report}");
    assert_eq!(
        n(&report, "/exports/by_error_kind/TaskFailed"),
        3,
        "{report}"
    );
    assert_eq!(n(&report, "/exports/unexpected_failures"), 0, "{report}");
    assert_eq!(n(&report, "/scenarios/failed-task/exports/failed"), 3);
    assert_eq!(n(&report, "/scenarios/happy/exports/verified"), 3);
    assert_eq!(
        n(&report, "/verification/checked"),
        3,
        "only finished exports"
    );
    assert_eq!(n(&report, "/rows"), 3 * 50);
}

#[test]
fn exports_failing_where_a_client_should_complete_exit_5() {
    let file = write_file(
        &scratch("load-unexpected"),
        "doomed.toml",
        "name = \"doomed\"\nexpect = \"complete\"\n[task]\nend = \"failed\"\n",
    );
    let (code, report) = load_args(&[
        "--exports",
        "2",
        "--rows",
        "20",
        "--scenario",
        "doomed",
        "--scenario-file",
        &file,
    ]);
    assert_eq!(code, 5, "{report}");
    assert_eq!(report["verdict"], "unexpected-failures");
    assert_eq!(n(&report, "/exports/unexpected_failures"), 2, "{report}");
    assert_eq!(
        n(
            &report,
            "/scenarios/doomed/exports/by_error_kind/TaskFailed"
        ),
        2
    );
}

#[test]
fn the_plain_download_is_verified_too() {
    let report = verified(
        "--plain --clients 3 --exports 6 --rows 120 --params label_details,data_row_details",
    );
    assert_eq!(report["mode"], "plain");
    latency(&report, "download", 6);
    assert!(report["latency_ms"].get("page").is_none(), "{report}");
}

/// The plain download meets the scenario as the paged flow does: a failed export answers HTTP
/// 409, which the report counts as an expected failure by its kind, not as lost rows.
#[test]
fn plain_downloads_meet_their_scenario() {
    let (code, report) = load("--plain --scenario failed-task --clients 2 --exports 4 --rows 60");
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["exports"]["failed"], 4, "{report}");
    assert_eq!(report["exports"]["unexpected_failures"], 0, "{report}");
    let kinds = report["exports"]["by_error_kind"].as_object().cloned();
    assert!(
        kinds.is_some_and(|k| k.keys().any(|kind| kind.contains("409"))),
        "{report}"
    );
}

#[test]
fn flaky_pages_lose_and_duplicate_no_row() {
    let report =
        verified("--clients 3 --exports 6 --rows 150 --page-rows 25 --mix flaky-pages=2,happy=1");
    // The faults happened and were retried: failed page downloads, more downloads than pages.
    let errors = &report["call_errors"]["page"];
    let failed: u64 = errors
        .as_object()
        .map(|e| e.values().filter_map(Value::as_u64).sum())
        .unwrap_or(0);
    assert!(
        failed >= 4,
        "page 1 of each flaky export fails first: {report}"
    );
    assert_eq!(
        n(&report, "/latency_ms/page/count"),
        6 * 6 + failed,
        "{report}"
    );
}

#[test]
fn a_running_server_is_verified_when_its_world_is_ours() {
    let (server, base) = serve::start("load-endpoint", &["--rows", "60", "--page-rows", "20"]);
    let same = load(&format!("--endpoint {base}/graphql --rows 60 --exports 3"));
    let other = load(&format!("--endpoint {base}/graphql --rows 61 --exports 2"));
    serve::stop(server);

    let (code, report) = same;
    assert_eq!(code, 0, "{report}");
    all_verified(&report, 3, 60);
    assert!(
        report["server_peak_rss_mb"].is_null(),
        "not in-process: {report}"
    );
    // Another world: the rows are exported but not claimed verified.
    let (code, report) = other;
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["verification"]["enabled"], false, "{report}");
    assert!(
        report["verification"]["off_because"].is_string(),
        "{report}"
    );
    assert_eq!(n(&report, "/verification/checked"), 0, "{report}");
    assert_eq!(n(&report, "/exports/verified"), 0, "{report}");
    assert_eq!(n(&report, "/rows"), 2 * 60, "{report}");
}

#[test]
fn unknown_scenarios_are_usage_errors() {
    let run = fauxport(&["load", "--scenario", "no-such", "--exports", "1"], b"");
    run.assert_exit(2, "no-such");
    let run = fauxport(&["load", "--mix", "happy=0"], b"");
    assert_eq!(run.code, 2, "{}", run.stderr);
}
