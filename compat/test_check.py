"""`fauxport check` against real clients: the official SDK (compat/sdk_client.py), fauxport's
Rust client (`fauxport fetch`) and the stdlib client of compat/zoo, which pass every scenario;
and the zoo's deliberately broken clients, each of which fails for its named reason.

Every built-in scenario's fault is proved to have happened, from the journal (the report's
`calls.faults`) or from what the client received, not only from a pass."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, Dict, List

import pytest

import support

ZOO = str(support.REPO / "compat" / "zoo" / "client.py")
SDK_CLIENT = str(support.REPO / "compat" / "sdk_client.py")
SCENARIOS = support.REPO / "crates" / "fauxport-server" / "scenarios"
# `fauxport check`'s default rows per project.
CHECK_ROWS = 240
only_once = pytest.mark.skipif(
    support.SDK_MAJOR != 7, reason="does not use the SDK: run once, with the 7.x venv"
)
# The whole matrix runs once per reference client, two scenarios at a time (most of a
# scenario's time is the client waiting out a fault). large-export (100,000 rows a project,
# most of the matrix's time) runs once in all: with the official SDK, 7.x.
PARALLEL = ["--parallel", "2"]


def matrix(with_large_export: bool) -> List[str]:
    """`--scenarios` for check's whole matrix (`fauxport scenarios --json`, `in_check`), with or
    without large-export, and --parallel."""
    listed = subprocess.run([support.FAUXPORT_BIN, "scenarios", "--json"], check=True,
                            capture_output=True, text=True).stdout
    names = [s["name"] for s in json.loads(listed) if s["in_check"]]
    assert "large-export" in names, names
    if not with_large_export:
        names.remove("large-export")
    return ["--scenarios", ",".join(names), *PARALLEL]


def run_check(tmp: Path, client: List[str], *args: str) -> subprocess.CompletedProcess:
    """`fauxport check --json <tmp>/report.json --work-dir <tmp>/runs ARGS -- CLIENT`."""
    cmd = [support.FAUXPORT_BIN, "check", "--json", str(tmp / "report.json"),
           "--work-dir", str(tmp / "runs"), *args, "--", *client]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=900)


def report(tmp: Path) -> Dict[str, Dict[str, Any]]:
    data = json.loads((tmp / "report.json").read_text())
    return {s["scenario"]: s for s in data["scenarios"]}


def scenario(name: str) -> Dict[str, Any]:
    """A built-in scenario's definition, read from its file (the numbers the proofs use)."""
    return tomllib.loads((SCENARIOS / f"{name}.toml").read_text())


def faults(s: Dict[str, Any]) -> List[str]:
    return s["calls"]["faults"]


def longest_line(path: Path) -> int:
    with path.open("rb") as f:
        return max((len(line) for line in f), default=0)


