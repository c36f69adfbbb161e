"""Ink added on top of a clean page: the seal, red pen, a red printed header, a printed circle.

Every function draws into a uint8 BGR page in place and is deterministic for
the ``rng`` it is given. Inks are multiplied onto the paper (``page *= 1 - a + a·ink/255``), so
black text under red ink stays black, as on a real stamp.
"""

from __future__ import annotations

import math

import cv2
import numpy as np
from PIL import Image, ImageDraw

from sampledata.synth.fonts import font

SEAL_RED = np.array([40.0, 38.0, 205.0])  # BGR
PEN_RED = np.array([60.0, 45.0, 215.0])
HEADER_RED = np.array([30.0, 30.0, 215.0])


def multiply_ink(page: np.ndarray, alpha: np.ndarray, ink: np.ndarray, x0: int, y0: int) -> None:
    """Multiply ``ink`` (BGR) with coverage ``alpha`` (H×W in 0..1) onto ``page`` at (x0, y0), clipped."""
    h, w = alpha.shape
    px0, py0 = max(0, x0), max(0, y0)
    px1, py1 = min(page.shape[1], x0 + w), min(page.shape[0], y0 + h)
    if px1 <= px0 or py1 <= py0:
        return
    a = alpha[py0 - y0:py1 - y0, px0 - x0:px1 - x0, None]
    roi = page[py0:py1, px0:px1].astype(np.float32) * (1.0 - a + a * (ink / 255.0).astype(np.float32))
    page[py0:py1, px0:px1] = np.clip(roi + 0.5, 0, 255).astype(np.uint8)


def _texture(shape: tuple[int, int], rng: np.random.Generator, scale: float, low: float) -> np.ndarray:
    """Smooth random field in [low, 1] with blobs about ``scale`` pixels wide (uneven ink)."""
    small = rng.random((max(2, int(shape[0] / scale)), max(2, int(shape[1] / scale)))).astype(np.float32)
    field = cv2.resize(small, (shape[1], shape[0]), interpolation=cv2.INTER_CUBIC)
    return np.clip(low + (1 - low) * field, 0, 1)


def _star(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float) -> None:
    pts = []
    for k in range(10):
        rad = r if k % 2 == 0 else r * 0.382
        ang = -math.pi / 2 + k * math.pi / 5
        pts.append((cx + rad * math.cos(ang), cy + rad * math.sin(ang)))
    draw.polygon(pts, fill=255)


