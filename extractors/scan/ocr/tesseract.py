"""Tesseract (chi_sim) through pytesseract: ``image_to_data`` with word boxes and confidences.

Each call runs one tesseract child process, so a thread pool over pages already uses every core;
``OMP_THREAD_LIMIT=1`` is forced (tesseract's own threading was 4–5× slower on 2 cores, same
output). A cell is read with ``--psm 7`` (one line) or ``--psm 6`` (a block) by its line count.
Confidences are tesseract's word confidences / 100, averaged over the characters of the cell.
"""

from __future__ import annotations

import os

import numpy as np

from extractors.scan.model import Word
from extractors.scan.ocr.base import OcrEngine, join_lines, text_lines, tidy

LANG = "chi_sim"


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


def _char_weighted(items: list[tuple[str, float]]) -> float:
    total = sum(len(t.strip()) for t, _ in items)
    if total == 0:
        return 0.0
    return sum(len(t.strip()) * c for t, c in items) / total
