"""Test-side readers for the demo's documents (independent of the product's extractors).

They rely on the layout ``writers.forms`` documents: table forms have the header line in row 2
and column labels in row 4; A5 is one label/value table; a case has its author line second and
"Heading 2" section headings, captions in style "Caption".
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import docx
import openpyxl

from paperdesk import textnorm
from writers.forms.tables import COLUMNS_ROW, FIRST_DATA_ROW, HEADER_ROW, TITLE_ROW


@dataclass
class Table:
    title: str
    header: str
    rows: list[dict[str, str]]


def table(data: bytes) -> Table:
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    labels = [c.value for c in ws[COLUMNS_ROW]]
    rows = []
    for r in ws.iter_rows(min_row=FIRST_DATA_ROW, values_only=True):
        if any(v not in (None, "") for v in r):
            rows.append({k: textnorm.clean(v) for k, v in zip(labels, r)})
    return Table(ws.cell(TITLE_ROW, 1).value, ws.cell(HEADER_ROW, 1).value, rows)


def header_field(text: str, label: str) -> str:
    m = re.search(label + r"(?:（盖章）)?：(\S*)", text)
    return m.group(1) if m else ""


def approval(data: bytes) -> dict[str, str]:
    d = docx.Document(io.BytesIO(data))
    out = {}
    for row in d.tables[0].rows:
        cells = []
        for c in row.cells:
            if not cells or cells[-1] is not c._tc:
                cells.append(c._tc)
        texts = [docx.table._Cell(tc, d.tables[0]).text for tc in cells]
        for i in range(0, len(texts) - 1, 2):
            out[texts[i]] = texts[i + 1]
    return out


@dataclass
class CaseText:
    author: dict[str, str]
    sections: dict[str, str]
    chars: int
    pictures: int


def case(data: bytes) -> CaseText:
    d = docx.Document(io.BytesIO(data))
    author = dict(re.findall(r"(\S+?)：(\S+)", d.paragraphs[1].text.replace("\u3000", " ")))
    sections, current = {}, None
    for p in d.paragraphs[2:]:
        if p.style.name == "Heading 2":
            current = p.text
            sections[current] = ""
        elif current and p.style.name != "Caption" and p.text:
            sections[current] += p.text
    chars = sum(textnorm.count_chars(t) for t in sections.values())
    return CaseText(author, sections, chars, len(d.inline_shapes))


def is_approval(data: bytes) -> bool:
    d = docx.Document(io.BytesIO(data))
    return bool(d.tables) and d.tables[0].rows[0].cells[0].text == "姓名"


def is_case(data: bytes) -> bool:
    d = docx.Document(io.BytesIO(data))
    return any(p.style.name == "Heading 2" for p in d.paragraphs)


def publicity_days(text: str) -> int:
    m = re.fullmatch(r"(\d+)年(\d+)月(\d+)日至(\d+)月(\d+)日", text)
    import datetime as dt
    y, m1, d1, m2, d2 = map(int, m.groups())
    return (dt.date(y, m2, d2) - dt.date(y, m1, d1)).days + 1
