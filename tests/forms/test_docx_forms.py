"""A5 approval form and A1 case: labels from the YAML, filled values, pictures, A4 pages."""

import io

import docx
from docx.shared import Mm

from writers.forms import build_approval_form, build_case


def _reopen(document):
    buf = io.BytesIO()
    document.save(buf)
    buf.seek(0)
    return docx.Document(buf)


def _is_a4_portrait(document):
    s = document.sections[0]
    return abs(s.page_width - Mm(210)) < Mm(1) and abs(s.page_height - Mm(297)) < Mm(1)


def _cells(document):
    out = []
    for row in document.tables[0].rows:
        for cell in row.cells:
            if not out or out[-1] != cell.text:
                out.append(cell.text)
    return out


def test_blank_approval_form_has_every_label_in_order(campaign):
    d = _reopen(build_approval_form(campaign, {}))
    assert d.paragraphs[0].text == campaign.forms["A5"].title
    labels = [f.key for f in campaign.forms["A5"].fields]
    cells = _cells(d)
    positions = [cells.index(k) for k in labels]
    assert positions == sorted(positions)
    assert _is_a4_portrait(d)
    assert len(d.tables) == 1


def test_filled_approval_form_values_sit_beside_labels(campaign):
    fields = {"姓名": "陈思远", "学号": "201824131105", "学院": "音乐学院", "申报等级": "学生带班党员标兵",
              "带班工作主要事迹": "第一段\n第二段", "学院党委意见": "同意"}
    d = _reopen(build_approval_form(campaign, fields, note="本院应提交优秀案例 4 篇；标兵名额不超过 2 名"))
    cells = _cells(d)
    for key in ("姓名", "学号", "学院", "申报等级"):
        assert cells[cells.index(key) + 1] == fields[key]
    assert cells[cells.index("带班工作主要事迹") + 1] == "第一段\n第二段"
    opinion = cells[cells.index("学院党委意见") + 1]
    assert opinion.startswith("同意") and "签字" in opinion and "盖章" in opinion and "日期" in opinion
    assert "标兵名额不超过 2 名" in d.paragraphs[1].text


def test_case_has_title_author_sections_and_captioned_pictures(campaign, jpeg):
    author = {"姓名": "陈思远", "学号": "201824131105", "学院": "音乐学院", "所带班级": "19音乐学1班"}
    sections = {"背景与起因": "背景", "做法与流程": "做法", "效果与启示": "效果", "创意与评价": "创意"}
    images = [(f"图片{i}.jpg", jpeg, f"班会现场{i}") for i in range(1, 4)]
    d = _reopen(build_case(campaign, "用心带班", author, sections, images))
    texts = [p.text for p in d.paragraphs]
    assert texts[0] == "用心带班"
    assert texts[1] == "姓名：陈思远\u3000学号：201824131105\u3000学院：音乐学院\u3000所带班级：19音乐学1班"
    headings = [p.text for p in d.paragraphs if p.style.name == "Heading 2"]
    assert headings == ["一、背景与起因", "二、做法与流程", "三、效果与启示", "四、创意与评价"]
    assert len(d.inline_shapes) == 3
    captions = [p.text for p in d.paragraphs if p.style.name == "Caption"]
    assert captions == ["图1\u3000班会现场1", "图2\u3000班会现场2", "图3\u3000班会现场3"]
    assert _is_a4_portrait(d)


def test_case_without_a_section_leaves_its_heading_out(campaign):
    d = _reopen(build_case(campaign, "t", {}, {"背景与起因": "a", "做法与流程": "b", "效果与启示": "c"}, []))
    assert "四、创意与评价" not in [p.text for p in d.paragraphs]
