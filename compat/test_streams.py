"""The two streams of an export task (RESULT and ERRORS) through every reader the SDKs have.

Both versions: has_result/has_errors, get_total_file_size/get_total_lines (= byte length and
line count of the ground-truth NDJSON), get_buffered_stream for RESULT and ERRORS.
5.2.1 only: get_stream(JsonConverter(), RESULT/ERRORS), Stream.with_line/with_offset and
FileConverter.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List

import pytest

import support
from support import StreamType

RC = support.RC  # the kind whose export has an ERRORS stream
ALL = support.ALL_PARAMS_ON


@pytest.fixture(scope="module")
def exports(client, project):
    """One all-params export per project kind, started at once (see support.ExportBatch) and
    shared by this module's tests."""
    batch = support.ExportBatch(client)
    for kind in support.KINDS:
        batch.start(kind, project(kind), params=ALL)
    done: Dict[str, Any] = {}

    def get(kind: str):
        if kind not in done:
            done[kind] = batch.done(kind)
        return done[kind]

    return get


@pytest.mark.parametrize("kind", support.KINDS)
def test_totals_match_ground_truth(kind, exports, truth):
    task = exports(kind)
    for stream, stream_type in (("result", StreamType.RESULT), ("errors", StreamType.ERRORS)):
        want = truth(kind, params=ALL, stream=stream)
        size, lines = task.get_total_file_size(stream_type), task.get_total_lines(stream_type)
        if want.total_lines == 0:
            assert (size, lines) == (None, None), f"{kind} {stream}: empty stream needs a null header"
        else:
            assert (size, lines) == (want.total_size, want.total_lines), f"{kind} {stream} (bytes, lines)"
    assert task.has_result() is (truth(kind, params=ALL).total_lines > 0)
    assert task.has_errors() is (truth(kind, params=ALL, stream="errors").total_lines > 0)


def test_response_creation_has_both_streams(exports, truth):
    """The default world's response-creation project has rows that fail export (the ERRORS
    stream) and rows that export fine; the suite depends on both existing."""
    assert truth(RC, params=ALL).total_lines > 0
    assert truth(RC, params=ALL, stream="errors").total_lines > 0
    assert exports(RC).has_errors() is True
    assert exports(RC).has_result() is True


@pytest.mark.parametrize("kind", support.KINDS)
def test_buffered_result(kind, exports, ground_truth):
    got = support.read_buffered(exports(kind), StreamType.RESULT)
    support.assert_rows_equal(got, ground_truth(kind, params=ALL), f"{kind} RESULT")


@pytest.mark.parametrize("kind", support.KINDS)
def test_buffered_errors(kind, exports, ground_truth):
    want = ground_truth(kind, params=ALL, stream="errors")
    task = exports(kind)
    if not want:
        assert task.has_errors() is False
        with pytest.raises(ValueError, match="does not have a ERRORS stream"):
            task.get_buffered_stream(StreamType.ERRORS)
        return
    got = support.read_buffered(task, StreamType.ERRORS)
    support.assert_rows_equal(got, want, f"{kind} ERRORS")
    for line in got:
        assert isinstance(line, dict), "an error line must be a JSON object"


# --- 5.2.1: get_stream with converters -----------------------------------------------------


@pytest.fixture(scope="module")
def safe_export(project, world_projects, everything, ground_truth, truth):
    """An export whose every RESULT line the 5.x JsonConverter can split correctly.

    JsonConverter finds objects by counting braces without looking at strings, so a row
    whose strings hold unbalanced `{`/`}` is mangled by the SDK whatever the server sends
    (surface spec §4.2). This export filters the response-creation project by data_row_ids
    to 1800 brace-safe rows (non-ASCII rows included, so byte and character offsets differ)
    plus the ids of rows that fail export (so ERRORS is not empty); pages still hold
    `--page-rows` lines each."""
    if not support.HAS_GET_STREAM:
        pytest.skip(f"labelbox {support.SDK_VERSION} has no get_stream")
    full = truth(RC, params=ALL)
    safe = [row for row, line in zip(full.rows, full.lines) if support.brace_safe(line)]
    ids = support.ids_of(safe)[:1800]
    failed = [e["data_row_id"] for e in ground_truth(RC, params=ALL, stream="errors") if "data_row_id" in e]
    filters = {"data_row_ids": (ids + failed)[:2000]}
    task = support.export_done(project(RC), filters=filters, params=ALL)
    result = truth(RC, filters=filters, params=ALL)
    errors = truth(RC, filters=filters, params=ALL, stream="errors")
    assert all(support.brace_safe(line) for line in result.lines + errors.lines)
    assert result.total_lines > 2 * support.PAGE_ROWS, "need several pages"
    assert any(not line.isascii() for line in result.lines), "need non-ASCII rows"
    return task, result, errors


