"""A page photographed on a desk -> the page alone, flattened (phone photos of paper copies).

Contract: :func:`flatten` takes an RGB or grey image and returns ``(image, True)`` with the page
cut out and its perspective undone when the image shows a bright sheet on a darker surround, else
``(image, False)`` unchanged. Pure and deterministic (explicit border modes).

How: on a copy at :data:`WORK_PX`, the bright region (Otsu's threshold, holes of text and table
closed) that is the largest, covers :data:`MIN_SHARE`–:data:`MAX_SHARE` of the image and is
clearly brighter than what surrounds it is the sheet; its outline simplified to four corners
(else its minimal rotated rectangle) is mapped onto an upright rectangle of the sheet's own size,
:data:`EDGE_CUT` of it trimmed off each edge.
A flatbed scan (the sheet fills the image) is left alone.
"""

from __future__ import annotations

import cv2
import numpy as np

WORK_PX = 800
#: the share of the image the sheet must cover: less is not a page photo, more is a scan
MIN_SHARE, MAX_SHARE = 0.25, 0.93
#: the sheet must be this much brighter (0-255) than the rest of the image
MIN_CONTRAST = 40
#: the share of the flattened sheet cut off each edge (inside a page's printed margin)
EDGE_CUT = 0.02


def flatten(image: np.ndarray) -> tuple[np.ndarray, bool]:
    """(the sheet flattened, True), or (``image``, False) when no sheet on a surround is seen."""
    quad = sheet_corners(image)
    if quad is None:
        return image, False
    tl, tr, br, bl = quad
    w = int(round(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl))))
    h = int(round(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr))))
    if w < 50 or h < 50:
        return image, False
    target = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    m = cv2.getPerspectiveTransform(quad.astype(np.float32), target)
    white = (255, 255, 255) if image.ndim == 3 else 255
    flat = cv2.warpPerspective(image, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                               borderValue=white)
    # the corners are found on a small copy and a sheet's edge is rarely straight: a sliver of desk
    # or shadow along the edges would read as ruling lines; a page's margin holds nothing
    my, mx = round(h * EDGE_CUT), round(w * EDGE_CUT)
    return np.ascontiguousarray(flat[my:h - my, mx:w - mx]), True


def sheet_corners(image: np.ndarray) -> np.ndarray | None:
    """The sheet's corners (top-left, top-right, bottom-right, bottom-left) in ``image``'s
    pixels, or None (see the module docstring)."""
    grey = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY) if image.ndim == 3 else image
    h, w = grey.shape
    f = WORK_PX / max(h, w)
    small = cv2.resize(grey, (max(1, round(w * f)), max(1, round(h * f))), interpolation=cv2.INTER_AREA)
    blur = cv2.GaussianBlur(small, (5, 5), 0)
    _t, bright = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    k = max(3, WORK_PX // 80)
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    sheet = max(contours, key=cv2.contourArea)
    share = cv2.contourArea(sheet) / float(small.shape[0] * small.shape[1])
    if not MIN_SHARE <= share <= MAX_SHARE:
        return None
    inside = np.zeros_like(small)
    cv2.drawContours(inside, [sheet], -1, 255, thickness=cv2.FILLED)
    if float(small[inside > 0].mean()) - float(small[inside == 0].mean()) < MIN_CONTRAST:
        return None
    hull = cv2.convexHull(sheet)
    approx = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True).reshape(-1, 2)
    corners = approx if len(approx) == 4 else cv2.boxPoints(cv2.minAreaRect(hull))
    return _ordered(np.asarray(corners, np.float64) / f)


def _ordered(pts: np.ndarray) -> np.ndarray:
    """Four points as top-left, top-right, bottom-right, bottom-left."""
    s, d = pts.sum(axis=1), pts[:, 1] - pts[:, 0]
    return np.array([pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]])
