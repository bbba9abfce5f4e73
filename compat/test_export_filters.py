"""`project.export(filters=...)`: every filter alone, several combined, and a filter that
matches nothing.

Each case builds its filter values from the project's own rows (dates at quantiles, ids
and batches drawn from the rows), exports through the SDK, and checks the rows received
(1) equal `fauxport generate --filters <the query the SDK sent>` row for row, and (2) obey
the documented filter semantics, checked independently in Python (support.check_filter_semantics).
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Callable, Dict, List

import pytest

import support
from support import StreamType

PRC = support.PRC
CP = support.CP


def _ts(rows, pick: Callable[[Dict[str, Any]], List[str]]) -> List[datetime]:
    return sorted(datetime.fromisoformat(t) for row in rows for t in pick(row))


def _quantile(values: List[datetime], q: float) -> datetime:
    return values[min(len(values) - 1, int(q * len(values)))]


def _fmt(d: datetime, style: str = "datetime") -> str:
    d = d.astimezone(timezone.utc)
    if style == "date":
        return d.strftime("%Y-%m-%d")
    if style == "iso":
        return d.strftime("%Y-%m-%dT%H:%M:%S+0530")  # the SDK drops the offset (spec §2.4.2)
    return d.strftime("%Y-%m-%d %H:%M:%S")


def _activity(rows) -> List[datetime]:
    return _ts(rows, lambda r: [r["data_row"]["details"]["last_activity_at"]])


def _labelled(rows, pid) -> List[datetime]:
    return _ts(rows, lambda r: [l["label_details"]["created_at"] for l in r["projects"][pid]["labels"]])


def _spread(values: List[str], n: int) -> List[str]:
    """n values spread over the list, in a scrambled order (the export keeps its own order)."""
    picked = values[:: max(1, len(values) // n)][:n]
    return picked[1::2] + picked[0::2]


# name -> (project kind, builder(rows, project id) -> SDK filters dict)
CASES: Dict[str, Any] = {
    "last_activity_at-between": (PRC, lambda rows, pid: {
        "last_activity_at": [_fmt(_quantile(_activity(rows), 0.25)), _fmt(_quantile(_activity(rows), 0.75))]}),
    "last_activity_at-open-start": (PRC, lambda rows, pid: {
        "last_activity_at": [None, _fmt(_quantile(_activity(rows), 0.4))]}),
    "last_activity_at-open-end": (PRC, lambda rows, pid: {
        "last_activity_at": [_fmt(_quantile(_activity(rows), 0.6)), None]}),
    "last_activity_at-dates-only": (PRC, lambda rows, pid: {
        "last_activity_at": [_fmt(_quantile(_activity(rows), 0.2), "date"), _fmt(_quantile(_activity(rows), 0.5), "date")]}),
    "last_activity_at-iso-offset": (PRC, lambda rows, pid: {
        "last_activity_at": [_fmt(_quantile(_activity(rows), 0.3), "iso"), None]}),
    "label_created_at-between": (PRC, lambda rows, pid: {
        "label_created_at": [_fmt(_quantile(_labelled(rows, pid), 0.2)), _fmt(_quantile(_labelled(rows, pid), 0.6))]}),
    "label_created_at-open-start": (PRC, lambda rows, pid: {
        "label_created_at": [None, _fmt(_quantile(_labelled(rows, pid), 0.5))]}),
    "label_created_at-open-end": (PRC, lambda rows, pid: {
        "label_created_at": [_fmt(_quantile(_labelled(rows, pid), 0.5)), None]}),
    "label_created_at-consensus-project": (CP, lambda rows, pid: {
        "label_created_at": [_fmt(_quantile(_labelled(rows, pid), 0.3)), _fmt(_quantile(_labelled(rows, pid), 0.7))]}),
    "workflow_status-ToLabel": (PRC, lambda rows, pid: {"workflow_status": "ToLabel"}),
    "workflow_status-InReview": (PRC, lambda rows, pid: {"workflow_status": "InReview"}),
    "workflow_status-InRework": (PRC, lambda rows, pid: {"workflow_status": "InRework"}),
    "workflow_status-Done": (PRC, lambda rows, pid: {"workflow_status": "Done"}),
    "workflow_status-ToLabel-consensus-project": (CP, lambda rows, pid: {"workflow_status": "ToLabel"}),
    "data_row_ids": (PRC, lambda rows, pid: {
        "data_row_ids": _spread(support.ids_of(rows), 37)}),
    "global_keys": (PRC, lambda rows, pid: {
        "global_keys": _spread([r["data_row"]["global_key"] for r in rows], 41)}),
    "batch_ids": (PRC, lambda rows, pid: {
        "batch_ids": sorted({r["projects"][pid]["project_details"]["batch_id"] for r in rows})[1:3]}),
    "data_row_ids-at-the-2000-limit": (PRC, lambda rows, pid: {
        "data_row_ids": support.ids_of(rows)[5:1995] + [f"clnotarealdatarow{i:08d}" for i in range(10)]}),
    "data_row_ids-with-unknown-ids": (PRC, lambda rows, pid: {
        "data_row_ids": _spread(support.ids_of(rows), 10) + ["clnotarealdatarow00000000"]}),
    "combined-status-and-activity": (PRC, lambda rows, pid: {
        "workflow_status": "Done",
        "last_activity_at": [_fmt(_quantile(_activity(rows), 0.1)), _fmt(_quantile(_activity(rows), 0.8))]}),
    "combined-batch-and-label-created": (PRC, lambda rows, pid: {
        "batch_ids": sorted({r["projects"][pid]["project_details"]["batch_id"] for r in rows})[:2],
        "label_created_at": [_fmt(_quantile(_labelled(rows, pid), 0.3)), None]}),
    "combined-global-keys-and-status": (PRC, lambda rows, pid: {
        "global_keys": [r["data_row"]["global_key"] for r in rows[::7]],
        "workflow_status": "InReview"}),
    "combined-all-kinds": (PRC, lambda rows, pid: {
        "last_activity_at": [_fmt(_quantile(_activity(rows), 0.05)), None],
        "label_created_at": [None, _fmt(_quantile(_labelled(rows, pid), 0.9))],
        "data_row_ids": support.ids_of(rows[::3]),
        "batch_ids": sorted({r["projects"][pid]["project_details"]["batch_id"] for r in rows})[:3],
        "workflow_status": "Done"}),
}


EMPTY_CASES = {
    "global_key-unknown": {"global_keys": ["no-such-global-key"]},
    "last_activity_at-future": {"last_activity_at": ["2099-01-01", None]},
    "label_created_at-past": {"label_created_at": [None, "1999-12-31 23:59:59"]},
}


@pytest.fixture(scope="module")
def exports(client, project, world_projects, everything):
    """Every export of this module, started at once (see support.ExportBatch)."""
    batch = support.ExportBatch(client)
    for case, (kind, build) in CASES.items():
        batch.start(case, project(kind), filters=build(everything(kind), world_projects[kind]["id"]))
    for case, filters in EMPTY_CASES.items():
        batch.start(f"empty {case}", project(PRC), filters=filters)
    return batch


@pytest.mark.parametrize("case", list(CASES))
def test_filter(case, exports, world_projects, everything, ground_truth):
    kind = CASES[case][0]
    pid = world_projects[kind]["id"]
    pool = everything(kind)
    filters = exports.filters(case)

    task = exports.done(case)
    want = ground_truth(kind, filters)
    got = support.read_buffered(task) if task.has_result() else []

    support.assert_rows_equal(got, want, f"{case} {filters}")
    support.check_filter_semantics(support.ids_of(got), pool, pid, filters)
    assert 0 < len(got) < len(pool), f"{case}: the filter should select some rows, not {len(got)} of {len(pool)}"


@pytest.mark.parametrize("case", list(EMPTY_CASES))
def test_filter_matching_nothing(case, exports, project, ground_truth):
    """An export with no rows has no RESULT stream: the header is null (surface spec §2.6)."""
    filters = EMPTY_CASES[case]
    assert ground_truth(PRC, filters) == [], "ground truth should be empty for this filter"

    task = exports.done(f"empty {case}")
    assert task.has_result() is False
    assert task.get_total_lines(StreamType.RESULT) is None
    assert task.get_total_file_size(StreamType.RESULT) is None
    with pytest.raises(ValueError, match="does not have a RESULT stream"):
        task.get_buffered_stream()


def test_filter_matching_nothing_export_v2(project):
    """export_v2 of an empty export: `.result == []` and `.errors is None`."""
    v2 = project(PRC).export_v2(filters=EMPTY_CASES["global_key-unknown"])
    v2.wait_till_done()
    assert v2.status == "COMPLETE"
    assert v2.result == []
    assert v2.errors is None
