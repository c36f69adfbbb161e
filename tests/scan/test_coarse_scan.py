"""A coarse scan (72–100 dpi, issue 11 item 7) is scaled up before it is read: its cells are read
rather than found empty; below 90 dpi no reading of it is confident, an empty cell neither."""

from __future__ import annotations

import pytest

from extractors.scan.pages import COARSE_DPI, WORK_DPI, load_pages
from extractors.scan.reader import read_scan
from paperdesk import textnorm
from paperdesk.campaign import load_campaign
from sampledata.synth import degrade, render_form, sample_data, to_pdf


@pytest.fixture(scope="module")
def campaign():
    return load_campaign()


def _scan(campaign, tmp_path, dpi):
    page = render_form(campaign, "A5", sample_data(campaign, "A5", seed=5), dpi=dpi)
    scan = degrade(page, seed=5, jpeg_quality=85)
    return scan, to_pdf([scan], tmp_path / f"a5-{dpi}.pdf")


def test_a_coarse_page_is_scaled_up_and_says_so(campaign, tmp_path):
    _, path = _scan(campaign, tmp_path, 72)
    [page] = load_pages(path, "pdf")
    assert page.scanned_dpi == pytest.approx(72, abs=1) and page.dpi == pytest.approx(WORK_DPI, rel=0.02)
    _, fine = _scan(campaign, tmp_path, 150)
    assert load_pages(fine, "pdf")[0].scanned_dpi is None and 150 >= COARSE_DPI


@pytest.mark.parametrize("dpi, least_exact, confident", [(72, 15, False), (96, 17, True)])
def test_a_coarse_form_is_read_and_only_trusted_where_it_may_be(campaign, tmp_path, dpi, least_exact, confident):
    scan, path = _scan(campaign, tmp_path, dpi)
    result = read_scan(path, "pdf", path.name, campaign, engine="rapid", workers=1)
    [record] = result.records
    truth = {c.field: textnorm.clean(c.value) for c in scan.cells}
    exact = sum(record.fields.get(k) == v for k, v in truth.items())
    assert exact >= least_exact, {k: (v, record.fields.get(k)) for k, v in truth.items() if record.fields.get(k) != v}
    if confident:
        assert max(record.confidence.values()) > 0.9
    else:  # 72 dpi: every field below the campaign's threshold, empty ones too, and listed as uncertain
        assert max(record.confidence.values()) < campaign.checks.ocr_min_confidence
        assert {u.field for u in result.uncertain} >= set(truth)
