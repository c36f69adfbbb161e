"""Read a scanned file: the entry point of the scan extractor.

Contract: :func:`read_scan` takes a file (PDF or image), intake's ``kind``, the ``display`` path
staff see (used as every record's ``source``) and the campaign, and returns a :class:`ScanResult`
— never raises for bad input (an unreadable file gives one ``ExtractionError`` record). Pages are
read in parallel (a thread pool; tesseract runs as child processes, RapidOCR gets one instance per
worker), then split into forms and mapped onto the campaign's form definitions. Pure: nothing is
written; evidence crops come back as arrays.

``engine``: None (the default engine), a registry name, or an OcrEngine instance (shared by all
workers; the caller answers for its thread safety).
"""

from __future__ import annotations

import dataclasses
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import cv2
import numpy as np
from PIL import Image

from extractors.scan import ocr
from extractors.scan.mapping import map_form
from extractors.scan.memory import trim
from extractors.scan.model import BBox, Located, ScanInputError, Uncertain
from extractors.scan.pages import count_pages, iter_pages
from extractors.scan.readpage import PageOutcome, read_page
from extractors.scan.split import split_pages
from paperdesk.models import ExtractionError, FreeDoc

CROP_MARGIN = 6
RAW_PAGES = 4  # a file of more pages keeps its read pages' images PNG-compressed (see _read_all)
SEAL_FIELD = "seal"


@dataclass(frozen=True)
class PageFinding:
    """What was found on one page. ``seal`` is the seal finder's SealFinding (coordinates of the
    page as loaded) or None without a seal finder; ``form`` the form the page belongs to."""

    index: int
    origin: str
    dpi: float
    turned: int
    skew: float
    tables: int
    seal: object | None
    form: str | None
    seconds: float


@dataclass(frozen=True, eq=False)
class Crop:
    """Evidence: the image of a field's value cell (``field`` = the field key, coordinates of the
    upright page), or of a seal found on a page (``field`` = :data:`SEAL_FIELD`, coordinates of
    the page as loaded, like the seal finding's)."""

    page: int
    field: str
    row: int | None
    bbox: BBox
    image: np.ndarray
    lattice: object | None = None  # what the recogniser saw in the cell (paperdesk.lattice)


@dataclass(frozen=True, eq=False)
class ScanResult:
    """Records read from one scan file (FormDoc / TableDoc / FreeDoc, or one ExtractionError),
    the doubtful fields (``Uncertain.record`` = index into ``records``), per page findings,
    evidence crops, timings in seconds, and ``record_pages``: the page indexes (0-based) each
    record was read from, parallel to ``records``."""

    source: str
    records: tuple = ()
    pages: tuple[PageFinding, ...] = ()
    uncertain: tuple[Uncertain, ...] = ()
    crops: tuple[Crop, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)
    engine: str = ""
    record_pages: tuple[tuple[int, ...], ...] = ()


def read_scan(path, kind: str, display: str, campaign, engine=None, workers: int | None = None,
              on_pages=None) -> ScanResult:
    """See the module docstring. ``on_pages(n)`` is told the number of pages before they are read
    (the reading budget grows with it, see :func:`extractors.pool.note_pages`)."""
    t0 = time.perf_counter()
    try:
        n_pages = count_pages(path, kind)
    except ScanInputError as e:
        return ScanResult(display, (ExtractionError(display, str(e)),))
    if on_pages is not None:
        on_pages(n_pages)
    factory = _engine_factory(engine)
    try:
        pages, outcomes, seal_crops, t_load = _read_all(iter_pages(path, kind), factory, workers, n_pages)
    except ScanInputError as e:
        return ScanResult(display, (ExtractionError(display, str(e)),))
    t_read = time.perf_counter() - t0 - t_load
    result = _assemble(campaign, display, pages, outcomes, seal_crops)
    timings = {"load": t_load, "pages": t_read, "map": time.perf_counter() - t0 - t_load - t_read}
    timings["total"] = time.perf_counter() - t0
    timings["per_page"] = timings["total"] / max(1, len(pages))
    name = engine if isinstance(engine, str) else getattr(engine, "name", ocr.default_name())
    records, findings, uncertain, crops, record_pages = result
    return ScanResult(display, records, findings, uncertain, crops, timings, name, record_pages)


