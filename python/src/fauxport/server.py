"""A live `fauxport serve` on a free loopback port, and what a test asks of it: keys, SDK
clients, the admin API's journal and verify, and the ground truth of an export."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence

from fauxport import admin, truth
from fauxport.binary import find_binary


class FauxportError(RuntimeError):
    """Something the plugin asked of fauxport failed; the message says what and why."""


class ServerDidNotStart(FauxportError):
    """`fauxport serve` exited or was not ready in time; the message holds its stderr."""


def scenario_key(scenario: str, seed: Optional[int] = None) -> str:
    """The API key that selects a scenario: `fauxport:<scenario>[:<seed>]`."""
    if not scenario or ":" in scenario:
        raise ValueError(f"not a scenario name: {scenario!r}")
    return f"fauxport:{scenario}" if seed is None else f"fauxport:{scenario}:{int(seed)}"


def _never_proxy_loopback() -> None:
    """The SDK (requests) honours *_PROXY variables: a proxy must not intercept 127.0.0.1."""
    for var in ("NO_PROXY", "no_proxy"):
        hosts = [h for h in os.environ.get(var, "").split(",") if h]
        os.environ[var] = ",".join(dict.fromkeys(["127.0.0.1", "localhost", *hosts]))


class FauxportServer:
    """`fauxport serve --addr 127.0.0.1:0 --port-file FILE --seed SEED --rows ROWS [ARGS]`.

    Without `--api-key` in `args` the server accepts its dev key and every scenario key
    (`fauxport:<scenario>[:<seed>]`), which `client()` and `api_key_for()` use. Start it with
    `start()` or `with`; `stop()` sends SIGTERM and kills it after `stop_timeout` seconds."""

    def __init__(
        self,
        binary: Optional[str] = None,
        *,
        rows: int = 2000,
        seed: int = 42,
        args: Sequence[str] = (),
        workdir: Optional[os.PathLike] = None,
        start_timeout: float = 60.0,
        stop_timeout: float = 10.0,
    ) -> None:
        self.binary = find_binary(binary)
        self.rows = int(rows)
        self.seed = int(seed)
        self.args = list(args)
        self.start_timeout = start_timeout
        self.stop_timeout = stop_timeout
        self._own_workdir = workdir is None
        self.workdir = Path(workdir) if workdir is not None else None
        self.process: Optional[subprocess.Popen] = None
        self.base_url = ""
        self.world: Dict[str, Any] = {}

    # --- lifecycle -------------------------------------------------------------------------

    def start(self) -> "FauxportServer":
        if self.process is not None:
            raise FauxportError("this server was already started")
        if self.workdir is None:
            self.workdir = Path(tempfile.mkdtemp(prefix="fauxport-"))
        self.workdir.mkdir(parents=True, exist_ok=True)
        port_file = self.workdir / "base-url"
        port_file.unlink(missing_ok=True)
        self.command = [
            self.binary, "serve", "--addr", "127.0.0.1:0", "--port-file", str(port_file),
            "--seed", str(self.seed), "--rows", str(self.rows), *self.args,
        ]
        _never_proxy_loopback()
        with open(self.stdout_path, "wb") as out, open(self.stderr_path, "wb") as err:
            try:
                self.process = subprocess.Popen(
                    self.command, stdin=subprocess.DEVNULL, stdout=out, stderr=err
                )
            except OSError as error:
                raise ServerDidNotStart(f"`{self.binary}` could not be run: {error}") from None
        try:
            self.base_url = self._wait_until_up(port_file)
            self.world = admin.call("GET", self.base_url + "/world.json")
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> Optional[int]:
        """Stops the server (SIGTERM, then SIGKILL after `stop_timeout` s); its exit status, or
        None if it had to be killed. Stopping a stopped server does nothing."""
        process, status = self.process, None
        if process is not None:
            if process.poll() is not None:
                status = process.returncode
            else:
                process.send_signal(signal.SIGTERM)
                try:
                    status = process.wait(timeout=self.stop_timeout)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        if self._own_workdir and self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
        return status

    def __enter__(self) -> "FauxportServer":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    @property
    def stdout_path(self) -> Path:
        return self._workdir() / "serve.stdout"

    @property
    def stderr_path(self) -> Path:
        return self._workdir() / "serve.stderr"

    def stderr_tail(self, lines: int = 40) -> str:
        """The last lines the server wrote to stderr (where it logs)."""
        try:
            text = self.stderr_path.read_text(errors="replace")
        except OSError:
            return "(no stderr)"
        return "\n".join(text.splitlines()[-lines:]) or "(stderr is empty)"

    def _workdir(self) -> Path:
        if self.workdir is None:
            raise FauxportError("the server has not been started")
        return self.workdir

    def _wait_until_up(self, port_file: Path) -> str:
        return wait_until_serving(
            self.process, port_file, self.start_timeout, self.command, self.stderr_tail
        )

    # --- where it is -----------------------------------------------------------------------

    @property
    def endpoint(self) -> str:
        """The GraphQL URL (the SDK's `endpoint`)."""
        return self.base_url + "/graphql"

    @property
    def rest_endpoint(self) -> str:
        """The REST base URL (the SDK's `rest_endpoint`)."""
        return self.base_url + "/api/v1"

    @property
    def admin_url(self) -> str:
        return self.base_url + "/__admin"

    @property
    def api_key(self) -> str:
        """The world's own API key (no scenario: `happy`, or the server's `--scenario`)."""
        return self.world["api_key"]

    @property
    def project_ids(self) -> Dict[str, str]:
        """Project kind (e.g. `prompt-response-creation`) -> project id."""
        return {p["kind"]: p["id"] for p in self.world["projects"]}

    # --- keys and clients ------------------------------------------------------------------

    def api_key_for(self, scenario: str, seed: Optional[int] = None) -> str:
        """The key whose requests run under `scenario` (with that fault seed; without one the
        scenario uses the world's seed)."""
        return scenario_key(scenario, seed)

    def client(self, scenario: Optional[str] = None, seed: Optional[int] = None) -> Any:
        """A `labelbox.Client` for this server: with the world's key, or `scenario`'s."""
        key = self.api_key if scenario is None else self.api_key_for(scenario, seed)
        return self.client_for_key(key)

    def client_for_key(self, api_key: str) -> Any:
        try:
            import labelbox
        except ImportError as err:
            raise FauxportError(
                f"client() needs the Labelbox SDK in this environment (pip install labelbox): {err}"
            ) from None
        return labelbox.Client(
            api_key=api_key, endpoint=self.endpoint, rest_endpoint=self.rest_endpoint
        )

    # --- the admin API ---------------------------------------------------------------------

    def requests(self, **filters: Any) -> List[Dict[str, Any]]:
        """The journal's entries, oldest first, matching `filters` (`api_key`, `operation`,
        `kind`, `path_prefix`, `faulted`, `limit`): `GET /__admin/requests`."""
        query = admin.query_string(filters)
        url = self.admin_url + "/requests" + (f"?{query}" if query else "")
        return self._admin("GET", url)["requests"]

    def verify(self, **expectations: Any) -> Dict[str, Any]:
        """`POST /__admin/requests/verify`: the journal's filters plus `min_count`, `max_count`,
        `min_gap_ms` and `order`; the answer (`ok`, `count`, `problems`, ...)."""
        return self._admin("POST", self.admin_url + "/requests/verify", expectations)

    def count(self, **filters: Any) -> int:
        """`POST /__admin/requests/count`: how many journal entries match."""
        return self._admin("POST", self.admin_url + "/requests/count", filters)["count"]

    def reset(self) -> Dict[str, Any]:
        """`POST /__admin/reset`: clears the journal, the scenarios put through the admin API,
        the admin default scenario and every scenario's call counters."""
        return self._admin("POST", self.admin_url + "/reset", {})

    def scenario(self, name: str) -> Dict[str, Any]:
        """A scenario's definition (`GET /__admin/scenarios/NAME`); FauxportError if unknown."""
        return self._admin("GET", f"{self.admin_url}/scenarios/{name}")

    def scenario_names(self) -> List[str]:
        answer = self._admin("GET", self.admin_url + "/scenarios")
        items = answer.get("scenarios", answer) if isinstance(answer, dict) else answer
        return [s["name"] for s in items]

    def _admin(self, method: str, url: str, body: Optional[Dict[str, Any]] = None) -> Any:
        self._workdir()
        try:
            return admin.call(method, url, body)
        except admin.AdminError as err:
            raise FauxportError(str(err)) from None

    # --- ground truth ----------------------------------------------------------------------

    def expected_rows(
        self,
        project_id: str,
        params: Optional[Mapping[str, Any]] = None,
        *,
        filters: Optional[Any] = None,
        stream: str = "result",
    ) -> List[Dict[str, Any]]:
        """The rows an export of `project_id` (an id, or a kind of `project_ids`) with the SDK
        export `params` holds, in order, from `fauxport generate` (not from the server).
        `filters`: the SDK's filters dict (plain dates in UTC). stream="errors": the error
        lines instead. A scenario that changes content (partial-errors, hostile-content,
        large-export, huge-rows, empty-export) serves other rows than these."""
        project_id = self.project_ids.get(project_id, project_id)
        try:
            return truth.generate_rows(
                self.binary, seed=self.seed, rows=self.rows, project_id=project_id,
                params=params, filters=filters, stream=stream,
            )
        except RuntimeError as err:
            raise FauxportError(f"ground truth failed: {err}") from None


def wait_until_serving(
    process: "subprocess.Popen[bytes]",
    port_file: Path,
    timeout: float,
    command: Sequence[str],
    stderr_tail: Callable[[], str],
) -> str:
    """The base URL `fauxport serve --port-file FILE` wrote, once its `/healthz` answers.
    `ServerDidNotStart`, with the command and the tail of its stderr, when the process exits
    first or is not ready within `timeout` seconds. The compat suite starts its servers with it
    too."""
    deadline = time.monotonic() + timeout
    base, last = "", "it wrote no port file"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerDidNotStart(
                f"`{' '.join(command)}` exited with status {process.returncode} "
                f"before serving. Its stderr:\n{stderr_tail()}"
            )
        if not base and port_file.exists():
            text = port_file.read_text().strip()
            if text.startswith("http://") and text.rsplit(":", 1)[-1].isdigit():
                base = text.rstrip("/")
        if base:
            try:
                admin.send("GET", base + "/healthz", timeout=2.0)
                return base
            except (OSError, admin.AdminError) as err:
                last = f"GET {base}/healthz: {err}"
        time.sleep(0.05)
    raise ServerDidNotStart(
        f"`{' '.join(command)}` was not ready after {timeout:.0f} s "
        f"({last}). Its stderr:\n{stderr_tail()}"
    )
