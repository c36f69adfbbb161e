"""Turn a clean rendered page into a realistic scan, keeping its truth in step.

``degrade(page, ...)`` applies, in this order: marks on the paper (seal, red pen, red printed
header, a printed circle), the geometry of the scanner (skew by ``skew_deg`` about the centre with
white corners, then a quarter turn: ``rotate`` degrees counter-clockwise as seen, so 90 is a page
fed sideways), optional paper tint (``paper``: BGR multipliers, e.g. (0.85, 0.95, 1.0) for
yellowish paper), wash-out (``washout`` in 0..1 lifts black towards grey), blur (``blur``: Gaussian
σ in mm, a soft phone photo), sensor noise (Gaussian, ``noise`` = σ as a fraction of 255), conversion to grey
(``colour=False`` → a 2-D uint8 image), and a JPEG round trip at ``jpeg_quality``. Cell boxes,
anchors and the seal centre are mapped through the same geometry. Deterministic for ``seed``.
"""

from __future__ import annotations

import cv2
import numpy as np

from sampledata.synth import marks
from sampledata.synth.page import Box, CellTruth, Page, SealSpec, SealTruth

Point = tuple[float, float]


def degrade(page: Page, *, colour: bool = True, seal: SealSpec | None = None, red_pen: bool = False,
            red_header: bool = False, printed_circle: bool = False, skew_deg: float = 0.0,
            rotate: int = 0, jpeg_quality: int | None = None, noise: float = 0.0, seed: int = 0,
            paper: tuple[float, float, float] | None = None, washout: float = 0.0, blur: float = 0.0) -> Page:
    """A degraded copy of ``page`` (see the module docstring); ValueError for a bad ``rotate``."""
    if rotate % 90 or rotate not in (0, 90, 180, 270):
        raise ValueError(f"rotate must be 0, 90, 180 or 270, not {rotate}")
    rng = np.random.default_rng(seed)
    img = page.image.copy() if page.image.ndim == 3 else cv2.cvtColor(page.image, cv2.COLOR_GRAY2BGR)
    added, seal_truth = list(page.marks), page.seal
    mm = page.dpi / 25.4
    anchor = page.anchors.get("seal", (img.shape[1] * 0.7, img.shape[0] * 0.8))
    if seal is not None:
        radius = seal.diameter_mm / 2 * mm * rng.uniform(0.97, 1.03)
        centre = _seal_centre(img, anchor, radius, seal.over_text, rng, mm)
        marks.stamp_seal(img, centre, radius, seal.ring_text, page.dpi, rng, faint=seal.faint)
        seal_truth = SealTruth(centre, radius, seal.ring_text, seal.college, seal.kind, seal.faint)
        added.append("seal")
    if printed_circle:
        radius = 20 * mm * rng.uniform(0.9, 1.1)
        centre = anchor if seal is None else _blank_spot(img, anchor, radius, avoid=seal_truth)
        marks.printed_circle(img, centre, radius, page.dpi, rng)
        added.append("printed_circle")
    if red_pen:
        marks.red_pen(img, _pen_spots(page, rng), page.dpi, rng)
        added.append("red_pen")
    if red_header and page.title_bbox is not None:
        marks.red_header(img, page.title_bbox, page.dpi)
        added.append("red_header")
    img, move = _geometry(img, skew_deg, rotate)
    img = _optics(img, paper, washout, blur * mm)
    img = _finish(img, colour, noise, jpeg_quality, rng)
    return Page(img, page.dpi, page.form_id, tuple(_move_cell(c, move) for c in page.cells),
                _move_seal(seal_truth, move), _move_box(page.title_bbox, move), _move_box(page.table_bbox, move),
                {k: move(v) for k, v in page.anchors.items()}, tuple(added))


# ------------------------------------------------------------------ where marks go


def _seal_centre(img: np.ndarray, anchor: Point, radius: float, over_text: bool,
                 rng: np.random.Generator, mm: float) -> Point:
    if over_text:
        return (anchor[0] + rng.uniform(-3, 3) * mm, anchor[1] + rng.uniform(-3, 3) * mm)
    return _blank_spot(img, anchor, radius)