_THREAD_ENGINES = threading.local()  # per thread: engine name -> engine, kept across read_scan calls


def _engine_factory(engine):
    """A function giving the engine for the current worker thread: ``engine`` itself if it is
    one, else this thread's kept engine of that name (a RapidOCR engine takes 0.1 s and ~1 GiB of
    arenas to create, so it is made once per thread, not once per file)."""
    if engine is not None and not isinstance(engine, str):
        return lambda: engine
    name = engine or ocr.default_name()

    def get():
        kept = getattr(_THREAD_ENGINES, "by_name", None)
        if kept is None:
            kept = _THREAD_ENGINES.by_name = {}
        if name not in kept:
            kept[name] = ocr.get_engine(name)
        return kept[name]

    return get


@dataclass(frozen=True)
class _Page:
    """What is kept of a loaded page once it is read (its image is not)."""

    index: int
    origin: str
    dpi: float


def _read_all(pages, factory, workers: int | None, n_pages: int):
    """Read the pages as they are loaded: ``(pages kept, outcomes, seal crops, seconds loading)``.
    Nothing of a page's loaded image is kept but its seal crop; the upright image an outcome
    carries (for the evidence crops of its cells) is kept as it is for a file of up to
    :data:`RAW_PAGES` pages, PNG-compressed beyond (lossless, ~0.5 MB instead of 11.6 MB, ~70 ms a
    page): so memory stays flat however many pages a file has. Freed memory goes back to the
    system after every page (:func:`extractors.scan.memory.trim`)."""
    def one(page):
        return read_page(page, None if page.origin == "text" else factory())

    n = max(1, min(n_pages, workers or os.cpu_count() or 1))
    kept, outcomes, seal_crops, t_load = [], [], [], 0.0
    it = iter(pages)
    with (ThreadPoolExecutor(max_workers=n, thread_name_prefix="scan-page") if n > 1 else _Inline()) as pool:
        while True:
            t = time.perf_counter()
            batch = [p for _, p in zip(range(n), it)]
            t_load += time.perf_counter() - t
            if not batch:
                break
            for page, o in zip(batch, pool.map(one, batch)):
                seal_crops.extend(_seal_crops([page], [o]))
                if n_pages > RAW_PAGES:
                    o = dataclasses.replace(o, image=_Packed.of(o.image))
                kept.append(_Page(page.index, page.origin, page.dpi))
                outcomes.append(o)
            del batch, page
            trim()
    return kept, outcomes, seal_crops, t_load


class _Inline:
    """A stand-in for a thread pool of one: map in this thread."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def map(self, fn, items):
        return [fn(x) for x in items]


@dataclass(frozen=True, eq=False)
class _Packed:
    """A page image kept PNG-compressed; ``shape`` as the array's, :meth:`unpack` gives it back."""

    png: bytes
    shape: tuple

    @staticmethod
    def of(image: np.ndarray) -> "_Packed":
        ok, buf = cv2.imencode(".png", image, [cv2.IMWRITE_PNG_COMPRESSION, 1])
        return _Packed(buf.tobytes(), image.shape) if ok else image

    def unpack(self) -> np.ndarray:
        return cv2.imdecode(np.frombuffer(self.png, np.uint8), cv2.IMREAD_UNCHANGED)


def _grey(crop: np.ndarray) -> np.ndarray:
    """A field crop as the grey image its evidence PNG will be (the same conversion, PIL's "L"):
    a third of the memory of a colour crop while the file's other pages are read."""
    if crop.ndim == 2:
        return crop.copy()
    return np.asarray(Image.fromarray(np.ascontiguousarray(crop[..., :3])).convert("L"))


def _image_of(o: PageOutcome) -> np.ndarray:
    return o.image.unpack() if isinstance(o.image, _Packed) else o.image


