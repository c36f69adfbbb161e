"""Helpers for extractor tests: tiny images, file writers, the registry call.

Every fixture file is generated in code (openpyxl / python-docx / Pillow) into tmp_path.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from extractors.registry import extract


def png(color: str = "red", size: tuple[int, int] = (40, 30)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, "PNG")
    return buf.getvalue()


def run(path: Path, kind: str, campaign, display: str | None = None) -> list:
    """The registry's answer for a generated file."""
    return extract(path, kind, display or path.name, campaign)


def save_wb(wb, tmp_path: Path, name: str = "t.xlsx") -> Path:
    p = tmp_path / name
    wb.save(p)
    return p


def save_doc(doc, tmp_path: Path, name: str = "t.docx") -> Path:
    p = tmp_path / name
    doc.save(str(p))
    return p
