"""pdf extractor for born-digital PDFs (text layer present); scans go to the OCR pipeline.

``extract(path, display, campaign) -> [TableDoc] | [FreeDoc] | [ExtractionError]``

The ruled tables of all pages (pdfplumber ``extract_tables``) are joined into one grid — a table
continued on the next page keeps its columns — and read like a sheet (A2/A3/A4 chosen by
content); header-line fields come from the page text. No table form -> FreeDoc with the text.
No text layer at all -> ``FreeDoc(title="扫描件", text="")`` for the scan pipeline.
At most ``MAX_PAGES`` pages are read.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect

from paperdesk.campaign import Campaign
from paperdesk.models import Extracted, FreeDoc
from extractors.base import BadInput, free_deliverable, preflight
from extractors.image_file import display_name
from extractors.labels import prose
from extractors.tables import Grid, read_table

MAX_PAGES = 200
SCAN_TITLE = "扫描件"


def extract(path: Path, display: str, campaign: Campaign) -> list[Extracted]:
    """The PDF as a table form or free text (see module docstring)."""
    preflight(path)
    try:
        pdf = pdfplumber.open(path)
    except PDFPasswordIncorrect as e:
        raise BadInput("PDF 文件已加密（设置了打开密码），无法读取") from e
    with pdf:
        pages = pdf.pages[:MAX_PAGES]
        texts = [page.extract_text() or "" for page in pages]
        lines = [t for text in texts for t in (prose(x) for x in text.splitlines()) if t]
        if not lines:
            return [FreeDoc(source=display, title=SCAN_TITLE, text="", deliverable="")]
        rows = [row for page in pages for table in page.extract_tables() for row in table]
    if rows:
        width = max(len(r) for r in rows)
        grid = Grid(cells=[list(r) + [None] * (width - len(r)) for r in rows], numbers=list(range(1, len(rows) + 1)))
        doc = read_table(grid, campaign, display, "", extra_lines=lines)
        if doc:
            return [doc]
    return [FreeDoc(source=display, title=lines[0], text="\n".join(lines),
                    deliverable=free_deliverable(campaign, lines[0], display_name(display)))]
