"""Upright and straight pages: orientation 0/90/180/270 and deskew by the table's ruling lines.

Contract (pure, no file writes):
- :func:`upright` deskews, finds the tables and turns the page upright (see its docstring): on
  a page with a table, by the shape of its cells and tesseract's confidence reading a strip of
  cells both ways (~0.3 s); on a page without one, by :func:`detect_orientation`.
- :func:`detect_orientation` -> ``(degrees, confidence)``: how many degrees the page must be
  turned clockwise to read upright, by tesseract's OSD (Debian ships ``osd.traineddata`` in
  ``tesseract-ocr-osd``) on the page scaled to 300 dpi (~1 s; at 150 dpi its confidence was
  under 1.5 even on upright pages). When it cannot decide it returns ``(0, confidence)``.
- :func:`estimate_skew` -> degrees in ``[-MAX_SKEW, MAX_SKEW]`` (positive: the content is turned
  counter-clockwise), from the long near-horizontal ruling lines (probabilistic Hough on the
  ink), falling back to text lines (projection profile) when there are no ruling lines.
"""

from __future__ import annotations

import os
import re

import cv2
import numpy as np

from extractors.scan.grid import find_tables
from extractors.scan.model import Cell, Table

MAX_SKEW = 5.0
OSD_MIN_CONF = 1.5  # tesseract's orientation confidence below this is not trusted
OSD_DPI = 300  # OSD is unreliable on smaller text
MIN_CELLS = 4
HOUGH_SCALE = 0.5  # skew is measured on a half-resolution page (~10× faster, ±0.05°)
STRIP_CELLS = 6


def detect_orientation(image: np.ndarray, dpi: float) -> tuple[int, float]:
    """Clockwise degrees (0/90/180/270) that make the page upright, and OSD's confidence."""
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    gray = _gray(image)
    scale = OSD_DPI / dpi
    if abs(scale - 1) > 0.1:
        gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    try:
        osd = pytesseract.image_to_osd(gray, config="--psm 0 -c min_characters_to_try=10")
    except pytesseract.TesseractError:
        return 0, 0.0
    rotate = re.search(r"Rotate:\s*(\d+)", osd)
    conf = re.search(r"Orientation confidence:\s*([\d.]+)", osd)
    if not rotate or not conf:
        return 0, 0.0
    degrees, confidence = int(rotate.group(1)) % 360, float(conf.group(1))
    return (degrees, confidence) if confidence >= OSD_MIN_CONF else (0, confidence)


