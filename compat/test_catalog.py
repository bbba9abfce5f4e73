"""Catalog-side exports (`exportDataRowsInCatalog`): `DataRow.export(client, global_keys=...)`
/ `data_rows=...` and `dataset.export()` (surface spec §6).

fauxport's default world has one dataset per project, so a catalog export of a project's
rows is expected to equal the project export with the same rows and params (the catalog
export carries each row's own project entry; see the server's `catalog_export`). If the
server answers that an operation is unsupported, the test is skipped with that reason.
"""

from __future__ import annotations

import pytest

import support
from support import exceptions

PRC = support.PRC
RC = support.RC
UNSUPPORTED = (exceptions.OperationNotAllowedException,)


def _skip_if_unsupported(call, what: str):
    try:
        return call()
    except UNSUPPORTED as err:
        pytest.skip(f"server reports {what} unsupported: {err}")


def _wait(task):
    task.wait_till_done()
    assert task.status == "COMPLETE"
    return task


def test_data_row_export_by_global_keys(client, everything, ground_truth):
    import labelbox as lb

    gks = [r["data_row"]["global_key"] for r in everything(PRC)[3::97]]
    params = {"data_row_details": True, "project_details": True, "label_details": True}
    task = _skip_if_unsupported(
        lambda: lb.DataRow.export(client, global_keys=gks, params=params),
        "DataRow.export (exportDataRowsInCatalog)",
    )
    got = support.read_buffered(_wait(task))
    want = ground_truth(PRC, {"global_keys": gks}, params)
    assert len(want) == len(gks)
    support.assert_rows_equal(got, want, "DataRow.export(global_keys=...)")


def test_data_row_export_by_ids(client, everything, ground_truth):
    import labelbox as lb

    ids = support.ids_of(everything(RC)[::50])
    task = _skip_if_unsupported(
        lambda: lb.DataRow.export(client, data_rows=ids), "DataRow.export (exportDataRowsInCatalog)"
    )
    _wait(task)
    support.assert_rows_equal(support.read_buffered(task), ground_truth(RC, {"data_row_ids": ids}), "DataRow.export(data_rows=...)")


def test_dataset_export(client, world_projects, ground_truth):
    wp = world_projects[PRC]
    dataset = client.get_dataset(wp["dataset_id"])
    params = {"metadata_fields": True, "attachments": True}
    task = _skip_if_unsupported(lambda: dataset.export(params=params), "dataset.export (exportDataRowsInCatalog)")
    _wait(task)
    support.assert_rows_equal(support.read_buffered(task), ground_truth(PRC, params=params), "dataset.export()")


def test_dataset_export_with_filters(client, world_projects, everything, ground_truth):
    """dataset.export accepts the shared filters; the SDK appends a `dataset` entry."""
    wp = world_projects[PRC]
    rows = everything(PRC)
    filters = {"global_keys": [r["data_row"]["global_key"] for r in rows[::13]]}
    dataset = client.get_dataset(wp["dataset_id"])
    task = _skip_if_unsupported(lambda: dataset.export(filters=filters), "dataset.export (exportDataRowsInCatalog)")
    _wait(task)
    support.assert_rows_equal(support.read_buffered(task), ground_truth(PRC, filters), "dataset.export(filters)")


def test_catalog_export_across_projects(client, everything, ground_truth):
    """client.get_catalog().export with global keys from two projects: each row equals its
    project's row (the order across projects is not asserted: the SDK does not define it)."""
    picks = {kind: [r["data_row"]["global_key"] for r in everything(kind)[7::151]] for kind in (PRC, "conversational-preference")}
    gks = [gk for keys in picks.values() for gk in keys]
    params = {"label_details": True}
    task = _skip_if_unsupported(
        lambda: client.get_catalog().export(filters={"global_keys": gks}, params=params),
        "catalog.export (exportDataRowsInCatalog)",
    )
    _wait(task)
    got = {r["data_row"]["id"]: r for r in support.read_buffered(task)}
    want = {}
    for kind, keys in picks.items():
        for row in ground_truth(kind, {"global_keys": keys}, params):
            want[row["data_row"]["id"]] = row
    assert sorted(got) == sorted(want)
    for row_id in want:
        support.assert_rows_equal([got[row_id]], [want[row_id]], f"catalog row {row_id}")