def _json_stream(stream) -> List[Any]:
    outputs: List[Any] = []
    stream.start(stream_handler=outputs.append)
    return outputs


@support.only_sdk5
def test_get_stream_json_result(safe_export):
    import labelbox as lb

    task, result, _ = safe_export
    outputs = _json_stream(task.get_stream(converter=lb.JsonConverter(), stream_type=StreamType.RESULT))
    support.assert_rows_equal([json.loads(o.json_str) for o in outputs], result.rows, "JsonConverter RESULT")
    # current_line comes from the server's page line ranges.
    assert [o.current_line for o in outputs] == list(range(result.total_lines))


@support.only_sdk5
def test_get_stream_json_errors(safe_export):
    import labelbox as lb

    task, _, errors = safe_export
    assert task.has_errors() is True
    outputs = _json_stream(task.get_stream(converter=lb.JsonConverter(), stream_type=StreamType.ERRORS))
    support.assert_rows_equal([json.loads(o.json_str) for o in outputs], errors.rows, "JsonConverter ERRORS")


def _line_cases():
    return ["first-line", "page-boundary", "mid-page", "last-page-mid", "last-line"]


def _pick_line(case: str, total: int) -> int:
    p = support.PAGE_ROWS
    return {
        "first-line": 0,
        "page-boundary": p,
        "mid-page": p + p // 2 + 7,
        "last-page-mid": ((total - 1) // p) * p + 3,
        "last-line": total - 1,
    }[case]


@support.only_sdk5
@pytest.mark.parametrize("case", _line_cases())
def test_with_line(case, safe_export):
    import labelbox as lb

    task, result, _ = safe_export
    n = _pick_line(case, result.total_lines)
    stream = task.get_stream(converter=lb.JsonConverter(), stream_type=StreamType.RESULT).with_line(n)
    outputs = _json_stream(stream)
    support.assert_rows_equal([json.loads(o.json_str) for o in outputs], result.rows[n:], f"with_line({n})")
    assert [o.current_line for o in outputs] == list(range(n, result.total_lines))


@support.only_sdk5
@pytest.mark.parametrize("page", [0, 1, 3])
def test_with_offset_at_page_start(page, safe_export):
    """with_offset(o) for o at a page start (5.2.1 slices the page by characters, so an
    offset inside a page with non-ASCII text before it is an SDK limitation)."""
    import labelbox as lb

    task, result, _ = safe_export
    line = page * support.PAGE_ROWS
    assert line < result.total_lines
    offset = result.offset_of_line(line)
    stream = task.get_stream(converter=lb.JsonConverter(), stream_type=StreamType.RESULT).with_offset(offset)
    outputs = _json_stream(stream)
    support.assert_rows_equal(
        [json.loads(o.json_str) for o in outputs], result.rows[line:], f"with_offset({offset}) = line {line}"
    )
    assert outputs[0].current_offset == offset


@support.only_sdk5
@pytest.mark.parametrize("stream", ["result", "errors"])
def test_file_converter_writes_the_same_bytes(stream, exports, truth, tmp_path):
    """FileConverter on the full (unfiltered) export: the file holds exactly the NDJSON."""
    import labelbox as lb

    want = truth(RC, params=ALL, stream=stream)
    stream_type = StreamType.RESULT if stream == "result" else StreamType.ERRORS
    path = tmp_path / f"{stream}.ndjson"
    outputs = _json_stream(exports(RC).get_stream(converter=lb.FileConverter(file_path=str(path)), stream_type=stream_type))
    assert path.read_bytes() == want.raw
    assert outputs, "FileConverter yielded nothing"
    assert {(o.total_size, o.total_lines) for o in outputs} == {(want.total_size, want.total_lines)}
    assert outputs[0].current_offset == 0 and outputs[0].current_line == 0
    # One output per page; each page starts where the previous one ended.
    starts = [o.current_line for o in outputs]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    for o in outputs:
        assert o.current_offset == want.offset_of_line(o.current_line), "page offsets and lines disagree"
