"""Ink evidence for the seal finder: which pixels may be seal ink, and where rings may be.

Pure functions on numpy images. ``evidence(image, dpi, channels)`` scales the page to
:data:`WORK_DPI` and returns an :class:`Evidence`: ``ink`` is a float32 map in 0..1 of how much a
pixel looks like seal ink — redness (two HSV hue ranges, saturation, Lab a* chroma) on a colour
scan; on a grey scan, darkness with black (printed/handwritten text) damped, since a red seal
turns mid-grey (a photo's uneven light evened out first). ``candidates`` proposes circle centres
and radii from the connected red shapes, annulus-filter peaks and star-sized blobs;
``ink_circles`` finds circles of ink of any size (the scale hypotheses for images that are not
an A4 page); ``tone`` gives the page's grey levels once so a window of it reads like the page.
The ring tests in :mod:`seal_ring` decide.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

WORK_DPI = 100.0
SEAL_DIAMETER_MM = 40.0
#: a 3-channel image whose pixels never differ between channels by more than this is a grey scan
GREY_CHROMA = 12
#: a grey page whose paper is brighter in one part than another by this much was photographed
UNEVEN = 15
#: a colour image read as grey (the per-region fallback) is read at no finer than this
GREY_FALLBACK_DPI = 130.0


@dataclass(frozen=True, eq=False)
class Evidence:
    """``ink`` (float32 0..1) at ``scale`` × the input size; ``colour`` says which test made it.

    ``black`` marks pixels covered by black ink (grey scans only): a seal's ink there is hidden,
    so the ring tests leave them out of their shares.
    """

    ink: np.ndarray
    scale: float
    colour: bool
    dpi: float  # dpi of ``ink``
    black: np.ndarray | None = None

    @property
    def mm(self) -> float:
        return self.dpi / 25.4

    @property
    def radius(self) -> float:
        """Expected seal radius in pixels of ``ink``."""
        return SEAL_DIAMETER_MM / 2 * self.mm


def as_bgr(image: np.ndarray, channels: str = "bgr") -> np.ndarray | None:
    """The image as BGR, or None when it carries no colour (2-D or 3-channel grey)."""
    if image.ndim == 2:
        return None
    if image.ndim != 3 or image.shape[2] not in (3, 4):
        raise ValueError(f"expected H×W or H×W×3 image, got shape {image.shape}")
    img = image[:, :, :3]
    if channels == "rgb":
        img = img[:, :, ::-1]
    step = max(1, int(max(img.shape[:2]) / 800))
    return np.ascontiguousarray(img) if int(chroma(img[::step, ::step]).max()) > GREY_CHROMA else None


def chroma(img: np.ndarray) -> np.ndarray:
    """Per pixel, the spread between the brightest and darkest channel (0 for grey)."""
    img = np.ascontiguousarray(img)
    b, g, r = img[..., 0], img[..., 1], img[..., 2]
    return np.maximum(np.maximum(b, g), r) - np.minimum(np.minimum(b, g), r)  # uint8: max ≥ min


def red_ink(bgr: np.ndarray) -> np.ndarray:
    """Soft redness in 0..1: red hue (two HSV ranges), some saturation, and Lab a* chroma above
    the paper's own (a tinted paper or a scanner's colour cast shifts a* for every pixel)."""
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    lab = cv2.cvtColor(bgr, cv2.COLOR_BGR2LAB)
    h, s, v = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    hue = (h <= 12) | (h >= 160)
    a = lab[..., 1].astype(np.float32)
    paper = float(np.median(a[::8, ::8]))
    soft = np.clip((a - paper - 5.0) / 20.0, 0.0, 1.0)
    return (soft * (hue & (s >= 25) & (v >= 60))).astype(np.float32)


def grey_ink(grey: np.ndarray, dpi: float, toned: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Darkness in 0..1 with near-black pixels damped (a red seal turns mid-grey, text black),
    and the black mask (float 0/1) itself. Levels are stretched first (darkest 0.5 % → black,
    the paper → white; :func:`tone`), so a washed-out scan's greyish text still counts as black;
    the black mask grows by ~0.25 mm each way to take in the grey halo of blurred strokes.
    ``toned``: ``grey`` is :func:`tone`'s output already (a window of a page toned as a whole)."""
    g = grey.astype(np.float32) if toned else _stretch(_flatten(grey))
    dark = (255.0 - g) / 255.0
    k = max(3, round(0.5 * dpi / 25.4) | 1)
    black = cv2.dilate((g < 60).astype(np.uint8), np.ones((k, k), np.uint8))
    dark[black.astype(bool)] *= 0.15
    return dark, black.astype(np.float32)


