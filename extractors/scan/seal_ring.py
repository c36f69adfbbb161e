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


@dataclass(frozen=True)
class RingStats:
    """Measurements of one candidate (pixels of the evidence map; mm where named)."""

    cx: float
    cy: float
    r: float
    coverage: float  # share of angles where the ring is inked
    gap_deg: float  # longest run of angles without ring ink
    thickness_mm: float  # median ring thickness
    text_cov: float  # share of angles with ink in the ring-text band
    star_fill: float | None  # share of inked pixels in the central disk (radius 0.28 r); None: under black
    core_fill: float | None  # share of inked pixels in the star's solid core (radius 0.12 r)
    outside_cov: float  # share of angles with ink just outside the ring


def _polar(ink: np.ndarray, cx: float, cy: float, rmax: int) -> np.ndarray:
    return cv2.warpPolar(ink, (rmax, N_ANGLES), (cx, cy), rmax, cv2.WARP_POLAR_LINEAR + cv2.INTER_LINEAR)


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


def measure(ink: np.ndarray, cand: tuple[float, float, float], r0: float, mm: float, level: float = INK,
            black: np.ndarray | None = None) -> RingStats:
    """Refine ``cand`` (cx, cy, r) and measure it on the evidence map ``ink`` (ink above ``level``)."""
    cx, cy, r = _refine(ink, *cand, r0, level)
    t = max(2.0, 1.1 * mm)
    rmax = int(r + 3 * t + 3 * mm) + 2
    p = _polar(ink, cx, cy, rmax)
    ring = p[:, max(0, int(r - 2 * t)):int(r + 1.5 * t) + 1]
    hit = ring.max(axis=1) > level
    text = p[:, int(0.42 * r):max(int(0.42 * r) + 1, int(r - 1.8 * t))]
    outside = p[:, int(r + 2.5 * t):rmax]
    star_r, core_r = max(1, int(0.28 * r)), max(1, int(0.12 * r))
    star = p[:, :star_r]
    hidden = _polar(black.astype(np.float32), cx, cy, rmax) if black is not None else None
    thick = (ring > level).sum(axis=1)[hit]
    return RingStats(
        cx, cy, r,
        coverage=float(hit.mean()),
        gap_deg=_longest_gap(hit),
        thickness_mm=float(np.median(thick) / mm) if thick.size else 0.0,
        text_cov=float((text.max(axis=1) > level).mean()) if text.size else 0.0,
        star_fill=_fill(star, None if hidden is None else hidden[:, :star_r], level),
        core_fill=_fill(p[:, :core_r], None if hidden is None else hidden[:, :core_r], level),
        outside_cov=float((outside.max(axis=1) > level).mean()) if outside.size else 0.0,
    )


def judge(s: RingStats, r0: float, colour: bool) -> float:
    """Confidence in 0..1 that ``s`` is a seal; ≥ 0.5 means present."""
    if not (0.8 * r0 <= s.r <= 1.25 * r0):
        return 0.0
    low = 0.55 if colour else 0.45
    ring = np.clip((s.coverage - low) / 0.3, 0, 1) * np.clip((75 - s.gap_deg) / 45, 0, 1)
    thick = 1.0 if 0.55 <= s.thickness_mm <= 3.0 else 0.0
    star_fill = 0.0 if s.star_fill is None else s.star_fill
    inner = max(np.clip((s.text_cov - 0.2) / 0.3, 0, 1), np.clip((star_fill - 0.05) / 0.15, 0, 1))
    if not colour:  # grey: ring text, a ring that stands out, and the star's core when visible
        star = 0.75 if s.core_fill is None else np.sqrt(max(np.clip((s.core_fill - 0.15) / 0.35, 0, 1),
                                                              np.clip((star_fill - 0.15) / 0.2, 0, 1)))
        text = np.clip((s.text_cov - 0.3) / 0.25, 0, 1)
        inner = star * (star_fill <= 0.9) * text * np.clip((s.coverage - s.outside_cov - 0.2) / 0.3, 0, 1)
    return float(ring * thick * inner)
