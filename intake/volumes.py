"""Multi-volume archives: which sibling files form one set, whether the set is complete, and the
joined bytes of a set that can be joined.

    volume_sets(names) -> list[VolumeSet]          pure: names (``/``-separated paths) -> sets
    join_split(parts, store, limit) -> Blob        ``x.7z.001`` ... : the pieces, one after another
    join_split_zip(parts, store, limit) -> Blob | str   ``x.z01`` ... ``x.zip``: one ordinary zip
                                                   (offsets rewritten), or a Chinese reason
    is_rar_volume(head) -> bool                    the RAR main header says "one of a set"

Styles: ``split`` (``<name>.001``, ``.002`` ... made by 7-Zip's or any file splitter),
``zip`` (``<name>.z01`` ... and ``<name>.zip`` last, made by WinZip / ``zip -s``),
``rar`` (``<name>.part1.rar`` ... or the old ``<name>.rar`` with ``.r00``, ``.r01`` ...; RAR sets
are not joined: :mod:`intake.unpackers.rar_unpack` reads the volumes in order).
A lone ``x.7z.001`` or ``x.part1.rar`` is a set of one (it may be all there is). Gaps, a missing
first part, or ``.z01`` without its ``.zip`` make the set incomplete (``missing`` says what, in
Chinese). Names are compared case-insensitively, within one folder.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from intake.store import Blob, BlobStore

_SPLIT = re.compile(r"^(?P<base>.+)\.(?P<n>\d{3})$", re.I)
_ZIP = re.compile(r"^(?P<base>.+)\.z(?P<n>\d{2,3})$", re.I)
_RAR_NEW = re.compile(r"^(?P<base>.+)\.part(?P<n>\d{1,3})\.rar$", re.I)
_RAR_OLD = re.compile(r"^(?P<base>.+)\.r(?P<n>\d{2,3})$", re.I)
_EOCD = b"PK\x05\x06"
_CDH = b"PK\x01\x02"


@dataclass(frozen=True)
class VolumeSet:
    style: str  # split | zip | rar
    names: tuple[str, ...]  # the parts present, in volume order (the first names the set)
    missing: str | None = None  # Chinese reason when the set is incomplete


def volume_sets(names: Iterable[str]) -> list[VolumeSet]:
    """Every multi-volume set among ``names`` (each name in at most one set), sorted by first name."""
    by_lower = {n.lower(): n for n in names}
    groups: dict[tuple[str, str], dict[int, str]] = {}
    bases: dict[tuple[str, str], str] = {}
    for _, name in sorted(by_lower.items()):
        for style, pattern in (("rar", _RAR_NEW), ("rar-old", _RAR_OLD), ("zip", _ZIP), ("split", _SPLIT)):
            m = pattern.match(name)
            if m:
                key = (style, m["base"].lower())
                groups.setdefault(key, {})[int(m["n"])] = name
                bases.setdefault(key, m["base"])
                break
    sets = [_make_set(style, bases[(style, low)], parts, by_lower) for (style, low), parts in groups.items()]
    return sorted((s for s in sets if s is not None), key=lambda s: s.names[0].lower())


def _make_set(style: str, base: str, parts: dict[int, str], by_lower: dict[str, str]) -> VolumeSet | None:
    """The set of ``parts`` (volume number -> name), with what is missing."""
    if style == "split" and set(parts) == {1}:
        return None  # x.7z.001 alone: an ordinary file that happens to be numbered
    if style == "rar-old":  # x.rar, x.r00, x.r01 ...
        first = by_lower.get(base.lower() + ".rar")
        names = ((first,) if first else ()) + tuple(parts[n] for n in sorted(parts))
        gap = _gap(parts, 0)
        missing = f"{base}.rar" if not first else (f"{base}.r{gap:02d}" if gap is not None else None)
        return VolumeSet("rar", names, _reason(missing, len(names)))
    if style == "zip":  # x.z01, x.z02 ..., x.zip last
        last = by_lower.get(base.lower() + ".zip")
        names = tuple(parts[n] for n in sorted(parts)) + ((last,) if last else ())
        gap = _gap(parts, 1)
        missing = f"{base}.z{gap:02d}" if gap is not None else (None if last else f"{base}.zip")
        return VolumeSet("zip", names, _reason(missing, len(names)))
    gap = _gap(parts, 1)
    names = tuple(parts[n] for n in sorted(parts))
    if gap is None:
        return VolumeSet(style, names)
    shown = f"{base}.part{gap}.rar" if style == "rar" else f"{base}.{gap:03d}"
    return VolumeSet(style, names, _reason(shown, len(names)))


def _gap(parts: dict[int, str], start: int) -> int | None:
    """The first missing volume number below the highest present, or None."""
    n = start
    while n in parts:
        n += 1
    return n if n <= max(parts, default=start - 1) else None


def _reason(missing: str | None, received: int) -> str | None:
    if missing is None:
        return None
    return f"分卷压缩包不全：缺少 {missing}（收到 {received} 卷），请发送全部分卷"


def is_rar_volume(head: bytes) -> bool:
    """Whether the RAR archive starting with ``head`` is a volume of a multi-volume set (its main
    header's volume flag). ``x.part1.rar`` and ``x.part2.rar`` that are each complete archives
    are then read one by one, so nothing in the second is lost."""
    if head.startswith(b"Rar!\x1a\x07\x00"):
        return len(head) >= 12 and head[9] == 0x73 and bool(head[10] & 0x01)
    if head.startswith(b"Rar!\x1a\x07\x01\x00"):
        fields, pos = [], 12
        try:
            while len(fields) < 6 and pos < len(head):
                value, pos = _vint(head, pos)
                fields.append(value)
            _size, htype, hflags, *rest = fields
        except (ValueError, IndexError):
            return False
        if htype != 1:
            return False
        rest = rest[(1 if hflags & 1 else 0) + (1 if hflags & 2 else 0):]
        return bool(rest and rest[0] & 0x01)
    return False


def _vint(data: bytes, pos: int) -> tuple[int, int]:
    value, shift = 0, 0
    while True:
        b = data[pos]
        value |= (b & 0x7F) << shift
        pos, shift = pos + 1, shift + 7
        if not b & 0x80:
            return value, pos
        if shift > 63:
            raise ValueError("vint too long")


# ---------------------------------------------------------------------------- joining


def join_split(parts: list[Path], store: BlobStore, limit: int) -> Blob:
    """The pieces of a ``.001`` set, one after another (raises TooLarge past ``limit``)."""
    handles = [open(p, "rb") for p in parts]
    try:
        return store.put_streams(handles, limit=limit)
    finally:
        for h in handles:
            h.close()


def join_split_zip(parts: list[Path], store: BlobStore, limit: int) -> Blob | str:
    """A split zip as one ordinary zip: disks concatenated, the central directory's disk numbers
    set to 0 and its offsets made absolute. A Chinese reason when the set cannot be joined."""
    sizes = [p.stat().st_size for p in parts]
    if sum(sizes) > limit:
        return "分卷压缩包解压后过大，已拒绝解压"
    last = parts[-1].read_bytes()
    pos = last.rfind(_EOCD, max(0, len(last) - 65557))
    if pos < 0 or len(last) < pos + 22:
        return "分卷压缩包已损坏：最后一卷（.zip）没有目录"
    disk, cd_disk, _, total, cd_size, cd_off, _ = struct.unpack_from("<HHHHIIH", last, pos + 4)
    if disk != len(parts) - 1:
        return f"分卷压缩包不全：共 {disk + 1} 卷，收到 {len(parts)} 卷，请发送全部分卷"
    if cd_disk != disk or cd_off + cd_size > pos:
        return "分卷压缩包的目录跨卷存放，暂不支持，请重新压缩为单个 zip 后发送"
    with open(parts[0], "rb") as f:
        skip = 4 if f.read(4) in (b"PK\x07\x08", b"PK00") else 0  # the split marker, dropped
    starts = [sum(sizes[:i]) - skip for i in range(len(parts))]
    cd = _rebase(last[cd_off:cd_off + cd_size], starts)
    if cd is None:
        return "分卷压缩包格式不受支持（zip64 或目录损坏），请重新压缩为单个 zip 后发送"
    eocd = bytearray(last[pos:])
    struct.pack_into("<HHHHII", eocd, 4, 0, 0, total, total, cd_size, starts[-1] + cd_off)
    out = store.writer(limit)
    for n, p in enumerate(parts[:-1]):
        with open(p, "rb") as f:
            f.seek(skip if n == 0 else 0)
            while chunk := f.read(1 << 20):
                out.write(chunk)
    out.write(last[skip if len(parts) == 1 else 0:cd_off])
    out.write(cd)
    out.write(bytes(eocd))
    return out.commit()


def _rebase(cd: bytes, starts: list[int]) -> bytes | None:
    """The central directory with every entry's disk set to 0 and offset made absolute."""
    out, i = bytearray(cd), 0
    while i + 46 <= len(out) and out[i:i + 4] == _CDH:
        n, m, k, disk = struct.unpack_from("<HHHH", out, i + 28)
        (rel,) = struct.unpack_from("<I", out, i + 42)
        if disk >= len(starts) or rel == 0xFFFFFFFF or not 0 <= starts[disk] + rel <= 0xFFFFFFFF:
            return None
        struct.pack_into("<H", out, i + 34, 0)
        struct.pack_into("<I", out, i + 42, starts[disk] + rel)
        i += 46 + n + m + k
    return bytes(out) if i == len(out) else None
