"""RapidOCR (rapidocr-onnxruntime 1.4.4): PP-OCRv4 detection + recognition, models inside the wheel.

Works offline (1.4.4 ships its ONNX models; rapidocr 3.x downloads them at run time and fails
here). Install it with ``pip install --no-deps rapidocr-onnxruntime==1.4.4`` plus onnxruntime,
pyclipper, shapely (its own requirement pulls the GUI opencv-python over the headless one).

One ``RapidOCR`` instance (~1 GiB with its sessions' arenas) per engine object; ONNX sessions run
single-threaded so that the reader's one-engine-per-worker pool does not oversubscribe cores.
Cells are read without the detector: each cell is cut into text lines (ink rows) and all lines of
a page go to the recogniser in batches, which is several times faster than a page pass. Confidence
is the recogniser's score (mean over the lines of a cell, weighted by their length). In a cell of
several lines, a badly scored line not shaped like text (a circle's arc, bits of a grey seal) is
dropped: such junk was appended to long fields otherwise.
"""

from __future__ import annotations

import re

import numpy as np

from extractors.scan.model import BBox, Word
from extractors.scan.ocr.base import OcrEngine, cell_crop, join_lines, text_lines, tidy

SURE_SCORE = 0.8
JUNK_SCORE = 0.75  # junk lines scored 0.06–0.72 on the bench, text lines 0.87 and more
_MEANINGFUL = re.compile(r"[0-9A-Za-z\u3400-\u9fff]")
DET_MAX_SIDE = 2000  # the wheel's default scales the SHORT side up to 736: a title band grew ×3
_THREADS = {
    f"{part}intra_op_num_threads": 1 for part in ("", "det_", "cls_", "rec_")
} | {f"{part}inter_op_num_threads": 1 for part in ("", "det_", "cls_", "rec_")}


class RapidEngine(OcrEngine):
    """See the module docstring."""

    name = "rapid"

    def __init__(self):
        from rapidocr_onnxruntime import RapidOCR

        self._ocr = RapidOCR(text_score=0.0, det_limit_type="max", det_limit_side_len=DET_MAX_SIDE, **_THREADS)

    def read(self, image: np.ndarray, dpi: float = 200.0) -> list[Word]:
        result, _ = self._ocr(_bgr(image), use_cls=False)
        words = []
        for points, text, score in result or ():
            xs = [p[0] for p in points]
            ys = [p[1] for p in points]
            box = (int(min(xs)), int(min(ys)), int(max(xs)) + 1, int(max(ys)) + 1)
            if tidy(text):
                words.append(Word(tidy(text), box, float(score)))
        return words

    def read_cell(self, image: np.ndarray, dpi: float = 200.0) -> tuple[str, float]:
        return self._recognise([text_lines(image, dpi)])[0]

    def read_cells(self, page: np.ndarray, boxes: list[BBox], dpi: float) -> list[tuple[str, float]]:
        crops = [cell_crop(page, box, dpi) for box in boxes]
        inked = [i for i, c in enumerate(crops) if c is not None]
        read = self._recognise([text_lines(crops[i], dpi) for i in inked])
        out = [("", 1.0)] * len(boxes)
        for i, result in zip(inked, read):
            out[i] = result
        return out

    def _recognise(self, cells: list[list[np.ndarray]]) -> list[tuple[str, float]]:
        """Text and confidence of each cell, given as its list of line images (one batch call)."""
        flat = [_bgr(line) for lines in cells for line in lines]
        if not flat:
            return [("", 0.0) for _ in cells]
        results, _ = self._ocr.text_rec(flat)
        out, k = [], 0
        for lines in cells:
            part = list(zip(results[k: k + len(lines)], (line.shape[0] for line in lines)))
            k += len(lines)
            kept = [(t, float(score)) for (t, score), _ in _real_lines(part)]
            weights = [max(1, len(tidy(t))) for t, _ in kept]
            conf = sum(w * sc for w, (_, sc) in zip(weights, kept)) / max(1, sum(weights))
            text = join_lines([t for t, _ in kept])
            out.append((text, conf if text else 0.0))
        return out


def _real_lines(lines: list[tuple[tuple[str, float], int]]) -> list[tuple[tuple[str, float], int]]:
    """The lines of a cell that are text: in a cell of several lines, a line read with a low score
    that is not shaped like a text line (far taller or shorter than the well-read ones: an arc
    of a printed circle, bits of a grey seal) or holds no letter, digit or CJK is dropped."""
    if len(lines) < 2:
        return lines
    sure = [h for (t, score), h in lines if score >= SURE_SCORE and t.strip()]
    ref = float(np.median(sure)) if sure else max(h for _, h in lines)
    kept = []
    for (text, score), h in lines:
        odd = h > 1.8 * ref or h < 0.55 * ref or not _MEANINGFUL.search(text)
        if text.strip() and not (score < JUNK_SCORE and odd):
            kept.append(((text, score), h))
    return kept


def _bgr(image: np.ndarray) -> np.ndarray:
    """RapidOCR expects OpenCV's BGR order (grey is widened)."""
    if image.ndim == 2:
        return np.ascontiguousarray(np.repeat(image[:, :, None], 3, axis=2))
    return np.ascontiguousarray(image[:, :, ::-1])
