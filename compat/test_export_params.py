"""`project.export(params=...)`: every param alone, all on and all off (every project kind).

Rows are compared with `fauxport generate` row for row; independently, the keys a param adds
(export-format.md §15) must be present exactly when the param is on.
"""

from __future__ import annotations

from typing import Any, Dict

import pytest

import support

PRC = support.PRC


def _labels(row, pid):
    return row["projects"][pid]["labels"]


# param -> predicate "the row carries what this param adds"
ADDS = {
    "data_row_details": lambda row, pid: "details" in row["data_row"],
    "attachments": lambda row, pid: "attachments" in row,
    "metadata_fields": lambda row, pid: "metadata_fields" in row,
    "embeddings": lambda row, pid: "embeddings" in row,
    "project_details": lambda row, pid: "project_details" in row["projects"][pid],
    "label_details": lambda row, pid: all("label_details" in l for l in _labels(row, pid)),
    "performance_details": lambda row, pid: all("performance_details" in l for l in _labels(row, pid)),
}
# Keys that are never optional in a project export row.
ALWAYS = {"data_row", "media_attributes", "projects"}


def _check_shape(rows, pid, params: Dict[str, Any]) -> None:
    for i, row in enumerate(rows):
        assert ALWAYS <= set(row), f"row {i} lacks one of {ALWAYS}: {sorted(row)}"
        assert list(row["projects"]) == [pid], f"row {i}: projects keys {list(row['projects'])}"
        for name, present in ADDS.items():
            has = present(row, pid)
            if params.get(name):
                assert has, f"row {i}: param {name} is on but its keys are missing"
            elif name in ("label_details", "performance_details"):
                assert not any(name in l for l in _labels(row, pid)), f"row {i}: {name} is off but present"
            else:
                assert not has, f"row {i}: param {name} is off but its keys are present"


def _single(param: str) -> Dict[str, Any]:
    return {name: name == param for name in support.PARAMS}


def _all(setting: str) -> Dict[str, Any]:
    return {name: setting == "all-on" for name in support.PARAMS}


SETTINGS = ["all-on", "all-off"]


@pytest.fixture(scope="module")
def exports(client, project):
    """Every export of this module, started at once (see support.ExportBatch)."""
    batch = support.ExportBatch(client)
    for param in support.PARAMS:
        batch.start(f"only {param}", project(PRC), params=_single(param))
    for kind in support.KINDS:
        for setting in SETTINGS:
            batch.start(f"{kind} {setting}", project(kind), params=_all(setting))
    return batch


@pytest.mark.parametrize("param", list(support.PARAMS))
def test_single_param(param, exports, world_projects, ground_truth):
    params = _single(param)
    pid = world_projects[PRC]["id"]
    got = support.read_buffered(exports.done(f"only {param}"))
    support.assert_rows_equal(got, ground_truth(PRC, params=params), f"params {param} only")
    _check_shape(got, pid, params)
    if param == "interpolated_frames":
        # Video-only: for LLM rows it must not change a byte.
        support.assert_rows_equal(got, ground_truth(PRC, params={}), "interpolated_frames vs all off")


@pytest.mark.parametrize("kind", support.KINDS)
@pytest.mark.parametrize("setting", SETTINGS)
def test_all_params(setting, kind, exports, world_projects, ground_truth):
    params = _all(setting)
    pid = world_projects[kind]["id"]
    got = support.read_buffered(exports.done(f"{kind} {setting}"))
    support.assert_rows_equal(got, ground_truth(kind, params=params), f"{kind} params {setting}")
    _check_shape(got, pid, params)
