"""The one entry point of the extractors: file kind -> extractor module.

    extract(path, kind, display, campaign) -> list[Extracted]

``kind`` is the kind intake sniffed from the content (docx, xlsx, image, pdf, …); ``display``
becomes every record's ``source``. An unknown kind, and any failure of an extractor on a bad
file, come back as ``[ExtractionError(display, <Chinese reason>)]`` — nothing raises.
:data:`EXTRACTOR_VERSION` is part of the extraction cache key: bump it whenever any
extractor's output changes.
"""

from __future__ import annotations

from pathlib import Path

from paperdesk.campaign import Campaign
from paperdesk.models import ExtractionError, Extracted
from extractors import docx_file, image_file, pdf_file, xlsx_file
from extractors.base import Extractor, guarded

EXTRACTOR_VERSION = "b1"

#: one module per input kind (STYLE.md point 2); scans go to extractors/scan/ later
EXTRACTORS: dict[str, Extractor] = {
    "docx": docx_file.extract,
    "xlsx": xlsx_file.extract,
    "image": image_file.extract,
    "pdf": pdf_file.extract,
}


def extract(path: Path, kind: str, display: str, campaign: Campaign) -> list[Extracted]:
    """Records read from the file at ``path`` (see module docstring)."""
    fn = EXTRACTORS.get(kind)
    if fn is None:
        known = "、".join(sorted(EXTRACTORS))
        return [ExtractionError(display, f"不支持的文件类型：{kind}（可读取：{known}）")]
    return guarded(fn, Path(path), display, campaign)
