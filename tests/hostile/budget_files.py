"""Hostile files for the reading budgets, made in code (never downloaded)."""

from __future__ import annotations

import io
import zipfile
import zlib

import numpy as np
from PIL import Image

_CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
       '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
       '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
       '</Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
         '</Relationships>')
_WB = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
       '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WB_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            '</Relationships>')


def _col(i: int) -> str:
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def shared_strings_bomb(rows: int = 3000, cols: int = 40, string_chars: int = 400_000) -> bytes:
    """A workbook of a few hundred KB whose every cell points to one long shared string:
    rows × cols × string_chars characters (48 G by default) once every cell's text is copied."""
    sst = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
           f'count="{rows * cols}" uniqueCount="1"><si><t>{"带班" * (string_chars // 2)}</t></si></sst>')
    cells = "".join(f'<c r="{_col(c)}{{r}}" t="s"><v>0</v></c>' for c in range(cols))
    body = "".join(f'<row r="{r}">' + cells.replace("{r}", str(r)) + "</row>" for r in range(1, rows + 1))
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             f'<sheetData>{body}</sheetData></worksheet>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in (("[Content_Types].xml", _CT), ("_rels/.rels", _RELS), ("xl/workbook.xml", _WB),
                           ("xl/_rels/workbook.xml.rels", _WB_RELS), ("xl/sharedStrings.xml", sst),
                           ("xl/worksheets/sheet1.xml", sheet)):
            zf.writestr(name, text)
    return out.getvalue()


def glyph_pdf(glyphs: int = 400_000) -> bytes:
    """A one-page PDF whose content stream shows ``glyphs`` glyphs one by one (a few MB decoded,
    small compressed), with an ordinary line of text first."""
    ops = ["BT /F1 12 Tf 72 760 Td (Work summary) Tj ET"]
    ops += [f"BT /F1 4 Tf {20 + (i % 140) * 4} {700 - (i // 140) % 170 * 4} Td (x) Tj ET" for i in range(glyphs)]
    content = zlib.compress("\n".join(ops).encode("ascii"), 9)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref))
    return out.getvalue()


def repeated_run_docx(runs: int = 150_000) -> bytes:
    """A docx with a heading and one paragraph of one run repeated ``runs`` times (~1.5 M characters,
    ~5 MB of XML; 30 times the paragraph cap; small compressed)."""
    import docx

    d = docx.Document()
    d.add_paragraph("学生带班工作总结")
    d.add_paragraph("MARK")
    buf = io.BytesIO()
    d.save(buf)
    out = io.BytesIO()
    run = "<w:r><w:t>带班工作带班工作带班</w:t></w:r>"
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "word/document.xml":
                body = body.replace(b"<w:t>MARK</w:t></w:r>", b"<w:t>MARK</w:t></w:r>" + (run * runs).encode("utf-8"))
            dst.writestr(info.filename, body)
    return out.getvalue()


def slow_scan_tiff(width: int = 4000, height: int = 5600, pages: int = 16) -> bytes:
    """Large ruled pages of noise as a multi-page TIFF: a TIFF is always read as a scan, and reading
    a page this size and this busy takes about 0.85 s (2026-12, one core), so the whole file takes
    ~14 s — about three times the 5 s budget the hostile run sets, with room for a faster reader."""
    rng = np.random.default_rng(7)
    page = np.full((height, width), 255, np.uint8)
    page[rng.random((height, width)) < 0.08] = 0
    for y in range(200, height - 200, 180):
        page[y:y + 3, 150:width - 150] = 0
    for x in range(150, width - 150, 600):
        page[200:height - 200, x:x + 3] = 0
    buf = io.BytesIO()
    frames = [Image.fromarray(np.roll(page, 40 * i, axis=0)) for i in range(pages)]
    frames[0].save(buf, "TIFF", compression="tiff_deflate", save_all=True, append_images=frames[1:])
    return buf.getvalue()
