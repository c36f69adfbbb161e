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
import zlib
from pathlib import Path
from typing import Callable
from xml.etree import ElementTree

from defusedxml import DefusedXmlException
from lxml import etree

from paperdesk.campaign import Campaign
from paperdesk.models import ExtractionError, Extracted
from extractors.ole import OLE_MAGIC  # noqa: F401 - re-exported for callers of base

Extractor = Callable[[Path, str, Campaign], list[Extracted]]

#: the reason for every password-protected file (Office, WPS, PDF)
ENCRYPTED = "加密文件，请发送未加密版本"
#: an XML part declaring a DTD or entities (entity bombs, XXE)
UNSAFE_XML = "文件中含有不允许的 XML 定义（DOCTYPE/ENTITY），疑似恶意文件，未读取"


def display_name(display: str) -> str:
    """The file name part of a display path (``a.zip!dir/张三生活照.jpg`` -> ``张三生活照.jpg``)."""
    return display.split("!")[-1].replace("\\", "/").split("/")[-1]


def is_life_photo(campaign: Campaign, *texts: str) -> bool:
    """True when any text (a name, a caption) holds a life-photo keyword of the campaign."""
    return any(k and k in (t or "") for t in texts for k in campaign.checks.life_photo_keywords)



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
    except RecursionError:
        return [ExtractionError(display, "文件结构嵌套过深，疑似异常文件，未读取")]
    except DefusedXmlException:  # openpyxl reads through defusedxml: an entity or DTD
        return [ExtractionError(display, UNSAFE_XML)]
    except (zipfile.BadZipFile, zlib.error, EOFError):
        return [ExtractionError(display, "文件已损坏，无法打开（不是完整的 Office 文件）")]
    except (etree.XMLSyntaxError, ElementTree.ParseError):
        return [ExtractionError(display, "文件已损坏，无法读取（内部 XML 格式错误）")]
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


def free_deliverable(campaign: Campaign, *texts: str) -> str:
    """For a free-form document: the form-less deliverable (the work summary) whose keyword
    occurs in one of ``texts`` (title, file name), else '' — identification decides then."""
    for d in campaign.deliverables:
        if d.form is None and any(k in (t or "") for k in (d.title, *d.keywords) for t in texts):
            return d.key
    return ""
