"""Multi-page scanned documents from synthetic pages: a PDF of embedded JPEGs, or a TIFF.

Both write exactly the file at ``path`` (a side effect; used by tests and the bench, never by
extractors) and record each page's dpi, so a reader gets the page size back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np
from PIL import Image

from sampledata.synth.page import Page


def _pil(page: Page) -> Image.Image:
    img: np.ndarray = page.image
    if img.ndim == 2:
        return Image.fromarray(img, "L")
    return Image.fromarray(np.ascontiguousarray(img[:, :, ::-1]), "RGB")


def _check(pages: Sequence[Page]) -> list[Image.Image]:
    if not pages:
        raise ValueError("no pages to write")
    return [_pil(p) for p in pages]


def to_pdf(pages: Sequence[Page], path: str | Path, *, quality: int = 85) -> Path:
    """Write ``pages`` as one PDF, each page a JPEG image (DCTDecode) sized by its dpi."""
    images, path = _check(pages), Path(path)
    images[0].save(path, "PDF", save_all=True, append_images=images[1:], resolution=float(pages[0].dpi),
                   quality=quality)
    return path


def to_tiff(pages: Sequence[Page], path: str | Path) -> Path:
    """Write ``pages`` as one multi-page TIFF (LZW), each page tagged with its dpi."""
    images, path = _check(pages), Path(path)
    images[0].save(path, "TIFF", save_all=True, append_images=images[1:], compression="tiff_lzw",
                   dpi=(pages[0].dpi, pages[0].dpi))
    return path
