"""Safety checks and a tolerant opener for OOXML packages (docx/docm/dotx, xlsx/xlsm/xltx).

    preflight(path, what, streamed=()) -> None      raises BadInput with a Chinese reason
    docx_source(path) -> str | io.BytesIO          what python-docx should open

:func:`preflight` refuses, before any parser runs: an empty file, an OLE container (encrypted
OOXML, or an old format under a new name), a file that is not a zip, a package unpacking to
more than :data:`MAX_UNPACKED_BYTES`, an XML part over :data:`MAX_XML_PART_BYTES` (except parts
under a ``streamed`` prefix, which the caller reads row by row) and any XML part declaring a
DTD (``<!DOCTYPE`` / ``<!ENTITY``: Office never writes one; it is how entity bombs and external
entities (XXE) get in). The parsers are safe on their own as well — python-docx parses with
``resolve_entities=False`` and lxml never fetches from the network; openpyxl reads through
defusedxml — so a DTD hidden past the scanned head is still neither expanded nor fetched.

:func:`docx_source` lets python-docx read a macro-enabled document or a template (``.docm``,
``.dotx``, ``.dotm``): the package is copied in memory with its main part's content type
rewritten to the plain document type. Nothing is executed — python-docx never runs macros.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from extractors import ole
from extractors.base import ENCRYPTED, UNSAFE_XML, BadInput, preflight as preflight_file

#: a package whose parts unpack to more than this is refused (zip bomb)
MAX_UNPACKED_BYTES = 300 * 1024 * 1024
#: one XML part parsed into a tree may not be larger (a 32 MB document.xml is ~10,000 pages)
MAX_XML_PART_BYTES = 32 * 1024 * 1024
#: how much of each XML part's start is searched for a DTD
DTD_SCAN_BYTES = 16 * 1024
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.I)
_CONTENT_TYPES = "[Content_Types].xml"
_DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_DOCX_VARIANTS = (
    b"application/vnd.ms-word.document.macroEnabled.main+xml",
    b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
)


def preflight(path: Path, what: str, streamed: tuple[str, ...] = ()) -> None:
    """Refuse a package no parser should see (see module docstring)."""
    preflight_file(path)
    if ole.is_ole(path):
        if ole.inspect(path).encrypted:
            raise BadInput(ENCRYPTED)
        raise BadInput(f"文件是旧版格式（不是{what.strip()} 2007 及以后的格式），无法读取{what}内容")
    if not zipfile.is_zipfile(path):
        raise BadInput(f"文件已损坏，不是有效的{what}文件")
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
        total = sum(info.file_size for info in infos)
        if total > MAX_UNPACKED_BYTES:
            raise BadInput(f"文件解压后过大（{total // (1024 * 1024)} MB），疑似异常文件")
        for info in infos:
            if _is_xml(info.filename):
                _check_part(zf, info, streamed)


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels", ".vml"))


def _check_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, streamed: tuple[str, ...]) -> None:
    if info.file_size > MAX_XML_PART_BYTES and not info.filename.startswith(streamed):
        mb = info.file_size // (1024 * 1024)
        raise BadInput(f"文件内容过大（{info.filename} 解压后 {mb} MB），疑似异常文件，未读取")
    with zf.open(info) as fh:
        head = fh.read(DTD_SCAN_BYTES)
    if _DTD.search(head) or _DTD.search(head.replace(b"\x00", b"")):  # UTF-8 or UTF-16
        raise BadInput(UNSAFE_XML)


def docx_source(path: Path) -> str | io.BytesIO:
    """``str(path)``, or an in-memory copy whose main part reads as a plain docx."""
    with zipfile.ZipFile(path) as zf:
        if _CONTENT_TYPES not in zf.namelist():
            return str(path)
        types = zf.read(_CONTENT_TYPES)
        if not any(v in types for v in _DOCX_VARIANTS):
            return str(path)
        for variant in _DOCX_VARIANTS:
            types = types.replace(variant, _DOCX_MAIN)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in zf.infolist():
                data = types if info.filename == _CONTENT_TYPES else zf.read(info)
                dst.writestr(info, data)
    out.seek(0)
    return out
