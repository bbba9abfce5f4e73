"""A world with its own content: the official SDK exports from a server started on
fixtures/corpus/world.toml (a bicycle workshop's help desk). Rows must show the corpus's
prompts and responses, carry its metadata, and answer the world's own ontologies; and they
must be exactly what `fauxport generate --world` writes."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any, Dict, List, Set

import labelbox as lb
import pytest

import support
from serve import start_server, stop_server

CORPUS_DIR = support.REPO / "fixtures" / "corpus"
WORLD_FILE = CORPUS_DIR / "world.toml"
ONTOLOGY_OF_KIND = {
    "prompt-response-creation": "ontology.json",
    "response-creation": "ontology.json",
    "conversational-preference": "preference-ontology.json",
}


@pytest.fixture(scope="module")
def corpus_server(tmp_path_factory):
    srv = start_server(
        tmp_path_factory.mktemp("serve-corpus"), "--world", str(WORLD_FILE), "--page-rows", "50"
    )
    yield srv
    stop_server(srv)


@pytest.fixture(scope="module")
def corpus_client(corpus_server) -> lb.Client:
    return lb.Client(
        api_key=corpus_server.world["api_key"],
        endpoint=corpus_server.graphql,
        rest_endpoint=corpus_server.rest,
    )


@pytest.fixture(scope="module")
def entries() -> List[Dict[str, Any]]:
    lines = (CORPUS_DIR / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _feature_names(path: Path) -> Set[str]:
    """Every feature and option name of an ontology file, nested ones included."""
    names: Set[str] = set()

    def walk(features):
        for f in features:
            names.add(f["name"])
            for o in f.get("options", []):
                names.add(o["name"])
                walk(o.get("nested", []))

    walk(json.loads(path.read_text(encoding="utf-8"))["features"])
    return names


def _generated(project_id: str) -> List[Dict[str, Any]]:
    """The rows `fauxport generate --world` writes for the project, every param on."""
    cmd = [
        support.FAUXPORT_BIN, "generate", "--world", str(WORLD_FILE), "--project", project_id,
        "--quiet", "--out", "-",
    ]
    proc = subprocess.run(cmd, capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    return support.Truth(proc.stdout).rows


def _export(corpus_client, project_id: str) -> List[Dict[str, Any]]:
    project = corpus_client.get_project(project_id)
    task = support.export_done(project, params=support.ALL_PARAMS_ON)
    return support.read_buffered(task)


@pytest.mark.parametrize("kind", sorted(ONTOLOGY_OF_KIND))
def test_rows_show_the_corpus(kind, corpus_server, corpus_client, entries):
    wp = next(p for p in corpus_server.world["projects"] if p["kind"] == kind)
    rows = _export(corpus_client, wp["id"])
    assert len(rows) == wp["rows"]
    support.assert_rows_equal(rows, _generated(wp["id"]), f"{kind} export")

    by_prompt = {e["prompt"]: e for e in entries}
    shown: List[Dict[str, Any]] = []  # the entry of each row that shows one, found by its prompt
    for row in rows:
        labels = [l for p in row["projects"].values() for l in p["labels"]]
        entry = None
        if kind == "prompt-response-creation":
            # The labels write the text: a row without a submitted label shows none.
            for label in labels:
                texts = {
                    c["name"]: c["text_answer"]["content"]
                    for c in label["annotations"]["classifications"]
                    if "text_answer" in c
                }
                if "Customer question" in texts:
                    entry = by_prompt.get(texts["Customer question"])
                    assert entry, f"not a corpus prompt: {texts['Customer question']!r}"
                    assert texts.get("Workshop answer") == entry["response"]
        elif kind == "response-creation":
            prompt = row["data_row"]["row_data"]
            entry = by_prompt.get(prompt)
            assert entry, f"not a corpus prompt: {prompt!r}"
        else:
            conversation = json.loads(row["data_row"]["row_data"])
            for message in conversation["messages"][::2]:
                assert message["content"] in by_prompt, f"not a corpus prompt: {message['content']!r}"
            entry = by_prompt[conversation["messages"][-1]["content"]]
            outputs = [o["content"] for o in conversation["modelOutputs"]]
            assert entry["response"] in outputs, "neither output is the corpus's answer"
        if entry is None:
            continue
        shown.append(entry)
        fields = {f["schema_name"]: f["value"] for f in row.get("metadata_fields", [])}
        for key, value in entry.get("metadata", {}).items():
            assert fields.get(key) == value, f"metadata {key}: {fields.get(key)!r} != {value!r}"
    assert len(shown) >= len(rows) // 2, f"only {len(shown)} of {len(rows)} rows showed corpus text"
    assert len({e["prompt"] for e in shown}) >= 20, "rows do not spread over the corpus"


@pytest.mark.parametrize("kind", sorted(ONTOLOGY_OF_KIND))
def test_labels_answer_the_worlds_ontology(kind, corpus_server, corpus_client):
    wp = next(p for p in corpus_server.world["projects"] if p["kind"] == kind)
    names = _feature_names(CORPUS_DIR / ONTOLOGY_OF_KIND[kind])
    top = {f["name"] for f in json.loads((CORPUS_DIR / ONTOLOGY_OF_KIND[kind]).read_text())["features"]}
    seen: Set[str] = set()

    def walk(classifications):
        for c in classifications:
            seen.add(c["name"])
            answers = c.get("checklist_answers") or c.get("conversational_checklist_answers") or []
            radio = c.get("radio_answer") or c.get("conversational_radio_answer")
            for a in answers + ([radio] if radio else []):
                seen.add(a["name"])
                walk(a.get("classifications", []))

    for row in _export(corpus_client, wp["id"]):
        for p in row["projects"].values():
            for label in p["labels"]:
                walk(label["annotations"]["classifications"])
    assert seen <= names, f"answers outside the ontology: {sorted(seen - names)}"
    assert top <= seen, f"features never answered: {sorted(top - seen)}"
