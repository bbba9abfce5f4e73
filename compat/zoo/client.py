#!/usr/bin/env python3
"""A hand-rolled Labelbox export client (standard library only) for `fauxport check`.

Without flags it implements the export protocol correctly, speaking the same GraphQL the
official SDK sends (protocol/README.md §2.6, §3; the texts are read from protocol/sdk-queries/):

  1. `exportDataRowsInProject` creates the task (all eight content params on, no filters);
  2. `user { id }`, then `user(where) { createdTasks(where: {id}) }` polls it every 2 s until it
     leaves IN_PROGRESS; COMPLETE goes on, anything else (FAILED, CANCELED, ...) is fatal;
  3. for ERRORS, then RESULT: `exportMetadataHeader` gives the stream's byte total (null: the
     stream is empty); `exportFileFromOffset` from offset 0 gives each page's URL and inclusive
     byte range; each page is fetched with a plain GET and must be exactly that long.

GraphQL calls are retried on HTTP 5xx, on a timeout and on INTERNAL_SERVER_ERROR errors whose
`extensions.exception.status` is a number outside {400, 422, 426, 500}, with exponential
back-off and full jitter (base 0.5 s, cap 8 s, at most 8 attempts). Everything else (HTTP 429,
other GraphQL errors, refused connections, non-JSON answers) is fatal. A page download that fails
(HTTP error, wrong length, broken connection, 30 s without a byte) is retried from a fresh
lookup of the same offset, up to 5 more times, and the bytes of a failed attempt are thrown away.

`--bug NAME` turns on one realistic bug (see README.md); each lives behind `if BUG == "NAME"` at
the place where it would be written.

Contract (environment from `fauxport check`): FAUXPORT_ENDPOINT, FAUXPORT_API_KEY (sent as
`Authorization: Bearer`), FAUXPORT_PROJECT_ID; output files FAUXPORT_ROWS_OUT (RESULT rows,
NDJSON, as received), FAUXPORT_ERRORS_OUT (ERRORS lines; created when the errors stream is read)
and, on failure, FAUXPORT_EXCEPTION_OUT ({"type", "message"}). Exit 0: everything exported;
exit 1: a failure was surfaced (traceback on stderr).
"""

import argparse
import http.client
import json
import os
import random
import socket
import sys
import time
import urllib.error
import urllib.request
import zlib

# `run` reports a failure as `fauxport check` reads it (FAUXPORT_EXCEPTION_OUT, exit 1): the wheel's
# python/src/fauxport/check_client.py, loaded from the source tree (standard library only).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir, "python", "src"))
from fauxport.check_client import run  # noqa: E402

BUGS = (
    "none",
    "drops-last-page",
    "ignores-errors",
    "failed-task-as-empty",
    "no-retry-on-5xx",
    "reappends-after-retry",
    "brace-counting",
    "hammers",
)
BUG = "none"  # set from --bug in main()

GRAPHQL_TIMEOUT = 60.0  # seconds per GraphQL request (the SDK's value)
PAGE_TIMEOUT = 30.0  # seconds without a byte on a page download (the SDK's value)
GRAPHQL_ATTEMPTS = 8
PAGE_ATTEMPTS = 6  # the first try and 5 retries
BACKOFF_BASE, BACKOFF_CAP = 0.5, 8.0
POLL_INTERVAL = 2.0
TASK_TIMEOUT = 600.0
NOT_RETRIED_STATUSES = {400, 422, 426, 500}

# The SDK's query texts (7.17.0), so the server sees the operation names and shapes it knows:
# read from the repository's one copy, byte for byte.
SDK_QUERIES = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir, "protocol", "sdk-queries"
)


def sdk_query(name):
    with open(os.path.join(SDK_QUERIES, name), encoding="utf-8") as f:
        return f.read()


EXPORT_MUTATION = sdk_query("exportDataRowsInProjectPyApi.graphql")
USER_QUERY = sdk_query("GetUserPyApi.v7.graphql")
TASK_QUERY = sdk_query("GetUserCreatedTasksPyApi.v7.graphql")
HEADER_QUERY = sdk_query("GetExportMetadataHeaderPyApi.graphql")
PAGE_QUERY = sdk_query("GetExportFileFromOffsetPyApi.graphql")
PARAMS = {
    "mediaTypeOverride": None,
    "includeAttachments": True,
    "includeEmbeddings": True,
    "includeMetadata": True,
    "includeDataRowDetails": True,
    "includeProjectDetails": True,
    "includePerformanceDetails": True,
    "includeLabelDetails": True,
    "includeInterpolatedFrames": True,
}