def assert_every_fault_happened(by_name: Dict[str, Dict[str, Any]], runs: Path) -> None:
    """For each built-in scenario of the matrix: proof that its fault happened."""
    def rows_exact(s):
        r = s["rows"]
        return r["received"] == r["expected"] and r["missing"] == r["duplicated"] == r["altered"] == 0

    happy = by_name["happy"]
    assert faults(happy) == [] and rows_exact(happy) and happy["rows"]["expected"] == CHECK_ROWS

    slow = by_name["slow-task"]
    in_progress_s = scenario("slow-task")["task"]["in_progress_ms"] / 1000
    assert slow["calls"]["by_kind"]["task"] >= 2 and slow["run"]["seconds"] >= in_progress_s, slow

    assert by_name["failed-task"]["task_status"] == "FAILED"
    assert by_name["canceled-task"]["task_status"] == "CANCELED"

    errors = by_name["partial-errors"]["errors"]
    assert errors["expected"] > 0 and errors["received"] == errors["expected"], errors
    # The scenario's own message kinds, the third one not among fauxport's defaults.
    with (runs / "partial-errors" / "errors.ndjson").open() as f:
        kinds = {json.loads(line)["error"] for line in f}
    assert scenario("partial-errors")["content"]["error_messages"][2] in kinds, kinds
    assert len(kinds) >= 2, kinds

    outage = [f.split(":")[0] for f in faults(by_name["retryable-outage"])]
    assert outage == ["create-export", "create-export", "task", "header", "page-lookup"], outage
    assert rows_exact(by_name["retryable-outage"])

    assert any("rate limit (HTTP 429)" in f for f in faults(by_name["rate-limited"]))
    assert any("AUTHORIZATION_ERROR" in f for f in faults(by_name["no-access"]))

    slow_gql = by_name["slow-graphql"]
    graphql_calls = sum(n for k, n in slow_gql["calls"]["by_kind"].items() if k != "page")
    latency_s = scenario("slow-graphql")["graphql"][0]["latency_ms"] / 1000
    assert slow_gql["run"]["seconds"] >= latency_s * graphql_calls, slow_gql["calls"]

    stall_ms = scenario("stalled-page")["pages"][0]["fault"]["ms"]
    for name, words in [("flaky-pages", ("status 500", "connection reset")),
                        ("truncated-page", ("truncate",)), ("expired-url", ("expired URL",)),
                        ("stalled-page", (f"stall {stall_ms} ms",))]:
        seen = faults(by_name[name])
        assert any(f.startswith("page: ") and any(w in f for w in words) for f in seen), (name, seen)
    assert by_name["stalled-page"]["run"]["seconds"] >= stall_ms / 1000

    throttled = by_name["throttled"]
    assert len(faults(throttled)) == throttled["calls"]["by_kind"]["page"] > 0

    empty = by_name["empty-export"]
    assert empty["task_status"] == "COMPLETE" and empty["rows"]["expected"] == 0

    # Hostile text includes ~100 KB strings; the happy rows are a few KB each.
    hostile = runs / "hostile-content" / "rows.ndjson"
    assert longest_line(hostile) > 100_000 and longest_line(runs / "happy" / "rows.ndjson") < 20_000
    assert by_name["hostile-content"]["rows_digest"] != happy["rows_digest"]

    if "large-export" in by_name:
        large = by_name["large-export"]
        assert large["rows"]["expected"] == scenario("large-export")["content"]["rows"]
        assert rows_exact(large)

    # A huge row is about huge_row_bytes of text; its JSON line is at least three quarters of it.
    huge_bytes = scenario("huge-rows")["content"]["huge_row_bytes"]
    assert longest_line(runs / "huge-rows" / "rows.ndjson") > huge_bytes * 3 // 4
    assert rows_exact(by_name["huge-rows"])


def test_the_official_sdk_passes_every_scenario(tmp_path):
    """The Done-means of `check`: the SDK-based reference client passes the whole matrix,
    completing where a correct client completes and failing visibly where it must."""
    done = run_check(tmp_path, [sys.executable, SDK_CLIENT], *matrix(support.SDK_MAJOR == 7))
    assert done.returncode == 0, done.stdout + done.stderr
    by_name = report(tmp_path)
    assert all(s["passed"] for s in by_name.values())
    assert ("large-export" in by_name) == (support.SDK_MAJOR == 7), sorted(by_name)
    # The SDK never retries a page download: every page fault is surfaced, as spec §8.2 says.
    # Whichever page fault comes first ends the export: a reset body (ChunkedEncodingError),
    # a 500 or 403 (HTTPError), a short body with an honest length (AssertionError).
    for name, exceptions in [("flaky-pages", ("HTTPError", "ChunkedEncodingError")),
                             ("truncated-page", ("AssertionError",)),
                             ("expired-url", ("HTTPError",)),
                             ("failed-task", ("ExportTaskException",)),
                             ("rate-limited", ("ApiLimitError",)),
                             ("no-access", ("AuthorizationError",))]:
        s = by_name[name]
        assert s["outcome"] == "surfaced", (name, s["run"])
        assert s["run"]["exception"]["type"] in exceptions, (name, s["run"]["exception"])
    assert_every_fault_happened(by_name, tmp_path / "runs")


@only_once
def test_the_rust_reference_client_passes_every_scenario(tmp_path):
    done = run_check(tmp_path, [support.FAUXPORT_BIN, "fetch", "--poll-secs", "0.5"], *matrix(False))
    assert done.returncode == 0, done.stdout + done.stderr
    by_name = report(tmp_path)
    # It retries and resumes failed page downloads: it completes where the SDK gives up.
    for name in ["flaky-pages", "truncated-page"]:
        assert by_name[name]["outcome"] == "completed", by_name[name]
    assert_every_fault_happened(by_name, tmp_path / "runs")


@only_once
def test_the_zoo_reference_client_passes_every_scenario(tmp_path):
    done = run_check(tmp_path, [sys.executable, ZOO], *matrix(False))
    assert done.returncode == 0, done.stdout + done.stderr
    by_name = report(tmp_path)
    for name in ["flaky-pages", "truncated-page", "expired-url"]:
        assert by_name[name]["outcome"] == "completed", by_name[name]
    assert_every_fault_happened(by_name, tmp_path / "runs")


