"""Seal finder on what the synthetic bench never varies (issue 11, item 7): an image that is not a
whole A4 page (a crop, a page small in a photo), and a grey scan with a coloured mark on it.

Every image is made in code. Its dpi is what ``extractors.scan.pages`` gives an image file: the
long side over an A4 page's (the file cannot say better), so for a crop or a photo the page-size
assumption is wrong and the finder must take the scale from the image itself."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from extractors.scan.seal import find_seal, remove_seal
from sampledata.synth import SealSpec, degrade, render_form, sample_data

COLLEGE = "政法学院"
A4_LONG_IN = 297 / 25.4


def _a4_dpi(image: np.ndarray) -> float:
    return max(image.shape[:2]) / A4_LONG_IN


@pytest.fixture(scope="module")
def a5(campaign):
    return render_form(campaign, "A5", sample_data(campaign, "A5", college=COLLEGE, seed=21), dpi=200)


@pytest.fixture(scope="module")
def a4(campaign):
    return render_form(campaign, "A4", sample_data(campaign, "A4", college=COLLEGE, rows=6, seed=22), dpi=150)


def _at_seal(found, centre, radius, tol=0.25):
    assert found.present, found
    assert np.hypot(found.centre[0] - centre[0], found.centre[1] - centre[1]) <= tol * radius, (found, centre)
    assert abs(found.radius - radius) <= 0.15 * radius, (found.radius, radius)


def _crop(scan, margin: float, scale: float = 1.0):
    """The seal and the text around it cut out (``margin`` radii each way), resized by ``scale``."""
    (cx, cy), r = scan.seal.centre, scan.seal.radius
    h, w = scan.image.shape[:2]
    x0, y0 = max(0, int(cx - margin * r)), max(0, int(cy - margin * r))
    x1, y1 = min(w, int(cx + margin * r)), min(h, int(cy + margin * r))
    img = np.ascontiguousarray(scan.image[y0:y1, x0:x1])
    if scale != 1.0:
        img = cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return img, ((cx - x0) * scale, (cy - y0) * scale), r * scale


@pytest.mark.parametrize("colour", [True, False], ids=["colour", "grey"])
@pytest.mark.parametrize("margin, scale", [(1.6, 1.0), (2.5, 0.6), (1.3, 1.8)], ids=["tight", "small", "enlarged"])
def test_seal_on_a_crop_is_found_whatever_its_scale(a5, colour, margin, scale):
    scan = degrade(a5, colour=colour, seal=SealSpec(COLLEGE), jpeg_quality=80, skew_deg=0.8, seed=31)
    img, centre, radius = _crop(scan, margin, scale)
    assert not 0.75 <= radius / (20 / 25.4 * _a4_dpi(img)) <= 1.3  # the A4 guess is far off
    _at_seal(find_seal(img, _a4_dpi(img)), centre, radius)


def test_page_small_in_a_photo_is_found(a4):
    """A colour page photographed from afar: the page fills 55 % of the frame's width, on a
    darker desk; the seal is half the size an A4 frame implies."""
    scan = degrade(a4, seal=SealSpec(COLLEGE, over_text=False), jpeg_quality=75, seed=32)
    page = cv2.resize(scan.image, None, fx=0.55, fy=0.55, interpolation=cv2.INTER_AREA)
    h, w = scan.image.shape[:2]
    frame = np.full((h, w, 3), (95, 110, 120), np.uint8)
    y0, x0 = (h - page.shape[0]) // 3, (w - page.shape[1]) // 2
    frame[y0:y0 + page.shape[0], x0:x0 + page.shape[1]] = page
    centre = (x0 + scan.seal.centre[0] * 0.55, y0 + scan.seal.centre[1] * 0.55)
    _at_seal(find_seal(frame, _a4_dpi(frame)), centre, scan.seal.radius * 0.55)


@pytest.mark.parametrize("marks", [{}, {"red_pen": True}, {"red_header": True}, {"printed_circle": True}],
                         ids=["text", "red_pen", "red_header", "printed_circle"])
@pytest.mark.parametrize("colour", [True, False], ids=["colour", "grey"])
def test_crops_without_a_seal_stay_without(a4, marks, colour):
    scan = degrade(a4, colour=colour, jpeg_quality=80, seed=33, **marks)
    h, w = scan.image.shape[:2]
    for x0, y0, x1, y1, f in ((0.0, 0.0, 0.5, 0.35, 1.0), (0.3, 0.55, 1.0, 1.0, 0.7), (0.1, 0.1, 0.6, 0.4, 1.6)):
        img = np.ascontiguousarray(scan.image[int(y0 * h):int(y1 * h), int(x0 * w):int(x1 * w)])
        img = cv2.resize(img, None, fx=f, fy=f, interpolation=cv2.INTER_AREA if f < 1 else cv2.INTER_CUBIC)
        found = find_seal(img, _a4_dpi(img))
        assert not found.present, ((x0, y0, x1, y1, f), found)


# ---------------------------------------------------------------- colour marks on a grey scan


def _grey_with_mark(scan, mark: str) -> np.ndarray:
    """A grey scan saved as colour, with one coloured mark away from the seal."""
    g = scan.image if scan.image.ndim == 2 else cv2.cvtColor(scan.image, cv2.COLOR_BGR2GRAY)
    img = cv2.cvtColor(g, cv2.COLOR_GRAY2BGR)
    h, w = g.shape
    y = int(h * 0.18)
    if mark == "highlighter":  # yellow, multiplied onto a line of text
        band = img[y - 10:y + 10, int(w * 0.1):int(w * 0.7)].astype(np.float32)
        img[y - 10:y + 10, int(w * 0.1):int(w * 0.7)] = (band * np.array([60, 235, 250]) / 255).astype(np.uint8)
    elif mark == "blue_pen":
        cv2.line(img, (int(w * 0.1), y), (int(w * 0.8), y + 12), (200, 60, 30), 2, cv2.LINE_AA)
    elif mark == "red_box":  # an annotation box in red pen
        cv2.rectangle(img, (int(w * 0.05), int(h * 0.05)), (int(w * 0.4), int(h * 0.12)), (40, 40, 210), 2)
    return img


@pytest.mark.parametrize("mark", ["highlighter", "blue_pen", "red_box"])
def test_grey_seal_on_a_grey_scan_with_a_coloured_mark_is_found(a5, mark):
    scan = degrade(a5, colour=False, seal=SealSpec(COLLEGE), jpeg_quality=80, skew_deg=-1.0, seed=34)
    img = _grey_with_mark(scan, mark)
    found = find_seal(img, scan.dpi)
    _at_seal(found, scan.seal.centre, scan.seal.radius)
    assert found.method == "grey"
    clean = remove_seal(img, finding=found)  # a grey seal read on a colour image is whitened like a grey one
    (cx, cy), r = scan.seal.centre, int(scan.seal.radius)
    disk = clean[int(cy) - r // 2:int(cy) + r // 2, int(cx) - r // 2:int(cx) + r // 2].min(axis=2)
    assert ((disk > 120) & (disk < 200)).sum() == 0


@pytest.mark.parametrize("marks", [{}, {"printed_circle": True}, {"red_pen": True}],
                         ids=["text", "printed_circle", "red_pen"])
@pytest.mark.parametrize("mark", ["highlighter", "blue_pen"])
def test_grey_scan_with_a_coloured_mark_and_no_seal_has_none(a5, a4, marks, mark):
    for page in (a5, a4):
        scan = degrade(page, colour=False, jpeg_quality=80, seed=35, **marks)
        found = find_seal(_grey_with_mark(scan, mark), scan.dpi)
        assert not found.present, (page.form_id, found)


def test_red_seal_is_still_read_as_colour(a5):
    """A colour scan's red seal is found by its colour, not by the grey reading."""
    scan = degrade(a5, seal=SealSpec(COLLEGE), jpeg_quality=80, seed=36)
    found = find_seal(scan.image, scan.dpi)
    _at_seal(found, scan.seal.centre, scan.seal.radius)
    assert found.method == "colour"


