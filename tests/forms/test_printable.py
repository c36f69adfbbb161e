"""The printable proof: LibreOffice converts every pre-filled form to PDF on A4 pages (A5: two)."""

import shutil
import subprocess

import pdfplumber
import pytest

from writers.forms import write_forms

A4_PT = (595.3, 841.9)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is part of the runtime")
def test_every_form_converts_to_a4_pdf(campaign, tmp_path):
    paths = write_forms(campaign, tmp_path / "forms", college="音乐学院")
    out = tmp_path / "pdf"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), *map(str, paths)],
                   check=True, capture_output=True, timeout=120)
    for p in paths:
        with pdfplumber.open(out / (p.stem + ".pdf")) as pdf:
            for page in pdf.pages:
                size = sorted((round(float(page.width), 1), round(float(page.height), 1)))
                assert size == pytest.approx(sorted(A4_PT), abs=1), p.name
            if p.name == campaign.forms["A5"].file_name:
                assert len(pdf.pages) == 2
            else:
                assert len(pdf.pages) == 1, p.name
