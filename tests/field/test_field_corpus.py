"""The independent field corpus (bench/field/): generate the reduced corpus, run the real `paperdesk run`
CLI on it, score the flags against the planted truth.

This measures the product on submissions its authors did not write (see bench/field/README.md). Asserted: the
error flags are explained by planted defects (precision ≥ 0.95) and the planted defects are found
(recall ≥ 0.95); on failure the report in the assertion message is the worklist.
"""
from __future__ import annotations

import importlib.util

import pytest
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench" / "field"


def _score_module():
    spec = importlib.util.spec_from_file_location("field_score", BENCH / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _paperdesk() -> list[str]:
    probe = subprocess.run([sys.executable, "-c", "import paperdesk.cli"], capture_output=True, cwd=ROOT)
    if probe.returncode == 0:
        return [sys.executable, "-m", "paperdesk.cli"]
    return [str(Path(sys.executable).with_name("paperdesk"))]


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("field")
    corpus = tmp_path / "corpus"
    gen = subprocess.run([sys.executable, str(BENCH / "generate.py"), "--out", str(corpus), "--reduced"],
                         capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert gen.returncode == 0, gen.stderr[-4000:]
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    assert len(truth["colleges"]) == 3 and len(truth["defects"]) >= 6 and len(truth["traps"]) >= 3
    assert manifest["scanned_pages"] <= 8

    outbox, state = tmp_path / "outbox", tmp_path / "state"
    run = subprocess.run(_paperdesk() + ["run", "--inbox", str(corpus / "inbox"), "--outbox", str(outbox),
                                         "--state", str(state)],
                         capture_output=True, text=True, timeout=3600, cwd=ROOT)
    assert run.returncode == 0, (run.stdout[-2000:], run.stderr[-4000:])
    flags = json.loads((outbox / "flags.json").read_text(encoding="utf-8"))

    score = _score_module()
    s = score.score(truth, flags, manifest)
    text = score.report(s)
    print(text)
    return s, text


def test_reduced_field_corpus_error_flags_are_explained(scored):
    s, text = scored
    assert s["explained_share"] >= 0.95, text
    assert s["precision"] >= 0.95, text


def test_reduced_field_corpus_recall(scored):
    s, text = scored
    assert s["recall"] >= 0.95, text
