"""回执 letters: one per college; arrivals, missing deliverables, open/confirmed flags only."""

from __future__ import annotations

import pytest
from docx import Document

from writers_sample import MATH, build_sample
from writers.publish import publish
from writers.receipt import receipt_content


@pytest.fixture(scope="module")
def letters(tmp_path_factory):
    s = build_sample()
    out = tmp_path_factory.mktemp("outbox")
    publish(out, s.campaign, s.submission, s.flags, s.generated_at, s.overrides)
    return out / "回执"


def text(path) -> str:
    doc = Document(str(path))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_letter_to_the_college(letters):
    body = text(letters / f"{MATH}.docx")
    assert "关于2020年学生带班党员工作材料的回执" in body
    assert f"{MATH}：" in body
    assert "李鑫老师" in body  # contact from the campaign
    assert "2020年6月23日" in body and "党委学生工作部（处）" in body


def test_lists_arrivals_and_missing(letters):
    body = text(letters / f"{MATH}.docx")
    assert "数学与统计学院/考核情况汇总表.xlsx" in body and "2020-06-21 10:00" in body
    missing = body.split("二、尚未收到的材料")[1].split("三、")[0]
    assert "学生带班工作总结（截止日期2020年6月22日）" in missing and "学生带班党员考核情况汇总表" not in missing
    assert "未收到学生带班工作总结" not in body  # its DELIVERABLE_MISSING flag is not repeated under 三


def test_open_and_confirmed_flags_listed_waived_left_out(letters):
    body = text(letters / f"{MATH}.docx")
    assert "有不及格科目 1 门" in body  # open
    assert "申报等级在审批表中" in body  # confirmed
    assert "生活照太小" not in body  # waived
    assert "【请核实】新聘学生带班党员汇总表逾期提交" in body  # a warning, worded as such


def test_flags_grouped_by_deliverable():
    s = build_sample()
    r = receipt_content(s.campaign, s.submission, s.flags, MATH)
    titles = [t for t, _ in r.problems]
    assert titles == ["优秀带班党员案例", "学生带班党员考核审批表", "学生带班党员考核情况汇总表", "2020—2021学年度新聘学生带班党员汇总表",
                      ]  # campaign order; 工作总结 only under 尚未收到


def test_every_college_gets_a_letter(letters):
    s = build_sample()
    assert sorted(p.stem for p in letters.iterdir()) == sorted(c.name for c in s.campaign.colleges)
    quiet = text(letters / "音乐学院.docx")
    assert "尚未收到贵院报送" in quiet and "未发现需要修改的问题" in quiet
    assert "文件无法读取" in text(letters / "文学院.docx")  # an intake flag reaches its college
