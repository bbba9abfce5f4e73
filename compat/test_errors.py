"""Errors as the SDK surfaces them (surface spec §8): bad API keys, unknown ids, and bad
input sent raw with `client.execute` (the SDK validates filters client-side, so a bad
filter can only reach the server through a hand-built mutation)."""

from __future__ import annotations

import pytest

from support import PRC, exceptions, sdk_query


EXPORT_MUTATION = sdk_query("exportDataRowsInProjectPyApi.graphql")
PROJECT_QUERY = "query GetProjectPyApi($param_0: ID!){project(where: {id: $param_0}){%s}}"


def export_input(project_id, query, **params):
    """The `input` the SDK's project.export() sends (surface spec §2.4), with `query` as the
    searchQuery.query list and `params` overriding the GraphQL params fields."""
    flags = {
        "mediaTypeOverride": None, "includeAttachments": False, "includeEmbeddings": False,
        "includeMetadata": False, "includeDataRowDetails": False, "includeProjectDetails": False,
        "includePerformanceDetails": False, "includeLabelDetails": False,
        "includeInterpolatedFrames": False,
    }
    flags.update(params)
    return {"input": {
        "taskName": None, "isStreamableReady": True,
        "filters": {"projectId": project_id, "searchQuery": {"scope": None, "query": query}},
        "params": flags, "streamable": True,
    }}


# --- authentication and unknown ids --------------------------------------------------------


@pytest.mark.parametrize("key", ["not-the-key", "fauxport:no-such-scenario", "Bearer x"])
def test_wrong_api_key(key, make_client, world_projects):
    c = make_client(key)
    with pytest.raises(exceptions.AuthenticationError):
        c.get_project(world_projects[PRC]["id"])


def test_wrong_api_key_on_export_path(make_client, client, world_projects):
    """The key is checked on every operation, not only on get_project."""
    p = client.get_project(world_projects[PRC]["id"])
    bad = make_client("not-the-key")
    with pytest.raises(exceptions.AuthenticationError):
        bad.execute(EXPORT_MUTATION, export_input(p.uid, []), error_log_key="errors")


def test_no_access_scenario(make_client, world_projects):
    """`fauxport:no-access`: reads work, export mutations answer AUTHORIZATION_ERROR."""
    c = make_client("fauxport:no-access")
    try:
        p = c.get_project(world_projects[PRC]["id"])
    except exceptions.AuthenticationError:
        pytest.skip("this server has no fauxport:no-access scenario (the key is rejected)")
    with pytest.raises(exceptions.AuthorizationError):
        p.export()


def test_rate_limited_scenario(make_client, world_projects):
    """`fauxport:rate-limited`: HTTP 429 "You have exceeded ..." → ApiLimitError, not retried."""
    c = make_client("fauxport:rate-limited")
    with pytest.raises((exceptions.ApiLimitError, exceptions.AuthenticationError)) as err:
        c.get_project(world_projects[PRC]["id"])
    if isinstance(err.value, exceptions.AuthenticationError):
        pytest.skip("this server has no fauxport:rate-limited scenario (the key is rejected)")


def test_unknown_project(client):
    with pytest.raises(exceptions.ResourceNotFoundError):
        client.get_project("clnotarealproject000000000")


def test_unknown_dataset(client):
    with pytest.raises(exceptions.ResourceNotFoundError):
        client.get_dataset("clnotarealdataset000000000")


def test_export_of_unknown_project_returns_no_task(client):
    """RESOURCE_NOT_FOUND makes `execute` return None (surface spec §8.1 rule 6)."""
    res = client.execute(EXPORT_MUTATION, export_input("clnotarealproject000000000", []), error_log_key="errors")
    assert res is None


# --- bad filter and param values, sent raw ---------------------------------------------------

DATE = {"type": "data_row_last_activity_at"}

