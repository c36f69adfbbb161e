"""The scan adapter: scanned PDFs, form-page images and TIFFs go to OCR and come back with their paper
facts (seal per page, ring text, evidence crops as PNG). One page is read by the real OCR engine."""

import io
from types import SimpleNamespace

import numpy as np
import pytest
from PIL import Image

from extractors import scan_file
from checks.seals import is_party_committee, named_college
from extractors.registry import extract
from paperdesk.models import ExtractionError, FormDoc, FreeDoc, ImageFile, TableDoc, seal_key
from sampledata.synth import SealSpec, degrade, render_form, sample_data, to_pdf, to_tiff

COLLEGE = "音乐学院"


@pytest.fixture(scope="module")
def a5_page(campaign):
    data = sample_data(campaign, "A5", college=COLLEGE, seed=7)
    return data, degrade(render_form(campaign, "A5", data, dpi=150), seal=SealSpec(COLLEGE), jpeg_quality=75, seed=7)


@pytest.fixture(scope="module")
def a5_read(a5_page, campaign, tmp_path_factory):
    path = to_pdf([a5_page[1]], tmp_path_factory.mktemp("scan") / "blob")
    return extract(path, "pdf", f"{COLLEGE}/纸质版/审批表.pdf", campaign)


def test_scanned_pdf_is_read_with_seal_ring_text_and_crops(a5_page, a5_read, campaign):
    data, _ = a5_page
    [rec] = a5_read
    assert isinstance(rec, FormDoc) and rec.from_scan and rec.form == "A5" and rec.deliverable == "assessment-forms"
    assert rec.fields["姓名"] == data["姓名"] and rec.fields["学号"] == data["学号"]
    info = rec.paper
    assert info.pages == (1,)
    [seal] = info.seals
    assert seal.confidence >= campaign.checks.seal_min_confidence and seal.bbox is not None
    assert named_college(seal.ring_text, campaign) == COLLEGE and is_party_committee(seal.ring_text)
    assert seal.crop == seal_key(1)
    for key in (seal_key(1), "第1页-姓名", "第1页-学号"):
        with Image.open(io.BytesIO(info.crops[key])) as im:
            assert im.format == "PNG" and im.width > 20
    assert Image.open(io.BytesIO(info.crops["第1页-姓名"])).mode == "L"


def test_form_page_images_and_tiffs_are_scans_photos_are_not(a5_page, campaign, tmp_path):
    _, page = a5_page
    jpg = tmp_path / "page.jpg"
    Image.fromarray(np.ascontiguousarray(page.image[:, :, ::-1])).save(jpg, quality=75)
    assert scan_file.is_form_page(jpg, f"{COLLEGE}/审批表扫描.jpg", campaign)
    assert not scan_file.is_form_page(jpg, f"{COLLEGE}优秀带班党员案例.zip!张三/图1.jpg", campaign)
    assert not scan_file.is_form_page(jpg, f"{COLLEGE}/张三生活照.jpg", campaign)
    tif = to_tiff([page], tmp_path / "page.tif")
    assert scan_file.is_form_page(tif, "扫描.tif", campaign)
    rng = np.random.default_rng(1)
    photo = tmp_path / "photo.jpg"  # A4-shaped but no ruling lines
    Image.fromarray(rng.integers(0, 255, (1400, 1000, 3), dtype=np.uint8)).save(photo)
    assert not scan_file.is_form_page(photo, "a/photo.jpg", campaign)
    [img] = extract(photo, "image", "a/photo.jpg", campaign)
    assert isinstance(img, ImageFile) and img.width == 1000


def test_broken_scan_is_an_extraction_error(campaign, tmp_path):
    bad = tmp_path / "bad.tif"
    bad.write_bytes(b"II*\x00" + bytes(40))
    [err] = scan_file.extract(bad, "image", "x/bad.tif", campaign)
    assert isinstance(err, ExtractionError) and err.reason and any("\u4e00" <= ch <= "\u9fff" for ch in err.reason)


def _finding(i, form):
    return SimpleNamespace(index=i, form=form)


def test_pages_are_shared_out_by_runs_of_the_same_form():
    a5 = FormDoc("x", "A5", {})
    a4 = TableDoc("x", "A4", "", {}, ())
    free = FreeDoc("x", "", "")
    groups = scan_file.page_groups([a4, a5, a5, free], [_finding(0, "A4"), _finding(1, "A5"), _finding(2, "A5"),
                                                       _finding(3, "A5"), _finding(4, "A5"), _finding(5, None)])
    assert groups == [(0,), (1, 2), (3, 4), (5,)]
    assert scan_file.page_groups([a5, a5, a5], [_finding(i, "A5") for i in range(3)]) == [(0,), (1,), (2,)]


