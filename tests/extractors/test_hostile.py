"""Hostile input: entity bombs, external entities, huge sheets and parts, pixel bombs, macros.
Each must come back as data (records or an ExtractionError with a Chinese reason), quickly."""

from __future__ import annotations

import http.server
import io
import struct
import threading
import time
import zipfile
import zlib

import docx
import openpyxl
import pytest

from extractors import ooxml, xlsx_file
from extractors.base import UNSAFE_XML
from paperdesk.models import ExtractionError, FreeDoc, TableDoc

from extractor_helpers import run
from test_xlsx import A4_COLS

LAUGHS = ('<!DOCTYPE r [<!ENTITY a0 "lollollollollollollollollol">'
          + "".join(f'<!ENTITY a{i} "{("&a%d;" % (i - 1)) * 10}">' for i in range(1, 10)) + "]>")


def repack(data: bytes, member: str, change) -> bytes:
    """The zip ``data`` with ``member``'s bytes replaced by ``change(old)``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            dst.writestr(info.filename, change(body) if info.filename == member else body)
    return out.getvalue()


def with_dtd(dtd: str, entity_use: str, pad: int = 0):
    """A change that puts ``dtd`` before the root element and ``entity_use`` into the text."""
    def change(xml: bytes) -> bytes:
        s = xml.decode("utf-8")
        cut = s.index("?>") + 2 if s.startswith("<?xml") else 0
        prolog = "<!--" + "x" * pad + "-->" if pad else ""
        return (s[:cut] + prolog + dtd + s[cut:]).replace("MARK", entity_use).encode("utf-8")
    return change


def docx_bytes(text: str = "MARK") -> bytes:
    d = docx.Document()
    d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def xlsx_bytes() -> bytes:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "MARK"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


TARGETS = [("docx", docx_bytes, "word/document.xml"), ("xlsx", xlsx_bytes, "xl/worksheets/sheet1.xml"),
           ("xlsx", xlsx_bytes, "xl/workbook.xml")]


@pytest.fixture(scope="module")
def trap(tmp_path_factory):
    """A local HTTP server counting requests, and a secret file: what an XXE would reach for."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'<!ENTITY leak "FETCHED">')

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    secret = tmp_path_factory.mktemp("trap") / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    xxe = (f'<!DOCTYPE r [<!ENTITY f SYSTEM "{secret.as_uri()}">'
           f'<!ENTITY h SYSTEM "http://127.0.0.1:{server.server_address[1]}/general">'
           f'<!ENTITY % p SYSTEM "http://127.0.0.1:{server.server_address[1]}/param"> %p;]>')
    yield xxe, hits
    server.shutdown()


def _check(path, kind, campaign, hits, budget: float = 3.0) -> list:
    t = time.monotonic()
    records = run(path, kind, campaign)
    assert time.monotonic() - t < budget
    text = repr(records)
    assert "TOPSECRET" not in text and "FETCHED" not in text and "lollol" not in text
    assert hits == [], f"an entity was fetched: {hits}"
    return records


@pytest.mark.parametrize("kind,make,member", TARGETS)
def test_entity_bomb_and_xxe_refused_before_parsing(tmp_path, campaign, trap, kind, make, member):
    xxe, hits = trap
    for name, dtd, use in (("laughs", LAUGHS, "&a9;"), ("xxe", xxe, "&f;&h;")):
        path = tmp_path / name
        path.write_bytes(repack(make(), member, with_dtd(dtd, use)))
        assert _check(path, kind, campaign, hits) == [ExtractionError(name, UNSAFE_XML)]


@pytest.mark.parametrize("kind,make,member", TARGETS)
def test_dtd_past_the_scanned_head_is_still_not_expanded(tmp_path, campaign, trap, kind, make, member):
    """The parsers themselves: python-docx (lxml, resolve_entities=False), openpyxl (defusedxml)."""
    xxe, hits = trap
    for name, dtd, use in (("laughs", LAUGHS, "&a9;"), ("xxe", xxe, "&f;&h;")):
        path = tmp_path / name
        path.write_bytes(repack(make(), member, with_dtd(dtd, use, pad=ooxml.DTD_SCAN_BYTES)))
        for rec in _check(path, kind, campaign, hits):
            assert isinstance(rec, (ExtractionError, FreeDoc)), rec


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png_header(width: int, height: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", zlib.compress(b"\x00" * 64))
            + _chunk(b"IEND", b""))


def test_pixel_bomb_header(tmp_path, campaign):
    path = tmp_path / "bomb.png"
    path.write_bytes(_png_header(100_000, 100_000))  # 10 G pixels declared in 100 bytes
    [err] = run(path, "image", campaign)
    assert isinstance(err, ExtractionError) and "过大" in err.reason


def _sheet(rows: bytes, dimension: str) -> callable:
    def change(xml: bytes) -> bytes:
        head = xml[: xml.index(b"<sheetData>")].replace(b'<dimension ref="A1:A1"/>', f'<dimension ref="{dimension}"/>'.encode())
        return head + b"<sheetData>" + rows + b"</sheetData></worksheet>"
    return change


