"""Finding the `fauxport` binary: the one given, else the one this wheel installed beside the
running interpreter, else the first on PATH."""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
from pathlib import Path
from typing import List, Optional, Union


class BinaryNotFound(FileNotFoundError):
    """No usable `fauxport` binary: the message says where it was looked for."""


def _bundled() -> List[Path]:
    """Where the wheel puts its binary: the scripts folder of the running environment (a venv's
    bin/, or ~/.local/bin for a `pip install --user`)."""
    name = "fauxport.exe" if os.name == "nt" else "fauxport"
    places = [Path(sysconfig.get_path("scripts")) / name]
    user_scheme = f"{os.name}_user"
    if user_scheme in sysconfig.get_scheme_names():
        places.append(Path(sysconfig.get_path("scripts", user_scheme)) / name)
    # A venv's interpreter is bin/python; its scripts are beside it even when sysconfig points
    # at a base installation (an interpreter started by absolute path with a changed prefix).
    places.append(Path(sys.executable).parent / name)
    return places


def find_binary(explicit: Union[str, os.PathLike, None] = None) -> str:
    """The path of the `fauxport` binary to run.

    `explicit` (the `--fauxport-bin` option) wins and must be an executable file. Otherwise the
    binary installed by this wheel, then `fauxport` on PATH. Raises `BinaryNotFound`, naming
    every place looked at, when there is none."""
    if explicit:
        path = Path(explicit).expanduser()
        if path.is_file() and os.access(path, os.X_OK):
            return str(path)
        if path.exists():
            raise BinaryNotFound(f"fauxport binary {path} is not an executable file")
        raise BinaryNotFound(
            f"fauxport binary {path} does not exist (given by --fauxport-bin or fauxport_bin)"
        )
    looked = []
    for path in _bundled():
        if path.is_file() and os.access(path, os.X_OK):
            return str(path)
        looked.append(str(path))
    on_path = shutil.which("fauxport")
    if on_path:
        return on_path
    raise BinaryNotFound(
        "no fauxport binary: looked at "
        + ", ".join(dict.fromkeys(looked))
        + " and on PATH. Install the wheel into this environment (`pip install fauxport-*.whl`, "
        "built by `bash scripts/build-wheel` in fauxport's repository), or name a binary with "
        "--fauxport-bin PATH (or `fauxport_bin = PATH` in [tool.pytest.ini_options])"
    )
