"""Find the college party committee's seal (学院党委公章) on a scanned page, and remove it.

Contract (pure: numpy in, records out, nothing written):

    find_seal(image, dpi, *, channels="bgr") -> SealFinding
        image: H×W grey or H×W×3 colour (BGR by default; pass channels="rgb" for RGB pages).
        Colour scans: red ink (HSV hue + Lab a* above the paper's) → candidates (annulus-filter
        peaks, red shapes of seal size, star-sized solid blobs) → ring tests (ring inked all
        round, ~1 mm thick, radius ≈ 20 mm ± 20 %, ring text or a star inside, no filled shape).
        Grey scans (2-D, or 3 channels without colour): darkness with black text damped (a red
        seal turns mid-grey; a photo's uneven light evened out first) → the same candidates and
        ring tests, and also ring text, a visible star core and a ring that stands out from its
        surroundings (a printed circle is thin and empty; red pen is not a closed ring; dense table
        text is no isolated ring). The best candidate wins; ``present`` when its confidence ≥ 0.5.
        Scale: ``dpi`` sets the seal's expected size (an image file's dpi is an A4 page's guess);
        when no candidate is sure at that size, circles traced by the ink itself (a seal's outer
        ring, whatever its size: a crop, a page small in a photo, two pages side by side) are
        tried as the scale, each read in a window around it, and a ring found so must be clean
        (inked nearly all round, one smooth line, paper between its glyphs). A seal cut by the
        image's edge is judged on the part inside (at least 3/4 of its ring).
        Per region: a colour image with little colour (a grey scan with a highlighter stroke, a
        pen line, an annotation box) whose colour reading finds no seal is read as grey too; a
        grey seal counts there only when its ring is clean and its disk holds no colour
        (``method`` "grey"). Coordinates are pixels of ``image``. Deterministic: no OpenCV call
        reads outside the image (``WARP_FILL_OUTLIERS``), the input is never written to.
    remove_seal(image, *, channels="bgr", finding=None) -> image
        whitens the seal but keeps black text under it: red pixels become their red channel
        (light), light ones become white. Grey images (and a grey seal found on a colour image)
        change only inside ``finding``'s disk.
    read_ring_text(image, finding, ocr=None, *, channels="bgr") -> str   (see seal_text)

Bad images (empty, wrong shape) give ``SealFinding.absent("…")``; nothing raises on bad input.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from extractors.scan.seal_evidence import Evidence, as_bgr, candidates, chroma, evidence, ink_circles, tone
from extractors.scan.seal_ring import INK, INK_GREY, MIN_VISIBLE, RingStats, clean_ring, judge, measure, ring_share
from extractors.scan.seal_text import read_ring_text

__all__ = ["SealFinding", "find_seal", "remove_seal", "read_ring_text"]

THRESHOLD = 0.5
MIN_RADIUS_PX = 20  # a seal smaller than this (pixels of the input) cannot be told from a blob
MAX_SCALES = 3  # other scales tried per page, most ink first
MAX_COLOUR_SHARE = 0.03  # share of coloured pixels below which a colour image is also read as grey
MIN_SIZE = 0.35  # a seal smaller than this share of the page-size guess would make the page tiny in its image
WINDOW = 1.6  # the part of the image read around a circle found at another scale (radii each way)
SURE = 0.9  # a seal this sure at the page's own scale ends the search, unless a larger ink circle holds it
MAX_NEAR = 2  # rings just outside the page's size range tried as scales, most inked first
ENCLOSING = 1.5  # a circle this many times another's radius, around its centre, is a seal that holds it


@dataclass(frozen=True)
class SealFinding:
    """Where the seal is (pixels of the input image) and how sure the finder is.

    ``method`` is "colour" or "grey" (which evidence was used) or "none" for an unusable image;
    ``centre``/``radius``/``bbox`` describe the best candidate even when ``present`` is False
    (None when there was no candidate at all).
    """

    present: bool
    centre: tuple[float, float] | None
    radius: float | None
    bbox: tuple[int, int, int, int] | None
    confidence: float
    method: str

    @staticmethod
    def absent(method: str) -> SealFinding:
        return SealFinding(False, None, None, None, 0.0, method)


def find_seal(image: np.ndarray, dpi: float, *, channels: str = "bgr") -> SealFinding:
    """The most seal-like ring on the page; see the module docstring."""
    if image is None or image.size == 0 or image.ndim not in (2, 3) or dpi <= 0:
        return SealFinding.absent("none")
    page = _Page(image, float(dpi), channels)
    best = _search(page)
    if page.bgr is not None and best.conf < THRESHOLD and page.mostly_grey():
        # per region: a colour image with little colour may be a grey scan with a coloured mark
        # on it (a highlighter, a pen, an annotation box); where a seal's disk holds no colour,
        # read it as grey
        grey = _search(page, grey=True)
        if grey.conf >= THRESHOLD or best.stats is None:
            best = grey
    if best.stats is None:
        return SealFinding.absent(best.method)
    cx, cy, r = best.circle
    h, w = image.shape[:2]
    bbox = (max(0, int(cx - r)), max(0, int(cy - r)), min(w, int(cx + r) + 1), min(h, int(cy + r) + 1))
    return SealFinding(best.conf >= THRESHOLD, (cx, cy), r, bbox, round(best.conf, 3), best.method)


class _Page:
    """One call's image, its colour (None for a grey scan) and its page-scale evidence, made once."""

    def __init__(self, image: np.ndarray, dpi: float, channels: str):
        self.image, self.dpi, self.channels = image, dpi, channels
        self.bgr = as_bgr(image, channels)
        self._ev: dict[bool, Evidence] = {}
        self._tone: dict[bool, np.ndarray] = {}

    def mostly_grey(self) -> bool:
        """Few coloured pixels (a grey scan with marks, a colour scan of a black-and-white page),
        unlike a colour photo or a page printed in colour, whose seal would be coloured too."""
        step = max(1, int(max(self.bgr.shape[:2]) / 400))
        return float((chroma(self.bgr[::step, ::step]) > 30).mean()) < MAX_COLOUR_SHARE

    def evidence(self, grey: bool) -> Evidence:
        """Evidence at the page's own scale (``dpi``: an A4 page's, or the file's)."""
        if grey not in self._ev:
            self._ev[grey] = evidence(self.image, self.dpi, self.channels, bgr=self.bgr, grey=grey)
        return self._ev[grey]

    def window(self, grey: bool, dpi: float, circle: tuple[float, float, float]):
        """(evidence, colour image, offset) of the part of the page around ``circle`` (pixels of
        the image), read as if the page were scanned at ``dpi``: the scale at which that circle
        would be a 40 mm seal. Only the window is read, so a fine scale costs little."""
        cx, cy, r = circle
        h, w = self.image.shape[:2]
        x0, y0 = max(0, int(cx - WINDOW * r)), max(0, int(cy - WINDOW * r))
        x1, y1 = min(w, int(cx + WINDOW * r) + 1), min(h, int(cy + WINDOW * r) + 1)
        crop = self.image[y0:y1, x0:x1]
        bgr = None if self.bgr is None else self.bgr[y0:y1, x0:x1]
        toned = None
        if grey or self.bgr is None:
            if grey not in self._tone:
                self._tone[grey] = tone(self.image, self.channels, grey)
            toned = self._tone[grey][y0:y1, x0:x1]
        return evidence(crop, dpi, self.channels, bgr=bgr, grey=grey, toned=toned), bgr, (x0, y0)


