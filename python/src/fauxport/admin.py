"""The few HTTP calls the plugin makes to a running server: its health, its world, and the admin
API (journal, verify, reset, scenarios). Standard library only, and never through a proxy: the
server is on loopback."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Dict, Optional

_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class AdminError(RuntimeError):
    """The server answered an admin call with an error (the message is the server's)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def call(
    method: str, url: str, body: Optional[Dict[str, Any]] = None, timeout: float = 30.0
) -> Any:
    """`method url` with a JSON body; the JSON answer. A non-2xx answer raises `AdminError`
    with the server's `{"error": ...}` text, which names the field that is wrong."""
    return json.loads(send(method, url, body, timeout) or b"null")


def send(
    method: str, url: str, body: Optional[Dict[str, Any]] = None, timeout: float = 30.0
) -> bytes:
    """`method url` with a JSON body; the answer's bytes (errors as in `call`)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as err:
        text = err.read().decode(errors="replace")
        try:
            text = json.loads(text).get("error", text)
        except (ValueError, AttributeError):
            pass
        raise AdminError(err.code, f"{method} {url}: HTTP {err.code}: {text}") from None


def query_string(filters: Dict[str, Any]) -> str:
    """Journal filters as a query string: booleans as true/false, None left out."""
    pairs = []
    for name, value in filters.items():
        if value is None:
            continue
        if isinstance(value, bool):
            value = "true" if value else "false"
        pairs.append((name, str(value)))
    return urllib.parse.urlencode(pairs)
