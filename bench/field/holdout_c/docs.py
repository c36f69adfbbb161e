"""Word documents: case texts (A1), approval forms (A5) in several layouts, work summaries."""
from __future__ import annotations

import datetime as dt
import io
import random

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, Emu

from textgen import spec_count

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"')

FIXED = dt.datetime(2020, 6, 17, 9, 30, 0)


def new_doc(east_asia: str = "宋体", size: float = 12, author: str = "Administrator") -> Document:
    d = Document()
    cp = d.core_properties
    cp.author = author
    cp.last_modified_by = author
    cp.created = FIXED
    cp.modified = FIXED
    cp.revision = 3
    sec = d.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.4)
    sec.top_margin = sec.bottom_margin = Cm(2.2)
    for sname in ("Normal", "Heading 1", "Heading 2", "Title", "Caption"):
        st = d.styles[sname]
        _east_asia(st.element.get_or_add_rPr(), east_asia)
    d.styles["Normal"].font.size = Pt(size)
    return d


def ea(run, name: str):
    _east_asia(run._r.get_or_add_rPr(), name)


def _east_asia(rpr, name: str):
    """The East Asian font of a run's or a style's properties (w:rFonts/@w:eastAsia)."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = parse_xml(f'<w:rFonts {NS}/>')
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), name)


def para(container, text: str = "", bold: bool = False, size: float | None = None,
         align=None, style: str | None = None, font: str | None = None):
    p = container.add_paragraph(style=style) if style else container.add_paragraph()
    if text:
        r = p.add_run(text)
        r.bold = bold
        if size:
            r.font.size = Pt(size)
        if font:
            ea(r, font)
    if align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return p


def cell_text(cell, text: str, bold: bool = False, align=None, size: float | None = None):
    """Replace a cell's text (keeping one paragraph per line)."""
    lines = text.split("\n")
    cell.paragraphs[0].text = ""
    for i, line in enumerate(lines):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        if line:
            r = p.add_run(line)
            r.bold = bold
            if size:
                r.font.size = Pt(size)
        if align == "center":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return cell


def row_height(row, cm: float):
    row.height = Cm(cm)
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST


def page_break(doc):
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


# --- pictures -------------------------------------------------------------------------------------

def picture(paragraph, data: bytes, width_cm: float):
    run = paragraph.add_run()
    run.add_picture(io.BytesIO(data), width=Cm(width_cm))
    return run


def make_floating(run, offset_cm: float = 0.0):
    """Turn the run's inline picture into a floating one (wrap top and bottom)."""
    inline = run._r.find('.//' + qn('wp:inline'))
    extent = inline.find(qn('wp:extent'))
    docpr = inline.find(qn('wp:docPr'))
    graphic = inline.find(qn('a:graphic'))
    anchor = parse_xml(
        f'<wp:anchor {NS} distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
        f'relativeHeight="2516{docpr.get("id").zfill(5)}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        f'<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="column"><wp:posOffset>{int(offset_cm * 360000)}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{extent.get("cx")}" cy="{extent.get("cy")}"/>'
        f'<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>'
        f'<wp:docPr id="{docpr.get("id")}" name="{docpr.get("name")}"/>'
        f'<wp:cNvGraphicFramePr/></wp:anchor>')
    anchor.append(graphic)
    inline.getparent().replace(inline, anchor)


_TB_ID = [500]


