"""Starting and stopping `fauxport serve` processes for the suite (used by conftest.py and
test_server_options.py)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

import support
from fauxport.server import wait_until_serving

START_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0


@dataclass
class Server:
    base: str  # e.g. http://127.0.0.1:41234
    world: Dict[str, Any]  # GET /world.json
    log: Path
    process: subprocess.Popen

    @property
    def graphql(self) -> str:
        return self.base + "/graphql"

    @property
    def rest(self) -> str:
        return self.base + "/api/v1"

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return "(no log)"


def _http_get(url: str, timeout: float = 5.0) -> bytes:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=timeout) as resp:
        if resp.status != 200:
            raise OSError(f"GET {url}: HTTP {resp.status}")
        return resp.read()


def start_server(tmp: Path, *args: str) -> Server:
    """Starts `fauxport serve --addr 127.0.0.1:0 --port-file <tmp>/base-url ARGS...` and waits
    (up to 60 s) for the port file and /healthz; loads /world.json. Stop it with `stop_server`."""
    binary = support.FAUXPORT_BIN
    if not os.access(binary, os.X_OK):
        pytest.exit(f"compat: {binary} is not an executable; run bash scripts/compat", 2)
    port_file, log = tmp / "base-url", tmp / "serve.log"
    cmd = [binary, "serve", "--addr", "127.0.0.1:0", "--port-file", str(port_file), *args]
    with open(log, "wb") as log_fh:
        process = subprocess.Popen(cmd, stdout=log_fh, stderr=subprocess.STDOUT)
    srv = Server(base="", world={}, log=log, process=process)
    try:
        srv.base = _wait_until_up(srv, port_file, cmd)
        srv.world = json.loads(_http_get(srv.base + "/world.json"))
    except BaseException:
        stop_server(srv)
        raise
    return srv


def stop_server(srv: Server) -> Optional[int]:
    """SIGTERM, then SIGKILL after 10 s. Returns the exit status, or None if it was killed."""
    process = srv.process
    if process.poll() is not None:
        return process.returncode
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return None


def _wait_until_up(srv: Server, port_file: Path, cmd: List[str]) -> str:
    return wait_until_serving(srv.process, port_file, START_TIMEOUT, cmd, srv.log_tail)
