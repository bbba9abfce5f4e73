"""Reference client for `fauxport check`: one project export through the official Labelbox SDK.

Run it with a venv that has `labelbox` installed (7.17.0 and 5.2.1 both work: `project.export`,
`ExportTask.wait_till_done` and `get_buffered_stream` exist in both). It uses the SDK exactly as
its documentation shows, with every export param on.

The client contract (environment set by `fauxport check`, once per scenario):

  FAUXPORT_ENDPOINT       GraphQL URL (`.../graphql`), passed as `endpoint=`
  FAUXPORT_BASE_URL       server base URL; `<base>/api/v1` is passed as `rest_endpoint=`
  FAUXPORT_API_KEY        the key selecting the scenario, passed as `api_key=`
  FAUXPORT_PROJECT_ID     the project to export
  FAUXPORT_ROWS_OUT       every RESULT row received, one JSON object per line, in order
  FAUXPORT_ERRORS_OUT     every ERRORS-stream line received; created (maybe empty) once the
                          task is complete, because this client always reads the errors stream
  FAUXPORT_EXCEPTION_OUT  on failure: {"type": <exception class name>, "message": <text>}

Exit status 0 means "I exported everything"; 1 means a failure was surfaced (traceback on
stderr). A COMPLETE task without a RESULT stream (null header) is an empty export: zero rows.
"""

import json
import os
import sys
from pathlib import Path

import labelbox as lb

from labelbox.schema.export_params import ProjectExportParams

# The wheel's Python package (python/src/fauxport), from the source tree: standard library only.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "python" / "src"))
from fauxport.check_client import run  # noqa: E402

# Every export param that chooses content on: the SDK's own ProjectExportParams keys.
PARAMS = {
    name: True for name in ProjectExportParams.__annotations__ if name != "media_type_override"
}


def stream_to(path, task, stream_type):
    """Writes every line of one stream to `path`, one JSON object per line, as received."""
    with open(path, "w", encoding="utf-8") as out:
        task.get_buffered_stream(stream_type=stream_type).start(
            stream_handler=lambda output: out.write(json.dumps(output.json, ensure_ascii=False) + "\n")
        )


def main():
    env = os.environ
    # requests honours *_PROXY variables: never send loopback traffic through a proxy.
    for var in ("NO_PROXY", "no_proxy"):
        env[var] = ",".join(h for h in ["127.0.0.1", "localhost", *env.get(var, "").split(",")] if h)
    open(env["FAUXPORT_ROWS_OUT"], "w").close()  # no rows received yet

    client = lb.Client(
        api_key=env["FAUXPORT_API_KEY"],
        endpoint=env["FAUXPORT_ENDPOINT"],
        rest_endpoint=env["FAUXPORT_BASE_URL"].rstrip("/") + "/api/v1",
    )
    project = client.get_project(env["FAUXPORT_PROJECT_ID"])
    task = project.export(params=PARAMS)
    task.wait_till_done()
    # wait_till_done() returns on any status but IN_PROGRESS, and silently on its own timeout.
    if task.status != "COMPLETE":
        raise lb.ExportTask.ExportTaskException(f"export task {task.uid} ended {task.status}")

    # A stream whose header is null has no pages: has_errors()/has_result() are False and
    # get_buffered_stream() would raise ValueError. For a COMPLETE task that means "no lines".
    open(env["FAUXPORT_ERRORS_OUT"], "w").close()
    if task.has_errors():
        stream_to(env["FAUXPORT_ERRORS_OUT"], task, lb.StreamType.ERRORS)
    if task.has_result():
        stream_to(env["FAUXPORT_ROWS_OUT"], task, lb.StreamType.RESULT)


if __name__ == "__main__":
    run(main)
