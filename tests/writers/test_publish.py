"""publish(): exact file names, JSON schemas, byte-identical re-runs, atomic writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from writers.publish import publish

XLSX = ["收件清单.xlsx", "问题清单.xlsx", "提交情况总览.xlsx", "全校学生带班党员考核情况汇总表.xlsx",
        "全校新聘学生带班党员汇总表.xlsx", "全校学生带班党员获奖情况统计表.xlsx", "优秀案例汇总表.xlsx"]
INTAKE_KEYS = {"file", "sha256", "size", "state", "reason", "college", "deliverable", "received_at"}
FLAG_KEYS = {"id", "code", "severity", "college", "deliverable", "student_id", "name", "file", "field",
             "expected", "found", "message", "status"}


@pytest.fixture
def outbox(tmp_path, sample) -> Path:
    publish(tmp_path, sample.campaign, sample.submission, sample.flags, sample.generated_at, sample.overrides)
    return tmp_path


def test_every_output_with_exact_names(outbox, sample):
    names = {p.relative_to(outbox).as_posix() for p in outbox.rglob("*") if p.is_file()}
    expected = {"flags.json", "intake.json", *XLSX} | {f"回执/{c.name}.docx" for c in sample.campaign.colleges}
    assert names == expected  # also: no temporary files left behind


def test_returns_the_paths_written(tmp_path, sample):
    paths = publish(tmp_path, sample.campaign, sample.submission, sample.flags, sample.generated_at)
    assert len(paths) == 2 + len(XLSX) + len(sample.campaign.colleges)
    assert all(p.is_file() for p in paths)


def test_flags_json_schema(outbox, sample):
    doc = json.loads((outbox / "flags.json").read_text(encoding="utf-8"))
    assert doc["campaign"] == sample.campaign.id and doc["generated_at"] == sample.generated_at
    assert len(doc["flags"]) == len(sample.flags)
    assert all(FLAG_KEYS <= set(f) for f in doc["flags"])
    assert {f["id"] for f in doc["flags"]} == {f.id for f in sample.flags}
    assert "张三" in (outbox / "flags.json").read_text(encoding="utf-8")  # ensure_ascii=False


def test_intake_json_schema_and_states(outbox):
    files = json.loads((outbox / "intake.json").read_text(encoding="utf-8"))["files"]
    assert all(set(f) == INTAKE_KEYS for f in files)
    by_name = {f["file"]: f for f in files}
    assert len(by_name) == 7
    used = by_name["数学与统计学院/考核情况汇总表.xlsx"]
    assert (used["state"], used["college"], used["deliverable"]) == ("used", "数学与统计学院", "assessment-summary")
    bad = by_name["文学院/坏文件.docx"]
    assert bad["state"] == "unreadable" and bad["reason"] == "文件已损坏，无法打开" and bad["deliverable"] is None
    assert by_name["数学与统计学院/考核情况汇总表(1).xlsx"]["state"] == "duplicate"


def test_two_publishes_write_identical_bytes(tmp_path, sample):
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b, a):  # a is written twice: the second run replaces files in place
        publish(out, sample.campaign, sample.submission, sample.flags, sample.generated_at, sample.overrides)
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    for rel in files:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel


def test_generated_at_changes_the_bytes(tmp_path, sample):
    publish(tmp_path / "a", sample.campaign, sample.submission, sample.flags, sample.generated_at)
    publish(tmp_path / "b", sample.campaign, sample.submission, sample.flags, "2020-06-24T09:30:00+08:00")
    assert (tmp_path / "a/问题清单.xlsx").read_bytes() != (tmp_path / "b/问题清单.xlsx").read_bytes()


def test_stale_letter_removed(tmp_path, sample):
    stale = tmp_path / "回执" / "已撤销学院.docx"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    publish(tmp_path, sample.campaign, sample.submission, sample.flags, sample.generated_at)
    assert not stale.exists()


def test_empty_run_still_publishes_everything(tmp_path, sample):
    from openpyxl import load_workbook

    from paperdesk.models import Submission

    paths = publish(tmp_path, sample.campaign, Submission((), ()), [], sample.generated_at)
    assert len(paths) == 2 + len(XLSX) + len(sample.campaign.colleges)
    ws = load_workbook(tmp_path / "全校学生带班党员考核情况汇总表.xlsx").active
    assert ws.max_row == 2 and ws.auto_filter.ref.endswith("2")  # title and header only
    assert json.loads((tmp_path / "intake.json").read_text(encoding="utf-8")) == {"files": []}


def test_flag_without_college_listed_but_in_no_letter(tmp_path, sample):
    from docx import Document
    from openpyxl import load_workbook

    from paperdesk.models import Flag

    orphan = Flag("UNKNOWN_COLLEGE", "error", "无法确定文件所属学院：新建文件夹/汇总表(1).xlsx。", deliverable="awards",
                  file="新建文件夹/汇总表(1).xlsx")
    publish(tmp_path, sample.campaign, sample.submission, [orphan], sample.generated_at)
    rows = list(load_workbook(tmp_path / "问题清单.xlsx").active.iter_rows(min_row=3, values_only=True))
    assert rows[0][1] == "（未识别学院）" and rows[0][3] == "UNKNOWN_COLLEGE"
    for letter in (tmp_path / "回执").iterdir():
        assert "无法确定文件所属学院" not in "\n".join(p.text for p in Document(str(letter)).paragraphs)