def _blank_spot(img: np.ndarray, near: Point, radius: float, avoid: SealTruth | None = None) -> Point:
    """The centre of the least inked seal-sized square inside the page, nearest to ``near`` on ties."""
    f = 8
    small = cv2.resize(img, (img.shape[1] // f, img.shape[0] // f), interpolation=cv2.INTER_AREA)
    dark = 255.0 - small.mean(axis=2)
    k = max(3, int(2 * radius / f) | 1)
    ink = cv2.boxFilter(dark, -1, (k, k), borderType=cv2.BORDER_CONSTANT)
    ys, xs = np.mgrid[0:ink.shape[0], 0:ink.shape[1]]
    cost = ink + 0.002 * np.hypot(xs * f - near[0], ys * f - near[1])
    margin = int(radius / f) + 2
    cost[:margin, :] = cost[-margin:, :] = cost[:, :margin] = cost[:, -margin:] = np.inf
    if avoid is not None:
        cost[np.hypot(xs * f - avoid.centre[0], ys * f - avoid.centre[1]) < 2.2 * radius] = np.inf
    y, x = np.unravel_index(int(np.argmin(cost)), cost.shape)
    return (float(x * f + f / 2), float(y * f + f / 2))


def _pen_spots(page: Page, rng: np.random.Generator) -> list[Point]:
    filled = [c for c in page.cells if c.text_bbox is not None]
    picks = rng.choice(len(filled), size=min(3, len(filled)), replace=False) if filled else []
    spots = []
    for i in picks:
        b = filled[int(i)].text_bbox
        spots.append((b[2] + 4.0 * page.dpi / 25.4, (b[1] + b[3]) / 2))
    return spots


# ------------------------------------------------------------------ geometry and finish


def _geometry(img: np.ndarray, skew_deg: float, rotate: int):
    """Skew then quarter-turn the image; returns it and a function mapping old points to new."""
    h, w = img.shape[:2]
    m = np.vstack([cv2.getRotationMatrix2D((w / 2, h / 2), skew_deg, 1.0), [0, 0, 1]])
    if skew_deg:
        img = cv2.warpAffine(img, m[:2], (w, h), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255))
    k = (rotate // 90) % 4
    turn = {0: [[1, 0, 0], [0, 1, 0]], 1: [[0, 1, 0], [-1, 0, w - 1]],
            2: [[-1, 0, w - 1], [0, -1, h - 1]], 3: [[0, -1, h - 1], [1, 0, 0]]}[k]
    total = np.vstack([turn, [0, 0, 1]]) @ m
    img = np.ascontiguousarray(np.rot90(img, k))

    def move(p: Point) -> Point:
        x, y, _ = total @ np.array([p[0], p[1], 1.0])
        return (float(x), float(y))

    return img, move


def _move_box(box: Box | None, move) -> Box | None:
    if box is None:
        return None
    pts = [move((x, y)) for x in (box[0], box[2] - 1) for y in (box[1], box[3] - 1)]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return (round(min(xs)), round(min(ys)), round(max(xs)) + 1, round(max(ys)) + 1)


def _move_cell(c: CellTruth, move) -> CellTruth:
    return CellTruth(c.field, c.value, _move_box(c.bbox, move), c.row, _move_box(c.text_bbox, move),
                     _move_box(c.label_bbox, move))


def _move_seal(s: SealTruth | None, move) -> SealTruth | None:
    if s is None:
        return None
    return SealTruth(move(s.centre), s.radius, s.text, s.college, s.kind, s.faint)


def _optics(img: np.ndarray, paper, washout: float, sigma_px: float) -> np.ndarray:
    if paper is not None:
        img = np.clip(img.astype(np.float32) * np.asarray(paper, np.float32), 0, 255).astype(np.uint8)
    if washout > 0:
        lift = 255.0 * float(washout)
        img = (lift + img.astype(np.float32) * (1 - float(washout))).astype(np.uint8)
    if sigma_px > 0:
        img = cv2.GaussianBlur(img, (0, 0), sigma_px)
    return img


def _finish(img: np.ndarray, colour: bool, noise: float, jpeg_quality: int | None,
            rng: np.random.Generator) -> np.ndarray:
    out = img
    if noise > 0:
        grain = (rng.standard_normal(img.shape[:2], dtype=np.float32) * (noise * 255.0)).round().astype(np.int16)
        out = np.clip(img.astype(np.int16) + grain[:, :, None], 0, 255).astype(np.uint8)
    if not colour:
        out = cv2.cvtColor(out, cv2.COLOR_BGR2GRAY)
    if jpeg_quality is not None:
        ok, buf = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, int(jpeg_quality)])
        out = cv2.imdecode(buf, cv2.IMREAD_UNCHANGED if out.ndim == 3 else cv2.IMREAD_GRAYSCALE)
    return out
