"""pdf extractor for born-digital PDFs (text layer present); scans go to the OCR pipeline.

``extract(path, display, campaign) -> [TableDoc] | [FreeDoc] | [ExtractionError]``

The ruled tables of all pages (pdfplumber ``extract_tables``) are read like sheets (A2/A3/A4
chosen by content): a table without a header row of its own continues the one before it (a
table running over pages); two tables of the same form with disjoint columns and as many rows
are put side by side (a sheet printed over two pages' width). Header-line fields come from the
page text. No table form -> FreeDoc with the text.
No text layer at all -> a scan: :func:`extractors.scan_file.extract` (OCR, seals, evidence).
At most ``MAX_PAGES`` pages are read, and a page whose content streams decode to more than
``caps.PDF_PAGE_CONTENT_BYTES`` (hundreds of thousands of glyphs) is not parsed at all — its size
is counted by decompressing into a counter, never materialised; the record notes it, and a PDF
with no other text is refused rather than taken for a scan.
"""

from __future__ import annotations

import dataclasses
import zlib
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from paperdesk.campaign import Campaign
from paperdesk.models import Extracted, FreeDoc
from extractors.base import ENCRYPTED, BadInput, free_deliverable, preflight
from extractors.caps import PDF_PAGE_CONTENT_BYTES
from extractors.base import display_name
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
        every = pdf.pages[:MAX_PAGES]
        over = {i for i, page in enumerate(every) if content_bytes(page) > PDF_PAGE_CONTENT_BYTES}
        pages = [page for i, page in enumerate(every) if i not in over]
        skipped = sorted(i + 1 for i in over)
        notes = (f"第 {'、'.join(map(str, skipped))} 页内容过多（超过 {PDF_PAGE_CONTENT_BYTES // 10**6} MB），"
                 f"未读取",) if skipped else ()
        texts = [page.extract_text() or "" for page in pages]
        lines = [t for text in texts for t in (prose(x) for x in text.splitlines()) if t]
        if not lines and skipped:
            raise BadInput(notes[0] + "，疑似异常文件")
        if not lines:
            from extractors import scan_file  # a scan: read by OCR

            return scan_file.extract(path, "pdf", display, campaign)
        tables = [_padded(t) for page in pages for t in page.extract_tables() if t]
    docs = [d for seg in _side_by_side(_segments(tables, campaign), campaign)
            if (d := read_table(_grid(seg), campaign, display, "", extra_lines=lines))]
    if docs:
        return [dataclasses.replace(d, notes=d.notes + notes) for d in docs]
    return [FreeDoc(source=display, title=lines[0], text="\n".join(lines),
                    deliverable=free_deliverable(campaign, lines[0], display_name(display)), notes=notes)]


def content_bytes(page, stop: int = PDF_PAGE_CONTENT_BYTES) -> int:
    """Decoded size of the page's content streams, counted up to a little past ``stop``: Flate
    data is inflated in bounded steps into a counter (nothing kept); other filters are decoded by
    pdfminer. Unreadable streams count 0 (pdfplumber then reports what it can)."""
    from pdfminer.pdftypes import resolve1

    total = 0
    try:
        contents = resolve1(page.page_obj.attrs.get("Contents"))
    except Exception:  # noqa: BLE001
        return 0
    streams = contents if isinstance(contents, list) else [contents]
    for ref in streams:
        try:
            stream = resolve1(ref)
            if getattr(stream, "data", None) is not None:  # decoded already
                total += len(stream.data)
                continue
            names = [getattr(flt, "name", flt) for flt, _ in stream.get_filters()]
            if not names:
                total += len(stream.rawdata or b"")
            elif names in (["FlateDecode"], ["Fl"]):
                inflater = zlib.decompressobj()
                data = stream.rawdata or b""
                while data and total <= stop:
                    total += len(inflater.decompress(data, 1 << 20))
                    data = inflater.unconsumed_tail
            else:
                total += len(stream.get_data())
        except Exception:  # noqa: BLE001
            continue
        if total > stop:
            break
    return total


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