@pytest.mark.parametrize("colour", [True, False], ids=["colour", "grey"])
def test_a_small_ring_inside_a_seal_crop_is_part_of_the_seal(a5, colour):
    """A seal crop, enlarged, with a ring of the page-size guess inside the seal's disk (a date
    circled in red, like a glyph or an arc of a real crop's ring): the small ring alone passes the
    ring tests at the guessed scale, but of two seals one inside the other the outer one is the
    seal (the grey case was reported at the small ring before)."""
    scan = degrade(a5, colour=colour, seal=SealSpec(COLLEGE), jpeg_quality=80, seed=31)
    img, centre, radius = _crop(scan, 1.08, 3.0)
    r0 = 20 / 25.4 * _a4_dpi(img)
    assert radius > 5 * r0
    inner = (int(centre[0] - 0.45 * radius), int(centre[1] + 0.45 * radius))
    ink = (40, 40, 200) if colour else 120
    cv2.circle(img, inner, int(r0), ink, max(2, int(0.05 * r0)), cv2.LINE_AA)
    cv2.putText(img, "12", (inner[0] - int(0.6 * r0), inner[1] + int(0.3 * r0)), cv2.FONT_HERSHEY_SIMPLEX,
                r0 / 40, ink, max(2, int(0.12 * r0)), cv2.LINE_AA)
    _at_seal(find_seal(img, _a4_dpi(img)), centre, radius)


@pytest.mark.parametrize("colour", [True, False], ids=["colour", "grey"])
def test_seal_a_little_larger_than_the_page_guess_is_found(a4, colour):
    """A phone photo taken closer than an A4 frame: the page is enlarged 1.28× and cut back to the
    frame, so the dpi guessed from the frame makes the seal ~25 % too large for the page-scale
    size range, while its ink circle lies inside that range and so was never tried as a scale.
    The ring a page-scale candidate settles on is tried as a scale of its own (the earlier finder
    judged it only at the page's scale, where it is too large)."""
    scan = degrade(a4, colour=colour, seal=SealSpec(COLLEGE, over_text=False), jpeg_quality=80, seed=32)
    img, (cx, cy), r = scan.image, scan.seal.centre, scan.seal.radius
    h, w = img.shape[:2]
    f = 1.28
    big = cv2.resize(img, None, fx=f, fy=f, interpolation=cv2.INTER_LINEAR)
    x0 = min(max(0, int(cx * f - cx)), big.shape[1] - w)
    y0 = min(max(0, int(cy * f - cy)), big.shape[0] - h)
    frame = np.ascontiguousarray(big[y0:y0 + h, x0:x0 + w])
    c, R = (cx * f - x0, cy * f - y0), r * f
    for a in np.deg2rad(np.arange(0, 360, 45)):  # a faint stamp: its ring broken in eight short places
        p0 = (int(c[0] + 0.86 * R * np.cos(a)), int(c[1] + 0.86 * R * np.sin(a)))
        p1 = (int(c[0] + 1.08 * R * np.cos(a)), int(c[1] + 1.08 * R * np.sin(a)))
        cv2.line(frame, p0, p1, (255, 255, 255), max(3, int(0.06 * R)))
    assert r * f / (20 / 25.4 * _a4_dpi(frame)) > 1.25
    _at_seal(find_seal(frame, _a4_dpi(frame)), (cx * f - x0, cy * f - y0), r * f)