class GraphQLError(Exception):
    """The server answered with GraphQL errors that are not worth retrying."""


class TransientError(Exception):
    """A GraphQL call failed in a way that is worth trying again (5xx, timeout, busy)."""


class RetriesExhausted(Exception):
    """A GraphQL call kept failing with retryable errors."""


class HTTPStatusError(Exception):
    """A GraphQL call answered an HTTP status that is neither 200 nor retryable (e.g. 429)."""


class ProtocolError(Exception):
    """The server's answer breaks the export protocol (missing task, bad page range, ...)."""


class TaskFailed(Exception):
    """The export task ended in a state other than COMPLETE."""


class PageDownloadError(Exception):
    """A page could not be downloaded intact."""


def log(msg):
    print(f"zoo[{BUG}]: {msg}", file=sys.stderr, flush=True)


def pause(seconds):
    if BUG == "hammers":
        return  # bug: never waits, neither between retries nor between task polls
    time.sleep(seconds)


def backoff(attempt):
    """Full jitter: uniform in [0, min(cap, base * 2^attempt)], attempt counted from 0."""
    return random.uniform(0, min(BACKOFF_CAP, BACKOFF_BASE * 2**attempt))


# --- GraphQL -----------------------------------------------------------------------------


class Api:
    def __init__(self, endpoint, api_key):
        self.endpoint = endpoint
        self.headers = {
            "Authorization": f"Bearer {api_key}",
            "Content-Type": "application/json",
            "Accept": "application/json",
            "User-Agent": f"fauxport-zoo (bug={BUG})",
        }

    def call(self, query, variables):
        """`data` of one GraphQL call, with the retry policy of the module docstring."""
        name = query.split("(", 1)[0].split("{", 1)[0].split()[-1]
        for attempt in range(GRAPHQL_ATTEMPTS):
            try:
                return self._once(query, variables)
            except TransientError as err:
                if BUG == "no-retry-on-5xx":
                    raise  # bug: a transient error ends the export
                if attempt + 1 == GRAPHQL_ATTEMPTS:
                    raise RetriesExhausted(f"{name}: {GRAPHQL_ATTEMPTS} attempts, last: {err}") from err
                delay = backoff(attempt)
                log(f"{name}: {err}; retry {attempt + 1} in {delay:.2f} s")
                pause(delay)
        raise AssertionError("unreachable")

    def _once(self, query, variables):
        body = json.dumps({"query": query, "variables": variables}).encode()
        request = urllib.request.Request(self.endpoint, data=body, headers=self.headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=GRAPHQL_TIMEOUT) as resp:
                status, raw = resp.status, resp.read()
        except urllib.error.HTTPError as err:
            status, raw = err.code, err.read()
        except (socket.timeout, TimeoutError) as err:
            raise TransientError(f"no answer within {GRAPHQL_TIMEOUT:.0f} s") from err
        except urllib.error.URLError as err:  # refused, reset, DNS: fatal, except a connect timeout
            if isinstance(err.reason, (socket.timeout, TimeoutError)):
                raise TransientError(f"no connection within {GRAPHQL_TIMEOUT:.0f} s") from err
            raise
        if 500 <= status <= 599:
            raise TransientError(f"HTTP {status}")
        if status == 429:
            raise HTTPStatusError(f"HTTP 429: {raw[:300].decode(errors='replace')}")
        try:
            answer = json.loads(raw)
        except ValueError:
            raise ProtocolError(f"HTTP {status}, body is not JSON: {raw[:300]!r}") from None
        errors = answer.get("errors") if isinstance(answer, dict) else None
        if errors:
            if all(_retryable(e) for e in errors):
                raise TransientError("; ".join(_describe(e) for e in errors))
            raise GraphQLError("; ".join(_describe(e) for e in errors))
        if status != 200:
            raise HTTPStatusError(f"HTTP {status}: {raw[:300].decode(errors='replace')}")
        if not isinstance(answer, dict) or not isinstance(answer.get("data"), dict):
            raise ProtocolError(f"answer without data: {raw[:300]!r}")
        return answer["data"]


def _ext(error):
    ext = error.get("extensions") if isinstance(error, dict) else None
    return ext if isinstance(ext, dict) else {}


def _retryable(error):
    """INTERNAL_SERVER_ERROR with a numeric exception.status outside {400, 422, 426, 500}."""
    ext = _ext(error)
    if ext.get("code") != "INTERNAL_SERVER_ERROR" or not isinstance(ext.get("exception"), dict):
        return False
    try:
        status = int(ext["exception"].get("status"))
    except (TypeError, ValueError):
        return False
    return status not in NOT_RETRIED_STATUSES


