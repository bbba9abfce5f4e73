"""Shared helpers for the compat suite: SDK version branching, ground truth, row comparison.

Everything here is plain Python; the fixtures that start the server live in conftest.py.
Tests import this module as `support` (pytest puts compat/ on sys.path).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence

import labelbox as lb
import pytest
from labelbox.schema.export_filters import build_filters
from labelbox.schema.export_params import ProjectExportParams

# The wheel's Python package (python/src/fauxport), from the source tree: the compat venvs do not
# install the wheel, and the suite shares its ground-truth arguments and its server start-up
# with it.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "python" / "src"))
from fauxport.truth import NOT_CONTENT, params_arg  # noqa: E402

# The world every test runs against. The server and the ground-truth generator both get
# exactly these numbers.
SEED = 42
ROWS = 2000
PAGE_ROWS = 500

REPO = Path(__file__).resolve().parent.parent


def sdk_query(name: str) -> str:
    """A query text the official SDK sends, byte for byte, from protocol/sdk-queries/."""
    return (REPO / "protocol" / "sdk-queries" / name).read_text(encoding="utf-8")


FAUXPORT_BIN = os.environ.get("FAUXPORT_BIN") or str(REPO / "target" / "release" / "fauxport")

# The four project kinds of the default world, in world.json order.
KINDS = (
    "prompt-response-creation",
    "prompt-creation",
    "response-creation",
    "conversational-preference",
)
PRC, PC, RC, CP = KINDS

# The export params that choose content, from the SDK under test itself (its ProjectExportParams
# keys; both pinned versions have the same eight): a param the SDK gains is tested here at once.
PARAMS = [name for name in ProjectExportParams.__annotations__ if name not in NOT_CONTENT]
ALL_PARAMS_ON = {name: True for name in PARAMS}

# --- SDK version -------------------------------------------------------------------------

SDK_VERSION = lb.__version__
SDK_MAJOR = int(SDK_VERSION.split(".")[0])

if SDK_MAJOR >= 6:
    import lbox.exceptions as exceptions  # noqa: F401  (7.x: exceptions moved to lbox-clients)
else:
    import labelbox.exceptions as exceptions  # noqa: F401

StreamType = lb.StreamType
ExportTask = lb.ExportTask

# get_stream(converter=...), JsonConverter, FileConverter and Stream.with_line/with_offset
# exist up to 5.2.1 and were removed in 6.0.0.
HAS_GET_STREAM = SDK_MAJOR < 6
only_sdk5 = pytest.mark.skipif(
    not HAS_GET_STREAM,
    reason=f"labelbox {SDK_VERSION}: get_stream/JsonConverter/FileConverter/"
    "Stream.with_line/with_offset were removed in labelbox 6.0.0",
)


# --- ground truth ------------------------------------------------------------------------


@dataclass
class Truth:
    """What the server should serve for one export stream: the exact NDJSON bytes."""

    raw: bytes
    lines: List[bytes] = field(init=False)  # each line without its trailing b"\n"

    def __post_init__(self) -> None:
        assert self.raw == b"" or self.raw.endswith(b"\n"), "ground truth must end with a newline"
        self.lines = self.raw.split(b"\n")[:-1] if self.raw else []

    @property
    def rows(self) -> List[Dict[str, Any]]:
        return [json.loads(line) for line in self.lines]

    @property
    def total_size(self) -> int:
        return len(self.raw)

    @property
    def total_lines(self) -> int:
        return len(self.lines)

    def offset_of_line(self, n: int) -> int:
        """Byte offset where line `n` starts."""
        return sum(len(line) + 1 for line in self.lines[:n])

_truth_cache: Dict[tuple, Truth] = {}


def generate(
    project_id: str,
    query: Optional[list] = None,
    params: Optional[Dict[str, Any]] = None,
    stream: str = "result",
    seed: int = SEED,
    rows: int = ROWS,
) -> Truth:
    """Run `fauxport generate` for one export of the default world (`seed`, `rows`): `query`
    is exactly the searchQuery.query list the SDK sends (None or [] for no filters)."""
    query_json = json.dumps(query or [], separators=(",", ":"))
    flags = params_arg(params)
    key = (project_id, query_json, tuple(flags), stream, seed, rows)
    if key not in _truth_cache:
        cmd = [
            FAUXPORT_BIN, "generate", "--default-world", "--seed", str(seed),
            "--rows", str(rows), "--project", project_id, "--stream", stream, "--quiet",
            *flags, "--out", "-",
        ]
        if query:
            cmd[-2:-2] = ["--filters", query_json]
        proc = subprocess.run(cmd, capture_output=True, timeout=120)
        if proc.returncode != 0:
            raise AssertionError(
                f"ground truth failed (exit {proc.returncode}): {' '.join(cmd)}\n"
                f"{proc.stderr.decode(errors='replace')[-2000:]}"
            )
        _truth_cache[key] = Truth(proc.stdout)
    return _truth_cache[key]


# --- comparing rows ----------------------------------------------------------------------


def _first_difference(a: Any, b: Any, path: str = "") -> Optional[str]:
    """A short description of where two JSON values first differ, or None if equal."""
    if type(a) is not type(b):
        return f"{path or '/'}: got {type(a).__name__} {_short(a)}, want {type(b).__name__} {_short(b)}"
    if isinstance(a, dict):
        if list(a) != list(b):
            missing = [k for k in b if k not in a]
            extra = [k for k in a if k not in b]
            if missing or extra:
                return f"{path or '/'}: missing keys {missing}, unexpected keys {extra}"
        for k in b:
            d = _first_difference(a[k], b[k], f"{path}/{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)):
            d = _first_difference(x, y, f"{path}/{i}")
            if d:
                return d
        if len(a) != len(b):
            return f"{path or '/'}: got {len(a)} items, want {len(b)}"
        return None
    if a != b:
        return f"{path or '/'}: got {_short(a)}, want {_short(b)}"
    return None


def _short(v: Any, limit: int = 160) -> str:
    s = json.dumps(v, ensure_ascii=False)
    return s if len(s) <= limit else s[:limit] + "..."


def _row_id(row: Any) -> str:
    try:
        return row["data_row"]["id"]
    except (KeyError, TypeError):
        return _short(row, 80)


def assert_rows_equal(got: Sequence[Any], want: Sequence[Any], what: str = "rows") -> None:
    """Rows received through the SDK equal the ground truth, row for row, in order.

    On failure the message names the first differing row and the JSON pointer of the first
    difference inside it, instead of pytest's diff of thousands of dicts."""
    got, want = list(got), list(want)
    for i, (g, w) in enumerate(zip(got, want)):
        if g != w:
            detail = _first_difference(g, w)
            raise AssertionError(
                f"{what}: row {i} differs (got {_row_id(g)}, want {_row_id(w)}): {detail}"
            )
    if len(got) != len(want):
        if len(got) > len(want):
            nxt = f"first extra row: {_row_id(got[len(want)])}"
        else:
            nxt = f"first missing row: {_row_id(want[len(got)])}"
        raise AssertionError(f"{what}: got {len(got)} rows, want {len(want)} ({nxt})")


