"""Seal finder on small synthetic scans (150 dpi), removal, ring text and college matching."""

from __future__ import annotations

import numpy as np
import pytest

from checks.seals import is_party_committee, named_college
from extractors.scan.seal import SealFinding, find_seal, read_ring_text, remove_seal
from paperdesk.campaign import load_campaign
from sampledata.synth import SealSpec, degrade, render_form, sample_data

DPI = 150
COLLEGE = "政法学院"


@pytest.fixture(scope="module")
def campaign():
    return load_campaign()


@pytest.fixture(scope="module")
def a5(campaign):
    return render_form(campaign, "A5", sample_data(campaign, "A5", college=COLLEGE, seed=7), dpi=DPI)


@pytest.fixture(scope="module")
def a4(campaign):
    return render_form(campaign, "A4", sample_data(campaign, "A4", college=COLLEGE, rows=6, seed=8), dpi=DPI)


def _scan(page, **kw):
    kw.setdefault("jpeg_quality", 70)
    kw.setdefault("skew_deg", 1.2)
    kw.setdefault("noise", 0.015)
    return degrade(page, **kw)


def _assert_found(scan, tol_px: float = 4.0) -> SealFinding:
    found = find_seal(scan.image, scan.dpi)
    assert found.present, found
    dist = np.hypot(found.centre[0] - scan.seal.centre[0], found.centre[1] - scan.seal.centre[1])
    assert dist <= tol_px, (found.centre, scan.seal.centre)
    assert abs(found.radius - scan.seal.radius) <= 0.1 * scan.seal.radius
    return found


@pytest.mark.parametrize("colour", [True, False], ids=["colour", "grey"])
def test_seal_is_found_at_its_place(a5, colour):
    found = _assert_found(_scan(a5, colour=colour, seal=SealSpec(COLLEGE), seed=1))
    assert found.method == ("colour" if colour else "grey")


@pytest.mark.parametrize("colour", [True, False], ids=["colour", "grey"])
def test_faint_seal_is_found(a4, colour):
    _assert_found(_scan(a4, colour=colour, seal=SealSpec(COLLEGE, faint=True), seed=2), tol_px=6)


def test_seal_on_a_page_turned_sideways_is_found(a4):
    _assert_found(_scan(a4, seal=SealSpec(COLLEGE, over_text=False), rotate=90, seed=3))


@pytest.mark.parametrize("colour", [True, False], ids=["colour", "grey"])
@pytest.mark.parametrize("marks", [{}, {"red_pen": True}, {"printed_circle": True}, {"red_header": True}],
                         ids=["nothing", "red_pen", "printed_circle", "red_header"])
def test_no_seal_means_absent(a5, a4, colour, marks):
    for page in (a5, a4):
        found = find_seal(_scan(page, colour=colour, seed=4, **marks).image, DPI)
        assert not found.present, (page.form_id, found)


def test_bad_images_are_absent_not_errors():
    assert find_seal(np.zeros((0, 0), np.uint8), DPI) == SealFinding.absent("none")
    assert not find_seal(np.full((50, 40, 3), 255, np.uint8), DPI).present


def test_rgb_pages_need_channels_rgb(a5):
    scan = _scan(a5, seal=SealSpec(COLLEGE), seed=5)
    rgb = np.ascontiguousarray(scan.image[:, :, ::-1])
    assert find_seal(rgb, DPI, channels="rgb").present
    assert not find_seal(rgb, DPI).present  # read as BGR the seal is blue


def test_remove_seal_keeps_black_text_and_kills_red(a5):
    scan = degrade(a5, seal=SealSpec(COLLEGE), seed=6)
    cx, cy = scan.seal.centre
    text = scan.cell("学院党委意见").text_bbox
    x0, y0, x1, y1 = text
    under = scan.image[y0:y1, x0:x1]
    black_under = under.max(axis=2) < 70  # black glyph pixels under the seal's ink
    assert black_under.sum() > 50 and np.hypot((x0 + x1) / 2 - cx, (y0 + y1) / 2 - cy) < scan.seal.radius
    clean = remove_seal(scan.image)
    b, g, r = (clean[..., i].astype(int) for i in range(3))
    assert ((r - np.maximum(g, b)) > 40).sum() < 20  # no red left
    assert (clean[y0:y1, x0:x1].max(axis=2)[black_under] < 90).mean() > 0.95  # glyphs kept
    ring = scan.image.copy()
    ys, xs = np.nonzero((ring[..., 2].astype(int) - ring[..., 1]) > 80)
    assert (clean[ys, xs] > 200).all(axis=1).mean() > 0.9  # the ring is white now


def test_ring_text_names_the_college(campaign):
    page = render_form(campaign, "A5", sample_data(campaign, "A5", college=COLLEGE, seed=9), dpi=200)
    scan = degrade(page, seal=SealSpec(COLLEGE), jpeg_quality=80, seed=7)
    found = find_seal(scan.image, scan.dpi)
    text = read_ring_text(scan.image, found)
    assert (named_college(text, campaign), is_party_committee(text)) == (COLLEGE, True), text


@pytest.mark.parametrize("text, expected", [
    ("中共肇庆学院政法学院委员会", ("政法学院", True)),
    ("中共璧庆学院文学障委员会", ("文学院", True)),  # tesseract's usual misreadings
    ("中共蓝庆字慰计算抽科学与软件学院塌员会", ("计算机科学与软件学院", True)),
    ("肇庆学院外国语学院", ("外国语学院", False)),  # the college's own seal, not the party committee's
    ("共青团肇庆学院音乐学院委员会", ("音乐学院", False)),  # Youth League committee
    ("半中拷蓝庆学院马克思主义学院要员委", ("马克思主义学院", True)),  # 委员会 scrambled, 中 kept
    ("兵二学院计和外科学5的贡re", (None, False)),  # "二学院" is not 文学院: short names match exactly
    ("同意推荐", (None, False)),
    ("", (None, False)),
])
def test_the_named_college_is_tolerant_of_ocr_noise(campaign, text, expected):
    assert (named_college(text, campaign), is_party_committee(text)) == expected


def test_remove_seal_on_grey_whitens_only_inside_the_finding(a5):
    scan = degrade(a5, colour=False, seal=SealSpec(COLLEGE), seed=8)
    found = find_seal(scan.image, scan.dpi)
    clean = remove_seal(scan.image, finding=found)
    cx, cy = scan.seal.centre
    r = int(scan.seal.radius)
    disk = scan.image[int(cy) - r:int(cy) + r, int(cx) - r:int(cx) + r]
    after = clean[int(cy) - r:int(cy) + r, int(cx) - r:int(cx) + r]
    assert ((disk > 120) & (disk < 200)).sum() > 500 and ((after > 120) & (after < 200)).sum() == 0
    assert (after[disk < 60] < 60).all()  # black text kept
    assert np.array_equal(remove_seal(scan.image), scan.image)  # grey without a finding: untouched
