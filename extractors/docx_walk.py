"""Walking a python-docx Document: paragraphs and table cells in reading order, with pictures.

A :class:`Block` is one paragraph (of the body or of a table cell) with its cleaned text, style
name and the pictures it holds. Pictures are found by their relationship ids (``a:blip``
for DrawingML, inline or floating; ``v:imagedata`` for old VML), so only image parts actually
referenced from the body count. Merged table cells (python-docx repeats them) are read once.
A paragraph keeps at most ``caps.PARAGRAPH_CHARS`` characters (one run repeated a million times
is cut, see :mod:`extractors.caps`; the part itself is bounded by :mod:`extractors.ooxml`).
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass

from docx.document import Document
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from paperdesk import textnorm
from extractors.caps import PARAGRAPH_CHARS
from extractors.labels import prose

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
_V = "urn:schemas-microsoft-com:vml"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_GENERIC = re.compile(r"^(picture|image|图片|图像|图)\s*\d*(\.\w+)?$", re.I)


@dataclass(frozen=True)
class Pic:
    """A picture referenced from the document: ``key`` is its part name (unique per image)."""

    key: str
    name: str
    descr: str
    size: int
    sha256: str = ""


@dataclass(frozen=True)
class Block:
    text: str  # labels.prose: full-width punctuation kept
    style: str = ""
    pics: tuple[Pic, ...] = ()
    table: int | None = None  # index of the top-level table holding it, None in the body
    bold: bool = False  # every run with text is bold (a heading typed without a heading style)


def blocks(doc: Document) -> list[Block]:
    """Every paragraph (line) of the body in order, table cells' paragraphs in place of their table."""
    out: list[Block] = []
    t = -1
    for item in doc.iter_inner_content():
        if isinstance(item, Paragraph):
            out.extend(_blocks_of(item, None))
        else:
            t += 1
            out.extend(b for cell in unique_cells(item) for p in _cell_paragraphs(cell) for b in _blocks_of(p, t))
    return out


def all_tables(doc: Document) -> list[Table]:
    """The body's tables in reading order, each followed by the tables nested in its cells (a
    form typed inside a one-cell frame table, a sub-table inside a form's cell), depth first."""
    out: list[Table] = []

    def visit(table: Table) -> None:
        out.append(table)
        for cell in unique_cells(table):
            for item in cell.iter_inner_content():
                if isinstance(item, Table):
                    visit(item)

    for table in doc.tables:
        visit(table)
    return out


def grid(table: Table) -> list[list[_Cell]]:
    """The table's cells row by row, merged cells repeated (as python-docx gives them)."""
    return [list(row.cells) for row in table.rows]


def table_texts(table: Table) -> tuple[list[list[str]], frozenset[tuple[int, int]]]:
    """The table's cell texts row by row (a merged cell's text in every position it covers) and
    the positions that only repeat a merged cell (left of or above them is the same cell)."""
    rows = grid(table)
    texts: list[list[str]] = []
    copies: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        texts.append([" ".join(cell_lines(cell)) for cell in row])
        for c, cell in enumerate(row):
            left = c > 0 and row[c - 1]._tc is cell._tc
            up = r > 0 and c < len(rows[r - 1]) and rows[r - 1][c]._tc is cell._tc
            if left or up:
                copies.add((r, c))
    return texts, frozenset(copies)


def unique_cells(table: Table) -> list[_Cell]:
    """Each cell once, in reading order."""
    seen: set[int] = set()
    out = []
    for row in grid(table):
        for cell in row:
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                out.append(cell)
    return out


def cell_lines(cell: _Cell) -> list[str]:
    """A cell's non-empty lines (paragraphs, and line breaks inside them), cleaned; nested
    tables included."""
    lines = (line for p in _cell_paragraphs(cell) for line in re.split(r"[\n\r\v]", p.text[:PARAGRAPH_CHARS]))
    return [t for t in (textnorm.clean(x) for x in lines) if t]


def _cell_paragraphs(cell: _Cell) -> list[Paragraph]:
    out: list[Paragraph] = []
    for item in cell.iter_inner_content():
        if isinstance(item, Paragraph):
            out.append(item)
        else:
            out.extend(p for c in unique_cells(item) for p in _cell_paragraphs(c))
    return out


def _blocks_of(p: Paragraph, table: int | None) -> list[Block]:
    """One block per line of the paragraph (lines split by manual line breaks); the paragraph's
    pictures go with its first line; then the paragraphs of its text boxes (a caption box grouped
    with a picture, a case typed in a text box), each once."""
    try:
        style = p.style.name if p.style is not None else ""
    except (KeyError, ValueError):
        style = ""
    lines = re.split(r"[\n\r\v]", p.text[:PARAGRAPH_CHARS]) or [""]
    pics = pictures(p)
    bold = _all_bold(p)
    out = [Block(text=prose(line), style=style or "", pics=pics if i == 0 else (), table=table, bold=bold)
           for i, line in enumerate(lines)]
    for inner in _text_box_paragraphs(p):
        out.extend(_blocks_of(inner, table))
    return out


_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_TXBX = f"{{{_W}}}txbxContent"


def _text_box_paragraphs(p: Paragraph) -> list[Paragraph]:
    """The paragraphs inside the text boxes anchored in ``p`` (outermost boxes only; the VML
    fallback copy Word writes beside a DrawingML box is skipped)."""
    found = []
    for box in p._p.iter(_TXBX):
        if any(a.tag in (_TXBX, f"{{{_MC}}}Fallback") for a in box.iterancestors()):
            continue
        found.extend(Paragraph(el, p._parent) for el in box.iterchildren(f"{{{_W}}}p"))
    return found


def _all_bold(p: Paragraph) -> bool:
    runs = [r for r in p.runs if r.text.strip()]
    if not runs:
        return False
    try:
        style_bold = bool(p.style is not None and p.style.font.bold)
    except (KeyError, ValueError):
        style_bold = False
    return all(r.bold or (r.bold is None and style_bold) for r in runs)


def pictures(p: Paragraph) -> tuple[Pic, ...]:
    """The pictures a paragraph shows, each image part once."""
    part = p.part
    found: dict[str, Pic] = {}
    for el in p._p.iter(f"{{{_W}}}drawing", f"{{{_W}}}pict"):
        for rid, name, descr in _refs(el):
            target = part.related_parts.get(rid) if rid else None
            if target is None or not hasattr(target, "blob"):
                continue
            key = str(target.partname)
            if key not in found:
                blob = target.blob
                found[key] = Pic(key, name or posixpath.basename(key), descr, len(blob), hashlib.sha256(blob).hexdigest())
    return tuple(found.values())


def _refs(el) -> list[tuple[str, str, str]]:
    """(relationship id, name, description) of each picture inside a drawing or VML element."""
    doc_pr = next(el.iter(f"{{{_WP}}}docPr"), None)
    names = [doc_pr.get("name", "") if doc_pr is not None else ""]
    names += [c.get("name", "") for c in el.iter(f"{{{_PIC}}}cNvPr")]
    descr = doc_pr.get("descr", "") if doc_pr is not None else ""
    name = next((n for n in names if n and not _GENERIC.match(n.strip())), "")
    refs = [(b.get(f"{{{_R}}}embed", ""), name, descr) for b in el.iter(f"{{{_A}}}blip")]
    refs += [(v.get(f"{{{_R}}}id", ""), name, v.get("title", "") or descr) for v in el.iter(f"{{{_V}}}imagedata")]
    return refs
