"""Word documents: cases (A1), approval forms (A5), work summaries — in the layouts colleges use."""
from __future__ import annotations

import copy
import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

SECTION_KEYS = ["背景与起因", "做法与流程", "效果与启示", "创意与评价"]
CN_NUM = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]


# ---------------------------------------------------------------- low-level helpers
def new_doc(margins_cm=(2.5, 2.2, 2.5, 2.2)) -> Document:
    d = Document()
    s = d.sections[0]
    s.page_width, s.page_height = Cm(21.0), Cm(29.7)
    s.top_margin, s.right_margin, s.bottom_margin, s.left_margin = [Cm(x) for x in margins_cm]
    st = d.styles["Normal"]
    st.font.name = "Times New Roman"
    st.font.size = Pt(12)
    rpr = st.element.get_or_add_rPr()
    rf = rpr.find(qn("w:rFonts"))
    if rf is None:
        rf = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        rpr.append(rf)
    rf.set(qn("w:eastAsia"), "宋体")
    return d


def ea(run, name="宋体"):
    rpr = run._r.get_or_add_rPr()
    rf = rpr.find(qn("w:rFonts"))
    if rf is None:
        rf = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        rpr.insert(0, rf)
    rf.set(qn("w:eastAsia"), name)
    rf.set(qn("w:ascii"), "Times New Roman")
    rf.set(qn("w:hAnsi"), "Times New Roman")
    return run


def para(doc_or_cell, text="", bold=False, size=None, align=None, font=None, color=None, style=None,
         indent=False, space_after=None):
    p = doc_or_cell.add_paragraph(style=style) if style else doc_or_cell.add_paragraph()
    if text:
        r = p.add_run(("\u3000\u3000" if indent else "") + text)
        r.bold = bold
        if size:
            r.font.size = Pt(size)
        if font:
            ea(r, font)
        if color:
            r.font.color.rgb = RGBColor(*color)
    if align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if space_after is not None:
        p.paragraph_format.space_after = Pt(space_after)
    return p


def cell_text(cell, text, bold=False, size=None, align=None):
    cell.text = ""
    lines = str(text).split("\n")
    p = cell.paragraphs[0]
    for i, line in enumerate(lines):
        if i:
            p = cell.add_paragraph()
        r = p.add_run(line)
        r.bold = bold
        if size:
            r.font.size = Pt(size)
        if align == "center":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return cell


def set_borders(table, sz=6):
    tbl = table._tbl
    tblPr = tbl.tblPr
    b = parse_xml(
        f'<w:tblBorders {nsdecls("w")}>' + "".join(
            f'<w:{e} w:val="single" w:sz="{sz}" w:space="0" w:color="000000"/>'
            for e in ("top", "left", "bottom", "right", "insideH", "insideV")) + "</w:tblBorders>")
    tblPr.append(b)


def set_col_widths(table, widths_cm):
    table.autofit = False
    grid = table._tbl.tblGrid
    for i, gc in enumerate(grid.findall(qn("w:gridCol"))):
        if i < len(widths_cm):
            gc.set(qn("w:w"), str(int(widths_cm[i] * 567)))
    for row in table.rows:
        for i, w in enumerate(widths_cm):
            if i < len(row.cells):
                row.cells[i].width = Cm(w)


