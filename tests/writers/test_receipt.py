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
    assert "考核情况汇总表.xlsx" in body and "2020-06-21 10:00" in body
    assert "张三案例.docx、张三生活照.jpg" in body  # one row per deliverable, its files by name
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
    assert "尚未收到贵院报送" in quiet and "收到后再行核对" in quiet
    assert "1. 优秀带班党员案例（截止日期2020年6月22日）" in quiet
    assert "文件无法读取" in text(letters / "文学院.docx")  # an intake flag reaches its college


def test_many_files_summarised_and_time_range():
    from writers.receipt import Arrival

    a = Arrival("优秀带班党员案例", tuple(f"图{n}.jpg" for n in range(1, 8)), "2020-06-19 20:40 至 2020-06-21 10:00")
    assert a.files_text() == "图1.jpg、图2.jpg、图3.jpg、图4.jpg 等 7 个文件"
    s = build_sample()
    r = receipt_content(s.campaign, s.submission, s.flags, MATH)
    cases = next(x for x in r.arrived if x.deliverable == "优秀带班党员案例")
    assert cases.files == ("张三案例.docx", "张三生活照.jpg") and cases.time == "2020-06-21 10:00"
    selection = next(x for x in r.arrived if x.deliverable.startswith("2020—2021"))
    assert selection.time == "2020-06-21 11:00"
