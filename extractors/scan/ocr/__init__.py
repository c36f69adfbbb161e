"""OCR engines by name, behind one interface (:class:`~extractors.scan.ocr.base.OcrEngine`).

    get_engine("tesseract" | "rapid") -> OcrEngine      a new instance (one per worker thread)
    default_engine() -> OcrEngine                       DEFAULT, or tesseract when DEFAULT's
                                                        package is not installed
    available() -> list[str]                            engines whose packages are installed

DEFAULT = "rapid", chosen by ``bench/scan_bench.py`` (numbers in ``docs/bench-scan.md``): on the
synthetic forms RapidOCR (PP-OCRv4) reads more fields exactly than tesseract chi_sim (Debian's
fast model misreads glyphs such as 党→觉, 1班→]班, 无→天), and its confidences separate right
from wrong readings (tesseract gives right readings 0.5–0.75), so fewer fields are sent to staff
as OCR_LOW_CONFIDENCE. Tesseract, with all cells of a page stacked into one call, is faster.
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
