"""How much text an extractor keeps, so that reading stays bounded by construction and the
per-file budget of :mod:`extractors.pool` is a last resort, not the usual path.

A hostile or broken file can make a small file expand enormously: a workbook whose shared-strings
table holds one long string that thousands of cells point to (a few KB on disk, gigabytes once
every cell's text is copied), a paragraph of one run repeated a million times, a PDF page with
hundreds of thousands of glyphs. Where each cap applies: xlsx counts every cell (and every merged
copy) against :class:`TextBudget` before copying it and notes a cut in the record's ``notes``
(Chinese, shown to staff); a PDF page over its content cap is not parsed and the record notes it;
a docx paragraph is cut at ``PARAGRAPH_CHARS`` (its XML part is already bounded by
:mod:`extractors.ooxml`; the docx records carry no notes, so that cut is silent).

Why the caps cannot hide a real form: the longest field the notice asks for is a case of at most
1500 characters (A1) and the 带班工作主要事迹 of an A5 (a few hundred); the largest table is a
college's A4 of some dozens of people × 12 columns (~30,000 characters). The caps are ten to a
hundred times above that.
"""

from __future__ import annotations

#: characters kept of one cell of a workbook; a longer value is cut
CELL_CHARS = 20_000
#: characters kept of one paragraph of a docx (a whole case pasted as one paragraph fits)
PARAGRAPH_CHARS = 50_000
#: characters kept of one workbook (all sheets); reading stops there
DOCUMENT_CHARS = 2_000_000
#: decoded bytes of one PDF page's content streams past which the page's text is not read
#: (a dense real page holds 20–200 KB; a page of hundreds of thousands of glyphs holds megabytes)
PDF_PAGE_CONTENT_BYTES = 2_000_000


class TextBudget:
    """Counts the characters a document has kept; :meth:`take` cuts a value to what is left."""

    def __init__(self, total: int = DOCUMENT_CHARS):
        self.left = total
        self.cut = False  # some text was cut or left unread

    @property
    def spent(self) -> bool:
        return self.left <= 0

    def take(self, text: str, cap: int) -> str:
        """``text`` cut to ``cap`` and to what is left of the budget (counted before copying)."""
        n = len(text)
        keep = min(n, cap, max(0, self.left))
        if keep < n:
            self.cut = True
            text = text[:keep]
        self.left -= keep
        return text
