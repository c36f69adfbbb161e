"""Read what a seal says (whose seal it is, and whether it is present, is judged in one place:
:mod:`checks.seals`).

``read_ring_text(image, finding, ocr=None, channels="bgr")`` unwraps the ring text band with
``cv2.warpPolar`` into a straight strip, starts the strip at the gap at the bottom of the seal
(the angle with least ink, so the stamp's own rotation does not matter), keeps only seal ink on
colour scans (black text under the seal is dropped; a grey seal found on a colour image is read
from the grey page), and OCRs it: with ``ocr=None`` tesseract
chi_sim ``--psm 7`` (``OMP_THREAD_LIMIT=1``), else ``ocr(strip)->str`` or an engine's
``read_cell(strip)->(text, conf)``. Latin letters and digits are dropped from what is read (the
registration code along a seal's foot, or noise). Returns "" when there is nothing to read.
"""

from __future__ import annotations

import os
import re

import cv2
import numpy as np

from extractors.scan.seal_evidence import as_bgr, red_ink
from paperdesk import textnorm

_STRIP_H = 64  # pixels of glyph height given to OCR
#: the ring text band, in radii: on the real seals of bench/real_seal_bench.py 0.55–0.92 named 18
#: of 20 readable seals' organisations against 17 for 0.5–0.9 (and 16 for 0.45–0.9)
BAND = (0.55, 0.92)
_CODE = re.compile(r"[0-9A-Za-z]+")


def _ink_image(image: np.ndarray, channels: str, grey: bool = False) -> np.ndarray:
    """Dark-on-white image of seal ink: redness on colour scans, the grey page otherwise (and for
    a grey seal found on a colour image: a grey scan with a coloured mark)."""
    bgr = None if grey else as_bgr(image, channels)
    if bgr is not None:
        return (255 - red_ink(bgr) * 255).astype(np.uint8)
    if image.ndim == 2:
        return image
    code = cv2.COLOR_RGB2GRAY if channels == "rgb" else cv2.COLOR_BGR2GRAY
    return cv2.cvtColor(np.ascontiguousarray(image[..., :3]), code)


def ring_strip(image: np.ndarray, centre: tuple[float, float], radius: float, channels: str = "bgr",
               grey: bool = False) -> np.ndarray:
    """The ring text band (0.55–0.92 of the radius, where a seal's ring text sits) as a horizontal
    strip (glyphs upright, reading left to right)."""
    ink = _ink_image(image, channels, grey)
    n_ang = max(360, int(2 * np.pi * radius * 0.72))
    rmax = int(radius)
    # unwrap the ink as light-on-black so that points outside the image (filled with 0 by
    # WARP_FILL_OUTLIERS; uninitialised memory without it) come back as paper, not ink
    polar = 255 - cv2.warpPolar(255 - ink, (rmax, n_ang), centre, rmax,
                                cv2.WARP_POLAR_LINEAR | cv2.INTER_LINEAR | cv2.WARP_FILL_OUTLIERS)
    band = polar[:, int(BAND[0] * radius):int(BAND[1] * radius)]
    dark = (255 - band.astype(np.float32)).sum(axis=1)
    smooth = np.convolve(np.tile(dark, 3), np.ones(n_ang // 12) / (n_ang // 12), "same")[n_ang:2 * n_ang]
    band = np.roll(band, -int(np.argmin(smooth)), axis=0)  # start at the blank gap
    strip = np.ascontiguousarray(np.rot90(band, 1))  # angle → x, outer radius at the top
    scale = _STRIP_H / max(1, strip.shape[0])
    strip = cv2.resize(strip, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    return cv2.copyMakeBorder(strip, 16, 16, 16, 16, cv2.BORDER_CONSTANT, value=255)


def _tesseract(strip: np.ndarray) -> str:
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    return pytesseract.image_to_string(strip, lang="chi_sim", config="--psm 7")


def read_ring_text(image: np.ndarray, finding, ocr=None, *, channels: str = "bgr") -> str:
    """The seal's ring text (see the module docstring); "" without a seal."""
    if finding is None or finding.centre is None or not finding.radius:
        return ""
    grey = getattr(finding, "method", "") == "grey"
    strip = ring_strip(image, finding.centre, finding.radius, channels, grey=grey)
    if ocr is None:
        text = _tesseract(strip)
    elif hasattr(ocr, "read_cell"):
        text = ocr.read_cell(cv2.cvtColor(strip, cv2.COLOR_GRAY2RGB))[0]
    else:
        text = ocr(strip)
    return _CODE.sub("", textnorm.squash(text))  # a seal's digits are its registration code, not its name
