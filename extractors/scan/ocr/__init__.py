"""OCR engines by name, behind one interface (:class:`~extractors.scan.ocr.base.OcrEngine`).

    get_engine("tesseract" | "rapid") -> OcrEngine      a new instance (one per worker thread)
    default_engine() -> OcrEngine                       DEFAULT, or tesseract when DEFAULT's
                                                        package is not installed
    available() -> list[str]                            engines whose packages are installed

DEFAULT = "rapid", chosen by ``bench/scan_bench.py`` (``docs/bench-scan.md``; 60 synthetic scans
of A5/A4/A2 per engine: colour/grey, 150–300 dpi, skew, a page turned 90°, JPEG 50–90, seals,
red pen, a printed circle): RapidOCR (PP-OCRv4) read 0.996 of 2,780 fields exactly (0.997 on
colour 200 dpi) against tesseract chi_sim's 0.925 (0.913), with 9 wrong fields not flagged
against 55, at 2.4 against 1.7 CPU seconds a page. Debian's fast chi_sim model misreads glyphs
(1班→]班, 无→天, lone digits) and gives right readings confidences of 0.5–0.95, so it sends
10–20 % of fields to staff; RapidOCR's right readings score ≥ 0.95. Tesseract stays as the
fallback when rapidocr-onnxruntime is not installed.
An unknown name is a configuration error (ValueError listing the known names).
"""

from __future__ import annotations

import importlib
import importlib.util

from extractors.scan.ocr.base import OcrEngine, Word

ENGINES: dict[str, str] = {
    "tesseract": "extractors.scan.ocr.tesseract:TesseractEngine",
    "rapid": "extractors.scan.ocr.rapid:RapidEngine",
}
REQUIRES: dict[str, str] = {"tesseract": "pytesseract", "rapid": "rapidocr_onnxruntime"}
DEFAULT = "rapid"
FALLBACK = "tesseract"

__all__ = ["ENGINES", "DEFAULT", "OcrEngine", "Word", "get_engine", "default_engine", "default_name", "available"]


def get_engine(name: str) -> OcrEngine:
    """A new engine instance by registry name."""
    if name not in ENGINES:
        raise ValueError(f"未知的 OCR 引擎：{name}（可用：{', '.join(sorted(ENGINES))}）")
    module, cls = ENGINES[name].split(":")
    return getattr(importlib.import_module(module), cls)()


def available() -> list[str]:
    """Names of the engines whose packages are installed on this machine."""
    return [name for name, pkg in REQUIRES.items() if importlib.util.find_spec(pkg) is not None]


def default_name() -> str:
    """DEFAULT when installed, else FALLBACK."""
    return DEFAULT if DEFAULT in available() else FALLBACK


def default_engine() -> OcrEngine:
    """A new instance of :func:`default_name`'s engine."""
    return get_engine(default_name())
