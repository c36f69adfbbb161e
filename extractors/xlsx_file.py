"""xlsx extractor: every sheet streamed with openpyxl (values, not formulas) into a table form.

``extract(path, display, campaign) -> list[TableDoc] | [FreeDoc] | [ExtractionError]``

Each sheet whose content matches a table form (A2/A3/A4 — chosen by its column labels, never by
the sheet name) gives one :class:`TableDoc`; other sheets give nothing. When no sheet matches,
the workbook's text comes back as one :class:`FreeDoc` (deliverable '') so identification can
still try. Merged ranges read as their top-left value in every cell they cover.
Sheets are read row by row (openpyxl read-only mode), so a sheet declaring or holding a million
rows costs no more than ``MAX_ROWS``: at most ``MAX_ROWS`` rows and ``MAX_COLUMNS`` columns are
read, and a sheet with values further down says so in the record's ``notes``
("表格过大，只读取了前 N 行"). Text is bounded too (:mod:`extractors.caps`): a cell keeps at most
``CELL_CHARS`` characters and the workbook ``DOCUMENT_CHARS`` in all — counted before anything is
copied, so a shared string that thousands of cells point to costs its cap once per cell until the
budget is spent, then reading stops with a note ("表格内容过多……"). Merged copies count too.
``.xlsm``/``.xltx`` read the same way; macros never run.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import openpyxl
from openpyxl.chartsheet import Chartsheet
from openpyxl.utils.cell import range_boundaries

from paperdesk import textnorm
from paperdesk.campaign import Campaign
from paperdesk.models import Extracted, FreeDoc, TableDoc
from extractors import ooxml
from extractors.base import BadInput
from extractors.caps import CELL_CHARS, TextBudget
from extractors.tables import Grid, read_table

MAX_ROWS = 5000
MAX_COLUMNS = 60
#: rows past MAX_ROWS looked at for a value, to tell "cut" from "trailing empty rows"
LOOK_PAST = 1000
MAX_MERGES = 5000
_MERGE_CELL = re.compile(rb'<(?:[\w.-]{1,20}:)?mergeCell\s[^>]{0,200}?\bref\s*=\s*["\']([A-Za-z]{1,3}\d{1,7}(?::[A-Za-z]{1,3}\d{1,7})?)["\']')
_CHUNK = 1 << 20
_KEEP = 512  # longer than any match


def extract(path: Path, display: str, campaign: Campaign) -> list[Extracted]:
    """Table forms found in the workbook (see module docstring)."""
    ooxml.preflight(path, " Excel ", streamed=("xl/worksheets/",))
    with path.open("rb") as fh:  # a file object: intake's blobs have no .xlsx extension
        wb = openpyxl.load_workbook(fh, read_only=True, data_only=True)
        budget = TextBudget()
        try:
            sheets = [(ws.title, *sheet_grid(ws, budget)) for ws in wb.worksheets if not isinstance(ws, Chartsheet)]
        finally:
            wb.close()
    if not sheets:
        raise BadInput("工作簿中没有工作表")
    found = []
    for title, grid, cut in sheets:
        if doc := read_table(grid, campaign, display, title):
            found.append(dataclasses.replace(doc, notes=doc.notes + _notes(cut, budget.cut)))
    if found:
        return merge_sheets(found)
    return [_free(display, sheets, budget.cut)]


def merge_sheets(docs: list[TableDoc]) -> list[TableDoc]:
    """One record per form of the workbook: a blank template sheet left beside the filled one is
    dropped, and a form split over several sheets (a sheet per grade) is one table — its header
    line (学院, 带班党员总数 …) is the college's, not each sheet's."""
    by_form: dict[str, list[TableDoc]] = {}
    for d in docs:
        by_form.setdefault(d.form, []).append(d)
    out = []
    for form, group in by_form.items():
        filled = [d for d in group if d.rows] or group[:1]
        if len(filled) == 1:
            out.append(filled[0])
            continue
        header: dict[str, str] = {}
        for d in filled:
            for k, v in d.header.items():
                if v and not header.get(k):
                    header[k] = v
        first = filled[0]
        out.append(dataclasses.replace(
            first, sheet="、".join(d.sheet for d in filled), header=header,
            rows=tuple(r for d in filled for r in d.rows),
            notes=tuple(n for d in filled for n in d.notes) + (f"表格分在 {len(filled)} 个工作表中，已合并读取",)))
    return out


def sheet_grid(ws, budget: TextBudget | None = None) -> tuple[Grid, bool]:
    """The sheet's values (capped, trailing empty rows/columns trimmed), merged ranges filled
    with their top-left value; and whether values beyond ``MAX_ROWS`` were left unread. Text
    is taken from ``budget`` (see the module docstring); reading stops when it is spent."""
    budget = budget or TextBudget()
    cells: list[list[object]] = []
    cut = False
    for i, row in enumerate(ws.iter_rows(max_row=MAX_ROWS + LOOK_PAST, max_col=MAX_COLUMNS, values_only=True)):
        if budget.spent:
            break
        if i < MAX_ROWS:
            cells.append([budget.take(v, CELL_CHARS) if isinstance(v, str) else v for v in row])
        elif any(v is not None for v in row):
            cut = True
            break
    cells = _trimmed(cells)
    copies = _fill_merges(cells, _merges(ws), budget)
    return Grid(cells=cells, numbers=list(range(1, len(cells) + 1)), copies=frozenset(copies)), cut


def _trimmed(cells: list[list[object]]) -> list[list[object]]:
    while cells and all(v is None for v in cells[-1]):
        cells.pop()
    width = max((j + 1 for row in cells for j, v in enumerate(row) if v is not None), default=0)
    return [(row + [None] * width)[:width] for row in cells]


def _merges(ws) -> list[str]:
    """The sheet's merged ranges (``A1:C2``). Read-only sheets do not parse them, and a full XML
    parse of a huge sheet costs seconds, so the part is streamed and only the ``<mergeCell>``
    elements (after ``</sheetData>``) are matched. ``_worksheet_path`` is openpyxl's own name
    for the sheet's part; without it no merges are filled."""
    part = getattr(ws, "_worksheet_path", None)
    if part is None:
        return []
    refs: list[str] = []
    buf = b""
    with ws.parent._archive.open(part) as src:
        while len(refs) < MAX_MERGES:
            chunk = src.read(_CHUNK)
            buf += chunk
            done = len(buf) if not chunk else len(buf) - _KEEP  # a match starting before is whole
            last = 0
            if b"mergeCell" in buf:
                for m in _MERGE_CELL.finditer(buf):
                    if m.start() >= done:
                        break
                    refs.append(m.group(1).decode("ascii"))
                    last = m.end()
            if not chunk:
                break
            buf = buf[max(last, done):]
    return refs[:MAX_MERGES]


