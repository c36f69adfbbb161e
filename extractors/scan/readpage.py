"""One page image -> what is written on it (:class:`PageRead`), with the seal finding.

Contract: :func:`read_page` runs, for one :class:`PageImage`: seal finding and removal (the seal
finder's ``find_seal``/``remove_seal`` when that module is present; red ink whitened, black text
under it kept), orientation and deskew, table grid, ruling lines wiped, each cell cut at its own
lines (a glyph reaching the cut caps the cell's confidence: :mod:`extractors.scan.cells`), OCR of every cell (read
again turned 180° when the cells read badly: cheaper than testing every page for upside down), and of
the text outside the tables (the title band and header line above the largest table; the whole
page when there is no table). A born-digital page (``origin == "text"``) is not OCR'd: its text
layer words are put into the cells. Pure: returns arrays and records, writes nothing.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass

import cv2
import numpy as np

from extractors.scan import grid, orient
from extractors.scan.cells import CUT_CONF, cell_windows
from extractors.scan.model import CellText, PageImage, PageRead, Table, TableText, Word
from extractors.scan.ocr.base import OcrEngine, join_lines


UPSIDE_DOWN_CONF = 0.6
TRUSTED_DPI = 90  # a page scanned coarser than this is read (scaled up) but no reading of it is sure
COARSE_CONF = 0.5


@dataclass(frozen=True, eq=False)
class PageOutcome:
    """A read page: the text, the upright image it was read from, and how it was made upright.
    ``seal`` is the seal finder's ``SealFinding`` in the coordinates of the page as loaded (None
    when the seal finder is not installed)."""

    read: PageRead
    image: np.ndarray
    turned: int
    skew: float
    seal: object | None
    seconds: float


def read_page(page: PageImage, engine: OcrEngine | None) -> PageOutcome:
    """See the module docstring. ``engine`` may be None only for born-digital pages."""
    start = time.perf_counter()
    seal, image = _seal(page.image, page.dpi)
    if page.origin == "text":
        tables = grid.find_tables(image, page.dpi)
        read = _from_text_layer(page, tables)
        return PageOutcome(read, image, 0, 0.0, seal, time.perf_counter() - start)
    image, turned, skew, tables = orient.upright(image, page.dpi, upside_down=False)
    clean, texts = _read_tables(image, tables, engine, page.dpi)
    if tables and _doubtful(texts):  # upside down? read it the other way and keep the better
        image2 = orient.turn(image, 180)
        tables2 = grid.find_tables(image2, page.dpi)
        clean2, texts2 = _read_tables(image2, tables2, engine, page.dpi)
        if _median_conf(texts2) > _median_conf(texts):
            image, tables, clean, texts, turned = image2, tables2, clean2, texts2, (turned + 180) % 360
    lines = _outside_lines(clean, tables, engine, page.dpi)
    if page.scanned_dpi is not None and page.scanned_dpi < TRUSTED_DPI:
        texts, lines = _coarse(texts), [Word(w.text, w.bbox, min(w.conf, COARSE_CONF)) for w in lines]
    read = PageRead(page.index, tuple(texts), tuple(lines))
    return PageOutcome(read, image, turned, skew, seal, time.perf_counter() - start)


def _coarse(texts: list[TableText]) -> list[TableText]:
    """Every cell of a page scanned too coarse to trust capped at COARSE_CONF — an empty cell too:
    at 72 dpi a faint name may vanish, so "nothing here" is as unsure as any reading."""
    def capped(ct: CellText) -> CellText:
        return dataclasses.replace(ct, conf=min(ct.conf, COARSE_CONF), cap=min(ct.cap, COARSE_CONF))

    return [TableText(tt.table, tuple(capped(ct) for ct in tt.cells)) for tt in texts]


def _read_tables(image: np.ndarray, tables: list[Table], engine: OcrEngine, dpi: float):
    """(the image with its ruling lines wiped, the text of every cell of every table)."""
    wipe = grid.line_mask(image, dpi)
    clean = image.copy()
    clean[wipe > 0] = 255
    texts = []
    for table in tables:
        windows = cell_windows(clean, wipe, table, dpi)  # each cell cut at its own lines
        found = engine.read_cells(clean, [box for box, _ in windows], dpi)
        cells = []
        for c, (_, cut), (text, conf, *lattice) in zip(table.cells, windows, found):
            cap = CUT_CONF if cut and text else 1.0
            cells.append(CellText(c, text, min(conf, cap), lattice[0] if lattice else None, cap))
        texts.append(TableText(table, tuple(cells)))
    return clean, texts


def _median_conf(texts: list[TableText]) -> float:
    confs = [ct.conf for tt in texts for ct in tt.cells if ct.text]
    return float(np.median(confs)) if confs else 0.0


def _doubtful(texts: list[TableText]) -> bool:
    """The cells read so badly that the page may be upside down (upright pages read with a
    median confidence of 0.9+ with RapidOCR, 0.75+ with tesseract; upside-down ones far less)."""
    return _median_conf(texts) < UPSIDE_DOWN_CONF


def _seal(image: np.ndarray, dpi: float):
    """(finding, image with the seal whitened); (None, image) without the seal finder."""
    try:
        from extractors.scan.seal import find_seal, remove_seal
    except ImportError:
        return None, image
    finding = find_seal(image, dpi, channels="rgb")
    return finding, remove_seal(image, channels="rgb", finding=finding)


def _outside_lines(clean: np.ndarray, tables: list[Table], engine: OcrEngine, dpi: float) -> list[Word]:
    """Text lines above the largest table (title, header line), or of the whole page."""
    if tables:
        top = min(t.bbox[1] for t in tables)
        region = clean[: max(0, top - 2)]
    else:
        region = clean
    if region.shape[0] < dpi * 0.1 or _blank(region):
        return []
    # above a table: a band of printed lines, read without the page detector; a page without a
    # table (a letter, a summary, a photo of one) keeps the detector
    return group_lines(engine.read_band(region, dpi) if tables else engine.read(region, dpi))


def _blank(region: np.ndarray) -> bool:
    gray = cv2.cvtColor(region, cv2.COLOR_RGB2GRAY) if region.ndim == 3 else region
    return float((gray < 128).mean()) < 0.0005


def group_lines(words: list[Word]) -> list[Word]:
    """Words grouped into text lines (vertical overlap), left to right, top to bottom; each line
    one Word with the joined text (a wide gap becomes two spaces), the union box and the lowest
    confidence."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.bbox[1] + w.bbox[3]) / 2):
        cy = (w.bbox[1] + w.bbox[3]) / 2
        for line in lines:
            top = min(x.bbox[1] for x in line)
            bottom = max(x.bbox[3] for x in line)
            if top <= cy <= bottom:
                line.append(w)
                break
        else:
            lines.append([w])
    out = []
    for line in lines:
        line.sort(key=lambda w: w.bbox[0])
        text = line[0].text
        for prev, w in zip(line, line[1:]):
            text += _gap(prev, w) + w.text
        box = (min(w.bbox[0] for w in line), min(w.bbox[1] for w in line),
               max(w.bbox[2] for w in line), max(w.bbox[3] for w in line))
        out.append(Word(text, box, min(w.conf for w in line)))
    out.sort(key=lambda w: w.bbox[1])
    return out


def _gap(prev: Word, word: Word) -> str:
    """Two spaces for a wide gap (separate items), one between Latin words, none in CJK text."""
    height = max(1, prev.bbox[3] - prev.bbox[1])
    gap = word.bbox[0] - prev.bbox[2]
    if gap > height:
        return "  "
    latin = prev.text[-1:].isascii() and word.text[:1].isascii()
    return " " if latin and gap > 0.15 * height else ""


def _from_text_layer(page: PageImage, tables: list[Table]) -> PageRead:
    """Put the text layer's words into the cells whose box holds their centre."""
    words = list(page.words or ())
    texts, used = [], set()
    for table in tables:
        cells = []
        for c in table.cells:
            inside = [i for i, w in enumerate(words) if i not in used and _centre_in(w.bbox, c.bbox)]
            used.update(inside)
            line_words = group_lines([words[i] for i in inside])
            cells.append(CellText(c, join_lines([w.text for w in line_words]), 1.0))
        texts.append(TableText(table, tuple(cells)))
    rest = group_lines([w for i, w in enumerate(words) if i not in used])
    return PageRead(page.index, tuple(texts), tuple(rest))


def _centre_in(box, cell) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return cell[0] <= cx < cell[2] and cell[1] <= cy < cell[3]
