"""Scan extractor adapter: a scanned PDF or a form-page image -> records with their paper facts.

``extract(path, kind, display, campaign, engine=None) -> list[Extracted]``  (with this process's
own OCR engine, created once, unless one is given; the run reads every file in a worker process
under a budget, see :mod:`extractors.pool`, and a scan's budget grows with its pages)

Calls :func:`extractors.scan.reader.read_scan` (OCR, forms, per-field confidence) and gives every
record it returns (FormDoc / TableDoc / FreeDoc, ``from_scan=True``) a
:class:`~paperdesk.models.PaperInfo`: the file's pages the record was read from, per page the
seal verdict (finder confidence, box, ring text and the college it names, party committee or
not), the reader's doubts, and evidence crops as PNG bytes keyed by
:func:`~paperdesk.models.crop_key` (value cells, grey) and :func:`~paperdesk.models.seal_key`
(the seal in colour, or the whole page shrunk when it has no seal). Pure: reads only the file
it is given. Nothing escapes: any failure is ``[ExtractionError(display, <Chinese reason>)]``.

Pages are given to records as the reader read them (``ScanResult.record_pages``); failing that, by runs of consecutive pages of the same form (``PageFinding.form``)
taken by the records of that form in order, split evenly when a run holds several records
(all A5s of a college in one PDF; two-page A5s).
"""

from __future__ import annotations

import dataclasses
import io
import re
import threading
from pathlib import Path

import numpy as np
from PIL import Image

from paperdesk.campaign import Campaign
from paperdesk.models import (SEAL_EVIDENCE_FLOOR, ExtractionError, Extracted, FormDoc, FreeDoc, PaperInfo, ScanDoubt, SealCheck,
                              TableDoc, crop_key, seal_key)

#: long side / short side of an image taken for a page (A4 is 1.414)
PAGE_RATIO = (1.30, 1.56)
#: an image whose long side is shorter than this is too small to be a scanned page
PAGE_MIN_PX = 900
#: the long side at which an image is looked at for ruling lines (see :func:`has_ruling`)
RULING_PX = 1200
#: longest side of a whole-page evidence image, pixels
PAGE_THUMB_PX = 900
#: margin around the seal box in its crop, as a share of the box side
SEAL_MARGIN = 0.15


def extract(path: Path, kind: str, display: str, campaign: Campaign, engine=None) -> list[Extracted]:
    """The scan's records, each with its :class:`PaperInfo` (see the module docstring), read with
    ``engine`` or this process's own engine (created on first use, kept for the next scans)."""
    if engine is None:
        engine = _own_engine()
    return read(Path(path), kind, display, campaign, engine)


_engine = None
_engine_lock = threading.Lock()


def _own_engine():
    global _engine
    with _engine_lock:
        if _engine is None:
            from extractors.scan import ocr

            _engine = ocr.default_engine()
        return _engine


def read(path: Path, kind: str, display: str, campaign: Campaign, engine) -> list[Extracted]:
    """Read the scan in this thread with ``engine`` (pages one after another)."""
    try:
        from extractors.pool import note_pages
        from extractors.scan.reader import read_scan

        result = read_scan(path, kind, display, campaign, engine=engine, workers=1, on_pages=note_pages)
        errors = [r for r in result.records if isinstance(r, ExtractionError)]
        if errors or not result.records:
            return errors or [ExtractionError(display, "扫描件中没有读到任何内容")]
        return _with_paper(result, path, kind, campaign, engine)
    except MemoryError:
        return [ExtractionError(display, "扫描件过大，超出可处理的范围")]
    except Exception as e:  # noqa: BLE001 - a scan that breaks the reader is bad input, not a crash
        return [ExtractionError(display, f"扫描件无法识别（{type(e).__name__}）")]