def _fill_merges(cells: list[list[object]], refs: list[str], budget: TextBudget) -> set[tuple[int, int]]:
    copies: set[tuple[int, int]] = set()
    nrows = len(cells)
    ncols = len(cells[0]) if cells else 0
    for ref in refs:
        try:
            left, top, right, bottom = range_boundaries(ref)
        except (ValueError, TypeError):
            continue
        top, left = top - 1, left - 1
        if top >= nrows or left >= ncols:
            continue
        value = cells[top][left]
        for r in range(top, min(bottom, nrows)):
            for c in range(left, min(right, ncols)):
                if (r, c) != (top, left):
                    if isinstance(value, str):
                        if budget.spent:
                            return copies
                        budget.take(value, CELL_CHARS)  # every copy is read as text later
                    cells[r][c] = value
                    copies.add((r, c))
    return copies


def _notes(cut: bool, text_cut: bool = False) -> tuple[str, ...]:
    notes = (f"表格过大，只读取了前 {MAX_ROWS} 行",) if cut else ()
    if text_cut:
        notes += ("表格内容过多（单元格文字过长或总量过大），只读取了一部分",)
    return notes


def _free(display: str, sheets: list[tuple[str, Grid, bool]], text_cut: bool = False) -> FreeDoc:
    lines = []
    for _, grid, _ in sheets:
        for r in range(len(grid.cells)):
            text = " ".join(t for t in grid.line(r) if t)
            if text:
                lines.append(text)
    title = lines[0] if lines else textnorm.clean(Path(display.split("!")[-1]).stem)
    notes = _notes(any(cut for _, _, cut in sheets), text_cut)
    return FreeDoc(source=display, title=title, text="\n".join(lines), deliverable="", notes=notes)
