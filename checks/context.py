"""What every rule sees: the campaign and the submission, with look-ups by college and form.

Forms and columns are named by the campaign's rules (a person is identified by 姓名 and 学号 in
every form); every *value* a rule compares against (quotas, limits, dates, colleges, statuses)
comes from the campaign. A :class:`Doc` is an extracted record together with the identified file it came from,
so that every flag can say where (file, row).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from paperdesk import textnorm
from paperdesk.campaign import Campaign
from paperdesk.models import CaseDoc, ExtractionError, FormDoc, Identified, ImageFile, IntakeItem, Submission, TableDoc

# the person's identity in every form (every other form id and column comes from the campaign)
NAME, SID = "姓名", "学号"

INTAKE = "intake"


def is_scan(record: Any) -> bool:
    """True for records read from a scan (the paper half of a deliverable)."""
    return bool(getattr(record, "from_scan", False))


@dataclass(frozen=True)
class Doc:
    """An extracted record and the identified file that holds it."""

    ident: Identified
    record: Any

    @property
    def file(self) -> str:
        return self.ident.item.display

    @property
    def college(self) -> str | None:
        return self.ident.college

    @property
    def deliverable(self) -> str | None:
        return self.ident.deliverable


class Ctx:
    """Read-only view of one run for the rules. Pure: builds nothing but look-ups."""

    def __init__(self, campaign: Campaign, submission: Submission) -> None:
        self.campaign = campaign
        self.submission = submission
        self.checks = campaign.checks

    @property
    def colleges(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.campaign.colleges)

    def files(self, college: str | None = None, deliverable: str | None = None) -> list[Identified]:
        """Used files, optionally of one college and/or deliverable (input order kept)."""
        return [
            f for f in self.submission.files
            if (college is None or f.college == college) and (deliverable is None or f.deliverable == deliverable)
        ]

    def docs(self, college: str | None, form: str, *, scans: bool = False) -> list[Doc]:
        """Table/label forms of ``form`` (e.g. "A4") of a college (None: all colleges); electronic only
        unless ``scans``."""
        out = []
        for f in self.files(college):
            r = f.record
            if isinstance(r, (TableDoc, FormDoc)) and r.form == form and (scans or not is_scan(r)):
                out.append(Doc(f, r))
        return out

    def cases(self, college: str) -> list[Doc]:
        return [Doc(f, f.record) for f in self.files(college) if isinstance(f.record, CaseDoc)]

    def images(self, college: str, deliverable: str | None = None) -> list[Doc]:
        return [Doc(f, f.record) for f in self.files(college, deliverable) if isinstance(f.record, ImageFile)]

    def deliverable_key(self, form: str) -> str | None:
        """The key of the deliverable whose form is ``form``."""
        return next((d.key for d in self.campaign.deliverables if d.form == form), None)

    def case_deliverable(self) -> str | None:
        """The key of the deliverable written on a form of kind ``case`` (titled texts with
        sections and pictures), None when the campaign has none."""
        d = self.campaign.case_deliverable()
        return d.key if d else None

    def default_year(self) -> int:
        """The campaign's year: that of its earliest deadline."""
        return min(d.due for d in self.campaign.deliverables).year

    def college_of_item(self, item: IntakeItem) -> str | None:
        """A college for an item checks saw only in intake: the one its hints agree on, else None."""
        for f in self.submission.files:
            if f.item.display == item.display and f.college:
                return f.college
        names = {h.college for h in item.hints if h.college}
        return names.pop() if len(names) == 1 else None

    def extraction_errors(self) -> list[Doc]:
        return [Doc(f, f.record) for f in self.submission.files if isinstance(f.record, ExtractionError)]


def person_rows(table: TableDoc) -> list:
    """The rows of a table that are people (the extractor keeps only rows that look like people:
    see ``extractors.people``); a row with neither 姓名 nor 学号 is none."""
    return [r for r in table.rows if r.cells.get(NAME, "").strip() or r.cells.get(SID, "").strip()]


def sid_of(value: str | None, digits: int) -> tuple[str, bool]:
    """(normalised 学号, well-formed?) — well-formed means exactly ``digits`` digits."""
    s = textnorm.student_id(value or "")
    return s, s.isdigit() and len(s) == digits


def same_text(a: str | None, b: str | None) -> bool:
    return textnorm.squash(a) == textnorm.squash(b)


def percent(ratio: Decimal) -> str:
    """0.15 -> "15%", 0.125 -> "12.5%"."""
    return f"{(ratio * 100).normalize():f}%"


def sid_note(value: str | None, digits: int) -> str:
    """A message tail for a malformed 学号 ("" when it is well-formed or blank), so that any rule
    meeting one reports it without a code of its own."""
    if not (value or "").strip() or sid_of(value, digits)[1]:
        return ""
    return f"（学号格式不正确：“{value}”不是 {digits} 位数字）"
