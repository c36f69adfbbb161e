"""The OCR engine interface, and the cell preparation every engine shares.

Contract of an engine (one instance may be used from one thread at a time; the reader makes one
per worker):

    engine.name                         registry name ("tesseract", "rapid")
    engine.read(image, dpi=200) -> list[Word]  every piece of text on an RGB page or region, with its
                                        pixel box and a confidence in 0..1
    engine.read_cell(image, dpi=200) -> (text, conf)
                                        the text of one table cell (RGB crop, ruling lines already
                                        wiped), lines joined; ("", 1.0) when the cell is blank
    engine.read_cells(page, boxes, dpi) -> list[(text, conf) | (text, conf, lattice)]
                                        the same for many cells of one page; engines may batch,
                                        and may add what the recogniser saw in the cell
                                        (paperdesk.lattice.Lattice) for verification
    engine.read_band(image, dpi) -> list[Word]
                                        the text lines of a band of plain printed lines (the
                                        title and header line above a table); by default
                                        ``read``, engines may cut it into lines without a detector

Texts are tidied by :func:`tidy` (half-width digits, no spaces between CJK characters) so that
both engines' output compares equal for the same reading.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod

import cv2
import numpy as np

from extractors.scan.model import BBox, Word
from paperdesk import textnorm

INK_LEVEL = 150  # grey value below which a pixel is ink
LINE_MARGIN = 0.15
_CJK = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]"
_SPACE_CJK = re.compile(rf"(?<={_CJK})\s+|\s+(?={_CJK})")

__all__ = ["OcrEngine", "Word", "tidy", "cell_crop", "cell_inset", "text_lines", "join_lines", "INK_LEVEL"]


class OcrEngine(ABC):
    """See the module docstring."""

    name: str = ""

    @abstractmethod
    def read(self, image: np.ndarray, dpi: float = 200.0) -> list[Word]:
        """Every piece of text on the image (at ``dpi``)."""

    @abstractmethod
    def read_cell(self, image: np.ndarray, dpi: float = 200.0) -> tuple[str, float]:
        """The text of one cell crop (at ``dpi``) and its confidence."""

    def read_band(self, image: np.ndarray, dpi: float = 200.0) -> list[Word]:
        """The words of a band of printed text lines (see the module docstring)."""
        return self.read(image, dpi)

    def read_cells(self, page: np.ndarray, boxes: list[BBox], dpi: float) -> list[tuple[str, float]]:
        """The text of each box of ``page``; blank cells give ("", 1.0) without OCR."""
        out = []
        for box in boxes:
            crop = cell_crop(page, box, dpi)
            out.append(("", 1.0) if crop is None else self.read_cell(crop, dpi))
        return out


def tidy(text: str) -> str:
    """OCR text as a value: ``textnorm.clean`` and no spaces next to CJK characters."""
    return _SPACE_CJK.sub("", textnorm.clean(text))


def join_lines(lines: list[str]) -> str:
    """Lines of one cell as one value: CJK text wraps anywhere, so no separator next to CJK."""
    out = ""
    for line in (tidy(t) for t in lines):
        if not line:
            continue
        if out and not (re.match(_CJK, out[-1]) or re.match(_CJK, line[0])):
            out += " "
        out += line
    return out


def cell_inset(dpi: float) -> int:
    """Pixels :func:`cell_crop` cuts off each side of a cell box (the ruling line's strip)."""
    return max(2, int(dpi * 0.025))


def cell_crop(page: np.ndarray, box: BBox, dpi: float) -> np.ndarray | None:
    """The inside of a cell (border strip cut off), trimmed to its ink with a white margin;
    None when the cell holds no ink. ``page`` should have its ruling lines wiped already."""
    x0, y0, x1, y1 = box
    inset = cell_inset(dpi)
    crop = page[y0 + inset: y1 - inset, x0 + inset: x1 - inset]
    if crop.size == 0:
        return None
    gray = cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY) if crop.ndim == 3 else crop
    ink = gray < INK_LEVEL
    ink = cv2.morphologyEx(ink.astype(np.uint8), cv2.MORPH_OPEN, np.ones((2, 2), np.uint8)) > 0
    ys, xs = np.nonzero(ink)
    if ys.size < max(8, dpi * dpi * 0.0004):
        return None
    margin = max(4, int(dpi * 0.05))
    top, bottom = max(0, ys.min() - margin), min(crop.shape[0], ys.max() + margin + 1)
    left, right = max(0, xs.min() - margin), min(crop.shape[1], xs.max() + margin + 1)
    trimmed = crop[top:bottom, left:right]
    return cv2.copyMakeBorder(trimmed, margin, margin, margin, margin, cv2.BORDER_CONSTANT, value=(255, 255, 255))


