"""Page images out of a scan file: PDF (born-digital or scanned), JPG/PNG, multi-page TIFF.

Contract: :func:`load_pages` reads only the file it is given and returns one :class:`PageImage`
per page, RGB ``uint8``, at most ~:data:`WORK_DPI` (higher resolutions are scaled down: 300 dpi
reads no better than 200 and costs twice the time). Bad input raises :class:`ScanInputError`
with a Chinese reason; nothing else is expected to escape.

- Born-digital PDF page (has a text layer): pdfplumber words with positions, no OCR; the page
  is also rendered at :data:`TEXT_RENDER_DPI` so that the table lines can be found.
- Scanned PDF page (no text, one image covering the page): the embedded image itself is taken
  (milliseconds, against ~1 s to render), its dpi from its pixel size over the page size.
- Anything else in a PDF: rendered at :data:`WORK_DPI`.
- Images: EXIF rotation applied; dpi from the file when it agrees with an A4 page, else estimated
  from the pixel size as if the image were an A4 page. A phone photo of a sheet on a desk is
  flattened first (:mod:`extractors.scan.photo`) and its dpi estimated from the sheet.
Decompression bombs: image sizes are checked before decoding (:data:`MAX_PIXELS`) and the page
count is capped (:data:`MAX_PAGES`).
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Iterator

import cv2
import numpy as np
from PIL import Image, ImageOps, ImageSequence

from extractors.scan.model import PageImage, ScanInputError, Word
from extractors.scan.photo import flatten

WORK_DPI = 200
TEXT_RENDER_DPI = 150
COARSE_DPI = 120  # below this the recogniser's lines are too small (a 72 dpi line is ~12 px high)
MAX_UPSCALE = 4
MAX_PIXELS = 60_000_000  # an A4 page at 600 dpi is ~35 Mpx
MAX_PAGES = 300
A4_LONG_IN = 297 / 25.4
PDF_KINDS = ("pdf",)
IMAGE_KINDS = ("image", "jpg", "jpeg", "png", "tif", "tiff", "bmp")


def load_pages(path: str | Path, kind: str) -> list[PageImage]:
    """All pages of ``path`` as images (see the module docstring). ``kind`` is intake's sniffed
    kind: ``pdf`` or ``image`` (or an image extension)."""
    return list(iter_pages(path, kind))


def iter_pages(path: str | Path, kind: str) -> Iterator[PageImage]:
    """The pages of :func:`load_pages` one at a time, each decoded when it is asked for (a
    200 dpi A4 page is 11.6 MB as RGB: a 40-page scan loaded whole held 460 MB before its first
    page was read). Raises :class:`ScanInputError` as it goes, at the first page for a file
    that cannot be opened."""
    path = Path(path)
    if kind in PDF_KINDS:
        return _pdf_pages(path)
    if kind in IMAGE_KINDS:
        return _image_pages(path)
    raise ScanInputError(f"不支持的扫描件类型：{kind}")


def count_pages(path: str | Path, kind: str) -> int:
    """The number of pages of ``path`` without decoding them (:class:`ScanInputError` as
    :func:`load_pages` would raise it for a file that cannot be opened or has too many pages)."""
    path = Path(path)
    if kind in PDF_KINDS:
        doc = _open_pdf(path)
        try:
            return len(doc)
        finally:
            doc.close()
    if kind in IMAGE_KINDS:
        try:
            with Image.open(path) as im:
                n = getattr(im, "n_frames", 1)
        except (OSError, ValueError, SyntaxError) as e:
            raise ScanInputError(f"图片文件损坏或无法识别：{e}") from e
        return _checked_frames(n)
    raise ScanInputError(f"不支持的扫描件类型：{kind}")


# ---------------------------------------------------------------- images


def _image_pages(path: Path) -> Iterator[PageImage]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                for i, frame in enumerate(_frames(im)):
                    yield _frame_page(i, frame)
    except ScanInputError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        raise ScanInputError(f"图片尺寸过大，拒绝读取（{e}）") from e
    except (OSError, ValueError, SyntaxError) as e:
        raise ScanInputError(f"图片文件损坏或无法识别：{e}") from e


def _frames(im: Image.Image):
    _checked_frames(getattr(im, "n_frames", 1))
    return ImageSequence.Iterator(im)


def _checked_frames(n: int) -> int:
    if n > MAX_PAGES:
        raise ScanInputError(f"图片页数过多（{n} 页，上限 {MAX_PAGES}）")
    return n


def _frame_page(index: int, frame: Image.Image) -> PageImage:
    w, h = frame.size
    if w * h > MAX_PIXELS:
        raise ScanInputError(f"图片尺寸过大（{w}×{h} 像素），拒绝读取")
    dpi = _image_dpi(frame, w, h)
    img = np.asarray(ImageOps.exif_transpose(frame.copy()).convert("RGB"))
    img, photographed = flatten(img)
    if photographed:  # the sheet cut out of a phone photo: its resolution is the sheet's, as an A4 page
        dpi = max(img.shape[:2]) / A4_LONG_IN
    return _page(index, img, dpi, "image")


def _image_dpi(im: Image.Image, w: int, h: int) -> float:
    estimate = max(w, h) / A4_LONG_IN
    info = im.info.get("dpi")
    try:
        stated = float(info[0]) if info else 0.0
    except (TypeError, ValueError, IndexError):
        stated = 0.0
    if stated > 0 and abs(stated - estimate) / estimate < 0.15:
        return stated
    return estimate


def _page(index: int, rgb: np.ndarray, dpi: float, origin: str, words=None) -> PageImage:
    """Scale down to WORK_DPI when finer (words scaled with the image); scale a coarse scan
    (under COARSE_DPI) up towards WORK_DPI, at most MAX_UPSCALE times, and say it was coarse: read
    at 72 dpi as it is, a form's cells came back empty at confidence 1.0, while the same page scaled
    up reads (issue 11 item 7)."""
    scanned = None
    if dpi > WORK_DPI * 1.25:
        f = WORK_DPI / dpi
        rgb = cv2.resize(rgb, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
        if words:
            words = tuple(Word(w.text, tuple(int(round(v * f)) for v in w.bbox), w.conf) for w in words)
        dpi = WORK_DPI
    elif dpi < COARSE_DPI and origin != "text":
        f = min(WORK_DPI / dpi, MAX_UPSCALE)
        rgb = cv2.resize(rgb, None, fx=f, fy=f, interpolation=cv2.INTER_CUBIC)
        scanned, dpi = float(dpi), dpi * f
    return PageImage(index=index, image=np.ascontiguousarray(rgb), dpi=float(dpi), origin=origin, words=words,
                     scanned_dpi=scanned)


# ---------------------------------------------------------------- PDF


def _pdf_pages(path: Path) -> Iterator[PageImage]:
    import pdfplumber

    doc = _open_pdf(path)
    try:
        with pdfplumber.open(str(path)) as plumb:
            for i in range(len(doc)):
                page = _pdf_page(i, doc[i], plumb.pages[i])
                plumb.pages[i].close()  # pdfplumber keeps each page's parsed objects otherwise
                yield page
    except ScanInputError:
        raise
    except Exception as e:  # pdfminer raises many kinds on broken files
        raise ScanInputError(f"PDF 文件损坏或无法解析：{type(e).__name__}") from e
    finally:
        doc.close()


def _open_pdf(path: Path):
    """The PDF opened with pdfium, or :class:`ScanInputError`: encrypted, damaged, no page, more
    than :data:`MAX_PAGES` pages (what :func:`count_pages` and the page loader both refuse)."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        reason = "PDF 已加密，无法读取" if "password" in str(e).lower() else f"PDF 文件损坏：{e}"
        raise ScanInputError(reason) from e
    n = len(doc)
    if n == 0 or n > MAX_PAGES:
        doc.close()
        raise ScanInputError("PDF 没有页面" if n == 0 else f"PDF 页数过多（{n} 页，上限 {MAX_PAGES}）")
    return doc


