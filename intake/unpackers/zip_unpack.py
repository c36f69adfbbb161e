"""Zip archives: names decoded as Windows and macOS zippers write them, members streamed safely.

Names: UTF-8 when flag bit 11 is set; otherwise Python read them as cp437, so the raw bytes are
recovered and tried as strict UTF-8, then GB18030 (Windows' zipper writes GBK without the flag),
else kept in an escaped ASCII form (``%FF``). Refused: directory entries (skipped), members whose path
escapes (``../``, absolute, drive letter) and symlinks (each a Member with a Chinese reason).
The whole archive is unreadable when encrypted, corrupt, or past the limits (bomb).
"""

from __future__ import annotations

import re
import stat
import zipfile
import zlib
from pathlib import Path

from intake.clutter import clutter_reason
from intake.names import decode_name_bytes, printable
from intake.store import TooLarge
from intake.unpackers.base import BOMB, CORRUPT, ENCRYPTED, Member, UnpackContext, Unpacked, unique_name

_UTF8_FLAG = 0x800
_DRIVE = re.compile(r"^[A-Za-z]:")
_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError)


def decode_name(info: zipfile.ZipInfo) -> str:
    """The member's name as the sender saw it (see module docstring), with ``/`` separators."""
    if info.flag_bits & _UTF8_FLAG:
        name = info.filename
    else:
        name = decode_name_bytes(info.filename.encode("cp437"))
    return name.replace("\\", "/")


def unsafe_reason(name: str, info: zipfile.ZipInfo) -> str | None:
    """Why a member must not be unpacked (Chinese), or None when it is safe."""
    if stat.S_ISLNK(info.external_attr >> 16):
        return "压缩包内的符号链接，已忽略"
    parts = name.split("/")
    if name.startswith("/") or _DRIVE.match(name) or ".." in parts:
        return f"压缩包内文件路径不安全（{name}），已拒绝解压"
    return None


def unpack(blob: Path, ctx: UnpackContext) -> Unpacked:
    """Members of the zip at ``blob`` (see :mod:`intake.unpackers.base`)."""
    try:
        with zipfile.ZipFile(blob) as zf:
            infos = [i for i in zf.infolist() if not i.is_dir()]
            if any(i.flag_bits & 0x1 for i in infos):
                return Unpacked(error=ENCRYPTED)
            if _is_bomb(infos, ctx):
                return Unpacked(error=BOMB)
            return Unpacked(members=tuple(_members(zf, infos, ctx)))
    except TooLarge:
        return Unpacked(error=BOMB)
    except NotImplementedError:
        return Unpacked(error="压缩包使用了不支持的压缩方式，请改用常见的 zip 格式")
    except _ERRORS:
        return Unpacked(error=CORRUPT)


def _is_bomb(infos: list[zipfile.ZipInfo], ctx: UnpackContext) -> bool:
    """Declared sizes past the budget, or a large member compressed too well."""
    lim = ctx.limits
    if len(infos) > ctx.budget.members or sum(i.file_size for i in infos) > ctx.budget.bytes:
        return True
    return any(i.file_size >= lim.ratio_min_bytes and i.file_size > lim.max_ratio * max(i.compress_size, 1)
               for i in infos)


def _members(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], ctx: UnpackContext):
    taken: set[str] = set()
    for info in infos:
        name = printable(decode_name(info))
        reason = unsafe_reason(name, info)
        if reason or clutter_reason(name):  # clutter is listed by the walker, never read
            yield Member(unique_name(name, taken), reason=reason)
            continue
        with zf.open(info) as f:  # streamed; the size read is capped by the budget
            blob = ctx.store.put_stream(f, limit=min(ctx.budget.bytes, info.file_size))
        ctx.budget.bytes -= blob.size
        ctx.budget.members -= 1
        yield Member(unique_name(name, taken), blob=blob)
