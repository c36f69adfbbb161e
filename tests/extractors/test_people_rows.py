"""A person is a person: footers, totals, notes, signature lines and blank template rows under a
table are never people; names are tidied; the info line above is read with or without colons."""

from __future__ import annotations

import openpyxl
import pytest

from extractors.people import is_footer, people_rows, plausible_name, plausible_sid
from paperdesk.models import TableDoc, TableRow

from extractor_helpers import run, save_wb

A4_COLS = ["序号", "姓名", "学号", "专业班级", "所带班级", "政治面貌", "不及格科目数", "获奖情况",
           "所带班级违纪人数", "带班征文", "诚信记录", "考核等级", "备注"]


def _a4_with_footers():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["肇庆学院学生带班党员考核情况汇总表"])
    ws.append(["（2019—2020学年度）"])
    ws.append(["学院（盖章）", "数学与统计学院", "", "带班党员总数", "3", "", "公示时间", "6月8日至6月12日"])
    ws.append(A4_COLS)
    ws.append([1, "张 三", "201706010118", "17数学1班", "19数学1班", "正式党员", 0, "三好学生", 0, "完成", "无不良记录", "标兵", ""])
    ws.append([2, "李四（组长）", 201706010119, "17数学1班", "19数学2班", "党员", 0, "", 0, "√", "良好", "优秀", ""])
    ws.append([3, "欧阳娜娜", "2.01706E+11", "17统计1班", "19统计1班", "预备党员", 0, "", 0, "已完成", "无", "合格", ""])
    ws.append([4])  # blank template rows left with their 序号
    ws.append([5])
    ws.append(["合计", "3 人"])
    ws.append(["填表人：何某", "", "审核人：梁某", "", "联系电话：0758-2716000"])
    ws.append(["日期：2020年6月18日"])
    ws.append(["备注：本表一式两份"])
    ws.append(["", "", "", "", "", "", "", "", "", "学院党委（盖章）"])
    return wb


def test_footer_lines_are_not_people(tmp_path, campaign):
    [doc] = run(save_wb(_a4_with_footers(), tmp_path), "xlsx", campaign)
    assert isinstance(doc, TableDoc) and doc.form == "A4"
    assert [r.cells["姓名"] for r in doc.rows] == ["张三", "李四", "欧阳娜娜"]
    assert doc.rows[1].cells["备注"] == "组长"
    assert doc.header["带班党员总数"] == "3" and doc.header["公示时间"] == "6月8日至6月12日"
    assert doc.header["学院"] == "数学与统计学院"


def test_a_footer_typed_into_the_name_column_is_not_a_person(tmp_path, campaign):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["学院：文学院"])
    ws.append(A4_COLS)
    ws.append([1, "王五", "201801010101", "18汉语言1班", "20汉语言1班", "中共党员", 0, "", 0, "已完成", "无", "合格"])
    ws.append(["", "填表人", "何某", "审核人", "梁某"])
    ws.append(["", "以下空白"])
    [doc] = run(save_wb(wb, tmp_path), "xlsx", campaign)
    assert [r.cells["姓名"] for r in doc.rows] == ["王五"]


@pytest.mark.parametrize("text", ["填表人：何某", "审核人:梁某", "合计 30 人", "（盖章）", "日期：2020年6月18日",
                                  "备注：无", "说明：1.本表", "联系电话：138", "以下空白", "学院党委（盖章）"])
def test_footer_labels(text):
    assert is_footer(text)


@pytest.mark.parametrize("text", ["张三", "欧阳娜娜", "1", "20数学1班", "中共党员", "热依拉·买买提"])
def test_not_footers(text):
    assert not is_footer(text)


def test_names_and_ids():
    assert plausible_name("张 三") and plausible_name("李四（组长）") and plausible_name("热依拉·买买提")
    assert not plausible_name("合计") and not plausible_name("3") and not plausible_name("何")
    assert plausible_sid("201706010118", 12) and plausible_sid(" 2.01706E+11", 12)
    assert not plausible_sid("2017060101", 12) and not plausible_sid("梁某", 12)


def test_a_name_without_id_in_a_table_of_ids_is_a_person_but_a_lone_word_is_not():
    rows = [TableRow(4, {"序号": "1", "姓名": "张三", "学号": "201706010118"}),
            TableRow(5, {"序号": "2", "姓名": "李四"}),
            TableRow(6, {"序号": "3", "姓名": "赵六", "学号": "201706010120"}),
            TableRow(7, {"序号": "", "姓名": "——", "学号": "——"})]
    kept, notes = people_rows(rows, 12)
    assert [r.cells["姓名"] for r in kept] == ["张三", "李四", "赵六"]
    assert len(notes) == 1 and "第7行" in notes[0] and "第4行" not in notes[0]


def test_a_person_over_two_lines_with_merged_cells_is_one_person(tmp_path, campaign):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["学院：数学与统计学院  带班党员总数：2"])
    ws.append(A4_COLS)
    ws.append([1, "张三", "201706010118", "17数学1班", "19数学1班", "中共党员", 0, "校级三好学生", 0, "已完成", "无", "合格"])
    ws.append([None, None, None, None, None, None, None, "二等奖学金"])
    for col in "ABCDEFGHIJKL":
        if col != "H":
            ws.merge_cells(f"{col}3:{col}4")
    ws.append([2, "李四", "201706010119", "17数学1班", "19数学2班", "中共党员", 0, "", 0, "已完成", "无", "合格"])
    [doc] = run(save_wb(wb, tmp_path), "xlsx", campaign)
    assert [r.cells["姓名"] for r in doc.rows] == ["张三", "李四"]
    assert doc.rows[0].cells["获奖情况"] == "校级三好学生 二等奖学金"


def test_a_blank_template_sheet_is_dropped_and_sheets_per_grade_are_one_table(tmp_path, campaign):
    wb = openpyxl.Workbook()
    blank = wb.active
    blank.title = "模板"
    blank.append(["学院（盖章）：        带班党员总数：     公示时间："])
    blank.append(A4_COLS)
    for i in range(1, 6):
        blank.append([i])
    for title, people in (("17级", [("张三", "201706010118")]), ("18级", [("李四", "201806010119"), ("王五", "201806010120")])):
        ws = wb.create_sheet(title)
        if title == "17级":
            ws.append(["学院（盖章）：数学与统计学院  带班党员总数：3  公示时间：6月8日至6月12日"])
        ws.append(A4_COLS)
        for i, (n, sid) in enumerate(people, 1):
            ws.append([i, n, sid, "数学1班", "19数学1班", "中共党员", 0, "", 0, "已完成", "无", "合格"])
    [doc] = run(save_wb(wb, tmp_path), "xlsx", campaign)
    assert [r.cells["姓名"] for r in doc.rows] == ["张三", "李四", "王五"]
    assert doc.header["带班党员总数"] == "3"
