"""The contract every extractor keeps, and the guard that turns broken files into data.

An extractor is one function per input kind::

    extract(path: Path, display: str, campaign: Campaign) -> list[Extracted]

It reads only the file it is given, writes nothing, imports neither Prefect nor the state
database, and returns typed records from :mod:`paperdesk.models` whose ``source`` is ``display``.
Bad input (corrupt, encrypted, empty, too large) is data: the extractor raises
:class:`BadInput` with a Chinese reason, or lets a library error escape, and :func:`guarded`
turns either into ``[ExtractionError(display, reason)]``. Nothing escapes :func:`guarded`.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Callable

from paperdesk.campaign import Campaign
from paperdesk.models import ExtractionError, Extracted
from extractors import ole

Extractor = Callable[[Path, str, Campaign], list[Extracted]]

#: OLE compound file: an encrypted OOXML file (or an old .doc/.xls under a new name)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: the reason for every password-protected file (Office, WPS, PDF)
ENCRYPTED = "加密文件，请发送未加密版本"
#: a docx/xlsx whose parts unpack to more than this is refused (zip bomb)
MAX_UNPACKED_BYTES = 300 * 1024 * 1024


class BadInput(Exception):
    """The file cannot be read; ``reason`` is Chinese and shown to staff."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def guarded(fn: Extractor, path: Path, display: str, campaign: Campaign) -> list[Extracted]:
    """Run ``fn`` and turn every failure on a bad file into an :class:`ExtractionError`."""
    try:
        return fn(path, display, campaign)
    except BadInput as e:
        return [ExtractionError(display, e.reason)]
    except MemoryError:
        return [ExtractionError(display, "文件过大，超出可处理的范围")]
    except zipfile.BadZipFile:
        return [ExtractionError(display, "文件已损坏，无法打开（不是完整的 Office 文件）")]
    except Exception as e:  # noqa: BLE001 - a library choking on a broken file is bad input
        return [ExtractionError(display, f"文件已损坏或格式异常，无法读取（{type(e).__name__}）")]


def preflight(path: Path) -> None:
    """Common checks before a parser sees the file: empty, missing."""
    try:
        size = path.stat().st_size
    except OSError as e:
        raise BadInput(f"无法读取文件（{type(e).__name__}）") from e
    if size == 0:
        raise BadInput("文件为空（0 字节）")


def preflight_ooxml(path: Path, what: str) -> None:
    """Checks for a docx/xlsx: empty, encrypted (an OLE file), not a zip, a zip bomb."""
    preflight(path)
    with path.open("rb") as fh:
        head = fh.read(8)
    if head == OLE_MAGIC:
        if ole.inspect(path).encrypted:
            raise BadInput(ENCRYPTED)
        raise BadInput(f"文件是旧版格式（不是{what.strip()} 2007 及以后的格式），无法读取{what}内容")
    if not zipfile.is_zipfile(path):
        raise BadInput(f"文件已损坏，不是有效的{what}文件")
    with zipfile.ZipFile(path) as zf:
        total = sum(info.file_size for info in zf.infolist())
    if total > MAX_UNPACKED_BYTES:
        raise BadInput(f"文件解压后过大（{total // (1024 * 1024)} MB），疑似异常文件")


def free_deliverable(campaign: Campaign, *texts: str) -> str:
    """For a free-form document: the form-less deliverable (the work summary) whose keyword
    occurs in one of ``texts`` (title, file name), else '' — identification decides then."""
    for d in campaign.deliverables:
        if d.form is None and any(k in (t or "") for k in (d.title, *d.keywords) for t in texts):
            return d.key
    return ""
