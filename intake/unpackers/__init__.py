"""Unpackers by container kind (STYLE.md point 2): kind -> ``unpack(blob, ctx) -> Unpacked``.

To add a format, write one module following :mod:`intake.unpackers.base` and
add one line here. A container kind sniffed but not listed here is reported unreadable with
:data:`UNSUPPORTED` so that nothing is silently dropped.
"""

from __future__ import annotations

from intake.unpackers import eml_unpack, msg_unpack, rar_unpack, sevenzip_unpack, tar_unpack, zip_unpack
from intake.unpackers.base import Limits, Unpacked, UnpackContext, Unpacker

UNPACKERS: dict[str, Unpacker] = {
    "zip": zip_unpack.unpack,
    "eml": eml_unpack.unpack,
    "msg": msg_unpack.unpack,
    "7z": sevenzip_unpack.unpack,
    "rar": rar_unpack.unpack,
    "tar": tar_unpack.unpack,
    "gz": tar_unpack.unpack,
    "bz2": tar_unpack.unpack,
    "xz": tar_unpack.unpack,
}

#: kinds that are containers: their members matter, not their own content
CONTAINER_KINDS = frozenset({"zip", "eml", "msg", "7z", "rar", "tar", "gz", "bz2", "xz"})

UNSUPPORTED = "暂不支持解压此格式（{kind}），请改用 zip 压缩包发送"

__all__ = ["CONTAINER_KINDS", "Limits", "UNPACKERS", "UNSUPPORTED", "UnpackContext", "Unpacked", "Unpacker"]