def _with_paper(result, path: Path, kind: str, campaign: Campaign, engine=None) -> list[Extracted]:
    from extractors.scan.pages import iter_pages

    groups = list(result.record_pages) or page_groups(result.records, result.pages)
    finding = {f.index: f for f in result.pages}
    seals = {}
    for page in iter_pages(path, kind):  # one page image at a time (a long scan would not fit whole)
        if page.index in finding:
            seals[page.index] = _seal_check(finding[page.index], page.image, engine)
    seals.update({f.index: _seal_check(f, None, engine) for f in result.pages if f.index not in seals})
    out = []
    for idx, (record, pages) in enumerate(zip(result.records, groups)):
        crops = {crop_key(c.page + 1, c.field, c.row): png(c.image, grey=True)
                 for c in result.crops if c.page in pages and c.image.size}
        checks = tuple(seals[i][0] for i in pages if i in seals)
        crops.update({seals[i][0].crop: seals[i][1] for i in pages if i in seals and seals[i][1]})
        doubts = tuple(_doubt(u) for u in _doubts_of(result.uncertain, idx, result.records, groups))
        lattices = {crop_key(c.page + 1, c.field, c.row): c.lattice
                    for c in result.crops if c.page in pages and c.lattice is not None}
        info = PaperInfo(tuple(i + 1 for i in pages), checks, doubts, dict(sorted(crops.items())),
                         dict(sorted(lattices.items())))
        out.append(dataclasses.replace(record, paper=info) if isinstance(record, (FormDoc, TableDoc, FreeDoc))
                   else record)
    return out


# ---------------------------------------------------------------- is an image a scanned page?


def is_form_page(path: Path, display: str, campaign: Campaign) -> bool:
    """True for an image to read as a scan: a TIFF, or an A4-shaped image with ruling lines (a
    table; in a phone photo, on the sheet cut out of it) — never a life photo or a picture of a
    cases deliverable (its keywords on the path)."""
    from extractors.base import display_name, is_life_photo
    from extractors.scan.pages import MAX_PIXELS
    from extractors.scan.photo import flatten

    if is_life_photo(campaign, display_name(display)) or _of_cases(display, campaign):
        return False
    try:
        with Image.open(path) as im:
            if im.format == "TIFF":
                return True
            w, h = im.size
            if max(w, h) < PAGE_MIN_PX:
                return False
            scale = RULING_PX / max(w, h)
            if scale < 1:  # JPEG: decode at the smallest size still this large
                im.draft("L", (max(1, round(w * scale)), max(1, round(h * scale))))
            grey = np.asarray(im.convert("L"))
        flat, photo = flatten(grey)  # a sheet photographed on a desk: the sheet alone
        if photo and w * h <= MAX_PIXELS:  # its lines are thinner than a scan's: the sheet at full size
            with Image.open(path) as im:
                flat, _ = flatten(np.asarray(im.convert("L")))
    except Exception:  # noqa: BLE001 - not an image we can look at: the image extractor decides
        return False
    fh, fw = flat.shape
    return PAGE_RATIO[0] <= max(fh, fw) / max(1, min(fh, fw)) <= PAGE_RATIO[1] and has_ruling(flat)


def _of_cases(display: str, campaign: Campaign) -> bool:
    """Whether the path names a deliverable of pictures (the cases: an archive suffix or keyword)."""
    words = [w for d in campaign.deliverables if d.archive_suffix for w in (d.archive_suffix, *d.keywords)]
    folders = "/".join(re.split(r"[/!\\]", display)[:-1])
    return any(w and w in folders for w in words)