def _thin_ruled_scan(skew: float) -> np.ndarray:
    """A landscape A4 list at 200 dpi, as a sheet-fed scanner gives it: a table ruled with thin
    (2 px, 0.25 mm) grey lines, paper not quite white, a little noise, the sheet fed ``skew``
    degrees askew."""
    import cv2

    h, w = 1654, 2339
    page = np.full((h, w), 236, np.uint8)
    top, left, right, row_h = 200, 90, 2250, 62
    for r in range(11):
        cv2.line(page, (left, top + r * row_h), (right, top + r * row_h), 80, 2)
    for x in (left, 240, 420, 600, 820, 1200, 1500, 1800, 2050, right):
        cv2.line(page, (x, top), (x, top + 10 * row_h), 80, 2)
    for r in range(10):  # a few strokes of "text" in each row
        for x in range(left + 30, right - 60, 160):
            cv2.rectangle(page, (x, top + r * row_h + 22), (x + 40, top + r * row_h + 40), 90, -1)
    rng = np.random.default_rng(7)
    page = np.clip(page.astype(int) + rng.integers(-12, 12, page.shape), 0, 255).astype(np.uint8)
    m = cv2.getRotationMatrix2D((w / 2, h / 2), skew, 1.0)
    return cv2.warpAffine(page, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=236)


@pytest.mark.parametrize("skew", [0.0, 1.2, -2.0, 3.0])
def test_a_thin_ruled_scan_fed_askew_is_a_scan(campaign, tmp_path, skew):
    jpg = tmp_path / "新聘汇总表-扫描.jpg"
    Image.fromarray(_thin_ruled_scan(skew)).convert("RGB").save(jpg, quality=80)
    assert scan_file.is_form_page(jpg, f"扫描件/{COLLEGE}/新聘汇总表-扫描.jpg", campaign)


def _on_a_desk(page: np.ndarray, seed: int = 3) -> np.ndarray:
    """A phone photo of ``page`` (grey or RGB): 3000×4000, the sheet turned a little and seen at a
    slant on a brown desk, light falling off towards one corner."""
    import cv2

    rgb = page if page.ndim == 3 else np.dstack([page] * 3)
    h, w = rgb.shape[:2]
    desk = np.zeros((4000, 3000, 3), np.uint8)
    desk[:] = (92, 70, 52)
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32([[420, 380], [2640, 300], [2760, 3560], [300, 3700]])
    m = cv2.getPerspectiveTransform(src, dst)
    photo = cv2.warpPerspective(rgb, m, (3000, 4000), dst=desk.copy(), borderMode=cv2.BORDER_TRANSPARENT)
    shade = np.linspace(1.0, 0.8, 3000)[None, :, None] * np.linspace(1.0, 0.85, 4000)[:, None, None]
    rng = np.random.default_rng(seed)
    noisy = photo.astype(float) * shade + rng.normal(0, 4, photo.shape)
    return np.clip(noisy, 0, 255).astype(np.uint8)


def test_a_page_photographed_on_a_desk_is_cut_out_and_flattened(campaign, tmp_path):
    from extractors.scan.photo import flatten

    photo = _on_a_desk(_thin_ruled_scan(0.0).T.copy())  # a portrait page
    flat, ok = flatten(photo)
    h, w = flat.shape[:2]
    assert ok and 1.3 < h / w < 1.5  # the sheet, upright, A4-shaped
    jpg = tmp_path / "IMG_20200622_101512.jpg"
    Image.fromarray(photo).save(jpg, quality=85)
    assert scan_file.is_form_page(jpg, f"扫描件/{COLLEGE}/IMG_20200622_101512.jpg", campaign)
    # a flatbed scan is left as it is
    scan = _thin_ruled_scan(1.2)
    out, ok = flatten(scan)
    assert not ok and out is scan


def test_a_phone_photo_of_an_a5_is_read_as_the_form(a5_page, campaign, tmp_path):
    data, page = a5_page
    jpg = tmp_path / "IMG_20200622_101512.jpg"
    Image.fromarray(_on_a_desk(np.ascontiguousarray(page.image[:, :, ::-1]))).save(jpg, quality=85)
    [rec] = extract(jpg, "image", f"扫描件/{COLLEGE}/IMG_20200622_101512.jpg", campaign)
    assert isinstance(rec, FormDoc) and rec.form == "A5" and rec.from_scan
    assert rec.fields["姓名"] == data["姓名"] and rec.fields["学号"] == data["学号"]


def test_a_photographed_second_page_with_a_small_table_is_a_scan(campaign, tmp_path):
    """An A5's second page (its two opinion boxes: three lines across) photographed on a desk: the
    sheet's thin lines are looked at in full resolution, not in the photo's reduced decode."""
    import cv2

    page = np.full((3508, 2480), 238, np.uint8)  # 300 dpi, hairlines in light grey toner
    for y in (450, 1350, 2250):
        cv2.line(page, (225, y), (2250, y), 150, 2)
    for x in (225, 630, 2250):
        cv2.line(page, (x, 450), (x, 2250), 150, 2)
    for y in range(540, 2170, 105):  # opinion text and signature lines
        cv2.rectangle(page, (700, y), (700 + (y * 7) % 1000 + 300, y + 36), 90, -1)
    jpg = tmp_path / "IMG_20200622_101521.jpg"
    Image.fromarray(_on_a_desk(page)).save(jpg, quality=85)
    assert scan_file.is_form_page(jpg, f"扫描件/{COLLEGE}/IMG_20200622_101521.jpg", campaign)
