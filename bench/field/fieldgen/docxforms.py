"""A1 cases, A5 approval forms and work summaries as .docx, in the layouts colleges use."""
from __future__ import annotations

import copy
import datetime as dt
import io
import random

from docx import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

from .model import LEVEL_FULL, Case, Mentor
from .text import spec_count, split_paragraphs, text_of_count

FIXED_TIME = dt.datetime(2020, 6, 17, 20, 15, 0)

SECTION_NAMES = {"一": "背景与起因", "二": "做法与流程", "三": "效果与启示", "四": "创意与评价"}
REWORDED = {"一": "背景和起因", "二": "工作做法及流程", "三": "效果和启示", "四": "创意与评价"}
ARABIC = {"一": "1", "二": "2", "三": "3", "四": "4"}
ORD = {"一": "一", "二": "二", "三": "三", "四": "四"}


def heading_text(sec: str, style: str) -> str:
    name = SECTION_NAMES[sec]
    if style == "std":
        return f"{sec}、{name}"
    if style == "paren":
        return f"（{sec}）{name}"
    if style == "arabic":
        return f"{ARABIC[sec]}．{name}"
    if style == "arabic_half":
        return f"{ARABIC[sec]}. {name}"
    if style == "part":
        return f"第{sec}部分　{name}"
    if style == "bold":
        return name
    if style == "reworded":
        return f"{sec}、{REWORDED[sec]}"
    if style == "merged_title":
        return "一、标题、背景与起因" if sec == "一" else f"{sec}、{name}"
    raise ValueError(style)


def _font(run, name="宋体", size=None, bold=None):
    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = parse_xml(f'<w:rFonts {nsdecls("w")}/>')
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), name)
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold


def new_doc(author: str = "Administrator") -> Document:
    d = Document()
    cp = d.core_properties
    cp.author = author
    cp.last_modified_by = author
    cp.created = FIXED_TIME
    cp.modified = FIXED_TIME
    cp.revision = 3
    st = d.styles["Normal"]
    st.font.name = "宋体"
    st.font.size = Pt(12)
    st.element.get_or_add_rPr()
    rpr = st.element.rPr
    rf = rpr.find(qn("w:rFonts"))
    if rf is None:
        rf = parse_xml(f'<w:rFonts {nsdecls("w")}/>')
        rpr.insert(0, rf)
    rf.set(qn("w:eastAsia"), "宋体")
    sec = d.sections[0]
    sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
    sec.left_margin = sec.right_margin = Cm(2.5)
    sec.top_margin = sec.bottom_margin = Cm(2.5)
    return d


def para(d_or_cell, text="", size=None, bold=None, align=None, style=None):
    p = d_or_cell.add_paragraph(style=style) if style else d_or_cell.add_paragraph()
    if text:
        _font(p.add_run(text), size=size, bold=bold)
    if align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return p


def _to_anchor(inline, idx: int):
    """Turn a python-docx inline picture into a floating (anchored, square-wrapped) one."""
    extent = inline.find(qn("wp:extent"))
    cx, cy = extent.get("cx"), extent.get("cy")
    graphic = inline.find(qn("a:graphic"))
    docpr = inline.find(qn("wp:docPr"))
    anchor = parse_xml(
        f'<wp:anchor {nsdecls("wp", "a", "pic", "r")} distT="0" distB="0" distL="114300" distR="114300" '
        f'simplePos="0" relativeHeight="{251658240 + idx}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        f'<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="column"><wp:align>center</wp:align></wp:positionH>'
        f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapTopAndBottom/>'
        f'<wp:docPr id="{docpr.get("id")}" name="{docpr.get("name")}"/>'
        f'<wp:cNvGraphicFramePr/></wp:anchor>')
    anchor.append(copy.deepcopy(graphic))
    inline.getparent().replace(inline, anchor)


def add_picture(container, data: bytes, width_cm: float, floating: bool = False, idx: int = 0):
    p = container.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    run.add_picture(io.BytesIO(data), width=Cm(width_cm))
    if floating:
        inline = run._element.find(".//" + qn("wp:inline"))
        _to_anchor(inline, idx)
    return p