@dataclass
class _Best:
    """The most seal-like candidate so far, in pixels of the input image."""

    method: str
    stats: RingStats | None = None
    conf: float = 0.0
    circle: tuple[float, float, float] = (0.0, 0.0, 0.0)

    def offer(self, stats: RingStats, conf: float, scale: float, offset: tuple[int, int] = (0, 0)) -> None:
        if self.stats is None or conf > self.conf:
            self.stats, self.conf = stats, conf
            self.circle = (stats.cx / scale + offset[0], stats.cy / scale + offset[1], stats.r / scale)


def _search(page: _Page, grey: bool = False) -> _Best:
    """The best candidate at the page's own scale and, when none is sure, at the scales of the ink
    circles found on the image (a crop, a photo, two pages side by side): a ring found at another
    scale than the page's must be clean (:func:`~extractors.scan.seal_ring.clean_ring`), since
    there the page's size no longer vouches for it. ``grey``: read a colour image as grey, keeping
    only clean rings whose disk holds no colour.

    Two more kinds of scale hypothesis: a ring that a page-scale candidate settled on but that is a
    little larger or smaller than the page-size guess allows (a phone photo closer to the page than
    an A4 scan, whose broken ring no contour traces), and, even after a sure seal at the page's
    scale, a larger ink circle around it: a seal crop's glyph, star or an arc of its ring can look
    like a small seal of its own, and of two seals one inside the other the outer one is the seal.
    """
    ev = page.evidence(grey)
    best = _Best("colour" if ev.colour else "grey")
    level = INK if ev.colour else INK_GREY
    circles = ink_circles(ev, level)
    own = [c for c in circles if 0.75 * ev.radius <= c[2] <= 1.3 * ev.radius]
    near: list[RingStats] = []
    _judge_all(ev, candidates(ev, level) + own, level, page.bgr if grey else None, best, strict=grey,
               rings=near)
    hyps = [c for c in circles if not 0.8 <= c[2] / ev.radius <= 1.25]
    hyps += _distinct([(s.cx, s.cy, s.r) for s in sorted(near, key=lambda s: -s.coverage)], hyps)[:MAX_NEAR]
    if best.conf >= SURE:
        cx, cy, r = (v * ev.scale for v in best.circle)
        hyps = [c for c in hyps if c[2] >= ENCLOSING * r and np.hypot(c[0] - cx, c[1] - cy) <= c[2]]
    tried = 0
    for cx, cy, r in hyps:
        f = r / ev.radius
        if f < MIN_SIZE or r / ev.scale < MIN_RADIUS_PX:
            continue
        circle = (cx / ev.scale, cy / ev.scale, r / ev.scale)
        ev2, bgr, (x0, y0) = page.window(grey, page.dpi * f, circle)
        hyp = ((circle[0] - x0) * ev2.scale, (circle[1] - y0) * ev2.scale, circle[2] * ev2.scale)
        near2 = [c for c in candidates(ev2, level) if np.hypot(c[0] - hyp[0], c[1] - hyp[1]) <= 0.35 * hyp[2]]
        found = _Best(best.method)
        _judge_all(ev2, [hyp, *near2], level, bgr if grey else None, found, strict=True, offset=(x0, y0))
        best = _better(best, found)
        tried += 1
        if tried >= MAX_SCALES or (best is found and best.conf >= SURE):
            break
    return best


