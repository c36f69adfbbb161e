"""Word / Excel building blocks (python-docx, openpyxl) used by generate.py."""

import copy
import io

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, Emu
import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


# ---------------------------------------------------------------- docx helpers


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def save_docx(d) -> bytes:
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def set_core(d, author, title=""):
    cp = d.core_properties
    cp.author = author
    cp.last_modified_by = author
    cp.comments = ""
    cp.title = title
    cp.revision = 3


def east_asian(run, name="宋体", size=None, bold=None):
    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml(r'<w:rFonts %s/>' % nsdecls("w"))
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), name)
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold
    return run


def para(container, text="", style=None, align=None, bold=None, size=None, font="宋体", indent=False):
    p = container.add_paragraph(style=style) if style else container.add_paragraph()
    if indent:
        p.paragraph_format.first_line_indent = Pt((size or 12) * 2)
    if text:
        east_asian(p.add_run(text), font, size, bold)
    if align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return p


def remove_paragraph(p):
    el = p._element
    el.getparent().remove(el)


def clear_body_after(d, keep_first=1):
    """Remove all body paragraphs and tables except the first `keep_first` paragraphs."""
    body = d.element.body
    kept = 0
    for el in list(body.iterchildren()):
        tag = el.tag.split("}")[1]
        if tag == "sectPr":
            continue
        if tag == "p" and kept < keep_first:
            kept += 1
            continue
        body.remove(el)


def set_cell(cell, text, bold=False, align=None, size=10.5, font="宋体"):
    cell.text = ""
    lines = text.split("\n")
    p = cell.paragraphs[0]
    for i, line in enumerate(lines):
        if i:
            p = cell.add_paragraph()
        if line:
            east_asian(p.add_run(line), font, size, bold)
        if align == "center":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif align == "right":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return cell


def table_borders(table):
    tbl = table._tbl
    tblPr = tbl.tblPr
    borders = parse_xml(
        r'<w:tblBorders %s><w:top w:val="single" w:sz="6" w:space="0" w:color="000000"/>'
        r'<w:left w:val="single" w:sz="6" w:space="0" w:color="000000"/>'
        r'<w:bottom w:val="single" w:sz="6" w:space="0" w:color="000000"/>'
        r'<w:right w:val="single" w:sz="6" w:space="0" w:color="000000"/>'
        r'<w:insideH w:val="single" w:sz="6" w:space="0" w:color="000000"/>'
        r'<w:insideV w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:tblBorders>' % nsdecls("w"))
    tblPr.append(borders)


def row_height(row, cm, exact=False):
    row.height = Cm(cm)
    trPr = row._tr.get_or_add_trPr()
    h = trPr.find(qn("w:trHeight"))
    if h is not None:
        h.set(qn("w:hRule"), "exact" if exact else "atLeast")


def page_break(d):
    p = d.add_paragraph()
    p.add_run().add_break(WD_BREAK.PAGE)
    return p


def a4_portrait(d, margins_cm=2.2):
    for s in d.sections:
        s.page_width, s.page_height = Cm(21.0), Cm(29.7)
        s.orientation = WD_ORIENT.PORTRAIT
        s.left_margin = s.right_margin = Cm(margins_cm)
        s.top_margin = s.bottom_margin = Cm(2.0)


# ---------------------------------------------------------------- pictures in docx

_docpr_id = [1000]
WPG = "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"


def _next_id():
    _docpr_id[0] += 1
    return _docpr_id[0]


def add_picture(paragraph, data: bytes, width_cm=12.0, name=None):
    run = paragraph.add_run()
    shape = run.add_picture(io.BytesIO(data), width=Cm(width_cm))
    if name:
        shape._inline.docPr.set("name", name)
        shape._inline.docPr.set("descr", name)
    shape._inline.docPr.set("id", str(_next_id()))
    return run, shape


def make_floating(run, offset_cm=(0.0, 0.2), wrap="topAndBottom"):
    """Turn the inline picture of `run` into a floating (anchored) picture."""
    inline = run._element.find(".//" + qn("wp:inline"))
    extent = inline.find(qn("wp:extent"))
    docPr = inline.find(qn("wp:docPr"))
    graphic = inline.find(qn("a:graphic"))
    cx, cy = extent.get("cx"), extent.get("cy")
    wrap_xml = "<wp:wrapTopAndBottom/>" if wrap == "topAndBottom" else '<wp:wrapSquare wrapText="bothSides"/>'
    anchor = parse_xml(
        '<wp:anchor %s distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="%d" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>%d</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>%d</wp:posOffset></wp:positionV>'
        '<wp:extent cx="%s" cy="%s"/><wp:effectExtent l="0" t="0" r="0" b="0"/>%s'
        '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        '</wp:anchor>' % (nsdecls("wp", "a"), 251658240 + _next_id(), int(Cm(offset_cm[0])), int(Cm(offset_cm[1])),
                          cx, cy, wrap_xml))
    # docPr goes before cNvGraphicFramePr, graphic after it
    anchor.insert(len(anchor) - 1, docPr)
    anchor.append(graphic)
    inline.getparent().replace(inline, anchor)
    return anchor


