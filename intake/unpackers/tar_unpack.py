"""Tar archives (plain, .tar.gz/.tgz, .tar.bz2, .tar.xz) and lone .gz/.bz2/.xz files, stdlib only.

The blob is read once, as a stream: decompressed through a capped reader (the budget, and the
ratio to the compressed size) and walked member by member with ``tarfile`` in stream mode, so a
bomb stops as soon as it has given too much. Regular files are stored; refused (a Member with a
Chinese reason): paths that escape (also what ``tarfile.data_filter`` refuses), symbolic and hard
links, devices and pipes. Names are decoded like zip names (UTF-8, else GB18030, else ``%XX``).
A compressed file that is not a tar is one member named after the container without its
``.gz``/``.bz2``/``.xz`` (``报告.docx.gz`` -> ``报告.docx``).
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import tarfile
from pathlib import Path, PurePosixPath

from intake.clutter import clutter_reason
from intake.names import fs_name, printable
from intake.store import TooLarge
from intake.unpackers.base import BOMB, CORRUPT, Member, UnpackContext, Unpacked, unique_name
from intake.unpackers.safety import HARDLINK, SPECIAL, SYMLINK, CappedReader, path_reason, ratio_cap, take

_OPENERS = {"gz": gzip.open, "bz2": bz2.open, "xz": lzma.open}
_SUFFIXES = {"gz": (".tgz", ".gz"), "bz2": (".tbz2", ".tbz", ".bz2"), "xz": (".txz", ".xz")}
_DEST = "/nonexistent-paperdesk-dest"


def unpack(blob: Path, ctx: UnpackContext) -> Unpacked:
    """Members of the tar / compressed file at ``blob`` (``ctx.name`` tells gz, bz2, xz apart)."""
    kind = _compression(blob)
    try:
        if _is_tar(blob, kind):
            return Unpacked(members=tuple(_tar_members(blob, kind, ctx)))
        if kind is None:
            return Unpacked(error=CORRUPT)
        return Unpacked(members=(_lone_member(blob, kind, ctx),))
    except TooLarge:
        return Unpacked(error=BOMB)
    except Exception:  # noqa: BLE001 - tarfile and the codecs raise many types on hostile bytes
        return Unpacked(error=CORRUPT)


def _compression(blob: Path) -> str | None:
    with open(blob, "rb") as f:
        head = f.read(6)
    for magic, kind in ((b"\x1f\x8b", "gz"), (b"BZh", "bz2"), (b"\xfd7zXZ\x00", "xz")):
        if head.startswith(magic):
            return kind
    return None


def _stream(blob: Path, kind: str | None, ctx: UnpackContext) -> CappedReader:
    raw = _OPENERS[kind](blob, "rb") if kind else open(blob, "rb")
    return CappedReader(raw, ratio_cap(blob.stat().st_size, ctx) if kind else ctx.budget.bytes)


def _is_tar(blob: Path, kind: str | None) -> bool:
    """Whether the (decompressed) bytes start with a tar header."""
    try:
        with (_OPENERS[kind](blob, "rb") if kind else open(blob, "rb")) as f:
            head = f.read(512)
    except Exception:  # noqa: BLE001 - a broken stream is simply not a tar
        return False
    if len(head) < 512:
        return False
    if head[257:262] == b"ustar":
        return True
    try:
        tarfile.TarInfo.frombuf(head, "utf-8", "surrogateescape")
        return True
    except tarfile.HeaderError:
        return False


def _tar_members(blob: Path, kind: str | None, ctx: UnpackContext):
    taken: set[str] = set()
    stream = _stream(blob, kind, ctx)
    try:
        with tarfile.open(fileobj=stream, mode="r|", encoding="utf-8", errors="surrogateescape") as tf:
            for info in tf:
                if info.isdir():
                    continue
                name = printable(fs_name(info.name))
                reason = _refused(info)
                if reason or clutter_reason(name):
                    yield Member(unique_name(name, taken), reason=reason)
                    continue
                if ctx.budget.members <= 0:
                    raise TooLarge(0)
                blob_ = ctx.store.put_stream(tf.extractfile(info), limit=ctx.budget.bytes)
                take(ctx, blob_)
                yield Member(unique_name(name, taken), blob=blob_)
    finally:
        stream.raw.close()


def _refused(info: tarfile.TarInfo) -> str | None:
    """Why the tar member must not be unpacked (Chinese), None for a safe regular file."""
    if info.issym():
        return SYMLINK
    if info.islnk():
        return HARDLINK
    if not info.isreg():
        return SPECIAL
    reason = path_reason(info.name)
    if reason:
        return reason
    try:
        tarfile.data_filter(info, _DEST)
    except tarfile.FilterError:
        return f"压缩包内文件路径不安全（{printable(fs_name(info.name))}），已拒绝解压"
    return None


def _lone_member(blob: Path, kind: str, ctx: UnpackContext) -> Member:
    """A compressed single file: one member named after the container."""
    stream = _stream(blob, kind, ctx)
    try:
        data = ctx.store.put_stream(stream, limit=ctx.budget.bytes)
    finally:
        stream.raw.close()
    take(ctx, data)
    return Member(_inner_name(ctx.name, kind), blob=data)


def _inner_name(name: str, kind: str) -> str:
    """``a.docx.gz`` -> ``a.docx``, ``a.tgz`` -> ``a.tar``; a name without the suffix keeps it whole."""
    base = PurePosixPath(name or "file").name
    for suffix in _SUFFIXES[kind]:
        if base.lower().endswith(suffix):
            stem = base[: -len(suffix)]
            return stem + ".tar" if suffix.startswith(".t") and suffix != ".gz" else (stem or "file")
    return base + ".out"
