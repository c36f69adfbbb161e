"""7z archives for the hostile suite: written with py7zr; names the library refuses to write
(``../x``, ``/x``, ``C:\\x``) are put in afterwards by patching an unencoded header and
recomputing its CRCs; symbolic links are stored by the ``7z`` program (p7zip, ``-snl``), as
py7zr cannot store links next to other members."""

from __future__ import annotations

import io
import os
import struct
import subprocess
import zlib
from pathlib import Path

import py7zr


def sevenzip(members: dict[str, bytes], *, password: str | None = None, header_encrypted: bool = False) -> bytes:
    """A 7z archive of ``members`` (LZMA2), its header unencoded unless encrypted."""
    buf = io.BytesIO()
    with py7zr.SevenZipFile(buf, "w", password=password, header_encryption=header_encrypted) as z:
        if password is None:
            z.set_encoded_header_mode(False)
        for name, data in members.items():
            z.writestr(data, name)
    return buf.getvalue()


def sevenzip_with_link(workdir: Path, link: str, target: str, other: dict[str, bytes]) -> bytes:
    """A 7z archive made by the 7z program holding a symbolic link ``link`` -> ``target``."""
    workdir.mkdir(parents=True, exist_ok=True)
    for name, data in other.items():
        (workdir / name).write_bytes(data)
    os.symlink(target, workdir / link)
    subprocess.run(["7z", "a", "-snl", "-bd", "out.7z", link, *other], cwd=workdir, check=True,
                   stdout=subprocess.DEVNULL)
    return (workdir / "out.7z").read_bytes()


def patch_names(data: bytes, names: dict[str, str]) -> bytes:
    """Replace each placeholder name (UTF-16LE in the unencoded header) by another of the same
    length, then fix the next-header CRC and the start-header CRC."""
    out = bytearray(data)
    offset, size = struct.unpack_from("<QQ", out, 12)
    start = 32 + offset
    for placeholder, name in names.items():
        old, new = placeholder.encode("utf-16-le"), name.encode("utf-16-le", "surrogatepass")
        assert len(old) == len(new), "a name must keep its length"
        pos = out.find(old, start)
        assert pos >= 0, "placeholder not found: is the header encoded?"
        out[pos:pos + len(old)] = new
    struct.pack_into("<I", out, 28, zlib.crc32(out[start:start + size]))
    struct.pack_into("<I", out, 8, zlib.crc32(out[12:32]))
    return bytes(out)
