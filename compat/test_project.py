"""The lookups that precede an export: get_project, get_projects, get_dataset, and the user
and organization the SDK fetches along the way. Expected values come from /world.json."""

from __future__ import annotations

from datetime import datetime

import pytest

import support


# The SDK's lookups by id, and where a project of /world.json holds what each must answer: the
# key of the id, the key of the name, and the SDK object's attribute for the number of rows.
BY_ID = {
    "get_project": ("id", "name", "data_row_count"),
    "get_dataset": ("dataset_id", "dataset_name", "row_count"),
}


@pytest.mark.parametrize("kind", support.KINDS)
@pytest.mark.parametrize("lookup", BY_ID)
def test_lookup_by_id(lookup, kind, client, world_projects):
    """get_project and get_dataset answer the id, name and row count world.json gives."""
    id_key, name_key, rows = BY_ID[lookup]
    wp = world_projects[kind]
    got = getattr(client, lookup)(wp[id_key])
    assert got.uid == wp[id_key]
    assert got.name == wp[name_key]
    assert getattr(got, rows) == wp["rows"]
    assert isinstance(got.created_at, datetime)


@pytest.mark.parametrize("kind", support.KINDS)
def test_get_project_fields(kind, client, world_projects):
    """The rest of a project's fields: types, times in order, and the queue mode of SDK 5."""
    p = client.get_project(world_projects[kind]["id"])
    assert isinstance(p.description, str)
    for field in ("created_at", "updated_at", "last_activity_time"):
        assert isinstance(getattr(p, field), datetime), f"{field} = {getattr(p, field)!r} is not a datetime"
    assert p.created_at <= p.updated_at
    assert isinstance(p.is_benchmark_enabled, bool)
    assert isinstance(p.is_consensus_enabled, bool)
    if support.SDK_MAJOR < 6:
        from labelbox.schema.queue_mode import QueueMode

        assert p.queue_mode == QueueMode.Batch


def test_get_projects_lists_the_world(client, world):
    got = {p.uid: p.name for p in client.get_projects()}
    want = {p["id"]: p["name"] for p in world["projects"]}
    assert got == want


def test_get_projects_where_name(client, world_projects):
    """get_projects(where=Project.name == ...) narrows on the server (surface: GetProjectsPyApi
    with `where: {AND: [{name: $param_0}, {deleted: $param_1}]}`)."""
    from labelbox import Project

    wp = world_projects["response-creation"]
    got = [p.uid for p in client.get_projects(where=Project.name == wp["name"])]
    assert got == [wp["id"]]
    assert list(client.get_projects(where=Project.name == "no such project")) == []


def test_get_datasets_lists_the_world(client, world):
    got = {d.uid: d.name for d in client.get_datasets()}
    want = {p["dataset_id"]: p["dataset_name"] for p in world["projects"]}
    assert got == want


def test_user_and_organization(client, world):
    user = client.get_user()
    assert user.uid == world["user"]["id"]
    assert user.email == world["user"]["email"]
    org = client.get_organization()
    assert org.uid == world["organization"]["id"]
    assert org.name == world["organization"]["name"]


def test_dataset_of_project_rows(world_projects, everything):
    """data_row.details names the dataset world.json gives the project."""
    for kind, wp in world_projects.items():
        details = {(r["data_row"]["details"]["dataset_id"], r["data_row"]["details"]["dataset_name"]) for r in everything(kind)}
        assert details == {(wp["dataset_id"], wp["dataset_name"])}, kind
