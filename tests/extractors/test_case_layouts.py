"""Cases in the layouts colleges use (FIELD-VARIATIONS): the template's table, text boxes, bold
or reworded headings, author lines of every form, the author only in the path, the author's
life photo embedded with a caption or captioned with the author's name."""

from __future__ import annotations

import copy
import io

import docx
from docx.oxml import parse_xml
from docx.shared import Mm

from paperdesk.models import CaseDoc

from extractor_helpers import png, run, save_doc

TEXT = "这是一段案例正文，讲述带班工作中的具体做法。"
SECTIONS = ["背景与起因", "做法与流程", "效果与启示", "创意与评价"]


def _pic_into(paragraph, color="red", name="pic.png"):
    paragraph.add_run().add_picture(io.BytesIO(png(color, (40, 30))), width=Mm(30))
    paragraph._p.xpath(".//pic:cNvPr")[-1].set("name", name)


def test_a_case_typed_inside_the_template_table(tmp_path, campaign):
    doc = docx.Document()
    doc.add_paragraph("附件1")
    t = doc.add_table(rows=7, cols=4)
    t.cell(0, 0).text = "标题"
    t.cell(0, 1).merge(t.cell(0, 3)).text = "以心换心，共同成长"
    t.cell(1, 0).text = "姓名"
    t.cell(1, 1).text = "王小明"
    t.cell(1, 2).text = "学号"
    t.cell(1, 3).text = "201706010118"
    t.cell(2, 0).text = "学院"
    t.cell(2, 1).text = "数学与统计学院"
    t.cell(2, 2).text = "所带班级"
    t.cell(2, 3).text = "19数学1班"
    for i, sec in enumerate(SECTIONS):  # heading cell, the text in the merged cell beside it
        t.cell(3 + i, 0).text = f"{'一二三四'[i]}、{sec}"
        cell = t.cell(3 + i, 1).merge(t.cell(3 + i, 3))
        cell.text = TEXT
        if i == 1:
            for color in ("red", "blue", "green"):
                _pic_into(cell.add_paragraph(), color, f"{color}.png")
    [rec] = run(save_doc(doc, tmp_path), "docx", campaign)
    assert isinstance(rec, CaseDoc)
    assert rec.title == "以心换心，共同成长"
    assert rec.author["姓名"] == "王小明" and rec.author["学号"] == "201706010118"
    assert list(rec.sections) == SECTIONS and all(TEXT in rec.sections[s] for s in SECTIONS)
    assert len(rec.images) == 3 and not any(i.is_life_photo for i in rec.images)
    assert "王小明" not in rec.body and "201706010118" not in rec.body


def test_bold_and_reworded_headings_and_a_bracketed_author_line(tmp_path, campaign):
    doc = docx.Document()
    doc.add_paragraph("小小班级大大温暖")
    doc.add_paragraph("作者：李四（学号：201706010119）")
    for h in ("背景和起因", "工作做法及流程", "效果及启示", "创意与评价"):
        doc.add_paragraph().add_run(h).bold = True
        doc.add_paragraph(TEXT)
    [rec] = run(save_doc(doc, tmp_path), "docx", campaign)
    assert rec.author == {"姓名": "李四", "学号": "201706010119"}
    assert list(rec.sections) == SECTIONS


def test_a_bold_sentence_is_not_a_heading(tmp_path, campaign):
    doc = docx.Document()
    doc.add_paragraph("标题")
    doc.add_paragraph("一、背景与起因")
    doc.add_paragraph().add_run("我们在做法与流程上做了很多尝试，也取得了一些效果。").bold = True
    doc.add_paragraph("三、效果与启示")
    doc.add_paragraph("四、创意与评价")
    [rec] = run(save_doc(doc, tmp_path), "docx", campaign)
    assert list(rec.sections) == ["背景与起因", "效果与启示", "创意与评价"]


_TEXTBOX = """<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
  xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape style="width:300pt;height:200pt"><v:textbox>
  <w:txbxContent>{paras}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"""


def test_a_case_in_a_text_box(tmp_path, campaign):
    doc = docx.Document()
    doc.add_paragraph("用爱守护")
    paras = "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>"
                    for s in SECTIONS for t in (f"{'一二三四'['背做效创'.index(s[0])]}、{s}", TEXT))
    doc.add_paragraph()._p.append(parse_xml(_TEXTBOX.format(paras=paras)))
    [rec] = run(save_doc(doc, tmp_path), "docx", campaign)
    assert list(rec.sections) == SECTIONS


def test_author_from_the_path_and_life_photo_by_caption_or_name(tmp_path, campaign):
    doc = docx.Document()
    doc.add_paragraph("一次难忘的班会")
    for i, s in enumerate(SECTIONS):
        doc.add_paragraph(f"{'一二三四'[i]}、{s}")
        doc.add_paragraph(TEXT)
    for color in ("red", "blue", "green"):
        _pic_into(doc.add_paragraph(), color, f"{color}.png")
        doc.add_paragraph("班级活动")
    _pic_into(doc.add_paragraph(), "white", "me.jpg")
    doc.add_paragraph("本人照片")
    _pic_into(doc.add_paragraph(), "black", "me2.jpg")
    doc.add_paragraph("赵六")
    path = save_doc(doc, tmp_path, "x.docx")
    [rec] = run(path, "docx", campaign, display="计算机学院优秀带班党员案例.zip!赵六/案例（最终版）.docx")
    assert rec.author["姓名"] == "赵六"
    assert [i.is_life_photo for i in rec.images] == [False, False, False, True, True]


def test_template_table_with_an_author_row_and_the_annex_line(tmp_path, campaign):
    doc = docx.Document()
    doc.add_paragraph("附件1 工作案例文本")
    doc.add_paragraph("小小班级大温暖")
    t = doc.add_table(rows=5, cols=2)
    t.cell(0, 0).text = "作者信息"
    t.cell(0, 1).text = "彭晓豪　学号：201706010118　所带班级：19电子1班"
    for i, sec in enumerate(SECTIONS):
        t.cell(1 + i, 0).text = f"（{'一二三四'[i]}）{sec}"
        t.cell(1 + i, 1).text = TEXT
    [rec] = run(save_doc(doc, tmp_path), "docx", campaign, display="电子学院案例.zip!案例-彭晓豪-小小班级大温暖.docx")
    assert rec.title == "小小班级大温暖"
    assert rec.author["姓名"] == "彭晓豪" and rec.author["学号"] == "201706010118"
    assert list(rec.sections) == SECTIONS