def _describe(error):
    ext = _ext(error)
    status = ext.get("exception", {}).get("status") if isinstance(ext.get("exception"), dict) else None
    msg = error.get("message") if isinstance(error, dict) else error
    return f"{ext.get('code', 'NO_CODE')}{f' ({status})' if status is not None else ''}: {msg}"


# --- the task ----------------------------------------------------------------------------


def create_and_wait(api, project_id):
    """Creates the export task and polls it until it leaves IN_PROGRESS; returns (id, status)."""
    created = api.call(EXPORT_MUTATION, {"input": {
        "taskName": None,
        "isStreamableReady": True,
        "filters": {"projectId": project_id, "searchQuery": {"scope": None, "query": []}},
        "params": PARAMS,
        "streamable": True,
    }})
    task_id = (created.get("exportDataRowsInProject") or {}).get("taskId")
    if not task_id:
        raise ProtocolError(f"export mutation returned no task id: {created}")
    user_id = ((api.call(USER_QUERY, {}).get("user")) or {}).get("id")
    if not user_id:
        raise ProtocolError("no current user")
    deadline = time.monotonic() + TASK_TIMEOUT
    while True:
        tasks = ((api.call(TASK_QUERY, {"param_0": task_id, "param_1": user_id}).get("user")) or {}).get("createdTasks")
        if not isinstance(tasks, list) or len(tasks) != 1:
            raise ProtocolError(f"createdTasks for {task_id}: expected one task, got {tasks!r}")
        status = tasks[0].get("status")
        if status != "IN_PROGRESS":
            log(f"task {task_id} is {status}")
            return task_id, status
        if time.monotonic() > deadline:
            raise TaskFailed(f"task {task_id} still IN_PROGRESS after {TASK_TIMEOUT:.0f} s")
        pause(POLL_INTERVAL)


# --- streams -----------------------------------------------------------------------------


class LineSink:
    """Splits the concatenated stream bytes on newlines; each line must be JSON and is written
    out as received (the exact bytes)."""

    def __init__(self, out):
        self.out, self.pending, self.count = out, b"", 0

    def feed(self, data):
        *lines, self.pending = (self.pending + data).split(b"\n")
        for line in lines:
            try:
                json.loads(line)
            except ValueError:
                raise ProtocolError(f"line {self.count} is not JSON: {line[:200]!r}") from None
            self._write(line)

    def _write(self, line):
        self.out.write(line + b"\n")
        self.out.flush()
        self.count += 1

    def finish(self):
        if self.pending:
            raise ProtocolError(f"stream ends inside a line: {self.pending[:200]!r}")


class BraceSink(LineSink):
    """Finds rows by counting `{`/`}` (not knowing about strings); drops what does not parse."""

    def __init__(self, out):
        super().__init__(out)
        self.depth, self.start, self.pos = 0, None, 0

    def feed(self, data):
        self.pending += data
        while self.pos < len(self.pending):
            ch = self.pending[self.pos]
            if ch == ord("{"):
                if self.depth == 0:
                    self.start = self.pos
                self.depth += 1
            elif ch == ord("}") and self.depth:
                self.depth -= 1
                if self.depth == 0:
                    chunk = self.pending[self.start:self.pos + 1]
                    try:
                        json.loads(chunk)
                        self._write(chunk)
                    except ValueError:
                        pass  # the bug's "tolerance": a chunk that does not parse is skipped
                    self.pending, self.pos = self.pending[self.pos + 1:], -1
            self.pos += 1

    def finish(self):
        pass


def read_stream(api, task_id, stream_type, sink):
    """Feeds every byte of one stream to `sink`, page by page; returns the header's totals."""
    where = {"where": {"id": task_id}, "streamType": stream_type}
    task = api.call(HEADER_QUERY, where).get("task")
    if not isinstance(task, dict):
        raise ProtocolError(f"{stream_type} header: task {task_id} not found")
    header = task.get("exportMetadataHeader")
    if header is None:
        log(f"{stream_type}: no stream (null header)")
        sink.finish()
        return 0, 0
    total_size, total_lines = int(header["totalSize"]), int(header["totalLines"])
    offset = 0
    while offset < total_size:
        for attempt in range(PAGE_ATTEMPTS):
            page = _lookup(api, where, offset)
            start, end = int(page["offsets"]["start"]), int(page["offsets"]["end"])
            if not start <= offset <= end:
                raise ProtocolError(f"{stream_type} page for offset {offset} covers {start}-{end}")
            if BUG == "drops-last-page" and end + 1 >= total_size:
                offset = end + 1
                break  # bug: off-by-one end test; the final page is looked up but never fetched
            got = bytearray()
            try:
                _download(page["file"], end - start + 1, got)
            except PageDownloadError as err:
                if BUG == "reappends-after-retry":
                    sink.feed(bytes(got[: got.rfind(b"\n") + 1]))  # bug: keeps a failed attempt's lines
                if attempt + 1 == PAGE_ATTEMPTS:
                    raise PageDownloadError(f"{stream_type} offset {offset}: {PAGE_ATTEMPTS} attempts, last: {err}") from err
                delay = backoff(attempt)
                log(f"{stream_type} offset {offset}: {err}; retry {attempt + 1} in {delay:.2f} s")
                pause(delay)
                continue
            sink.feed(bytes(got[offset - start:]))
            offset = end + 1
            break
    sink.finish()
    return total_size, total_lines


