"""Excel helpers: bordered tables, A4 landscape print setup, formulas with cached values."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=False)
FIXED = dt.datetime(2020, 6, 17, 10, 5, 0)


def new_wb(title: str):
    wb = openpyxl.Workbook()
    wb.properties.creator = "Administrator"
    wb.properties.lastModifiedBy = "Administrator"
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    ws = wb.active
    ws.title = title
    return wb, ws


def put(ws, row: int, col: int, value, *, bold=False, size=11, box=True, align=CENTER, fmt=None,
        quote=False):
    c = ws.cell(row=row, column=col, value=value)
    c.font = Font(name="宋体", size=size, bold=bold)
    if box:
        c.border = BOX
    if align is not None:
        c.alignment = align
    if fmt:
        c.number_format = fmt
    if quote:
        c.quotePrefix = True
    return c


def merge(ws, r1, c1, r2, c2, value=None, **kw):
    if value is not None:
        put(ws, r1, c1, value, **kw)
    ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    if kw.get("box", True):
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                ws.cell(row=r, column=c).border = BOX


def widths(ws, ws_widths: list[float]):
    for i, w in enumerate(ws_widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w


def print_a4(ws, landscape=True, title_rows: str | None = None, header_text: str = ""):
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.print_options.horizontalCentered = True
    if title_rows:
        ws.print_title_rows = title_rows
    if header_text:
        ws.oddHeader.left.text = header_text
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def save_with_cache(wb, path: Path, cache: dict[str, dict[str, object]]):
    """Save, then write cached results into formula cells as Excel does (<f>…</f><v>…</v>).

    cache: {sheet title: {"A5": value}}; a str value is written with t="str".
    """
    wb.save(str(path))
    normalise_zip(path)
    order = [ws.title for ws in wb.worksheets]
    tmp = Path(str(path) + ".tmp")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            m = re.match(r"xl/worksheets/sheet(\d+)\.xml$", item.filename)
            if m:
                title = order[int(m.group(1)) - 1]
                vals = (cache or {}).get(title, {})
                if vals:
                    xml = data.decode("utf-8")

                    def fix(mm):
                        coord, attrs, formula = mm.group(1), mm.group(2) or "", mm.group(3)
                        if coord not in vals:
                            return mm.group(0)
                        v = vals[coord]
                        attrs = re.sub(r'\st="[^"]*"', "", attrs)
                        if isinstance(v, str):
                            return f'<c r="{coord}"{attrs} t="str"><f>{formula}</f><v>{v}</v></c>'
                        return f'<c r="{coord}"{attrs}><f>{formula}</f><v>{v}</v></c>'
                    xml = re.sub(r'<c r="([A-Z]+\d+)"((?:\s[^>]*?)?)><f>(.*?)</f><v\s*/?>(?:</v>)?</c>', fix, xml)
                    data = xml.encode("utf-8")
            zi = zipfile.ZipInfo(item.filename, date_time=(2020, 6, 17, 10, 5, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, data)
    shutil.move(tmp, path)


def fullwidth(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "0" <= c <= "9" else c for c in s)


def normalise_zip(path: Path, date=(2020, 6, 17, 10, 5, 0)) -> None:
    """Rewrite a zip-based office file with fixed member timestamps (byte-for-byte reproducible)."""
    tmp = Path(str(path) + ".tmp")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zi = zipfile.ZipInfo(item.filename, date_time=date)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = item.external_attr
            data = zin.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = re.sub(rb'(<dcterms:(?:created|modified)[^>]*>)[^<]*', rb'\g<1>2020-06-17T10:05:00Z', data)
            if item.filename.startswith("word/comments"):
                data = re.sub(rb'w:date="[^"]*"', b'w:date="2020-06-16T15:20:00Z"', data)
            zout.writestr(zi, data)
    shutil.move(tmp, path)
