"""Where each table cell is cut for the recogniser, and whether a glyph in it was cut off.

Contract: :func:`cell_windows` takes the page with its ruling lines wiped (``clean``), the mask
that wiped them (``wipe``), one :class:`~extractors.scan.model.Table` of that page and the dpi,
and returns per cell ``(box, cut)``: the box to hand to an engine's ``read_cells`` (whose
:func:`~extractors.scan.ocr.base.cell_crop` insets it by :func:`~extractors.scan.ocr.base.cell_inset`
again, so what it reads is the window found here), and whether ink reaches that window's edge.
Pure; cheap (a few small slices per cell).

Why (issue 11 item 7): the cells of a table come from its line positions over the whole deskewed
page. Skew is measured to a tenth of a degree or so, and real lines bow; a residual 0.3° puts
a vertical line 5–6 px off its global position at the far end of a table, and a cell cut there
with a fixed inset lost the first stroke of a number written close to the line, read as another
digit at 0.96–0.99 (8 → 3, 6 → 5; on a real form 4894780.79 → 1894780.79). So each side of a cell
is cut where its line is *in this cell's stretch* (the inner edge of the wiped line, plus
:data:`SAFETY` px), falling back to the global position plus the usual inset where no line is
found there (a merged or broken border). A glyph that still reaches the window's edge touched the
line (the wipe took part of it) or ran under it: the reading cannot be sure, and the caller caps
its confidence at :data:`CUT_CONF`, below the campaign's ``ocr_min_confidence``, so a value is
never silently wrong for that reason. Thin slivers along an edge (what is left of a faint line)
do not count.
"""

from __future__ import annotations

import cv2
import numpy as np

from extractors.scan.model import BBox, Table
from extractors.scan.ocr.base import INK_LEVEL, cell_inset

SAFETY = 0  # px between the wiped line and the window
LINE_COVER = 0.5  # share of a side's stretch the wipe mask must cover for a column/row to be line
CUT_CONF = 0.6  # a reading with a glyph cut off is never above this


def cell_windows(clean: np.ndarray, wipe: np.ndarray, table: Table, dpi: float) -> list[tuple[BBox, bool]]:
    """See the module docstring; one ``(box, cut)`` per cell of ``table``, in its order."""
    h, w = wipe.shape[:2]
    inset = cell_inset(dpi)
    tol = max(4, int(dpi * 0.05))
    out = []
    for cell in table.cells:
        x0, y0, x1, y1 = cell.bbox
        left = _edge(wipe, x0, y0, y1, tol, vertical=True, inner=+1)
        right = _edge(wipe, x1, y0, y1, tol, vertical=True, inner=-1)
        top = _edge(wipe, y0, x0, x1, tol, vertical=False, inner=+1)
        bottom = _edge(wipe, y1, x0, x1, tol, vertical=False, inner=-1)
        win = (x0 + inset if left is None else left, y0 + inset if top is None else top,
               x1 - inset if right is None else right, y1 - inset if bottom is None else bottom)
        if win[2] - win[0] < 2 or win[3] - win[1] < 2:  # a sliver of a cell: keep the old window
            win = (x0 + inset, y0 + inset, x1 - inset, y1 - inset)
        cut = _touches_edge(clean, win, dpi)
        box = (max(0, win[0] - inset), max(0, win[1] - inset), min(w, win[2] + inset), min(h, win[3] + inset))
        out.append((box, cut))
    return out


def _edge(wipe: np.ndarray, pos: int, lo: int, hi: int, tol: int, vertical: bool, inner: int) -> int | None:
    """The first pixel inside the cell past the wiped line near ``pos`` (a column when
    ``vertical``, else a row), measured over the middle of the side's stretch ``lo..hi``; ``inner``
    is +1 when the cell lies after the line (its left or top side), -1 when before it (the
    returned value is then the exclusive end). None where no line is found."""
    span = hi - lo
    pad = max(tol, span // 8) if span > 4 * tol else span // 4
    a, b = lo + pad, hi - pad
    if b - a < 3:
        return None
    start = max(0, pos - tol)
    if vertical:
        band = wipe[a:b, start: pos + tol + 1]
        cover = (band > 0).mean(axis=0)
    else:
        band = wipe[start: pos + tol + 1, a:b]
        cover = (band > 0).mean(axis=1)
    on = np.flatnonzero(cover >= LINE_COVER)
    if on.size == 0:
        return None
    if inner > 0:
        return int(start + on.max() + 1 + SAFETY)
    return int(start + on.min() - SAFETY)


def _touches_edge(clean: np.ndarray, win: BBox, dpi: float) -> bool:
    """Does a glyph (not a speck, not a sliver along the edge) reach the edge of the window?"""
    x0, y0, x1, y1 = win
    crop = clean[max(0, y0): y1, max(0, x0): x1]
    if crop.size == 0:
        return False
    gray = cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY) if crop.ndim == 3 else crop
    ink = (gray < INK_LEVEL).astype(np.uint8)
    if not (ink[0].any() or ink[-1].any() or ink[:, 0].any() or ink[:, -1].any()):
        return False
    ink = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if n <= 1:
        return False
    ch, cw = ink.shape
    deep = max(3, int(dpi * 0.02))  # how far into the cell a cut glyph reaches
    least = max(8, int(dpi * dpi * 0.0004))
    for i in range(1, n):
        x, y, bw, bh, area = stats[i]
        if area < least:
            continue
        on_side, on_top = x == 0 or x + bw == cw, y == 0 or y + bh == ch
        sliver_side, sliver_top = on_side and bw < deep, on_top and bh < deep  # left of a faint line
        if (on_side and bw >= deep and not sliver_top) or (on_top and bh >= deep and not sliver_side):
            return True
    return False
