"""Ring tests of the seal finder: unwrap a candidate circle and measure what a seal must have.

A seal (印章) is a ring about 1 mm thick inked all the way round, ring text along the inside of
its upper arc and a star in the middle. :func:`measure` refines a candidate's centre and radius
by fitting a circle to the ring's ink, unwraps the evidence map around it (``cv2.warpPolar``:
rows are angles, columns radii) and returns :class:`RingStats`. :func:`judge` turns the stats
into a confidence and a verdict; a printed circle (thin, no ring text, no star) and red pen
(not a closed ring) fail it.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

N_ANGLES = 360
INK = 0.22  # evidence above this is ink (colour)
INK_GREY = 0.15  # on grey scans, where a faint seal is light grey
MIN_VISIBLE = 0.75  # a seal cut by the image edge is judged when at least this share of its ring shows
MAX_FILL = 0.96  # a star and its ink spread fill most of the central disk; a solid blob fills all of it
MAX_TEXT_FILL = 0.6  # ring text leaves paper between its strokes; a filled shape does not


@dataclass(frozen=True)
class RingStats:
    """Measurements of one candidate (pixels of the evidence map; mm where named).

    Shares are over the angles (or pixels) that lie inside the image: a seal cut by the image's
    edge (a crop, a photo) is judged on what can be seen of it, and ``visible`` says how much that is.
    """

    cx: float
    cy: float
    r: float
    coverage: float  # share of the visible angles where the ring is inked
    gap_deg: float  # longest run of visible angles without ring ink
    thickness_mm: float  # median ring thickness
    text_cov: float  # share of visible angles with ink in the ring-text band
    star_fill: float | None  # share of inked pixels in the central disk (radius 0.28 r); None: under black
    core_fill: float | None  # share of inked pixels in the star's solid core (radius 0.12 r)
    outside_cov: float  # share of visible angles with ink just outside the ring
    visible: float = 1.0  # share of the ring's angles inside the image
    text_fill: float = 0.0  # share of inked pixels in the ring-text band (a filled shape is no seal)
    jitter_mm: float = 0.0  # how much the ring's outer edge jumps between neighbouring angles


def _polar(ink: np.ndarray, cx: float, cy: float, rmax: int) -> np.ndarray:
    """``ink`` unwrapped around (cx, cy): rows are angles, columns radii. Points outside the image
    are 0 (no ink): without ``WARP_FILL_OUTLIERS`` OpenCV leaves them as whatever the freshly
    allocated output held, and the same page scored differently from call to call."""
    return cv2.warpPolar(ink, (rmax, N_ANGLES), (cx, cy), rmax,
                         cv2.WARP_POLAR_LINEAR | cv2.INTER_LINEAR | cv2.WARP_FILL_OUTLIERS)


def _inside(shape: tuple[int, int], cx: float, cy: float, rmax: int) -> np.ndarray:
    """Polar grid like :func:`_polar`'s: which points lie inside an image of ``shape``."""
    h, w = shape
    theta = np.arange(N_ANGLES) * (2 * np.pi / N_ANGLES)
    rho = np.arange(rmax) * (rmax / max(1, rmax))
    xs = cx + np.cos(theta)[:, None] * rho[None, :]
    ys = cy + np.sin(theta)[:, None] * rho[None, :]
    return (xs >= 0) & (xs <= w - 1) & (ys >= 0) & (ys <= h - 1)


def _fit_circle(xs: np.ndarray, ys: np.ndarray) -> tuple[float, float, float]:
    """Least-squares circle (Kåsa) through points."""
    a = np.column_stack([xs, ys, np.ones_like(xs)])
    b = xs**2 + ys**2
    (p, q, c), *_ = np.linalg.lstsq(a, b, rcond=None)
    cx, cy = p / 2, q / 2
    return float(cx), float(cy), float(np.sqrt(max(c + cx**2 + cy**2, 1.0)))


