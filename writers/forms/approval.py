"""A5 approval form (考核审批表) as a python-docx Document, from the campaign's form definition.

One label/value table, printed on two A4 pages (the notice asks for double-sided A4):

    page 1  title; short fields two per row (label | value | label | value) in the YAML order;
            then the first long field (带班工作主要事迹) as a tall row to write in
    page 2  the remaining long fields (学院党委意见, 学校审批意见), each a tall row ending with
            the lines 签字 / 盖章 / 日期

A long field is a label cell plus one value cell merged across the other three columns; its
value's first paragraph holds the given text, the signature lines follow it. Rows never split
across pages.
"""

from __future__ import annotations

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.shared import Mm, Pt

from paperdesk.campaign import Campaign, Column, FormDef
from writers.forms._layout import setup_docx_page

#: Printed under the opinions of the college party committee and of the school.
SIGN_LINES = "签字：\u3000\u3000\u3000\u3000\u3000\u3000（盖章）\n\n日期：\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日"
_FIRST_LONG_MM = 150  # page 1: the remaining height after title and short fields
_OTHER_LONG_MM = 118  # page 2: two of these
_SHORT_MM = 11
_LABEL_W, _VALUE_W = Mm(30), Mm(55)


def approval_form(campaign: Campaign, form_id: str | None = None) -> FormDef:
    """The label/value form ``form_id`` of the campaign (None: its first of kind ``form``);
    ValueError when there is none."""
    if form_id is None:
        form_id = next((k for k, f in sorted(campaign.forms.items()) if f.kind == "form"), "")
    form = campaign.forms.get(form_id)
    if form is None or form.kind != "form":
        raise ValueError(f"活动配置中没有逐项填写类（kind: form）表单 {form_id}")
    return form


def build_approval_form(campaign: Campaign, fields: dict[str, str], note: str = "",
                        form_id: str | None = None) -> Document:
    """The label/value form filled with ``fields`` (canonical keys; missing keys stay blank).
    ``note`` is printed in small type under the title (write_forms puts the college's quotas there)."""
    form = approval_form(campaign, form_id)
    doc = Document()
    setup_docx_page(doc)
    _title(doc, form.title, note)
    short = [f for f in form.fields if not f.long]
    long = [f for f in form.fields if f.long]
    table = doc.add_table(rows=0, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for i in range(0, len(short), 2):
        _short_row(table, short[i:i + 2], fields)
    for i, f in enumerate(long):
        _long_row(table, f, fields.get(f.key, ""), _FIRST_LONG_MM if i == 0 else _OTHER_LONG_MM,
                  signed=i > 0)
    return doc


def _title(doc, title: str, note: str) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(title)
    run.bold, run.font.size = True, Pt(18)
    p.paragraph_format.space_after = Pt(4 if note else 10)
    if note:
        n = doc.add_paragraph(note)
        n.alignment = WD_ALIGN_PARAGRAPH.CENTER
        n.runs[0].font.size = Pt(10)
        n.paragraph_format.space_after = Pt(6)


def _short_row(table, cols: list[Column], fields: dict[str, str]) -> None:
    row = table.add_row()
    _fix_height(row, _SHORT_MM, exact=False)
    cells = row.cells
    if len(cols) == 1:
        cells[1].merge(cells[3])
    for j, col in enumerate(cols):
        _write(cells[2 * j], col.key, bold=True, center=True, width=_LABEL_W)
        _write(cells[2 * j + 1], fields.get(col.key, ""), width=_VALUE_W)


def _long_row(table, col: Column, value: str, height_mm: int, signed: bool) -> None:
    row = table.add_row()
    _fix_height(row, height_mm, exact=False)
    cells = row.cells
    _write(cells[0], col.key, bold=True, center=True, width=_LABEL_W)
    merged = cells[1].merge(cells[3])
    _write(merged, value)
    merged.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    if signed:
        sign = merged.add_paragraph()
        sign.paragraph_format.space_before = Pt(150)
        sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        lines = SIGN_LINES.split("\n")
        for k, line in enumerate(lines):
            sign.add_run(line)
            if k < len(lines) - 1:
                sign.add_run().add_break(WD_BREAK.LINE)


def _write(cell, text: str, bold: bool = False, center: bool = False, width=None) -> None:
    """Put ``text`` in ``cell`` (one paragraph per line)."""
    lines = str(text).split("\n") if text else [""]
    cell.paragraphs[0].text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)
    for p in cell.paragraphs:
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for r in p.runs:
            r.bold = bold
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    if width is not None:
        cell.width = width


def _fix_height(row, mm: int, exact: bool) -> None:
    row.height = Mm(mm)
    row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY if exact else WD_ROW_HEIGHT_RULE.AT_LEAST
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
