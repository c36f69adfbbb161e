"""Tesseract (chi_sim) through pytesseract: ``image_to_data`` with word boxes and confidences.

Each call runs one tesseract child process, so a thread pool over pages already uses every core;
``OMP_THREAD_LIMIT=1`` is forced (tesseract's own threading was 4–5× slower on 2 cores, same
output). A single cell is read with ``--psm 7`` (one line) or ``--psm 6`` (a block) by its line count.
The one-line cells of a page are read in ONE call: their crops are stacked into a column with
blank gaps and read with ``--psm 6``; words go back to the cell whose band holds their centre
(~10× faster than one process per cell, same readings on the test pages). Cells of several lines
are read one by one (in a stack tesseract lost their first or last line). Confidences are tesseract's word
confidences / 100, averaged over the characters of the cell.
"""

from __future__ import annotations

import os

import cv2
import numpy as np

from extractors.scan.model import BBox, Word
from extractors.scan.ocr.base import OcrEngine, cell_crop, join_lines, text_lines, tidy

LANG = "chi_sim"
OCR_DPI = 300  # cells of coarse pages are scaled up to this resolution before tesseract reads them
UPSCALE_BELOW = 180
MAX_STACK_PX = 30000  # tesseract refuses images over 32767 pixels high


class TesseractEngine(OcrEngine):
    """See the module docstring."""

    name = "tesseract"

    def __init__(self, lang: str = LANG):
        import pytesseract

        os.environ["OMP_THREAD_LIMIT"] = "1"
        self._tess = pytesseract
        self.lang = lang

    def read(self, image: np.ndarray, dpi: float = 200.0) -> list[Word]:
        data = self._data(image, "--psm 3", dpi)
        return [Word(tidy(t), box, c) for t, box, c, _ in data if tidy(t)]

    def read_cell(self, image: np.ndarray, dpi: float = 200.0) -> tuple[str, float]:
        image, dpi = _upscaled(image, dpi), _scaled_dpi(dpi)
        lines = text_lines(image, dpi)
        psm = "--psm 7" if len(lines) == 1 else "--psm 6"
        data = self._data(image, psm, dpi)
        if not data:
            return "", 0.0
        by_line: dict[tuple, list[tuple[str, float]]] = {}
        for text, _, conf, line in data:
            by_line.setdefault(line, []).append((text, conf))
        texts = [" ".join(t for t, _ in words) for words in by_line.values()]
        return join_lines(texts), _char_weighted([(t, c) for t, _, c, _ in data])

    def read_cells(self, page: np.ndarray, boxes: list[BBox], dpi: float) -> list[tuple[str, float]]:
        crops = [_upscaled(cell_crop(page, box, dpi), dpi) for box in boxes]
        dpi = _scaled_dpi(dpi)
        out: list[tuple[str, float]] = [("", 1.0)] * len(boxes)
        single, multi = [], []
        for i, crop in enumerate(crops):
            if crop is not None:
                (single if len(text_lines(crop, dpi)) == 1 else multi).append(i)
        for i in multi:  # in a stack, tesseract dropped first/last lines of wrapped cells
            out[i] = self.read_cell(crops[i], dpi)
        for chunk in _chunks(single, [crops[i] for i in single], MAX_STACK_PX):
            stack, bands = _stack([crops[i] for i in chunk], int(dpi * 0.15))
            found: list[list[tuple[str, float, tuple]]] = [[] for _ in chunk]
            for text, box, conf, line in self._data(stack, "--psm 6", dpi):
                k = _band_of((box[1] + box[3]) / 2, bands)
                if k is not None:
                    found[k].append((text, conf, line))
            for k, i in enumerate(chunk):
                out[i] = _cell_result(found[k])
        return out

    def _data(self, image: np.ndarray, config: str, dpi: float) -> list[tuple[str, tuple, float, tuple]]:
        """(text, bbox, conf 0..1, line key) of every recognised word."""
        try:
            d = self._tess.image_to_data(
                image, lang=self.lang, config=f"{config} --dpi {int(dpi)}", output_type=self._tess.Output.DICT
            )
        except self._tess.TesseractError:
            return []
        out = []
        for i, text in enumerate(d["text"]):
            conf = float(d["conf"][i])
            if not text.strip() or conf < 0:
                continue
            box = (d["left"][i], d["top"][i], d["left"][i] + d["width"][i], d["top"][i] + d["height"][i])
            out.append((text, box, conf / 100.0, (d["block_num"][i], d["par_num"][i], d["line_num"][i])))
        return out


def _upscaled(image: np.ndarray | None, dpi: float) -> np.ndarray | None:
    """Pages under UPSCALE_BELOW dpi read at OCR_DPI: at 150 dpi chi_sim misread 1班 as ]班 and
    dropped labels. (Scaling 200 dpi pages as well made other digits flaky: 1105 -> 11025.)"""
    if image is None or dpi >= UPSCALE_BELOW:
        return image
    f = OCR_DPI / dpi
    return cv2.resize(image, None, fx=f, fy=f, interpolation=cv2.INTER_CUBIC)


def _scaled_dpi(dpi: float) -> float:
    return OCR_DPI if dpi < UPSCALE_BELOW else dpi


def _cell_result(words: list[tuple[str, float, tuple]]) -> tuple[str, float]:
    if not words:
        return "", 0.0
    by_line: dict[tuple, list[str]] = {}
    for text, _, line in words:
        by_line.setdefault(line, []).append(text)
    text = join_lines([" ".join(t) for t in by_line.values()])
    return text, _char_weighted([(t, c) for t, c, _ in words])


def _chunks(indexes: list[int], crops: list[np.ndarray], max_px: int) -> list[list[int]]:
    """Indexes grouped so that each stacked column stays under ``max_px`` tall."""
    chunks: list[list[int]] = [[]]
    height = 0
    for i, crop in zip(indexes, crops):
        if chunks[-1] and height + crop.shape[0] > max_px:
            chunks.append([])
            height = 0
        chunks[-1].append(i)
        height += crop.shape[0] * 1.5
    return [c for c in chunks if c]


def _stack(crops: list[np.ndarray], gap: int) -> tuple[np.ndarray, list[tuple[float, float]]]:
    """Crops one under the other, left-aligned on white, and each one's band (y from, y to)."""
    width = max(c.shape[1] for c in crops) + 2 * gap
    parts = [np.full((gap, width, 3), 255, np.uint8)]
    bands, y = [], gap
    for c in crops:
        c = c if c.ndim == 3 else np.repeat(c[:, :, None], 3, axis=2)
        parts.append(cv2.copyMakeBorder(c, 0, 0, gap, width - gap - c.shape[1], cv2.BORDER_CONSTANT, value=(255, 255, 255)))
        parts.append(np.full((gap, width, 3), 255, np.uint8))
        bands.append((y - gap / 2, y + c.shape[0] + gap / 2))
        y += c.shape[0] + gap
    return np.vstack(parts), bands


def _band_of(y: float, bands: list[tuple[float, float]]) -> int | None:
    for k, (a, b) in enumerate(bands):
        if a <= y < b:
            return k
    return None


def _char_weighted(items: list[tuple[str, float]]) -> float:
    total = sum(len(t.strip()) for t, _ in items)
    if total == 0:
        return 0.0
    return sum(len(t.strip()) * c for t, c in items) / total
