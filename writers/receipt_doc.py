"""The Word layout of a 回执 letter (python-docx, A4 portrait, 宋体/仿宋). Builds; never saves."""

from __future__ import annotations

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from paperdesk.campaign import Campaign
from writers.labels import chinese_date

BODY_FONT, TITLE_FONT = "仿宋", "宋体"
TABLE_WIDTHS = (Mm(42), Mm(72), Mm(40))  # 材料, 文件, 收到时间: the 154 mm between the margins


def _font(run_or_style, name: str, size: float, bold: bool = False) -> None:
    font = run_or_style.font
    font.name = name
    font.size = Pt(size)
    font.bold = bold
    rpr = run_or_style.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _page(doc) -> None:
    for s in doc.sections:
        s.page_width, s.page_height = Mm(210), Mm(297)
        s.left_margin = s.right_margin = Mm(28)
        s.top_margin = s.bottom_margin = Mm(25)


def _para(doc, text: str, *, bold: bool = False, size: float = 14, align=None, indent: bool = False):
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    _font(p.add_run(text), TITLE_FONT if bold else BODY_FONT, size, bold)
    return p


def _table(doc, arrived) -> None:
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, ("材料", "文件", "收到时间")):  # one row per deliverable
        _font(cell.paragraphs[0].add_run(text), TITLE_FONT, 11, True)
    for a in arrived:
        cells = table.add_row().cells
        for cell, text in zip(cells, (a.deliverable, a.files_text(), a.time)):
            _font(cell.paragraphs[0].add_run(text), BODY_FONT, 10.5)
    table.autofit = False
    for column, width in zip(table.columns, TABLE_WIDTHS):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, TABLE_WIDTHS):
            cell.width = width
    doc.add_paragraph()


def build_letter(campaign: Campaign, receipt, generated_at: str):
    """A python-docx Document for one college's :class:`writers.receipt.Receipt`."""
    doc = Document()
    _page(doc)
    _font(doc.styles["Normal"], BODY_FONT, 14)
    _para(doc, f"关于{campaign.title}材料的回执", bold=True, size=20, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, f"{receipt.college}：")
    summary = (f"贵院报送的{campaign.title}材料已收到，经核对，情况如下。" if receipt.arrived
               else f"截至{chinese_date(generated_at)}，尚未收到贵院报送的{campaign.title}材料。")
    _para(doc, summary, indent=True)
    _para(doc, "一、已收到的材料", bold=True, size=15)
    if receipt.arrived:
        _table(doc, receipt.arrived)
    else:
        _para(doc, "无。", indent=True)
    _para(doc, "二、尚未收到的材料", bold=True, size=15)
    for n, title in enumerate(receipt.missing, start=1):
        _para(doc, f"{n}. {title}", indent=True)
    _para(doc, "请尽快补交。" if receipt.missing else "无。", indent=True)
    _para(doc, "三、需要修改或核实的问题", bold=True, size=15)
    if not receipt.problems:
        _para(doc, "经核对，未发现需要修改的问题。" if receipt.arrived else "材料尚未收到，收到后再行核对。", indent=True)
    for title, lines in receipt.problems:
        _para(doc, f"（{title}）", bold=True, size=14)
        for n, line in enumerate(lines, start=1):
            _para(doc, f"{n}. {line}", indent=True)
    if receipt.problems or receipt.missing:
        _para(doc, "请按上述意见修改、补充后，按原方式重新报送。", indent=True)
    if campaign.contact:
        _para(doc, f"联系人：{campaign.contact}", indent=True)
    _para(doc, campaign.office, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, chinese_date(generated_at), align=WD_ALIGN_PARAGRAPH.RIGHT)
    return doc
