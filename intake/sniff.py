"""What a file is, from its first bytes (and, for zip and OLE2 containers, a cheap look inside).

    sniff(path_or_head, name) -> kind

Kinds: docx xlsx pptx odt ods zip doc xls ole msg pdf image 7z rar gz bz2 xz tar eml text unknown.
The extension is only a tie-breaker (OLE2 documents, emails without headers); magic bytes win,
so a ``.docx`` that is really a zip of pictures comes back ``zip``. Never raises on bad input.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

HEAD_BYTES = 8192
_OLE_SCAN_BYTES = 4 * 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "image"), (b"\x89PNG\r\n\x1a\n", "image"), (b"GIF87a", "image"),
    (b"GIF89a", "image"), (b"II*\x00", "image"), (b"MM\x00*", "image"),
    (b"7z\xbc\xaf\x27\x1c", "7z"), (b"Rar!\x1a\x07", "rar"), (b"\x1f\x8b", "gz"),
    (b"BZh", "bz2"), (b"\xfd7zXZ\x00", "xz"),
)
_HEADER_LINE = re.compile(
    rb"^(from|to|cc|subject|date|received|return-path|message-id|mime-version|content-type|"
    rb"delivered-to|reply-to|sender|x-[\w-]+) ?:", re.I | re.M)
_OLE_EXT = {".doc": "doc", ".dot": "doc", ".wps": "doc", ".xls": "xls", ".xlt": "xls", ".et": "xls", ".msg": "msg"}
_OOXML_EXT = (".docx", ".xlsx", ".pptx")
_OLE_STREAMS = (("WordDocument", "doc"), ("Workbook", "xls"), ("Book", "xls"))


def sniff(source: Path | str | bytes, name: str = "") -> str:
    """The kind of the file at ``source`` (a path) or of ``source`` itself (its first bytes)."""
    path = Path(source) if isinstance(source, (str, Path)) else None
    try:
        head = _read(path, HEAD_BYTES) if path else bytes(source[:HEAD_BYTES])
    except OSError:
        return "unknown"
    name = name or (path.name if path else "")
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(path, source if path is None else None, head)
    if head.startswith(_OLE_MAGIC):
        return _ole_kind(path, head, name)
    for magic, kind in _MAGIC:  # magic at the very start wins over "%PDF-" found further on
        if head.startswith(magic):
            return kind
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image"
    if head[:2] == b"BM" and head[6:10] == bytes(4):  # BMP: size, then four reserved zero bytes
        return "image"
    if len(head) > 262 and head[257:262] == b"ustar":
        return "tar"
    return _text_kind(head, name)


def _read(path: Path, n: int) -> bytes:
    with open(path, "rb") as f:
        return f.read(n)


def _zip_kind(path: Path | None, data: bytes | None, head: bytes) -> str:
    """docx/xlsx/pptx by their part folders, else plain zip."""
    try:
        with zipfile.ZipFile(path if path else io.BytesIO(data)) as zf:
            names = zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return _ooxml_from_head(head)
    if "[Content_Types].xml" in names:
        for prefix, kind in (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx")):
            if any(n.startswith(prefix) for n in names):
                return kind
    return _odf_kind(head) if "mimetype" in names else "zip"


#: OpenDocument files start with an uncompressed ``mimetype`` member naming their type
_ODF_TYPES = ((b"application/vnd.oasis.opendocument.text", "odt"),
              (b"application/vnd.oasis.opendocument.spreadsheet", "ods"))


def _odf_kind(head: bytes) -> str:
    """odt/ods by the ``mimetype`` member at the start of the zip (LibreOffice reads them), else zip."""
    for mime, kind in _ODF_TYPES:
        if b"mimetype" + mime in head[:200]:
            return kind
    return "zip"


def _ooxml_from_head(head: bytes) -> str:
    """A truncated or broken zip: guess from the member names in the local headers we have."""
    if b"[Content_Types].xml" in head:
        for prefix, kind in ((b"word/", "docx"), (b"xl/", "xlsx"), (b"ppt/", "pptx")):
            if prefix in head:
                return kind
    return "zip"


def _ole_kind(path: Path | None, head: bytes, name: str) -> str:
    """doc/xls by extension, else by the stream names in the directory (UTF-16LE); a
    password-protected OOXML file (an ``EncryptedPackage`` stream) keeps its docx/xlsx kind."""
    ext = Path(name).suffix.lower()
    if ext in _OLE_EXT:
        return _OLE_EXT[ext]
    try:
        data = _read(path, _OLE_SCAN_BYTES) if path else head
    except OSError:
        return "ole"
    if _has_stream(data, "EncryptedPackage") and ext in _OOXML_EXT:
        return ext[1:]  # a password-protected docx/xlsx: its extractor reports the password
    if _has_stream(data, "__properties_version1.0") or "__substg1.0_".encode("utf-16-le") in data:
        return "msg"  # an Outlook message
    for stream, kind in _OLE_STREAMS:
        if _has_stream(data, stream):
            return kind
    return "ole"


def _has_stream(data: bytes, stream: str) -> bool:
    return stream.encode("utf-16-le") + b"\x00\x00" in data


def _text_kind(head: bytes, name: str) -> str:
    """eml (RFC 822 header lines at the start, or an .eml name), text, else unknown."""
    if not head:
        return "unknown"
    start = head.lstrip(b"\r\n\t ")
    first_lines = start.split(b"\n", 6)[:6]
    headers = sum(1 for line in first_lines if _HEADER_LINE.match(line))
    if headers >= 2 and _HEADER_LINE.match(first_lines[0]):
        return "eml"
    if Path(name).suffix.lower() == ".eml" and _looks_text(head):
        return "eml"
    return "text" if _looks_text(head) else "unknown"


def _looks_text(head: bytes) -> bool:
    if b"\x00" in head:
        return head.startswith((b"\xff\xfe", b"\xfe\xff"))
    for enc in ("utf-8", "gb18030"):
        try:
            text = head.decode(enc)
        except UnicodeDecodeError:
            # the head may cut a multi-byte character: retry without the last 3 bytes
            try:
                text = head[:-3].decode(enc)
            except UnicodeDecodeError:
                continue
        bad = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f\x1b")
        return bad <= len(text) // 100
    return False
