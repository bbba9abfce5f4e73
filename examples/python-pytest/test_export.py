"""Three things a team wants to know about its Labelbox export code, asked of fauxport through
the pytest plugin's `fauxport` fixture: the rows are right, a failed task is not swallowed, and
the client does not hammer the API."""

import pytest
from labelbox import ExportTask

PARAMS = {"data_row_details": True, "label_details": True, "project_details": True}


def export_rows(client, project_id, params):
    """The code under test: export a project with the official SDK, the documented way."""
    task = client.get_project(project_id).export(params=params)
    task.wait_till_done()
    return [row.json for row in task.get_buffered_stream()]


def test_happy_export_equals_the_expected_rows(fauxport):
    project_id = fauxport.project_ids["conversational-preference"]
    rows = export_rows(fauxport.client(), project_id, PARAMS)

    expected = fauxport.expected_rows(project_id, PARAMS)
    assert len(expected) == fauxport.rows == 300
    assert rows == expected


@pytest.mark.fauxport(scenario="failed-task")
def test_a_failed_task_raises(fauxport):
    project_id = fauxport.project_ids["prompt-response-creation"]
    with pytest.raises(ExportTask.ExportTaskException, match="Task failed"):
        export_rows(fauxport.client(), project_id, PARAMS)


@pytest.mark.fauxport(scenario="slow-task")
def test_the_client_polls_no_faster_than_every_two_seconds(fauxport):
    # slow-task keeps each export IN_PROGRESS for 3 s: the client has to poll.
    project_id = fauxport.project_ids["prompt-creation"]
    rows = export_rows(fauxport.client(), project_id, PARAMS)
    assert rows == fauxport.expected_rows(project_id, PARAMS)

    polls = fauxport.verify(api_key=fauxport.api_key, kind="task", min_count=2, min_gap_ms=2000)
    assert polls["ok"], polls["problems"]