def tone(image: np.ndarray, channels: str = "bgr", grey: bool = False) -> np.ndarray:
    """The page's grey levels evened out and stretched (float32, 0..255), as :func:`grey_ink`
    reads them; made once for the whole page so that a window of it reads like the page."""
    return _stretch(_flatten(grey_of(image, channels) if grey else _channel0(image))).astype(np.float32)


def _flatten(grey: np.ndarray) -> np.ndarray:
    """Even out the light of a photographed page (the paper's level varies by more than
    :data:`UNEVEN` across it): divide by the paper's own brightness, estimated by a max filter
    wider than any stroke and smoothed. A flat scan is returned unchanged."""
    h, w = grey.shape[:2]
    f = 256.0 / max(h, w)
    small = cv2.resize(grey, (max(8, round(w * f)), max(8, round(h * f))), interpolation=cv2.INTER_AREA)
    th, tw = max(1, small.shape[0] // 8), max(1, small.shape[1] // 8)
    tiles = small[: 8 * th, : 8 * tw].reshape(8, th, 8, tw).transpose(0, 2, 1, 3).reshape(64, th * tw)
    levels = np.percentile(tiles, 90, axis=1)
    if levels.max() - levels.min() < UNEVEN:
        return grey
    paper = cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (11, 11)))
    paper = cv2.GaussianBlur(paper.astype(np.float32), (0, 0), 6, borderType=cv2.BORDER_REPLICATE)
    paper = cv2.resize(paper, (w, h), interpolation=cv2.INTER_LINEAR)
    return np.clip(grey.astype(np.float32) * (255.0 / np.maximum(paper, 1.0)), 0, 255).astype(np.uint8)


def _stretch(grey: np.ndarray) -> np.ndarray:
    sample = grey[::4, ::4]
    lo, hi = np.percentile(sample, (0.5, 90.0))
    if hi - lo < 40:  # a blank or nearly blank page: nothing to stretch
        return grey.astype(np.float32)
    return np.clip((grey.astype(np.float32) - lo) * (255.0 / (hi - lo)), 0, 255)


