"""The booklet of selected records (the campaign's ``awards.booklet``): Word and PDF.

A cover (title, subtitle, issuing office, date), a table of contents whose page numbers are the
PDF's own, then each record on a new page: its title, the author line the campaign sets (names
in full, as a surname only, or not at all; never the 学号), its prize, its sections as the form
labels them, and its pictures scaled to the page with captions. The author's life photo is never
among the pictures (the judging snapshot leaves it out) and any 学号 in the texts is removed.

Page numbers: every page but the cover shows its number (a PAGE field in the footer); the
contents are computed, not a Word field (LibreOffice does not update those on conversion): the
document is rendered once, the page each record starts on is read from the PDF, and it is built
again with those numbers (and checked again). ``render`` (docx path → PDF bytes) is given by the
caller, so this module runs no program itself.
"""

from __future__ import annotations

import io
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pdfplumber
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from paperdesk import textnorm
from paperdesk.awards import PRIVATE_FIELDS, BookletSettings, JudgingSettings
from paperdesk.campaign import Campaign
from writers import atomic
from writers.certificates import _cn_number, _DIGITS, fill
from writers.judging import Entry

SERIF, SANS, KAI = "宋体", "黑体", "楷体"
PAGE_W, PAGE_H, MARGIN_X, MARGIN_Y = 210, 297, 22, 25
TEXT_W = PAGE_W - 2 * MARGIN_X
MAX_PIXELS = 1600


@dataclass(frozen=True)
class Item:
    """One record of the booklet: its entry, its prize ("" when none) and its pictures' bytes with captions."""

    entry: Entry
    prize: str
    pictures: list[tuple[bytes, str]] = field(default_factory=list)


def ordered(campaign: Campaign, settings: BookletSettings, judging: JudgingSettings,
            chosen: list[tuple[Entry, str]]) -> list[tuple[Entry, str]]:
    """The records in the campaign's order (``prize``: best first, none last; ``college``:
    campaign order), then by author and title."""
    colleges = [c.name for c in campaign.colleges]
    prizes = list(judging.prizes)
    rank = lambda seq, v: seq.index(v) if v in seq else len(seq)  # noqa: E731
    parts = {"prize": lambda e, p: rank(prizes, p), "college": lambda e, p: rank(colleges, e.college)}
    return sorted(chosen, key=lambda ep: (*[parts[o](*ep) for o in settings.order], ep[0].author, ep[0].title))


def date_text(day) -> str:
    """``二〇二〇年七月`` (the booklet's date: year and month)."""
    return "".join(_DIGITS[int(c)] for c in str(day.year)) + f"年{_cn_number(day.month)}月"


def author_name(settings: BookletSettings, name: str) -> str:
    if settings.names == "none" or not name:
        return ""
    if settings.names == "surname":
        return name[0] + settings.surname_suffix
    return name


def author_line(settings: BookletSettings, e: Entry) -> str:
    fields = {**{k: v for k, v in e.author_fields.items() if k not in PRIVATE_FIELDS},
              "姓名": author_name(settings, e.author), "学院": e.college}
    text = fill(settings.author_line, fields)
    return re.sub(r"[\s\u3000]{2,}", "\u3000", text).strip(" \u3000·|/-—")


def private(campaign: Campaign, e: Entry, text: str) -> str:
    """``text`` without the author's 学号 or anything shaped like one (and its label)."""
    n = campaign.checks.student_id_digits
    if e.student_id:
        text = text.replace(e.student_id, "")
    text = re.sub(rf"(?<!\d)\d{{{n}}}(?!\d)", "", text)
    return re.sub(r"学号\s*[:：]?\s*(?=[\s，,；;）)]|$)", "", text)


# ---------------------------------------------------------------------------- Word helpers


def _font(run, east_asian: str, size: float, bold: bool = False, color: RGBColor | None = None) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = "Times New Roman"
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east_asian)
    if color is not None:
        run.font.color.rgb = color


def _para(doc, text: str, font: str = SERIF, size: float = 12, align=WD_ALIGN_PARAGRAPH.LEFT, *, bold=False,
          before: float = 0, after: float = 0, indent: bool = False, new_page: bool = False, style: str | None = None):
    p = doc.add_paragraph(style=style)
    p.alignment = align
    f = p.paragraph_format
    f.space_before, f.space_after = Pt(before), Pt(after)
    f.page_break_before = new_page
    if indent:
        f.first_line_indent = Pt(size * 2)
    if text:
        _font(p.add_run(text), font, size, bold)
    return p


