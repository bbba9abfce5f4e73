"""The official SDK against three `fauxport serve` replicas behind a round-robin nginx.

Every replica is started with the same `--seed 42 --rows 2000 --page-rows 200` and the same
random `--url-secret`, and with `--public-url` pointing at nginx, so page URLs go through the
balancer too. nginx (its own config, pid, logs and temp paths in the test's tmp dir, one
worker, `daemon off`) hands consecutive requests to consecutive replicas, so one SDK export is
served by all three: the replica that answers "how is task X doing?", "what is the header of
X?" or "where is page 3 of X?" is usually not the one that created X. That only works when
task ids are stateless (any replica with the same flags answers any task, also after a
restart).

- test_export_spread_over_replicas: exports through nginx; rows equal ground truth; every
  request kind of the flow (create-export, task, header, page-lookup, page) reached at least
  two replicas (from each replica's own `GET /__admin/requests`).
- test_replica_restarted_mid_export: the replica that created the export is stopped (SIGTERM)
  right after `export()`, the task is re-attached and awaited while it is down, then it is
  started again on the same port before the pages are read; rows still equal ground truth
  and the restarted replica (fresh journal) served part of the flow.

Run with `bash scripts/replicas` (see conftest.py for why scripts/compat does not collect it).
"""

from __future__ import annotations

import contextlib
import grp
import itertools
import json
import math
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Set

import labelbox as lb
import pytest

import support
from serve import Server, stop_server
from support import ExportTask, StreamType

REPLICAS = 3
PAGE_ROWS = 200  # 2000 rows -> 10 pages per full export
PARAMS = support.ALL_PARAMS_ON
FLOW_KINDS = ("create-export", "task", "header", "page-lookup", "page")
MAX_EXPORTS = 4  # test 1 stops earlier once every kind reached two replicas
START_TIMEOUT = 60.0
NGINX_START_TIMEOUT = 15.0
STOP_TIMEOUT = 10.0
TEST_BUDGET = 300.0  # seconds a test's export loop may take in all
TASK_TIMEOUT = 60  # wait_till_done(timeout_seconds=...)


def _nginx_bin() -> str:
    found = os.environ.get("NGINX_BIN") or shutil.which("nginx")
    if not found and os.access("/usr/sbin/nginx", os.X_OK):
        found = "/usr/sbin/nginx"
    if not found:
        pytest.fail("nginx not found (set NGINX_BIN or run bash scripts/replicas, which installs it)")
    return found


def _get_json(url: str, timeout: float = 5.0):
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=timeout) as resp:
        return json.loads(resp.read())


def _healthy(url: str) -> bool:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=2.0) as resp:
            return resp.status == 200
    except OSError:
        return False


def _free_ports(n: int) -> List[int]:
    """n distinct ports the OS considers free on 127.0.0.1 (all sockets held until all are
    chosen). Another process could take one before it is used; a start then fails loudly."""
    socks = []
    try:
        for _ in range(n):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            socks.append(s)
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def _tail(path: Path, n: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-n:])
    except OSError:
        return f"(no {path.name})"


# --- replicas ----------------------------------------------------------------------------


@dataclass
class Replica:
    """One `fauxport serve` on a fixed 127.0.0.1 port (fixed, so it can come back on it)."""

    name: str
    port: int
    args: List[str]
    tmp: Path
    server: Optional[Server] = None
    starts: int = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Server:
        """Starts it and waits (up to 60 s) for the port file and GET /healthz on its own
        address. `--port-file` holds the public (nginx) URL here, so it only says "listening".
        A restart retries while the port is still taken by the old process's sockets."""
        assert self.server is None or self.server.process.poll() is not None, f"{self.name} runs"
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            self.starts += 1
            port_file = self.tmp / f"{self.name}.{self.starts}.port"
            log = self.tmp / f"{self.name}.{self.starts}.log"
            cmd = [
                support.FAUXPORT_BIN, "serve", "--addr", f"127.0.0.1:{self.port}",
                "--port-file", str(port_file), *self.args,
            ]
            with open(log, "wb") as log_fh:
                process = subprocess.Popen(cmd, stdout=log_fh, stderr=subprocess.STDOUT)
            srv = Server(base=self.base, world={}, log=log, process=process)
            self.server = srv
            while time.monotonic() < deadline:
                if process.poll() is not None:
                    break
                if port_file.exists() and _healthy(self.base + "/healthz"):
                    srv.world = _get_json(self.base + "/world.json")
                    return srv
                time.sleep(0.05)
            if process.poll() is None:  # deadline, still not healthy
                stop_server(srv)
                raise RuntimeError(
                    f"{self.name}: `{' '.join(cmd)}` not ready after {START_TIMEOUT:.0f} s:\n"
                    f"{srv.log_tail()}"
                )
            if "cannot listen" in srv.log_tail() and time.monotonic() < deadline - 0.5:
                time.sleep(0.25)  # the port is still busy after a stop: try again
                continue
            raise RuntimeError(
                f"{self.name}: `{' '.join(cmd)}` exited with {process.returncode}:\n{srv.log_tail()}"
            )

    def stop(self) -> Optional[int]:
        """SIGTERM, SIGKILL after 10 s (serve.stop_server). None if it never ran."""
        if self.server is None:
            return None
        return stop_server(self.server)

    @property
    def running(self) -> bool:
        return self.server is not None and self.server.process.poll() is None

    def journal(self) -> List[Dict]:
        """Its own journal, straight from the replica (never through nginx)."""
        return _get_json(self.base + "/__admin/requests")["requests"]


