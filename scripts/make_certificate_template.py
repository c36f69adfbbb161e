"""Writes the shipped certificate template ``templates/certificates/证书模板.docx`` (run once; the
result is data, kept in the repository, and may be redesigned in Word or WPS instead).

A4 landscape, a double border, placeholders the certificate writer fills per person:
{证书名称} {正文} {颁发单位} {日期} {编号} (and any field a campaign's text names, e.g. {姓名}).
Keep each placeholder inside one paragraph; the page must hold one certificate.

    .venv/bin/python scripts/make_certificate_template.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

OUT = Path(__file__).resolve().parents[1] / "templates" / "certificates" / "证书模板.docx"
SERIF, SANS = "宋体", "黑体"


def _font(run, east_asian: str, size: float, bold: bool = False, color: RGBColor | None = None) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = "Times New Roman"
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east_asian)
    if color is not None:
        run.font.color.rgb = color


def _para(doc, text: str, east_asian: str, size: float, align, *, before: float = 0, after: float = 0,
          bold: bool = False, color: RGBColor | None = None, spacing: float | None = None, line: float | None = None):
    p = doc.add_paragraph()
    p.alignment = align
    f = p.paragraph_format
    f.space_before, f.space_after = Pt(before), Pt(after)
    if line:
        f.line_spacing = Pt(line)
    run = p.add_run(text)
    _font(run, east_asian, size, bold, color)
    if spacing is not None:
        sp = OxmlElement("w:spacing")
        sp.set(qn("w:val"), str(int(spacing * 20)))
        run._element.get_or_add_rPr().append(sp)
    return p


def _borders(section) -> None:
    pg = OxmlElement("w:pgBorders")
    pg.set(qn("w:offsetFrom"), "page")
    for side in ("top", "left", "bottom", "right"):
        b = OxmlElement(f"w:{side}")
        b.set(qn("w:val"), "thinThickSmallGap")
        b.set(qn("w:sz"), "36")
        b.set(qn("w:space"), "24")
        b.set(qn("w:color"), "B22222")
        pg.append(b)
    sect = section._sectPr
    anchor = sect.find(qn("w:pgMar"))
    anchor.addnext(pg)


def build(path: Path = OUT) -> Path:
    doc = Document()
    s = doc.sections[0]
    s.orientation = WD_ORIENT.LANDSCAPE
    s.page_width, s.page_height = Mm(297), Mm(210)
    s.top_margin, s.bottom_margin = Mm(36), Mm(18)
    s.left_margin = s.right_margin = Mm(38)
    _borders(s)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(12)
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    red = RGBColor(0xB2, 0x22, 0x22)
    _para(doc, "{证书名称}", SANS, 48, WD_ALIGN_PARAGRAPH.CENTER, before=6, after=34, bold=True, color=red, spacing=12)
    _para(doc, "{正文}", SERIF, 22, WD_ALIGN_PARAGRAPH.LEFT, after=36, line=40)
    _para(doc, "{颁发单位}", SERIF, 20, WD_ALIGN_PARAGRAPH.RIGHT, after=6)
    _para(doc, "{日期}", SERIF, 18, WD_ALIGN_PARAGRAPH.RIGHT, after=0)
    _para(doc, "证书编号：{编号}", SERIF, 11, WD_ALIGN_PARAGRAPH.LEFT, before=28)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