def turn(image: np.ndarray, clockwise: int) -> np.ndarray:
    """The image turned clockwise by a multiple of 90 degrees."""
    k = (clockwise // 90) % 4
    return np.ascontiguousarray(np.rot90(image, k=-k)) if k else image


def estimate_skew(image: np.ndarray, dpi: float) -> float:
    """Skew in degrees (see the module docstring); 0.0 when nothing tells."""
    gray = _gray(image)
    small = cv2.resize(gray, None, fx=HOUGH_SCALE, fy=HOUGH_SCALE, interpolation=cv2.INTER_AREA)
    ink = cv2.adaptiveThreshold(small, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 15, 15)
    angle = _skew_from_lines(ink, dpi * HOUGH_SCALE)
    if angle is None:
        angle = _skew_from_profile(ink)
    return float(np.clip(angle, -MAX_SKEW, MAX_SKEW))


def _skew_from_lines(ink: np.ndarray, dpi: float) -> float | None:
    """Length-weighted median angle of the long straight lines of a half-resolution ink mask;
    a short horizontal opening first keeps line pieces (even skewed 5°) and drops the text."""
    k = max(5, int(dpi * 0.12))
    ink = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1)))
    min_len = int(max(ink.shape[1] * 0.2, dpi))
    # 0.25° bins: the angle comes from each segment's end points, not from its bin (0.1° bins cost
    # four times as much for the same estimates, measured on pages skewed -2.5..4.5°)
    lines = cv2.HoughLinesP(ink, 1, np.pi / 720, threshold=min_len // 2, minLineLength=min_len, maxLineGap=int(dpi * 0.03) + 2)
    if lines is None:
        return None
    angles, weights = [], []
    for x0, y0, x1, y1 in lines.reshape(-1, 4).astype(float):
        a = np.degrees(np.arctan2(y0 - y1, x1 - x0))  # image y grows down: counter-clockwise positive
        if abs(a) <= MAX_SKEW + 1:
            angles.append(a)
            weights.append(np.hypot(x1 - x0, y1 - y0))
    if len(angles) < 2:
        return None
    order = np.argsort(angles)
    cum = np.cumsum(np.asarray(weights)[order])
    return float(np.asarray(angles)[order][np.searchsorted(cum, cum[-1] / 2)])


def _skew_from_profile(ink: np.ndarray) -> float:
    """Angle whose rotation makes the row profile of the ink the sharpest (text lines)."""
    small = cv2.resize(ink, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    if small.sum() == 0:
        return 0.0
    h, w = small.shape
    best, best_score = 0.0, -1.0
    for a in np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 0.25):
        m = cv2.getRotationMatrix2D((w / 2, h / 2), -a, 1.0)
        rows = cv2.warpAffine(small, m, (w, h)).sum(axis=1).astype(np.float64)
        score = float(np.sum(np.diff(rows) ** 2))
        if score > best_score:
            best, best_score = float(a), score
    return best


def rotate_small(image: np.ndarray, degrees: float) -> np.ndarray:
    """Turn the image clockwise by ``degrees`` (undoing a counter-clockwise skew); white fill,
    canvas enlarged so that no corner is cut."""
    if abs(degrees) < 0.05:
        return image
    h, w = image.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), -degrees, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = int(h * sin + w * cos), int(h * cos + w * sin)
    m[0, 2] += nw / 2 - w / 2
    m[1, 2] += nh / 2 - h / 2
    fill = (255, 255, 255) if image.ndim == 3 else 255
    return cv2.warpAffine(image, m, (nw, nh), flags=cv2.INTER_LINEAR, borderValue=fill)


def upright(image: np.ndarray, dpi: float, upside_down: bool = True) -> tuple[np.ndarray, int, float, list[Table]]:
    """(upright deskewed image, clockwise turn applied, skew removed, its ruled tables).

    Skew first (ruling lines are straight lines whichever way the page is turned); then, with a
    table of at least :data:`MIN_CELLS` cells, the 90° family from the cells' shape (form cells
    are wider than tall) and up/down from tesseract's confidence on a strip of the inked cells
    read both ways (skipped with ``upside_down=False``: the caller then judges up/down from its
    own OCR of the cells); without a table, tesseract OSD on the page scaled to ~300 dpi.
    """
    skew = estimate_skew(image, dpi)
    image = rotate_small(image, skew)
    tables = find_tables(image, dpi)
    cells = [c for t in tables for c in t.cells]
    if len(cells) < MIN_CELLS:
        return _upright_text(image, skew, dpi)
    else:
        turned = 90 if _cells_tall(cells) else 0
        if turned:
            image, tables = _turned(image, 90, dpi)
            image, tables, skew = _reskew(image, tables, skew, dpi)
            cells = [c for t in tables for c in t.cells]
        if upside_down and _upside_down(image, [c.bbox for c in cells], dpi):
            turned = (turned + 180) % 360
            image = turn(image, 180)
            tables = find_tables(image, dpi)
        return image, turned, skew, tables


def _upright_text(image: np.ndarray, skew: float, dpi: float):
    """A page without a table: OSD for a quarter turn (it tells 90 from 270 well, 0 from 180
    badly), then the strip test on its longest text lines for upside down."""
    turned, _ = detect_orientation(image, dpi)
    turned = turned if turned in (90, 270) else 0
    image = turn(image, turned)
    if _upside_down(image, _line_boxes(image, dpi), dpi):
        turned = (turned + 180) % 360
        image = turn(image, 180)
    return image, turned, skew, find_tables(image, dpi) if turned else []