# --- nginx -------------------------------------------------------------------------------


NGINX_CONF = """\
# Throwaway nginx for compat/replicas (generated by test_replicas.py).
{user}worker_processes 1;
daemon off;
master_process on;
pid {dir}/nginx.pid;
error_log {dir}/error.log info;

events {{
    worker_connections 256;
}}

http {{
    log_format replicas '$remote_addr "$request" $status upstream=$upstream_addr '
                        'upstream_status=$upstream_status time=$request_time';
    access_log {dir}/access.log replicas;
    client_body_temp_path {dir}/client_body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;

    # Round robin (the default), one request at a time to the next replica. max_fails=0:
    # a replica that refused a connection is tried again by the very next request of its
    # turn, so a restarted replica gets traffic at once (not after fail_timeout).
    upstream fauxport {{
{servers}
    }}

    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 4m;
        client_body_buffer_size 4m;  # GraphQL bodies stay in memory

        location / {{
            proxy_pass http://fauxport;
            proxy_http_version 1.1;
            proxy_set_header Host $http_host;
            proxy_set_header Connection "";
            proxy_buffering off;
            proxy_connect_timeout 2s;
            proxy_read_timeout 60s;
            # A replica that is down (connection refused), hangs or answers 502: the request
            # goes to the next one, POSTs included (the GraphQL calls are all POSTs; a
            # repeated export mutation at worst creates a second task nobody polls).
            proxy_next_upstream error timeout http_502 non_idempotent;
            proxy_next_upstream_tries {tries};
            proxy_next_upstream_timeout 20s;
        }}
    }}
}}
"""


@dataclass
class Nginx:
    dir: Path
    port: int
    upstream_ports: List[int]
    process: Optional[subprocess.Popen] = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def conf(self) -> Path:
        return self.dir / "nginx.conf"

    def write_conf(self) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.dir / sub).mkdir(exist_ok=True)
        user = ""
        if os.geteuid() == 0:  # workers would run as nobody, who cannot enter pytest's tmp dirs
            user = f"user {pwd.getpwuid(os.geteuid()).pw_name} {grp.getgrgid(os.getegid()).gr_name};\n"
        servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=0;" for p in self.upstream_ports)
        self.conf.write_text(
            NGINX_CONF.format(
                user=user, dir=self.dir, port=self.port, servers=servers,
                tries=len(self.upstream_ports),
            )
        )

    def _cmd(self, *extra: str) -> List[str]:
        # -e: the startup error log too, so nothing touches /var/log/nginx.
        return [_nginx_bin(), "-p", str(self.dir), "-c", str(self.conf),
                "-e", str(self.dir / "error.log"), *extra]

    def check_conf(self) -> str:
        """`nginx -t` on the generated config; fails the test with its output if bad."""
        proc = subprocess.run(self._cmd("-t"), capture_output=True, text=True, timeout=30)
        out = (proc.stdout + proc.stderr).strip()
        if proc.returncode != 0:
            pytest.fail(f"nginx -t failed ({proc.returncode}):\n{out}\n--- {self.conf}:\n{self.conf.read_text()}")
        return out

    def start(self) -> None:
        self.write_conf()
        self.check_conf()
        log = open(self.dir / "stdout.log", "wb")
        try:
            # Own process group: if the master has to be killed, its workers go with it.
            self.process = subprocess.Popen(self._cmd(), stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True)
        finally:
            log.close()
        deadline = time.monotonic() + NGINX_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited with {self.process.returncode}:\n{_tail(self.dir / 'error.log')}")
            if _healthy(self.base + "/healthz"):  # not journaled by fauxport
                return
            time.sleep(0.05)
        raise RuntimeError(f"nginx not serving {self.base}/healthz after {NGINX_START_TIMEOUT:.0f} s:\n"
                           f"{_tail(self.dir / 'error.log')}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)  # fast shutdown of master and worker
        try:
            self.process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)  # only the group started here
            self.process.wait(timeout=STOP_TIMEOUT)


