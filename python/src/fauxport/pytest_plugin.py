"""The pytest plugin (entry point `pytest11: fauxport`): one live fauxport server per session.

Fixtures:
  fauxport_server  session: a started `FauxportServer` (see fauxport.server), stopped at the end
  fauxport         function: a `ScenarioView` of it, bound to the test's
                   `@pytest.mark.fauxport(scenario="flaky-pages", seed=7)` (`happy` without one);
                   the server is reset (journal, call counters) before the test
Options (command line, or the same names with underscores in [tool.pytest.ini_options]):
  --fauxport-rows N, --fauxport-seed N, --fauxport-bin PATH
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, Optional

import pytest

from fauxport.binary import BinaryNotFound, find_binary
from fauxport.server import FauxportError, FauxportServer
from fauxport.view import ScenarioView

DEFAULT_ROWS = 2000  # `fauxport serve`'s own default
DEFAULT_SEED = 42

_OPTIONS = {
    # name: (type, help)
    "fauxport_rows": (int, f"rows per project of the served world (default {DEFAULT_ROWS})"),
    "fauxport_seed": (int, f"seed of the served world (default {DEFAULT_SEED})"),
    "fauxport_bin": (str, "the fauxport binary to run (default: the one the wheel installed)"),
}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("fauxport", "fauxport: a fake Labelbox export API for the tests")
    for name, (_, help_text) in _OPTIONS.items():
        flag = "--" + name.replace("_", "-")
        group.addoption(flag, dest=name, default=None, help=help_text)
        parser.addini(name, help=help_text, default=None)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "fauxport(scenario='happy', seed=None): the scenario (and its fault seed) that the "
        "`fauxport` fixture's api_key and client() use",
    )


def _setting(config: pytest.Config, name: str) -> Optional[str]:
    """The command line's value, else the ini file's, else None."""
    value = config.getoption(name)
    if value is None:
        value = config.getini(name)
    return value if value not in (None, "") else None


def _int_setting(config: pytest.Config, name: str, default: int) -> int:
    value = _setting(config, name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise pytest.UsageError(
            f"--{name.replace('_', '-')} (or {name}) must be an integer, not {value!r}"
        ) from None


def _binary_setting(config: pytest.Config) -> Optional[str]:
    value = _setting(config, "fauxport_bin")
    if value is None:
        return None
    path = Path(value).expanduser()
    # A relative path in the ini file is relative to that file; on the command line, to the
    # current directory.
    if not path.is_absolute() and config.getoption("fauxport_bin") is None and config.inipath:
        path = Path(config.inipath).parent / path
    return str(path)


def pytest_report_header(config: pytest.Config) -> str:
    try:
        binary = find_binary(_binary_setting(config))
    except BinaryNotFound:
        binary = "(not found)"
    rows = _setting(config, "fauxport_rows") or DEFAULT_ROWS
    seed = _setting(config, "fauxport_seed") or DEFAULT_SEED
    return f"fauxport: {binary}, rows {rows}, seed {seed}"


@pytest.fixture(scope="session")
def fauxport_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[FauxportServer]:
    """A `fauxport serve` on a free loopback port for the whole session, stopped at its end."""
    config = request.config
    try:
        server = FauxportServer(
            _binary_setting(config),
            rows=_int_setting(config, "fauxport_rows", DEFAULT_ROWS),
            seed=_int_setting(config, "fauxport_seed", DEFAULT_SEED),
            workdir=tmp_path_factory.mktemp("fauxport"),
        )
        server.start()
    except (BinaryNotFound, FauxportError) as err:
        pytest.fail(f"fauxport: {err}", pytrace=False)
    try:
        yield server
    finally:
        server.stop()


def _marker_scenario(request: pytest.FixtureRequest) -> "tuple[str, Optional[int]]":
    marker = request.node.get_closest_marker("fauxport")
    if marker is None:
        return "happy", None
    unknown = set(marker.kwargs) - {"scenario", "seed"}
    if unknown or len(marker.args) > 2:
        pytest.fail(
            f"@pytest.mark.fauxport takes scenario and seed, not {sorted(unknown) or marker.args}",
            pytrace=False,
        )
    args = dict(zip(("scenario", "seed"), marker.args), **marker.kwargs)
    seed = args.get("seed")
    return args.get("scenario") or "happy", None if seed is None else int(seed)


@pytest.fixture
def fauxport(request: pytest.FixtureRequest, fauxport_server: FauxportServer) -> Any:
    """The session's server under this test's scenario; the server is reset first, so that the
    journal holds this test's requests only and scenario faults start from their first call."""
    scenario, seed = _marker_scenario(request)
    try:
        fauxport_server.scenario(scenario)
    except FauxportError:
        pytest.fail(
            f"@pytest.mark.fauxport: no scenario {scenario!r}; the server has "
            f"{', '.join(fauxport_server.scenario_names())}",
            pytrace=False,
        )
    fauxport_server.reset()
    return ScenarioView(fauxport_server, scenario, seed)
