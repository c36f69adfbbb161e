"""Typed values of the scan reader, shared by its modules (pure data, no behaviour).

Coordinates are pixels of the page image they belong to, as ``(x0, y0, x1, y1)`` with x1/y1
exclusive. Images are ``numpy.ndarray`` of ``uint8``: RGB ``HxWx3`` for pages, ``HxW`` for masks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

BBox = tuple[int, int, int, int]


class ScanInputError(Exception):
    """The file cannot be read as a scan: ``str(e)`` is a Chinese reason shown to staff.

    Raised by :mod:`pages` for bad input (corrupt, encrypted, too large); the reader turns it into
    an ``ExtractionError`` so that it never escapes the extractor layer.
    """


@dataclass(frozen=True)
class Word:
    """One piece of recognised text: ``conf`` in 0..1 (1 for a born-digital text layer)."""

    text: str
    bbox: BBox
    conf: float


@dataclass(frozen=True, eq=False)
class PageImage:
    """One page as an image.

    ``origin`` says where the pixels came from: ``scan`` (an image embedded in a PDF), ``image``
    (a JPG/PNG/TIFF file), ``render`` (a PDF page rendered because it had no single embedded
    image) or ``text`` (a born-digital PDF page, rendered only to find the table lines: its
    ``words`` are the exact text layer and no OCR is needed). ``dpi`` is the resolution of
    ``image`` after any rescaling; ``scanned_dpi`` is the resolution the page came in at when it
    was too coarse to read as it was and had to be scaled up (None otherwise).
    """

    index: int
    image: np.ndarray
    dpi: float
    origin: str = "scan"
    words: tuple[Word, ...] | None = None
    scanned_dpi: float | None = None


@dataclass(frozen=True)
class Cell:
    """A table cell: top-left grid position, spans (merged cells > 1) and pixel box."""

    row: int
    col: int
    row_span: int
    col_span: int
    bbox: BBox

    @property
    def last_row(self) -> int:
        return self.row + self.row_span - 1

    @property
    def last_col(self) -> int:
        return self.col + self.col_span - 1


@dataclass(frozen=True)
class Table:
    """A ruled table on a page: row and column line positions and its cells, in reading order."""

    bbox: BBox
    row_lines: tuple[int, ...]
    col_lines: tuple[int, ...]
    cells: tuple[Cell, ...]

    @property
    def n_rows(self) -> int:
        return len(self.row_lines) - 1

    @property
    def n_cols(self) -> int:
        return len(self.col_lines) - 1


@dataclass(frozen=True)
class CellText:
    """A cell with the text read from it and the confidence of that reading (0..1)."""

    cell: Cell
    text: str
    conf: float
    lattice: object | None = None  # paperdesk.lattice.Lattice where the engine keeps one
    cap: float = 1.0  # the most ``conf`` may be, whatever the reading (a glyph cut by the cell's
    #                   edge, a page scanned too coarse): a re-reading of the lattice keeps it


@dataclass(frozen=True)
class TableText:
    """A table with the text read from each of its cells (same order as ``table.cells``)."""

    table: Table
    cells: tuple[CellText, ...]


@dataclass(frozen=True)
class PageRead:
    """What was read on one page: its tables' cells and the text lines outside the tables
    (title, the line with 学院/填表人/日期 above a table, notes), top to bottom."""

    index: int
    tables: tuple[TableText, ...]
    lines: tuple[Word, ...] = ()

    @property
    def title_text(self) -> str:
        """The text above the first table (or all outside text when there is no table)."""
        top = self.tables[0].table.bbox[1] if self.tables else None
        return "".join(w.text for w in self.lines if top is None or w.bbox[3] <= top + 5)


@dataclass(frozen=True)
class Uncertain:
    """A field read from a scan that is not to be trusted as read: the checks layer raises
    OCR_LOW_CONFIDENCE for it. ``row`` is the table row (None for label/value forms)."""

    form: str
    field: str
    value: str
    conf: float
    reason: str
    row: int | None = None
    page: int | None = None
    bbox: BBox | None = None
    record: int | None = None  # index into ScanResult.records (set by the reader)


@dataclass(frozen=True)
class Located:
    """Where a field's value was read: page index and the value cell's box (for evidence crops)."""

    field: str
    page: int
    bbox: BBox
    row: int | None = None
    #: the value is the whole cell (False: it follows its label inside the cell, "姓名：张三", and
    #: what the recogniser saw there — the label too — is no evidence for verifying the value)
    whole_cell: bool = True