# --- the cluster -------------------------------------------------------------------------


@dataclass
class Cluster:
    replicas: List[Replica]
    nginx: Nginx
    world: Dict
    notes: List[str] = field(default_factory=list)

    def client(self) -> lb.Client:
        """An SDK client that only knows nginx."""
        return lb.Client(api_key=self.world["api_key"], endpoint=self.nginx.base + "/graphql",
                         rest_endpoint=self.nginx.base + "/api/v1")

    def project_id(self, kind: str) -> str:
        return next(p["id"] for p in self.world["projects"] if p["kind"] == kind)

    def journals(self) -> Dict[str, List[Dict]]:
        """Each running replica's journal (a stopped one has none to give)."""
        return {r.name: r.journal() for r in self.replicas if r.running}

    def creator_of(self, task_id: str) -> Optional[Replica]:
        for r in self.replicas:
            if r.running and any(e["kind"] == "create-export" and e["task"] == task_id for e in r.journal()):
                return r
        return None

    def describe(self, last: int = 12) -> str:
        """The end of every replica's journal and of nginx's access log, for failure messages."""
        lines = list(self.notes)
        for r in self.replicas:
            if not r.running:
                lines.append(f"{r.name} ({r.base}): not running")
                continue
            try:
                entries = r.journal()
            except OSError as err:
                lines.append(f"{r.name} ({r.base}): journal unreadable: {err}")
                continue
            created = sorted({e["task"] for e in entries if e["kind"] == "create-export" and e["task"]})
            lines.append(f"{r.name} ({r.base}, start #{r.starts}): {len(entries)} requests; "
                         f"created tasks {created or '-'}; last {min(last, len(entries))}:")
            for e in entries[-last:]:
                what = ",".join(e["operations"]) or e["path"]
                lines.append(f"    #{e['seq']} {e['kind']} {what} task={e['task']} status={e['status']}"
                             f" error_code={e['error_code']}")
        lines.append("nginx access log (last 12):")
        lines.append(_tail(self.nginx.dir / "access.log", 12))
        return "\n".join(lines)

    @contextlib.contextmanager
    def step(self, what: str) -> Iterator[None]:
        """Runs one SDK step; if it raises, says which step and what each replica saw."""
        try:
            yield
        except Exception as err:
            try:
                context = self.describe()
            except Exception as inner:  # never hide the SDK's error behind a diagnostic one
                context = f"(could not read the journals: {inner!r})"
            raise AssertionError(
                f"through nginx, step `{what}` raised {type(err).__name__}: {err}\n{context}"
            ) from err


@pytest.fixture
def cluster(tmp_path) -> Iterator[Cluster]:
    """Three replicas and nginx in front of them, all stopped at the end whatever happens."""
    lb_port, *ports = _free_ports(REPLICAS + 1)
    secret = secrets.token_hex(16)  # random per run: any replica must still verify the others' URLs
    args = [
        "--seed", str(support.SEED), "--rows", str(support.ROWS), "--page-rows", str(PAGE_ROWS),
        "--url-secret", secret, "--public-url", f"http://127.0.0.1:{lb_port}",
    ]
    replicas = [Replica(f"replica-{i + 1}", port, args, tmp_path) for i, port in enumerate(ports)]
    nginx = Nginx(tmp_path / "nginx", lb_port, ports)
    try:
        for r in replicas:
            r.start()
        worlds = [r.server.world for r in replicas]
        ids = [[(p["kind"], p["id"]) for p in w["projects"]] for w in worlds]
        assert all(i == ids[0] for i in ids) and len({w["api_key"] for w in worlds}) == 1, (
            f"replicas with the same flags disagree on the world: {ids}"
        )
        nginx.start()
        yield Cluster(replicas, nginx, worlds[0])
    finally:
        problems = []
        for stop in [nginx.stop, *(r.stop for r in replicas)]:
            try:
                stop()
            except Exception as err:  # keep stopping the others
                problems.append(repr(err))
        assert not problems, f"stopping the cluster: {problems}"


# --- helpers -----------------------------------------------------------------------------


def _spread(journals: Dict[str, List[Dict]]) -> Dict[str, Set[str]]:
    """kind -> the replicas that served at least one request of that kind."""
    out: Dict[str, Set[str]] = {k: set() for k in FLOW_KINDS}
    for name, entries in journals.items():
        for e in entries:
            if e["kind"] in out:
                out[e["kind"]].add(name)
    return out