def _distinct(rings, others) -> list[tuple[float, float, float]]:
    """``rings`` less those that repeat one before them or one of ``others`` (same centre and radius)."""
    out: list[tuple[float, float, float]] = []
    for cx, cy, r in rings:
        if all(np.hypot(cx - x, cy - y) > 0.3 * r or abs(r - q) > 0.2 * r for x, y, q in [*others, *out]):
            out.append((cx, cy, r))
    return out


def _inside(small: _Best, big: _Best) -> bool:
    """Does ``small``'s centre lie in ``big``'s disk, ``big`` being much the larger circle?"""
    (sx, sy, sr), (bx, by, br) = small.circle, big.circle
    return big.stats is not None and br >= ENCLOSING * sr and np.hypot(sx - bx, sy - by) <= br


def _better(a: _Best, b: _Best) -> _Best:
    """Of two findings the surer; but where both are seals and one lies inside the other, the outer
    one (the inner is the outer seal's glyph, star or an arc of its ring, read at too fine a scale)."""
    if b.stats is None:
        return a
    if a.stats is None:
        return b
    if a.conf >= THRESHOLD and b.conf >= THRESHOLD:
        if _inside(a, b):
            return b
        if _inside(b, a):
            return a
    return b if b.conf > a.conf else a


def _judge_all(ev: Evidence, cands, level: float, check: np.ndarray | None, best: _Best, strict: bool,
               offset: tuple[int, int] = (0, 0), rings: list[RingStats] | None = None) -> None:
    """Measure and judge each candidate, offering it to ``best``. ``rings``: where to keep the rings
    (inked nearly all round) that the page's size range alone turned down."""
    for cand in cands:
        if strict and ring_share(ev.ink, cand, level) < 0.75:  # cannot pass clean_ring: skip the full measure
            continue
        stats = measure(ev.ink, cand, ev.radius, ev.mm, level, ev.black)
        conf = judge(stats, ev.radius, ev.colour)
        if rings is not None and not 0.8 * ev.radius <= stats.r <= 1.25 * ev.radius \
                and stats.coverage >= 0.75 and stats.visible >= MIN_VISIBLE:
            rings.append(stats)
        if conf >= THRESHOLD and strict and not clean_ring(stats):
            conf = 0.0
        if conf >= THRESHOLD and check is not None and not _colourless(check, stats, ev.scale):
            conf = 0.0
        best.offer(stats, conf, ev.scale, offset)


