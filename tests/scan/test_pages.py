"""Page images out of files: scanned PDF, born-digital PDF, PNG, multi-page TIFF, bad files."""

import numpy as np
import pytest
from pagegen import born_digital_pdf, table_page
from PIL import Image

from extractors.scan.model import ScanInputError
from extractors.scan.pages import WORK_DPI, load_pages
from sampledata.synth import render_form, sample_data, to_pdf, to_tiff


def test_scanned_pdf_gives_the_embedded_image(campaign, tmp_path):
    page = render_form(campaign, "A5", sample_data(campaign, "A5"), dpi=150)
    path = to_pdf([page, page], tmp_path / "a5.pdf")
    pages = load_pages(path, "pdf")
    assert [p.index for p in pages] == [0, 1]
    assert pages[0].origin == "scan" and pages[0].words is None
    assert abs(pages[0].dpi - 150) < 2
    assert pages[0].image.shape[:2] == page.image.shape[:2]
    assert pages[0].image.dtype == np.uint8 and pages[0].image.shape[2] == 3


def test_high_resolution_is_scaled_down(tmp_path):
    img = table_page([["a", "b"]], dpi=300)
    Image.fromarray(img).save(tmp_path / "p.png", dpi=(300, 300))
    (page,) = load_pages(tmp_path / "p.png", "image")
    assert page.dpi == WORK_DPI
    assert abs(page.image.shape[1] - img.shape[1] * WORK_DPI / 300) <= 1


def test_image_dpi_estimated_when_the_file_lies(tmp_path):
    img = table_page([["a"]], dpi=150)
    Image.fromarray(img).save(tmp_path / "p.png", dpi=(72, 72))
    (page,) = load_pages(tmp_path / "p.png", "image")
    assert abs(page.dpi - 150) < 3


def test_multi_page_tiff(campaign, tmp_path):
    a4 = render_form(campaign, "A4", sample_data(campaign, "A4"), dpi=150)
    a2 = render_form(campaign, "A2", sample_data(campaign, "A2"), dpi=150)
    pages = load_pages(to_tiff([a4, a2], tmp_path / "t.tif"), "image")
    assert len(pages) == 2
    assert pages[1].image.shape[:2] == a2.image.shape[:2]
    assert all(p.origin == "image" for p in pages)


def test_born_digital_pdf_gives_words_without_ocr(tmp_path):
    born_digital_pdf(tmp_path / "b.pdf", [["Name", "Zhang San"], ["ID", "201824131105"]])
    (page,) = load_pages(tmp_path / "b.pdf", "pdf")
    assert page.origin == "text"
    assert [w.text for w in page.words] == ["Name", "Zhang", "San", "ID", "201824131105"]
    assert all(w.conf == 1.0 for w in page.words)
    x0, y0, x1, y1 = page.words[-1].bbox
    assert 0 < x0 < x1 <= page.image.shape[1] and 0 < y0 < y1 <= page.image.shape[0]


def test_decompression_bomb_refused(tmp_path):
    Image.new("1", (12000, 9000)).save(tmp_path / "bomb.png")  # 108 Mpx, a few KB on disk
    assert (tmp_path / "bomb.png").stat().st_size < 100_000
    with pytest.raises(ScanInputError, match="过大"):
        load_pages(tmp_path / "bomb.png", "image")


@pytest.mark.parametrize("name,kind", [("x.pdf", "pdf"), ("x.png", "image")])
def test_corrupt_files(tmp_path, name, kind):
    (tmp_path / name).write_bytes(b"%PDF-1.4 garbage" if kind == "pdf" else b"\x89PNG\r\n\x1a\n broken")
    with pytest.raises(ScanInputError):
        load_pages(tmp_path / name, kind)


def test_unsupported_kind(tmp_path):
    with pytest.raises(ScanInputError, match="不支持"):
        load_pages(tmp_path / "x.docx", "docx")
