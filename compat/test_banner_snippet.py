"""The snippet `fauxport serve` prints at start works as pasted, with the official SDK."""

import subprocess
import sys

from serve import start_server, stop_server

MARKER = "Paste into Python (pip install labelbox):"


def test_printed_snippet_runs_as_pasted(tmp_path_factory):
    srv = start_server(tmp_path_factory.mktemp("serve-snippet"), "--rows", "50")
    try:
        banner = srv.log.read_text()
        assert MARKER in banner, banner
        snippet = banner.split(MARKER, 1)[1].strip()
        assert snippet.startswith("import labelbox as lb"), snippet
        assert srv.world["api_key"] in snippet and srv.base in snippet
        run = subprocess.run([sys.executable, "-c", snippet], capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, f"the printed snippet failed:\n{snippet}\n{run.stderr}"
        assert run.stdout.startswith("50 rows; first data row: c"), run.stdout
    finally:
        stop_server(srv)
