"""A world that moves (`fauxport serve --live`), driven by the official SDK the way a sync job
is: export everything, let time pass (the test moves the server's clock with
`PUT /__admin/clock`), export again with a `last_activity_at` filter from the first export's
time, and get exactly the rows that are new or changed since.

Ground truth is the server's own full export at the later time: the rows whose activity is
after T1, which must also be exactly the rows that are new or differ from the first export.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List

import labelbox as lb
import pytest

import support

T1 = datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc)
T2 = T1 + timedelta(days=3)


def _clock(srv, method: str, body: Dict[str, Any] | None = None):
    """`GET` or `PUT /__admin/clock`: (HTTP status, JSON answer)."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(srv.base + "/__admin/clock", data=data, method=method)
    request.add_header("content-type", "application/json")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=10) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def _set_clock(srv, **body) -> Dict[str, Any]:
    status, answer = _clock(srv, "PUT", body)
    assert status == 200, f"PUT /__admin/clock {body}: HTTP {status} {answer}"
    return answer


def _activity(row) -> datetime:
    return datetime.fromisoformat(row["data_row"]["details"]["last_activity_at"])


def _by_id(rows: List[Dict[str, Any]]) -> Dict[str, Dict[str, Any]]:
    return {row["data_row"]["id"]: row for row in rows}


@pytest.fixture(scope="module")
def live_project(live_server):
    client = lb.Client(
        api_key=live_server.world["api_key"], endpoint=live_server.graphql, rest_endpoint=live_server.rest
    )
    return client.get_project(live_server.world["projects"][0]["id"])


def test_an_incremental_export_gets_exactly_the_new_activity(live_server, live_project):
    # A clock all but stopped (a world second every 11 real days): the first export is taken
    # at T1 to the millisecond, however long the SDK takes.
    clock = _set_clock(live_server, now=T1.isoformat(), speed=1e-6)
    assert clock["now"] == "2026-03-01T12:00:00.000+00:00"
    first = support.read_buffered(support.export_done(live_project, params=support.ALL_PARAMS_ON))
    assert 0 < len(first) < 600, f"some rows exist at T1, some are still to come: {len(first)}"
    assert all(_activity(row) <= T1 for row in first)

    _set_clock(live_server, now=T2.isoformat())
    second = support.read_buffered(support.export_done(live_project, params=support.ALL_PARAMS_ON))
    assert len(second) > len(first), "rows arrived between T1 and T2"
    before, after = _by_id(first), _by_id(second)
    assert set(before) <= set(after), "no row disappears"
    # What a sync job must pick up: rows that are new at T2 or changed since T1, in export order.
    moved = [row for row in second if before.get(row["data_row"]["id"]) != row]
    assert len(moved) > len(second) - len(first), "some old rows have new activity too"
    # The server's ground truth: the rows of the T2 export whose activity is after T1.
    assert [r["data_row"]["id"] for r in moved] == [r["data_row"]["id"] for r in second if _activity(r) > T1]

    # The SDK's date filters are inclusive with whole seconds, and the world at T1 held all of
    # T1's second: activity after an export at T1 starts at T1 + 1 s.
    since = (T1 + timedelta(seconds=1)).strftime("%Y-%m-%d %H:%M:%S")
    task = support.export_done(
        live_project, filters={"last_activity_at": [since, None]}, params=support.ALL_PARAMS_ON
    )
    incremental = support.read_buffered(task) if task.has_result() else []
    support.assert_rows_equal(incremental, moved, f"last_activity_at >= {since} after moving to {T2}")
    assert incremental, "there was new activity to pick up"


def test_the_clock_reads_back_and_bad_bodies_name_the_field(live_server):
    _set_clock(live_server, now="2026-03-05T00:00:00Z", speed=60)
    status, clock = _clock(live_server, "GET")
    assert status == 200 and clock["speed"] == 60
    assert clock["now"].startswith("2026-03-05T00:0"), clock
    for body, field in [({"now": "tomorrow"}, "now:"), ({"speed": 0}, "speed:"), ({"sped": 1}, "sped:")]:
        status, answer = _clock(live_server, "PUT", body)
        assert status == 400 and answer["error"].startswith(field), (body, status, answer)