def add_caption(container, text: str, mode: str):
    if mode == "Caption":
        try:
            p = container.add_paragraph(style="Caption")
            _font(p.add_run(text))
        except KeyError:
            p = para(container, text, size=10.5)
    else:
        p = para(container, text, size=10.5)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def caption_text(i: int, cap: str, mode: str) -> str:
    if mode == "colon":
        return f"图{i}：{cap}"
    if mode == "paren":
        return f"（图{i}　{cap}）"
    return f"图{i}　{cap}"


def textbox_paragraph(doc_or_cell, heading: str, paras: list[str], shape_id: int):
    """A paragraph holding a VML text box (w:pict/v:textbox) with the heading and the text."""
    body = "".join(
        f'<w:p><w:r><w:rPr><w:rFonts w:eastAsia="宋体"/>{"<w:b/>" if k == 0 else ""}</w:rPr>'
        f'<w:t xml:space="preserve">{t}</w:t></w:r></w:p>'
        for k, t in enumerate([heading] + paras))
    h = 50 + 19 * sum(spec_count(t) // 30 + 1 for t in paras)
    xml = (f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml">'
           f'<w:pict><v:shape id="TextBox{shape_id}" type="#_x0000_t202" '
           f'style="width:440pt;height:{h}pt" strokecolor="#999999">'
           f'<v:textbox inset="6pt,6pt,6pt,6pt"><w:txbxContent>{body}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>')
    p = doc_or_cell.add_paragraph()
    p._p.append(parse_xml(xml))
    return p


def author_text(m: Mentor, college: str, style: str) -> str:
    if style == "line":
        return f"作者：{m.name}　学号：{m.sid}　所带班级：{m.led_class}"
    if style == "template":
        return f"姓名：{m.name}　学号：{m.sid}　学院：{college}　所带班级：{m.led_class}"
    if style == "paren":
        return f"{m.name}（{m.sid}）"
    if style == "paren_label":
        return f"作者：{m.name}（学号：{m.sid}）"
    if style == "paren_half":
        return f"作者:{m.name}(学号:{m.sid})　{college}"
    raise ValueError(style)


def section_texts(rng: random.Random, case: Case, hstyle: str) -> list[tuple[str, list[str]]]:
    heads = [heading_text(s, hstyle) for s in case.sections]
    H = sum(spec_count(h, strict=False) for h in heads)
    body = case.count - H
    k = len(heads)
    weights = [rng.uniform(0.8, 1.3) for _ in range(k)]
    sizes = [int(body * w / sum(weights)) for w in weights]
    sizes[-1] += body - sum(sizes)
    out = []
    for h, n in zip(heads, sizes):
        txt = text_of_count(rng, n)
        paras = split_paragraphs(rng, txt)
        if case.indent:
            paras = ["\u3000\u3000" + p for p in paras]
        out.append((h, paras))
    assert sum(spec_count(h, strict=False) + sum(spec_count(p) for p in ps) for h, ps in out) == case.count
    return out


def write_case(path, case: Case, college: str, st: dict, pics: list[bytes], captions: list[str],
               life: bytes | None, logo: bytes | None, rng: random.Random) -> None:
    """st: heading, layout (paragraphs|table), author (line|template|paren|paren_label|paren_half|table|none),
    pictures (inline|float|table|end), caption (Caption|plain), caption_text (space|colon|paren),
    life_caption (作者生活照 / 本人照片)."""
    d = new_doc()
    m = case.author
    hstyle = st.get("heading", "std")
    secs = section_texts(rng, case, hstyle)
    cap_mode = st.get("caption", "plain")
    cap_txt = st.get("caption_text", "space")
    if logo and case.header_logo:
        hp = d.sections[0].header.paragraphs[0]
        hp.add_run().add_picture(io.BytesIO(logo), width=Cm(1.2))
        _font(hp.add_run("　肇庆学院学生带班党员优秀案例"), size=9)
    embedded_pics = [] if case.pictures_as_files else pics
    if st.get("layout") == "table":
        _case_in_table(d, case, college, st, secs, embedded_pics, captions, life, cap_mode, cap_txt)
    else:
        title_style = st.get("title", "Title")
        if title_style == "Title":
            p = d.add_paragraph(style="Title")
            _font(p.add_run(case.title))
        else:
            para(d, case.title, size=18, bold=True, align="center")
        astyle = st.get("author", "line")
        if astyle == "table":
            t = d.add_table(rows=2, cols=4)
            t.style = "Table Grid"
            vals = [["姓名", m.name, "学号", m.sid], ["学院", college, "所带班级", m.led_class]]
            for i in range(2):
                for j in range(4):
                    t.cell(i, j).text = vals[i][j]
        elif astyle != "none" and not case.folder_only_author:
            para(d, author_text(m, college, astyle), size=12, align="center")
        # where do pictures go: spread after sections 2 and 3, or at the end
        pic_slots = {}
        if embedded_pics:
            if st.get("pictures") == "end":
                pic_slots[len(secs) - 1] = list(range(len(embedded_pics)))
            else:
                half = (len(embedded_pics) + 1) // 2
                a = min(1, len(secs) - 1)
                b = min(2, len(secs) - 1)
                pic_slots.setdefault(a, []).extend(range(half))
                pic_slots.setdefault(b, []).extend(range(half, len(embedded_pics)))
        pi = 0
        for si, (h, paras) in enumerate(secs):
            if case.text_box_section == si:
                textbox_paragraph(d, h, paras, si + 1)
            else:
                if hstyle == "std" and st.get("heading_builtin", True):
                    p = d.add_paragraph(style="Heading 2")
                    _font(p.add_run(h))
                else:
                    para(d, h, size=14, bold=True)
                for t in paras:
                    para(d, t)
            for k in pic_slots.get(si, []):
                if st.get("pictures") == "table":
                    tb = d.add_table(rows=2, cols=1)
                    tb.style = "Table Grid"
                    c = tb.cell(0, 0)
                    c.paragraphs[0].add_run().add_picture(io.BytesIO(embedded_pics[k]), width=Cm(11))
                    c2 = tb.cell(1, 0)
                    _font(c2.paragraphs[0].add_run(caption_text(k + 1, captions[k], cap_txt)), size=10.5)
                    c2.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
                else:
                    add_picture(d, embedded_pics[k], 11, floating=st.get("pictures") == "float", idx=pi)
                    add_caption(d, caption_text(k + 1, captions[k], cap_txt), cap_mode)
                pi += 1
        if life is not None and case.life_photo.startswith("embedded"):
            add_picture(d, life, 6)
            add_caption(d, st.get("life_caption", "作者生活照"), cap_mode)
    d.save(path)


def _case_in_table(d, case, college, st, secs, pics, captions, life, cap_mode, cap_txt):
    m = case.author
    para(d, "附件1　工作案例文本", size=12)
    t = d.add_table(rows=0, cols=2)
    t.style = "Table Grid"

    def row(label):
        r = t.add_row()
        r.cells[0].width = Cm(3)
        r.cells[1].width = Cm(13)
        _font(r.cells[0].paragraphs[0].add_run(label), bold=True)
        return r.cells[1]

    c = row("案例标题")
    _font(c.paragraphs[0].add_run(case.title), bold=True)
    c = row("作者信息")
    _font(c.paragraphs[0].add_run(f"{m.name}　学号：{m.sid}　所带班级：{m.led_class}"))
    for h, paras in secs:
        c = row(h)
        first = True
        for p in paras:
            if first:
                _font(c.paragraphs[0].add_run(p))
                first = False
            else:
                _font(c.add_paragraph().add_run(p))
    if pics:
        c = row("相关图片")
        for k, pic in enumerate(pics):
            pp = c.paragraphs[0] if k == 0 else c.add_paragraph()
            pp.add_run().add_picture(io.BytesIO(pic), width=Cm(9))
            pp.alignment = WD_ALIGN_PARAGRAPH.CENTER
            cp = c.add_paragraph()
            _font(cp.add_run(caption_text(k + 1, captions[k], cap_txt)), size=10.5)
            cp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if life is not None and case.life_photo.startswith("embedded"):
        c = row("作者生活照")
        c.paragraphs[0].add_run().add_picture(io.BytesIO(life), width=Cm(5))


# ---------------------------------------------------------------------------
A5_LABELS = [("姓名", "性别"), ("学号", "学院"), ("专业班级", "政治面貌"), ("所带班级", "联系电话"),
             ("诚信记录", "不及格科目数"), ("获奖情况", "所带班级违纪人数"), ("带班征文", "申报等级")]
SPACED = {"姓名": "姓　　名", "性别": "性　　别", "学号": "学　　号", "学院": "学　　院", "专业班级": "专业班级",
          "政治面貌": "政治面貌", "所带班级": "所带班级", "联系电话": "联系电话", "诚信记录": "诚信记录",
          "不及格科目数": "不及格科目数", "获奖情况": "获奖情况", "所带班级违纪人数": "所带班级违纪人数",
          "带班征文": "带班征文", "申报等级": "申报等级"}


def a5_values(m: Mentor, college_as_written: str, vocab: dict, overrides: dict | None = None) -> dict:
    def v(key, canonical):
        mp = vocab.get(key)
        if mp is None:
            return canonical
        return mp(canonical) if callable(mp) else mp.get(canonical, canonical)

    vals = {
        "姓名": m.name, "性别": m.sex, "学号": m.sid, "学院": college_as_written, "专业班级": m.major_class,
        "政治面貌": v("status", m.status), "所带班级": m.led_class, "联系电话": m.phone,
        "诚信记录": v("integrity", "无" if m.integrity_ok else "有不良记录"),
        "不及格科目数": str(v("failed", m.failed)),
        "获奖情况": "、".join((a.short or a.name) if vocab.get("award_short") else a.name for a in m.awards) or "无",
        "所带班级违纪人数": str(v("violations", m.violations)),
        "带班征文": v("essay", "已完成" if m.essay else "未完成"),
        "申报等级": v("level", LEVEL_FULL[m.level]),
    }
    if vocab.get("checkmarks"):
        lv = LEVEL_FULL[m.level]
        vals["申报等级"] = "　".join(("☑" if x == lv else "□") + x for x in ("学生带班党员标兵", "优秀学生带班党员", "合格"))
        vals["带班征文"] = "　".join(("☑" if (x == "已完成") == m.essay else "□") + x for x in ("已完成", "未完成"))
        vals["诚信记录"] = "　".join(("☑" if (x == "无") == m.integrity_ok else "□") + x for x in ("无", "有不良记录"))
    if overrides:
        vals.update(overrides)
    return vals


def write_a5(path, m: Mentor, college_official: str, st: dict, overrides: dict | None = None,
             opinion_date: str = "2020年6月16日", secretary: str = "李建国"):
    """st: layout (template|spaced|onecell|below), college (as written), vocab."""
    d = new_doc()
    layout = st.get("layout", "template")
    vals = a5_values(m, st.get("college", college_official), st.get("vocab", {}), overrides)
    para(d, st.get("title", "肇庆学院学生带班党员考核审批表"), size=18, bold=True, align="center")
    if layout == "below":
        t = d.add_table(rows=0, cols=4)
        t.style = "Table Grid"
        flat = [x for pair in A5_LABELS for x in pair]
        for i in range(0, len(flat), 4):
            labs = flat[i:i + 4]
            r1 = t.add_row()
            r2 = t.add_row()
            for j, lab in enumerate(labs):
                _font(r1.cells[j].paragraphs[0].add_run(lab), bold=True)
                _font(r2.cells[j].paragraphs[0].add_run(vals[lab]))
            for r in (r1, r2):
                r.height = Cm(1.0)
    else:
        t = d.add_table(rows=0, cols=4)
        t.style = "Table Grid"
        for l1, l2 in A5_LABELS:
            r = t.add_row()
            r.height = Cm(1.1)
            r.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
            if layout == "onecell":
                a = r.cells[0].merge(r.cells[1])
                b = r.cells[2].merge(r.cells[3])
                _font(a.paragraphs[0].add_run(f"{l1}：{vals[l1]}"))
                _font(b.paragraphs[0].add_run(f"{l2}：{vals[l2]}"))
            else:
                lab = SPACED if layout == "spaced" else {}
                _font(r.cells[0].paragraphs[0].add_run(lab.get(l1, l1)), bold=True)
                _font(r.cells[1].paragraphs[0].add_run(vals[l1]))
                _font(r.cells[2].paragraphs[0].add_run(lab.get(l2, l2)), bold=True)
                _font(r.cells[3].paragraphs[0].add_run(vals[l2]))
    # deeds
    r = t.add_row()
    r.height = Cm(14.5 if layout != "below" else 12.5)
    r.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
    body = r.cells[1].merge(r.cells[2]).merge(r.cells[3])
    lab = "带班工作主要事迹" if layout != "spaced" else "带班工作\n主要事迹"
    _font(r.cells[0].paragraphs[0].add_run(lab), bold=True)
    _font(body.paragraphs[0].add_run(m.deeds))
    # opinions (page 2)
    level_txt = LEVEL_FULL[m.level]
    for label, text in (("学院党委意见", f"经学院党委研究，同意评为{level_txt}。"), ("学校审批意见", "")):
        r = t.add_row()
        r.height = Cm(10.5)
        r.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
        body = r.cells[1].merge(r.cells[2]).merge(r.cells[3])
        _font(r.cells[0].paragraphs[0].add_run(label), bold=True)
        _font(body.paragraphs[0].add_run(text))
        signer = secretary if text else "\u3000\u3000\u3000\u3000\u3000\u3000"
        date = opinion_date if text else "\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日"
        for line in ("", f"签字：{signer}\u3000\u3000（盖章）", "", f"日期：{date}"):
            p = body.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if line:
                _font(p.add_run(line))
    d.save(path)


# ---------------------------------------------------------------------------
SUMMARY_PARAS = [
    "一年来，学院党委高度重视学生带班党员工作，把党员带班作为党建育才两全工程的重要抓手，统筹安排，精心组织。",
    "学院按照学校通知要求，从即将升读三年级的学生党员、预备党员、入党发展对象和入党积极分子中择优选聘带班党员，做到每个新生班级都有带班党员。",
    "带班党员深入新生宿舍和课堂，通过主题班会、学习分享会、谈心谈话等方式，帮助新生尽快适应大学生活。",
    "疫情防控期间，带班党员组织新生开展线上学习打卡和健康打卡，配合学院落实各项防控措施，许多带班党员主动参加社区志愿服务。",
    "学院定期召开带班党员工作例会，交流工作经验，解决工作中遇到的问题，并对带班党员进行培训。",
    "通过一年的努力，新生班级学风班风明显好转，班级凝聚力不断增强，一批新生递交了入党申请书。",
    "工作中也存在一些不足：个别带班党员工作方法不够灵活，与新生的沟通不够深入；部分班级的活动形式比较单一。",
    "下一步，学院将进一步完善带班党员的选聘、培训和考核制度，加强对带班党员的指导，推动学生带班工作再上新台阶。",
]


def write_summary(path, college: str, long: bool, signer: str, date: str = "2020年6月18日", title: str | None = None):
    d = new_doc()
    para(d, title or f"{college}2019—2020学年学生带班工作总结", size=18, bold=True, align="center")
    reps = 3 if long else 1
    heads = ["一、基本情况", "二、主要做法", "三、工作成效", "四、存在问题及下一步打算"]
    for k in range(4):
        para(d, heads[k], size=14, bold=True)
        for r in range(reps):
            for t in SUMMARY_PARAS[2 * k:2 * k + 2]:
                para(d, "\u3000\u3000" + t)
    para(d, "")
    para(d, signer, align="right")
    para(d, date, align="right")
    d.save(path)
