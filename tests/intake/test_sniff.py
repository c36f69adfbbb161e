"""sniff(): kinds from magic bytes, OOXML by its parts, OLE2 by name or stream names."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import tarfile

import pytest

from intake.sniff import sniff
from intake.unpackers import CONTAINER_KINDS, UNPACKERS
from intake_fixtures import docx_bytes, eml_bytes, xlsx_bytes, zip_bytes


def ole(stream: str) -> bytes:
    """An OLE2 header followed by a directory entry carrying ``stream``'s UTF-16LE name."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + stream.encode("utf-16-le") + b"\x00\x00" + bytes(64)


def tar_bytes() -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tf:
        info = tarfile.TarInfo("a.txt")
        info.size = 1
        tf.addfile(info, io.BytesIO(b"x"))
    return buf.getvalue()


@pytest.mark.parametrize("data,name,kind", [
    (docx_bytes(), "a.zip", "docx"),  # content wins over the extension
    (xlsx_bytes(), "a.xlsx", "xlsx"),
    (zip_bytes({"[Content_Types].xml": b"", "ppt/p.xml": b""}), "a", "pptx"),
    (zip_bytes({"a.docx": docx_bytes()}), "a.docx", "zip"),
    (ole("WordDocument"), "noext", "doc"),
    (ole("Workbook"), "noext", "xls"),
    (ole("Other"), "a.xls", "xls"),
    (ole("Other"), "noext", "ole"),
    (ole("EncryptedPackage"), "加密.docx", "docx"),
    (ole("EncryptedPackage"), "noext", "ole"),
    (ole("WordDocument"), "renamed.docx", "doc"),
    (b"%PDF-1.7\n...", "scan", "pdf"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "x", "image"),
    (b"\x89PNG\r\n\x1a\n....", "x", "image"),
    (b"GIF89a....", "x", "image"),
    (b"BM\x36\x00\x0c\x00\x00\x00\x00\x00\x36\x00", "x", "image"),
    (b"BMW drivers list\n", "x.txt", "text"),
    (b"II*\x00....", "x", "image"),
    (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "x", "image"),
    (b"7z\xbc\xaf\x27\x1c\x00\x04", "x", "7z"),
    (b"Rar!\x1a\x07\x01\x00", "x", "rar"),
    (gzip.compress(b"x"), "x", "gz"),
    (bz2.compress(b"x"), "x", "bz2"),
    (lzma.compress(b"x"), "x", "xz"),
    (tar_bytes(), "x", "tar"),
    (eml_bytes(), "saved", "eml"),
    (b"Subject: hi\r\n\r\nbody", "a.eml", "eml"),
    ("学院名单\n张三\n".encode("gbk"), "a.txt", "text"),
    ("学院名单\n张三\n".encode("utf-8"), "a.txt", "text"),
    (bytes(range(256)) * 4, "x.bin", "unknown"),
    (b"", "x", "unknown"),
])
def test_sniff_bytes(data, name, kind):
    assert sniff(data, name) == kind


def test_sniff_path(tmp_path):
    p = tmp_path / "renamed.pdf"
    p.write_bytes(docx_bytes())
    assert sniff(p) == "docx"
    assert sniff(tmp_path / "missing") == "unknown"


def test_registry_contract():
    assert set(UNPACKERS) <= CONTAINER_KINDS
    for kind, fn in UNPACKERS.items():
        assert callable(fn) and fn.__doc__, kind


def test_opendocument_files_are_not_taken_for_plain_zips():
    import io
    import zipfile

    for mime, kind in (("application/vnd.oasis.opendocument.text", "odt"),
                       ("application/vnd.oasis.opendocument.spreadsheet", "ods")):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr(zipfile.ZipInfo("mimetype"), mime)  # stored, first: as ODF requires
            z.writestr("content.xml", "<office:document-content/>")
        assert sniff(buf.getvalue(), "材料") == kind
