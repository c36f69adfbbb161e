"""Shared layout helpers for the form writers: quotas, A4 page setup, CJK fonts, header labels.

Pure helpers (no file writes). Quotas are those of the campaign's rules (``quota`` rules of the
library, computed as the rule computes them, and CASE_QUOTA's case count), from the college's
headcount.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from paperdesk import textnorm
from paperdesk.campaign import Campaign, College

#: East Asian font asked for in the documents (LibreOffice substitutes Noto CJK when absent).
CJK_FONT = "宋体"
BLANK = "__________"


@dataclass(frozen=True)
class Quota:
    """One quota printed on a pre-filled form: ``what`` (as the campaign names it), the number,
    and whether it is a required count (案例: 应提交) or a ceiling (名额不超过)."""

    what: str
    count: int
    exact: bool = False

    def note(self) -> str:
        return f"本院应提交{self.what} {self.count} 篇" if self.exact else f"{self.what}名额不超过 {self.count} 名"


@dataclass(frozen=True)
class Quotas:
    """A college's quotas under the campaign's rules, from its headcount."""

    headcount: int
    items: tuple[Quota, ...]

    def of(self, what: str) -> int | None:
        return next((q.count for q in self.items if q.what == what), None)

    def note(self) -> str:
        return "；".join(q.note() for q in self.items)


def quotas(campaign: Campaign, college: College) -> Quotas | None:
    """The quotas of ``college`` under the campaign's rules (every ``quota`` rule, and the case
    count of CASE_QUOTA when the campaign runs it), or None without a headcount."""
    from checks.kinds import parse
    from checks.kinds.rows import cap

    if college.headcount is None:
        return None
    n = Decimal(college.headcount)
    items = []
    ratio = campaign.checks.case_quota_ratio
    if "CASE_QUOTA" in campaign.rules and ratio is not None:
        title = d.title if (d := campaign.case_deliverable()) else ""
        items.append(Quota(title, textnorm.round_half_up(ratio * n), exact=True))
    for entries in campaign.rules.values():
        for e in entries:
            if e.kind == "quota":
                p = parse("quota", e.params)
                items.append(Quota(p.what or "、".join(p.values), cap(p, college.headcount)))
    return Quotas(college.headcount, tuple(items))


def college_note(campaign: Campaign, college: College | None) -> str:
    """The printed note of a pre-filled form ('' for a blank form)."""
    if college is None:
        return ""
    q = quotas(campaign, college)
    if q is None:
        return f"{college.name}：人数未登记，无法计算名额"
    return f"{college.name}（人数 {q.headcount} 名）：{q.note()}" if q.items else ""


def needs_seal(campaign: Campaign, form_id: str) -> bool:
    """Whether the deliverable using ``form_id`` goes on paper with the college's seal."""
    return any(d.form == form_id and d.paper for d in campaign.deliverables)


def header_label(campaign: Campaign, form_id: str, key: str) -> str:
    """The printed label of a header field: 学院 becomes 学院（盖章） on sealed forms."""
    if key == "学院" and needs_seal(campaign, form_id):
        return "学院（盖章）"
    return key


def setup_docx_page(document, landscape: bool = False) -> None:
    """A4, 25/20 mm margins, portrait unless asked, Normal style in a CJK font at 12 pt."""
    for section in document.sections:
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        w, h = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
        section.page_width, section.page_height = w, h
        section.top_margin = section.bottom_margin = Mm(25)
        section.left_margin = section.right_margin = Mm(20)
    normal = document.styles["Normal"]
    normal.font.size = Pt(12)
    set_east_asian_font(normal.element, CJK_FONT)


def set_east_asian_font(element, font: str) -> None:
    """Set the East Asian font on a style or run element (python-docx only sets the Latin one)."""
    rpr = element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), font)