def _ring_text(mask: Image.Image, text: str, c: float, r_text: float, size: int) -> None:
    """Glyphs along the upper arc, centred on the top, each turned to face outward.

    Up to 270° of arc; a long name gets narrower (condensed) glyphs, as seal makers cut them.
    """
    fnt = font(size)
    step = min(math.radians(270) / max(1, len(text) - 1), 1.15 * size / r_text)
    width = min(size, round(0.95 * r_text * step))
    start = -step * (len(text) - 1) / 2
    for i, ch in enumerate(text):
        ang = start + i * step  # 0 = top, clockwise positive
        g = Image.new("L", (size, size), 0)
        ImageDraw.Draw(g).text((size / 2, size / 2), ch, font=fnt, fill=255, anchor="mm")
        if width < size:
            g = g.resize((width, size), Image.BILINEAR)
        box = Image.new("L", (2 * size, 2 * size), 0)
        box.paste(g, ((2 * size - g.width) // 2, size // 2))
        box = box.rotate(-math.degrees(ang), resample=Image.BILINEAR)
        gx, gy = c + r_text * math.sin(ang), c - r_text * math.cos(ang)
        mask.paste(255, (round(gx - size), round(gy - size)), box)


def seal_mask(radius: float, text: str, dpi: int, angle_deg: float) -> np.ndarray:
    """Coverage (0..1 float32, square of side 2·radius+pad) of a round seal: ring, ring text, star."""
    pad = 4
    side = int(2 * radius) + 2 * pad
    c = side / 2
    mask = Image.new("L", (side, side), 0)
    draw = ImageDraw.Draw(mask)
    ring = max(2, round(1.1 * dpi / 25.4))
    draw.ellipse((c - radius, c - radius, c + radius, c + radius), outline=255, width=ring)
    size = max(8, round(radius * 0.27))
    _ring_text(mask, text, c, radius - ring - 0.62 * size, size)
    _star(draw, c, c, radius * 0.33)
    m = np.asarray(mask, dtype=np.float32) / 255.0
    rot = cv2.getRotationMatrix2D((c, c), angle_deg, 1.0)
    return cv2.warpAffine(m, rot, (side, side), flags=cv2.INTER_LINEAR)


def stamp_seal(page: np.ndarray, centre: tuple[float, float], radius: float, text: str, dpi: int,
               rng: np.random.Generator, *, faint: bool) -> None:
    """Stamp a red seal centred at ``centre`` with uneven (or faint, patchy) ink."""
    m = seal_mask(radius, text, dpi, float(rng.uniform(-25, 25)))
    tex = _texture(m.shape, rng, radius / 6, 0.55 if faint else 0.8)
    strength = rng.uniform(0.5, 0.62) if faint else rng.uniform(0.85, 1.0)
    alpha = m * tex * strength
    if faint:
        alpha *= _texture(m.shape, rng, radius / 10, 0.0) > 0.2  # patches without ink
    ink = SEAL_RED + rng.uniform(-15, 15, 3)
    x0, y0 = round(centre[0] - m.shape[1] / 2), round(centre[1] - m.shape[0] / 2)
    multiply_ink(page, alpha, ink, x0, y0)


def _stroke(page: np.ndarray, pts: np.ndarray, width: int, ink: np.ndarray, strength: float = 0.9) -> None:
    x0, y0 = np.floor(pts.min(0)).astype(int) - width - 2
    x1, y1 = np.ceil(pts.max(0)).astype(int) + width + 2
    mask = np.zeros((y1 - y0, x1 - x0), np.uint8)
    cv2.polylines(mask, [np.round(pts - (x0, y0)).astype(np.int32)], False, 255, width, cv2.LINE_AA)
    multiply_ink(page, mask.astype(np.float32) / 255.0 * strength, ink, x0, y0)


def red_pen(page: np.ndarray, spots: list[tuple[float, float]], dpi: int, rng: np.random.Generator) -> None:
    """Handwriting in red: ticks at ``spots``, a signature scribble, an underline, an open loop."""
    mm = dpi / 25.4
    width = max(2, round(0.5 * mm))
    ink = PEN_RED + rng.uniform(-15, 15, 3)
    for x, y in spots:
        s = rng.uniform(3, 5) * mm
        tick = np.array([(x - s, y - 0.1 * s), (x - 0.4 * s, y + 0.6 * s), (x + s, y - 0.9 * s)])
        _stroke(page, tick, width, ink)
    h, w = page.shape[:2]
    sx, sy = rng.uniform(0.45, 0.7) * w, rng.uniform(0.75, 0.88) * h
    t = np.linspace(0, 1, 160)
    length = rng.uniform(30, 45) * mm
    sig = np.stack([sx + length * t + 3 * mm * np.sin(t * rng.uniform(18, 30)),
                    sy + 4 * mm * np.sin(t * rng.uniform(8, 14) + rng.uniform(0, 6)) * (1 - 0.5 * t)], 1)
    _stroke(page, sig, width, ink)
    ux, uy = rng.uniform(0.15, 0.5) * w, rng.uniform(0.3, 0.6) * h
    _stroke(page, np.array([(ux, uy), (ux + rng.uniform(25, 50) * mm, uy + rng.uniform(-2, 2) * mm)]), width, ink)
    if rng.random() < 0.7:
        r, a0 = rng.uniform(12, 22) * mm, rng.uniform(0, 2 * math.pi)
        lx, ly = rng.uniform(0.25, 0.75) * w, rng.uniform(0.25, 0.75) * h
        ang = a0 + np.linspace(0, math.radians(rng.uniform(250, 310)), 120)
        wob = 1 + 0.06 * np.sin(ang * 3)
        loop = np.stack([lx + r * 1.25 * wob * np.cos(ang), ly + r * wob * np.sin(ang)], 1)
        _stroke(page, loop, width, ink)


def red_header(page: np.ndarray, title_bbox: tuple[int, int, int, int], dpi: int) -> None:
    """Reprint the title in red (dark pixels become red ink) and rule a red line under it."""
    x0, y0, x1, y1 = title_bbox
    roi = page[y0:y1, x0:x1]
    dark = 1.0 - roi.mean(axis=2, keepdims=True) / 255.0
    roi[:] = np.clip(255.0 * (1 - dark) + HEADER_RED * dark + 0.5, 0, 255).astype(np.uint8)
    line_y, t = y1 + round(2 * dpi / 25.4), max(2, round(0.8 * dpi / 25.4))
    mask = np.ones((t, page.shape[1] - 2 * round(12 * dpi / 25.4)), np.float32)
    multiply_ink(page, mask, HEADER_RED, round(12 * dpi / 25.4), line_y)


def printed_circle(page: np.ndarray, centre: tuple[float, float], radius: float, dpi: int,
                   rng: np.random.Generator) -> None:
    """A thin printed black/grey circle the size of a seal (a 'stamp here' mark), no text."""
    grey = float(rng.uniform(0, 120))
    t = max(1, round(rng.uniform(0.2, 0.45) * dpi / 25.4))
    side = int(2 * radius) + 2 * t + 8
    mask = np.zeros((side, side), np.uint8)
    cv2.circle(mask, (side // 2, side // 2), round(radius), 255, t, cv2.LINE_AA)
    multiply_ink(page, mask.astype(np.float32) / 255.0, np.array([grey] * 3),
                 round(centre[0]) - side // 2, round(centre[1]) - side // 2)
