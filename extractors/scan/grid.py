"""Ruled tables on an upright, deskewed page: ruling lines -> cells with row/col spans.

Contract: :func:`find_tables` takes an RGB or grey page and its dpi and returns the ruled tables
found, largest first, each with its row/column line positions and its cells (merged cells carry
``row_span``/``col_span`` > 1), in reading order. A page without ruling lines gives ``[]``.

How: adaptive threshold; morphological opening with long thin kernels keeps the horizontal and
the vertical strokes longer than ~0.25 inch (longer than any character stroke); line positions are
clustered; between two neighbouring elementary cells a border exists when the line mask covers
most of the shared edge; cells with no border between them are merged (union-find).
:func:`line_mask` is also used to wipe the ruling lines before OCR.
"""

from __future__ import annotations

import cv2
import numpy as np

from extractors.scan.model import Cell, Table

MIN_LINE_IN = 0.25  # a stroke longer than this is a ruling line, not a character
BORDER_COVER = 0.55  # share of a shared edge the line mask must cover for a border to exist
EDGE_TOL_IN = 0.04  # how far from its position a line may be found along one edge: a residual skew
# or a sheet fed askew (0.5-0.8°) moves the far end of a line by 5-7 px at 150-200 dpi; at 0.03 in the
# last row's borders were missed there and the row read as one cell


def binarize(image: np.ndarray) -> np.ndarray:
    """Ink = 255, paper = 0; adaptive, so grey scans and uneven light work."""
    gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY) if image.ndim == 3 else image
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)


def line_masks(binary: np.ndarray, dpi: float) -> tuple[np.ndarray, np.ndarray]:
    """(horizontal, vertical) masks of the ruling lines, small gaps bridged."""
    k = max(15, int(MIN_LINE_IN * dpi))
    horiz = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1)))
    vert = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, k)))
    gap = max(3, int(dpi * 0.02))
    horiz = cv2.dilate(horiz, cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 1)))
    vert = cv2.dilate(vert, cv2.getStructuringElement(cv2.MORPH_RECT, (1, gap)))
    return horiz, vert


def line_mask(image: np.ndarray, dpi: float) -> np.ndarray:
    """All ruling-line pixels of the page (slightly thickened), for wiping before OCR."""
    horiz, vert = line_masks(binarize(image), dpi)
    return cv2.dilate(horiz | vert, np.ones((3, 3), np.uint8))


def find_tables(image: np.ndarray, dpi: float) -> list[Table]:
    """The ruled tables of the page, largest first (see the module docstring)."""
    horiz, vert = line_masks(binarize(image), dpi)
    tables = []
    for x0, y0, x1, y1 in _table_boxes(horiz, vert, dpi):
        table = _table_in(horiz[y0:y1, x0:x1], vert[y0:y1, x0:x1], dpi, (x0, y0))
        if table is not None:
            tables.append(table)
    tables.sort(key=lambda t: (t.bbox[2] - t.bbox[0]) * (t.bbox[3] - t.bbox[1]), reverse=True)
    return tables


def _table_boxes(horiz: np.ndarray, vert: np.ndarray, dpi: float) -> list[tuple[int, int, int, int]]:
    """Boxes of connected line structures at least ~1 inch wide with rows and columns."""
    both = cv2.dilate(horiz | vert, np.ones((5, 5), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(both, connectivity=8)
    boxes = []
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        if w >= dpi and h >= 0.2 * dpi:
            boxes.append((int(x), int(y), int(x + w), int(y + h)))
    return boxes


def _positions(mask: np.ndarray, axis: int, dpi: float) -> list[int]:
    """Centres of the lines in ``mask`` across ``axis`` (0: horizontal lines -> y positions)."""
    profile = (mask > 0).sum(axis=1 if axis == 0 else 0)
    rows = np.flatnonzero(profile >= max(10, MIN_LINE_IN * dpi * 0.8))
    if rows.size == 0:
        return []
    groups, start, prev = [], rows[0], rows[0]
    tol = max(2, int(dpi * 0.03))
    for r in rows[1:]:
        if r - prev > tol:
            groups.append((start, prev))
            start = r
        prev = r
    groups.append((start, prev))
    return [int((a + b) // 2) for a, b in groups]


def _table_in(horiz: np.ndarray, vert: np.ndarray, dpi: float, origin: tuple[int, int]) -> Table | None:
    ys = _positions(horiz, 0, dpi)
    xs = _positions(vert, 1, dpi)
    min_gap = dpi * 0.08
    ys = _drop_close(ys, min_gap)
    xs = _drop_close(xs, min_gap)
    if len(ys) < 2 or len(xs) < 2:
        return None
    cells = _merge_cells(horiz, vert, ys, xs, dpi)
    ox, oy = origin
    shifted = tuple(
        Cell(c.row, c.col, c.row_span, c.col_span, (c.bbox[0] + ox, c.bbox[1] + oy, c.bbox[2] + ox, c.bbox[3] + oy))
        for c in cells
    )
    return Table(
        bbox=(xs[0] + ox, ys[0] + oy, xs[-1] + ox, ys[-1] + oy),
        row_lines=tuple(y + oy for y in ys),
        col_lines=tuple(x + ox for x in xs),
        cells=shifted,
    )


def _drop_close(pos: list[int], min_gap: float) -> list[int]:
    out: list[int] = []
    for p in pos:
        if out and p - out[-1] < min_gap:
            continue
        out.append(p)
    return out


def _covered(mask: np.ndarray, fixed: int, lo: int, hi: int, vertical: bool, tol: int) -> bool:
    """Does the line mask cover the middle of the edge at ``fixed`` from ``lo`` to ``hi``?"""
    pad = (hi - lo) // 6
    lo, hi = lo + pad, hi - pad
    if hi <= lo:
        return True
    if vertical:
        band = mask[lo:hi, max(0, fixed - tol): fixed + tol + 1]
        hit = band.any(axis=1)
    else:
        band = mask[max(0, fixed - tol): fixed + tol + 1, lo:hi]
        hit = band.any(axis=0)
    return bool(hit.mean() >= BORDER_COVER)


def _merge_cells(horiz, vert, ys, xs, dpi) -> list[Cell]:
    n_r, n_c = len(ys) - 1, len(xs) - 1
    parent = list(range(n_r * n_c))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    tol = max(2, int(dpi * EDGE_TOL_IN))
    for r in range(n_r):
        for c in range(n_c):
            if c + 1 < n_c and not _covered(vert, xs[c + 1], ys[r], ys[r + 1], True, tol):
                parent[find(r * n_c + c)] = find(r * n_c + c + 1)
            if r + 1 < n_r and not _covered(horiz, ys[r + 1], xs[c], xs[c + 1], False, tol):
                parent[find(r * n_c + c)] = find((r + 1) * n_c + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_r):
        for c in range(n_c):
            groups.setdefault(find(r * n_c + c), []).append((r, c))
    cells = []
    for members in groups.values():
        r0, r1 = min(m[0] for m in members), max(m[0] for m in members)
        c0, c1 = min(m[1] for m in members), max(m[1] for m in members)
        cells.append(Cell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])))
    cells.sort(key=lambda c: (c.row, c.col))
    return cells
