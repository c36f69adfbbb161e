"""The spreadsheets people print and filter: layout, text IDs, highlights, overrides, statuses."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from writers_sample import MATH, build_sample
from writers.publish import publish
from writers.xlsx_style import FIXED_FILL, FLAG_FILL, ROW_FILL, display_width

ALL_XLSX = ["收件清单.xlsx", "问题清单.xlsx", "提交情况总览.xlsx", "全校学生带班党员考核情况汇总表.xlsx",
            "全校新聘学生带班党员汇总表.xlsx", "全校学生带班党员获奖情况统计表.xlsx", "优秀案例汇总表.xlsx"]
A4_MASTER = "全校学生带班党员考核情况汇总表.xlsx"


@pytest.fixture(scope="module")
def outbox(tmp_path_factory) -> Path:
    s = build_sample()
    out = tmp_path_factory.mktemp("outbox")
    publish(out, s.campaign, s.submission, s.flags, s.generated_at, s.overrides)
    return out


def sheet(outbox: Path, name: str):
    return load_workbook(outbox / name).active


def table(ws, header_row: int = 2) -> tuple[dict[str, int], list[tuple]]:
    """Header → column index (1-based) and the data rows (cells) below the header."""
    heads = {c.value: c.column for c in ws[header_row] if c.value}
    rows = [r for r in ws.iter_rows(min_row=header_row + 1) if r[0].value not in (None, "图例")]
    return heads, rows


def rgb(cell) -> str:
    return (cell.fill.fgColor.rgb or "")[-6:] if cell.fill.fill_type == "solid" else ""


@pytest.mark.parametrize("name", ALL_XLSX)
def test_print_and_filter_layout(outbox, name):
    ws = sheet(outbox, name)
    assert ws.freeze_panes == "A3"  # title row 1, header row 2
    assert ws.auto_filter.ref.startswith("A2:")
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == "9"  # A4
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$2:$2"


def test_auto_filter_covers_the_data(outbox):
    ws = sheet(outbox, A4_MASTER)
    heads, rows = table(ws)
    assert len(rows) == 2
    assert ws.auto_filter.ref.endswith(f"4")


def test_master_columns_follow_the_campaign(outbox):
    heads, _ = table(sheet(outbox, A4_MASTER))
    a4 = [c.key for c in build_sample().campaign.forms["A4"].columns]
    assert list(heads) == ["学院", *a4, "核对状态", "问题说明", "来源"]


@pytest.mark.parametrize("name", [A4_MASTER, "全校新聘学生带班党员汇总表.xlsx", "全校学生带班党员获奖情况统计表.xlsx",
                                  "问题清单.xlsx", "优秀案例汇总表.xlsx"])
def test_student_ids_are_text(outbox, name):
    heads, rows = table(sheet(outbox, name))
    cells = [r[heads["学号"] - 1] for r in rows if r[heads["学号"] - 1].value]
    assert cells
    for c in cells:
        assert isinstance(c.value, str) and c.value.isdigit() and c.number_format == "@"


def test_flagged_cell_and_row_highlighted(outbox):
    heads, rows = table(sheet(outbox, A4_MASTER))
    zhang, li = rows
    assert zhang[heads["姓名"] - 1].value == "张三"
    assert rgb(zhang[heads["不及格科目数"] - 1]) == FLAG_FILL.fgColor.rgb[-6:]
    assert rgb(zhang[heads["考核等级"] - 1]) == FLAG_FILL.fgColor.rgb[-6:]  # A5 申报等级 mapped via reconcile
    assert rgb(zhang[heads["获奖情况"] - 1]) == ""
    assert zhang[heads["核对状态"] - 1].value == "有问题"
    assert "不及格科目 1 门" in zhang[heads["问题说明"] - 1].value
    assert "创意与评价" not in zhang[heads["问题说明"] - 1].value  # a case flag stays in the case list
    assert [r[heads["序号"] - 1].value for r in rows] == [1, 2]
    # FORM_MISSING has no field: the whole row is light yellow
    assert rgb(li[heads["备注"] - 1]) == ROW_FILL.fgColor.rgb[-6:]


def test_override_applied_and_marked(outbox):
    heads, rows = table(sheet(outbox, A4_MASTER))
    li = rows[1]
    cell = li[heads["所带班级"] - 1]
    assert cell.value == "20统计学1班"  # staff's value, not 19数学2班
    assert rgb(cell) == FIXED_FILL.fgColor.rgb[-6:]
    assert "已人工更正" in li[heads["问题说明"] - 1].value and "19数学2班" in li[heads["问题说明"] - 1].value


def test_unflagged_master_row_passes(outbox):
    heads, rows = table(sheet(outbox, "全校新聘学生带班党员汇总表.xlsx"))
    assert [r[heads["核对状态"] - 1].value for r in rows] == ["通过"]
    assert rows[0][heads["学院"] - 1].value == MATH


def test_case_list_shows_active_flags_only(outbox):
    heads, rows = table(sheet(outbox, "优秀案例汇总表.xlsx"))
    (case,) = rows
    assert "创意与评价" in case[heads["检查结果"] - 1].value
    assert "生活照太小" not in case[heads["检查结果"] - 1].value  # waived
    assert rgb(case[heads["标题"] - 1]) == ROW_FILL.fgColor.rgb[-6:]  # field not shown: whole row
    assert case[heads["生活照大小"] - 1].value == "512 KB"
    assert case[heads["图片数"] - 1].value == 3 and case[heads["字数"] - 1].value == 1234
    assert rgb(case[heads["生活照大小"] - 1]) != FLAG_FILL.fgColor.rgb[-6:]  # the waived photo flag is not marked


def test_flag_list_in_chinese(outbox):
    heads, rows = table(sheet(outbox, "问题清单.xlsx"))
    assert list(heads) == ["序号", "学院", "材料", "问题代码", "严重程度", "姓名", "学号", "文件", "字段", "应为",
                           "实为", "说明", "状态"]
    values = {(r[heads["问题代码"] - 1].value, r[heads["状态"] - 1].value, r[heads["严重程度"] - 1].value)
              for r in rows}
    assert ("PHOTO_TOO_SMALL", "已忽略", "错误") in values
    assert ("FIELD_MISMATCH", "已确认", "错误") in values and ("LATE_SUBMISSION", "待处理", "警告") in values
    assert [r[0].value for r in rows] == list(range(1, len(rows) + 1))


def test_intake_list_states_in_chinese(outbox):
    heads, rows = table(sheet(outbox, "收件清单.xlsx"))
    states = {r[heads["文件"] - 1].value: r[heads["状态"] - 1].value for r in rows}
    assert states["文学院/坏文件.docx"] == "无法读取"
    assert states["数学与统计学院/考核情况汇总表(1).xlsx"] == "重复"
    assert states["数学与统计学院/考核情况汇总表.xlsx"] == "已使用"


def test_overview_statuses_and_colours(outbox):
    ws = sheet(outbox, "提交情况总览.xlsx")
    heads, rows = table(ws)
    by_college = {r[0].value: r for r in rows}
    math = by_college[MATH]
    status = lambda title: math[heads[title] - 1].value.split(" · ")[0]
    assert status("学生带班党员获奖情况统计表") == "已提交"
    assert status("优秀带班党员案例") == "有问题"
    assert status("学生带班工作总结") == "缺交"
    assert status("2020—2021学年度新聘学生带班党员汇总表") == "逾期"
    assert status("学生带班党员考核情况汇总表") == "有问题"
    assert math[heads["学生带班党员考核情况汇总表"] - 1].value == "有问题 · 文件1 · 问题2"
    assert rgb(math[heads["学生带班工作总结"] - 1]) == "FF9999"
    assert rgb(math[heads["学生带班党员获奖情况统计表"] - 1]) == "C6EFCE"
    assert len(rows) == len(build_sample().campaign.colleges)
    assert any(c.value == "图例" for c in ws["A"])


def test_column_widths_fit_chinese(outbox):
    ws = sheet(outbox, A4_MASTER)
    heads, _ = table(ws)
    from openpyxl.utils import get_column_letter
    width = ws.column_dimensions[get_column_letter(heads["考核等级"])].width
    assert width >= display_width("学生带班党员标兵")  # 16: CJK counted as 2


def test_display_width_counts_cjk_double():
    assert display_width("学号") == 4 and display_width("ab") == 2 and display_width("１") == 2
    assert display_width("第一行\n二") == 6
