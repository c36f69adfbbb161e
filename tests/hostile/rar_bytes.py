"""RAR4 and RAR5 archives built byte by byte (no free tool writes RAR: ``rar`` is non-free and not
in Debian main). Members are stored (method "store"), which is all the hostile cases need; a
member may lie about its unpacked size and method (a bomb's declared sizes), carry an encryption
record, be a symbolic or hard link, or have raw name bytes. Layouts follow RARLAB's technote
(RAR 5.0 archive format) and the RAR 2.9/3.x ``technote.txt``.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

RAR4_SIG = b"Rar!\x1a\x07\x00"
RAR5_SIG = b"Rar!\x1a\x07\x01\x00"


@dataclass(frozen=True)
class Entry:
    name: bytes | str
    data: bytes = b""
    symlink: str | None = None  # a symbolic link to this target (data ignored)
    hardlink: str | None = None  # RAR5 only: a hard link to this member
    encrypted: bool = False
    declared_size: int | None = None  # unpacked size written in the header (a bomb lies)
    compressed: bool = False  # method "normal" instead of "store" (bytes are then garbage)
    unicode: bool = True  # RAR4: names flagged as UTF-8; False = raw OEM bytes
    part: tuple[bytes, bool, bool] | None = None  # RAR5 volumes: (this piece, continues from before, goes on after)


def _name(e: Entry) -> bytes:
    return e.name if isinstance(e.name, bytes) else e.name.encode("utf-8")


# ---------------------------------------------------------------------------- RAR5


def vint(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _block5(htype: int, flags: int, body: bytes, extra: bytes = b"", data: bytes = b"") -> bytes:
    hflags = flags | (0x0001 if extra else 0) | (0x0002 if data else 0)
    fields = vint(htype) + vint(hflags)
    if extra:
        fields += vint(len(extra))
    if data:
        fields += vint(len(data))
    fields += body + extra
    header = vint(len(fields)) + fields
    return struct.pack("<I", zlib.crc32(header)) + header + data


def _record(rtype: int, body: bytes) -> bytes:
    payload = vint(rtype) + body
    return vint(len(payload)) + payload


def _file5(e: Entry) -> bytes:
    name = _name(e)
    data, extra, attrs, host = e.data, b"", 0x20, 0
    if e.symlink is not None:
        extra += _record(5, vint(1) + vint(0) + vint(len(e.symlink.encode())) + e.symlink.encode())
        data, attrs, host = b"", 0o120777, 1
    if e.hardlink is not None:
        extra += _record(5, vint(4) + vint(0) + vint(len(e.hardlink.encode())) + e.hardlink.encode())
        data = b""
    if e.encrypted:
        extra += _record(1, vint(0) + vint(0) + bytes([15]) + bytes(16) + bytes(16))
        data = data + bytes(-len(data) % 16 or 16)
    size = e.declared_size if e.declared_size is not None else len(e.data)
    method = (3 << 7) if e.compressed else 0
    flags, crc = 0, zlib.crc32(e.data)
    if e.part is not None:
        data, before, after = e.part
        flags = (0x0008 if before else 0) | (0x0010 if after else 0)
    body = (vint(0x0004) + vint(size) + vint(attrs) + struct.pack("<I", crc)
            + vint(method) + vint(host) + vint(len(name)) + name)
    return _block5(2, flags, body, extra, data)


def rar5(entries: list[Entry], *, header_encrypted: bool = False, volume: int | None = None,
         last_volume: bool = True) -> bytes:
    """A RAR5 archive. ``volume`` (0-based) makes it one volume of a set."""
    out = RAR5_SIG
    if header_encrypted:
        out += _block5(4, 0, vint(0) + vint(0) + bytes([15]) + bytes(16))
        return out + bytes(64)  # what follows is ciphertext
    arc_flags = 0 if volume is None else (0x0001 | (0x0002 if volume else 0))
    out += _block5(1, 0, vint(arc_flags) + (vint(volume) if volume else b""))
    for e in entries:
        out += _file5(e)
    return out + _block5(5, 0, vint(0 if last_volume else 1))


# ---------------------------------------------------------------------------- RAR4


def _block4(htype: int, flags: int, body: bytes, data: bytes = b"") -> bytes:
    size = 7 + len(body)
    rest = struct.pack("<BHH", htype, flags, size) + body
    return struct.pack("<H", zlib.crc32(rest) & 0xFFFF) + rest + data


def _file4(e: Entry) -> bytes:
    name = _name(e)
    flags = 0x8000 | (0x0200 if e.unicode and not name.isascii() else 0) | (0x0004 if e.encrypted else 0)
    data, attrs, host = e.data, 0x20, 2
    if e.symlink is not None:
        data, attrs, host = e.symlink.encode(), 0o120777, 3
    size = e.declared_size if e.declared_size is not None else len(data)
    method = 0x33 if e.compressed else 0x30
    body = struct.pack("<IIBIIBBHI", len(data), size & 0xFFFFFFFF, host, zlib.crc32(data), 0x50D30000, 29,
                       method, len(name), attrs) + name
    return _block4(0x74, flags, body, data)


def rar4(entries: list[Entry], *, header_encrypted: bool = False) -> bytes:
    """A RAR 2.9/3.x archive."""
    main = _block4(0x73, 0x0080 if header_encrypted else 0, bytes(6))
    if header_encrypted:
        return RAR4_SIG + main + bytes(64)
    return RAR4_SIG + main + b"".join(_file4(e) for e in entries) + _block4(0x7B, 0x4000, b"")
