"""`fauxport serve` options the session server does not use: another seed, a tiny page
size, a custom API key, `--any-key`, and a clean stop on SIGTERM. Each starts its own
small server (50 rows per project)."""

from __future__ import annotations

import math
import time

import pytest

import support
from serve import start_server, stop_server
from support import StreamType, exceptions

SMALL_ROWS = 50
CUSTOM_KEY = "compat-custom-key"


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """Seed 7, 50 rows, pages of 7 rows, a custom key."""
    srv = start_server(
        tmp_path_factory.mktemp("serve-small"),
        "--seed", "7", "--rows", str(SMALL_ROWS), "--page-rows", "7", "--api-key", CUSTOM_KEY,
    )
    yield srv
    stop_server(srv)


def _client(srv, key):
    import labelbox as lb

    return lb.Client(api_key=key, endpoint=srv.graphql, rest_endpoint=srv.rest)


def test_world_json_reflects_the_options(small):
    w = small.world
    assert w["seed"] == 7
    assert w["api_key"] is None, "a configured key is not shown over HTTP"
    assert w["graphql"] == small.graphql
    assert sorted(p["kind"] for p in w["projects"]) == sorted(support.KINDS)
    assert all(p["rows"] == SMALL_ROWS for p in w["projects"])
    assert w["user"]["id"] and w["organization"]["id"]


@pytest.mark.parametrize("kind", support.KINDS)
def test_other_seed_and_small_pages(kind, small):
    """Rows and totals follow the seed; the page size changes only the page table."""
    wp = next(p for p in small.world["projects"] if p["kind"] == kind)
    c = _client(small, CUSTOM_KEY)
    task = support.export_done(c.get_project(wp["id"]), params=support.ALL_PARAMS_ON)
    want = support.generate(wp["id"], None, support.ALL_PARAMS_ON, "result", seed=7, rows=SMALL_ROWS)
    support.assert_rows_equal(support.read_buffered(task), want.rows, f"seed 7 {kind}")
    assert task.get_total_file_size(StreamType.RESULT) == want.total_size
    assert task.get_total_lines(StreamType.RESULT) == want.total_lines
    if support.HAS_GET_STREAM:
        import labelbox as lb

        outputs = []
        task.get_stream(converter=lb.FileConverter(file_path="/dev/null"), stream_type=StreamType.RESULT).start(
            stream_handler=outputs.append
        )
        assert len(outputs) == math.ceil(want.total_lines / 7), "pages of 7 lines expected"
        assert [o.current_line for o in outputs] == list(range(0, want.total_lines, 7))


def test_custom_key_only(small):
    with pytest.raises(exceptions.AuthenticationError):
        _client(small, "not-the-custom-key").get_project(small.world["projects"][0]["id"])


def test_any_key(tmp_path_factory):
    srv = start_server(tmp_path_factory.mktemp("serve-any-key"), "--rows", str(SMALL_ROWS), "--any-key")
    try:
        wp = srv.world["projects"][0]
        c = _client(srv, "any key at all")
        p = c.get_project(wp["id"])
        assert p.name == wp["name"]
        task = support.export_done(p)
        want = support.generate(wp["id"], rows=SMALL_ROWS)
        support.assert_rows_equal(support.read_buffered(task), want.rows, "--any-key export")
    finally:
        stop_server(srv)


def test_sigterm_stops_cleanly(tmp_path_factory):
    srv = start_server(tmp_path_factory.mktemp("serve-stop"), "--rows", "10")
    started = time.monotonic()
    status = stop_server(srv)
    assert status == 0, f"exit status after SIGTERM: {status} (None = had to be killed)\n{srv.log_tail()}"
    assert time.monotonic() - started < 5
