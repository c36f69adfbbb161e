"""People in documents, and matching the same person across two documents.

A person is a table row (A2/A3/A4), a label/value form (A5) or a case's author line (A1). A
person is found in another document on 学号 first, then on 姓名, so that a person whose 学号 was
mistyped in one document still pairs up (and the 学号 difference is reported) instead of showing
up as "missing" on both sides.
"""

from __future__ import annotations

from dataclasses import dataclass

from paperdesk import textnorm
from paperdesk.models import CaseDoc, FormDoc, TableDoc

from checks.context import NAME, SID, Doc, person_rows


@dataclass(frozen=True)
class Person:
    """One person's values in one document; ``row`` is the sheet row for tables, else None."""

    cells: dict[str, str]
    doc: Doc
    row: int | None = None

    @property
    def name(self) -> str:
        return self.cells.get(NAME, "").strip()

    @property
    def sid(self) -> str:
        return textnorm.student_id(self.cells.get(SID, ""))

    @property
    def where(self) -> str:
        return f"{self.doc.file} 第{self.row}行" if self.row else self.doc.file

    @property
    def label(self) -> str:
        """How a message names this person: 姓名（学号）."""
        return f"{self.name or '（无姓名）'}（{self.sid}）" if self.sid else (self.name or "（无姓名）")


def people_of(doc: Doc) -> list[Person]:
    """Every person a document names, in document order."""
    r = doc.record
    if isinstance(r, TableDoc):
        return [Person(row.cells, doc, row.row) for row in person_rows(r)]
    if isinstance(r, FormDoc):
        cells = dict(r.fields)
        cells.setdefault(NAME, doc.ident.person or "")
        cells.setdefault(SID, doc.ident.student_id or "")
        return [Person(cells, doc)] if (cells[NAME] or cells[SID]) else []
    if isinstance(r, CaseDoc):
        return [Person(dict(r.author), doc)]
    return []


def find_person(p: Person, people: list[Person]) -> Person | None:
    """The person of ``people`` that is ``p``: same 学号, else same 姓名."""
    if p.sid:
        hit = next((x for x in people if x.sid == p.sid), None)
        if hit is not None:
            return hit
    key = textnorm.person_name(p.name)
    return next((x for x in people if key and textnorm.person_name(x.name) == key), None)


def unique(people: list[Person]) -> list[Person]:
    """People without repeats (same 学号, else same 姓名): the first listing of each is kept, so
    that a person listed twice gets one flag per finding (DUPLICATE_PERSON reports the repeat)."""
    seen: set[str] = set()
    out = []
    for p in people:
        key = p.sid or "name:" + textnorm.person_name(p.name)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
