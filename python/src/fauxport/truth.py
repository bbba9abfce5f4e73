"""Ground truth from an independent path: `fauxport generate` writes, from the seed alone, the
rows an export of one project of the default world holds, without a server."""

from __future__ import annotations

import json
import subprocess
from typing import Any, Dict, List, Mapping, Optional

# An SDK `params` dict goes to `generate --params` as the names of the params that are on: the
# binary holds the one table of params and refuses an unknown name, listing the known ones.
# `media_type_override` chooses no content.
NOT_CONTENT = {"media_type_override"}


def params_arg(params: Optional[Mapping[str, Any]]) -> List[str]:
    """`generate` arguments for an SDK `params` dict, with the SDK's meaning: a param that is absent
    or falsy is off (the SDK's own default is every param off)."""
    on = [name for name, value in (params or {}).items() if value and name not in NOT_CONTENT]
    return ["--params", ",".join(on) or "none"]


def generate_rows(
    binary: str,
    *,
    seed: int,
    rows: int,
    project_id: str,
    params: Optional[Mapping[str, Any]] = None,
    filters: Optional[Any] = None,
    stream: str = "result",
) -> List[Dict[str, Any]]:
    """`fauxport generate --default-world` for one project: its export's rows (or, with
    stream="errors", its error lines) as dicts, in export order."""
    cmd = [
        binary, "generate", "--default-world", "--seed", str(seed), "--rows", str(rows),
        "--project", project_id, "--stream", stream, "--quiet", *params_arg(params),
    ]
    if filters:
        cmd += ["--filters", json.dumps(filters, separators=(",", ":"))]
    cmd += ["--out", "-"]
    done = subprocess.run(cmd, capture_output=True, timeout=600)
    if done.returncode == 2:  # a usage error: the binary names the param or filter it refused
        raise ValueError(done.stderr.decode(errors="replace").strip()[-4000:])
    if done.returncode != 0:
        raise RuntimeError(
            f"`{' '.join(cmd)}` exited with {done.returncode}:\n"
            f"{done.stderr.decode(errors='replace')[-4000:]}"
        )
    return [json.loads(line) for line in done.stdout.splitlines() if line]
