"""fauxport for Python: the `fauxport` binary this wheel installs, a live server you can start
from Python (`FauxportServer`), and the pytest plugin (`fauxport.pytest_plugin`, loaded by
pytest through the `pytest11` entry point) that hands one to your tests.

    from fauxport import FauxportServer

    with FauxportServer(rows=100) as server:
        client = server.client("flaky-pages", seed=7)   # a labelbox.Client
        ...
        assert server.verify(api_key=server.api_key_for("flaky-pages", 7), kind="task",
                             min_gap_ms=2000)["ok"]

See docs/pytest.md in the repository for the reference.
"""

from importlib.metadata import PackageNotFoundError, version

from fauxport.binary import BinaryNotFound, find_binary
from fauxport.server import FauxportError, FauxportServer, ServerDidNotStart
from fauxport.view import ScenarioView

try:
    __version__ = version("fauxport")
except PackageNotFoundError:  # imported from a source tree, not installed
    __version__ = "0+unknown"

__all__ = [
    "BinaryNotFound",
    "FauxportError",
    "FauxportServer",
    "ScenarioView",
    "ServerDidNotStart",
    "find_binary",
]