def has_ruling(grey: np.ndarray) -> bool:
    """A ruled form in either orientation (a page may be turned): at least three lines across half
    the page one way and two across an eighth of it the other way, and straight strokes a small
    share of the image (a dark or busy photo is not a form).

    A line is a chain of straight pieces (longer than a character's stroke) that touch once small
    gaps are bridged, so a sheet fed a few degrees askew (no pixel row then holds a line across
    half of it) and a line broken by noise still count. Ink is taken at the resolution given and
    shrunk to at most RULING_PX by keeping any dark pixel (shrinking the grey image first fades a
    1–2 px line of a 200 dpi scan to a light grey)."""
    ink = (grey < 140).astype(np.uint8)
    h, w = ink.shape
    step = -(-max(h, w) // RULING_PX)  # ceil
    if step > 1:
        ph, pw = -(-h // step) * step, -(-w // step) * step
        padded = np.zeros((ph, pw), np.uint8)
        padded[:h, :w] = ink
        ink = padded.reshape(ph // step, step, pw // step, step).max(axis=(1, 3))
        h, w = ink.shape
    if ink.mean() > RULING_MAX_INK:  # a dark photo (a page on a desk) or noise, not a scan
        return False
    horiz, vert = _pieces(ink, horizontal=True), _pieces(ink, horizontal=False)
    if ((horiz | vert) & ink).mean() > RULING_MAX_SHARE:
        return False
    return ((_lines(horiz, w // 2, True) >= 3 and _lines(vert, h // 8, False) >= 2)
            or (_lines(vert, h // 2, False) >= 3 and _lines(horiz, w // 8, True) >= 2))


#: at RULING_PX, the shortest straight piece of a line (a character's stroke is shorter) and the
#: gap bridged between two pieces
RULING_PIECE, RULING_GAP = 20, 7
#: the share of an image straight pieces may cover for it to be a ruled form, and its ink
RULING_MAX_SHARE = 0.08
RULING_MAX_INK = 0.3
#: the steepest a ruling line may run (a sheet fed this askew), as rise over run (~3°)
RULING_MAX_SLOPE = 0.05


def _pieces(ink: np.ndarray, horizontal: bool) -> np.ndarray:
    """The straight runs of ink one way, at least RULING_PIECE long (a one-pixel step of a skewed
    line bridged first), their small gaps closed."""
    import cv2

    def rect(along: int, across: int):
        return cv2.getStructuringElement(cv2.MORPH_RECT, (along, across) if horizontal else (across, along))

    thick = cv2.dilate(ink, rect(1, 3))
    runs = cv2.morphologyEx(thick, cv2.MORPH_OPEN, rect(RULING_PIECE, 1))
    return cv2.dilate(runs, rect(RULING_GAP, 1))


def _lines(pieces: np.ndarray, length: int, horizontal: bool) -> int:
    """How many lines at least ``length`` long the pieces form: connected chains that long and
    no steeper than RULING_MAX_SLOPE (the lines of a skewed table overlap in height: they are
    told apart by connectivity, not by rows)."""
    import cv2

    _n, _labels, stats, _c = cv2.connectedComponentsWithStats(pieces, connectivity=8)
    along, across = (stats[1:, 2], stats[1:, 3]) if horizontal else (stats[1:, 3], stats[1:, 2])
    return int(((along >= length) & (across <= RULING_MAX_SLOPE * along + 8)).sum())


# ---------------------------------------------------------------- pages of each record


def _form_of(record) -> str | None:
    return record.form if isinstance(record, (FormDoc, TableDoc)) else None


def page_groups(records, findings) -> list[tuple[int, ...]]:
    """Page indexes (0-based) of each record, in record order, guessed from runs of pages of one
    form (see the module docstring); only for a result without the reader's ``record_pages``."""
    runs: list[tuple[str | None, list[int]]] = []
    for f in findings:
        if runs and runs[-1][0] == f.form:
            runs[-1][1].append(f.index)
        else:
            runs.append((f.form, [f.index]))
    groups: list[tuple[int, ...]] = [() for _ in records]
    i = 0
    for form, pages in runs:
        j = i
        while j < len(records) and _form_of(records[j]) == form:
            j += 1
        if j == i:
            continue
        n = j - i
        size = -(-len(pages) // n)  # ceil
        for k in range(n):
            groups[i + k] = tuple(pages[k * size:(k + 1) * size])
        i = j
    return groups


# ---------------------------------------------------------------- seals


def _seal_check(finding, image: np.ndarray | None, engine=None) -> tuple[SealCheck, bytes]:
    """(what the finder saw on the page, its evidence PNG: the candidate seal, or the whole page
    when there is none worth showing). No verdict here: the checks judge presence and whose seal
    it is (:mod:`checks.seals`). The ring text is read with the scan's own OCR engine (RapidOCR
    by default: on the demo's 14 seals it named the college 14 times, tesseract chi_sim 7 times,
    in less than half the time)."""
    page = finding.index + 1
    seal = finding.seal
    key = seal_key(page)
    if seal is None or image is None:
        return SealCheck(page, 0.0, crop=key if image is not None else ""), _thumb(image)
    bbox = tuple(int(v) for v in seal.bbox) if seal.bbox else None
    if bbox is None or seal.confidence < SEAL_EVIDENCE_FLOOR:
        return SealCheck(page, float(seal.confidence), bbox, crop=key), _thumb(image)
    check = SealCheck(page, float(seal.confidence), bbox, _ring(image, seal, engine), key)
    return check, png(_seal_crop(image, bbox))


def _ring(image: np.ndarray, seal, engine=None) -> str:
    """The ring text ("" when it cannot be read)."""
    from extractors.scan.seal import read_ring_text

    try:
        return read_ring_text(image, seal, engine, channels="rgb")
    except Exception:  # noqa: BLE001 - an unreadable ring is reported as such by the checks
        return ""


def _seal_crop(image: np.ndarray, bbox: tuple[int, int, int, int]) -> np.ndarray:
    x0, y0, x1, y1 = bbox
    m = int(max(x1 - x0, y1 - y0) * SEAL_MARGIN)
    h, w = image.shape[:2]
    return image[max(0, y0 - m):min(h, y1 + m), max(0, x0 - m):min(w, x1 + m)]


def _thumb(image: np.ndarray | None) -> bytes:
    if image is None:
        return b""
    im = Image.fromarray(np.ascontiguousarray(image))
    im.thumbnail((PAGE_THUMB_PX, PAGE_THUMB_PX))
    return _encode(im.quantize(64) if im.mode == "RGB" else im)


# ---------------------------------------------------------------- doubts and crops


def _doubts_of(uncertain, mine: int, records, groups) -> list:
    """The reader's doubts that belong to record ``mine``: those on its pages, and those without
    a page (a label not found) of its form, given to the record of the next doubt with a page
    (else to the last record of the form)."""
    form = _form_of(records[mine])
    if form is None:
        return []
    owners = [k for k, r in enumerate(records) if _form_of(r) == form]
    out, pending = [], []
    for u in uncertain:
        if u.form != form:
            continue
        if u.page is None:
            pending.append(u)
            continue
        owner = next((k for k in owners if u.page in groups[k]), owners[-1])
        if owner == mine:
            out += pending + [u]
        pending = []
    if pending and owners[-1] == mine:
        out += pending
    return out


def _doubt(u) -> ScanDoubt:
    return ScanDoubt(u.field, u.value, float(u.conf), u.reason, u.row, None if u.page is None else u.page + 1)


def png(image: np.ndarray, grey: bool = False) -> bytes:
    """PNG bytes of an RGB (or grey) uint8 image; ``grey`` converts to one channel."""
    im = Image.fromarray(np.ascontiguousarray(image))
    if grey and im.mode != "L":
        im = im.convert("L")
    return _encode(im)


def _encode(im: Image.Image) -> bytes:
    """PNG at zlib level 6 without ``optimize``: on a table page's 209 value-cell crops 0.04 s
    and 431 KiB, against 0.14 s and 424 KiB optimized (5 % of a page's reading time for 2 %)."""
    buf = io.BytesIO()
    im.save(buf, "PNG", compress_level=6)
    return buf.getvalue()