def row_height(row, cm, rule="atLeast"):
    trPr = row._tr.get_or_add_trPr()
    if trPr.find(qn("w:cantSplit")) is None:
        trPr.insert(0, parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
    h = parse_xml(f'<w:trHeight {nsdecls("w")} w:val="{int(cm * 567)}" w:hRule="{rule}"/>')
    trPr.append(h)


def page_break(doc):
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def add_picture_run(paragraph, data: bytes, width_cm: float):
    r = paragraph.add_run()
    r.add_picture(io.BytesIO(data), width=Cm(width_cm))
    return r


_ANCHOR_N = [0]


def make_floating(run):
    """Turn the run's inline picture into a floating (anchored, top-and-bottom wrapped) one."""
    inline = run._r.find(".//" + qn("wp:inline"))
    _ANCHOR_N[0] += 1
    anchor = parse_xml(
        f'<wp:anchor {nsdecls("wp")} distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
        f'relativeHeight="{251658240 + _ANCHOR_N[0]}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:align>center</wp:align></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>36000</wp:posOffset></wp:positionV></wp:anchor>')
    anchor.append(copy.deepcopy(inline.find(qn("wp:extent"))))
    anchor.append(parse_xml(f'<wp:effectExtent {nsdecls("wp")} l="0" t="0" r="0" b="0"/>'))
    anchor.append(parse_xml(f'<wp:wrapTopAndBottom {nsdecls("wp")}/>'))
    anchor.append(copy.deepcopy(inline.find(qn("wp:docPr"))))
    c = inline.find(qn("wp:cNvGraphicFramePr"))
    anchor.append(copy.deepcopy(c) if c is not None else parse_xml(f'<wp:cNvGraphicFramePr {nsdecls("wp")}/>'))
    anchor.append(copy.deepcopy(inline.find(qn("a:graphic"))))
    inline.getparent().replace(inline, anchor)


def add_textbox(doc, paragraphs: list[tuple[str, bool]], width_pt=420, height_pt=260):
    """A VML text box (as Word 2007 writes it) holding the given (text, bold) paragraphs."""
    body = "".join(
        f'<w:p><w:r>{"<w:rPr><w:b/></w:rPr>" if b else ""}<w:t xml:space="preserve">{_esc(t)}</w:t></w:r></w:p>'
        for t, b in paragraphs)
    xml = (f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
           f'<w:pict><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">'
           f'<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
           f'<v:shape id="TextBox1" o:spid="_x0000_s1026" type="#_x0000_t202" '
           f'style="width:{width_pt}pt;height:{height_pt}pt;mso-position-horizontal:center" strokeweight=".5pt">'
           f'<v:textbox><w:txbxContent>{body}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>')
    p = doc.add_paragraph()
    p._p.append(parse_xml(xml))
    return p


def _esc(t: str) -> str:
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def header_logo(doc, png: bytes):
    hp = doc.sections[0].header.paragraphs[0]
    hp.add_run().add_picture(io.BytesIO(png), height=Cm(0.9))
    r = hp.add_run("　肇庆学院学生带班党员优秀案例")
    r.font.size = Pt(9)


def save(doc, path):
    doc.core_properties.author = "admin"
    doc.core_properties.last_modified_by = "admin"
    doc.save(str(path))


# ---------------------------------------------------------------- A1 case
def heading_text(style: str, i: int, key: str, custom: list | None) -> str:
    if custom:
        return custom[i]
    return {
        "h2_cn": f"{CN_NUM[i]}、{key}",
        "bold_cn": f"{CN_NUM[i]}、{key}",
        "bold_paren": f"（{CN_NUM[i]}）{key}",
        "num_dot": f"{i + 1}. {key}",
        "num_fw": f"{i + 1}．{key}",
        "part": f"第{CN_NUM[i]}部分　{key}",
        "bold_plain": key,
        "table": f"{CN_NUM[i]}、{key}",
    }[style]


def case_doc(c: dict) -> Document:
    """c: title, author (dict name/sid/college/led), author_style, heading_style, headings (custom list or None),
    sections (4 lists of paragraphs; None = section absent), pictures [(bytes, caption)], placement,
    caption_fmt, life_embedded (bytes, caption) | None, logo png | None, keep_instruction, textbox (index) | None."""
    d = new_doc()
    if c.get("logo"):
        header_logo(d, c["logo"])
    a = c["author"]
    hs = c["heading_style"]
    title_p = para(d, c["title"], bold=True, size=16, align="center", font="黑体")
    if c.get("title_style") == "Title":
        title_p.style = d.styles["Title"]
    if c.get("keep_instruction"):
        para(d, "说明：正文1500字以内（不含标题、作者信息和图片说明），附图片3–5张并注明图片说明；作者生活照电子版（1M以上）"
                "单独提供，命名为“姓名生活照.jpg”；以“学院名称+优秀带班党员案例”命名打包提交。", size=10.5)
    st = c["author_style"]
    if st == "line_full":
        para(d, f"作者：{a['name']}　学号：{a['sid']}　所带班级：{a['led']}", align="center", font="楷体")
    elif st == "template_line":
        para(d, f"姓名：{a['name']}\u3000学号：{a['sid']}\u3000学院：{a['college']}\u3000所带班级：{a['led']}")
    elif st == "paren":
        para(d, f"{a['college']}　{a['name']}（{a['sid']}）", align="center")
    elif st == "paren_label":
        para(d, f"作者：{a['name']}（学号：{a['sid']}）　{a['college']}", align="center")
    elif st == "paren_half":
        para(d, f"作者:{a['name']}(学号:{a['sid']})  所带班级:{a['led']}", align="center")
    elif st == "table":
        t = d.add_table(rows=2, cols=4)
        set_borders(t)
        for j, (k, v) in enumerate([("姓名", a["name"]), ("学号", a["sid"]), ("学院", a["college"]),
                                    ("所带班级", a["led"])]):
            cell_text(t.cell(0, j), k, bold=True, align="center")
            cell_text(t.cell(1, j), v, align="center")
        para(d, "")
    pics = list(c.get("pictures") or [])
    placement = c.get("placement", "inline")
    cap_fmt = c.get("caption_fmt", "图{n} {cap}")
    secs = c["sections"]
    custom = c.get("headings")
    pic_slots = _distribute(len(pics), [i for i, s in enumerate(secs) if s is not None]) if placement in (
        "inline", "floating") else {}
    pic_iter = iter(enumerate(pics, 1))

    def put_pic(container, n, data, cap, floating=False, width=12.0):
        p = container.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = add_picture_run(p, data, width)
        if floating:
            make_floating(r)
        cp = container.add_paragraph(cap_fmt.format(n=n, cap=cap))
        cp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if c.get("caption_style") and container is d:
            cp.style = d.styles["Caption"]
        for run in cp.runs:
            run.font.size = Pt(10.5)

    if hs == "table":
        t = d.add_table(rows=0, cols=2)
        set_borders(t)
        for i, key in enumerate(SECTION_KEYS):
            if secs[i] is None:
                continue
            row = t.add_row()
            cell_text(row.cells[0], heading_text(hs, i, key, custom), bold=True)
            body = row.cells[1]
            body.text = ""
            for k, ptxt in enumerate(secs[i]):
                (body.paragraphs[0] if k == 0 else body.add_paragraph()).add_run("\u3000\u3000" + ptxt)
        set_col_widths(t, [3.0, 13.5])
        if pics:
            row = t.add_row()
            cell_text(row.cells[0], "相关图片", bold=True)
            cell = row.cells[1]
            cell.text = ""
            first = True
            for n, (data, cap) in pic_iter:
                p = cell.paragraphs[0] if first else cell.add_paragraph()
                first = False
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                add_picture_run(p, data, 10.0)
                cp = cell.add_paragraph(cap_fmt.format(n=n, cap=cap))
                cp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        set_col_widths(t, [3.0, 13.5])
    else:
        for i, key in enumerate(SECTION_KEYS):
            if secs[i] is None:
                continue
            htxt = heading_text(hs, i, key, custom)
            if c.get("textbox") == i:
                add_textbox(d, [(htxt, True)] + [("\u3000\u3000" + ptxt, False) for ptxt in secs[i]])
                continue
            if hs == "h2_cn":
                d.add_paragraph(htxt, style="Heading 2")
            else:
                para(d, htxt, bold=True, font="黑体" if hs != "bold_plain" else "宋体")
            for ptxt in secs[i]:
                para(d, ptxt, indent=c.get("indent", True))
            for _ in range(pic_slots.get(i, 0)):
                n, (data, cap) = next(pic_iter)
                put_pic(d, n, data, cap, floating=(placement == "floating"))
        if placement == "end":
            para(d, "附：相关图片", bold=True)
            for n, (data, cap) in pic_iter:
                put_pic(d, n, data, cap)
        elif placement == "grid":
            para(d, "活动图片", bold=True)
            items = list(pic_iter)
            cols = 2
            t = d.add_table(rows=(len(items) + 1) // cols * 2, cols=cols)
            for k, (n, (data, cap)) in enumerate(items):
                r0, cc = (k // cols) * 2, k % cols
                cell = t.cell(r0, cc)
                p = cell.paragraphs[0]
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                add_picture_run(p, data, 7.0)
                cell_text(t.cell(r0 + 1, cc), cap_fmt.format(n=n, cap=cap), align="center")
    if c.get("life_embedded"):
        data, cap = c["life_embedded"]
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_picture_run(p, data, 5.0)
        para(d, cap, align="center", size=10.5)
    if c.get("pics_as_files_note"):
        para(d, c["pics_as_files_note"], size=10.5)
    return d


def _distribute(n: int, slots: list[int]) -> dict[int, int]:
    out = {s: 0 for s in slots}
    order = [slots[1 % len(slots)], slots[2 % len(slots)], slots[0], slots[-1]] if len(slots) >= 3 else slots
    k = 0
    while n > 0:
        out[order[k % len(order)]] += 1
        n -= 1
        k += 1
    return out


# ---------------------------------------------------------------- A5 approval form
A5_LABELS = ["姓名", "性别", "学号", "学院", "专业班级", "政治面貌", "所带班级", "联系电话", "诚信记录", "不及格科目数",
             "获奖情况", "所带班级违纪人数", "带班征文", "申报等级"]
SPACED = {"姓名": "姓\u3000\u3000名", "性别": "性\u3000\u3000别", "学号": "学\u3000\u3000号", "学院": "学\u3000\u3000院"}
ALIAS = {"学院": "所在学院", "专业班级": "专业及班级", "所带班级": "带班班级", "联系电话": "手机", "诚信记录": "诚信情况",
         "不及格科目数": "不及格科目", "所带班级违纪人数": "违纪人数", "申报等级": "考核等级"}


def _checks(options: list[str], chosen: str) -> str:
    return "\u3000".join(("☑" if o == chosen else "□") + o for o in options)


def a5_values(p, college_label: str, vocab: dict | None = None) -> dict:
    v = {"姓名": p.name, "性别": p.sex, "学号": p.sid, "学院": college_label, "专业班级": p.major,
         "政治面貌": p.status, "所带班级": p.led, "联系电话": p.phone, "诚信记录": p.integ,
         "不及格科目数": str(p.fails), "获奖情况": p.award_text.replace("|", "、"), "所带班级违纪人数": str(p.viol),
         "带班征文": p.essay, "申报等级": p.rating}
    for k, f in (vocab or {}).items():
        v[k] = f(v[k]) if callable(f) else f
    return v


def a5_form(d, v: dict, deeds: str, layout: str, opinion_date: str, title=True, first=True,
            deeds_cm=14.5, opinion="经学院党委审核，情况属实，同意。"):
    """Append one approval form to document d."""
    if not first:
        page_break(d)
    if title:
        para(d, "肇庆学院学生带班党员考核审批表", bold=True, size=18, align="center", font="方正小标宋简体",
             space_after=6)
        if layout in ("spaced", "checks"):
            para(d, f"学院（盖章）：{v['学院']}　　　　　　　　填表日期：{opinion_date}", size=10.5)
    vv = dict(v)
    if layout == "checks":
        vv["申报等级"] = _checks(["学生带班党员标兵", "优秀学生带班党员"], v["申报等级"])
        vv["带班征文"] = _checks(["已完成", "未完成"], v["带班征文"])
        vv["诚信记录"] = _checks(["无", "有不良记录"], v["诚信记录"])
    sign = f"\n\n{opinion}\n\n签字：\u3000\u3000\u3000\u3000\u3000\u3000（盖章）\n\n日期：{opinion_date}"
    school = "\n\n\n签字：\u3000\u3000\u3000\u3000\u3000\u3000（盖章）\n\n日期：\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日"

    def lab(k):
        if layout == "spaced":
            return SPACED.get(k, k)
        if layout == "alias":
            return ALIAS.get(k, k)
        return k

    if layout in ("template", "spaced", "checks", "alias"):
        t = d.add_table(rows=7, cols=4)
        set_borders(t)
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        for i in range(7):
            k1, k2 = A5_LABELS[2 * i], A5_LABELS[2 * i + 1]
            cell_text(t.cell(i, 0), lab(k1), align="center")
            cell_text(t.cell(i, 1), vv[k1])
            cell_text(t.cell(i, 2), lab(k2), align="center")
            cell_text(t.cell(i, 3), vv[k2])
            row_height(t.rows[i], 1.1)
        set_col_widths(t, [3.0, 5.3, 3.2, 5.3])
        _long_rows(t, [("带班工作主要事迹" if layout != "alias" else "主要事迹", deeds, deeds_cm),
                       ("学院党委意见", sign, 4.6), ("学校审批意见", school, 4.2)], [3.0, 13.8])
    elif layout == "inline":
        t = d.add_table(rows=7, cols=2)
        set_borders(t)
        for i in range(7):
            k1, k2 = A5_LABELS[2 * i], A5_LABELS[2 * i + 1]
            cell_text(t.cell(i, 0), f"{k1}：{vv[k1]}")
            cell_text(t.cell(i, 1), f"{k2}：{vv[k2]}")
            row_height(t.rows[i], 1.0)
        set_col_widths(t, [8.4, 8.4])
        for label, text, h in [("带班工作主要事迹", deeds, deeds_cm), ("学院党委意见", sign, 4.6),
                               ("学校审批意见", school, 4.0)]:
            r = t.add_row()
            m = r.cells[0].merge(r.cells[1])
            cell_text(m, f"{label}：\n\u3000\u3000{text.strip()}" if label == "带班工作主要事迹" else f"{label}：{text}")
            row_height(r, h)
    elif layout == "below":
        t = d.add_table(rows=8, cols=4)
        set_borders(t)
        keys = A5_LABELS[:12]
        for g in range(3):
            for j in range(4):
                k = keys[4 * g + j]
                cell_text(t.cell(2 * g, j), k, bold=True, align="center")
                cell_text(t.cell(2 * g + 1, j), vv[k], align="center")
            row_height(t.rows[2 * g + 1], 1.0)
        for j, k in enumerate(["带班征文", "申报等级"]):
            cell_text(t.cell(6, 2 * j).merge(t.cell(6, 2 * j + 1)), k, bold=True, align="center")
            cell_text(t.cell(7, 2 * j).merge(t.cell(7, 2 * j + 1)), vv[k], align="center")
        set_col_widths(t, [4.2, 4.2, 4.2, 4.2])
        r = t.add_row()
        m = r.cells[0].merge(r.cells[3])
        cell_text(m, "带班工作主要事迹")
        r = t.add_row()
        m = r.cells[0].merge(r.cells[3])
        cell_text(m, "\u3000\u3000" + deeds)
        row_height(r, deeds_cm - 1)
        for label, text, h in [("学院党委意见", sign, 4.6), ("学校审批意见", school, 4.0)]:
            r = t.add_row()
            cell_text(r.cells[0], label, align="center")
            m = r.cells[1].merge(r.cells[3])
            cell_text(m, text)
            row_height(r, h)
    return d


def _long_rows(t, rows, widths):
    for label, text, h in rows:
        r = t.add_row()
        cell_text(r.cells[0], label, align="center")
        m = r.cells[1].merge(r.cells[2]).merge(r.cells[3])
        cell_text(m, ("\u3000\u3000" + text) if label.endswith("事迹") else text)
        row_height(r, h)


# ---------------------------------------------------------------- work summary
def summary_doc(college: str, paras: list[str], date: str, red_header=True, sections=None, table=None,
                sign_label=None) -> Document:
    d = new_doc()
    if red_header:
        para(d, f"中共肇庆学院{college}委员会", bold=True, size=24, align="center", font="方正小标宋简体",
             color=(220, 0, 0))
        p = para(d, "")
        pPr = p._p.get_or_add_pPr()
        pPr.append(parse_xml(f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="18" w:space="1" '
                             f'w:color="FF0000"/></w:pBdr>'))
    para(d, f"{college}学生带班工作总结", bold=True, size=18, align="center", font="黑体")
    k = 0
    for i, ptxt in enumerate(paras):
        if sections and i in sections:
            para(d, sections[i], bold=True, font="黑体")
        para(d, ptxt, indent=True, font="仿宋")
        k += 1
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        set_borders(t)
        for i, row in enumerate(table):
            for j, val in enumerate(row):
                cell_text(t.cell(i, j), val, align="center")
        para(d, "")
    para(d, "")
    para(d, sign_label or f"中共肇庆学院{college}委员会（盖章）", align="right")
    para(d, date, align="right")
    return d
