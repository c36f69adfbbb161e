"""Bad files are data (an ExtractionError with a Chinese reason); images read from the header."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from PIL import Image

from extractors import registry
from extractors.base import ENCRYPTED, OLE_MAGIC
from paperdesk.models import ExtractionError, ImageFile

from extractor_helpers import png, run, save_doc


def _cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.mark.parametrize("kind", sorted(registry.EXTRACTORS))
def test_every_extractor_reports_an_empty_file(tmp_path, campaign, kind):
    path = tmp_path / "empty"
    path.write_bytes(b"")
    [err] = run(path, kind, campaign, display="学院/a.zip!空文件")
    assert isinstance(err, ExtractionError) and err.source == "学院/a.zip!空文件"
    assert "空" in err.reason


@pytest.mark.parametrize("kind", sorted(registry.EXTRACTORS))
def test_every_extractor_survives_garbage(tmp_path, campaign, kind):
    path = tmp_path / "garbage"
    path.write_bytes(b"\x00\x01this is not a document" * 50)
    [err] = run(path, kind, campaign)
    assert isinstance(err, ExtractionError) and _cjk(err.reason)


def test_corrupt_docx(tmp_path, campaign):
    good = save_doc(docx.Document(), tmp_path)
    data = good.read_bytes()
    bad = tmp_path / "bad.docx"
    bad.write_bytes(data[: len(data) // 2])  # truncated in transit
    [err] = run(bad, "docx", campaign)
    assert isinstance(err, ExtractionError) and "损坏" in err.reason


def test_zip_without_word_parts(tmp_path, campaign):
    path = tmp_path / "fake.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "not word")
    [err] = run(path, "docx", campaign)
    assert isinstance(err, ExtractionError) and _cjk(err.reason)


def test_bare_ole_header_is_broken(tmp_path, campaign):
    """An OLE signature and nothing behind it: broken, and no LibreOffice call is tried."""
    path = tmp_path / "locked.xlsx"
    path.write_bytes(OLE_MAGIC + b"\x00" * 600)
    for kind in ("xlsx", "docx", "doc", "ole"):
        [err] = run(path, kind, campaign)
        assert isinstance(err, ExtractionError) and "损坏" in err.reason, kind


def test_unknown_kind(tmp_path, campaign):
    path = tmp_path / "a.txt"
    path.write_bytes(b"x")
    [err] = run(path, "pptx", campaign)
    assert isinstance(err, ExtractionError) and err.reason.startswith("不支持的文件类型：PowerPoint")
    [err] = run(path, "text", campaign)
    assert err.reason == "不支持的文件类型：纯文本文件，不是本次要求的材料格式"
    [err] = run(path, "weird", campaign)
    assert err.reason == "不支持的文件类型：weird"


def test_password_protected_office_file_sniffed_as_ole(tmp_path, campaign):
    path = tmp_path / "locked"
    path.write_bytes(OLE_MAGIC + b"\x00" * 512 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64)
    [err] = run(path, "ole", campaign)
    assert err == ExtractionError(path.name, ENCRYPTED)


def test_extractor_version_is_a_string():
    assert isinstance(registry.EXTRACTOR_VERSION, str) and registry.EXTRACTOR_VERSION


def test_image_header(tmp_path, campaign):
    path = tmp_path / "blob"
    path.write_bytes(png("green", (640, 480)))
    [img] = run(path, "image", campaign, display="数学学院优秀带班党员案例.zip!张三/张三生活照.png")
    assert img == ImageFile(source="数学学院优秀带班党员案例.zip!张三/张三生活照.png", name="张三生活照.png",
                            size=path.stat().st_size, is_life_photo=True, width=640, height=480)
    [other] = run(path, "image", campaign, display="a/图片1.jpg")
    assert other.name == "图片1.jpg" and not other.is_life_photo


def test_truncated_image_header(tmp_path, campaign):
    path = tmp_path / "x.jpg"
    buf = io.BytesIO()
    Image.new("RGB", (20, 20)).save(buf, "JPEG")
    path.write_bytes(buf.getvalue()[:10])
    [err] = run(path, "image", campaign)
    assert isinstance(err, ExtractionError) and "图片" in err.reason


def test_decompression_bomb(tmp_path, campaign, monkeypatch):
    path = tmp_path / "big.png"
    path.write_bytes(png("white", (300, 300)))
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 10_000)  # 90,000 px > 2 × limit: a "bomb"
    [err] = run(path, "image", campaign)
    assert isinstance(err, ExtractionError) and "过大" in err.reason



def test_blobs_without_extension(tmp_path, campaign):
    """Intake stores content-addressed blobs with no file extension; every reader copes."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["序号", "姓名", "学号", "所带班级", "获奖名称", "获奖级别", "获奖时间", "颁奖单位", "备注"])
    wb.active.append([1, "周八", "201824131109"])
    xlsx_blob, docx_blob, png_blob = tmp_path / "ab12", tmp_path / "cd34", tmp_path / "ef56"
    wb.save(xlsx_blob)
    d = docx.Document()
    d.add_paragraph("说明")
    d.save(str(docx_blob))
    png_blob.write_bytes(png())
    kinds = [(xlsx_blob, "xlsx"), (docx_blob, "docx"), (png_blob, "image")]
    for path, kind in kinds:
        [rec] = run(path, kind, campaign, display=f"x.{kind}")
        assert not isinstance(rec, ExtractionError), rec


def test_broken_xml_inside_a_valid_zip(tmp_path, campaign):
    good = save_doc(docx.Document(), tmp_path, "good.docx")
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, data[:40] if info.filename == "word/document.xml" else data)
    [err] = run(bad, "docx", campaign)
    assert isinstance(err, ExtractionError) and "损坏" in err.reason


def test_truncated_pdf_and_xlsx(tmp_path, campaign):
    import openpyxl

    x = tmp_path / "t.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["序号"])
    wb.save(x)
    x.write_bytes(x.read_bytes()[:300])
    p = tmp_path / "t.pdf"
    p.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog")
    for path, kind in ((x, "xlsx"), (p, "pdf")):
        [err] = run(path, kind, campaign)
        assert isinstance(err, ExtractionError) and _cjk(err.reason), (kind, err)
