"""Session fixtures: one live `fauxport serve`, SDK clients pointed at it, and ground truth.

The server is started once per pytest session on 127.0.0.1 with a port chosen by the OS
(`--addr 127.0.0.1:0 --port-file FILE`), and stopped with SIGTERM at the end.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import labelbox as lb
import pytest

import support
from serve import Server, start_server, stop_server

HERE = Path(__file__).resolve().parent

# The SDK (requests) and urllib both honour *_PROXY variables: never proxy loopback.
for _var in ("NO_PROXY", "no_proxy"):
    _hosts = [h for h in os.environ.get(_var, "").split(",") if h]
    os.environ[_var] = ",".join(dict.fromkeys(["127.0.0.1", "localhost", *_hosts]))


# Suites that `pytest .` (bash scripts/compat) does not collect: each needs more than the SDK
# (nginx, a browser) and runs from its own script, which names its directory
# (bash scripts/replicas, bash scripts/dashboard-test).
OWN_SCRIPT_DIRS = ("replicas", "ui")


def _named_explicitly(config, directory: Path) -> bool:
    """Whether a positional argument of this pytest run is `directory` or inside it."""
    base = Path(config.invocation_params.dir)
    for arg in config.args:
        target = (base / str(arg).split("::", 1)[0]).resolve()
        if target == directory or directory in target.parents:
            return True
    return False


def pytest_ignore_collect(collection_path, config):
    path = Path(collection_path).resolve()
    if path.parent == HERE and path.name in OWN_SCRIPT_DIRS and path.is_dir():
        if not _named_explicitly(config, path):
            return True
    return None


def pytest_report_header(config):
    return [
        f"labelbox SDK {support.SDK_VERSION} (major {support.SDK_MAJOR}); "
        f"fauxport binary {support.FAUXPORT_BIN}"
    ]


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Server:
    """A running `fauxport serve` with the default world (seed 42, 2000 rows per project,
    pages of 500 rows)."""
    srv = start_server(
        tmp_path_factory.mktemp("fauxport-serve"),
        "--seed", str(support.SEED), "--rows", str(support.ROWS), "--page-rows", str(support.PAGE_ROWS),
    )
    try:
        yield srv
    finally:
        stop_server(srv)


# The live world of test_live.py: one project whose rows keep arriving (batches of 20 over
# 20 days of history before the clock's start and 10 days after it).
LIVE_WORLD = """\
seed = 42

[clock]
start = "2026-03-01T12:00:00Z"
history_days = 20
future_days = 10

[[projects]]
kind = "prompt-response-creation"
rows = 600
batch_size = 20
"""


@pytest.fixture(scope="module")
def live_server(tmp_path_factory) -> Server:
    """`fauxport serve --live` over LIVE_WORLD, pages of 100 rows; its clock is moved with
    `PUT /__admin/clock`."""
    tmp = tmp_path_factory.mktemp("fauxport-live")
    world_file = tmp / "live-world.toml"
    world_file.write_text(LIVE_WORLD)
    srv = start_server(tmp, "--live", "--world", str(world_file), "--page-rows", "100")
    try:
        yield srv
    finally:
        stop_server(srv)


@pytest.fixture(scope="session")
def world(server) -> Dict[str, Any]:
    return server.world


@pytest.fixture(scope="session")
def make_client(server) -> Callable[[Optional[str]], lb.Client]:
    """`make_client(api_key)`: an SDK client for the live server with any key, e.g. a
    `fauxport:<scenario>` key."""

    def make(api_key: Optional[str]) -> lb.Client:
        return lb.Client(api_key=api_key, endpoint=server.graphql, rest_endpoint=server.rest)

    return make


@pytest.fixture(scope="session")
def client(make_client, world) -> lb.Client:
    """The SDK client with the world's own API key."""
    return make_client(world["api_key"])


@pytest.fixture(scope="session")
def world_projects(world) -> Dict[str, Dict[str, Any]]:
    """world.json projects by kind."""
    by_kind = {p["kind"]: p for p in world["projects"]}
    missing = set(support.KINDS) - set(by_kind)
    assert not missing, f"world.json lacks project kinds {missing}: {world['projects']}"
    return by_kind


@pytest.fixture(scope="session")
def project(client, world_projects) -> Callable[[str], Any]:
    """`project(kind)`: the SDK `Project` of that kind, fetched once per session."""
    cache: Dict[str, Any] = {}

    def get(kind: str):
        if kind not in cache:
            cache[kind] = client.get_project(world_projects[kind]["id"])
        return cache[kind]

    return get


def _project_id(world_projects, project) -> str:
    if isinstance(project, str):
        return world_projects[project]["id"] if project in world_projects else project
    if isinstance(project, dict):
        return project["id"]
    return project.uid  # an SDK Project


@pytest.fixture(scope="session")
def truth(client, world_projects) -> Callable[..., support.Truth]:
    """`truth(project, filters=None, params=None, stream="result")`: the exact NDJSON bytes
    the server should serve. `project` is a kind, an id, a world.json entry or an SDK
    Project; `filters` and `params` are exactly what the test passes to `project.export`.
    Filters are turned into the wire query by the SDK's own `build_filters`, so ground truth
    sees the same JSON (timezone included) as the server."""

    def get(project, filters=None, params=None, stream="result") -> support.Truth:
        query = support.query_for(client, filters) if filters else []
        return support.generate(_project_id(world_projects, project), query, params, stream)

    return get


@pytest.fixture(scope="session")
def ground_truth(truth) -> Callable[..., List[Dict[str, Any]]]:
    """`ground_truth(project, filters=None, params=None, stream="result")`: the rows the
    server should serve, as a list of dicts in order."""

    def get(project, filters=None, params=None, stream="result"):
        return truth(project, filters, params, stream).rows

    return get


@pytest.fixture(scope="session")
def everything(truth):
    """`everything(kind)`: every row of a project with every param on, the pool tests draw
    ids, batches and dates from."""

    def get(kind: str):
        return truth(kind, None, support.ALL_PARAMS_ON).rows

    return get