BROKEN = [
    ("drops-last-page", "happy", "rows-missing"),
    ("ignores-errors", "partial-errors", "errors-ignored"),
    ("failed-task-as-empty", "failed-task", "fault-swallowed"),
    ("no-retry-on-5xx", "retryable-outage", "gave-up"),
    ("reappends-after-retry", "flaky-pages", "rows-duplicated"),
    ("reappends-after-retry", "truncated-page", "rows-duplicated"),
    ("brace-counting", "hostile-content", "rows-missing"),
    ("hammers", "retryable-outage", "no-backoff"),
    ("hammers", "slow-task", "fast-polling"),
]


@only_once
@pytest.mark.parametrize("bug,scenario,code", BROKEN, ids=[f"{b}-{s}" for b, s, _ in BROKEN])
def test_a_broken_client_fails_for_its_reason(tmp_path, bug, scenario, code):
    done = run_check(tmp_path, [sys.executable, ZOO, "--bug", bug], "--scenarios", scenario)
    assert done.returncode == 1, done.stdout + done.stderr
    s = report(tmp_path)[scenario]
    codes = [p["code"] for p in s["problems"]]
    assert not s["passed"] and code in codes, (codes, s["problems"])
    # The table names the reason too.
    assert f"[{code}]" in done.stdout, done.stdout


@only_once
def test_the_broken_clients_pass_where_their_bug_does_not_show(tmp_path):
    """The zoo's bugs are specific: each passes a scenario that does not exercise it (so the
    failures above are for the named reason, not because the zoo client is broken anyway)."""
    for bug, scenario in [("ignores-errors", "happy"), ("no-retry-on-5xx", "flaky-pages"),
                          ("failed-task-as-empty", "happy"), ("hammers", "happy")]:
        done = run_check(tmp_path, [sys.executable, ZOO, "--bug", bug], "--scenarios", scenario)
        assert done.returncode == 0, (bug, scenario, done.stdout + done.stderr)


@only_once
def test_junit_json_and_behaviour_snapshots(tmp_path):
    snaps = tmp_path / "snaps"
    junit = tmp_path / "junit.xml"
    args = ["--scenarios", "happy,failed-task", "--junit", str(junit), "--snapshots", str(snaps)]
    first = run_check(tmp_path, [sys.executable, ZOO], *args)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "snapshot written" in first.stdout
    suite = ET.parse(junit).getroot().find("testsuite")
    assert [t.get("name") for t in suite.iter("testcase")] == ["happy", "failed-task"]
    assert suite.get("failures") == "0"
    snap = (snaps / "check__failed-task.snap").read_text()
    assert snap.startswith("---\nsource: fauxport check\n") and "task: FAILED" in snap, snap
    # Same client, same behaviour: the snapshots hold.
    again = run_check(tmp_path, [sys.executable, ZOO], *args)
    assert again.returncode == 0 and "snapshot" not in again.stdout, again.stdout
    # A client whose behaviour changed: the check fails on the snapshot diff (and JUnit).
    changed = run_check(tmp_path, [sys.executable, ZOO, "--bug", "failed-task-as-empty"], *args)
    assert changed.returncode == 1
    assert "snapshot differs" in changed.stdout and "+ exit: 0" in changed.stdout, changed.stdout
    assert (snaps / "check__failed-task.snap.new").exists()
    failure = ET.parse(junit).getroot().find("testsuite/testcase[@name='failed-task']/failure")
    assert failure is not None and "fault-swallowed" in failure.get("message")
    # --accept takes the new behaviour.
    accepted = run_check(tmp_path, [sys.executable, ZOO, "--bug", "failed-task-as-empty"], *args, "--accept")
    assert "snapshot accepted" in accepted.stdout
    assert "exit: 0" in (snaps / "check__failed-task.snap").read_text()


@only_once
def test_check_exit_codes_for_bad_usage(tmp_path):
    unknown = run_check(tmp_path, [sys.executable, ZOO], "--scenarios", "no-such")
    assert unknown.returncode == 2 and "no-such" in unknown.stderr, unknown.stderr
    missing = run_check(tmp_path, [str(tmp_path / "no-such-client")], "--scenarios", "happy")
    assert missing.returncode == 4 and "cannot run the client" in missing.stderr, missing.stderr
