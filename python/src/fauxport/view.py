"""One test's view of the shared server: every attribute and method of `FauxportServer`, with
`api_key` and `client()` bound to the scenario the test chose (the `fauxport` marker)."""

from __future__ import annotations

from typing import Any, Optional

from fauxport.server import FauxportServer


class ScenarioView:
    """The `fauxport` fixture: `server` under `scenario` (and its fault `seed`, or the world's)."""

    def __init__(self, server: FauxportServer, scenario: str = "happy", seed: Optional[int] = None):
        self.server = server
        self.scenario = scenario
        self.scenario_seed = seed

    @property
    def api_key(self) -> str:
        """The key of this test's scenario: `fauxport:<scenario>[:<seed>]`."""
        return self.server.api_key_for(self.scenario, self.scenario_seed)

    def client(self, scenario: Optional[str] = None, seed: Optional[int] = None) -> Any:
        """A `labelbox.Client` under this test's scenario, or under `scenario` if given."""
        if scenario is None:
            return self.server.client_for_key(self.api_key)
        return self.server.client(scenario, seed)

    def __getattr__(self, name: str) -> Any:
        # endpoint, base_url, rest_endpoint, project_ids, seed, rows, api_key_for, requests,
        # verify, count, expected_rows, reset, ...: the server's own.
        return getattr(self.server, name)

    def __repr__(self) -> str:
        return f"<fauxport {self.server.base_url} scenario={self.api_key}>"
