"""RapidOCR (rapidocr-onnxruntime 1.4.4): PP-OCRv4 detection + recognition, models inside the wheel.

Works offline (1.4.4 ships its ONNX models; rapidocr 3.x downloads them at run time and fails
here). Install it with ``pip install --no-deps rapidocr-onnxruntime==1.4.4`` plus onnxruntime,
pyclipper, shapely (its own requirement pulls the GUI opencv-python over the headless one).

One ``RapidOCR`` instance (~1 GiB with its sessions' arenas) per engine object; ONNX sessions run
single-threaded so that the reader's one-engine-per-worker pool does not oversubscribe cores.
Cells are read without the detector: each cell is cut into text lines (ink rows) and all lines of
a page go to the recogniser, driven here rather than through the wheel's ``text_rec``: that one
pads every line to at least 320 px (a 6.7:1 box) and every batch to its widest line, so a page of
short cells (names, 学号) cost twice the pixels it holds; here lines are grouped by their width
(rounded up to the model's stride of 8 px) and run without padding, which gave identical readings
on the bench at half the recognition time. The per-frame probabilities are kept
(:meth:`RapidEngine.line_probs`) for verification against an expected text
(:mod:`extractors.scan.verify`). Confidence is the recogniser's score (mean of the kept characters'
probabilities; over the lines of a cell, weighted by their length). In a cell of
several lines, a badly scored line not shaped like text (a circle's arc, bits of a grey seal) is
dropped: such junk was appended to long fields otherwise.
"""

from __future__ import annotations

import math
import re

import cv2
import numpy as np

from extractors.scan.memory import trim
from extractors.scan.model import BBox, Word
from extractors.scan.ocr import ctc
from paperdesk import lattice as lattices
from extractors.scan.ocr.base import OcrEngine, band_pieces, cell_crop, join_lines, text_lines, tidy

SURE_SCORE = 0.8
JUNK_SCORE = 0.75  # junk lines scored 0.06–0.72 on the bench, text lines 0.87 and more
_MEANINGFUL = re.compile(r"[0-9A-Za-z\u3400-\u9fff]")
_CJK_OR_DIGIT = re.compile(r"[0-9\u3400-\u9fff]")
PUNCT_SURE = 0.97  # a line of punctuation alone, in a cell of several lines, is kept from this score
BAND_SURE = 0.95  # a band piece read with less is read again with the detector
REC_HEIGHT = 48  # the PP-OCRv4 recogniser's input height
REC_STRIDE = 8  # input pixels per output frame
REC_MIN_WIDTH = 64
SMALL_LINE = 0.5  # a line shorter than this share of REC_HEIGHT is grown bicubically
REC_BATCH = 8
LATTICE_FRAMES = 160  # a cell read over more frames (a paragraph) keeps no lattice: never compared
DET_MAX_SIDE = 2000  # the wheel's default scales the SHORT side up to 736: a title band grew ×3
DET_STRIP = 700  # a taller image is detected in strips of about this height (memory: _read_in_strips)
DET_OVERLAP = 128
_THREADS = {
    f"{part}intra_op_num_threads": 1 for part in ("", "det_", "cls_", "rec_")
} | {f"{part}inter_op_num_threads": 1 for part in ("", "det_", "cls_", "rec_")}