def _page_number_footer(section) -> None:
    section.different_first_page_header_footer = True
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run("— "), SERIF, 10.5)
    fld = parse_xml('<w:fldSimple xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                    'w:instr=" PAGE "><w:r><w:rPr><w:sz w:val="21"/></w:rPr><w:t>1</w:t></w:r></w:fldSimple>')
    p._p.append(fld)
    _font(p.add_run(" —"), SERIF, 10.5)


def _picture(data: bytes, max_h_mm: float) -> tuple[io.BytesIO, float, float] | None:
    """The picture upright (EXIF), at most ``MAX_PIXELS`` on its long side, as JPEG/PNG bytes with
    its printed width and height in mm (fitting the text width and ``max_h_mm``); None if unreadable."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        img = Image.open(io.BytesIO(data))
        img = ImageOps.exif_transpose(img)
        img.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    img.thumbnail((MAX_PIXELS, MAX_PIXELS))
    out = io.BytesIO()
    if img.mode in ("RGBA", "LA", "P"):
        img.save(out, "PNG", optimize=True)
    else:
        img.convert("RGB").save(out, "JPEG", quality=85)
    out.seek(0)
    w, h = img.size
    width = min(TEXT_W, max_h_mm * w / h)
    return out, width, width * h / w


# ---------------------------------------------------------------------------- the document


def heading_of(e: Entry) -> str:
    return e.title.strip() or "（无题）"


def build(campaign: Campaign, settings: BookletSettings, judging: JudgingSettings, items: list[Item],
          printed: str, pages: dict[int, str]):
    """The booklet with ``pages`` (item index → page number text) in its contents."""
    doc = Document()
    s = doc.sections[0]
    s.orientation = WD_ORIENT.PORTRAIT
    s.page_width, s.page_height = Mm(PAGE_W), Mm(PAGE_H)
    s.left_margin = s.right_margin = Mm(MARGIN_X)
    s.top_margin = s.bottom_margin = Mm(MARGIN_Y)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(12)
    normal.element.get_or_add_rPr()
    _page_number_footer(s)
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    # cover
    _para(doc, "", before=150)
    _para(doc, settings.title, SANS, 28, WD_ALIGN_PARAGRAPH.CENTER, bold=True, after=24)
    if settings.subtitle:
        _para(doc, settings.subtitle, KAI, 18, WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, settings.issuer, SERIF, 16, WD_ALIGN_PARAGRAPH.CENTER, before=260)
    _para(doc, printed, SERIF, 16, WD_ALIGN_PARAGRAPH.CENTER, before=6)
    # contents
    _para(doc, settings.toc_title, SANS, 20, WD_ALIGN_PARAGRAPH.CENTER, bold=True, after=18, new_page=True)
    group = None
    for i, it in enumerate(items):
        label = it.prize or settings.unprized_label
        if "prize" in settings.order and label != group:
            group = label
            _para(doc, label, SANS, 14, bold=True, before=10, after=4)
        p = _para(doc, "", SERIF, 12, after=4)
        p.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_W), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        p.paragraph_format.left_indent = Pt(24)
        line = author_line(settings, it.entry)
        _font(p.add_run(heading_of(it.entry) + (f"（{line}）" if line else "") + "\t" + pages.get(i, "00")), SERIF, 12)
    # the records
    for i, it in enumerate(items):
        e = it.entry
        _para(doc, heading_of(e), SANS, 18, WD_ALIGN_PARAGRAPH.CENTER, bold=True, after=10, new_page=True,
              style="Heading 1")
        line = author_line(settings, e)
        if line:
            _para(doc, line, KAI, 14, WD_ALIGN_PARAGRAPH.CENTER, after=4)
        if it.prize:
            _para(doc, f"{judging.prize_column}：{it.prize}", KAI, 12, WD_ALIGN_PARAGRAPH.CENTER, after=12)
        for label, text in e.sections:
            _para(doc, label, SANS, 14, bold=True, before=8, after=4)
            for chunk in private(campaign, e, text).split("\n"):
                if chunk.strip():
                    p = _para(doc, chunk.strip(), SERIF, 12, indent=True, after=2)
                    p.paragraph_format.line_spacing = 1.5
        n = 0
        for data, caption in it.pictures:
            pic = _picture(data, settings.picture_max_height_mm)
            if pic is None:
                continue
            n += 1
            stream, w, h = pic
            p = _para(doc, "", align=WD_ALIGN_PARAGRAPH.CENTER, before=10)
            p.paragraph_format.keep_with_next = True
            p.add_run().add_picture(stream, width=Mm(w), height=Mm(h))
            cap = re.sub(r"^图\s*\d+\s*[:：.、]?\s*", "", textnorm.clean(caption or ""))
            _para(doc, f"图{n}" + (f"　{private(campaign, e, cap)}" if cap else ""), KAI, 10.5,
                  WD_ALIGN_PARAGRAPH.CENTER, after=6)
    for style in ("Heading 1",):  # the heading keeps our look (LibreOffice renders its colour otherwise)
        st = doc.styles[style]
        st.font.color.rgb = RGBColor(0, 0, 0)
        st.font.size = Pt(18)
    return doc


def start_pages(pdf: bytes, items: list[Item]) -> tuple[dict[int, str], int]:
    """The page number (1-based, as the footer shows it) each record starts on, and the page count."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        texts = [textnorm.squash(p.extract_text() or "") for p in doc.pages]
    found, at = {}, 2  # records come after the cover and the contents
    for i, it in enumerate(items):
        want = textnorm.squash(heading_of(it.entry))[:24]
        for n in range(at, len(texts)):
            if texts[n].startswith(want):
                found[i] = str(n + 1)
                at = n + 1
                break
    return found, len(texts)


def write_booklet(outbox: Path, campaign: Campaign, settings: BookletSettings, judging: JudgingSettings,
                  items: list[Item], printed: str, generated_at: str,
                  render: Callable[[Path], bytes]) -> tuple[Path, Path, int]:
    """Write ``<file_name>.docx`` and ``.pdf`` into ``outbox``; returns both paths and the page count."""
    pages: dict[int, str] = {}
    with tempfile.TemporaryDirectory(prefix="paperdesk-booklet-") as tmp:
        for _ in range(3):
            doc = build(campaign, settings, judging, items, printed, pages)
            draft = Path(tmp) / "booklet.docx"
            doc.save(str(draft))
            pdf = render(draft)
            found, count = start_pages(pdf, items)
            if found == pages:
                break
            pages = found
        else:
            raise RuntimeError("汇编目录的页码无法确定（三次排版结果不一致）")
    docx = atomic.save_document(doc, Path(outbox) / f"{settings.file_name}.docx", generated_at)
    out = atomic.write_bytes(Path(outbox) / f"{settings.file_name}.pdf", pdf)
    return docx, out, count