def _colourless(bgr: np.ndarray, s: RingStats, scale: float) -> bool:
    """Is the ink in the seal's disk grey (a grey scan's seal), not red or another colour?"""
    cx, cy, r = s.cx / scale, s.cy / scale, s.r / scale
    h, w = bgr.shape[:2]
    x0, y0 = max(0, int(cx - 1.1 * r)), max(0, int(cy - 1.1 * r))
    x1, y1 = min(w, int(cx + 1.1 * r) + 1), min(h, int(cy + 1.1 * r) + 1)
    if x1 <= x0 or y1 <= y0:
        return False
    yy, xx = np.mgrid[y0:y1, x0:x1]
    pix = bgr[y0:y1, x0:x1][np.hypot(xx - cx, yy - cy) <= 1.05 * r].astype(np.int16)
    if len(pix) < 20:
        return False
    lum = pix.mean(axis=1)
    ink = pix[lum < np.percentile(lum, 90) - 40]
    if len(ink) < 20:
        return False
    chroma = ink.max(axis=1) - ink.min(axis=1)
    return bool(np.median(chroma) <= 12 and (chroma > 25).mean() < 0.08)


def remove_seal(image: np.ndarray, *, channels: str = "bgr", finding: SealFinding | None = None) -> np.ndarray:
    """A copy of ``image`` with red ink whitened and black text kept (see the module docstring)."""
    out = image.copy()
    bgr = as_bgr(image, channels)
    if bgr is None:
        return _whiten_grey_disk(out, finding)
    b, g, r = (bgr[..., i].astype(np.int16) for i in range(3))
    reddish = (r - np.maximum(g, b) > 25) & (r > 90)
    reddish = cv2.dilate(reddish.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    level = np.where(r > 150, 255, r).astype(np.uint8)  # red channel: red ink light, black stays dark
    if out.ndim == 3:
        out[reddish] = level[reddish][:, None]
    if finding is not None and finding.method == "grey":  # a grey seal read on a colour image
        return _whiten_grey_disk(out, finding)
    return out


def _whiten_grey_disk(out: np.ndarray, finding: SealFinding | None) -> np.ndarray:
    if finding is None or finding.centre is None or not finding.present:
        return out
    h, w = out.shape[:2]
    yy, xx = np.ogrid[:h, :w]
    disk = (xx - finding.centre[0]) ** 2 + (yy - finding.centre[1]) ** 2 <= (finding.radius * 1.05) ** 2
    grey = out if out.ndim == 2 else out[..., :3].min(axis=2)
    light = disk & (grey > 120)
    out[light] = 255
    return out