class RapidEngine(OcrEngine):
    """See the module docstring."""

    name = "rapid"

    def __init__(self):
        from rapidocr_onnxruntime import RapidOCR

        self._ocr = RapidOCR(text_score=0.0, det_limit_type="max", det_limit_side_len=DET_MAX_SIDE, **_THREADS)
        self._session = self._ocr.text_rec.session
        self.charset: list[str] = list(self._ocr.text_rec.postprocess_op.character)
        self.index: dict[str, int] = {ch: i for i, ch in enumerate(self.charset) if i}
        self._names = lattices.class_names(self.charset)

    def read(self, image: np.ndarray, dpi: float = 200.0) -> list[Word]:
        bgr = _bgr(image)
        if bgr.shape[0] > DET_STRIP + 2 * DET_OVERLAP:
            result = self._read_in_strips(bgr)
        else:
            result, _ = self._ocr(bgr, use_cls=False)
        words = []
        for points, text, score in result or ():
            xs = [p[0] for p in points]
            ys = [p[1] for p in points]
            box = (int(min(xs)), int(min(ys)), int(max(xs)) + 1, int(max(ys)) + 1)
            if tidy(text):
                words.append(Word(tidy(text), box, float(score)))
        return words

    def _read_in_strips(self, bgr: np.ndarray) -> list:
        """What the wheel's ``__call__`` gives for a tall image (a page without a table), with the
        detector run on horizontal strips rather than the whole image: its activations take ~280
        bytes a pixel, so a 200 dpi A4 page (detected at 1414×2000) peaked at ~570 MB over the
        engine's 150 MB, the largest part of a reading worker's memory. Strips of about
        :data:`DET_STRIP` px overlap by :data:`DET_OVERLAP` px each way; a text box is taken from
        the strip whose core holds its centre, so a line up to 2 × DET_OVERLAP px tall lies wholly
        inside it. The image is first scaled as the wheel scales it, the lines are cut and
        recognised as the wheel does."""
        ocr = self._ocr
        raw_h, raw_w = bgr.shape[:2]
        img, ratio_h, ratio_w = ocr.preprocess(bgr)
        h = img.shape[0]
        n = max(1, math.ceil(h / DET_STRIP))
        step = math.ceil(h / n)
        boxes = []
        for top in range(0, h, step):
            a, b = max(0, top - DET_OVERLAP), min(h, top + step + DET_OVERLAP)
            found, _ = ocr.text_det(np.ascontiguousarray(img[a:b]))
            trim()  # the strip's activations go back before the next strip's
            for box in () if found is None else found:
                box = np.asarray(box, np.float32) + np.float32([0, a])
                if top <= float(box[:, 1].mean()) < top + step:
                    boxes.append(box)
        if not boxes:
            return []
        boxes = ocr.sorted_boxes(np.asarray(boxes))
        rec, _ = ocr.text_rec(ocr.get_crop_img_list(img, boxes), False)
        record = {"preprocess": {"ratio_h": ratio_h, "ratio_w": ratio_w}, "padding_1": {"top": 0, "left": 0}}
        points = ocr._get_origin_points(boxes, record, raw_h, raw_w)
        return [[p.tolist(), r[0], r[1]] for p, r in zip(points, rec) if float(r[1]) >= ocr.text_score]

    def read_band(self, image: np.ndarray, dpi: float = 200.0) -> list[Word]:
        """The band's pieces of text (:func:`~extractors.scan.ocr.base.band_pieces`) read by the
        recogniser alone: the title band of a form is plain lines, and the detector's page pass
        cost four times the recognition of its lines. A piece read with a score under
        :data:`BAND_SURE` (a seal's arc crossing the line, a smudge, a scanner's dark edge) is read
        again by the detector on that piece alone, which separates the line from what crosses it;
        what the detector finds there replaces the piece."""
        boxes = band_pieces(image, dpi)
        words = []
        for box, probs in zip(boxes, self.line_probs([image[b[1]: b[3], b[0]: b[2]] for b in boxes])):
            text, confs = ctc.greedy(probs, self.charset)
            text, score = tidy(text), float(np.mean(confs)) if confs else 0.0
            if text and score >= BAND_SURE:
                words.append(Word(text, box, score))
                continue
            x0, y0 = box[0], box[1]
            for w in self.read(image[box[1]: box[3], box[0]: box[2]], dpi):
                b = w.bbox
                words.append(Word(w.text, (b[0] + x0, b[1] + y0, b[2] + x0, b[3] + y0), w.conf))
        return words

    def read_cell(self, image: np.ndarray, dpi: float = 200.0) -> tuple[str, float]:
        return self._recognise([text_lines(image, dpi)])[0][:2]

    def read_cells(self, page: np.ndarray, boxes: list[BBox], dpi: float) -> list[tuple]:
        """``(text, conf, lattice)`` of each box (``lattice``: :class:`paperdesk.lattice.Lattice`
        of the lines kept, None for a cell longer than :data:`LATTICE_FRAMES`); a blank cell
        ``("", 1.0)``."""
        crops = [cell_crop(page, box, dpi) for box in boxes]
        inked = [i for i, c in enumerate(crops) if c is not None]
        read = self._recognise([text_lines(crops[i], dpi) for i in inked])
        out: list[tuple] = [("", 1.0)] * len(boxes)
        for i, result in zip(inked, read):
            out[i] = result
        return out

    def _recognise(self, cells: list[list[np.ndarray]]) -> list[tuple[str, float, object]]:
        """Text, confidence and lattice of each cell, given as its list of line images."""
        flat = [line for lines in cells for line in lines]
        if not flat:
            return [("", 0.0, None) for _ in cells]
        probs = self.line_probs(flat)
        results = []
        for p in probs:
            text, confs = ctc.greedy(p, self.charset)
            results.append((text, float(np.mean(confs)) if confs else 0.0))
        out, k = [], 0
        for lines in cells:
            part = [(results[k + j], line.shape[0]) for j, line in enumerate(lines)]
            line_probs = probs[k: k + len(lines)]
            k += len(lines)
            real = _real_lines(part)
            kept = [(t, float(score)) for (t, score), _ in real]
            weights = [max(1, len(tidy(t))) for t, _ in kept]
            conf = sum(w * sc for w, (_, sc) in zip(weights, kept)) / max(1, sum(weights))
            text = join_lines([t for t, _ in kept])
            kept_probs = [lp for lp, item in zip(line_probs, part) if any(item is r for r in real)]
            frames = sum(lp.shape[0] for lp in kept_probs)
            lattice = lattices.build(kept_probs, self._names) if text and 0 < frames <= LATTICE_FRAMES else None
            out.append((text, conf if text else 0.0, lattice))
        return out

    def line_probs(self, lines: list[np.ndarray]) -> list[np.ndarray]:
        """The recogniser's ``T × C`` per-frame class probabilities for each line image (RGB or
        grey), class 0 = blank; lines of one width class run as one batch, unpadded."""
        sized = [_rec_input(line) for line in lines]
        order = sorted(range(len(sized)), key=lambda i: sized[i].shape[2])
        out: list[np.ndarray | None] = [None] * len(sized)
        k = 0
        while k < len(order):
            width = sized[order[k]].shape[2]
            group = [order[k]]
            k += 1
            while k < len(order) and sized[order[k]].shape[2] == width and len(group) < REC_BATCH:
                group.append(order[k])
                k += 1
            preds = self._session(np.stack([sized[i] for i in group]))[0]
            for j, i in enumerate(group):
                out[i] = preds[j]
        return out  # type: ignore[return-value]


