"""read_scan end to end on synthetic scans with known truth, real engines (150 dpi to stay fast)."""

import pytest
from pagegen import born_digital_pdf
from PIL import Image

from extractors.scan.reader import read_scan
from extractors.scan.validate import LOW_CONFIDENCE
from paperdesk import textnorm
from paperdesk.models import ExtractionError, FormDoc, FreeDoc, TableDoc
from sampledata.synth import SealSpec, degrade, render_form, sample_data, to_pdf, to_tiff


def _wrong_fields(doc: FormDoc, page) -> dict:
    truth = {c.field: textnorm.clean(c.value) for c in page.cells if c.row is None}
    return {k: (v, doc.fields.get(k)) for k, v in truth.items() if doc.fields.get(k) != v}


@pytest.fixture(scope="module")
def a5_scan(campaign, tmp_path_factory):
    page = render_form(campaign, "A5", sample_data(campaign, "A5", seed=4), dpi=150)
    scan = degrade(page, seal=SealSpec(campaign.colleges[0].name), skew_deg=1.5, jpeg_quality=80, seed=4)
    return scan, to_pdf([scan], tmp_path_factory.mktemp("a5") / "a5.pdf")


@pytest.mark.parametrize("engine,min_exact", [("rapid", 16), ("tesseract", 13)])
def test_a5_scan_fields(campaign, a5_scan, engine, min_exact):
    scan, path = a5_scan
    result = read_scan(path, "pdf", "文学院/a5.pdf", campaign, engine=engine)
    assert result.engine == engine
    (doc,) = result.records
    assert isinstance(doc, FormDoc) and doc.form == "A5" and doc.from_scan and doc.source == "文学院/a5.pdf"
    wrong = _wrong_fields(doc, scan)
    assert len(doc.fields) - len(wrong) >= min_exact, wrong
    flagged = {u.field for u in result.uncertain}
    assert all(u.conf < LOW_CONFIDENCE and u.reason for u in result.uncertain)
    if engine == "rapid":
        assert set(wrong) <= flagged, (wrong, flagged)  # nothing wrong passes as certain
    (finding,) = result.pages
    assert finding.form == "A5" and finding.tables == 1 and abs(finding.skew - 1.5) < 0.3
    assert finding.seal is not None and finding.seal.present
    assert {c.field for c in result.crops} >= {"姓名", "学号"}
    assert all(c.image.size for c in result.crops)
    (seal,) = [c for c in result.crops if c.field == "seal"]
    assert seal.image.shape[0] > 100  # a 4 cm seal at 150 dpi
    assert result.timings["total"] > 0 and result.timings["per_page"] > 0


def test_several_a5_forms_in_one_pdf(campaign, tmp_path):
    pages = [render_form(campaign, "A5", sample_data(campaign, "A5", seed=s), dpi=150) for s in (11, 12, 13)]
    path = to_pdf([degrade(p, skew_deg=0.5, jpeg_quality=85, seed=i) for i, p in enumerate(pages)], tmp_path / "a5s.pdf")
    result = read_scan(path, "pdf", "a5s.pdf", campaign, engine="rapid")
    assert [d.form for d in result.records] == ["A5", "A5", "A5"]
    assert [d.fields["学号"] for d in result.records] == [p.cell("学号").value for p in pages]
    assert [f.form for f in result.pages] == ["A5", "A5", "A5"]
    assert result.record_pages == ((0,), (1,), (2,))
    assert all(u.record in (0, 1, 2) for u in result.uncertain)