# --- driving the SDK ---------------------------------------------------------------------


def read_buffered(task, stream_type=None) -> List[Dict[str, Any]]:
    """All rows of a stream through the public `get_buffered_stream` API."""
    rows: List[Dict[str, Any]] = []
    stream = task.get_buffered_stream(stream_type=stream_type or StreamType.RESULT)
    stream.start(stream_handler=lambda output: rows.append(output.json))
    return rows


def export_done(project, filters=None, params=None, task_name=None):
    """`project.export(...)` then `wait_till_done()`: the documented happy path."""
    kwargs = {}
    if filters is not None:
        kwargs["filters"] = filters
    if params is not None:
        kwargs["params"] = params
    if task_name is not None:
        kwargs["task_name"] = task_name
    task = project.export(**kwargs)
    task.wait_till_done()
    assert task.status == "COMPLETE", f"task {task.uid} ended {task.status}"
    return task


class ExportBatch:
    """Starts many exports at once, then hands each test its finished task.

    `wait_till_done` sleeps 2 s whenever the task it holds was IN_PROGRESS when created, so
    running fifty exports one after another costs fifty sleeps. A module starts all its
    exports up front with `start`; each test then re-attaches with the public
    `ExportTask.get_task(client, id)` (a fresh status, usually COMPLETE by then) and calls
    `wait_till_done` on that. The plain export-then-wait path is exercised in test_tasks.py,
    test_streams.py and test_export_v2.py."""

    def __init__(self, client) -> None:
        self.client = client
        self._started: Dict[str, Any] = {}

    def start(self, key: str, project, filters=None, params=None) -> None:
        name = f"compat {key}"
        try:
            task = project.export(task_name=name, filters=filters, params=params)
            self._started[key] = (task.uid, name, filters, params, None)
        except Exception as err:  # re-raised by the test that owns this export
            self._started[key] = (None, name, filters, params, err)

    def filters(self, key: str):
        return self._started[key][2]

    def params(self, key: str):
        return self._started[key][3]

    def done(self, key: str):
        uid, name, _, _, err = self._started[key]
        if err is not None:
            raise err
        task = ExportTask.get_task(self.client, uid)
        assert task.uid == uid and task.name == name, f"get_task({uid}) found {task.uid} {task.name!r}"
        task.wait_till_done()
        assert task.status == "COMPLETE", f"task {uid} ended {task.status}"
        return task


def query_for(client, filters: Optional[Dict[str, Any]]) -> list:
    """The searchQuery.query list the SDK sends for `filters`, built by the SDK itself."""
    return build_filters(client, filters or {})