def add_group_with_caption(paragraph, doc_part, data: bytes, caption: str, width_cm=11.0, aspect=0.75):
    """A floating group: the picture and a caption text box under it (Word 'group' of two shapes)."""
    rId, image = doc_part.get_or_add_image(io.BytesIO(data))
    w = int(Cm(width_cm))
    h = int(w * aspect)
    ch = int(Cm(0.9))
    gid = _next_id()
    xml = (
        '<w:r %s><w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
        'relativeHeight="%d" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>%d</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="%d" cy="%d"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>'
        '<wp:docPr id="%d" name="组合 %d"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup">'
        '<wpg:wgp><wpg:cNvGrpSpPr/><wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/>'
        '<a:chOff x="0" y="0"/><a:chExt cx="%d" cy="%d"/></a:xfrm></wpg:grpSpPr>'
        '<pic:pic><pic:nvPicPr><pic:cNvPr id="%d" name="图片 %d"/><pic:cNvPicPr><a:picLocks noChangeAspect="1"/></pic:cNvPicPr></pic:nvPicPr>'
        '<pic:blipFill><a:blip r:embed="%s"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        '<wps:wsp><wps:cNvPr id="%d" name="文本框 %d"/><wps:cNvSpPr txBox="1"/>'
        '<wps:spPr><a:xfrm><a:off x="0" y="%d"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        '<a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
        '<wps:txbx><w:txbxContent><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:rFonts w:eastAsia="宋体"/><w:sz w:val="20"/></w:rPr>'
        '<w:t>%s</w:t></w:r></w:p></w:txbxContent></wps:txbx>'
        '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="t"><a:noAutofit/></wps:bodyPr>'
        '</wps:wsp></wpg:wgp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>'
    ) % (nsdecls("w", "wp", "a", "pic", "r") + ' xmlns:wpg="%s" xmlns:wps="%s"' % (WPG, WPS), 251659000 + gid, int(Cm(1.5)), w, h + ch, gid, gid,
         w, h + ch, w, h + ch, gid + 1, gid, rId, w, h, gid + 2, gid, h, w, ch, caption)
    _docpr_id[0] += 2
    paragraph._p.append(parse_xml(xml))
    return paragraph


# ---------------------------------------------------------------- xlsx helpers


def open_xlsx(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def save_xlsx(wb, creator="Administrator") -> bytes:
    wb.properties.creator = creator
    wb.properties.lastModifiedBy = creator
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def style_row_like(ws, src_row, dst_row, ncols):
    for c in range(1, ncols + 1):
        s = ws.cell(src_row, c)
        d = ws.cell(dst_row, c)
        d._style = copy.copy(s._style)
    if ws.row_dimensions[src_row].height:
        ws.row_dimensions[dst_row].height = ws.row_dimensions[src_row].height


def cell_fmt(ws, r, c, value, bold=False, wrap=True, align="center", size=10, border=True, number_format=None):
    cell = ws.cell(r, c, value)
    cell.font = Font(name="宋体", size=size, bold=bold)
    cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=wrap)
    if border:
        cell.border = BORDER
    if number_format:
        cell.number_format = number_format
    return cell


def landscape_fit(ws, title_rows=None):
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    if title_rows:
        ws.print_title_rows = title_rows


def col_widths(ws, widths):
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w


def autofit_rows(ws, first_row=5, min_height=None):
    """Give wrapped rows the height Excel would (LibreOffice keeps openpyxl's default height)."""
    import math
    merged_multi = set()
    for rng_ in ws.merged_cells.ranges:
        if rng_.max_row > rng_.min_row:
            for r in range(rng_.min_row, rng_.max_row + 1):
                merged_multi.add(r)
    for r in range(first_row, ws.max_row + 1):
        if r in merged_multi:
            continue
        lines = 1
        for c in range(1, ws.max_column + 1):
            v = ws.cell(r, c).value
            if v is None:
                continue
            s = str(v)
            letter = get_column_letter(c)
            width = ws.column_dimensions[letter].width or 8.43
            # a merged single-row cell spans several columns
            for rng_ in ws.merged_cells.ranges:
                if rng_.min_row == r == rng_.max_row and rng_.min_col == c:
                    width = sum((ws.column_dimensions[get_column_letter(k)].width or 8.43)
                                for k in range(rng_.min_col, rng_.max_col + 1))
            units = sum(2 if ord(ch) > 255 else 1 for ch in s)
            lines = max(lines, math.ceil(units / max(1.0, width - 1.5)))
        h = max(min_height or 0, ws.row_dimensions[r].height or 0, 14.5 * lines + 4)
        ws.row_dimensions[r].height = h
