"""A2/A3/A4 table forms: layout from the YAML, pre-filled header and quotas, IDs as text, A4 print."""

import io

import openpyxl
import pytest

from writers.forms import build_table
from writers.forms.tables import COLUMNS_ROW, FIRST_DATA_ROW, HEADER_ROW, NOTE_ROW, TITLE_ROW


def _reopen(wb):
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return openpyxl.load_workbook(buf).active


@pytest.mark.parametrize("form_id", ["A2", "A3", "A4"])
def test_blank_table_has_title_columns_and_a4_landscape(campaign, form_id):
    ws = _reopen(build_table(campaign, form_id, None, {}, []))
    form = campaign.forms[form_id]
    assert ws.cell(TITLE_ROW, 1).value == form.title
    labels = [ws.cell(COLUMNS_ROW, j + 1).value for j in range(len(form.columns))]
    assert labels == [c.key for c in form.columns]
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 == "9"
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == f"${TITLE_ROW}:${COLUMNS_ROW}"
    assert ws.cell(COLUMNS_ROW, 1).border.left.style == "thin"
    assert "本院应提交" not in (ws.cell(NOTE_ROW, 1).value or "")


def test_sealed_forms_say_so_and_a3_does_not(campaign):
    a4 = _reopen(build_table(campaign, "A4", None, {}, []))
    a3 = _reopen(build_table(campaign, "A3", None, {}, []))
    assert a4.cell(HEADER_ROW, 1).value.startswith("学院（盖章）：")
    assert a3.cell(HEADER_ROW, 1).value.startswith("学院：")


def test_prefilled_a4_header_and_quota_note(campaign):
    ws = _reopen(build_table(campaign, "A4", "音乐", {"带班党员总数": "10"}, []))
    header = ws.cell(HEADER_ROW, 1).value
    assert "学院（盖章）：音乐学院" in header and "带班党员总数：10" in header and "公示时间：" in header
    # 音乐学院 has 10 class mentors in the YAML: 40% → 4 cases, 15% = 1.5 → 2 标兵 (half up)
    assert "本院应提交优秀带班党员案例 4 篇；学生带班党员标兵名额不超过 2 名" in ws.cell(NOTE_ROW, 1).value


def test_filled_a4_round_trip_keeps_ids_as_text(campaign):
    rows = [
        {"序号": "1", "姓名": "陈思远", "学号": "201824131105", "专业班级": "18音乐学1班",
         "所带班级": "19音乐学1班", "政治面貌": "中共党员", "不及格科目数": "0", "获奖情况": "三好学生",
         "所带班级违纪人数": "0", "带班征文": "已完成", "诚信记录": "无", "考核等级": "学生带班党员标兵"},
        {"序号": "2", "姓名": "林晓", "学号": "201824131121", "考核等级": "合格"},
    ]
    ws = _reopen(build_table(campaign, "A4", "音乐学院", {"公示时间": "2020年6月8日至6月12日"}, rows))
    first = ws.cell(FIRST_DATA_ROW, 3)
    assert first.value == "201824131105" and first.data_type == "s" and first.number_format == "@"
    assert ws.cell(FIRST_DATA_ROW, 7).value == 0  # int column stored as a number
    assert ws.cell(FIRST_DATA_ROW + 1, 2).value == "林晓"
    assert ws.cell(FIRST_DATA_ROW + 1, 12).value == "合格"
    assert ws.cell(FIRST_DATA_ROW + 1, 4).value is None
    assert ws.max_row == FIRST_DATA_ROW + 1
    assert "公示时间：2020年6月8日至6月12日" in ws.cell(HEADER_ROW, 1).value


def test_unknown_table_form_is_a_configuration_error(campaign):
    with pytest.raises(ValueError, match="A5"):
        build_table(campaign, "A5", None, {}, [])
