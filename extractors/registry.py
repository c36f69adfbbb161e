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

EXTRACTOR_VERSION = "b3"

#: one module per input kind (STYLE.md point 2); scans go to extractors/scan/ later
EXTRACTORS: dict[str, Extractor] = {
    "docx": docx_file.extract,
    "xlsx": xlsx_file.extract,
    "image": image_file.extract,
    "pdf": pdf_file.extract,
}


#: what staff are told about kinds intake recognises but no extractor reads
UNSUPPORTED: dict[str, str] = {
    "doc": "旧版 Word 文档（.doc），请另存为 .docx 后重新提交",
    "xls": "旧版 Excel 表格（.xls），请另存为 .xlsx 后重新提交",
    "ole": "旧版 Office 文件，请另存为 .docx / .xlsx 后重新提交",
    "pptx": "PowerPoint 演示文稿，不是本次要求的材料格式",
    "text": "纯文本文件，不是本次要求的材料格式",
    "unknown": "无法识别的文件格式",
}


def extract(path: Path, kind: str, display: str, campaign: Campaign) -> list[Extracted]:
    """Records read from the file at ``path`` (see module docstring)."""
    fn = EXTRACTORS.get(kind)
    if fn is None:
        return [ExtractionError(display, unsupported_reason(Path(path), kind))]
    return guarded(fn, Path(path), display, campaign)


def unsupported_reason(path: Path, kind: str) -> str:
    """The Chinese reason for a kind no extractor reads (an encrypted Office file says so)."""
    if kind in ("ole", "doc", "xls") and _is_encrypted_ole(path):
        return "文件已加密（设置了打开密码），无法读取"
    return f"不支持的文件类型：{UNSUPPORTED.get(kind, kind)}"


def _is_encrypted_ole(path: Path, limit: int = 4 * 1024 * 1024) -> bool:
    """An OLE container holding an ``EncryptedPackage`` stream (a password-protected docx/xlsx)."""
    try:
        with path.open("rb") as fh:
            data = fh.read(limit)
    except OSError:
        return False
    return "EncryptedPackage".encode("utf-16-le") in data
