"""Electronic files for corpus D: docx / xlsx (made reproducible), zips (UTF-8 or Windows GBK names), e-mails."""
from __future__ import annotations

import io
import re
import zipfile
from email.message import EmailMessage
from email.utils import format_datetime

import docx
import openpyxl
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

FIXED_DT = (2020, 6, 18, 9, 30, 0)
STAMP = "2020-06-18T01:30:00Z"


# ------------------------------------------------------------------------------------------- reproducible
def rezip_fixed(data: bytes, dt=FIXED_DT) -> bytes:
    """same members, fixed timestamps and core properties: a given seed gives the same bytes"""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                s = blob.decode("utf-8")
                s = re.sub(r"(<dcterms:created[^>]*>)[^<]*(</dcterms:created>)", r"\g<1>%s\g<2>" % STAMP, s)
                s = re.sub(r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", r"\g<1>%s\g<2>" % STAMP, s)
                blob = s.encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, dt)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, blob)
    return out.getvalue()


def docx_bytes(doc) -> bytes:
    doc.core_properties.author = "Administrator"
    doc.core_properties.last_modified_by = "Administrator"
    b = io.BytesIO()
    doc.save(b)
    return rezip_fixed(b.getvalue())


def xlsx_bytes(wb) -> bytes:
    wb.properties.creator = "Administrator"
    wb.properties.lastModifiedBy = "Administrator"
    b = io.BytesIO()
    wb.save(b)
    return rezip_fixed(b.getvalue())


class _GBKInfo(zipfile.ZipInfo):
    """a member name written the way Windows' built-in zip does: GBK bytes, no UTF-8 flag"""

    def _encodeFilenameFlags(self):
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def zip_bytes(entries, gbk=False, dt=FIXED_DT) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, blob in entries:
            zi = (_GBKInfo if gbk else zipfile.ZipInfo)(name, dt)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, blob)
    return out.getvalue()


def eml_bytes(subject, sender, to, date, body, attachments, msgid) -> bytes:
    m = EmailMessage()
    m["From"] = sender
    m["To"] = to
    m["Subject"] = subject
    m["Date"] = format_datetime(date)
    m["Message-ID"] = msgid
    m["X-Mailer"] = "Foxmail 7.2.19.158[cn]"
    m.set_content(body)
    for fname, blob in attachments:
        maintype, subtype = "application", "octet-stream"
        if fname.endswith(".xlsx"):
            subtype = "vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        elif fname.endswith(".docx"):
            subtype = "vnd.openxmlformats-officedocument.wordprocessingml.document"
        elif fname.endswith(".zip"):
            subtype = "zip"
        m.add_attachment(blob, maintype=maintype, subtype=subtype, filename=fname)
    m.set_boundary("----=_NextPart_000_0D_" + msgid.strip("<>").split("@")[0][-12:])
    return m.as_bytes()


# ------------------------------------------------------------------------------------------- docx helpers
def new_doc(landscape=False):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "宋体"
    st.font.size = Pt(12)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    s = d.sections[0]
    s.page_width, s.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    s.left_margin = s.right_margin = Mm(25)
    s.top_margin = s.bottom_margin = Mm(22)
    return d


def para(d, text, bold=False, size=None, align=None, style=None):
    p = d.add_paragraph(style=style) if style else d.add_paragraph()
    r = p.add_run(text)
    r.bold = bold
    if size:
        r.font.size = Pt(size)
    if align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return p


def set_cell(cell, text, bold=False, size=10.5, align="center"):
    cell.text = ""
    lines = str(text).split("\n")
    p = cell.paragraphs[0]
    for i, ln in enumerate(lines):
        if i:
            p = cell.add_paragraph()
        r = p.add_run(ln)
        r.bold = bold
        r.font.size = Pt(size)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER if align == "center" else WD_ALIGN_PARAGRAPH.LEFT


def table(d, rows, cols):
    t = d.add_table(rows=rows, cols=cols)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    return t


# ------------------------------------------------------------------------------------------- xlsx helpers
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def sheet_write(ws, r, c, v, bold=False, border=True, wrap=True, fmt=None, size=11):
    cell = ws.cell(row=r, column=c, value=v)
    cell.font = Font(name="宋体", bold=bold, size=size)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=wrap)
    if border:
        cell.border = BOX
    if fmt:
        cell.number_format = fmt
    return cell


def widths(ws, ws_list):
    for i, w in enumerate(ws_list, 1):
        ws.column_dimensions[get_column_letter(i)].width = w


def new_wb():
    wb = openpyxl.Workbook()
    return wb
