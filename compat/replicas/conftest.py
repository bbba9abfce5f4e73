"""compat/replicas: the SDK against three `fauxport serve` replicas behind nginx.

These tests are NOT part of the normal compat run. `bash scripts/compat` runs
`pytest ... .` inside compat/, which walks into this directory too; compat/conftest.py's
`pytest_ignore_collect` drops this directory from collection unless the pytest command line
names this directory (or a file in it) explicitly, as `bash scripts/replicas` does:

    cd compat && python -m pytest replicas            # collected
    cd compat && python -m pytest .                   # not collected (scripts/compat)
    python -m pytest compat/replicas/test_replicas.py  # collected

Run them with `bash scripts/replicas` (needs nginx and target/compat/venv-7.17.0).
The parent compat/conftest.py is still loaded (rootdir is compat/, where pytest.ini is); its
session fixtures are lazy and these tests use none of them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
COMPAT = HERE.parent

# support.py and serve.py live one level up; pytest's rootdir conftest usually puts compat/
# on sys.path already, this makes it independent of how pytest was started.
if str(COMPAT) not in sys.path:
    sys.path.insert(0, str(COMPAT))

# Never proxy loopback (the SDK's requests and urllib both honour *_PROXY).
for _var in ("NO_PROXY", "no_proxy"):
    _hosts = [h for h in os.environ.get(_var, "").split(",") if h]
    os.environ[_var] = ",".join(dict.fromkeys(["127.0.0.1", "localhost", *_hosts]))
