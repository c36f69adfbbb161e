"""Legacy-format fixtures made in code: LibreOffice turns a generated docx/xlsx into .doc/.xls,
and small byte patches make encrypted variants of them (no binary fixture files).

    to_legacy(src, fmt, outdir) -> Path          one or two LibreOffice calls (~2–4 s each)
    set_word_encrypted(doc_bytes) -> bytes       FIB fEncrypted set, as Word's RC4 does
    set_excel_filepass(xls_bytes) -> bytes       the record after BOF renamed to FILEPASS
    rename_stream(ole_bytes, old, new) -> bytes  a directory entry renamed (EncryptedPackage)
"""

from __future__ import annotations

import io
import struct
import subprocess
from pathlib import Path

import olefile


def to_legacy(src: Path, fmt: str, outdir: Path) -> Path:
    """``src`` converted by LibreOffice to ``fmt`` (doc, xls, odt …) in ``outdir``. A docx goes
    to .doc by way of .odt: LibreOffice 7.4 drops python-docx's tables on docx -> doc."""
    if fmt == "doc" and src.suffix == ".docx":
        src = to_legacy(src, "odt", outdir)
    profile = (outdir / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", fmt,
                    "--outdir", str(outdir), str(src)], check=True, capture_output=True, timeout=120)
    out = outdir / f"{src.stem}.{fmt}"
    assert out.is_file(), f"LibreOffice made no {out}"
    return out


def _patch_stream(data: bytes, name: str, patch) -> bytes:
    buf = io.BytesIO(data)
    with olefile.OleFileIO(buf, write_mode=True) as ole:
        stream = bytearray(ole.openstream(name).read())
        patch(stream)
        ole.write_stream(name, bytes(stream))
    return buf.getvalue()


def set_word_encrypted(data: bytes) -> bytes:
    def patch(s: bytearray) -> None:
        (flags,) = struct.unpack_from("<H", s, 0x0A)
        struct.pack_into("<H", s, 0x0A, flags | 0x0100)

    return _patch_stream(data, "WordDocument", patch)


def set_excel_filepass(data: bytes) -> bytes:
    def patch(s: bytearray) -> None:
        (_, size) = struct.unpack_from("<HH", s, 0)  # BOF
        struct.pack_into("<H", s, 4 + size, 0x002F)  # the next record becomes FILEPASS

    return _patch_stream(data, "Workbook", patch)


def rename_stream(data: bytes, old: str, new: str) -> bytes:
    """Rename one 128-byte directory entry in place (name ≤ 31 UTF-16 characters)."""
    raw = bytearray(data)
    needle = old.encode("utf-16-le") + b"\x00\x00"
    at = raw.find(needle)
    while at != -1 and at % 128:
        at = raw.find(needle, at + 1)
    assert at != -1, f"no directory entry {old}"
    name = new.encode("utf-16-le") + b"\x00\x00"
    raw[at:at + 64] = name + b"\x00" * (64 - len(name))
    struct.pack_into("<H", raw, at + 64, len(name))
    return bytes(raw)
