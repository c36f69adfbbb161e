"""A2/A3/A4 table forms as openpyxl workbooks, built from the campaign's form definition.

Layout of the single sheet (named after the form title, trimmed to Excel's 31 characters):

    row 1   title, merged across all columns
    row 2   header line, e.g. "学院（盖章）：音乐学院　　带班党员总数：10　　公示时间：…"
    row 3   填表说明 (general instructions; plus the college's quotas when a college is given)
    row 4   column labels in the order of the YAML
    row 5…  data rows (or empty bordered rows to fill by hand)

Student-ID columns are written as TEXT (number format ``@``); ``int`` columns holding digits as
numbers. Printing: A4 landscape, fit to one page wide, rows 1–4 repeated on every page, borders.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from paperdesk.campaign import Campaign, Column, FormDef
from writers.forms._layout import BLANK, college_note, header_label

TITLE_ROW, HEADER_ROW, NOTE_ROW, COLUMNS_ROW = 1, 2, 3, 4
FIRST_DATA_ROW = 5
BLANK_ROWS = 15  # empty rows printed on a form with no data
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FONT = "宋体"


def table_form(campaign: Campaign, form_id: str) -> FormDef:
    """The table form ``form_id`` of the campaign; ValueError (bad configuration) otherwise."""
    form = campaign.forms.get(form_id)
    if form is None or form.kind != "table":
        tables = sorted(k for k, f in campaign.forms.items() if f.kind == "table")
        raise ValueError(f"{form_id} 不是表格类表单（可用：{'、'.join(tables)}）")
    return form


def build_table(campaign: Campaign, form_id: str, college: str | None,
                header: dict[str, str], rows: list[dict[str, str]]) -> Workbook:
    """A filled (or blank, ``rows=[]``) table form. ``header`` holds the header-line fields by
    key (学院 defaults to ``college``); ``rows`` map column keys to values, missing keys blank.
    A college (official name or alias) adds its quotas to the 填表说明 row."""
    form = table_form(campaign, form_id)
    official = campaign.resolve_college(college) if college else None
    values = dict(header)
    if official and not values.get("学院"):
        values["学院"] = official
    wb = Workbook()
    ws = wb.active
    ws.title = form.title.replace("肇庆学院", "")[:31] or form_id
    ncols = len(form.columns)
    _title(ws, form.title, ncols)
    _line(ws, HEADER_ROW, _header_text(campaign, form_id, form, values), ncols)
    _line(ws, NOTE_ROW, _note_text(campaign, form, official), ncols, size=10)
    _column_row(ws, form.columns)
    for i, row in enumerate(rows or [{}] * BLANK_ROWS):
        _data_row(ws, FIRST_DATA_ROW + i, form.columns, row)
    _print_setup(ws, ncols)
    return wb


def _header_text(campaign: Campaign, form_id: str, form: FormDef, values: dict[str, str]) -> str:
    parts = [f"{header_label(campaign, form_id, k)}：{values.get(k) or BLANK}" for k in form.header_fields]
    return "\u3000\u3000".join(parts)


def _note_text(campaign: Campaign, form: FormDef, official: str | None) -> str:
    text = "填表说明：学号填写12位数字（以文本格式保存）"
    enums = [f"{c.key}填“{'/'.join(c.values)}”" for c in form.columns if c.values]
    if enums:
        text += "；" + "；".join(enums)
    note = college_note(campaign, campaign.college(official)) if official else ""
    return text + (f"。{note}。" if note else "。")


def _title(ws: Worksheet, title: str, ncols: int) -> None:
    cell = ws.cell(TITLE_ROW, 1, title)
    cell.font = Font(name=_FONT, size=16, bold=True)
    cell.alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=ncols)
    ws.row_dimensions[TITLE_ROW].height = 32


def _line(ws: Worksheet, row: int, text: str, ncols: int, size: int = 11) -> None:
    cell = ws.cell(row, 1, text)
    cell.font = Font(name=_FONT, size=size)
    cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
    ws.row_dimensions[row].height = 24


def _column_row(ws: Worksheet, columns: tuple[Column, ...]) -> None:
    for j, col in enumerate(columns, start=1):
        cell = ws.cell(COLUMNS_ROW, j, col.key)
        cell.font = Font(name=_FONT, size=11, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER
        ws.column_dimensions[get_column_letter(j)].width = _width(col)
    ws.row_dimensions[COLUMNS_ROW].height = 30


def _width(col: Column) -> float:
    """Column width in Excel character units: a CJK character takes two."""
    return max(col.width, min(2 * len(col.key) + 2, 12))  # longer labels wrap


def _data_row(ws: Worksheet, r: int, columns: tuple[Column, ...], row: dict[str, str]) -> None:
    for j, col in enumerate(columns, start=1):
        value = row.get(col.key, "")
        cell = ws.cell(r, j)
        if col.type == "student_id":
            cell.number_format = "@"
            cell.value = str(value) if value != "" else None
        elif col.type == "int" and str(value).isdigit():
            cell.value = int(value)
        else:
            cell.value = value if value != "" else None
        cell.font = Font(name=_FONT, size=11)
        cell.alignment = Alignment(vertical="center", wrap_text=True,
                                   horizontal="left" if col.width >= 16 else "center")
        cell.border = _BORDER
    ws.row_dimensions[r].height = 22


def _print_setup(ws: Worksheet, ncols: int) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_title_rows = f"{TITLE_ROW}:{COLUMNS_ROW}"
    ws.freeze_panes = ws.cell(FIRST_DATA_ROW, 1)
    ws.print_area = f"A1:{get_column_letter(ncols)}{ws.max_row}"