def _pdf_page(index: int, page, plumb_page) -> PageImage:
    words = plumb_page.extract_words(keep_blank_chars=False, use_text_flow=False)
    if words:
        return _text_page(index, page, words)
    image = _single_scan_image(page)
    if image is not None:
        return image_page(index, page, image)
    return _page(index, _render(page, WORK_DPI), WORK_DPI, "render")


def _text_page(index: int, page, words: list[dict]) -> PageImage:
    scale = TEXT_RENDER_DPI / 72
    found = tuple(
        Word(
            w["text"],
            (int(w["x0"] * scale), int(w["top"] * scale), int(w["x1"] * scale) + 1, int(w["bottom"] * scale) + 1),
            1.0,
        )
        for w in words
    )
    return PageImage(index, _render(page, TEXT_RENDER_DPI), TEXT_RENDER_DPI, "text", found)


def _render(page, dpi: float) -> np.ndarray:
    w_pt, h_pt = page.get_size()
    if (w_pt * dpi / 72) * (h_pt * dpi / 72) > MAX_PIXELS:
        raise ScanInputError(f"PDF 页面尺寸过大（{w_pt:.0f}×{h_pt:.0f} 磅），拒绝读取")
    bitmap = page.render(scale=dpi / 72)
    return np.asarray(bitmap.to_pil().convert("RGB"))


def _single_scan_image(page):
    """The one image object covering most of the page, or None (several images, vector page)."""
    import pypdfium2.raw as pdfium_c

    images = list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))
    if len(images) != 1:
        return None
    left, bottom, right, top = images[0].get_bounds()
    w_pt, h_pt = page.get_size()
    if (right - left) * (top - bottom) < 0.8 * w_pt * h_pt:
        return None
    return images[0]


def image_page(index: int, page, obj) -> PageImage:
    """The embedded scan image of a PDF page, turned by the page's /Rotate, with its dpi."""
    px_w, px_h = obj.get_px_size()
    if px_w * px_h > MAX_PIXELS:
        raise ScanInputError(f"PDF 中的扫描图过大（{px_w}×{px_h} 像素），拒绝读取")
    rgb = np.asarray(obj.get_bitmap(render=False).to_pil().convert("RGB"))
    left, bottom, right, top = obj.get_bounds()
    dpi = max(rgb.shape[:2]) / (max(right - left, top - bottom) / 72)
    rotation = page.get_rotation() % 360
    if rotation:
        rgb = np.ascontiguousarray(np.rot90(rgb, k=-(rotation // 90)))
    return _page(index, rgb, dpi, "scan")