def test_a4_then_a2_in_one_tiff(campaign, tmp_path):
    a4 = render_form(campaign, "A4", sample_data(campaign, "A4", rows=4, seed=5), dpi=150)
    a2 = render_form(campaign, "A2", sample_data(campaign, "A2", rows=3, seed=6), dpi=150)
    path = to_tiff([degrade(a4, skew_deg=-1.0, seed=1), degrade(a2, colour=False, seed=2)], tmp_path / "t.tif")
    result = read_scan(path, "image", "t.tif", campaign, engine="rapid")
    docs = result.records
    assert [type(d) for d in docs] == [TableDoc, TableDoc]
    assert [d.form for d in docs] == ["A4", "A2"]
    assert [len(d.rows) for d in docs] == [4, 3]
    for doc, page in zip(docs, (a4, a2)):
        truth = {(c.row, c.field): textnorm.clean(c.value) for c in page.cells if c.row is not None}
        got = {(r.row, k): v for r in doc.rows for k, v in r.cells.items()}
        exact = sum(got.get(k) == v for k, v in truth.items())
        assert exact >= 0.9 * len(truth), [(k, v, got.get(k)) for k, v in truth.items() if got.get(k) != v]
    assert docs[0].header.get("学院") == a4.cell("学院").value
    assert docs[0].header.get("带班党员总数") == a4.cell("带班党员总数").value


def test_grey_jpeg_turned_sideways(campaign, tmp_path):
    page = render_form(campaign, "A5", sample_data(campaign, "A5", seed=7), dpi=150)
    scan = degrade(page, colour=False, rotate=90, jpeg_quality=75, seed=7)
    Image.fromarray(scan.image).save(tmp_path / "a5.jpg", dpi=(150, 150), quality=90)
    result = read_scan(tmp_path / "a5.jpg", "image", "a5.jpg", campaign, engine="rapid")
    assert result.pages[0].turned in (90, 270)
    (doc,) = result.records
    assert doc.fields["学号"] == page.cell("学号").value
    assert doc.fields["姓名"] == page.cell("姓名").value


def test_bad_file_is_an_extraction_error(campaign, tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"not a pdf")
    result = read_scan(tmp_path / "x.pdf", "pdf", "x.pdf", campaign)
    assert len(result.records) == 1 and isinstance(result.records[0], ExtractionError)
    assert result.records[0].reason and result.records[0].source == "x.pdf"


def test_born_digital_pdf_needs_no_ocr(campaign, tmp_path):
    born_digital_pdf(tmp_path / "b.pdf", [["Work summary", "2020"], ["ID", "201824131105"]])
    result = read_scan(tmp_path / "b.pdf", "pdf", "b.pdf", campaign, engine="tesseract")
    (doc,) = result.records
    assert isinstance(doc, FreeDoc) and doc.from_scan
    assert "201824131105" in doc.text and "Work summary" in doc.text
    assert result.pages[0].origin == "text" and result.pages[0].tables == 1


def test_blank_scan_is_an_extraction_error(campaign, tmp_path):
    Image.new("RGB", (1240, 1754), "white").save(tmp_path / "blank.png", dpi=(150, 150))
    result = read_scan(tmp_path / "blank.png", "image", "blank.png", campaign, engine="tesseract")
    (error,) = result.records
    assert isinstance(error, ExtractionError) and "文字" in error.reason
    assert len(result.pages) == 1 and result.pages[0].tables == 0


@pytest.mark.parametrize("engine", ["rapid", "tesseract"])
def test_upside_down_scan_is_read_the_right_way(campaign, tmp_path, engine):
    page = render_form(campaign, "A5", sample_data(campaign, "A5", seed=9), dpi=150)
    path = to_pdf([degrade(page, rotate=180, skew_deg=1.0, jpeg_quality=80, seed=3)], tmp_path / "ud.pdf")
    result = read_scan(path, "pdf", "ud.pdf", campaign, engine=engine)
    assert result.pages[0].turned == 180
    assert result.records[0].fields["学号"] == page.cell("学号").value


def test_a_scan_read_as_free_text_is_the_work_summary_only_when_it_says_so(campaign, tmp_path):
    """A page read as text (no form found on it) is the form-less deliverable its title or file
    name names; otherwise identification decides (a form's page read as text is not the summary)."""
    born_digital_pdf(tmp_path / "p.pdf", [["Page 2", "2020"]])
    for display, deliverable in (("数学与统计学院/工作总结（纸质）.pdf", "work-summary"),
                                 ("数学与统计学院/审批表_张三_2.pdf", "")):
        (doc,) = read_scan(tmp_path / "p.pdf", "pdf", display, campaign, engine="tesseract").records
        assert isinstance(doc, FreeDoc) and doc.deliverable == deliverable