def _cell_row(r: int, values: list[str]) -> bytes:
    cells = "".join(f'<c r="{chr(65 + j)}{r}" t="inlineStr"><is><t>{v}</t></is></c>' for j, v in enumerate(values))
    return f'<row r="{r}">{cells}</row>'.encode()


def test_a_million_real_rows_are_capped(tmp_path, campaign):
    header = _cell_row(1, A4_COLS)
    body = b"".join(b'<row r="%d"><c r="B%d" t="inlineStr"><is><t>\xe5\xad\xa6\xe7\x94\x9f\xe7\x94\xb2</t></is></c>'
                    b'<c r="C%d"><v>2018241%05d</v></c></row>' % (r, r, r, r % 100000) for r in range(2, 1_000_001))
    path = tmp_path / "huge.xlsx"
    path.write_bytes(repack(xlsx_bytes(), "xl/worksheets/sheet1.xml", _sheet(header + body, "A1:M1000000")))
    t = time.monotonic()
    [doc] = run(path, "xlsx", campaign)
    assert time.monotonic() - t < 10
    assert isinstance(doc, TableDoc) and doc.notes == (f"表格过大，只读取了前 {xlsx_file.MAX_ROWS} 行",)
    assert len(doc.rows) == xlsx_file.MAX_ROWS - 1 and doc.rows[0].cells["姓名"] == "学生甲"


def test_a_declared_million_rows_cost_nothing(tmp_path, campaign):
    rows = _cell_row(1, ["工作总结"]) + _cell_row(2, ["第二行"]) + b'<row r="1048576"/>'
    path = tmp_path / "declared.xlsx"
    path.write_bytes(repack(xlsx_bytes(), "xl/worksheets/sheet1.xml", _sheet(rows, "A1:Z1048576")))
    t = time.monotonic()
    [doc] = run(path, "xlsx", campaign)
    assert time.monotonic() - t < 3
    assert doc == FreeDoc(source="declared.xlsx", title="工作总结", text="工作总结\n第二行", deliverable="")


def test_huge_document_xml_is_refused(tmp_path, campaign):
    para = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>"
    n = ooxml.MAX_XML_PART_BYTES // len(para) + 1

    def change(xml: bytes) -> bytes:
        return xml.replace(b"<w:body>", b"<w:body>" + para * n, 1)
    path = tmp_path / "huge.docx"
    path.write_bytes(repack(docx_bytes(), "word/document.xml", change))
    t = time.monotonic()
    [err] = run(path, "docx", campaign)
    assert time.monotonic() - t < 5
    assert isinstance(err, ExtractionError) and "过大" in err.reason and "word/document.xml" in err.reason


def test_deep_nesting_is_broken_not_a_crash(tmp_path, campaign):
    def change(xml: bytes) -> bytes:
        deep = b"<w:sdt><w:sdtContent>" * 5000 + b"</w:sdtContent></w:sdt>" * 5000
        return xml.replace(b"<w:body>", b"<w:body>" + deep, 1)
    path = tmp_path / "deep.docx"
    path.write_bytes(repack(docx_bytes("正文"), "word/document.xml", change))
    [rec] = run(path, "docx", campaign)
    assert isinstance(rec, ExtractionError) and "损坏" in rec.reason


MACRO_TYPES = {
    "docx": (b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
             b"application/vnd.ms-word.document.macroEnabled.main+xml"),
    "xlsx": (b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
             b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"),
}


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_macro_enabled_files_read_without_running_macros(tmp_path, campaign, kind):
    plain, macro = MACRO_TYPES[kind]
    data = docx_bytes("带班工作总结") if kind == "docx" else xlsx_bytes()
    data = repack(data, "[Content_Types].xml", lambda t: t.replace(plain, macro))
    with zipfile.ZipFile(io.BytesIO(data), "a") as zf:  # a macro project rides along, unrun
        zf.writestr("word/vbaProject.bin" if kind == "docx" else "xl/vbaProject.bin", b"\xcc" * 512)
    path = tmp_path / f"m.{kind[:-1]}m"
    path.write_bytes(data)
    assert macro in zipfile.ZipFile(path).read("[Content_Types].xml")
    [rec] = run(path, kind, campaign)
    assert isinstance(rec, FreeDoc), rec
    assert rec.title == ("带班工作总结" if kind == "docx" else "MARK")


def test_merges_found_across_stream_chunks(tmp_path, campaign, monkeypatch):
    """Merged ranges are matched in a streamed sheet part: tiny chunks give the same sheet."""
    from test_xlsx import _messy_a4

    path = tmp_path / "m.xlsx"
    _messy_a4().save(path)

    def copies():
        wb = openpyxl.load_workbook(path, read_only=True)
        grid, cut = xlsx_file.sheet_grid(wb.active)
        wb.close()
        return grid.copies, cut

    whole = copies()
    assert (0, 2) in whole[0] and not whole[1]  # C1 of B1:P1 filled from B1
    monkeypatch.setattr(xlsx_file, "_CHUNK", 97)
    assert copies() == whole