def _export_and_read(cluster: Cluster, client: lb.Client, kind: str, label: str):
    """get_project, export, wait_till_done, get_buffered_stream; rows == ground truth.
    Returns (task, ground truth)."""
    pid = cluster.project_id(kind)
    truth = support.generate(pid, None, PARAMS, "result")
    with cluster.step(f"{label}: client.get_project({pid})"):
        project = client.get_project(pid)
    with cluster.step(f"{label}: project.export(params=all on)"):
        task = project.export(params=PARAMS, task_name=f"replicas {label}")
    with cluster.step(f"{label}: wait_till_done on {task.uid}"):
        task.wait_till_done(timeout_seconds=TASK_TIMEOUT)
    assert task.status == "COMPLETE", f"{label}: task {task.uid} ended {task.status}"
    with cluster.step(f"{label}: get_buffered_stream(RESULT) of {task.uid}"):
        rows = support.read_buffered(task, StreamType.RESULT)
    support.assert_rows_equal(rows, truth.rows, f"{label} ({kind}) RESULT")
    return task, truth


# --- tests -------------------------------------------------------------------------------


def test_export_spread_over_replicas(cluster):
    client = cluster.client()
    deadline = time.monotonic() + TEST_BUDGET
    tasks = {}
    spread: Dict[str, Set[str]] = {}
    for i, kind in enumerate(itertools.islice(itertools.cycle(support.KINDS), MAX_EXPORTS)):
        # i extra "other" calls before export i: successive exports start at different points
        # of nginx's rotation even if one export's requests are a multiple of three.
        for _ in range(i):
            with cluster.step(f"export {i + 1}: client.get_user()"):
                client.get_user()
        task, truth = _export_and_read(cluster, client, kind, f"export {i + 1}")
        tasks[task.uid] = truth
        spread = _spread(cluster.journals())
        if all(len(spread[k]) >= 2 for k in FLOW_KINDS):
            break
        assert time.monotonic() < deadline, f"exports took over {TEST_BUDGET:.0f} s"

    table = {k: sorted(v) for k, v in spread.items()}
    narrow = [k for k in FLOW_KINDS if len(spread[k]) < 2]
    assert not narrow, (
        f"after {len(tasks)} exports, kinds {narrow} reached fewer than two replicas: {table}\n"
        f"{cluster.describe()}"
    )

    journals = cluster.journals()
    every = [(name, e) for name, entries in journals.items() for e in entries]
    bad = [(name, e) for name, e in every if e["status"] >= 400 or e["error_code"] or e["fault"]]
    assert not bad, f"requests that failed on a replica: {bad[:5]}"
    for uid, truth in tasks.items():
        pages = math.ceil(truth.total_lines / PAGE_ROWS)
        served = [(name, e["path"]) for name, e in every if e["kind"] == "page" and e["task"] == uid]
        assert len(served) == pages, f"task {uid}: {len(served)} page downloads, want {pages}: {served}"
        assert len({name for name, _ in served}) >= 2, f"task {uid}: pages from one replica only: {served}"


def test_replica_restarted_mid_export(cluster):
    client = cluster.client()
    kind = support.PRC
    pid = cluster.project_id(kind)
    truth = support.generate(pid, None, PARAMS, "result")
    with cluster.step(f"client.get_project({pid})"):
        project = client.get_project(pid)
    with cluster.step("project.export(params=all on)"):
        task = project.export(params=PARAMS, task_name="replicas restart")
    uid = task.uid

    # Stop the replica that created the task: the others must carry on without it, and it
    # must answer for the task after it comes back with an empty memory.
    victim = cluster.creator_of(uid)
    assert victim is not None, f"no replica journaled create-export of {uid}:\n{cluster.describe()}"
    victim.stop()
    assert not victim.running
    cluster.notes.append(f"stopped {victim.name} ({victim.base}), creator of {uid}")

    # While it is down: re-attach to the task and wait for it (nginx routes around the gap).
    with cluster.step(f"ExportTask.get_task({uid}) while {victim.name} is down"):
        task = ExportTask.get_task(client, uid)
    with cluster.step(f"wait_till_done on {uid} while {victim.name} is down"):
        task.wait_till_done(timeout_seconds=TASK_TIMEOUT)
    assert task.status == "COMPLETE", f"task {uid} ended {task.status}"

    # Back on the same port, before any page is read.
    victim.start()
    assert victim.journal() == [], f"{victim.name} was restarted, yet its journal is not empty"

    with cluster.step(f"get_buffered_stream(RESULT) of {uid} after {victim.name} restarted"):
        rows = support.read_buffered(task, StreamType.RESULT)
    support.assert_rows_equal(rows, truth.rows, f"{kind} RESULT across a restart")

    fresh = victim.journal()
    served = [e for e in fresh if e["kind"] in FLOW_KINDS]
    assert served, (
        f"restarted {victim.name} served none of the export's requests after its restart; its "
        f"journal: {fresh}\n{cluster.describe()}"
    )
    bad = [e for e in fresh if e["status"] >= 400 or e["error_code"]]
    assert not bad, f"restarted {victim.name} failed requests for {uid}: {bad[:5]}"
