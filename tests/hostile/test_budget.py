"""Bounded by construction: hostile files for each cap end quickly as data (a capped record with
a note, or an ExtractionError with a Chinese reason); and in a real run, a file over its budget
is `unreadable` with the limit named, while a normal file in the same inbox is read correctly."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

import budget_files
from extractors.registry import extract
from paperdesk.campaign import load_campaign
from paperdesk.models import ExtractionError, FreeDoc

CAMPAIGN = load_campaign()
ROOT = Path(__file__).resolve().parents[2]


def _timed(path: Path, kind: str):
    t0 = time.monotonic()
    records = extract(path, kind, f"学院/{path.name}", CAMPAIGN)
    return records, time.monotonic() - t0


def test_a_shared_strings_bomb_is_cut_at_the_document_budget(tmp_path):
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(budget_files.shared_strings_bomb())
    assert path.stat().st_size < 2_000_000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    records, took = _timed(path, "xlsx")
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert took < 60, f"{took:.0f} s"
    assert grown_mb < 600, f"{grown_mb:.0f} MB"
    [rec] = records
    assert isinstance(rec, FreeDoc) and any("内容过多" in n for n in rec.notes), rec.notes
    assert len(rec.text) <= 2_100_000


def test_a_pdf_page_of_hundreds_of_thousands_of_glyphs_is_not_parsed(tmp_path):
    path = tmp_path / "glyphs.pdf"
    path.write_bytes(budget_files.glyph_pdf())
    records, took = _timed(path, "pdf")
    assert took < 30, f"{took:.0f} s"
    [rec] = records
    assert isinstance(rec, ExtractionError) and "内容过多" in rec.reason, rec


def test_a_docx_paragraph_of_one_huge_repeated_run_is_cut(tmp_path):
    path = tmp_path / "run.docx"
    path.write_bytes(budget_files.repeated_run_docx())
    records, took = _timed(path, "docx")
    assert took < 60, f"{took:.0f} s"
    [rec] = records
    assert isinstance(rec, FreeDoc) and rec.title == "学生带班工作总结"
    assert len(rec.text) < 60_000


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """One real `paperdesk run` over an inbox holding a slow scan, the bombs and a normal A3,
    with small limits (5 s a file and next to nothing a page) so that the slow scan passes its budget."""
    from writers.forms import build_table

    root = tmp_path_factory.mktemp("budget")
    college = root / "inbox" / "音乐学院"
    college.mkdir(parents=True)
    (college / "扫描件.tif").write_bytes(budget_files.slow_scan_tiff())
    (college / "统计.xlsx").write_bytes(budget_files.shared_strings_bomb())
    (college / "总结.pdf").write_bytes(budget_files.glyph_pdf())
    wb = build_table(CAMPAIGN, "A3", "音乐学院", {"学院": "音乐学院"},
                     [{"序号": "1", "姓名": "罗明", "学号": "201724131101", "所带班级": "19音乐1班",
                       "获奖名称": "校级三好学生", "获奖级别": "校级", "获奖时间": "2019-12", "颁奖单位": "肇庆学院"}])
    wb.save(college / "获奖情况统计表.xlsx")
    for p in college.iterdir():
        os.utime(p, (1592000000, 1592000000))
    env = {**os.environ, "PAPERDESK_FILE_SECONDS": "5", "PAPERDESK_PAGE_SECONDS": "0.01"}
    t0 = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "paperdesk.cli", "run", "--inbox", str(root / "inbox"),
                           "--outbox", str(root / "outbox"), "--state", str(root / "state")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    took = time.monotonic() - t0
    files = {f["file"]: f for f in json.loads((root / "outbox" / "intake.json").read_text("utf-8"))["files"]}
    flags = json.loads((root / "outbox" / "flags.json").read_text("utf-8"))["flags"]
    return done, took, files, flags, root


def test_the_slow_scan_is_stopped_at_its_budget_and_the_run_goes_on(hostile_run):
    done, took, files, flags, root = hostile_run
    assert done.returncode == 0, done.stderr[-3000:]
    scan = files["音乐学院/扫描件.tif"]
    assert scan["state"] == "unreadable" and "读取超时" in scan["reason"] and "PAPERDESK_FILE_SECONDS" in scan["reason"]
    [note] = [f for f in flags if f["code"] == "UNREADABLE_FILE" and f["file"] == "音乐学院/扫描件.tif"]
    assert note["severity"] == "warning" and note["college"] == "音乐学院" and note["field"] == "读取限制"
    # what the unread file might have held is not claimed missing
    assert not [f for f in flags if f["code"] == "DELIVERABLE_MISSING" and f["college"] == "音乐学院"
                and f["severity"] == "error"]
    receipt = next((root / "outbox" / "回执").glob("*音乐学院*"), None)
    if receipt is not None and receipt.suffix in (".md", ".txt"):
        assert "扫描件.tif" not in receipt.read_text("utf-8")


def test_the_normal_file_beside_the_hostile_ones_is_read_correctly(hostile_run):
    done, took, files, flags, root = hostile_run
    a3 = files["音乐学院/获奖情况统计表.xlsx"]
    assert a3["state"] == "used" and a3["deliverable"] == "awards"
    assert files["音乐学院/总结.pdf"]["state"] == "unreadable" and "内容过多" in files["音乐学院/总结.pdf"]["reason"]
    assert files["音乐学院/统计.xlsx"]["state"] in ("used", "unreadable")
    assert "Traceback" not in done.stderr and "Warning" not in done.stderr, done.stderr[-3000:]


def test_a_budget_stop_is_not_cached_so_a_larger_limit_reads_the_file_next_time(hostile_run):
    from extractors.registry import cache_key
    from paperdesk.campaign import load_campaign
    from paperdesk.state import State
    import hashlib

    version = cache_key(load_campaign())  # the run used the default campaign

    done, took, files, flags, root = hostile_run
    sha = hashlib.sha256((root / "inbox" / "音乐学院" / "扫描件.tif").read_bytes()).hexdigest()
    assert State(root / "state").cached_extract(sha, version) is None
    sha_a3 = hashlib.sha256((root / "inbox" / "音乐学院" / "获奖情况统计表.xlsx").read_bytes()).hexdigest()
    assert State(root / "state").cached_extract(sha_a3, version) is not None