def evidence(image: np.ndarray, dpi: float, channels: str = "bgr", *, bgr: np.ndarray | None = None,
             grey: bool = False, toned: np.ndarray | None = None) -> Evidence:
    """Evidence of seal ink at :data:`WORK_DPI` (see the module docstring). ``bgr``: the image's
    colour, when :func:`as_bgr` was already called; ``grey``: read a colour image as a grey scan;
    ``toned``: the image's :func:`tone` (cut out with it), for a grey reading."""
    scale = min(1.0, WORK_DPI / float(dpi))
    if bgr is None and not grey:
        bgr = as_bgr(image, channels)
    if bgr is not None and not grey:
        src = cv2.resize(bgr, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1.0 else bgr
        return Evidence(red_ink(src), scale, True, float(dpi) * scale)
    # damp black at full resolution, where thin text strokes are still black (a colour image read
    # as grey, only a fallback, at no more than GREY_FALLBACK_DPI)
    if toned is not None:
        src = toned
    else:
        src = grey_of(image, channels) if grey else _channel0(image)
    src_dpi = float(dpi)
    if grey and dpi > GREY_FALLBACK_DPI:
        f = GREY_FALLBACK_DPI / dpi
        src = cv2.resize(src, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
        src_dpi, scale = GREY_FALLBACK_DPI, scale / f
    ink, black = grey_ink(src, src_dpi, toned=toned is not None)
    if scale < 1.0:
        ink = cv2.resize(ink, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        black = cv2.resize(black, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return Evidence(ink, scale * src_dpi / float(dpi), False, src_dpi * scale, black > 0.5)


def _channel0(image: np.ndarray) -> np.ndarray:
    return image if image.ndim == 2 else image[:, :, 0]


def grey_of(image: np.ndarray, channels: str = "bgr") -> np.ndarray:
    """A colour image as one grey channel (luminance), to be read as a grey scan."""
    if image.ndim == 2:
        return image
    img = image[:, :, :3]
    code = cv2.COLOR_RGB2GRAY if channels == "rgb" else cv2.COLOR_BGR2GRAY
    return cv2.cvtColor(np.ascontiguousarray(img), code)


def ink_circles(ev: Evidence, level: float, keep: int = 6) -> list[tuple[float, float, float]]:
    """Circles ``(cx, cy, r)`` (pixels of ``ev.ink``) traced by connected ink of any size: the outer
    edge of a seal's ring is a circle whatever the image's scale, so these are the scale
    hypotheses for a crop, a photo or a page that is not A4. The circle is fitted to the shape's
    outline away from the image border (a seal cut by the edge keeps its own radius); outlines
    that are not round, or cover too little of their circle, are dropped. Most ink first."""
    h, w = ev.ink.shape[:2]
    mask = (ev.ink > level).astype(np.uint8)
    found = []
    for k in (3, 7):
        closed = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
        contours, _ = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
        for c in contours:
            if len(c) < 40:
                continue
            bw, bh = cv2.boundingRect(c)[2:]
            if min(bw, bh) < 14 and max(bw, bh) < 40:  # too small to be a seal
                continue
            pts = c[:, 0, :].astype(np.float64)
            inner = pts[(pts[:, 0] > 1) & (pts[:, 1] > 1) & (pts[:, 0] < w - 2) & (pts[:, 1] < h - 2)]
            if len(inner) < 30:
                continue
            fit = _robust_circle(inner)
            if fit is None:
                continue
            cx, cy, r, on = fit
            if not (8 <= r <= 0.75 * max(h, w)) or not (0 <= cx < w and 0 <= cy < h):
                continue
            ang = np.floor((np.arctan2(on[:, 1] - cy, on[:, 0] - cx) + np.pi) / (2 * np.pi) * 36).astype(int)
            if len(np.unique(np.clip(ang, 0, 35))) < 22:  # less than ~220° of the circle traced
                continue
            found.append((int(cv2.contourArea(c)), cx, cy, r))
    out: list[tuple[float, float, float]] = []
    for _, cx, cy, r in sorted(found, reverse=True):
        if all(np.hypot(cx - x, cy - y) > 0.3 * r or abs(r - q) > 0.2 * r for x, y, q in out):
            out.append((cx, cy, r))
    return out[:keep]


def _robust_circle(pts: np.ndarray):
    """(cx, cy, r, points on it) of the circle most of an outline follows: fitted, then refitted
    to the points near it, so that text touching a seal's ring does not pull the circle away."""
    cx, cy, r = _fit_circle(pts[:, 0], pts[:, 1])
    for tol in (0.2, 0.1, 0.06):
        d = np.hypot(pts[:, 0] - cx, pts[:, 1] - cy)
        on = pts[np.abs(d - r) <= tol * r]
        if len(on) < max(30, 0.35 * len(pts)):
            return None
        cx, cy, r = _fit_circle(on[:, 0], on[:, 1])
    d = np.hypot(on[:, 0] - cx, on[:, 1] - cy)
    return cx, cy, r, on[np.abs(d - r) <= 0.06 * r]


def _fit_circle(xs: np.ndarray, ys: np.ndarray) -> tuple[float, float, float]:
    """Least-squares circle (Kåsa) through points."""
    a = np.column_stack([xs, ys, np.ones_like(xs)])
    b = xs**2 + ys**2
    (p, q, c), *_ = np.linalg.lstsq(a, b, rcond=None)
    cx, cy = p / 2, q / 2
    return float(cx), float(cy), float(np.sqrt(max(c + cx**2 + cy**2, 1.0)))


def candidates(ev: Evidence, level: float, limit: int = 60) -> list[tuple[float, float, float]]:
    """Circle guesses ``(cx, cy, r)`` in ``ev.ink`` pixels.

    Solid blobs the size of a seal's star (thin strokes of text and pen vanish under an opening),
    on colour scans red shapes the size of a seal, and the peaks of an annulus filter (rings of
    ink of about the seal's radius, whatever is inside). Hough circles were tried: ~0.5 s a page
    and dozens of false circles in tables.
    """
    r0 = ev.radius
    out = _annulus_candidates(ev, r0, level)
    if ev.colour:
        out += _shape_candidates(ev, r0)
    out += _star_candidates(ev, r0, level)
    return out[:limit]


def _annulus_candidates(ev: Evidence, r0: float, level: float, keep: int = 8) -> list[tuple[float, float, float]]:
    """Centres where an annulus (0.85–1.12 r0) holds the most ink, at half resolution."""
    small = cv2.resize((ev.ink > level).astype(np.float32), None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    rs = r0 / 2
    k = int(2 * 1.15 * rs) | 1
    yy, xx = np.mgrid[:k, :k]
    d = np.hypot(xx - k // 2, yy - k // 2)
    ring = ((d >= 0.85 * rs) & (d <= 1.12 * rs)).astype(np.float32)
    resp = cv2.filter2D(small, -1, ring / ring.sum(), borderType=cv2.BORDER_CONSTANT)
    peaks = (resp == cv2.dilate(resp, np.ones((int(rs) | 1, int(rs) | 1), np.uint8))) & (resp > 0.04)
    ys, xs = np.nonzero(peaks)
    order = np.argsort(-resp[ys, xs])[:keep]
    return [(float(xs[i]) * 2 + 0.5, float(ys[i]) * 2 + 0.5, r0) for i in order]


def _star_candidates(ev: Evidence, r0: float, level: float) -> list[tuple[float, float, float]]:
    ink = (ev.ink > 0.8 * level).astype(np.uint8)
    out = _solid_blobs(ink, r0)
    if ev.black is not None:  # black text over the star: the star and the text together are solid
        out += _solid_blobs(ink | ev.black.astype(np.uint8), r0)
    return out


def _solid_blobs(mask: np.ndarray, r0: float) -> list[tuple[float, float, float]]:
    """Centres of blobs that survive an opening by a disk (strokes vanish), biggest first."""
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    k = max(3, int(0.085 * r0) | 1)
    solid = cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    n, _, stats, centroids = cv2.connectedComponentsWithStats(solid)
    out = []
    for i in range(1, n):
        w, h = stats[i, cv2.CC_STAT_WIDTH], stats[i, cv2.CC_STAT_HEIGHT]
        if max(w, h) <= 0.9 * r0:  # a star is about 0.6 r across; a filled block is no star
            out.append((int(stats[i, cv2.CC_STAT_AREA]), float(centroids[i][0]), float(centroids[i][1])))
    return [(x, y, r0) for _, x, y in sorted(out, reverse=True)[:30]]


def _shape_candidates(ev: Evidence, r0: float) -> list[tuple[float, float, float]]:
    found = []
    mask = (ev.ink > 0.25).astype(np.uint8)
    for close_mm in (1.5, 4.0):
        k = max(3, int(close_mm * ev.mm) | 1)
        closed = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
        contours, _ = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for c in contours:
            (cx, cy), r = cv2.minEnclosingCircle(c)
            if 0.6 * r0 <= r <= 1.5 * r0:
                found.append((cx, cy, r))
    return found
