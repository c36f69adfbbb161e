"""Find the college party committee's seal (学院党委公章) on a scanned page, and remove it.

Contract (pure: numpy in, records out, nothing written):

    find_seal(image, dpi, *, channels="bgr") -> SealFinding
        image: H×W grey or H×W×3 colour (BGR by default; pass channels="rgb" for RGB pages).
        Colour scans: red ink (HSV hue + Lab a* above the paper's) → candidates (annulus-filter
        peaks, red shapes of seal size, star-sized solid blobs) → ring tests (ring inked all
        round, ~1 mm thick, radius ≈ 20 mm ± 20 %, ring text or a star inside).
        Grey scans (2-D, or 3 channels without colour): darkness with black text damped (a red
        seal turns mid-grey) → the same candidates and ring tests, and also ring text, a visible
        star core and a ring that stands out from its surroundings (a printed circle is thin and
        empty; red pen is not a closed ring; dense table text is no isolated ring). The best
        candidate wins; ``present`` when its confidence ≥ 0.5. Coordinates are pixels of ``image``.
    remove_seal(image, *, channels="bgr", finding=None) -> image
        whitens the seal but keeps black text under it: red pixels become their red channel
        (light), light ones become white. Grey images change only inside ``finding``'s disk.
    read_ring_text(image, finding, ocr=None, *, channels="bgr") -> str   (see seal_text)
    seal_college(ring_text, campaign) -> (college | None, is_party_committee)

Bad images (empty, wrong shape) give ``SealFinding.absent("…")``; nothing raises on bad input.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from extractors.scan.seal_evidence import as_bgr, candidates, evidence
from extractors.scan.seal_ring import INK, INK_GREY, judge, measure
from extractors.scan.seal_text import read_ring_text, seal_college

__all__ = ["SealFinding", "find_seal", "remove_seal", "read_ring_text", "seal_college"]

THRESHOLD = 0.5


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
    ev = evidence(image, dpi, channels)
    method = "colour" if ev.colour else "grey"
    best, best_conf = None, 0.0
    level = INK if ev.colour else INK_GREY
    for cand in candidates(ev, level):
        stats = measure(ev.ink, cand, ev.radius, ev.mm, level, ev.black)
        conf = judge(stats, ev.radius, ev.colour)
        if best is None or conf > best_conf:
            best, best_conf = stats, conf
    if best is None:
        return SealFinding.absent(method)
    cx, cy, r = best.cx / ev.scale, best.cy / ev.scale, best.r / ev.scale
    h, w = image.shape[:2]
    bbox = (max(0, int(cx - r)), max(0, int(cy - r)), min(w, int(cx + r) + 1), min(h, int(cy + r) + 1))
    return SealFinding(best_conf >= THRESHOLD, (cx, cy), r, bbox, round(best_conf, 3), method)


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
    return out


def _whiten_grey_disk(out: np.ndarray, finding: SealFinding | None) -> np.ndarray:
    if finding is None or finding.centre is None or not finding.present:
        return out
    h, w = out.shape[:2]
    yy, xx = np.ogrid[:h, :w]
    disk = (xx - finding.centre[0]) ** 2 + (yy - finding.centre[1]) ** 2 <= (finding.radius * 1.05) ** 2
    grey = out if out.ndim == 2 else out[..., 0]
    light = disk & (grey > 120)
    out[light] = 255
    return out