def _lookup(api, where, offset):
    task = api.call(PAGE_QUERY, {**where, "offset": str(offset)}).get("task")
    page = task.get("exportFileFromOffset") if isinstance(task, dict) else None
    if not isinstance(page, dict) or not page.get("file"):
        raise ProtocolError(f"{where['streamType']}: no page for offset {offset}: {task!r}")
    return page


def _download(url, expected, got):
    """Appends the body of one page GET to `got`; raises PageDownloadError unless it is exactly
    `expected` (decoded) bytes. No Authorization header: page URLs are pre-signed."""
    try:
        with urllib.request.urlopen(url, timeout=PAGE_TIMEOUT) as resp:
            encoding = resp.headers.get("Content-Encoding", "").strip().lower()
            decoder = zlib.decompressobj(zlib.MAX_WBITS | 32) if encoding in ("gzip", "deflate") else None
            while True:
                chunk = resp.read(64 * 1024)
                if not chunk:
                    break
                got += decoder.decompress(chunk) if decoder else chunk
            if decoder:
                got += decoder.flush()
    except urllib.error.HTTPError as err:
        raise PageDownloadError(f"HTTP {err.code}") from err
    except http.client.IncompleteRead as err:
        got += err.partial
        raise PageDownloadError(f"connection closed after {len(got)} of {expected} bytes") from err
    except (OSError, http.client.HTTPException, zlib.error) as err:  # timeouts, resets, refused
        raise PageDownloadError(f"{type(err).__name__}: {err}") from err
    if len(got) != expected:
        raise PageDownloadError(f"expected {expected} bytes, got {len(got)}")


# --- main --------------------------------------------------------------------------------


def main(argv):
    global BUG
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bug", choices=BUGS, default="none", help="introduce one bug (README.md)")
    BUG = parser.parse_args(argv).bug
    env = os.environ
    # urllib honours *_PROXY variables: never send loopback traffic through a proxy.
    for var in ("NO_PROXY", "no_proxy"):
        env[var] = ",".join(h for h in ["127.0.0.1", "localhost", *env.get(var, "").split(",")] if h)

    open(env["FAUXPORT_ROWS_OUT"], "w").close()  # no rows received yet
    api = Api(env["FAUXPORT_ENDPOINT"], env["FAUXPORT_API_KEY"])
    task_id, status = create_and_wait(api, env["FAUXPORT_PROJECT_ID"])
    if status != "COMPLETE":
        if BUG == "failed-task-as-empty" and status == "FAILED":
            # bug: a failed task is taken for an export that had nothing in it
            open(env["FAUXPORT_ERRORS_OUT"], "w").close()
            return
        raise TaskFailed(f"export task {task_id} ended {status}")

    Sink = LineSink
    if BUG == "brace-counting":
        Sink = BraceSink  # bug: rows found by brace counting, unparsable chunks skipped
    if BUG == "ignores-errors":
        log("not reading the ERRORS stream")  # bug: only RESULT is read; ERRORS_OUT never created
    else:
        with open(env["FAUXPORT_ERRORS_OUT"], "wb") as out:
            sink = Sink(out)
            size, lines = read_stream(api, task_id, "ERRORS", sink)
            log(f"ERRORS: {sink.count} lines written (header: {size} bytes, {lines} lines)")
    with open(env["FAUXPORT_ROWS_OUT"], "wb") as out:
        sink = Sink(out)
        size, lines = read_stream(api, task_id, "RESULT", sink)
        log(f"RESULT: {sink.count} rows written (header: {size} bytes, {lines} lines)")


if __name__ == "__main__":
    run(lambda: main(sys.argv[1:]))
