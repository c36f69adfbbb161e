"""docx A1 cases: headings in many spellings, author line or table, pictures and captions, 字数."""

from __future__ import annotations

import io

import docx
import pytest
from docx.shared import Mm

from paperdesk.models import CaseDoc, FreeDoc

from extractor_helpers import png, run, save_doc

HEADINGS = ["一、背景与起因", "二、做法与流程", "三、效果与启示", "四、创意与评价"]


def _pic(doc, color: str, name: str, size=(40, 30), text: str = ""):
    p = doc.add_paragraph()
    if text:
        p.add_run(text)
    p.add_run().add_picture(io.BytesIO(png(color, size)), width=Mm(30))
    # python-docx names the picture "image.png"; colleges' files keep the original name
    p._p.xpath(".//pic:cNvPr")[-1].set("name", name)
    return p


def _case(headings=HEADINGS, author_line=True):
    doc = docx.Document()
    doc.add_paragraph("")
    doc.add_paragraph("用心陪伴，点亮新生之路")
    if author_line:
        doc.add_paragraph("作者：张三　学号：2018 2413 1105　学院：数学与统计学院　所带班级：20数学1班")
    for i, h in enumerate(headings):
        if h:
            doc.add_paragraph(h)
        doc.add_paragraph(f"第{i + 1}节正文。")
    return doc


def test_case_with_pictures_and_captions(tmp_path, campaign):
    doc = _case()
    _pic(doc, "red", "班会.png")
    doc.add_paragraph("")  # a blank line between a picture and its caption
    doc.add_paragraph("主题班会现场")  # directly under the picture: its caption
    _pic(doc, "blue", "志愿.png", text="图2 志愿服务")  # caption beside the picture
    doc.add_paragraph("图3：宿舍走访", style="Caption")  # caption above …
    _pic(doc, "green", "走访.png")  # … the picture it belongs to is not waited for; it stays uncaptioned
    doc.add_paragraph("这段话很长，所以它不是图注，而是正文的一部分，应该计入字数，也不应被当作图片说明文字处理。")
    _pic(doc, "white", "IMG_0001.jpg", size=(64, 48))
    doc.add_paragraph("作者生活照")
    _pic(doc, "red", "again.png")  # the same image again: one picture
    [rec] = run(save_doc(doc, tmp_path), "docx", campaign)
    assert isinstance(rec, CaseDoc) and rec.deliverable == "cases"
    assert rec.title == "用心陪伴，点亮新生之路"
    assert rec.author == {"姓名": "张三", "学号": "201824131105", "学院": "数学与统计学院", "所带班级": "20数学1班"}
    assert list(rec.sections) == ["背景与起因", "做法与流程", "效果与启示", "创意与评价"]
    assert rec.sections["创意与评价"].startswith("第4节正文。")
    caps = [(i.name, i.caption, i.is_life_photo) for i in rec.images]
    assert caps == [("班会.png", "主题班会现场", False), ("志愿.png", "图2 志愿服务", False),
                    ("走访.png", "", False), ("IMG_0001.jpg", "作者生活照", True)]
    assert all(i.embedded and i.size > 50 and i.source == "t.docx" for i in rec.images)
    for excluded in ("用心陪伴", "作者", "主题班会现场", "图3", "志愿服务", "生活照"):
        assert excluded not in rec.body
    assert "这段话很长" in rec.body and rec.body.startswith("一、背景与起因")


@pytest.mark.parametrize("headings", [
    ["1、标题、背景与起因", "2、做法与流程", "3、效果与启示", "4、创意与评价"],
    ["（一）背景与起因", "（二）做法与过程", "（三）效果与启发", "（四）创新与评价"],
    ["第一部分 背景与起因", "第二部分：做法与流程", "第三部分、效果与启示", "第四部分 创意与评价"],
    ["一．背景与起因", "二. 做法与流程", "三，效果与启示", "四、 创意与评价"],
    ["背景与起因", "做法与流程", "效果与启示", "创意与评价"],
    ["一、背景与起因：从一次迟到说起", "二、做法与流程——三步走", "三、效果与启示", "四、创意与评价"],
    ["一、标题、背景与起因", "二、主要做法与工作流程", "三、取得的效果与启示", "四、创新之处与评价"],  # reworded
])
def test_heading_spellings(tmp_path, campaign, headings):
    [rec] = run(save_doc(_case(headings), tmp_path), "docx", campaign)
    assert isinstance(rec, CaseDoc)
    assert list(rec.sections) == ["背景与起因", "做法与流程", "效果与启示", "创意与评价"]
    assert rec.sections["效果与启示"] == "第3节正文。"


def test_text_after_a_heading_label_belongs_to_the_section(tmp_path, campaign):
    doc = _case(["一、背景与起因：2019年9月，我开始带班。", "二、做法与流程", "三、效果与启示", "四、创意与评价"])
    [rec] = run(save_doc(doc, tmp_path), "docx", campaign)
    assert rec.sections["背景与起因"] == "2019年9月，我开始带班。\n第1节正文。"