def _assemble(campaign, display, pages, outcomes, seal_crops):
    reads = [o.read for o in outcomes]
    records, uncertain, crops, form_of_page, record_pages = _records(campaign, display, reads, outcomes)
    crops.extend(seal_crops)
    findings = tuple(
        PageFinding(p.index, p.origin, p.dpi, o.turned, o.skew, len(o.read.tables), o.seal, form_of_page.get(i), o.seconds)
        for i, (p, o) in enumerate(zip(pages, outcomes))
    )
    return tuple(records), findings, tuple(uncertain), tuple(crops), tuple(record_pages)


def _records(campaign, display, reads, outcomes):
    """(records, uncertain fields, crops, page -> form, pages of each record) of the read pages."""
    records, uncertain, crops, form_of_page, record_pages = [], [], [], {}, []
    if not any(_has_text(r) for r in reads):
        records.append(ExtractionError(display, "扫描件中没有识别出任何文字（空白页或图像无法辨认）"))
        return records, uncertain, crops, form_of_page, [tuple(r.index for r in reads)]
    for segment in split_pages(campaign, reads):
        seg_reads = [reads[i] for i in segment.pages]
        for i in segment.pages:
            form_of_page[i] = segment.form
        record_pages.append(tuple(r.index for r in seg_reads))
        if segment.form is None:
            records.append(_free_doc(display, seg_reads, campaign))
            continue
        mapped = map_form(campaign, segment.form, seg_reads, display)
        uncertain.extend(dataclasses.replace(u, record=len(records)) for u in mapped.uncertain)
        records.append(mapped.record)
        crops.extend(_crops(outcomes, mapped.located))
    return records, uncertain, crops, form_of_page, record_pages


def _has_text(read) -> bool:
    return any(w.text for w in read.lines) or any(ct.text for tt in read.tables for ct in tt.cells)


def _free_doc(display: str, reads, campaign) -> FreeDoc:
    """The pages as free text; its deliverable the form-less one its title or file name names,
    else '' (identification decides: a form page read as text is not the work summary)."""
    from extractors.base import display_name, free_deliverable

    lines = [w.text for r in reads for w in r.lines]
    cells = [ct.text for r in reads for tt in r.tables for ct in tt.cells if ct.text]
    text = "\n".join(lines + cells)
    title = lines[0] if lines else ""
    return FreeDoc(source=display, title=title, text=text, from_scan=True,
                   deliverable=free_deliverable(campaign, title, display_name(display)))


def _seal_crops(pages, outcomes: list[PageOutcome]) -> list[Crop]:
    out = []
    for page, o in zip(pages, outcomes):
        seal = o.seal
        if seal is not None and getattr(seal, "present", False) and seal.bbox:
            x0, y0, x1, y1 = seal.bbox
            out.append(Crop(page.index, SEAL_FIELD, None, seal.bbox, page.image[y0:y1, x0:x1].copy()))
    return out


def _crops(outcomes: list[PageOutcome], located: tuple[Located, ...]) -> list[Crop]:
    by_index = {o.read.index: o for o in outcomes}
    lattice_of = {(o.read.index, ct.cell.bbox): ct.lattice
                  for o in outcomes for tt in o.read.tables for ct in tt.cells if ct.lattice is not None}
    out, images = [], {}
    for loc in located:
        o = by_index.get(loc.page)
        if o is None:
            continue
        if loc.page not in images:
            images = {loc.page: _image_of(o)}  # located cells come page by page: one page unpacked at a time
        image = images[loc.page]
        h, w = image.shape[:2]
        x0, y0, x1, y1 = loc.bbox
        box = (max(0, x0 - CROP_MARGIN), max(0, y0 - CROP_MARGIN), min(w, x1 + CROP_MARGIN), min(h, y1 + CROP_MARGIN))
        out.append(Crop(loc.page, loc.field, loc.row, box, _grey(image[box[1]: box[3], box[0]: box[2]]),
                        lattice_of.get((loc.page, loc.bbox)) if loc.whole_cell else None))
    return out