def brace_safe(line: bytes) -> bool:
    """Whether the 5.x JsonConverter's brace counting finds exactly this line as one object.

    JsonConverter splits pages by counting `{`/`}` without knowing about strings, so a row
    whose strings hold unbalanced braces is split or merged (an SDK limitation, see the
    surface spec §4.2), whatever the server does."""
    depth = 0
    text = line.decode("utf-8")
    for i, ch in enumerate(text):
        if ch == "{":
            depth += 1
        elif ch == "}" and depth:
            depth -= 1
            if depth == 0 and i != len(text) - 1:
                return False
    return depth == 0


def ids_of(rows: Iterable[Dict[str, Any]]) -> List[str]:
    return [r["data_row"]["id"] for r in rows]


# --- an independent, loose model of the filter semantics ----------------------------------
#
# Ground truth comes from the same Rust code as the server, so a shared bug would pass the
# row-for-row comparison. These checks restate the documented semantics (export-format.md
# §16) in Python against the unfiltered rows. Dates are checked loosely: values are read as
# UTC and given a margin wider than any time zone (and a whole day for date-only values),
# because the time-zone handling of the real server is inferred, not documented.

WORKFLOW_STATUS = {"ToLabel": "TO_LABEL", "InReview": "IN_REVIEW", "InRework": "IN_REWORK", "Done": "DONE"}
_TZ_MARGIN_H = 14


def _parse_ts(s: str):
    from datetime import datetime, timezone

    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d", "%Y-%m-%dT%H:%M:%S%z"):
        try:
            d = datetime.strptime(s, fmt)
            return d if d.tzinfo else d.replace(tzinfo=timezone.utc)
        except ValueError:
            pass
    return datetime.fromisoformat(s)


def _bounds(rng):
    """(definitely-inside interval, possibly-inside interval) for a [start, end] filter."""
    from datetime import datetime, timedelta, timezone

    lo_s, hi_s = rng
    far_past = datetime(1900, 1, 1, tzinfo=timezone.utc)
    far_future = datetime(2200, 1, 1, tzinfo=timezone.utc)
    tz = timedelta(hours=_TZ_MARGIN_H)
    lo = _parse_ts(lo_s) if lo_s else None
    hi = _parse_ts(hi_s) if hi_s else None
    hi_slack = tz + (timedelta(days=1) if hi_s and len(hi_s) == 10 else timedelta(0))
    inside = (lo + tz if lo else far_past, hi - tz if hi else far_future)
    possible = (lo - tz if lo else far_past, hi + hi_slack if hi else far_future)
    return inside, possible


def _row_facts(row: Dict[str, Any], project_id: str):
    from datetime import datetime

    entry = row["projects"][project_id]
    labels = entry.get("labels", [])
    return {
        "id": row["data_row"]["id"],
        "global_key": row["data_row"].get("global_key"),
        "last_activity_at": datetime.fromisoformat(row["data_row"]["details"]["last_activity_at"]),
        "label_times": [datetime.fromisoformat(l["label_details"]["created_at"]) for l in labels],
        "batch_id": entry["project_details"]["batch_id"],
        "workflow_status": entry["project_details"]["workflow_status"],
    }


def _verdict(facts, filters) -> Optional[bool]:
    """True: the row must be exported; False: it must not; None: too close to a date bound."""
    verdict: Optional[bool] = True
    if filters.get("data_row_ids") is not None and facts["id"] not in filters["data_row_ids"]:
        return False
    if filters.get("global_keys") is not None and facts["global_key"] not in filters["global_keys"]:
        return False
    if filters.get("batch_ids") is not None and facts["batch_id"] not in filters["batch_ids"]:
        return False
    ws = filters.get("workflow_status")
    if ws is not None and facts["workflow_status"] != WORKFLOW_STATUS[ws]:
        return False
    for key, times in (("last_activity_at", [facts["last_activity_at"]]), ("label_created_at", facts["label_times"])):
        rng = filters.get(key)
        if not rng or (rng[0] is None and rng[1] is None):
            continue
        (ilo, ihi), (plo, phi) = _bounds(rng)
        if any(ilo <= t <= ihi for t in times):
            continue
        if not any(plo <= t <= phi for t in times):
            return False
        verdict = None
    return verdict


def check_filter_semantics(got_ids: Sequence[str], pool: Sequence[Dict[str, Any]], project_id: str, filters) -> None:
    """The exported ids obey the filters (see the comment above) and keep the pool's order."""
    order = {row["data_row"]["id"]: i for i, row in enumerate(pool)}
    unknown = [i for i in got_ids if i not in order]
    assert not unknown, f"exported ids not in the unfiltered project export: {unknown[:5]}"
    positions = [order[i] for i in got_ids]
    assert positions == sorted(positions), "filtered rows are not in the unfiltered export's order"
    got = set(got_ids)
    assert len(got) == len(got_ids), "a row was exported twice"
    for row in pool:
        facts = _row_facts(row, project_id)
        v = _verdict(facts, filters)
        if v is True:
            assert facts["id"] in got, f"row {facts['id']} matches {filters} but was not exported: {facts}"
        elif v is False:
            assert facts["id"] not in got, f"row {facts['id']} fails {filters} but was exported: {facts}"
