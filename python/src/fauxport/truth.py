"""Ground truth from an independent path: `fauxport generate` writes, from the seed alone, the
rows an export of one project of the default world holds, without a server."""

from __future__ import annotations

import json
import subprocess
from typing import Any, Dict, List, Mapping, Optional

# The SDK's export params (labelbox's ProjectExportParams keys), each with the `generate` flag
# that turns it off (`generate --help` lists the flags). The compat suite imports this table from
# the source tree.
PARAM_FLAGS = {
    "data_row_details": "--no-data-row-details",
    "attachments": "--no-attachments",
    "metadata_fields": "--no-metadata-fields",
    "embeddings": "--no-embeddings",
    "project_details": "--no-project-details",
    "label_details": "--no-label-details",
    "performance_details": "--no-performance-details",
    "interpolated_frames": "--no-interpolated-frames",
}
# Params that choose no content, accepted and ignored.
IGNORED_PARAMS = {"media_type_override"}


def params_flags(params: Optional[Mapping[str, Any]]) -> List[str]:
    """`generate` flags for an SDK `params` dict, with the SDK's meaning: a param that is absent
    or falsy is off (the SDK's own default is every param off)."""
    params = dict(params or {})
    unknown = set(params) - set(PARAM_FLAGS) - IGNORED_PARAMS
    if unknown:
        raise ValueError(
            f"unknown export params {sorted(unknown)}; the SDK's are {sorted(PARAM_FLAGS)}"
        )
    if not any(params.get(name) for name in PARAM_FLAGS):
        return ["--no-params"]
    return [flag for name, flag in PARAM_FLAGS.items() if not params.get(name)]


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
        "--project", project_id, "--stream", stream, "--quiet", *params_flags(params),
    ]
    if filters:
        cmd += ["--filters", json.dumps(filters, separators=(",", ":"))]
    cmd += ["--out", "-"]
    done = subprocess.run(cmd, capture_output=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(
            f"`{' '.join(cmd)}` exited with {done.returncode}:\n"
            f"{done.stderr.decode(errors='replace')[-4000:]}"
        )
    return [json.loads(line) for line in done.stdout.splitlines() if line]