def textbox(paragraph, lines: list[str], width_cm: float = 15.0, height_cm: float = 1.6):
    """A Word 2010 text box (DrawingML with the VML fallback Word also writes)."""
    _TB_ID[0] += 1
    tid = _TB_ID[0]
    cx, cy = int(width_cm * 360000), int(height_cm * 360000)
    esc = [ln.replace("&", "&amp;").replace("<", "&lt;") for ln in lines]
    content = "".join(f'<w:p><w:r><w:t xml:space="preserve">{ln}</w:t></w:r></w:p>' for ln in esc)
    xml = (
        f'<w:r {NS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        f'<wp:anchor distT="45720" distB="45720" distL="114300" distR="114300" simplePos="0" relativeHeight="2516{tid}" '
        f'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>'
        f'<wp:docPr id="{tid}" name="文本框 {tid}"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>'
        f'<a:ln w="6350"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr>'
        f'<wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx>'
        f'<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="t" anchorCtr="0">'
        f'<a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
        f'<mc:Fallback><w:pict><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">'
        f'<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
        f'<v:shape id="文本框 {tid}" o:spid="_x0000_s{tid}" type="#_x0000_t202" '
        f'style="position:absolute;margin-left:0;margin-top:0;width:{width_cm * 28.35:.1f}pt;height:{height_cm * 28.35:.1f}pt;z-index:{tid}" '
        f'fillcolor="white" strokeweight=".5pt"><v:textbox><w:txbxContent>{content}</w:txbxContent></v:textbox></v:shape>'
        f'</w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    paragraph._p.append(parse_xml(xml))


_REV = [900]


def tracked(paragraph, kept: str, deleted: str, inserted: str, tail: str, author: str = "学工办"):
    """kept + <del>deleted</del> + <ins>inserted</ins> + tail — changes left unaccepted."""
    def rid():
        _REV[0] += 1
        return _REV[0]
    paragraph.add_run(kept)
    date = "2020-06-16T15:20:00Z"
    if deleted:
        paragraph._p.append(parse_xml(
            f'<w:del {NS} w:id="{rid()}" w:author="{author}" w:date="{date}"><w:r>'
            f'<w:delText xml:space="preserve">{deleted}</w:delText></w:r></w:del>'))
    if inserted:
        paragraph._p.append(parse_xml(
            f'<w:ins {NS} w:id="{rid()}" w:author="{author}" w:date="{date}"><w:r>'
            f'<w:t xml:space="preserve">{inserted}</w:t></w:r></w:ins>'))
    if tail:
        paragraph.add_run(tail)


def track_revisions_on(doc):
    settings = doc.settings.element
    if settings.find(qn("w:trackRevisions")) is None:
        settings.insert(0, parse_xml(f'<w:trackRevisions {NS}/>'))


def page_number_footer(section, prefix: str = ""):
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if prefix:
        p.add_run(prefix)
    p._p.append(parse_xml(f'<w:r {NS}><w:fldChar w:fldCharType="begin"/></w:r>'))
    p._p.append(parse_xml(f'<w:r {NS}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'))
    p._p.append(parse_xml(f'<w:r {NS}><w:fldChar w:fldCharType="separate"/></w:r>'))
    p._p.append(parse_xml(f'<w:r {NS}><w:t>1</w:t></w:r>'))
    p._p.append(parse_xml(f'<w:r {NS}><w:fldChar w:fldCharType="end"/></w:r>'))


def save(doc, path):
    from sheets import normalise_zip
    doc.save(str(path))
    normalise_zip(path, date=(2020, 6, 17, 9, 30, 0))


# --- A1 case --------------------------------------------------------------------------------------

def build_case(path, *, title: str, author: dict, author_style: str, heading_style: str,
               headings: list[str], sections: list[list[str]], pictures: list[tuple[bytes, str]],
               picture_layout: str = "inline", life_embed: tuple[bytes, str] | None = None,
               indent: str = "", header_text: str = "", header_logo: bytes | None = None,
               tracked_change: tuple[str, str] | None = None, rng: random.Random | None = None):
    """Write a case docx. `sections[i]` is the paragraph list of heading i (a missing heading = no section).

    author: {姓名, 学号, 学院, 所带班级}; author_style: line | paren | table | textbox | none
    heading_style: h2 | bold | table | h1
    picture_layout: inline (after the sections, spread) | pairs (1x2 tables) | floating | cells (in the
    template table) | none
    """
    rng = rng or random.Random(0)
    doc = new_doc()
    sec = doc.sections[0]
    if header_text or header_logo:
        hp = sec.header.paragraphs[0]
        if header_logo:
            hp.add_run().add_picture(io.BytesIO(header_logo), width=Cm(2.6))
        if header_text:
            hp.add_run("　" + header_text)
        page_number_footer(sec, "第 ")
    if heading_style != "table":
        para(doc, title, bold=True, size=18, align="center", style="Title" if heading_style == "h2" else None)
        a = author
        if author_style == "line":
            para(doc, f"作者：{a['姓名']}　学号：{a['学号']}　学院：{a['学院']}　所带班级：{a['所带班级']}", align="center")
        elif author_style == "paren":
            para(doc, f"{a['学院']}　{a['姓名']}（学号：{a['学号']}）", align="center")
        elif author_style == "paren2":
            para(doc, f"作者：{a['姓名']}（{a['学号']}）", align="center")
        elif author_style == "table":
            t = doc.add_table(rows=2, cols=4)
            t.style = "Table Grid"
            vals = [("姓名", a["姓名"], "学号", a["学号"]), ("学院", a["学院"], "所带班级", a["所带班级"])]
            for r, rowvals in enumerate(vals):
                for c, v in enumerate(rowvals):
                    cell_text(t.cell(r, c), v, bold=(c % 2 == 0), align="center")
            doc.add_paragraph()
        elif author_style == "textbox":
            p = doc.add_paragraph()
            textbox(p, [f"作者：{a['姓名']}　　学号：{a['学号']}",
                        f"学院：{a['学院']}　　所带班级：{a['所带班级']}"], width_cm=14.5, height_cm=1.9)
        pics = list(pictures)
        n_par = sum(len(s) for s in sections)
        # where pictures go: after paragraph k (spread through the text)
        slots = {}
        if picture_layout in ("inline", "floating", "pairs"):
            groups = pics if picture_layout != "pairs" else _pairs(pics)
            step = max(1, n_par // (len(groups) + 1))
            for gi, g in enumerate(groups):
                slots.setdefault(min(n_par - 1, step * (gi + 1)), []).append(g)
        k = 0
        fig = [0]
        for hi, head in enumerate(headings):
            if heading_style == "h2":
                doc.add_paragraph(head, style="Heading 2")
            elif heading_style == "h1":
                doc.add_paragraph(head, style="Heading 1")
            else:
                para(doc, head, bold=True, size=14)
            for j, ptxt in enumerate(sections[hi]):
                p = doc.add_paragraph()
                if tracked_change and hi == 1 and j == 0:
                    cut = len(ptxt) // 2
                    tracked(p, indent + ptxt[:cut], tracked_change[0], tracked_change[1], ptxt[cut:])
                else:
                    p.add_run(indent + ptxt)
                for g in slots.get(k, []):
                    _place(doc, g, picture_layout, fig)
                k += 1
        if life_embed:
            p = doc.add_paragraph(); p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            picture(p, life_embed[0], 6)
            para(doc, life_embed[1], align="center", style="Caption")
    else:
        _table_case(doc, title, author, headings, sections, pictures, indent, life_embed)
    save(doc, path)
    body = sum(spec_count(p) for s in sections for p in s) + sum(spec_count(h) for h in headings)
    return body


def _pairs(pics):
    out = []
    for i in range(0, len(pics), 2):
        out.append(tuple(pics[i:i + 2]) if i + 1 < len(pics) else pics[i])
    return out


def _place(doc, g, layout, fig):
    if isinstance(g, tuple) and len(g) == 2 and isinstance(g[0], tuple):
        t = doc.add_table(rows=2, cols=2)
        for c, (data, cap) in enumerate(g):
            fig[0] += 1
            pc = t.cell(0, c).paragraphs[0]
            pc.alignment = WD_ALIGN_PARAGRAPH.CENTER
            picture(pc, data, 7.0)
            cell_text(t.cell(1, c), cap, align="center", size=10.5)
        doc.add_paragraph()
        return
    data, cap = g
    fig[0] += 1
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = picture(p, data, 11.0)
    if layout == "floating":
        make_floating(run, offset_cm=1.5)
    cp = para(doc, cap, align="center", style="Caption")
    return cp


def _table_case(doc, title, a, headings, sections, pictures, indent, life_embed):
    """The whole case inside a 4-column form table (the template's table layout)."""
    para(doc, "肇庆学院学生带班党员工作案例", bold=True, size=16, align="center")
    rows = 3 + len(headings) + 1
    t = doc.add_table(rows=rows, cols=4)
    t.style = "Table Grid"
    cell_text(t.cell(0, 0), "案例题目", bold=True, align="center")
    m = t.cell(0, 1).merge(t.cell(0, 3))
    cell_text(m, title, bold=True)
    for r, vals in ((1, ("姓名", a["姓名"], "学号", a["学号"])), (2, ("学院", a["学院"], "所带班级", a["所带班级"]))):
        for c, v in enumerate(vals):
            cell_text(t.cell(r, c), v, bold=(c % 2 == 0), align="center")
    for hi, head in enumerate(headings):
        r = 3 + hi
        cell_text(t.cell(r, 0), head, bold=True, align="center")
        m = t.cell(r, 1).merge(t.cell(r, 3))
        m.paragraphs[0].text = ""
        for j, ptxt in enumerate(sections[hi]):
            p = m.paragraphs[0] if j == 0 else m.add_paragraph()
            p.add_run(indent + ptxt)
    r = rows - 1
    cell_text(t.cell(r, 0), "相关图片", bold=True, align="center")
    m = t.cell(r, 1).merge(t.cell(r, 3))
    first = True
    for data, cap in pictures:
        p = m.paragraphs[0] if first else m.add_paragraph()
        first = False
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture(p, data, 9.0)
        cp = m.add_paragraph(cap)
        cp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if life_embed:
        p = doc.add_paragraph(); p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture(p, life_embed[0], 6)
        para(doc, life_embed[1], align="center")


# --- A5 approval form -----------------------------------------------------------------------------

A5_PAIRS = [("姓名", "性别"), ("学号", "学院"), ("专业班级", "政治面貌"), ("所带班级", "联系电话"),
            ("诚信记录", "不及格科目数"), ("获奖情况", "所带班级违纪人数"), ("带班征文", "申报等级")]
SPACED = {"姓名": "姓　　名", "性别": "性　　别", "学号": "学　　号", "学院": "学　　院"}


def build_a5(path, v: dict, *, layout: str = "plain", college_label: str, opinion: str,
             signer: str, sign_date: str, deeds: str, comments: list[tuple[str, str]] = (),
             school_opinion: str = ""):
    """Approval form, two A4 pages. v: the person's values keyed by A5 labels.

    layout: plain | nested (the form inside an outer 1x1 table) | spaced (spaced labels) |
            inline (label and value in one cell, 姓名：张三) | check (☑ boxes for enumerations)
    """
    doc = new_doc(size=12)
    para(doc, "肇庆学院学生带班党员考核审批表", bold=True, size=18, align="center")
    para(doc, "（2019—2020学年度）", align="center", size=11)
    holder = doc
    if layout == "nested":
        outer = doc.add_table(rows=1, cols=1)
        outer.style = "Table Grid"
        holder = outer.cell(0, 0)
        holder.paragraphs[0].text = "填表日期：2020年6月16日"
    vals = dict(v)
    vals["学院"] = college_label
    if layout == "check":
        lvl = vals["申报等级"]
        vals["申报等级"] = ("☑" if lvl == "学生带班党员标兵" else "□") + "学生带班党员标兵　" + \
                          ("☑" if lvl == "优秀学生带班党员" else "□") + "优秀学生带班党员"
        e = vals["带班征文"]
        vals["带班征文"] = ("☑" if e == "已完成" else "□") + "已完成　" + ("☑" if e != "已完成" else "□") + "未完成"
        c = vals["诚信记录"]
        vals["诚信记录"] = ("☑" if c == "无" else "□") + "无　" + ("☑" if c != "无" else "□") + "有不良记录"
    comment_cells = {}
    if layout == "inline":
        t = holder.add_table(rows=len(A5_PAIRS) + 1, cols=2)
        t.style = "Table Grid"
        for r, (l1, l2) in enumerate(A5_PAIRS):
            cell_text(t.cell(r, 0), f"{l1}：{vals[l1]}")
            cell_text(t.cell(r, 1), f"{l2}：{vals[l2]}")
            row_height(t.rows[r], 1.1)
        r = len(A5_PAIRS)
        m = t.cell(r, 0).merge(t.cell(r, 1))
        cell_text(m, "带班工作主要事迹：\n" + deeds)
        row_height(t.rows[r], 13.5)
    else:
        t = holder.add_table(rows=len(A5_PAIRS) + 1, cols=4)
        t.style = "Table Grid"
        for r, (l1, l2) in enumerate(A5_PAIRS):
            lab1 = SPACED.get(l1, l1) if layout == "spaced" else l1
            lab2 = SPACED.get(l2, l2) if layout == "spaced" else l2
            cell_text(t.cell(r, 0), lab1, bold=True, align="center")
            cell_text(t.cell(r, 1), str(vals[l1]), align="center")
            cell_text(t.cell(r, 2), lab2, bold=True, align="center")
            cell_text(t.cell(r, 3), str(vals[l2]), align="center")
            comment_cells[l1] = t.cell(r, 1)
            comment_cells[l2] = t.cell(r, 3)
            row_height(t.rows[r], 1.1)
        r = len(A5_PAIRS)
        cell_text(t.cell(r, 0), "带班工作\n主要事迹", bold=True, align="center")
        m = t.cell(r, 1).merge(t.cell(r, 3))
        cell_text(m, deeds)
        row_height(t.rows[r], 13.5)
    for label, text in comments:
        cell = comment_cells.get(label)
        if cell is not None and cell.paragraphs[0].runs:
            doc.add_comment(cell.paragraphs[0].runs, text=text, author="学工办", initials="XG")
    # page 2
    if layout == "nested":
        holder.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    else:
        page_break(doc)
    t2 = holder.add_table(rows=2, cols=2)
    t2.style = "Table Grid"
    cell_text(t2.cell(0, 0), "学院党委\n意见", bold=True, align="center")
    cell_text(t2.cell(0, 1), f"{opinion}\n\n\n签字：{signer}　　　　　　（盖章）\n\n日期：{sign_date}")
    row_height(t2.rows[0], 10.5)
    cell_text(t2.cell(1, 0), "学校审批\n意见", bold=True, align="center")
    cell_text(t2.cell(1, 1), f"{school_opinion}\n\n\n签字：　　　　　　　　　　（盖章）\n\n日期：　　　　年　　月　　日")
    row_height(t2.rows[1], 10.5)
    t2.autofit = False
    for i, w in enumerate((Cm(3.0), Cm(13.2))):
        t2.columns[i].width = w
        for cell in t2.columns[i].cells:
            cell.width = w
    save(doc, path)


# --- work summary ---------------------------------------------------------------------------------

def build_summary(path, *, title: str, paragraphs: list[str], signer: str, date: str,
                  headings: dict[int, str] | None = None, header: str = "", tracked_change=None,
                  comment: tuple[str, str] | None = None, font: str = "仿宋_GB2312"):
    doc = new_doc(east_asia=font, size=14)
    if header:
        doc.sections[0].header.paragraphs[0].text = header
        page_number_footer(doc.sections[0], "— ")
    para(doc, title, bold=True, size=20, align="center", font="方正小标宋简体")
    headings = headings or {}
    for i, ptxt in enumerate(paragraphs):
        if i in headings:
            para(doc, headings[i], bold=True, font="黑体")
        p = doc.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(28)
        if tracked_change and i == 2:
            cut = len(ptxt) // 3
            tracked(p, ptxt[:cut], tracked_change[0], tracked_change[1], ptxt[cut:])
        else:
            r = p.add_run(ptxt)
        if comment and i == 1 and p.runs:
            doc.add_comment(p.runs, text=comment[1], author=comment[0], initials="LX")
    doc.add_paragraph()
    para(doc, signer, align="right")
    para(doc, date, align="right")
    if tracked_change:
        track_revisions_on(doc)
    save(doc, path)
