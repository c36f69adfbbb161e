"""Shared layout for every spreadsheet paperdesk publishes: printable and filterable.

:func:`table_sheet` fills a worksheet with an optional title row, a header row and data rows,
and applies the house style (SPEC §6): frozen header, auto-filter over the data, column widths
that fit Chinese (a CJK character counts 2, capped), text columns (学号) stored as text with
number format ``@``, highlighted cells (:class:`Mark`), A4 landscape fit to width with the header
row repeated on every printed page. Nothing here touches the disk.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Iterable, Literal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

MAX_WIDTH = 50
MIN_WIDTH = 6
FONT = "等线"

FLAG_FILL = PatternFill("solid", fgColor="FFC7CE")  # light red: the flagged cell
ROW_FILL = PatternFill("solid", fgColor="FFF2CC")  # light yellow: a flag on the whole row
FIXED_FILL = PatternFill("solid", fgColor="DDEBF7")  # light blue: a value corrected by staff
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
FILLS = {"flag": FLAG_FILL, "row": ROW_FILL, "fixed": FIXED_FILL}

_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


@dataclass(frozen=True)
class Col:
    """A column: its header, whether values are text (IDs: stored as str, format ``@``), a number
    format for numeric columns, and a maximum width before text wraps."""

    header: str
    text: bool = False
    number_format: str | None = None
    max_width: int = MAX_WIDTH


@dataclass(frozen=True)
class Mark:
    """Highlight of data row ``row`` (0-based): ``col`` is a header (None: the whole row)."""

    row: int
    col: str | None
    kind: Literal["flag", "row", "fixed"] = "flag"


def display_width(value: object) -> int:
    """Printed width of a value: East Asian wide/full-width characters count 2; longest line."""
    text = "" if value is None else str(value)
    return max((sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
                for line in text.split("\n")), default=0)


def new_workbook() -> tuple[Workbook, object]:
    """A workbook with one empty sheet (returned with it)."""
    wb = Workbook()
    return wb, wb.active


def table_sheet(ws, cols: list[Col], rows: list[list], *, title: str | None = None,
                marks: Iterable[Mark] = (), sheet_name: str | None = None) -> int:
    """Fill ``ws`` with a title (optional), header and ``rows``; style it. Returns the header row."""
    if sheet_name:
        ws.title = sheet_name[:31]
    header_row = 1
    if title:
        _title(ws, title, len(cols))
        header_row = 2
    for j, col in enumerate(cols, start=1):
        cell = ws.cell(header_row, j, col.header)
        cell.font = Font(name=FONT, bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for i, values in enumerate(rows):
        for j, (col, value) in enumerate(zip(cols, values), start=1):
            _data_cell(ws.cell(header_row + 1 + i, j), col, value)
    _highlight(ws, cols, header_row, marks)
    widths = _widths(ws, cols, rows)
    _heights(ws, header_row, [[c.header for c in cols], *rows], widths)
    last = header_row + max(len(rows), 0)
    ws.freeze_panes = ws.cell(header_row + 1, 1).coordinate
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(cols))}{last}"
    print_setup(ws, header_row)
    return header_row


def _title(ws, title: str, ncols: int) -> None:
    cell = ws.cell(1, 1, title)
    cell.font = Font(name=FONT, bold=True, size=14)
    cell.alignment = Alignment(horizontal="center", vertical="center")
    if ncols > 1:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
    ws.row_dimensions[1].height = 28


def _data_cell(cell, col: Col, value: object) -> None:
    if col.text:
        cell.value = "" if value is None else str(value)
        cell.number_format = "@"
    else:
        cell.value = value
        if col.number_format:
            cell.number_format = col.number_format
    cell.font = Font(name=FONT)
    cell.border = BORDER
    cell.alignment = Alignment(vertical="top", wrap_text=display_width(value) > col.max_width or "\n" in str(value or ""))


def _highlight(ws, cols: list[Col], header_row: int, marks: Iterable[Mark]) -> None:
    """Whole-row fills first, then cell fills on top (a flagged cell stays red in a yellow row)."""
    index = {c.header: j for j, c in enumerate(cols, start=1)}
    ordered = sorted(set(marks), key=lambda m: (m.col is not None, m.kind != "flag", m.row, m.col or ""))
    for m in ordered:
        r = header_row + 1 + m.row
        if m.col is None:
            for j in range(1, len(cols) + 1):
                ws.cell(r, j).fill = FILLS["row" if m.kind == "flag" else m.kind]
        elif m.col in index:
            ws.cell(r, index[m.col]).fill = FILLS[m.kind]


def _widths(ws, cols: list[Col], rows: list[list]) -> list[int]:
    """Fit each column to its longest value (capped); a long header wraps onto two lines."""
    out = []
    for j, col in enumerate(cols, start=1):
        head = display_width(col.header)
        head = head if head <= 12 else -(-head // 2)
        longest = max([head] + [display_width(r[j - 1]) for r in rows if len(r) >= j])
        width = max(MIN_WIDTH, min(longest, col.max_width)) + 2
        ws.column_dimensions[get_column_letter(j)].width = width
        out.append(width)
    return out


def _lines(value: object, width: int) -> int:
    text = "" if value is None else str(value)
    fits = lambda n: 1 if n <= width - 2 else -(-n // max(width - 4, 1))  # noqa: E731 (wrapped: be generous)
    return sum(fits(display_width(line)) for line in text.split("\n"))


def _heights(ws, header_row: int, rows: list[list], widths: list[int]) -> None:
    """Row heights for wrapped text (Excel does not re-fit rows on open): 16 points a line, ≤ 10 lines."""
    for i, values in enumerate(rows):
        lines = max([_lines(v, w) for v, w in zip(values, widths)] or [1])
        if lines > 1:
            ws.row_dimensions[header_row + i].height = 16 * min(lines, 10)


def print_setup(ws, header_row: int) -> None:
    """A4 landscape, fit all columns on the page width, header row repeated on every page."""
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.print_options.horizontalCentered = True


def human_size(n: int | None) -> str:
    """Bytes for people: ``1.2 MB``, ``350 KB``, ``512 B`` (1 MB = 1,048,576 bytes)."""
    if n is None:
        return ""
    if n >= 1_048_576:
        return f"{n / 1_048_576:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} B"
