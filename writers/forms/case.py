"""A1 excellent case (案例文本) as a python-docx Document, from the campaign's form definition.

Shape (what the case extractor can rely on):

    title          centred bold paragraph (style "Title")
    author line    one paragraph "姓名：…　学号：…　学院：…　所带班级：…" (the form's author_fields)
    sections       per section of the form: a heading paragraph (style "Heading 2") with the
                   section label (一、背景与起因 …) followed by its text, one paragraph per line
    pictures       after the last section: per picture one paragraph holding the inline
                   picture (its docPr name = the given file name, descr = the caption) followed by
                   a caption paragraph in style "Caption" reading "图N　<caption>"

A section missing from ``sections`` is left out entirely (no heading), which is how a case
without 四、创意与评价 is made.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from paperdesk.campaign import Campaign, FormDef
from writers.forms._layout import BLANK, set_east_asian_font, setup_docx_page

PICTURE_WIDTH = Mm(120)


def case_form(campaign: Campaign, form_id: str | None = None) -> FormDef:
    """The form ``form_id`` of kind ``case`` (None: the campaign's first); ValueError when there is none."""
    if form_id is None:
        form_id = campaign.case_form_id() or ""
    form = campaign.forms.get(form_id)
    if form is None or form.kind != "case":
        raise ValueError(f"活动配置中没有 kind: case 类表单 {form_id}")
    return form


def build_case(campaign: Campaign, title: str, author: dict, sections: dict[str, str],
               images: list[tuple[str, bytes, str]], note: str = "") -> Document:
    """A case document. ``author`` maps author fields (姓名 学号 学院 所带班级) to values;
    ``sections`` maps section keys (背景与起因 …) to text; ``images`` are (file name, JPEG/PNG
    bytes, caption). ``note`` is printed in small type under the title (blank forms' guidance)."""
    form = case_form(campaign)
    doc = Document()
    setup_docx_page(doc)
    _style_fonts(doc)
    heading = doc.add_paragraph(title, style="Title")
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if note:
        small = doc.add_paragraph(note)
        small.runs[0].font.size = Pt(10)
    doc.add_paragraph("\u3000".join(f"{k}：{author.get(k) or BLANK}" for k in form.author_fields))
    for section in form.sections:
        if section.key not in sections:
            continue
        doc.add_paragraph(section.label, style="Heading 2")
        for line in str(sections[section.key]).split("\n"):
            para = doc.add_paragraph(line)
            para.paragraph_format.first_line_indent = Pt(24)
    for n, (name, data, caption) in enumerate(images, start=1):
        _picture(doc, n, name, data, caption)
    return doc


def _picture(doc, n: int, name: str, data: bytes, caption: str) -> None:
    para = doc.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    inline = para.add_run().add_picture(io.BytesIO(data), width=PICTURE_WIDTH)
    doc_pr = inline._inline.docPr
    doc_pr.set("name", name)
    doc_pr.set("descr", caption)
    cap = doc.add_paragraph(f"图{n}\u3000{caption}", style="Caption")
    cap.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _style_fonts(doc) -> None:
    """Headings and captions in the CJK font too, in black (the default theme is blue)."""
    for name in ("Title", "Heading 2", "Caption"):
        style = doc.styles[name]
        set_east_asian_font(style.element, "黑体" if name != "Caption" else "宋体")
        style.font.color.rgb = None
    doc.styles["Title"].font.size = Pt(20)
    doc.styles["Heading 2"].font.size = Pt(14)