def text_lines(crop: np.ndarray, dpi: float, margin: float = LINE_MARGIN) -> list[np.ndarray]:
    """The crop cut into its text lines (row runs of ink), each trimmed to its ink with a white
    margin of ``margin`` × the line height (recognisers read a lone glyph best with little
    margin: a 0 with a wide margin came back as 。)."""
    gray = cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY) if crop.ndim == 3 else crop
    ink = gray < INK_LEVEL
    rows = ink.sum(axis=1) > 0
    runs, start = [], None
    for y, on in enumerate(rows):
        if on and start is None:
            start = y
        elif not on and start is not None:
            runs.append((start, y))
            start = None
    if start is not None:
        runs.append((start, len(rows)))
    runs = _merge_runs(runs, dpi)
    lines = []
    for a, b in runs:
        xs = np.flatnonzero(ink[a:b].any(axis=0))
        pad = max(2, int((b - a) * margin))
        part = crop[a:b, xs.min(): xs.max() + 1]
        lines.append(cv2.copyMakeBorder(part, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=_white(crop)))
    return lines or [crop]


def band_pieces(band: np.ndarray, dpi: float) -> list[BBox]:
    """Boxes of the pieces of text of a band of printed lines, without a detector: text lines
    (row runs of ink, as :func:`text_lines` joins them), each cut where a gap wider than its
    height separates two items (``学院：…    日期：…``). Boxes are in band coordinates, with
    a margin of :data:`LINE_MARGIN` × the line height, clipped to the band."""
    gray = cv2.cvtColor(band, cv2.COLOR_RGB2GRAY) if band.ndim == 3 else band
    ink = cv2.morphologyEx((gray < INK_LEVEL).astype(np.uint8), cv2.MORPH_OPEN, np.ones((2, 2), np.uint8)) > 0
    rows = np.flatnonzero(np.diff(np.concatenate(([0], ink.any(axis=1).astype(np.int8), [0]))))
    runs = _merge_runs([(int(a), int(b)) for a, b in zip(rows[::2], rows[1::2])], dpi)
    h, w = gray.shape
    boxes: list[BBox] = []
    for a, b in runs:
        cols = ink[a:b].any(axis=0)
        xs = np.flatnonzero(cols)
        if xs.size == 0:
            continue
        height = b - a
        gaps = np.flatnonzero(np.diff(xs) > height)  # a gap wider than the line is tall
        starts = np.concatenate(([xs[0]], xs[gaps + 1]))
        ends = np.concatenate((xs[gaps], [xs[-1]]))
        pad = max(2, int(height * LINE_MARGIN))
        for x0, x1 in zip(starts, ends):
            if x1 - x0 + 1 < max(3, height * 0.25) and (ink[a:b, x0:x1 + 1].sum() < height):
                continue  # a speck beside the line
            boxes.append((max(0, int(x0) - pad), max(0, a - pad), min(w, int(x1) + 1 + pad), min(h, b + pad)))
    return boxes


def _white(image: np.ndarray):
    return (255, 255, 255) if image.ndim == 3 else 255


def _merge_runs(runs: list[tuple[int, int]], dpi: float) -> list[tuple[int, int]]:
    """Text lines from row runs of ink: runs split by a thin gap join (two lines of small text
    have ~1 mm between them, so only gaps under ~0.3 mm join); a run too short to be a line (a
    stroke of 二, an underline) joins its nearer neighbour when close, and a lone speck goes."""
    merged: list[list[int]] = []
    for a, b in runs:
        if merged and a - merged[-1][1] <= max(1, int(dpi * 0.012)):
            merged[-1][1] = b
        else:
            merged.append([a, b])
    short, near = dpi * 0.05, dpi * 0.03
    changed = True
    while changed and len(merged) > 1:
        changed = False
        for i, (a, b) in enumerate(merged):
            if b - a >= short:
                continue
            gaps = [(a - merged[i - 1][1], i - 1) if i else (1e9, -1),
                    (merged[i + 1][0] - b, i + 1) if i + 1 < len(merged) else (1e9, -1)]
            gap, j = min(gaps)
            if gap <= near:
                lo, hi = min(i, j), max(i, j)
                merged[lo] = [merged[lo][0], merged[hi][1]]
                del merged[hi]
                changed = True
                break
    return [(a, b) for a, b in merged if b - a >= dpi * 0.02]
