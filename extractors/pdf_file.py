"""pdf extractor for born-digital PDFs (text layer present); scans go to the OCR pipeline.

``extract(path, display, campaign) -> [TableDoc] | [FreeDoc] | [ExtractionError]``

The ruled tables of all pages (pdfplumber ``extract_tables``) are read like sheets (A2/A3/A4
chosen by content): a table without a header row of its own continues the one before it (a
table running over pages); two tables of the same form with disjoint columns and as many rows
are put side by side (a sheet printed over two pages' width). Header-line fields come from the
page text. No table form -> FreeDoc with the text.
No text layer at all -> a scan: :func:`extractors.scan_file.extract` (OCR, seals, evidence).
At most ``MAX_PAGES`` pages are read.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from paperdesk.campaign import Campaign
from paperdesk.models import Extracted, FreeDoc
from extractors.base import ENCRYPTED, BadInput, free_deliverable, preflight
from extractors.image_file import display_name
from extractors.labels import prose
from extractors.tables import Grid, find_header, read_table

MAX_PAGES = 200
SCAN_TITLE = "扫描件"


def extract(path: Path, display: str, campaign: Campaign) -> list[Extracted]:
    """The PDF as a table form or free text (see module docstring)."""
    preflight(path)
    try:
        pdf = pdfplumber.open(path)
    except (PdfminerException, PDFPasswordIncorrect) as e:
        if isinstance(e, PDFPasswordIncorrect) or any(isinstance(a, PDFPasswordIncorrect) for a in e.args):
            raise BadInput(ENCRYPTED) from e
        raise BadInput("PDF 文件已损坏，无法打开") from e
    with pdf:
        pages = pdf.pages[:MAX_PAGES]
        texts = [page.extract_text() or "" for page in pages]
        lines = [t for text in texts for t in (prose(x) for x in text.splitlines()) if t]
        if not lines:
            from extractors import scan_file  # a scan: read by OCR

            return scan_file.extract(path, "pdf", display, campaign)
        tables = [_padded(t) for page in pages for t in page.extract_tables() if t]
    docs = [d for seg in _side_by_side(_segments(tables, campaign), campaign)
            if (d := read_table(_grid(seg), campaign, display, "", extra_lines=lines))]
    if docs:
        return docs
    return [FreeDoc(source=display, title=lines[0], text="\n".join(lines),
                    deliverable=free_deliverable(campaign, lines[0], display_name(display)))]


Rows = list[list[object]]


def _padded(table: list[list[object]]) -> Rows:
    width = max(len(r) for r in table)
    return [list(r) + [None] * (width - len(r)) for r in table]


def _grid(rows: Rows) -> Grid:
    return Grid(cells=rows, numbers=list(range(1, len(rows) + 1)))


def _segments(tables: list[Rows], campaign: Campaign) -> list[Rows]:
    """Tables joined where one continues the one before (no header of its own, same width)."""
    segs: list[Rows] = []
    for t in tables:
        if segs and len(t[0]) == len(segs[-1][0]) and find_header(_grid(t), campaign) is None:
            segs[-1].extend(t)
        else:
            segs.append(list(t))
    return segs


def _side_by_side(segs: list[Rows], campaign: Campaign) -> list[Rows]:
    """Consecutive segments that are two halves (by columns) of one table, joined row by row."""
    out: list[Rows] = []
    for seg in segs:
        prev = out[-1] if out else None
        a = find_header(_grid(prev), campaign) if prev else None
        b = find_header(_grid(seg), campaign)
        if (a and b and a.form == b.form and a.row == b.row and len(prev) == len(seg)
                and not (set(a.columns) & set(b.columns)) - {"序号"}):
            out[-1] = [x + y for x, y in zip(prev, seg)]
        else:
            out.append(seg)
    return out
