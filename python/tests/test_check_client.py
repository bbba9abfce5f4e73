"""`fauxport.check_client.run`, the failure report a Python client under `fauxport check` makes,
run as its own program from the installed wheel."""

import json
import os
import subprocess
import sys


def client(tmp_path, body):
    """Runs `run(main)` with `main` doing `body`; returns (exit code, stderr, exception file)."""
    out = tmp_path / "exception.json"
    program = f"from fauxport.check_client import run\ndef main():\n    {body}\nrun(main)\n"
    env = {**os.environ, "FAUXPORT_EXCEPTION_OUT": str(out)}
    done = subprocess.run([sys.executable, "-c", program], env=env, capture_output=True, text=True)
    return done.returncode, done.stderr, out


def test_a_failure_is_written_and_exits_1(tmp_path):
    code, stderr, out = client(tmp_path, "raise TimeoutError('task still IN_PROGRESS')")
    assert code == 1
    assert "Traceback" in stderr and "TimeoutError" in stderr
    assert json.loads(out.read_text(encoding="utf-8")) == {
        "type": "TimeoutError",
        "message": "task still IN_PROGRESS",
    }


def test_success_exits_0_and_writes_nothing(tmp_path):
    code, stderr, out = client(tmp_path, "print('exported')")
    assert (code, stderr) == (0, "")
    assert not out.exists()