def _rec_input(line: np.ndarray) -> np.ndarray:
    """A line image as the recogniser's input: BGR, height 48, width by its aspect ratio, values
    in -1..1, channels first, padded on the right with 0 (mid-grey, as the wheel pads) up to the
    stride and to at least :data:`REC_MIN_WIDTH` — a lone glyph fed at its own 20-odd px width
    misread (``2`` → ``N``), and padding every line to the wheel's 320 px doubled the cost."""
    bgr = _bgr(line)
    h, w = bgr.shape[:2]
    width = max(REC_STRIDE, int(math.ceil(REC_HEIGHT * w / max(1, h))))
    padded = max(REC_MIN_WIDTH, REC_STRIDE * int(math.ceil(width / REC_STRIDE)))
    # a line under half the input's height grows by bicubic interpolation: bilinear blurs a small
    # glyph that much (a 150 dpi count cell's 0, 16 px high, came back empty or as 日 in 11 of 16
    # cells; bicubic read 14 of them 0); taller lines, every line of the bench's pages, as before
    grow = cv2.INTER_CUBIC if h < SMALL_LINE * REC_HEIGHT else cv2.INTER_LINEAR
    x = (cv2.resize(bgr, (width, REC_HEIGHT), interpolation=grow).astype(np.float32).transpose(2, 0, 1) / 255.0 - 0.5) / 0.5
    if padded == width:
        return x
    out = np.zeros((3, REC_HEIGHT, padded), np.float32)
    out[:, :, :width] = x
    return out


def _real_lines(lines: list[tuple[tuple[str, float], int]]) -> list[tuple[tuple[str, float], int]]:
    """The lines of a cell that are text: in a cell of several lines, a line read with a low score
    that is not shaped like a text line (far taller or shorter than the well-read ones: an arc
    of a printed circle, bits of a grey seal) or holds no digit or CJK (``o..`` from a seal's
    edge) is dropped; so is a line of punctuation only (a seal's stroke read as ``!``) unless
    read with a score of :data:`PUNCT_SURE`."""
    if len(lines) < 2:
        return lines
    sure = [h for (t, score), h in lines if score >= SURE_SCORE and t.strip()]
    ref = float(np.median(sure)) if sure else max(h for _, h in lines)
    kept = []
    for item in lines:
        (text, score), h = item
        odd = h > 1.8 * ref or h < 0.55 * ref or not _CJK_OR_DIGIT.search(text)
        bare = not _MEANINGFUL.search(text) and score < PUNCT_SURE
        if text.strip() and not (score < JUNK_SCORE and odd) and not bare:
            kept.append(item)  # the caller's own item: it finds the line's probabilities by identity
    return kept


def _bgr(image: np.ndarray) -> np.ndarray:
    """RapidOCR expects OpenCV's BGR order (grey is widened)."""
    if image.ndim == 2:
        return np.ascontiguousarray(np.repeat(image[:, :, None], 3, axis=2))
    return np.ascontiguousarray(image[:, :, ::-1])