def _line_boxes(image: np.ndarray, dpi: float) -> list[tuple[int, int, int, int]]:
    """Boxes of the text lines (row runs of ink 0.08–0.5 inch tall), longest first."""
    ink = _gray(image) < 128
    rows = np.flatnonzero(ink.sum(axis=1) > 0)
    if rows.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(rows) > 1)
    starts, ends = np.r_[rows[0], rows[breaks + 1]], np.r_[rows[breaks], rows[-1]] + 1
    boxes = []
    for a, b in zip(starts, ends):
        if dpi * 0.08 <= b - a <= dpi * 0.5:
            xs = np.flatnonzero(ink[a:b].any(axis=0))
            boxes.append((int(xs[0]), int(a), int(xs[-1]) + 1, int(b)))
    return sorted(boxes, key=lambda bx: bx[2] - bx[0], reverse=True)


def _reskew(image: np.ndarray, tables: list[Table], skew: float, dpi: float):
    """After a quarter turn the other set of lines is horizontal: straighten once more."""
    again = estimate_skew(image, dpi)
    if abs(again) < 0.1:
        return image, tables, skew
    image = rotate_small(image, again)
    return image, find_tables(image, dpi), skew + again


def _turned(image: np.ndarray, clockwise: int, dpi: float) -> tuple[np.ndarray, list[Table]]:
    image = turn(image, clockwise)
    return image, find_tables(image, dpi)


def _cells_tall(cells: list[Cell]) -> bool:
    """Most cells taller than wide: the page lies on its side."""
    ratios = [(c.bbox[2] - c.bbox[0]) / max(1, c.bbox[3] - c.bbox[1]) for c in cells]
    return float(np.median(ratios)) < 1.0


def _upside_down(image: np.ndarray, boxes: list[tuple[int, int, int, int]], dpi: float) -> bool:
    """Tesseract reads a strip of the most inked boxes (cells or text lines) with more confidence
    upside down. Both ways go in one call (two lines of one image): one process start, not two."""
    strip = _ink_strip(image, boxes, dpi)
    if strip is None:
        return False
    gap = np.full((strip.shape[0], strip.shape[1]), 255, np.uint8)
    upright_conf, turned_conf = _line_confs(np.vstack([gap, strip, gap, turn(strip, 180), gap]), strip.shape[0])
    return turned_conf > upright_conf + 5


def _ink_strip(image: np.ndarray, boxes, dpi: float) -> np.ndarray | None:
    """Up to :data:`STRIP_CELLS` single-line boxes with the most ink, side by side."""
    gray = _gray(image)
    pad = max(3, int(dpi * 0.03))
    crops = []
    for x0, y0, x1, y1 in boxes:
        inset = pad if (y1 - y0) > 4 * pad else 0
        crop = gray[y0 + inset: y1 - inset, x0 + inset: x1 - inset]
        if crop.size == 0 or crop.shape[0] > dpi * 0.6:
            continue
        crops.append(((crop < 128).mean(), crop))
    crops = [c for ink, c in sorted(crops, key=lambda t: -t[0]) if ink > 0.01][:STRIP_CELLS]
    if not crops:
        return None
    h = max(c.shape[0] for c in crops)
    gap = np.full((h, pad * 4), 255, np.uint8)
    parts = []
    for c in crops:
        parts += [np.vstack([c, np.full((h - c.shape[0], c.shape[1]), 255, np.uint8)]), gap]
    return np.hstack(parts)


def _line_confs(image: np.ndarray, h: int) -> tuple[float, float]:
    """Mean word confidence of the first and second text band (each ``h`` tall after a gap)."""
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    data = pytesseract.image_to_data(image, lang="chi_sim", config="--psm 6", output_type=pytesseract.Output.DICT)
    bands: tuple[list[float], list[float]] = ([], [])
    for text, conf, top, height in zip(data["text"], data["conf"], data["top"], data["height"]):
        if text.strip() and float(conf) >= 0:
            bands[0 if top + height / 2 < 2 * h else 1].append(float(conf))
    return tuple(float(np.mean(b)) if b else 0.0 for b in bands)


def _gray(image: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(image, cv2.COLOR_RGB2GRAY) if image.ndim == 3 else image
