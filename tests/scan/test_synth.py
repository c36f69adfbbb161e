"""Synthetic scans: geometry, truth, determinism, export."""

from __future__ import annotations

import time

import numpy as np
import pdfplumber
import pytest
from PIL import Image

from paperdesk.campaign import load_campaign
from sampledata.synth import SealSpec, degrade, render_form, sample_data, to_pdf, to_tiff

DPI = 150


@pytest.fixture(scope="module")
def campaign():
    return load_campaign()


@pytest.fixture(scope="module")
def a5(campaign):
    return render_form(campaign, "A5", sample_data(campaign, "A5", college="文学院", seed=1), dpi=DPI)


def _red(img: np.ndarray) -> np.ndarray:
    b, g, r = (img[..., i].astype(int) for i in range(3))
    return (r - np.maximum(g, b) > 60) & (r > 120)


def test_a5_is_portrait_a4_with_every_field(campaign, a5):
    assert a5.size == (round(210 * DPI / 25.4), round(297 * DPI / 25.4))
    assert [c.field for c in a5.cells] == [f.key for f in campaign.forms["A5"].fields]
    name = a5.cell("姓名")
    x0, y0, x1, y1 = name.text_bbox
    assert name.value and (a5.image[y0:y1, x0:x1] < 100).any()
    assert "seal" in a5.anchors and a5.seal is None


def test_table_is_landscape_with_rows_and_header(campaign):
    data = sample_data(campaign, "A4", college="政法学院", rows=7, seed=2)
    page = render_form(campaign, "A4", data, dpi=DPI)
    assert page.size[0] > page.size[1]
    assert page.cell("学院").value == "政法学院"
    assert page.cell("姓名", row=7).value == data["rows"][6]["姓名"]
    assert len([c for c in page.cells if c.row == 3]) == len(campaign.forms["A4"].columns)


def test_unknown_form_is_a_configuration_error(campaign):
    with pytest.raises(ValueError, match="A9"):
        render_form(campaign, "A9", {}, dpi=DPI)
    with pytest.raises(ValueError, match="case"):
        render_form(campaign, "A1", {}, dpi=DPI)


def test_degrade_is_deterministic_for_a_seed(a5):
    kw = dict(seal=SealSpec("文学院"), red_pen=True, skew_deg=1.0, noise=0.02, jpeg_quality=70)
    one, two, other = degrade(a5, seed=5, **kw), degrade(a5, seed=5, **kw), degrade(a5, seed=6, **kw)
    assert np.array_equal(one.image, two.image)
    assert not np.array_equal(one.image, other.image)


def test_seal_truth_follows_the_ring_through_rotation(a5):
    for rotate in (0, 90, 270):
        page = degrade(a5, seal=SealSpec("文学院"), skew_deg=2.0, rotate=rotate, seed=3)
        cx, cy = page.seal.centre
        r = page.seal.radius
        ang = np.linspace(0, 2 * np.pi, 90, endpoint=False)
        xs = np.round(cx + (r - 3) * np.cos(ang)).astype(int)
        ys = np.round(cy + (r - 3) * np.sin(ang)).astype(int)
        ok = (xs >= 0) & (ys >= 0) & (xs < page.size[0]) & (ys < page.size[1])
        assert _red(page.image)[ys[ok], xs[ok]].mean() > 0.6, rotate
    assert page.size == (a5.size[1], a5.size[0])


def test_grey_page_is_two_dimensional_and_keeps_truth(a5):
    page = degrade(a5, colour=False, seal=SealSpec("文学院", faint=True), jpeg_quality=60, seed=1)
    assert page.image.ndim == 2 and page.image.dtype == np.uint8
    assert page.seal is not None and page.seal.faint and "seal" in page.marks


def test_marks_without_seal_leave_no_seal_truth(a5):
    page = degrade(a5, red_pen=True, red_header=True, printed_circle=True, seed=2)
    assert page.seal is None
    assert set(page.marks) == {"red_pen", "red_header", "printed_circle"}
    assert _red(page.image).sum() > 500  # the red ink is there
    x0, y0, x1, y1 = page.title_bbox
    assert _red(page.image[y0:y1, x0:x1]).sum() > 100


def test_multi_page_pdf_embeds_jpeg_and_tiff_keeps_pages(tmp_path, a5):
    pages = [degrade(a5, seed=1), degrade(a5, colour=False, seed=2)]
    pdf = to_pdf(pages, tmp_path / "scan.pdf")
    assert b"/DCTDecode" in pdf.read_bytes()
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) == 2 and round(doc.pages[0].width) == round(210 / 25.4 * 72)
    tif = to_tiff(pages, tmp_path / "scan.tif")
    with Image.open(tif) as im:
        assert im.n_frames == 2


def test_a_page_is_fast_enough(campaign):
    data = sample_data(campaign, "A5", seed=4)
    start = time.perf_counter()
    page = render_form(campaign, "A5", data, dpi=200)
    degrade(page, seal=SealSpec("文学院"), red_pen=True, skew_deg=1.0, jpeg_quality=75, noise=0.02, seed=1)
    assert time.perf_counter() - start < 1.5  # about 0.4 s here; generous for a shared machine


def test_optics_tint_wash_out_and_blur(a5):
    plain = degrade(a5, seed=1)
    worse = degrade(a5, paper=(0.86, 0.95, 1.0), washout=0.3, blur=0.15, seed=1)
    assert worse.image.min() >= 0.3 * 255 - 1  # black lifted to grey
    paper = worse.image[5:40, 5:40].reshape(-1, 3).mean(axis=0)
    assert paper[0] < paper[2] - 20  # yellowish: less blue than red
    x0, y0, x1, y1 = plain.cell("姓名").text_bbox
    assert worse.image[y0:y1, x0:x1].std() < plain.image[y0:y1, x0:x1].std()  # softer strokes
