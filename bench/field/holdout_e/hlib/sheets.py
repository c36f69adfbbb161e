"""Excel tables (A2, A3, A4) the ways colleges fill them."""
from __future__ import annotations

import datetime as dt

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=False)


def new_book():
    wb = Workbook()
    wb.properties.creator = "Administrator"
    wb.properties.lastModifiedBy = "Administrator"
    return wb


def write_table(ws, *, title_rows, info_rows, headers, records, merge_cols=(), split=None, blank_rows=0,
                footer=(), seq_formula=False, hidden=(), widths=None, font="宋体", header_row_height=30,
                landscape=True, info_cells=None, total_formula=None):
    """Write a titled table.  records: list of dicts header -> value | (value, number_format).
    merge_cols: headers whose equal consecutive values are merged vertically.
    split: {record index: (header, [line1, line2])} — that record spans two rows, every other cell merged.
    info_cells: list of lists of (value) placed in successive rows instead of info_rows text lines.
    Returns (first data row, last data row)."""
    ncol = len(headers)
    last = get_column_letter(ncol)
    r = 1
    for i, t in enumerate(title_rows):
        ws.cell(r, 1, t).font = Font(name=font, size=16 if i == 0 else 12, bold=(i == 0))
        ws.cell(r, 1).alignment = CENTER
        ws.merge_cells(f"A{r}:{last}{r}")
        ws.row_dimensions[r].height = 28 if i == 0 else 20
        r += 1
    for t in info_rows:
        ws.cell(r, 1, t).font = Font(name=font, size=11)
        ws.cell(r, 1).alignment = LEFT
        ws.merge_cells(f"A{r}:{last}{r}")
        r += 1
    for row in info_cells or []:
        c = 1
        for item in row:
            if isinstance(item, tuple) and item and item[0] == "merge":
                _, span, val = item
                ws.cell(r, c, val).font = Font(name=font, size=11)
                if span > 1:
                    ws.merge_cells(start_row=r, start_column=c, end_row=r, end_column=c + span - 1)
                c += span
            else:
                val, fmt = (item if isinstance(item, tuple) else (item, None))
                cell = ws.cell(r, c, val)
                cell.font = Font(name=font, size=11)
                if fmt:
                    cell.number_format = fmt
                c += 1
        r += 1
    hr = r
    for j, h in enumerate(headers, 1):
        c = ws.cell(hr, j, h)
        c.font = Font(name=font, size=11, bold=True)
        c.alignment = CENTER
        c.border = BOX
    ws.row_dimensions[hr].height = header_row_height
    r = hr + 1
    first = r
    rows_of = []
    split = split or {}
    extra = 0
    for i, rec in enumerate(records):
        span = 2 if i in split else 1
        rows_of.append((r, span))
        for j, h in enumerate(headers, 1):
            v = rec.get(h)
            fmt = None
            if isinstance(v, tuple):
                v, fmt = v
            if h == "序号" and seq_formula:
                v = f"=ROW()-{hr + extra}"
            if i in split and split[i][0] == h:
                a, b = split[i][1]
                ws.cell(r, j, a)
                ws.cell(r + 1, j, b)
            else:
                c = ws.cell(r, j, v)
                if fmt:
                    c.number_format = fmt
                if span == 2:
                    ws.merge_cells(start_row=r, start_column=j, end_row=r + 1, end_column=j)
            for k in range(span):
                ws.cell(r + k, j).border = BOX
                ws.cell(r + k, j).alignment = CENTER
                ws.cell(r + k, j).font = Font(name=font, size=11)
        r += span
        extra += span - 1
    lastrow = r - 1
    for h in merge_cols:
        j = headers.index(h) + 1
        i = 0
        while i < len(records):
            k = i
            while k + 1 < len(records) and records[k + 1].get(h) == records[i].get(h) and \
                    i not in split and (k + 1) not in split:
                k += 1
            if k > i:
                r0 = rows_of[i][0]
                r1 = rows_of[k][0] + rows_of[k][1] - 1
                for rr in range(r0 + 1, r1 + 1):
                    ws.cell(rr, j).value = None
                ws.merge_cells(start_row=r0, start_column=j, end_row=r1, end_column=j)
            i = k + 1
    for b in range(blank_rows):
        for j in range(1, ncol + 1):
            ws.cell(r, j).border = BOX
        ws.cell(r, 1, len(records) + b + 1).alignment = CENTER
        r += 1
    if total_formula:
        label, col_h = total_formula
        j = headers.index(col_h) + 1
        L = get_column_letter(j)
        ws.cell(r, 1, label)
        ws.cell(r, j, f"=COUNTA({L}{first}:{L}{lastrow})")
        r += 1
    for t in footer:
        ws.cell(r, 1, t).font = Font(name=font, size=11)
        ws.merge_cells(f"A{r}:{last}{r}")
        r += 1
    for j, h in enumerate(headers, 1):
        w = (widths or {}).get(h, {"序号": 5.5, "姓名": 10, "性别": 5.5}.get(h, max(6, min(11, 2.1 * len(str(h)) + 1.5))))
        ws.column_dimensions[get_column_letter(j)].width = w
    for h in hidden:
        ws.column_dimensions[get_column_letter(headers.index(h) + 1)].hidden = True
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.print_title_rows = f"{hr}:{hr}"
    return first, lastrow


def blank_a4_template(ws):
    """A sheet left as the office's blank template."""
    ws.cell(1, 1, "肇庆学院学生带班党员考核情况汇总表")
    ws.merge_cells("A1:M1")
    ws.cell(2, 1, "学院（盖章）：__________\u3000\u3000带班党员总数：__________\u3000\u3000公示时间：__________")
    ws.merge_cells("A2:M2")
    for j, h in enumerate(["序号", "姓名", "学号", "专业班级", "所带班级", "政治面貌", "不及格科目数", "获奖情况",
                           "所带班级违纪人数", "带班征文", "诚信记录", "考核等级", "备注"], 1):
        ws.cell(3, j, h)


def rating_validation(ws, col_letter, first, last, source="=数据源!$A$1:$A$4"):
    dv = DataValidation(type="list", formula1=source, allow_blank=True)
    dv.add(f"{col_letter}{first}:{col_letter}{last}")
    ws.add_data_validation(dv)


def date(y, m, d=1):
    return dt.datetime(y, m, d)
