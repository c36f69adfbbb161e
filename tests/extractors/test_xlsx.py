"""xlsx: the messy things colleges do to table forms."""

from __future__ import annotations

import openpyxl
import pytest

from extractors import xlsx_file
from paperdesk.models import FreeDoc, TableDoc

from extractor_helpers import run, save_wb

A4_COLS = ["序号", "姓名", "学号", "专业班级", "所带班级", "政治面貌", "不及格科目数", "获奖情况",
           "所带班级违纪人数", "带班征文", "诚信记录", "考核等级", "备注"]


def _messy_a4():
    """Header row moved to row 6 and column B, a merged header line, floats and full-width IDs,
    blank rows and columns, an extra column, two columns swapped, a renamed sheet."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1 (2)"
    ws["B1"] = "  学生带班党员考核情况汇总表（数学学院）"
    ws.merge_cells("B1:P1")
    ws["B3"] = "学院（盖章）：数学与统计学院　　带班党员总数：１１　　公示时间：2020年6月8日至6月12日"
    ws.merge_cells("B3:P3")
    cols = list(A4_COLS)
    cols[3], cols[4] = cols[4], cols[3]  # 所带班级 before 专业班级
    cols.insert(5, "籍贯")  # an unknown extra column
    cols[1] = "姓 名"
    cols[2] = "学号："
    cols[6] = "政治面貌 "
    for j, label in enumerate(cols):
        ws.cell(6, 2 + j, label)
    rows = [
        [1, "张三", 201824131105.0, "20数学1班", "18数学1班", "汕头", "中共党员", 0, "三好学生", 0, "已完成", "无", "学生带班党员标兵", ""],
        [None] * 14,  # a blank row between data rows
        [2, " 李四 ", "２０１８２４１３１１０６", "20统计1班", "18统计1班", "", "中共预备党员", "0", "无", "1", "已完成", "无", "合格", None],
        [3, "王五", "2.01824131107E+11", "20数学2班", "18数学2班", "", "中共党员", 1.0, "", 0, "未完成", "有不良记录", "合格", "补交"],
    ]
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            ws.cell(7 + i, 2 + j, v)
    ws.cell(11, 2, "合计")
    ws.cell(11, 3, "3人")
    return wb


def test_messy_a4(tmp_path, campaign):
    [doc] = run(save_wb(_messy_a4(), tmp_path), "xlsx", campaign)
    assert isinstance(doc, TableDoc) and doc.form == "A4" and doc.deliverable == "assessment-summary"
    assert doc.sheet == "Sheet1 (2)"
    assert doc.header == {"学院": "数学与统计学院", "带班党员总数": "11", "公示时间": "2020年6月8日至6月12日"}
    assert [r.row for r in doc.rows] == [7, 9, 10]
    ids = [r.cells["学号"] for r in doc.rows]
    assert ids == ["201824131105", "201824131106", "201824131107"]
    first = doc.rows[0].cells
    assert first["所带班级"] == "20数学1班" and first["专业班级"] == "18数学1班"
    assert "籍贯" not in first and set(first) <= set(A4_COLS)
    assert doc.rows[1].cells["姓名"] == "李四"
    assert doc.rows[2].cells["不及格科目数"] == "1"
    assert "备注" not in doc.rows[1].cells  # empty cells are left out


def test_header_line_spread_over_cells_and_footer(tmp_path, campaign):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["肇庆学院2020—2021学年度新聘学生带班党员汇总表"])
    ws.append(["学院（盖章）", "计算机学院", None, "填表人：", "赵六", "联系电话", "13800000000", "日期：", "2020-06-18"])
    ws.append(["序号", "姓名", "性别", "学号", "年级", "专业班级", "政治面貌", "所带新生班级", "联系电话", "备注"])
    ws.append([1, "陈七", "女", "201824131108", "2018级", "18计科1班", "入党积极分子", "20计算机科学与技术1班", 13900000000, None])
    for n in range(2, 6):  # pre-numbered template rows left empty
        ws.append([n])
    [doc] = run(save_wb(wb, tmp_path), "xlsx", campaign)
    assert doc.form == "A2" and doc.deliverable == "selection"
    assert doc.header == {"学院": "计算机学院", "填表人": "赵六", "联系电话": "13800000000", "日期": "2020-06-18"}
    assert len(doc.rows) == 1 and doc.rows[0].cells["联系电话"] == "13900000000"


def test_footer_fields_below_the_table(tmp_path, campaign):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "姓名", "性别", "学号", "年级", "专业班级", "政治面貌", "所带新生班级", "联系电话", "备注"])
    ws.append([1, "陈七", "女", "201824131108", "2018级", "18计科1班", "中共党员", "20软件工程1班", "", ""])
    ws.append([])
    ws.append(["填表人：赵六", None, None, "日期：2020年6月18日"])
    ws.append([2, "不应读到", "男", "201824131199"])
    [doc] = run(save_wb(wb, tmp_path), "xlsx", campaign)
    assert [r.cells["姓名"] for r in doc.rows] == ["陈七"]
    assert doc.header["填表人"] == "赵六" and doc.header["日期"] == "2020年6月18日"


def test_form_chosen_by_columns_not_sheet_name(tmp_path, campaign):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "考核情况汇总表"  # misleading name: the columns are A3's
    ws.append(["学院：文学院"])
    ws.append(["序号", "姓名", "学号", "所带班级", "获奖名称", "获奖级别", "获奖时间", "颁奖单位", "备注"])
    ws.append([1, "周八", "201824131109", "19汉语言1班", "三好学生", "校级", "2019.12", "肇庆学院", None])
    other = wb.create_sheet("说明")
    other.append(["这张表没有任何表头"])
    [doc] = run(save_wb(wb, tmp_path), "xlsx", campaign)
    assert doc.form == "A3" and doc.deliverable == "awards" and doc.header == {"学院": "文学院"}


def test_merged_data_cells_and_repeated_header(tmp_path, campaign):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(A4_COLS)
    ws.append([1, "甲", "201824131101", "18数学1班", "20数学1班", "中共党员", 0, "", 0, "已完成", "无", "合格"])
    ws.append([2, "乙", "201824131102", "18数学1班", None, "中共党员", 0, "", 0, "已完成", "无", "合格"])
    ws.merge_cells("E2:E3")  # two mentors of one class: the class cell merged down
    ws.append(A4_COLS)  # the header repeated (printed over two pages)
    ws.append([3, "丙", "201824131103", "18数学2班", "20数学2班", "中共党员", 0, "", 0, "已完成", "无", "合格"])
    [doc] = run(save_wb(wb, tmp_path), "xlsx", campaign)
    assert [r.cells["所带班级"] for r in doc.rows] == ["20数学1班", "20数学1班", "20数学2班"]
    assert [r.row for r in doc.rows] == [2, 3, 5]


def test_two_table_sheets_give_two_docs(tmp_path, campaign):
    wb = openpyxl.Workbook()
    wb.active.append(["序号", "姓名", "学号", "所带班级", "获奖名称", "获奖级别", "获奖时间", "颁奖单位", "备注"])
    wb.active.append([1, "周八", "201824131109", "19汉语言1班", "三好学生", "校级"])
    ws = wb.create_sheet("Sheet2")
    ws.append(A4_COLS)
    ws.append([1, "甲", "201824131101"])
    docs = run(save_wb(wb, tmp_path), "xlsx", campaign)
    assert [d.form for d in docs] == ["A3", "A4"]


def test_no_form_gives_free_text(tmp_path, campaign):
    wb = openpyxl.Workbook()
    wb.active.append(["学生带班工作总结"])
    wb.active.append(["本学年我院带班党员共11人。"])
    [doc] = run(save_wb(wb, tmp_path), "xlsx", campaign)
    assert isinstance(doc, FreeDoc) and doc.title == "学生带班工作总结" and "11人" in doc.text


def test_rows_are_capped(tmp_path, campaign, monkeypatch):
    wb = openpyxl.Workbook()
    wb.active.append(A4_COLS)
    for i in range(50):
        wb.active.append([i + 1, f"人{i}", f"2018241311{i:02d}"])
    path = save_wb(wb, tmp_path)
    monkeypatch.setattr(xlsx_file, "MAX_ROWS", 21)
    [doc] = run(path, "xlsx", campaign)
    assert len(doc.rows) == 20


@pytest.mark.parametrize("raw, expected", [(201824131105, "201824131105"), (2.01824131105e11, "201824131105"),
                                           (" 2018 2413 1105 ", "201824131105"), ("２０１８２４１３１１０５", "201824131105")])
def test_student_id_spellings(tmp_path, campaign, raw, expected):
    wb = openpyxl.Workbook()
    wb.active.append(A4_COLS)
    wb.active.append([1, "甲", raw])
    [doc] = run(save_wb(wb, tmp_path), "xlsx", campaign)
    assert doc.rows[0].cells["学号"] == expected
