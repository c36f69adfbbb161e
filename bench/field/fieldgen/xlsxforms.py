"""A2 / A3 / A4 spreadsheets filled the ways colleges fill them."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from .model import LEVEL_FULL, Mentor, NewMentor
from .text import fullwidth_digits

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FIXED_TIME = dt.datetime(2020, 6, 18, 9, 30, 0)


@dataclass
class TableStyle:
    titles: list = field(default_factory=lambda: ["肇庆学院学生带班党员考核情况汇总表"])
    info: list = field(default_factory=list)  # rows above the header: str (merged) or list of cells
    columns: list = field(default_factory=list)  # header labels in order
    footers: list = field(default_factory=list)  # rows below: str (merged) or list; "@blankseq:N" for N blank 序号 rows
    sid: str = "text"  # text | int | sci | spaces | fullwidth | mixed
    sid_overrides: dict = field(default_factory=dict)  # sid -> style for that person
    names: dict = field(default_factory=dict)  # sid -> name as typed
    vocab: dict = field(default_factory=dict)
    merge_same: tuple = ()  # columns whose equal consecutive values are merged vertically
    split_awards: tuple = ()  # sids whose row is split over two lines (one award per line)
    hidden: tuple = ()  # columns hidden
    sheet_name: str = "Sheet1"
    blank_sheet: str | None = None  # "first" / "last": an untouched template sheet left in
    blank_sheet_name: str = "Sheet1"
    per_grade: bool = False  # one sheet per enrolment year
    font: str = "宋体"
    overrides: dict = field(default_factory=dict)  # sid -> {column: value} (paper copy differences)


def _sid_value(sid: str, style: str):
    if style == "text":
        return sid
    if style == "int":
        return int(sid)
    if style == "sci":
        return float(sid)
    if style == "spaces":
        return f"{sid[:4]} {sid[4:8]} {sid[8:]}"
    if style == "fullwidth":
        return fullwidth_digits(sid)
    if style == "trailing":
        return " " + sid + " "
    raise ValueError(style)


def _setup_print(ws, ncols: int, landscape: bool = True):
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5


WIDTHS = {"序号": 5, "姓名": 9, "性别": 5, "学号": 15, "年级": 8, "专业班级": 20, "所带班级": 20, "所带新生班级": 20,
          "政治面貌": 11, "不及格科目数": 7, "获奖情况": 26, "所带班级违纪人数": 8, "带班征文": 8, "诚信记录": 9,
          "考核等级": 16, "备注": 8, "联系电话": 13, "身份证号": 20, "QQ": 12, "获奖名称": 30, "获奖级别": 8,
          "获奖时间": 12, "颁奖单位": 14}


def _write_sheet(ws, st: TableStyle, rows: list[dict], with_info: bool = True, merge_info_cols: bool = True):
    cols = st.columns
    n = len(cols)
    r = 1
    fnt = Font(name=st.font, size=11)
    for t in st.titles:
        ws.cell(r, 1, t).font = Font(name=st.font, size=16, bold=True)
        ws.cell(r, 1).alignment = Alignment(horizontal="center", vertical="center")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
        ws.row_dimensions[r].height = 28
        r += 1
    if with_info:
        for line in st.info:
            if isinstance(line, str):
                ws.cell(r, 1, line).font = fnt
                ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
            else:  # list of (value, span)
                c = 1
                for item in line:
                    val, span = item if isinstance(item, tuple) else (item, 1)
                    ws.cell(r, c, val).font = fnt
                    if span > 1:
                        ws.merge_cells(start_row=r, start_column=c, end_row=r, end_column=c + span - 1)
                    c += span
            ws.row_dimensions[r].height = 20
            r += 1
    # header
    for j, h in enumerate(cols, 1):
        c = ws.cell(r, j, h)
        c.font = Font(name=st.font, size=11, bold=True)
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        c.border = BORDER
        ws.column_dimensions[get_column_letter(j)].width = WIDTHS.get(h, 10)
    ws.row_dimensions[r].height = 32
    header_row = r
    r += 1
    first_data = r
    # data rows; each row dict: column -> value, plus optional "_split" list of dicts for extra lines
    for row in rows:
        extra = row.get("_split", [])
        span = 1 + len(extra)
        lines = 1
        for h in cols:
            lines = max(lines, _lines(row.get(h, ""), WIDTHS.get(h, 10)))
            for e in extra:
                lines = max(lines, _lines(e.get(h, ""), WIDTHS.get(h, 10)))
        for k in range(span):
            ws.row_dimensions[r + k].height = 15 * lines + 5
        for j, h in enumerate(cols, 1):
            v = row.get(h, "")
            c = ws.cell(r, j, v)
            c.font = fnt
            c.border = BORDER
            c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            if h == "学号" and isinstance(v, float):
                c.number_format = "0.00E+00"
            elif h == "学号" and isinstance(v, int):
                c.number_format = "0"
            elif h == "学号":
                c.number_format = "@"
            if span > 1:
                if any(h in e for e in extra):
                    for k, e in enumerate(extra, 1):
                        cc = ws.cell(r + k, j, e[h])
                        cc.font = fnt
                        cc.border = BORDER
                        cc.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
                else:
                    for k in range(1, span):
                        ws.cell(r + k, j).border = BORDER
                    ws.merge_cells(start_row=r, start_column=j, end_row=r + span - 1, end_column=j)
        r += span
    last_data = r - 1
    # vertical merges of equal consecutive values
    for h in st.merge_same:
        if h not in cols:
            continue
        j = cols.index(h) + 1
        start = first_data
        while start <= last_data:
            v = ws.cell(start, j).value
            end = start
            while end + 1 <= last_data and v not in (None, "") and ws.cell(end + 1, j).value == v \
                    and not _in_merge(ws, end + 1, j):
                end += 1
            if end > start and not _in_merge(ws, start, j):
                for k in range(start + 1, end + 1):
                    ws.cell(k, j).value = None
                ws.merge_cells(start_row=start, start_column=j, end_row=end, end_column=j)
            start = end + 1
    for f in st.footers:
        if isinstance(f, str) and f.startswith("@blankseq:"):
            k = int(f.split(":")[1])
            seq0 = len(rows)
            for i in range(k):
                for j, h in enumerate(cols, 1):
                    c = ws.cell(r, j, (seq0 + i + 1) if h == "序号" else None)
                    c.border = BORDER
                    c.font = fnt
                r += 1
            continue
        if isinstance(f, str):
            ws.cell(r, 1, f).font = fnt
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
        else:
            c = 1
            for item in f:
                val, span = item if isinstance(item, tuple) else (item, 1)
                ws.cell(r, c, val).font = fnt
                if span > 1:
                    ws.merge_cells(start_row=r, start_column=c, end_row=r, end_column=c + span - 1)
                c += span
        r += 1
    for h in st.hidden:
        if h in cols:
            ws.column_dimensions[get_column_letter(cols.index(h) + 1)].hidden = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    _setup_print(ws, n)
    return header_row


def _lines(v, width) -> int:
    if v is None or v == "":
        return 1
    units = sum(2 if ord(ch) > 255 else 1 for ch in str(v))
    return max(1, -(-units // max(1, int(width * 0.9))))


def _in_merge(ws, row, col) -> bool:
    for m in ws.merged_cells.ranges:
        if m.min_row <= row <= m.max_row and m.min_col <= col <= m.max_col:
            return True
    return False


def _blank_template(ws, st: TableStyle, title: str, info_line: str):
    tmp = TableStyle(titles=[title], info=[info_line], columns=st.columns, font=st.font)
    _write_sheet(ws, tmp, [])
    for i in range(10):
        ws.cell(ws.max_row + 1, 1, None)


def _workbook(st: TableStyle, sheets: list[tuple[str, list[dict], bool]], blank_title: str, blank_info: str,
              paper: bool = False) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    if st.blank_sheet == "first" and not paper:
        _blank_template(wb.create_sheet(st.blank_sheet_name), st, blank_title, blank_info)
    for name, rows, with_info in sheets:
        _write_sheet(wb.create_sheet(name), st, rows, with_info=with_info)
    if st.blank_sheet == "last" and not paper:
        _blank_template(wb.create_sheet(st.blank_sheet_name), st, blank_title, blank_info)
    wb.properties.creator = "Administrator"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    return wb


# ---------------------------------------------------------------------------
def _v(st: TableStyle, key: str, canonical):
    """Vocabulary: st.vocab maps (key, canonical) or key -> function/dict."""
    m = st.vocab.get(key)
    if m is None:
        return canonical
    if callable(m):
        return m(canonical)
    return m.get(canonical, canonical)


def a4_rows(mentors: list[Mentor], st: TableStyle) -> list[dict]:
    rows = []
    for i, m in enumerate(mentors, 1):
        awards_txt = "、".join((a.short or a.name) if st.vocab.get("award_short") else a.name for a in m.awards)
        row = {
            "序号": i,
            "姓名": st.names.get(m.sid, m.name),
            "性别": m.sex,
            "学号": _sid_value(m.sid, st.sid_overrides.get(m.sid, st.sid)),
            "专业班级": m.major_class,
            "所带班级": m.led_class,
            "政治面貌": _v(st, "status", m.status),
            "不及格科目数": _v(st, "failed", m.failed),
            "获奖情况": awards_txt or _v(st, "no_award", "无"),
            "所带班级违纪人数": _v(st, "violations", m.violations),
            "带班征文": _v(st, "essay", "已完成" if m.essay else "未完成"),
            "诚信记录": _v(st, "integrity", "无" if m.integrity_ok else "有不良记录"),
            "考核等级": _v(st, "level", LEVEL_FULL[m.level]),
            "备注": "",
            "联系电话": m.phone,
            "身份证号": m.id_card,
            "QQ": m.qq,
        }
        if m.sid in st.split_awards and len(m.awards) >= 2:
            row["获奖情况"] = m.awards[0].name
            row["_split"] = [{"获奖情况": a.name} for a in m.awards[1:]]
        row.update(st.overrides.get(m.sid, {}))
        rows.append(row)
    return rows


def write_a4(path, mentors: list[Mentor], st: TableStyle, paper: bool = False):
    if st.per_grade:
        years = sorted({m.year for m in mentors})
        sheets = []
        for k, y in enumerate(years):
            ms = [m for m in mentors if m.year == y]
            sheets.append((f"{y}级", a4_rows(ms, st), k == 0))
    else:
        sheets = [(st.sheet_name, a4_rows(mentors, st), True)]
    if paper:  # a paper copy is printed from one sheet
        allrows = a4_rows(mentors, st)
        sheets = [(st.sheet_name, allrows, True)]
    wb = _workbook(st, sheets, "肇庆学院学生带班党员考核情况汇总表",
                   "学院（盖章）：__________　　带班党员总数：__________　　公示时间：__________", paper)
    wb.save(path)


def a2_rows(nms: list[NewMentor], st: TableStyle) -> list[dict]:
    rows = []
    for i, m in enumerate(nms, 1):
        row = {"序号": i, "姓名": st.names.get(m.sid, m.name), "性别": _v(st, "sex", m.sex),
               "学号": _sid_value(m.sid, st.sid_overrides.get(m.sid, st.sid)), "年级": m.grade,
               "专业班级": m.major_class, "政治面貌": _v(st, "status", m.status), "所带新生班级": m.fresh_class,
               "联系电话": m.phone, "备注": m.note}
        row.update(st.overrides.get(m.sid, {}))
        rows.append(row)
    return rows


def write_a2(path, nms: list[NewMentor], st: TableStyle, paper: bool = False):
    wb = _workbook(st, [(st.sheet_name, a2_rows(nms, st), True)], "肇庆学院2020—2021学年度新聘学生带班党员汇总表",
                   "学院（盖章）：__________　　填表人：__________　　联系电话：__________　　日期：__________", paper)
    wb.save(path)


def a3_rows(mentors: list[Mentor], st: TableStyle) -> list[dict]:
    rows = []
    i = 0
    for m in mentors:
        for a in m.awards:
            i += 1
            rows.append({"序号": i, "姓名": st.names.get(m.sid, m.name),
                         "学号": _sid_value(m.sid, st.sid_overrides.get(m.sid, st.sid)), "所带班级": m.led_class,
                         "获奖名称": a.name, "获奖级别": a.level, "获奖时间": a.time, "颁奖单位": a.issuer, "备注": ""})
    return rows


def write_a3(path, mentors: list[Mentor], st: TableStyle):
    wb = _workbook(st, [(st.sheet_name, a3_rows(mentors, st), True)], "肇庆学院学生带班党员获奖情况统计表",
                   "学院：__________", False)
    wb.save(path)


A4_COLUMNS = ["序号", "姓名", "学号", "专业班级", "所带班级", "政治面貌", "不及格科目数", "获奖情况", "所带班级违纪人数",
              "带班征文", "诚信记录", "考核等级", "备注"]
A2_COLUMNS = ["序号", "姓名", "性别", "学号", "年级", "专业班级", "政治面貌", "所带新生班级", "联系电话", "备注"]
A3_COLUMNS = ["序号", "姓名", "学号", "所带班级", "获奖名称", "获奖级别", "获奖时间", "颁奖单位", "备注"]