def _refine(ink: np.ndarray, cx: float, cy: float, r: float, r0: float, level: float) -> tuple[float, float, float]:
    """Move the circle onto the outermost ring of ink near radius ``r`` (two rounds)."""
    for _ in range(2):
        rmax = int(1.35 * r) + 2
        p = _polar(ink, cx, cy, rmax)
        lo, hi = int(0.8 * r), min(rmax, int(1.2 * r) + 1)
        band = p[:, lo:hi]
        strong = band.max(axis=1) > level
        if strong.sum() < N_ANGLES * 0.4:
            break
        # outermost inked radius per angle: the ring is the outer edge of a seal
        idx = hi - 1 - np.argmax(band[:, ::-1] > level, axis=1)
        theta = np.deg2rad(np.arange(N_ANGLES) * 360.0 / N_ANGLES)[strong]
        rad = idx[strong].astype(np.float64)
        ncx, ncy, nr = _fit_circle(cx + rad * np.cos(theta), cy + rad * np.sin(theta))
        if not (0.75 * r0 <= nr <= 1.3 * r0) or np.hypot(ncx - cx, ncy - cy) > 0.3 * r0:
            break
        cx, cy, r = ncx, ncy, nr
    return cx, cy, r


def _longest_gap(hit: np.ndarray) -> float:
    if hit.all():
        return 0.0
    if not hit.any():
        return 360.0
    roll = np.roll(hit, -int(np.argmax(hit)))  # start on a hit so the circular run is whole
    runs, cur = [], 0
    for h in roll:
        cur = 0 if h else cur + 1
        runs.append(cur)
    return max(runs) * 360.0 / N_ANGLES


def _fill(p: np.ndarray, hidden: np.ndarray | None, level: float) -> float | None:
    """Share of inked pixels among those not hidden under black ink; None when mostly hidden."""
    seen = np.ones(p.shape, bool) if hidden is None else hidden < 0.5
    n = int(seen.sum())
    return float(((p > level) & seen).sum() / n) if n >= 0.25 * p.size else None


def _seen_share(seen: np.ndarray) -> np.ndarray:
    """Per angle: is most of this band inside the image?"""
    return seen.mean(axis=1) > 0.5 if seen.size else np.zeros(seen.shape[0], bool)


def _cov(band: np.ndarray, seen: np.ndarray, level: float) -> float:
    """Share of the visible angles with ink in ``band``."""
    vis = _seen_share(seen)
    return float((band.max(axis=1) > level)[vis].mean()) if band.size and vis.any() else 0.0


def _jitter(ring: np.ndarray, ok: np.ndarray, level: float) -> float:
    """Mean jump (pixels) of the outermost inked radius between neighbouring angles where both are
    inked: a stamped ring is one smooth line, glyphs that happen to lie on a circle are not."""
    if ok.sum() < 10:
        return 0.0
    outer = ring.shape[1] - 1 - np.argmax((ring > level)[:, ::-1], axis=1)
    pair = ok & np.roll(ok, 1)
    return float(np.abs(outer - np.roll(outer, 1))[pair].mean()) if pair.any() else 0.0