def test_body_words_are_not_headings(tmp_path, campaign):
    doc = _case()
    doc.add_paragraph("效果显著，同学们都很满意。")
    doc.add_paragraph("（1）做法新颖")
    [rec] = run(save_doc(doc, tmp_path), "docx", campaign)
    assert rec.sections["创意与评价"] == "第4节正文。\n效果显著，同学们都很满意。\n（1）做法新颖"


def test_missing_section(tmp_path, campaign):
    [rec] = run(save_doc(_case(HEADINGS[:2] + ["", HEADINGS[3]]), tmp_path), "docx", campaign)
    assert isinstance(rec, CaseDoc)
    assert set(rec.sections) == {"背景与起因", "做法与流程", "创意与评价"}
    assert rec.sections["做法与流程"] == "第2节正文。\n第3节正文。"


def test_one_heading_is_not_a_case(tmp_path, campaign):
    [rec] = run(save_doc(_case(HEADINGS[:1] + ["", "", ""]), tmp_path), "docx", campaign)
    assert isinstance(rec, FreeDoc)


def test_exactly_1500_characters(tmp_path, campaign):
    """4 headings × 7 + "ABC 123，好。" (5: two Latin/digit runs, three CJK/full-width marks)
    + 1467 班 = 1500. Title, author line and caption carry many characters that must not count."""
    doc = _case(headings=[])
    body = [HEADINGS[0], "班" * 700, "ABC 123，好。", HEADINGS[1], "班" * 467, HEADINGS[2], "班" * 200,
            HEADINGS[3], "班" * 100]
    doc = docx.Document()
    doc.add_paragraph("标题" * 20)
    doc.add_paragraph("姓名：张三 学号：201824131105 学院：数学与统计学院 所带班级：20数学1班")
    for text in body:
        doc.add_paragraph(text)
    _pic(doc, "red", "a.png")
    doc.add_paragraph("图1 这是一段不计入字数的图片说明")
    [rec] = run(save_doc(doc, tmp_path), "docx", campaign)
    assert rec.char_count == 1500


@pytest.mark.parametrize("framed", [False, True], ids=["table", "inside a one-cell frame table"])
def test_author_table(tmp_path, campaign, framed):
    doc = docx.Document()
    doc.add_paragraph("一个案例")
    outer = doc.add_table(rows=1, cols=1).cell(0, 0) if framed else doc
    t = outer.add_table(rows=2, cols=4)
    for c, (k, v) in enumerate([("姓 名", "李四"), ("学号", "201824131106")]):
        t.cell(0, 2 * c).text, t.cell(0, 2 * c + 1).text = k, v
    for c, (k, v) in enumerate([("学院", "文学院"), ("所带班级", "20汉语言1班")]):
        t.cell(1, 2 * c).text, t.cell(1, 2 * c + 1).text = k, v
    for h in HEADINGS:
        doc.add_paragraph(h)
        doc.add_paragraph("内容。")
    [rec] = run(save_doc(doc, tmp_path), "docx", campaign)
    assert rec.author == {"姓名": "李四", "学号": "201824131106", "学院": "文学院", "所带班级": "20汉语言1班"}
    assert "李四" not in rec.body


def test_rich_author_table_and_line_breaks(tmp_path, campaign):
    """An author table carrying six of A5's labels is still a case; headings typed in one
    paragraph with manual line breaks are still found; "附件1" is not the title."""
    doc = docx.Document()
    doc.add_paragraph("附件1")
    doc.add_paragraph("我的带班故事")
    t = doc.add_table(rows=3, cols=4)
    cells = [("姓名", "李四"), ("性别", "女"), ("学号", "201824131106"), ("学院", "文学院"),
             ("专业班级", "18汉语言1班"), ("所带班级", "20汉语言1班")]
    for i, (k, v) in enumerate(cells):
        t.cell(i // 2, 2 * (i % 2)).text, t.cell(i // 2, 2 * (i % 2) + 1).text = k, v
    p = doc.add_paragraph()
    for h in HEADINGS:
        p.add_run(h)
        p.add_run().add_break()
        p.add_run("内容。")
        p.add_run().add_break()
    [rec] = run(save_doc(doc, tmp_path), "docx", campaign)
    assert isinstance(rec, CaseDoc) and rec.title == "我的带班故事"
    assert rec.author["姓名"] == "李四" and rec.author["所带班级"] == "20汉语言1班"
    assert rec.sections == {"背景与起因": "内容。", "做法与流程": "内容。", "效果与启示": "内容。", "创意与评价": "内容。"}


@pytest.mark.parametrize("display, author", [
    ("区瑾/案例正文.docx", "区瑾"), ("案例-彭晓豪.docx", "彭晓豪"), ("王正文/案例.docx", "王正文"),
    ("优秀带班党员案例-张三.docx", "张三"), ("材料/案例正文.docx", None), ("郗喆/最终版/案例全文.docx", "郗喆"),
])
def test_author_named_by_the_file_or_folder(display, author):
    from extractors.docx_case import name_from_path

    assert name_from_path(display, ("带班", "党员", "案例")) == author
