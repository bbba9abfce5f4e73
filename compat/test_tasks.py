"""Export task lifecycle: wait_till_done, re-attaching to a task by id, and the task
scenarios selected by `fauxport:<scenario>` API keys (happy, failed-task, slow-task)."""

from __future__ import annotations

import time
from datetime import datetime

import pytest

import support
from support import ExportTask, StreamType, exceptions

PRC = support.PRC
SMALL = {"workflow_status": "InRework"}  # a filter that keeps the slow cases small


def test_wait_till_done(project, ground_truth):
    task = project(PRC).export(task_name="compat wait_till_done")
    assert task.status in ("IN_PROGRESS", "COMPLETE")
    assert task.name == "compat wait_till_done"
    assert task.type == "export-data-rows"
    task.wait_till_done()
    assert task.status == "COMPLETE"
    assert isinstance(task.created_at, datetime) and isinstance(task.updated_at, datetime)
    assert task.created_at <= task.updated_at
    assert task.completion_percentage == 100
    support.assert_rows_equal(support.read_buffered(task), ground_truth(PRC))


def test_reattach_by_task_id(client, project, ground_truth):
    """ExportTask.get_task(client, id) and client.get_task_by_id(id) find a finished task."""
    task = support.export_done(project(PRC), filters=SMALL)
    want = ground_truth(PRC, SMALL)

    again = ExportTask.get_task(client, task.uid)
    assert again.uid == task.uid and again.status == "COMPLETE"
    support.assert_rows_equal(support.read_buffered(again), want, "ExportTask.get_task")

    plain = client.get_task_by_id(task.uid)
    assert plain.uid == task.uid and plain.status == "COMPLETE"
    assert plain.type == "export-data-rows"
    support.assert_rows_equal(support.read_buffered(ExportTask(plain)), want, "get_task_by_id")


def test_unknown_task_id(client):
    with pytest.raises(exceptions.ResourceNotFoundError):
        client.get_task_by_id("clnotarealtask00000000000")


def test_happy_scenario_key(make_client, world_projects, ground_truth):
    """`fauxport:happy` behaves like the world's own key."""
    c = make_client("fauxport:happy")
    task = support.export_done(c.get_project(world_projects[PRC]["id"]), filters=SMALL)
    support.assert_rows_equal(support.read_buffered(task), ground_truth(PRC, SMALL))


def test_failed_task(make_client, world_projects):
    """`fauxport:failed-task`: the task ends FAILED and every reader raises
    ExportTaskException("Task failed") (surface spec §3)."""
    c = make_client("fauxport:failed-task")
    p = c.get_project(world_projects[PRC]["id"])
    task = p.export(filters=SMALL)
    task.wait_till_done()
    assert task.status == "FAILED"
    for read in (
        task.has_result,
        task.has_errors,
        lambda: task.get_total_lines(StreamType.RESULT),
        lambda: task.get_total_file_size(StreamType.RESULT),
        lambda: task.get_buffered_stream(),
        lambda: task.get_buffered_stream(StreamType.ERRORS),
    ):
        with pytest.raises(ExportTask.ExportTaskException, match="Task failed"):
            read()

    v2 = p.export_v2(filters=SMALL)
    v2.wait_till_done()
    assert v2.status == "FAILED"
    if isinstance(v2, ExportTask):
        with pytest.raises(ExportTask.ExportTaskException, match="Task failed"):
            v2.result
        with pytest.raises(ExportTask.ExportTaskException, match="Task failed"):
            v2.errors
    else:  # legacy Task: Task.result raises ValueError("Job failed. Errors : ...")
        with pytest.raises(ValueError, match="Job failed"):
            v2.result


def test_slow_task(make_client, world_projects, ground_truth):
    """`fauxport:slow-task`: IN_PROGRESS for ~3 s, then COMPLETE. Before completion the
    readers raise "Task is not ready yet"; wait_till_done polls (every 2 s) until done."""
    c = make_client("fauxport:slow-task")
    p = c.get_project(world_projects[PRC]["id"])
    started = time.monotonic()
    task = p.export(filters=SMALL)
    assert task.status == "IN_PROGRESS"
    with pytest.raises(ExportTask.ExportTaskException, match="Task is not ready yet"):
        task.get_buffered_stream()
    with pytest.raises(ExportTask.ExportTaskException, match="Task is not ready yet"):
        task.has_result()
    task.wait_till_done(timeout_seconds=60)
    elapsed = time.monotonic() - started
    assert task.status == "COMPLETE", f"still {task.status} after {elapsed:.1f} s"
    assert elapsed >= 2.0, "wait_till_done should have polled at least once"
    support.assert_rows_equal(support.read_buffered(task), ground_truth(PRC, SMALL))


def test_concurrent_exports(make_client, world, world_projects, ground_truth):
    """Four clients export and stream at the same time (each in its own thread)."""
    from concurrent.futures import ThreadPoolExecutor

    jobs = [
        ("prompt-response-creation", {"workflow_status": "Done"}, {"label_details": True}),
        ("prompt-creation", None, {"data_row_details": True}),
        ("response-creation", {"workflow_status": "InReview"}, None),
        ("conversational-preference", None, {"project_details": True, "performance_details": True}),
    ]

    def run(job):
        kind, filters, params = job
        c = make_client(world["api_key"])
        task = support.export_done(c.get_project(world_projects[kind]["id"]), filters=filters, params=params)
        return support.read_buffered(task)

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        results = list(pool.map(run, jobs))
    for (kind, filters, params), got in zip(jobs, results):
        support.assert_rows_equal(got, ground_truth(kind, filters, params), f"concurrent {kind}")
