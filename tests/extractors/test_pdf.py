"""Born-digital PDFs made by the real LibreOffice from files built here; an image-only PDF."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import openpyxl
import pytest
from openpyxl.styles import Border, Side
from PIL import Image

from extractors.base import ENCRYPTED
from paperdesk.models import ExtractionError, FreeDoc, TableDoc

from extractor_helpers import run

A3_COLS = ["序号", "姓名", "学号", "所带班级", "获奖名称", "获奖级别", "获奖时间", "颁奖单位", "备注"]


def _a3_workbook(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["肇庆学院学生带班党员获奖情况统计表"])
    ws.append(["学院：音乐学院"])
    ws.append(A3_COLS)
    ws.append([1, "周八", "201824131109", "20音乐1班", "三好学生", "校级", "2019.12", "肇庆学院", ""])
    ws.append([2, "吴九", "201824131110", "20音乐2班", "一等奖学金", "校级", "2019.11", "肇庆学院", ""])
    side = Side(style="thin")
    for row in ws.iter_rows(min_row=3, max_row=5, max_col=len(A3_COLS)):
        for cell in row:
            cell.border = Border(left=side, right=side, top=side, bottom=side)
    for col in "ABCDEFGHI":
        ws.column_dimensions[col].width = 14
    wb.save(path)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is required for the PDF tests (apt-get install libreoffice)"
    d = tmp_path_factory.mktemp("pdf")
    _a3_workbook(d / "awards.xlsx")
    doc = docx.Document()
    doc.add_paragraph("数学与统计学院学生带班工作总结")
    doc.add_paragraph("一年来，我院学生带班党员认真履行职责。")
    doc.save(str(d / "summary.docx"))
    subprocess.run([soffice, f"-env:UserInstallation=file://{d}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(d), str(d / "awards.xlsx"), str(d / "summary.docx")],
                   check=True, capture_output=True, timeout=120)
    Image.new("RGB", (200, 280), "white").save(d / "scan.pdf")
    locked = '{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"x"}}'
    (d / "locked").mkdir()
    subprocess.run([soffice, f"-env:UserInstallation=file://{d}/profile", "--headless", "--convert-to",
                    f"pdf:writer_pdf_Export:{locked}", "--outdir", str(d / "locked"), str(d / "summary.docx")],
                   check=True, capture_output=True, timeout=120)
    return {"awards": d / "awards.pdf", "summary": d / "summary.pdf", "scan": d / "scan.pdf",
            "locked": d / "locked" / "summary.pdf"}


def test_table_pdf(pdfs, campaign):
    [rec] = run(pdfs["awards"], "pdf", campaign)
    assert isinstance(rec, TableDoc) and rec.form == "A3" and rec.deliverable == "awards"
    assert rec.header == {"学院": "音乐学院"}
    assert [r.cells["姓名"] for r in rec.rows] == ["周八", "吴九"]
    assert rec.rows[1].cells["学号"] == "201824131110" and rec.rows[1].cells["获奖名称"] == "一等奖学金"


def test_text_pdf(pdfs, campaign):
    [rec] = run(pdfs["summary"], "pdf", campaign)
    assert isinstance(rec, FreeDoc) and rec.title == "数学与统计学院学生带班工作总结"
    assert rec.deliverable == "work-summary" and "认真履行职责" in rec.text


def test_scan_pdf(pdfs, campaign):
    [rec] = run(pdfs["scan"], "pdf", campaign)  # no text layer: read as a scan; a blank page has nothing on it
    assert isinstance(rec, ExtractionError) and rec.source == "scan.pdf" and "扫描件" in rec.reason


def test_password_protected_pdf(pdfs, campaign):
    [rec] = run(pdfs["locked"], "pdf", campaign)
    assert rec == ExtractionError(rec.source, ENCRYPTED)
