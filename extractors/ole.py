"""What an OLE2 compound file (old Word/Excel, WPS, or an encrypted docx/xlsx) holds.

    inspect(path) -> OleInfo(target, encrypted, readable)

``target`` is the format LibreOffice should convert it to: ``docx`` for a ``WordDocument``
stream (Word 97–2003, WPS 文字 ``.wps``), ``xlsx`` for ``Workbook``/``Book`` (Excel, WPS 表格
``.et``), ``''`` when neither is there. ``encrypted`` is true for an OOXML file behind a
password (``EncryptedPackage``/``EncryptionInfo`` streams), a Word file whose FIB sets
fEncrypted/fObfuscated, and an Excel file with a FILEPASS record before its first EOF.
Pure: reads only the file's directory and the first bytes of one stream; never raises on bad
input (an unparseable container comes back with ``readable=False``).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import olefile

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAMS = ("encryptedpackage", "encryptioninfo")
#: FIB flags word at offset 0x0A of WordDocument: fEncrypted (bit 8), fObfuscated (bit 15)
_FIB_ENCRYPTED = 0x0100 | 0x8000
_FILEPASS, _EOF = 0x002F, 0x000A
#: BIFF records looked at before giving up the FILEPASS search (it follows BOF at once)
_MAX_RECORDS = 200
_RAW_SCAN_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class OleInfo:
    """What :func:`inspect` found (see module docstring)."""

    target: str  # "docx" | "xlsx" | ""
    encrypted: bool
    readable: bool = True


def is_ole(path: Path) -> bool:
    """True when the file starts with the OLE2 signature."""
    try:
        with Path(path).open("rb") as fh:
            return fh.read(8) == OLE_MAGIC
    except OSError:
        return False


def inspect(path: Path) -> OleInfo:
    """The conversion target and encryption of the OLE file at ``path``."""
    try:
        with olefile.OleFileIO(str(path)) as ole:
            names = {"/".join(parts).lower(): "/".join(parts) for parts in ole.listdir()}
            if any(n in names for n in _ENCRYPTED_STREAMS):
                return OleInfo(target="", encrypted=True)
            if "worddocument" in names:
                return OleInfo("docx", _word_encrypted(ole.openstream(names["worddocument"]).read(16)))
            for book in ("workbook", "book"):
                if book in names:
                    return OleInfo("xlsx", _excel_encrypted(ole.openstream(names[book])))
            return OleInfo(target="", encrypted=False)
    except Exception:  # noqa: BLE001 - olefile raises many kinds on a broken container
        return OleInfo(target="", encrypted=_raw_encrypted(path), readable=False)


def _word_encrypted(fib: bytes) -> bool:
    if len(fib) < 12:
        return False
    (flags,) = struct.unpack_from("<H", fib, 0x0A)
    return bool(flags & _FIB_ENCRYPTED)


def _excel_encrypted(stream) -> bool:
    """A FILEPASS record in the workbook globals (before the first EOF)."""
    for _ in range(_MAX_RECORDS):
        head = stream.read(4)
        if len(head) < 4:
            return False
        rtype, size = struct.unpack("<HH", head)
        if rtype == _FILEPASS:
            return True
        if rtype == _EOF:
            return False
        stream.seek(size, 1)
    return False


def _raw_encrypted(path: Path) -> bool:
    """For a container olefile cannot parse: the stream name ``EncryptedPackage`` in its bytes."""
    try:
        with Path(path).open("rb") as fh:
            data = fh.read(_RAW_SCAN_BYTES)
    except OSError:
        return False
    return "EncryptedPackage".encode("utf-16-le") in data
