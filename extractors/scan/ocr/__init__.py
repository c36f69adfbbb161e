"""OCR engines by name, behind one interface (:class:`~extractors.scan.ocr.base.OcrEngine`).

    get_engine("tesseract" | "rapid") -> OcrEngine      a new instance (one per worker thread)
    default_engine() -> OcrEngine                       the engine named by DEFAULT
    ENGINES                                             name -> "module:Class"

DEFAULT is chosen by ``bench/scan_bench.py`` (see ``docs/bench-scan.md``): PLACEHOLDER.
An unknown name is a configuration error (ValueError listing the known names); an engine whose
package is missing raises ImportError on construction.
"""

from __future__ import annotations

import importlib

from extractors.scan.ocr.base import OcrEngine, Word

ENGINES: dict[str, str] = {
    "tesseract": "extractors.scan.ocr.tesseract:TesseractEngine",
    "rapid": "extractors.scan.ocr.rapid:RapidEngine",
}
DEFAULT = "rapid"

__all__ = ["ENGINES", "DEFAULT", "OcrEngine", "Word", "get_engine", "default_engine", "available"]


def get_engine(name: str) -> OcrEngine:
    """A new engine instance by registry name."""
    if name not in ENGINES:
        raise ValueError(f"未知的 OCR 引擎：{name}（可用：{', '.join(sorted(ENGINES))}）")
    module, cls = ENGINES[name].split(":")
    return getattr(importlib.import_module(module), cls)()


def default_engine() -> OcrEngine:
    """A new instance of the default engine."""
    return get_engine(DEFAULT)


def available() -> list[str]:
    """Names of the engines whose packages import on this machine."""
    names = []
    for name, target in ENGINES.items():
        try:
            importlib.import_module(target.split(":")[0])
            names.append(name)
        except ImportError:
            continue
    return names