def measure(ink: np.ndarray, cand: tuple[float, float, float], r0: float, mm: float, level: float = INK,
            black: np.ndarray | None = None) -> RingStats:
    """Refine ``cand`` (cx, cy, r) and measure it on the evidence map ``ink`` (ink above ``level``)."""
    cx, cy, r = _refine(ink, *cand, r0, level)
    t = max(2.0, 1.1 * mm)
    rmax = int(r + 3 * t + 3 * mm) + 2
    p = _polar(ink, cx, cy, rmax)
    seen = _inside(ink.shape[:2], cx, cy, rmax)
    ring_cols = slice(max(0, int(r - 2 * t)), int(r + 1.5 * t) + 1)
    text_cols = slice(int(0.42 * r), max(int(0.42 * r) + 1, int(r - 1.8 * t)))
    out_cols = slice(int(r + 2.5 * t), rmax)
    ring, ring_seen = p[:, ring_cols], _seen_share(seen[:, ring_cols])
    hit = ring.max(axis=1) > level
    text, text_seen = p[:, text_cols], seen[:, text_cols]
    star_r, core_r = max(1, int(0.28 * r)), max(1, int(0.12 * r))
    hidden = 1.0 - seen.astype(np.float32)  # outside the image: not seen, like ink under black text
    if black is not None:
        hidden = np.maximum(hidden, _polar(black.astype(np.float32), cx, cy, rmax))
    thick = (ring > level).sum(axis=1)[hit & ring_seen]
    jitter = _jitter(ring, hit & ring_seen, level) / mm
    text_fill = _fill(text, hidden[:, text_cols], level)
    return RingStats(
        cx, cy, r,
        coverage=float(hit[ring_seen].mean()) if ring_seen.any() else 0.0,
        gap_deg=_longest_gap(hit | ~ring_seen),
        thickness_mm=float(np.median(thick) / mm) if thick.size else 0.0,
        text_cov=_cov(text, text_seen, level),
        star_fill=_fill(p[:, :star_r], hidden[:, :star_r], level),
        core_fill=_fill(p[:, :core_r], hidden[:, :core_r], level),
        outside_cov=_cov(p[:, out_cols], seen[:, out_cols], level),
        visible=float(ring_seen.mean()),
        text_fill=0.0 if text_fill is None else text_fill,
        jitter_mm=jitter,
    )


def ring_share(ink: np.ndarray, cand: tuple[float, float, float], level: float) -> float:
    """A quick look before :func:`measure`: the share of angles with ink anywhere between 0.8 and
    1.2 times the candidate's radius (a clean ring is inked nearly all round)."""
    cx, cy, r = cand
    rmax = int(1.2 * r) + 2
    band = _polar(ink, cx, cy, rmax)[:, int(0.8 * r):]
    return float((band.max(axis=1) > level).mean()) if band.size else 0.0


def clean_ring(s: RingStats) -> bool:
    """The stricter test for a ring the page's size does not vouch for (found at another scale,
    or a grey seal read on a colour image; see ``seal``): inked nearly all round, one smooth line,
    paper between the glyphs of its text."""
    return s.coverage >= 0.85 and s.jitter_mm <= 0.25 and s.text_fill <= 0.5


def judge(s: RingStats, r0: float, colour: bool) -> float:
    """Confidence in 0..1 that ``s`` is a seal; ≥ 0.5 means present."""
    if not (0.8 * r0 <= s.r <= 1.25 * r0) or s.visible < MIN_VISIBLE:
        return 0.0
    if s.visible < 0.85 and (s.coverage < 0.9 or s.jitter_mm > 0.2):  # cut by the edge: what shows must be clean
        return 0.0
    star_fill = 0.0 if s.star_fill is None else s.star_fill
    if star_fill > MAX_FILL or s.text_fill > MAX_TEXT_FILL:  # a filled shape, not a ring with text and a star
        return 0.0
    low = 0.55 if colour else 0.45
    ring = np.clip((s.coverage - low) / 0.3, 0, 1) * np.clip((75 - s.gap_deg) / 45, 0, 1)
    thick = 1.0 if 0.55 <= s.thickness_mm <= 3.0 else 0.0
    # ring text, or a star where the text is faint; a ring with neither text nor a solid star inside
    # (a circle in a figure, a drawn ring) is no seal
    star_seen = star_fill >= 0.35 and (s.core_fill or 0.0) >= 0.5
    inner = max(np.clip((s.text_cov - 0.2) / 0.3, 0, 1), np.clip((star_fill - 0.05) / 0.15, 0, 1))
    inner *= s.text_cov >= 0.3 or star_seen
    if not colour:  # grey: ring text, a ring that stands out, and the star's core when visible
        star = 0.75 if s.core_fill is None else np.sqrt(max(np.clip((s.core_fill - 0.15) / 0.35, 0, 1),
                                                              np.clip((star_fill - 0.15) / 0.2, 0, 1)))
        text = np.clip((s.text_cov - 0.3) / 0.25, 0, 1)
        inner = star * (star_fill <= 0.9) * text * np.clip((s.coverage - s.outside_cov - 0.2) / 0.3, 0, 1)
    return float(ring * thick * inner)
