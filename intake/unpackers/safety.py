"""Checks every unpacker applies to every member, whatever the format.

    path_reason(name) -> str | None           a path that escapes: ``../``, absolute, drive letter
    declared_bomb(sizes, packed, ctx) -> bool  declared sizes past the budget or the ratio
    CappedReader(raw, ctx, packed)             a decompressed stream that stops (TooLarge) past the
                                               budget or the ratio, for formats whose sizes are only
                                               known while reading (tar.gz, lone .gz/.bz2/.xz)
    take(ctx, blob)                            charge one stored member to the budget
"""

from __future__ import annotations

import re
from typing import BinaryIO

from intake.store import Blob, TooLarge
from intake.unpackers.base import UnpackContext

SYMLINK = "压缩包内的符号链接，已忽略"
HARDLINK = "压缩包内的硬链接，已忽略"
SPECIAL = "压缩包内的特殊文件（设备、管道等），已忽略"
_DRIVE = re.compile(r"^[A-Za-z]:")


def path_reason(name: str) -> str | None:
    """Why ``name`` (``/`` or ``\\`` separated) must not be unpacked (Chinese), None when safe."""
    norm = name.replace("\\", "/")
    parts = norm.split("/")
    if norm.startswith("/") or _DRIVE.match(norm) or ".." in parts:
        return f"压缩包内文件路径不安全（{name}），已拒绝解压"
    return None


def declared_bomb(sizes: list[int], packed: int, ctx: UnpackContext) -> bool:
    """The members' declared sizes: too many, too much in total, or (in total) compressed too well."""
    lim, total = ctx.limits, sum(sizes)
    if len(sizes) > ctx.budget.members or total > ctx.budget.bytes:
        return True
    return total >= lim.ratio_min_bytes and total > lim.max_ratio * max(packed, 1)


def ratio_cap(packed: int, ctx: UnpackContext) -> int:
    """The most bytes a container of ``packed`` bytes may unpack to (budget and ratio)."""
    lim = ctx.limits
    return min(ctx.budget.bytes, max(lim.ratio_min_bytes, lim.max_ratio * max(packed, 1)))


def take(ctx: UnpackContext, blob: Blob) -> None:
    ctx.budget.bytes -= blob.size
    ctx.budget.members -= 1


class CappedReader:
    """Reads ``raw`` (a decompressing stream) and raises TooLarge once more than ``cap`` bytes came out."""

    def __init__(self, raw: BinaryIO, cap: int) -> None:
        self.raw, self.cap, self.done = raw, cap, 0

    def read(self, n: int = -1) -> bytes:
        if n is None or n < 0:
            chunks = []
            while chunk := self.read(1 << 20):
                chunks.append(chunk)
            return b"".join(chunks)
        data = self.raw.read(n)
        self.done += len(data)
        if self.done > self.cap:
            raise TooLarge(self.done)
        return data

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False
