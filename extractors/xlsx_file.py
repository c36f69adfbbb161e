"""xlsx extractor: every sheet read with openpyxl (values, not formulas) into a table form.

``extract(path, display, campaign) -> list[TableDoc] | [FreeDoc] | [ExtractionError]``

Each sheet whose content matches a table form (A2/A3/A4 — chosen by its column labels, never by
the sheet name) gives one :class:`TableDoc`; other sheets give nothing. When no sheet matches,
the workbook's text comes back as one :class:`FreeDoc` (deliverable '') so identification can
still try. Merged ranges read as their top-left value in every cell they cover. At most
``MAX_ROWS`` rows and ``MAX_COLUMNS`` columns of a sheet are read; the rest is ignored.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from paperdesk import textnorm
from paperdesk.campaign import Campaign
from paperdesk.models import Extracted, FreeDoc
from extractors.base import BadInput, preflight_ooxml
from extractors.tables import Grid, read_table

MAX_ROWS = 5000
MAX_COLUMNS = 60


def extract(path: Path, display: str, campaign: Campaign) -> list[Extracted]:
    """Table forms found in the workbook (see module docstring)."""
    preflight_ooxml(path, " Excel ")
    with path.open("rb") as fh:  # a file object: intake's blobs have no .xlsx extension
        wb = openpyxl.load_workbook(fh, read_only=False, data_only=True)
        try:
            grids = [(ws.title, sheet_grid(ws)) for ws in wb.worksheets if isinstance(ws, Worksheet)]
        finally:
            wb.close()
    if not grids:
        raise BadInput("工作簿中没有工作表")
    found = [doc for title, grid in grids if (doc := read_table(grid, campaign, display, title))]
    if found:
        return found
    return [_free(display, grids)]


def sheet_grid(ws: Worksheet) -> Grid:
    """The sheet's values (capped), merged ranges filled with their top-left value."""
    nrows = min(ws.max_row or 0, MAX_ROWS)
    ncols = min(ws.max_column or 0, MAX_COLUMNS)
    cells = [list(row) for row in ws.iter_rows(min_row=1, max_row=nrows, max_col=ncols, values_only=True)]
    copies: set[tuple[int, int]] = set()
    for rng in ws.merged_cells.ranges:
        top = rng.min_row - 1
        left = rng.min_col - 1
        if top >= nrows or left >= ncols:
            continue
        value = cells[top][left]
        for r in range(top, min(rng.max_row, nrows)):
            for c in range(left, min(rng.max_col, ncols)):
                if (r, c) != (top, left):
                    cells[r][c] = value
                    copies.add((r, c))
    return Grid(cells=cells, numbers=list(range(1, nrows + 1)), copies=frozenset(copies))


def _free(display: str, grids: list[tuple[str, Grid]]) -> FreeDoc:
    lines = []
    for _, grid in grids:
        for r in range(len(grid.cells)):
            text = " ".join(t for t in grid.line(r) if t)
            if text:
                lines.append(text)
    title = lines[0] if lines else textnorm.clean(Path(display.split("!")[-1]).stem)
    return FreeDoc(source=display, title=title, text="\n".join(lines), deliverable="")
