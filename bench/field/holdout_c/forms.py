"""Table forms A2/A3/A4 written the way one college's secretary fills them (options per college)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

import sheets
from sheets import CENTER, LEFT, merge, put

A4_COLS = ["序号", "姓名", "学号", "专业班级", "所带班级", "政治面貌", "不及格科目数", "获奖情况",
           "所带班级违纪人数", "带班征文", "诚信记录", "考核等级", "备注"]
A4_W = [6, 12, 16, 22, 22, 12, 8, 30, 9, 9, 11, 17, 8]
A2_COLS = ["序号", "姓名", "性别", "学号", "年级", "专业班级", "政治面貌", "所带新生班级", "联系电话", "备注"]
A2_W = [6, 10, 6, 17, 9, 24, 13, 24, 14, 8]
A3_COLS = ["序号", "姓名", "学号", "所带班级", "获奖名称", "获奖级别", "获奖时间", "颁奖单位", "备注"]
A3_W = [6, 12, 17, 22, 40, 9, 13, 24, 8]


def sid_cell(ws, r, c, sid: str, mode: str, cache: dict, **kw):
    """学号 as typed: text | quote (Excel's leading apostrophe) | apostrophe (a literal one pasted in)
    | int | sci (number shown 2.02E+11) | formula (=TEXT(n,"0")) | fullwidth."""
    if mode == "quote":
        return put(ws, r, c, sid, quote=True, **kw)
    if mode == "apostrophe":
        return put(ws, r, c, "'" + sid, **kw)
    if mode == "int":
        return put(ws, r, c, int(sid), fmt="0", **kw)
    if mode == "sci":
        return put(ws, r, c, int(sid), fmt="0.00E+00", **kw)
    if mode == "formula":
        cell = put(ws, r, c, f'=TEXT({sid},"0")', **kw)
        cache[cell.coordinate] = sid
        return cell
    if mode == "fullwidth":
        return put(ws, r, c, sheets.fullwidth(sid), **kw)
    if mode == "spaced":
        return put(ws, r, c, f"{sid[:4]} {sid[4:8]} {sid[8:]}", **kw)
    return put(ws, r, c, sid, fmt="@", **kw)


def table(ws, top: int, cols: list[str], rows: list[dict], *, serial: str = "static",
          sid_modes: list[str] | None = None, merge_col: str | None = None, cache: dict,
          header_size: float = 11, size: float = 11, row_h: float = 24):
    """Header at `top`, one row per dict. serial: static | formula (=ROW()-top)."""
    for c, name in enumerate(cols, 1):
        put(ws, top, c, name, bold=True, size=header_size)
    ws.row_dimensions[top].height = 30
    for i, rec in enumerate(rows):
        r = top + 1 + i
        ws.row_dimensions[r].height = row_h
        for c, name in enumerate(cols, 1):
            if name == "序号":
                if serial == "formula":
                    cell = put(ws, r, c, f"=ROW()-{top}", size=size)
                    cache[cell.coordinate] = i + 1
                else:
                    put(ws, r, c, i + 1, size=size)
            elif name == "学号":
                mode = (sid_modes or ["text"] * len(rows))[i]
                sid_cell(ws, r, c, rec["学号"], mode, cache, size=size)
            else:
                v = rec.get(name, "")
                fmt = None
                if isinstance(v, (dt.date, dt.datetime)):
                    fmt = rec.get("_datefmt", "yyyy-mm-dd")
                put(ws, r, c, v, size=size, fmt=fmt)
    if merge_col:
        c = cols.index(merge_col) + 1
        i = 0
        while i < len(rows):
            j = i
            while j + 1 < len(rows) and rows[j + 1].get(merge_col) == rows[i].get(merge_col):
                j += 1
            if j > i:
                for k in range(i + 1, j + 1):
                    ws.cell(row=top + 1 + k, column=c).value = None
                ws.merge_cells(start_row=top + 1 + i, start_column=c, end_row=top + 1 + j, end_column=c)
            i = j + 1
    return top + 1 + len(rows)


def footer_line(ws, r: int, text: str, ncols: int, size: float = 11, height: float = 22):
    merge(ws, r, 1, r, ncols, text, box=False, align=LEFT, size=size)
    ws.row_dimensions[r].height = height


def a4_record(m, *, status=None, rating=None, essay=None, integ=None, name=None, led=None, major=None,
              award=None) -> dict:
    return {"姓名": name or m.name, "学号": m.sid, "专业班级": major or m.major, "所带班级": led or m.led,
            "政治面貌": status(m.status) if callable(status) else m.status,
            "不及格科目数": m.fails, "获奖情况": award(m) if callable(award) else m.award,
            "所带班级违纪人数": m.viol,
            "带班征文": essay(m.essay) if callable(essay) else m.essay,
            "诚信记录": integ(m.integ) if callable(integ) else m.integ,
            "考核等级": rating(m.rating) if callable(rating) else m.rating, "备注": ""}


def a2_record(n, *, status=None, grade=None) -> dict:
    return {"姓名": n.name, "性别": n.gender, "学号": n.sid, "年级": grade(n) if grade else n.sid[:4] + "级",
            "专业班级": n.major, "政治面貌": status(n) if callable(status) else n.status,
            "所带新生班级": n.cls, "联系电话": n.phone, "备注": ""}


def a3_record(a, datefmt="yyyy-mm-dd") -> dict:
    return {"姓名": a.name, "学号": a.sid, "所带班级": a.led, "获奖名称": a.title, "获奖级别": a.level,
            "获奖时间": a.when, "颁奖单位": a.issuer, "备注": "", "_datefmt": datefmt}