# name -> (searchQuery.query list or params override, fragments the message must contain)
BAD_INPUT = {
    "unknown-operator": (
        [{**DATE, "value": {"operator": "FOO", "timezone": "UTC", "value": "2024-01-01"}}],
        ["query[0]", "operator"]),
    "unparsable-date": (
        [{**DATE, "value": {"operator": "GREATER_THAN_OR_EQUAL", "timezone": "UTC", "value": "not-a-date"}}],
        ["query[0]", "value"]),
    "unparsable-range-end": (
        [{"type": "labeled_at", "value": {"operator": "BETWEEN", "timezone": "UTC",
                                         "value": {"min": "2024-01-01", "max": "2024-13-45"}}}],
        ["query[0]", "max"]),
    "unknown-timezone": (
        [{**DATE, "value": {"operator": "LESS_THAN_OR_EQUAL", "timezone": "Mars/Olympus_Mons", "value": "2024-01-01"}}],
        ["query[0]", "timezone"]),
    "too-many-ids": (
        [{"ids": [f"gk-{i}" for i in range(2001)], "operator": "is", "type": "global_key"}],
        ["query[0]", "ids", "2000"]),
    "empty-ids": (
        [{"ids": [], "operator": "is", "type": "data_row_id"}],
        ["query[0]", "ids"]),
    "ids-not-a-list": (
        [{"ids": "cl123", "operator": "is", "type": "batch"}],
        ["query[0]", "ids"]),
    "unknown-id-operator": (
        [{"ids": ["cl123"], "operator": "is_not_quite", "type": "data_row_id"}],
        ["query[0]", "operator"]),
    "unknown-type": (
        [{"type": "no_such_filter"}],
        ["query[0]", "type"]),
    "unknown-workflow-status": (
        [{"type": "task_queue_status", "status": "Sideways"}],
        ["query[0]", "status"]),
    "second-entry-bad": (
        [{"type": "task_queue_not_exist"}, {**DATE, "value": {"operator": "BETWEEN", "timezone": "UTC", "value": "2024-01-01"}}],
        ["query[1]"]),
    "query-not-a-list": (
        {"type": "task_queue_not_exist"},
        ["query"]),
}


@pytest.mark.parametrize("case", list(BAD_INPUT))
def test_bad_filter_value(case, client, world_projects):
    query, fragments = BAD_INPUT[case]
    variables = export_input(world_projects[PRC]["id"], query)
    with pytest.raises(exceptions.InvalidQueryError) as err:
        client.execute(EXPORT_MUTATION, variables, error_log_key="errors")
    message = str(err.value)
    for fragment in fragments:
        assert fragment in message, f"{case}: message should name {fragment!r}: {message}"


def test_bad_param_value(client, world_projects):
    variables = export_input(world_projects[PRC]["id"], [], includeAttachments="yes")
    with pytest.raises(exceptions.InvalidQueryError, match="includeAttachments"):
        client.execute(EXPORT_MUTATION, variables, error_log_key="errors")


def test_missing_project_id(client):
    variables = export_input(None, [])
    with pytest.raises(exceptions.InvalidQueryError, match="projectId"):
        client.execute(EXPORT_MUTATION, variables, error_log_key="errors")


# --- bad GraphQL text ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        EXPORT_MUTATION[:-1],  # a missing closing brace
        "{{{ this is not graphql",
        "query GetProjectPyApi($param_0: ID!){project(where: {id: $param_0}){id name",
    ],
    ids=["missing-brace", "garbage", "truncated-query"],
)
def test_malformed_graphql(text, client, world_projects):
    with pytest.raises(exceptions.InvalidQueryError):
        client.execute(text, {"param_0": world_projects[PRC]["id"]})


def test_unknown_field(client, world_projects):
    with pytest.raises(exceptions.InvalidQueryError, match="noSuchField"):
        client.execute(PROJECT_QUERY % "id name noSuchField", {"param_0": world_projects[PRC]["id"]})


def test_unknown_operation(client):
    with pytest.raises(exceptions.InvalidQueryError):
        client.execute("query NoSuchOperationPyApi { noSuchRoot { id } }")


def test_raw_query_that_is_valid_works(client, world_projects):
    """The control case for the raw requests above: the same path with good input works."""
    wp = world_projects[PRC]
    res = client.execute(PROJECT_QUERY % "id name", {"param_0": wp["id"]})
    assert res["project"]["id"] == wp["id"] and res["project"]["name"] == wp["name"]
    res = client.execute(EXPORT_MUTATION, export_input(wp["id"], [{"type": "task_queue_not_exist"}]), error_log_key="errors")
    assert res["exportDataRowsInProject"]["taskId"]


# --- bad page lookups, sent raw --------------------------------------------------------------

OFFSET_QUERY = sdk_query("GetExportFileFromOffsetPyApi.graphql")
LINE_QUERY = sdk_query("GetExportFileFromLinePyApi.graphql")


@pytest.mark.parametrize(
    "query, variable, value",
    [(OFFSET_QUERY, "offset", "abc"), (OFFSET_QUERY, "offset", "-1"), (LINE_QUERY, "line", -1)],
    ids=["offset-not-a-number", "offset-negative", "line-negative"],
)
def test_bad_page_lookup(query, variable, value, client, project):
    """Spec §11: numeric strings for `offset`, integers for `line`; anything else is an input
    error naming the variable."""
    task = project(PRC).export(filters={"workflow_status": "InRework"})
    variables = {"where": {"id": task.uid}, "streamType": "RESULT", variable: value}
    with pytest.raises(exceptions.InvalidQueryError, match=variable):
        client.execute(query, variables, error_log_key="errors")
